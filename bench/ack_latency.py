#!/usr/bin/env python3
"""Sends Slack-signed slash commands to Deckhand at a steady rate and measures the ack latency.

Each request is signed the way Slack signs it:
    X-Slack-Signature = "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body))
and every body is unique (trigger_id varies), because Deckhand ignores a body it has seen.

Prints one JSON object on stdout: sent, ok, statuses, errors, p50/p99/max in ms, the
achieved rate and one sample reply. Standard library only.

    python3 bench/ack_latency.py --url http://127.0.0.1:3000/slack/events --secret S \
        --rate 20 --seconds 15 --command /run --text hello --response-url http://127.0.0.1:9/resp
"""
import argparse
import concurrent.futures
import hashlib
import hmac
import json
import math
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid


def signed_request(url, secret, body):
    timestamp = str(int(time.time()))
    base = ("v0:" + timestamp + ":" + body).encode()
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return urllib.request.Request(url, data=body.encode(), method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
    })


def body_for(index, args):
    return urllib.parse.urlencode({
        "token": "bench-verification-token",
        "team_id": "T0BENCH",
        "team_domain": "bench",
        "channel_id": "C0BENCH%d" % (index % args.channels),
        "channel_name": "bench",
        "user_id": "U0BENCH",
        "user_name": "bench",
        "command": args.command,
        "text": args.text,
        "api_app_id": "A0BENCH",
        "response_url": args.response_url,
        "trigger_id": "%d.%s" % (index, uuid.uuid4().hex),
    })


def send(index, args):
    request = signed_request(args.url, args.secret, body_for(index, args))
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=args.timeout) as response:
            reply = response.read()
            return response.status, time.perf_counter() - start, reply.decode("utf-8", "replace"), None
    except urllib.error.HTTPError as e:
        reply = e.read().decode("utf-8", "replace")
        return e.code, time.perf_counter() - start, reply, None
    except Exception as e:  # connection refused, timeout: counted, not fatal
        return None, time.perf_counter() - start, "", "%s: %s" % (type(e).__name__, e)


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    # nearest rank: the smallest value with at least `fraction` of the values at or below it
    rank = max(0, math.ceil(fraction * len(sorted_values)) - 1)
    return sorted_values[rank]


def run(args):
    total = int(args.rate * args.seconds)
    interval = 1.0 / args.rate
    results = []
    lock = threading.Lock()

    def task(index):
        outcome = send(index, args)
        with lock:
            results.append(outcome)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        begin = time.perf_counter()
        for index in range(total):
            delay = begin + index * interval - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(task, index)
        sending = time.perf_counter() - begin
    elapsed = time.perf_counter() - begin

    latencies = sorted(latency * 1000 for status, latency, _, error in results if status == 200)
    statuses = {}
    errors = {}
    sample = {}
    for status, _, reply, error in results:
        key = str(status) if status is not None else "error"
        statuses[key] = statuses.get(key, 0) + 1
        if error:
            errors[error] = errors.get(error, 0) + 1
        sample.setdefault(key, reply[:160])
    return {
        "sent": len(results),
        "ok": len(latencies),
        "statuses": statuses,
        "errors": dict(sorted(errors.items(), key=lambda item: -item[1])[:5]),
        "target_rate": args.rate,
        "achieved_rate": round(len(results) / sending, 2) if sending > 0 else None,
        "elapsed_seconds": round(elapsed, 2),
        "p50_ms": round(percentile(latencies, 0.50), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99), 1) if latencies else None,
        "max_ms": round(latencies[-1], 1) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies), 1) if latencies else None,
        "sample_replies": sample,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="Deckhand's /slack/events URL")
    parser.add_argument("--secret", required=True, help="the SLACK_SIGNING_SECRET Deckhand runs with")
    parser.add_argument("--rate", type=float, default=20, help="requests per second (default 20)")
    parser.add_argument("--seconds", type=float, default=15, help="how long to send (default 15)")
    parser.add_argument("--command", default="/run", help="slash command (default /run)")
    parser.add_argument("--text", default="hello", help="command text (default hello)")
    parser.add_argument("--response-url", default="http://127.0.0.1:9/resp", help="response_url in the payload")
    parser.add_argument("--channels", type=int, default=1, help="spread the commands over this many channels (default 1)")
    parser.add_argument("--workers", type=int, default=64, help="concurrent senders (default 64)")
    parser.add_argument("--timeout", type=float, default=10, help="per-request timeout in seconds (default 10)")
    args = parser.parse_args()
    if args.rate <= 0 or args.seconds <= 0 or args.channels <= 0:
        parser.error("--rate, --seconds and --channels must be positive")
    json.dump(run(args), sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
