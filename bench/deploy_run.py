#!/usr/bin/env python3
"""Drives one /deploy through Deckhand against bench/fake_slack.py and bench/fake_aws.py and measures it.

Sends a Slack-signed `/deploy <service> <environment> <tag>`, waits for the plan message on the
fake Slack, clicks its Confirm button (a signed block_actions payload carrying the button's
value), and waits for the edit that ends the deploy (any edit of the plan message without the
running mark). Meanwhile it samples Deckhand's RSS from /proc/<pid>/status. Then it reads what
both fakes recorded and prints one JSON object on stdout:

  ssm_*        ListCommandInvocations pages per poll, poll spacing, calls per operation
  edits_*      edits of the deploy message: count, per minute, most in any 1 s window
  final_*      last host finished (by the fake's clock) -> final edit received, and its parts
  rss_*        idle before the deploy, peak (samples and VmHWM), at the end

Standard library only; signs requests as bench/ack_latency.py does.

    python3 bench/deploy_run.py --url http://127.0.0.1:3000/slack/events --secret S \
        --slack http://127.0.0.1:9001 --aws http://127.0.0.1:9002 --pid 1234
"""
import argparse
import json
import math
import os
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid

from ack_latency import signed_request

CONFIRM = "deckhand.deploy.confirm"  # DeployViews.CONFIRM
RUNNING_MARK = ":arrows_counterclockwise:"  # deploy messages.properties: running, running.none
USER = "U0BENCH"
CHANNEL = "C0BENCH"


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def send(args, body):
    request = signed_request(args.url, args.secret, body)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read().decode("utf-8", "replace")


def slash_command(args):
    return urllib.parse.urlencode({
        "token": "bench-verification-token", "team_id": "T0BENCH", "team_domain": "bench",
        "channel_id": CHANNEL, "channel_name": "bench", "user_id": USER, "user_name": "bench",
        "command": "/deploy", "text": "%s %s %s" % (args.service, args.environment, args.tag),
        "api_app_id": "A0BENCH", "response_url": args.slack + "/resp", "trigger_id": "deploy.%s" % uuid.uuid4().hex,
    })


def click(args, value, channel, ts):
    payload = {
        "type": "block_actions", "team": {"id": "T0BENCH"}, "user": {"id": USER}, "api_app_id": "A0BENCH",
        "trigger_id": "click.%s" % uuid.uuid4().hex, "channel": {"id": channel, "name": "bench"},
        "container": {"type": "message", "message_ts": ts, "channel_id": channel},
        "response_url": args.slack + "/resp",
        "actions": [{"type": "button", "action_id": CONFIRM, "block_id": "b", "value": value, "action_ts": "%.6f" % time.time()}],
    }
    return "payload=" + urllib.parse.quote(json.dumps(payload), safe="")


def button_value(blocks_json, action_id):
    def walk(node):
        if isinstance(node, dict):
            if node.get("action_id") == action_id and "value" in node:
                return node["value"]
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                found = walk(child)
                if found is not None:
                    return found
        return None
    try:
        return walk(json.loads(blocks_json or "[]"))
    except ValueError:
        return None


def wait_for(what, timeout, probe, every=0.1):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = probe()
        if found is not None:
            return found
        time.sleep(every)
    raise SystemExit("deploy_run: no %s within %.0f s" % (what, timeout))


class RssSampler(threading.Thread):
    def __init__(self, pid, every):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples = []  # (t, rss kB)
        self.stopping = threading.Event()

    def field(self, name):
        try:
            with open("/proc/%d/status" % self.pid) as status:
                for line in status:
                    if line.startswith(name + ":"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def cpu_seconds(self):
        """User and system CPU time the process has used (fields 14 and 15 of /proc/<pid>/stat)."""
        try:
            with open("/proc/%d/stat" % self.pid) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return None

    def run(self):
        while not self.stopping.is_set():
            rss = self.field("VmRSS")
            if rss is not None:
                self.samples.append((time.time(), rss))
            self.stopping.wait(self.every)


def mb(kb):
    return None if kb is None else round(kb / 1024)


def polls_of(calls, command_id):
    """ListCommandInvocations of the command, grouped into polls: a call without NextToken starts one."""
    polls = []
    for call in calls:
        if call["op"] != "ssm:ListCommandInvocations" or call.get("command") != command_id:
            continue
        if not call.get("token") or not polls:
            polls.append([])
        polls[-1].append(call)
    return polls


def max_in_window(times, width):
    most, start = 0, 0
    for end in range(len(times)):
        while times[end] - times[start] >= width:
            start += 1
        most = max(most, end - start + 1)
    return most


def summary(values, digits=2):
    if not values:
        return None
    return {"min": round(min(values), digits), "median": round(statistics.median(values), digits), "max": round(max(values), digits)}


def measure(args, sampler):
    idle_rss = sampler.field("VmRSS")
    cpu_before = sampler.cpu_seconds()
    status, reply = send(args, slash_command(args))
    asked = time.time()

    def plan():
        for call in get_json(args.slack + "/_calls"):
            if call["method"] == "chat.postMessage" and call["t"] >= asked - 1:
                value = button_value(call.get("blocks"), CONFIRM)
                if value:
                    return call, value
        return None
    post, value = wait_for("plan with a Confirm button (reply to /deploy: %s %s)" % (status, reply[:200]), 30, plan)
    # The click comes from the channel's id; the plan was posted to the configured name (#bench-deploy).
    click_status, _ = send(args, click(args, value, CHANNEL, post["ts"]))
    confirmed = time.time()

    def edits():
        return [call for call in get_json(args.slack + "/_calls")
                if call["method"] == "chat.update" and call["ts"] == post["ts"] and call["t"] >= confirmed]

    def final():
        return next((call for call in edits() if RUNNING_MARK not in call["text"]), None)
    last = wait_for("final edit of the deploy message", args.timeout, final, every=0.2)
    time.sleep(args.settle)  # edits after the final one would show here
    end_rss = sampler.field("VmRSS")
    cpu_after = sampler.cpu_seconds()
    hwm = sampler.field("VmHWM")
    sampler.stopping.set()

    aws = get_json(args.aws + "/stats")
    slack_calls = get_json(args.slack + "/_calls")
    slack_counts = get_json(args.slack + "/_stats")
    command = aws["commands"][-1] if aws["commands"] else None
    message_edits = [call for call in slack_calls if call["method"] == "chat.update" and call["ts"] == post["ts"] and call["t"] >= confirmed]
    edit_times = [call["t"] for call in message_edits]
    result = {
        "reply_status": status, "click_status": click_status, "reply": reply[:300],
        "outcome": last["text"].split(": ", 1)[-1][:300],
        "plan_posted_after_s": round(post["t"] - asked, 2),
        "slack_counts": slack_counts,
        "aws_counts": aws["counts"],
        "aws_errors": sorted({call["error"] for call in aws["calls"] if "error" in call}),
    }
    if command is None:
        result["error"] = "no SendCommand reached fake_aws"
        return result
    polls = polls_of(aws["calls"], command["id"])
    pages = [len(poll) for poll in polls]
    starts = [poll[0]["t"] for poll in polls]
    during = [call for call in aws["calls"] if command["sent_at"] <= call["t"] <= last["t"]]
    ssm_during = {}
    for call in during:
        ssm_during[call["op"]] = ssm_during.get(call["op"], 0) + 1
    seen_all = next((poll for poll in polls if sum(call.get("finished", 0) for call in poll) >= command["hosts"]), None)
    span = edit_times[-1] - edit_times[0] if len(edit_times) > 1 else 0
    buckets = {}
    for t in edit_times:
        minute = int((t - confirmed) // 60)
        buckets[minute] = buckets.get(minute, 0) + 1
    samples = [rss for t, rss in sampler.samples if t >= asked]
    result.update({
        "hosts": command["hosts"],
        "max_concurrency": command["max_concurrency"],
        "confirm_to_send_s": round(command["sent_at"] - confirmed, 2),
        "first_host_after_send_s": round(command["first_host_finished"] - command["sent_at"], 1),
        "last_host_after_send_s": round(command["last_host_finished"] - command["sent_at"], 1),
        "ssm_polls": len(polls),
        "ssm_pages_per_poll": summary(pages, 1),
        "ssm_pages_total": sum(pages),
        "ssm_expected_pages_per_poll": math.ceil(command["hosts"] / 50),
        "ssm_poll_spacing_s": summary([b - a for a, b in zip(starts, starts[1:])]),
        "ssm_poll_duration_ms": summary([(poll[-1]["t"] - poll[0]["t"]) * 1000 for poll in polls], 0),
        "ssm_calls_send_to_final": ssm_during,
        "edits": len(edit_times),
        "edits_span_s": round(span, 1),
        "edits_per_minute": round(len(edit_times) / (span / 60), 1) if span > 0 else None,
        "edits_by_minute_after_confirm": {str(k): v for k, v in sorted(buckets.items())},
        "edits_max_in_1s": max_in_window(edit_times, 1.0),
        "edit_gap_s": summary([b - a for a, b in zip(edit_times, edit_times[1:])]),
        "edits_after_final": sum(1 for t in edit_times if t > last["t"]),
        "final_after_last_host_s": round(last["t"] - command["last_host_finished"], 2),
        "final_goal_s": 3.0,
        "last_host_to_poll_that_saw_all_s": round(seen_all[0]["t"] - command["last_host_finished"], 2) if seen_all else None,
        # A host can finish just after a poll, so the spacing of polls then bounds the first part.
        "poll_spacing_at_last_host_s": round(seen_all[0]["t"] - polls[polls.index(seen_all) - 1][0]["t"], 2) if seen_all and polls.index(seen_all) > 0 else None,
        "poll_that_saw_all_to_final_s": round(last["t"] - seen_all[-1]["t"], 2) if seen_all else None,
        "polls_after_last_host_before_seen_all": sum(1 for poll in polls if command["last_host_finished"] <= poll[0]["t"] and seen_all and poll[0]["t"] < seen_all[0]["t"]),
        "confirm_to_final_s": round(last["t"] - confirmed, 1),
        "rss_idle_mb": mb(idle_rss),
        "rss_peak_sampled_mb": mb(max(samples)) if samples else None,
        "rss_hwm_mb": mb(hwm),
        "rss_end_mb": mb(end_rss),
        "rss_samples": len(samples),
        # The timeline, in seconds after SendCommand, for a closer look (not in the table).
        "timeline_poll_starts_s": [round(t - command["sent_at"], 2) for t in starts],
        "timeline_poll_finished_hosts": [sum(call.get("finished", 0) for call in poll) for poll in polls],
        "timeline_edits_s": [round(t - command["sent_at"], 2) for t in edit_times],
        "cpu_s": round(cpu_after - cpu_before, 1) if cpu_before is not None and cpu_after is not None else None,
    })
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="Deckhand's /slack/events URL")
    parser.add_argument("--secret", required=True, help="the SLACK_SIGNING_SECRET Deckhand runs with")
    parser.add_argument("--slack", required=True, help="fake_slack.py's base URL")
    parser.add_argument("--aws", required=True, help="fake_aws.py's base URL")
    parser.add_argument("--pid", type=int, required=True, help="Deckhand's process id, for its RSS")
    parser.add_argument("--service", default="web")
    parser.add_argument("--environment", default="bench")
    parser.add_argument("--tag", default="bench-1")
    parser.add_argument("--timeout", type=float, default=180, help="seconds to wait for the final edit after Confirm (default 180)")
    parser.add_argument("--settle", type=float, default=3, help="seconds to watch after the final edit (default 3)")
    parser.add_argument("--sample-every", type=float, default=0.25, help="RSS sampling interval in seconds (default 0.25)")
    args = parser.parse_args()
    sampler = RssSampler(args.pid, args.sample_every)
    sampler.start()
    json.dump(measure(args, sampler), sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)  # Ctrl-C: deploy.sh stops the rest
