#!/usr/bin/env bash
# Benchmark one /deploy to a fleet of fake hosts: SSM calls per poll, Slack edits per minute,
# time from the last host finishing to the final Slack edit, and Deckhand's memory during it.
#
#   ./mvnw -B -q package -DskipTests && bench/deploy.sh [--hosts 200] [--finish-from 20] [--finish-to 40]
#
# Needs java, curl and python3 (standard library only). Nothing leaves this machine: Slack's
# Web API is bench/fake_slack.py and ECR and SSM are bench/fake_aws.py, both on loopback; the
# store is in-memory H2 and the config lives in a temporary directory. Everything started here
# is stopped on exit. Results are printed and written to bench/results/deploy-latest.txt
# (git-ignored), Deckhand's log to bench/results/deploy-latest.log.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1  # deploy_run.py imports ack_latency.py; leave no __pycache__ in bench/

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

hosts=200
finish_from=20
finish_to=40
failures=0
seed=1
jar="$root/target/deckhand.jar"

usage() {
    cat <<EOF
usage: bench/deploy.sh [--hosts N] [--finish-from S] [--finish-to S] [--failures N] [--seed N] [--jar PATH]

  --hosts N         fake instances the deploy targets (default 200)
  --finish-from S   the first host finishes S seconds after SendCommand (default 20)
  --finish-to S     the last host finishes S seconds after SendCommand (default 40)
  --failures N      hosts whose health check fails, for a partial deploy (default 0)
  --seed N          seed of the hosts' finish order (default 1)
  --jar PATH        jar to run (default target/deckhand.jar)
EOF
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --hosts) hosts="${2:?--hosts needs a number}"; shift 2 ;;
        --finish-from) finish_from="${2:?--finish-from needs seconds}"; shift 2 ;;
        --finish-to) finish_to="${2:?--finish-to needs seconds}"; shift 2 ;;
        --failures) failures="${2:?--failures needs a number}"; shift 2 ;;
        --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
        --jar) jar="${2:?--jar needs a path}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done

for tool in java curl python3; do
    command -v "$tool" >/dev/null || { echo "bench needs $tool on the PATH" >&2; exit 2; }
done
if [[ ! -f "$jar" ]]; then
    echo "$jar not found; build it first: ./mvnw -B -q package -DskipTests" >&2
    exit 2
fi
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"

secret=bench-secret
work="$(mktemp -d "${TMPDIR:-/tmp}/deckhand-deploy-bench.XXXXXX")"
java_pid=""
slack_pid=""
aws_pid=""

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cleanup() {
    stop_pid "$java_pid"
    stop_pid "$slack_pid"
    stop_pid "$aws_pid"
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM


# One service whose one environment matches every fake host (tag Env=bench).
mkdir -p "$work/data"
cat > "$work/deckhand.yml" <<'EOF'
timezone: UTC
slack:
  channel: "#bench"
access:
  admins: [U0BENCH]
services:
  - name: web
    repository: web
    healthcheck: "http://localhost:3000/health"
    environments:
      bench: { targets: { "tag:Env": bench }, channel: "#bench-deploy", maxConcurrency: "50%", maxErrors: "10%" }
EOF

slack_port="$(free_port)"
python3 "$here/fake_slack.py" "$slack_port" &
slack_pid=$!
aws_port="$(free_port)"
python3 "$here/fake_aws.py" "$aws_port" --hosts "$hosts" --finish-from "$finish_from" --finish-to "$finish_to" \
    --failures "$failures" --seed "$seed" &
aws_pid=$!
wait_http "http://127.0.0.1:$slack_port/_stats"
wait_http "http://127.0.0.1:$aws_port/stats"

port="$(free_port)"
while [[ "$port" == "$slack_port" || "$port" == "$aws_port" ]]; do port="$(free_port)"; done
base="http://127.0.0.1:$port"
log="$work/deckhand.log"

echo "bench: starting $jar on port $port (fake Slack on $slack_port, fake ECR and SSM on $aws_port)" >&2
(
    cd "$work"
    exec env DECKHAND_CONFIG="$work/deckhand.yml" \
        DECKHAND_PORT="$port" \
        DECKHAND_DB_URL='jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1' \
        SLACK_SIGNING_SECRET="$secret" \
        SLACK_BOT_TOKEN=xoxb-bench-not-a-real-token \
        SLACK_API_URL="http://127.0.0.1:$slack_port/api/" \
        AWS_REGION=ap-northeast-2 \
        AWS_ENDPOINT_URL_SSM="http://127.0.0.1:$aws_port" \
        AWS_ENDPOINT_URL_ECR="http://127.0.0.1:$aws_port" \
        AWS_ACCESS_KEY_ID=AKIDBENCHNOTAREALKEY \
        AWS_SECRET_ACCESS_KEY=bench-not-a-real-secret \
        AWS_CONFIG_FILE="$work/no-aws-config" \
        AWS_SHARED_CREDENTIALS_FILE="$work/no-aws-credentials" \
        AWS_EC2_METADATA_DISABLED=true \
        java -jar "$jar" serve
) >"$log" 2>&1 &
java_pid=$!

healthy=""
for _ in $(seq 1200); do  # up to 60 s
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
    echo "bench: /healthz did not answer 200 within 60 s; last status $code; log:" >&2
    tail -n 40 "$log" >&2
    exit 1
fi
sleep 3  # let start-up settle before the idle RSS
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "bench: /deploy web bench bench-1 to $hosts hosts (finishing ${finish_from}-${finish_to} s after the send)" >&2
r="$work/deploy.json"
if ! python3 "$here/deploy_run.py" --url "$base/slack/events" --secret "$secret" \
        --slack "http://127.0.0.1:$slack_port" --aws "http://127.0.0.1:$aws_port" --pid "$java_pid" \
        --timeout "$(awk -v t="$finish_to" 'BEGIN { print t + 120 }')" > "$r"; then
    echo "bench: the deploy did not complete; Deckhand's log:" >&2
    tail -n 40 "$log" >&2
    exit 1
fi
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
warnings="$(grep -cE ' (WARN|ERROR) ' "$log" || true)"
alive=yes
kill -0 "$java_pid" 2>/dev/null || alive=no

verdict="$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
v = r.get("final_after_last_host_s")
print("n/a" if v is None else ("within" if v <= r["final_goal_s"] else "OVER") + " the %.0f s goal" % r["final_goal_s"])' "$r")"

report="$(cat <<EOF
Deckhand deploy benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')
commit     $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (modified)')
java       $(java -version 2>&1 | head -n 1)
machine    $(uname -sm), $(nproc) CPUs, $(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo); load average ${load_before} before, ${load_after} after
deploy     /deploy web bench bench-1 → $(json_get "$r" hosts) hosts, maxConcurrency $(json_get "$r" max_concurrency); hosts finish $(json_get "$r" first_host_after_send_s)–$(json_get "$r" last_host_after_send_s) s after SendCommand (seed $seed, $failures failing)
outcome    $(json_get "$r" outcome)

| measure                                         | value |
| ----------------------------------------------- | ----- |
| polls (ListCommandInvocations without a token)  | $(json_get "$r" ssm_polls) |
| ListCommandInvocations pages per poll           | $(json_get "$r" ssm_pages_per_poll) (ceil(hosts/50) = $(json_get "$r" ssm_expected_pages_per_poll)) |
| poll spacing, start to start                    | $(json_get "$r" ssm_poll_spacing_s) s |
| one poll, first page to last page               | $(json_get "$r" ssm_poll_duration_ms) ms |
| AWS calls, SendCommand → final edit             | $(json_get "$r" ssm_calls_send_to_final) |
| AWS calls, whole run                            | $(json_get "$r" aws_counts) |
| edits of the deploy message                     | $(json_get "$r" edits) over $(json_get "$r" edits_span_s) s |
| edits per minute                                | $(json_get "$r" edits_per_minute) (by minute after Confirm: $(json_get "$r" edits_by_minute_after_confirm)) |
| most edits in any 1 s window                    | $(json_get "$r" edits_max_in_1s) (gap between edits $(json_get "$r" edit_gap_s) s) |
| edits after the final one (3 s watch)           | $(json_get "$r" edits_after_final) |
| last host finished → final edit                 | $(json_get "$r" final_after_last_host_s) s, ${verdict} |
|   last host → first poll that saw all finished  | $(json_get "$r" last_host_to_poll_that_saw_all_s) s |
|   poll spacing then (the bound on that part)    | $(json_get "$r" poll_spacing_at_last_host_s) s |
|   that poll's last page → final edit            | $(json_get "$r" poll_that_saw_all_to_final_s) s |
| Confirm → SendCommand                           | $(json_get "$r" confirm_to_send_s) s |
| Confirm → final edit                            | $(json_get "$r" confirm_to_final_s) s |
| RSS idle, before /deploy                        | $(json_get "$r" rss_idle_mb) MB |
| RSS peak during the deploy (sampled / VmHWM)    | $(json_get "$r" rss_peak_sampled_mb) / $(json_get "$r" rss_hwm_mb) MB ($(json_get "$r" rss_samples) samples) |
| RSS at the end (3 s after the final edit)       | $(json_get "$r" rss_end_mb) MB |
| Deckhand CPU time, /deploy → 3 s after final    | $(json_get "$r" cpu_s) s |

fake Slack calls  $(json_get "$r" slack_counts)
AWS errors        $(json_get "$r" aws_errors)
log WARN/ERROR    ${warnings} lines
alive after       ${alive}
EOF
)"

mkdir -p "$here/results"
printf '%s\n' "$report" | tee "$here/results/deploy-latest.txt"
cp "$r" "$here/results/deploy-latest.json"
cp "$log" "$here/results/deploy-latest.log"
echo "(written to bench/results/deploy-latest.txt and .json; Deckhand's log in bench/results/deploy-latest.log)" >&2
