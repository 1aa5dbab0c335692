#!/usr/bin/env bash
# Benchmark /jobs with 1,000 jobs every minute: Deckhand's CPU and RSS at rest and while its
# outside jobs ping it at 50 requests a second, the ping latency, and how late a missed-run alert
# reaches Slack after slot + grace (goal: 30 s).
#
#   ./mvnw -B -q package -DskipTests && nice bench/jobs.sh [--outside 950] [--scripts 50] [--rate 50]
#
# Needs java, curl and python3 (standard library only). Nothing leaves this machine: Slack's Web
# API is bench/fake_slack.py on loopback, the store is in-memory H2, the config and the scripts
# live in a temporary directory. Everything started here is stopped on exit. It takes about
# 5 minutes. Results are printed and written to bench/results/jobs-latest.txt and .json
# (git-ignored), Deckhand's log to bench/results/jobs-latest.log and its /metrics job lines to
# bench/results/jobs-latest.metrics.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

outside=950
scripts=50
rate=50
seconds=60
rest=60
stop=10
grace=2m
seed=1
pairs=0.4
jar="$root/target/deckhand.jar"

usage() {
    cat <<EOF
usage: bench/jobs.sh [--outside N] [--scripts N] [--rate R] [--seconds S] [--rest S] [--stop N] [--grace D] [--seed N] [--jar PATH]

  --outside N   jobs run elsewhere that report through /ping, half "* * * * *", half "every: 1m" (default 950)
  --scripts N   jobs Deckhand runs itself every minute, a script that exits 0 (default 50)
  --rate R      pings a second while pinging (default 50)
  --seconds S   how long the pinged CPU, RSS and latency are measured (default 60); pinging goes on
                while the missed-run alerts are awaited
  --rest S      how long Deckhand is measured at rest, before any ping (default 60)
  --stop N      outside jobs that stop pinging, whose missed-run alerts are timed (default 10)
  --grace D     the outside jobs' grace (default 2m: with 1m, the never-run rule would call
                them all missed before the rest measurement and the first round of pings end)
  --pairs F     share of job visits that are /start?rid= then an end 1-5 s later (default 0.4);
                the rest are plain success pings, a tenth of them POSTing a log
  --seed N      seed of the ping order (default 1)
  --jar PATH    jar to run (default target/deckhand.jar)
EOF
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --outside) outside="${2:?--outside needs a number}"; shift 2 ;;
        --scripts) scripts="${2:?--scripts needs a number}"; shift 2 ;;
        --rate) rate="${2:?--rate needs a number}"; shift 2 ;;
        --seconds) seconds="${2:?--seconds needs seconds}"; shift 2 ;;
        --rest) rest="${2:?--rest needs seconds}"; shift 2 ;;
        --stop) stop="${2:?--stop needs a number}"; shift 2 ;;
        --grace) grace="${2:?--grace needs a duration}"; shift 2 ;;
        --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
        --pairs) pairs="${2:?--pairs needs a share, 0-0.9}"; shift 2 ;;
        --jar) jar="${2:?--jar needs a path}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done
case "$grace" in
    *s) grace_s="${grace%s}" ;;
    *m) grace_s=$(( ${grace%m} * 60 )) ;;
    *) echo "--grace: write it like 90s or 2m" >&2; exit 2 ;;
esac

for tool in java curl python3; do
    command -v "$tool" >/dev/null || { echo "bench needs $tool on the PATH" >&2; exit 2; }
done
if [[ ! -f "$jar" ]]; then
    echo "$jar not found; build it first: ./mvnw -B -q package -DskipTests" >&2
    exit 2
fi
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"

secret=bench-secret
work="$(mktemp -d "${TMPDIR:-/tmp}/deckhand-jobs-bench.XXXXXX")"
java_pid=""
slack_pid=""

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cleanup() {
    stop_pid "$java_pid"
    stop_pid "$slack_pid"
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM


# The config: $scripts script jobs on "* * * * *", then $outside outside jobs, alternately
# "* * * * *" and "every: 1m", spread over 50 channels (Deckhand posts about once a second per channel).
mkdir -p "$work/data" "$work/scripts"
printf '#!/bin/sh\nexit 0\n' > "$work/scripts/noop.sh"
chmod +x "$work/scripts/noop.sh"
: > "$work/outside.txt"
{
    cat <<'EOF'
timezone: UTC
slack:
  channel: "#bench"
access:
  admins: [U0BENCH]
scripts:
  dir: scripts
  list:
    - { name: noop, command: [noop.sh], timeout: 1m }
jobs:
EOF
    for i in $(seq -f '%03g' 0 $((scripts - 1))); do
        printf '  - { name: run-%s, schedule: "* * * * *", run: { script: noop }, timeout: 1m, channel: "#bench-runs" }\n' "$i"
    done
    for n in $(seq 0 $((outside - 1))); do
        name="$(printf 'ping-%03d' "$n")"
        if (( n % 2 == 0 )); then
            printf '  - { name: %s, schedule: "* * * * *", grace: %s, channel: "#bench-%02d" }\n' "$name" "$grace" $((n % 50))
            echo "$name cron" >> "$work/outside.txt"
        else
            printf '  - { name: %s, every: 1m, grace: %s, channel: "#bench-%02d" }\n' "$name" "$grace" $((n % 50))
            echo "$name every" >> "$work/outside.txt"
        fi
    done
} > "$work/deckhand.yml"
if ! check="$(cd "$work" && java -jar "$jar" check-config "$work/deckhand.yml" 2>&1)"; then
    echo "bench: the generated config does not check: $check" >&2
    exit 1
fi

slack_port="$(free_port)"
python3 "$here/fake_slack.py" "$slack_port" &
slack_pid=$!
wait_http "http://127.0.0.1:$slack_port/_stats"

port="$(free_port)"
while [[ "$port" == "$slack_port" ]]; do port="$(free_port)"; done
base="http://127.0.0.1:$port"
log="$work/deckhand.log"

echo "bench: starting $jar with $scripts script jobs and $outside outside jobs on port $port (fake Slack on $slack_port)" >&2
started_at="$(date +%s.%N)"
(
    cd "$work"
    exec env DECKHAND_CONFIG="$work/deckhand.yml" \
        DECKHAND_PORT="$port" \
        DECKHAND_DB_URL='jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1' \
        SLACK_SIGNING_SECRET="$secret" \
        SLACK_BOT_TOKEN=xoxb-bench-not-a-real-token \
        SLACK_API_URL="http://127.0.0.1:$slack_port/api/" \
        AWS_REGION=ap-northeast-2 \
        AWS_ACCESS_KEY_ID=AKIDBENCHNOTAREALKEY \
        AWS_SECRET_ACCESS_KEY=bench-not-a-real-secret \
        AWS_CONFIG_FILE="$work/no-aws-config" \
        AWS_SHARED_CREDENTIALS_FILE="$work/no-aws-credentials" \
        AWS_EC2_METADATA_DISABLED=true \
        java -jar "$jar" serve
) >"$log" 2>&1 &
java_pid=$!

healthy=""
for _ in $(seq 1800); do  # up to 90 s
    if ! kill -0 "$java_pid" 2>/dev/null; then
        echo "bench: Deckhand exited during start-up; its log:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$base/healthz" || true)"
    if [[ "$code" == 200 ]]; then
        healthy=yes
        break
    fi
    sleep 0.05
done
if [[ -z "$healthy" ]]; then
    echo "bench: /healthz did not answer 200 within 90 s; last status $code; log:" >&2
    tail -n 40 "$log" >&2
    exit 1
fi
startup="$(awk -v a="$started_at" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
sleep 3  # let start-up settle before the rest window
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "bench: at rest ${rest} s, then pinging at ${rate}/s; then ${stop} jobs stop and their missed-run alerts are awaited" >&2
r="$work/jobs.json"
if ! python3 "$here/jobs_ping.py" --base "$base" --slack "http://127.0.0.1:$slack_port" --pid "$java_pid" \
        --jobs "$work/outside.txt" --grace "$grace_s" --rest "$rest" --rate "$rate" --seconds "$seconds" \
        --stop "$stop" --seed "$seed" --pairs "$pairs" > "$r"; then
    echo "bench: the measurement did not complete; Deckhand's log:" >&2
    tail -n 40 "$log" >&2
    exit 1
fi
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$here/results"
cp "$r" "$here/results/jobs-latest.json"  # kept even if the report below fails
scrape_s="$(curl -fsS -o "$work/metrics-all.txt" -w '%{time_total}' "$base/metrics" || echo n/a)"
grep -E '^(# (HELP|TYPE) )?deckhand_job' "$work/metrics-all.txt" > "$work/metrics.txt" || true
metric_names="$(grep -vE '^#' "$work/metrics.txt" | sed -E 's/[{ ].*//' | sort -u | tr '\n' ' ')"
warnings="$(grep -cE ' (WARN|ERROR) ' "$log" || true)"
slack_counts="$(curl -fsS "http://127.0.0.1:$slack_port/_stats")"
slack_posts="$(python3 -c '
import json, sys
c = json.loads(sys.argv[1])
posts = sum(v for k, v in c.items() if k.endswith("/chat.postMessage"))
replies = sum(v for k, v in c.items() if k.endswith("/chat.postMessage in a thread"))
edits = sum(v for k, v in c.items() if k.endswith("/chat.update"))
print("%d / %d; %d" % (posts - replies, replies, edits))' "$slack_counts")"
sum_metric() {  # sum_metric REGEX: the sum of the metrics.txt lines matching it
    { grep -E "$1" "$work/metrics.txt" || true; } | awk '{ s += $NF } END { print s + 0 }'
}
script_runs="$(sum_metric '^deckhand_job_runs_total\{job_name="run-[0-9]+",outcome="succeeded"')"
outcomes="$({ grep -E '^deckhand_job_runs_total\{' "$work/metrics.txt" || true; } | sed -E 's/.*outcome="([a-z_]+)".* ([0-9.]+)$/\1 \2/' \
    | awk '{ s[$1] += $2 } END { for (k in s) printf "%s %d, ", k, s[k] }' | sed 's/, $//')"
alerts_opened="$(sum_metric '^deckhand_job_alerts_total\{.*kind="opened"')"
alerts_recovered="$(sum_metric '^deckhand_job_alerts_total\{.*kind="recovered"')"
alive=yes
kill -0 "$java_pid" 2>/dev/null || alive=no

verdict="$(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))["missed"]
v = m.get("delay_s_max")
print("n/a" if v is None else ("within" if v <= 30 else "OVER") + " the 30 s goal")' "$r")"

report="$(cat <<EOF
Deckhand jobs benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')
commit     $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (modified)')
java       $(java -version 2>&1 | head -n 1)
machine    $(uname -sm), $(nproc) CPUs, $(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo); load average ${load_before} before, ${load_after} after
jobs       ${scripts} script jobs "* * * * *" (exit 0), ${outside} outside jobs (half "* * * * *", half every 1m, grace ${grace}); in-memory H2
pings      ${rate}/s, each job in turn in a random order; ${pairs} of visits a /start?rid= and an end 1-5 s later
start-up   ${startup} s to the first healthy /healthz

| measure                                         | value |
| ----------------------------------------------- | ----- |
| at rest: CPU (of one core), over                | $(json_get "$r" rest.cpu_percent_of_one_core) % over $(json_get "$r" rest.seconds) s |
| at rest: RSS avg / max                          | $(json_get "$r" rest.rss_mb_avg) / $(json_get "$r" rest.rss_mb_max) MB |
| pinged: rate sent                               | $(json_get "$r" pings.per_second)/s ($(json_get "$r" pings.requests) requests: $(json_get "$r" pings.kinds)) |
| pinged: statuses                                | $(json_get "$r" pings.statuses) |
| pinged: CPU (of one core)                       | $(json_get "$r" pinged.cpu_percent_of_one_core) % over $(json_get "$r" pinged.seconds) s |
| pinged: RSS avg / max                           | $(json_get "$r" pinged.rss_mb_avg) / $(json_get "$r" pinged.rss_mb_max) MB |
| ping latency p50 / p90 / p99 / max              | $(json_get "$r" pings.p50_ms) / $(json_get "$r" pings.p90_ms) / $(json_get "$r" pings.p99_ms) / $(json_get "$r" pings.max_ms) ms |
| ping latency, whole run p50 / p99 / max         | $(json_get "$r" pings_whole_run.p50_ms) / $(json_get "$r" pings_whole_run.p99_ms) / $(json_get "$r" pings_whole_run.max_ms) ms ($(json_get "$r" pings_whole_run.requests) requests, $(json_get "$r" pings_whole_run.statuses)) |
| missed-run alert after slot + grace min / median / max | $(json_get "$r" missed.delay_s_min) / $(json_get "$r" missed.delay_s_median) / $(json_get "$r" missed.delay_s_max) s, ${verdict} ($(json_get "$r" missed.alerts_arrived) of ${stop} arrived) |
| false missed alerts (jobs still pinged)         | $(json_get "$r" missed.false_alarms) |
| while awaiting the alerts: CPU; RSS max         | $(json_get "$r" during_missed_phase.cpu_percent_of_one_core) % over $(json_get "$r" during_missed_phase.seconds) s; $(json_get "$r" during_missed_phase.rss_mb_max) MB |
| script job runs succeeded (from /metrics)       | ${script_runs} (${scripts} jobs) |
| all runs by outcome (from /metrics)             | ${outcomes} |
| alerts opened / recovered (from /metrics)       | ${alerts_opened} / ${alerts_recovered} |
| Slack posts: in channels / thread replies; edits | ${slack_posts} |
| ticks the pinger could not keep                 | $(json_get "$r" late_ticks) |
| one GET /metrics at the end                     | ${scrape_s} s, $(wc -c < "$work/metrics-all.txt" | tr -d ' ') bytes |

fake Slack calls  ${slack_counts}
job metrics       ${metric_names}
log WARN/ERROR    ${warnings} lines
alive after       ${alive}
EOF
)"

mkdir -p "$here/results"
printf '%s\n' "$report" | tee "$here/results/jobs-latest.txt"
cp "$r" "$here/results/jobs-latest.json"
cp "$log" "$here/results/jobs-latest.log"
cp "$work/metrics.txt" "$here/results/jobs-latest.metrics"
echo "(written to bench/results/jobs-latest.txt and .json; Deckhand's log in bench/results/jobs-latest.log, job metrics in jobs-latest.metrics)" >&2
