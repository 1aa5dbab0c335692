#!/usr/bin/env bash
# Benchmark the built jar: start-up time, idle memory, ack latency of signed slash commands
# at a steady rate, and memory after the load.
#
#   ./mvnw -B -q package -DskipTests && bench/run.sh [--rate N] [--seconds S] [--channels N] [--command /run] [--text hello]
#
# Needs java, curl and python3 (standard library only). Nothing leaves this machine: Slack's
# Web API is replaced by bench/fake_slack.py on loopback, the store is in-memory H2, and the
# config lives in a temporary directory. Everything started here is stopped on exit.
# Results are printed and written to bench/results/latest.txt (git-ignored).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

rate=20
seconds=15
channels=1
command=/run
text=""
text_set=false
jar="$root/target/deckhand.jar"

usage() {
    cat <<EOF
usage: bench/run.sh [--rate N] [--seconds S] [--channels N] [--command CMD] [--text TEXT] [--jar PATH]

  --rate N        signed slash commands per second (default 20)
  --seconds S     how long to send them (default 15)
  --channels N    spread them over N channels (default 1); Slack takes ~1 post per channel per
                  second, so the outbox drains N times faster
  --command CMD   slash command to send (default /run)
  --text TEXT     its text (default: "hello" for /run, "help" for /deckhand, empty otherwise)
  --jar PATH      jar to run (default target/deckhand.jar)
EOF
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --rate) rate="${2:?--rate needs a number}"; shift 2 ;;
        --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
        --channels) channels="${2:?--channels needs a number}"; shift 2 ;;
        --command) command="${2:?--command needs a slash command}"; shift 2 ;;
        --text) text="${2-}"; text_set=true; shift 2 ;;
        --jar) jar="${2:?--jar needs a path}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done
if ! $text_set; then
    case "$command" in
        /run) text=hello ;;
        /deckhand) text=help ;;
        *) text="" ;;
    esac
fi

for tool in java curl python3; do
    command -v "$tool" >/dev/null || { echo "bench needs $tool on the PATH" >&2; exit 2; }
done
if [[ ! -f "$jar" ]]; then
    echo "$jar not found; build it first: ./mvnw -B -q package -DskipTests" >&2
    exit 2
fi
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"

secret=bench-secret
work="$(mktemp -d "${TMPDIR:-/tmp}/deckhand-bench.XXXXXX")"
java_pid=""
fake_pid=""

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cleanup() {
    stop_pid "$java_pid"
    stop_pid "$fake_pid"
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_ns() { date +%s%N; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }
json_get() { python3 -c 'import json, sys; v = json.load(open(sys.argv[1])).get(sys.argv[2]); print("n/a" if v is None else (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v))' "$1" "$2"; }

# A config whose one script answers at once.
mkdir -p "$work/scripts" "$work/data"
cat > "$work/scripts/hello.sh" <<'EOF'
#!/bin/sh
echo "hello, ${1:-bench}"
EOF
chmod +x "$work/scripts/hello.sh"
cat > "$work/deckhand.yml" <<'EOF'
timezone: UTC
slack:
  channel: "#bench"
access:
  admins: [U0BENCH]
scripts:
  dir: scripts
  list:
    - name: hello
      description: Answers at once (benchmark)
      command: [hello.sh, "{name}"]
      params:
        - { name: name, pattern: "[A-Za-z-]{1,32}", default: bench }
      timeout: 30s
      allow: [everyone]
      concurrency: 1000
EOF

slack_port="$(free_port)"
python3 "$here/fake_slack.py" "$slack_port" &
fake_pid=$!
for _ in $(seq 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$slack_port/_stats" 2>/dev/null && break
    sleep 0.05
done

port="$(free_port)"
while [[ "$port" == "$slack_port" ]]; do port="$(free_port)"; done
base="http://127.0.0.1:$port"
log="$work/deckhand.log"

echo "bench: starting $jar on port $port (fake Slack on $slack_port)" >&2
launched="$(now_ns)"
(
    cd "$work"
    exec env DECKHAND_CONFIG="$work/deckhand.yml" \
        DECKHAND_PORT="$port" \
        DECKHAND_DB_URL='jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1' \
        SLACK_SIGNING_SECRET="$secret" \
        SLACK_BOT_TOKEN=xoxb-bench-not-a-real-token \
        SLACK_API_URL="http://127.0.0.1:$slack_port/api/" \
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
        healthy="$(now_ns)"
        break
    fi
    sleep 0.05
done
if [[ -z "$healthy" ]]; then
    echo "bench: /healthz did not answer 200 within 60 s; last status $code; log:" >&2
    tail -n 40 "$log" >&2
    exit 1
fi
startup_s="$(awk -v a="$launched" -v b="$healthy" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')"

sleep 3
idle_rss="$(rss_kb "$java_pid")"

echo "bench: sending $command $text at $rate/s for ${seconds}s" >&2
python3 "$here/ack_latency.py" --url "$base/slack/events" --secret "$secret" \
    --rate "$rate" --seconds "$seconds" --channels "$channels" --command "$command" --text "$text" \
    --response-url "http://127.0.0.1:$slack_port/resp" > "$work/ack.json"

load_ended="$(now_ns)"
sleep 2  # let background work (scripts, replies) finish
loaded_rss="$(rss_kb "$java_pid")"
# Ack figures now: Micrometer's max forgets after a while, and the drain below can take a minute.
metrics="$(curl -s --max-time 5 "$base/metrics" || true)"
# The outbox then drains at Slack's pace: about one post per channel per second.
outbox_depth() { curl -s --max-time 2 "$base/metrics" | awk '$1 == "deckhand_outbox_depth" { printf "%d", $2 }'; }
drained_s=""
for _ in $(seq 600); do  # up to 60 s
    if [[ "$(outbox_depth)" == 0 ]]; then
        drained_s="$(awk -v a="$load_ended" -v b="$(now_ns)" 'BEGIN { printf "%.1f s", (b - a) / 1e9 }')"
        break
    fi
    sleep 0.1
done
[[ -n "$drained_s" ]] || drained_s="not within 60 s ($(outbox_depth) still queued; fewer channels drain slower)"
peak_rss="$(hwm_kb "$java_pid")"
alive=yes
kill -0 "$java_pid" 2>/dev/null || alive=no
server_count="$(awk '$1 == "deckhand_ack_latency_seconds_count" { print $2 }' <<<"$metrics")"
server_sum="$(awk '$1 == "deckhand_ack_latency_seconds_sum" { print $2 }' <<<"$metrics")"
server_max="$(awk '$1 == "deckhand_ack_latency_seconds_max" { print $2 }' <<<"$metrics")"
server_mean_ms="$(awk -v c="${server_count:-0}" -v s="${server_sum:-0}" 'BEGIN { if (c > 0) printf "%.1f", s / c * 1000; else print "n/a" }')"
server_max_ms="$(awk -v c="${server_count:-0}" -v m="${server_max:-0}" 'BEGIN { if (c > 0) printf "%.1f", m * 1000; else print "n/a" }')"
delivery_metrics="$(curl -s --max-time 5 "$base/metrics" || true)"
delivery_p50="$(awk '$1 == "deckhand_outbox_delivery_latency_seconds{quantile=\"0.5\"}" { printf "%.0f", $2 * 1000 }' <<<"$delivery_metrics")"
delivery_p99="$(awk '$1 == "deckhand_outbox_delivery_latency_seconds{quantile=\"0.99\"}" { printf "%.0f", $2 * 1000 }' <<<"$delivery_metrics")"
delivered="$(awk '$1 == "deckhand_outbox_delivery_latency_seconds_count" { printf "%d", $2 }' <<<"$delivery_metrics")"
slack_calls="$(curl -s --max-time 5 "http://127.0.0.1:$slack_port/_stats" || echo '{}')"
warnings="$(grep -cE ' (WARN|ERROR) ' "$log" || true)"

stop_started="$(now_ns)"
stop_pid "$java_pid"
exit_code=0
wait "$java_pid" 2>/dev/null || exit_code=$?
stop_s="$(awk -v a="$stop_started" -v b="$(now_ns)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')"
java_pid=""

a="$work/ack.json"
report="$(cat <<EOF
Deckhand benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')
commit     $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (modified)')
java       $(java -version 2>&1 | head -n 1)
machine    $(uname -sm), $(nproc) CPUs, $(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
load       $command $text — $rate/s for ${seconds}s over $channels channel(s) (achieved $(json_get "$a" achieved_rate)/s)

| measure                               | value |
| ------------------------------------- | ----- |
| start-up: launch → first 200 /healthz | ${startup_s} s |
| idle RSS (3 s after healthy)          | $(mb "$idle_rss") MB |
| requests sent / answered 200          | $(json_get "$a" sent) / $(json_get "$a" ok) |
| ack latency p50 (client)              | $(json_get "$a" p50_ms) ms |
| ack latency p99 (client)              | $(json_get "$a" p99_ms) ms |
| ack latency max (client)              | $(json_get "$a" max_ms) ms |
| ack latency mean / max (server)       | ${server_mean_ms} / ${server_max_ms} ms over ${server_count:-0} acks |
| RSS after load (2 s after)            | $(mb "$loaded_rss") MB |
| peak RSS (VmHWM)                      | $(mb "$peak_rss") MB |
| outbox empty after the load ended     | ${drained_s} |
| Slack deliveries, latency p50 / p99   | ${delivered:-0}, ${delivery_p50:-n/a} / ${delivery_p99:-n/a} ms (queued → accepted) |
| stop on SIGTERM                       | ${stop_s} s, exit code ${exit_code} |

status codes      $(json_get "$a" statuses)
client errors     $(json_get "$a" errors)
fake Slack calls  ${slack_calls}
log WARN/ERROR    ${warnings} lines
alive after load  ${alive}
sample replies    $(json_get "$a" sample_replies)
EOF
)"

mkdir -p "$here/results"
printf '%s\n' "$report" | tee "$here/results/latest.txt"
cp "$log" "$here/results/latest.log"
echo "(written to bench/results/latest.txt; Deckhand's log in bench/results/latest.log)" >&2
