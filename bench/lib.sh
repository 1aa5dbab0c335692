#!/usr/bin/env bash
# Shared by the bench scripts (source it): stopping processes, free ports, waiting for HTTP, reading JSON results.

stop_pid() {  # stop_pid PID: TERM, wait up to 15 s, then KILL
    local pid="$1"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 150); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
wait_http() {  # wait_http URL: up to 5 s for any answer
    for _ in $(seq 100); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.05
    done
    echo "bench: $1 did not answer" >&2
    exit 1
}
json_get() {  # json_get FILE KEY[.SUBKEY]: a value, JSON for lists and objects, n/a when absent
    python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
for key in sys.argv[2].split("."):
    v = v.get(key) if isinstance(v, dict) else None
print("n/a" if v is None else (json.dumps(v, ensure_ascii=False, separators=(", ", ": ")) if isinstance(v, (dict, list)) else v))' "$1" "$2"
}
