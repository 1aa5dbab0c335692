#!/usr/bin/env python3
"""The measuring half of bench/jobs.sh: Deckhand at rest, Deckhand pinged, and missed-run alerts.

With Deckhand already running its 1,000 jobs (bench/jobs.sh starts it), this:

1. samples Deckhand's CPU time and RSS from /proc/<pid> for --rest seconds while nothing pings it;
2. pings the outside jobs at --rate requests a second for --seconds (then on through step 3):
   every job in turn, in a new random order each round, so each is heard from every
   jobs/rate-ish seconds and none is missed by chance; each visit is a plain GET /ping/<job>
   (50%), a POST /ping/<job> with a small log (10%), or /ping/<job>/start?rid=<uuid> followed
   1-5 s later by /ping/<job>?rid= or /ping/<job>/0?rid= (40%; --pairs). Latency is timed per request,
   send to last byte, on keep-alive connections, one per worker;
3. stops pinging --stop jobs (half cron, half every), each after one last plain ping sent at
   second 20-40 of a minute, works out when Deckhand must call each missed (the expected slot
   after that ping, as Expectations.after does, plus grace; when a /start of that job was still
   open, the last ping ends that run and the slot is the one after the start, for Deckhand
   expects the next start after a run's start) and polls the fake Slack until a
   chat.postMessage or chat.update saying the job missed a run arrives; the delay is arrival
   minus that deadline. Any missed alert for a job still being pinged is a false alarm.

Prints one JSON object. Standard library only.
"""
import argparse
import heapq
import http.client
import json
import os
import queue
import random
import re
import threading
import time
import urllib.request
import uuid


class Sampler(threading.Thread):
    """CPU seconds (utime + stime) and VmRSS of one process, once a second."""

    def __init__(self, pid, every=1.0):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples = []  # (t, cpu seconds, rss kB)
        self.stopping = threading.Event()

    def sample(self):
        try:
            with open("/proc/%d/stat" % self.pid) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            with open("/proc/%d/status" % self.pid) as status:
                rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
            return time.time(), cpu, rss
        except (OSError, IndexError, ValueError, StopIteration):
            return None

    def run(self):
        while not self.stopping.is_set():
            s = self.sample()
            if s:
                self.samples.append(s)
            self.stopping.wait(self.every)

    def window(self, start, end):
        inside = [s for s in self.samples if start <= s[0] <= end]
        if len(inside) < 2:
            return {"samples": len(inside)}
        (t0, c0, _), (t1, c1, _) = inside[0], inside[-1]
        rss = [s[2] for s in inside]
        return {"seconds": round(t1 - t0, 1), "cpu_percent_of_one_core": round(100 * (c1 - c0) / (t1 - t0), 1),
                "cpu_seconds": round(c1 - c0, 2), "rss_mb_avg": round(sum(rss) / len(rss) / 1024),
                "rss_mb_max": round(max(rss) / 1024), "rss_mb_end": round(rss[-1] / 1024), "samples": len(inside)}


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


class Pinger:
    """Sends one request every 1/rate seconds to a pool of workers; keeps (sent, kind, status, ms)."""

    def __init__(self, host, port, jobs, rate, workers, seed, pairs):
        self.host, self.port, self.rate, self.pairs = host, port, rate, pairs
        self.active = list(jobs)
        self.rng = random.Random(seed)
        self.round = []
        self.pending = []  # heap of (due, seq, job, method, path, body): the end of a start/end pair
        self.seq = 0
        self.results = []  # (sent, kind, status, ms)
        self.lock = threading.Lock()
        self.work = queue.Queue(maxsize=workers * 4)
        self.stopping = threading.Event()
        self.late = 0
        self.urgent = []  # requests to send next, before anything else (the stopped jobs' last pings)
        self.last_sent = {}  # job -> time its last request was sent
        self.open_start = {}  # job -> time of a /start whose end has not been sent
        self.reference = {}  # stopped job -> what Deckhand's expectation counts from: its open run's start, else its last ping
        self.threads = [threading.Thread(target=self.worker, daemon=True) for _ in range(workers)]
        self.clock = threading.Thread(target=self.tick, daemon=True)

    def start(self):
        for t in self.threads:
            t.start()
        self.clock.start()

    def stop_jobs(self, jobs):
        """Ping each of jobs once more (plain GET), then never again; returns when those went out."""
        done = []
        with self.lock:
            stopped = set(jobs)
            self.active = [j for j in self.active if j not in stopped]
            self.round = [j for j in self.round if j not in stopped]
            self.pending = [p for p in self.pending if p[2] not in stopped]
            heapq.heapify(self.pending)
            for job in jobs:
                event = threading.Event()
                done.append(event)
                self.urgent.append((job, "GET", "/ping/%s" % job, None, "last", event))
        for event in done:
            event.wait(30)

    def next_request(self, now):
        with self.lock:
            if self.urgent:
                return self.urgent.pop(0)
            if self.pending and self.pending[0][0] <= now:
                _, _, job, method, path, body = heapq.heappop(self.pending)
                return job, method, path, body, "end", None
            if not self.round:
                self.round = list(self.active)
                self.rng.shuffle(self.round)
            job = self.round.pop()
            roll = self.rng.random()
            if roll >= self.pairs + 0.1:
                return job, "GET", "/ping/%s" % job, None, "success", None
            if roll >= self.pairs:
                body = ("log line %d of a bench run\n" % self.rng.randrange(1000)) * 8
                return job, "POST", "/ping/%s" % job, body.encode(), "success+log", None
            rid = str(uuid.uuid4())
            end = "/ping/%s?rid=%s" % (job, rid) if self.rng.random() < 0.5 else "/ping/%s/0?rid=%s" % (job, rid)
            self.seq += 1
            heapq.heappush(self.pending, (now + self.rng.uniform(1, 5), self.seq, job, "GET", end, None))
            return job, "GET", "/ping/%s/start?rid=%s" % (job, rid), None, "start", None

    def tick(self):
        interval = 1.0 / self.rate
        due = time.time()
        while not self.stopping.is_set():
            now = time.time()
            if now < due:
                time.sleep(due - now)
            request = self.next_request(time.time())
            try:
                self.work.put(request, timeout=1)
            except queue.Full:
                self.late += 1
            due += interval
            if time.time() - due > 1:  # fell behind by a second: count it, do not burst
                self.late += int((time.time() - due) / interval)
                due = time.time()

    def worker(self):
        connection = None
        while not self.stopping.is_set():
            try:
                job, method, path, body, kind, event = self.work.get(timeout=0.5)
            except queue.Empty:
                continue
            sent = time.time()
            with self.lock:
                self.last_sent[job] = sent
                if kind == "start":
                    self.open_start[job] = sent
                elif kind == "end":
                    self.open_start.pop(job, None)
                elif kind == "last":
                    self.reference[job] = self.open_start.pop(job, sent)
            status = None
            for _ in range(2):  # once more on a fresh connection if the kept-alive one was closed
                try:
                    if connection is None:
                        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
                    headers = {"User-Agent": "deckhand-bench"}
                    if body is not None:
                        headers["Content-Type"] = "text/plain"
                    connection.request(method, path, body=body, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                    break
                except (OSError, http.client.HTTPException):
                    if connection is not None:
                        connection.close()
                    connection = None
                    sent = time.time()
            ms = (time.time() - sent) * 1000
            with self.lock:
                self.results.append((sent, kind, status, ms))
            if event is not None:
                event.sent = sent
                event.set()

    def stop(self):
        self.stopping.set()

    def window(self, start, end):
        with self.lock:
            inside = [r for r in self.results if start <= r[0] <= end]
        ms = [r[3] for r in inside if r[2] == 200]
        statuses = {}
        for r in inside:
            statuses[str(r[2])] = statuses.get(str(r[2]), 0) + 1
        kinds = {}
        for r in inside:
            kinds[r[1]] = kinds.get(r[1], 0) + 1
        return {"requests": len(inside), "per_second": round(len(inside) / max(1e-9, end - start), 1), "statuses": statuses,
                "kinds": kinds, "p50_ms": rnd(percentile(ms, 50)), "p90_ms": rnd(percentile(ms, 90)),
                "p99_ms": rnd(percentile(ms, 99)), "max_ms": rnd(max(ms) if ms else None)}


def rnd(v, digits=1):
    return None if v is None else round(v, digits)


def slack_calls(slack):
    with urllib.request.urlopen(slack + "/_calls", timeout=10) as response:
        return json.load(response)


def missed_alert(call):
    """The job a call says missed a run: its first alert ("*job* missed its ... run") or the
    outage message edited to count a miss ("*job* is failing since ...: 0 run(s) failed, 1 missed")."""
    if call["method"] not in ("chat.postMessage", "chat.update"):
        return None
    text = call["text"]
    match = re.search(r"\*([a-z0-9_-]+)\* missed its ", text)
    if match:
        return match.group(1)
    match = re.search(r"\*([a-z0-9_-]+)\* is failing since .*?, ([0-9]+) missed\.", text)
    if match and int(match.group(2)) > 0:
        return match.group(1)
    return None


def expected_deadline(kind, last_ping, grace):
    """Deckhand's Expectations.after for a `* * * * *` or `every: 1m` job, plus grace."""
    if kind == "every":
        return last_ping + 60 + grace
    slot = (int(last_ping) // 60 + 1) * 60
    early = 15  # a quarter of the minute between slots
    if slot - last_ping <= early:
        slot += 60
    return slot + grace


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="Deckhand, http://127.0.0.1:PORT")
    parser.add_argument("--slack", required=True, help="the fake Slack, http://127.0.0.1:PORT")
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--jobs", required=True, help="file: one outside job a line, 'name cron|every'")
    parser.add_argument("--grace", type=float, required=True, help="the outside jobs' grace, seconds")
    parser.add_argument("--rest", type=float, default=60)
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--stop", type=int, default=10)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--pairs", type=float, default=0.4, help="share of visits that are a start and an end with rid (0-0.9)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--alert-timeout", type=float, default=120, help="seconds past a deadline to wait for its alert")
    args = parser.parse_args()

    kinds = dict(line.split() for line in open(args.jobs) if line.strip())
    jobs = list(kinds)
    sampler = Sampler(args.pid)
    sampler.start()
    result = {"jobs_outside": len(jobs), "rate": args.rate, "grace_s": args.grace}

    rest_start = time.time()
    time.sleep(args.rest)
    result["rest"] = sampler.window(rest_start, time.time())

    host, port = args.base.split("//", 1)[1].rsplit(":", 1)
    pinger = Pinger(host, int(port), jobs, args.rate, args.workers, args.seed, args.pairs)
    ping_start = time.time()
    pinger.start()
    time.sleep(args.seconds)
    ping_end = time.time()
    result["pinged"] = sampler.window(ping_start, ping_end)
    result["pings"] = pinger.window(ping_start, ping_end)

    # Stop at second 20-40 of a minute: the last ping is then well clear of a slot's early window.
    while not 20 <= time.time() % 60 <= 40:
        time.sleep(0.2)
    rng = random.Random(args.seed + 1)
    cron = [j for j in jobs if kinds[j] == "cron"]
    every = [j for j in jobs if kinds[j] == "every"]
    stopped = rng.sample(cron, args.stop // 2) + rng.sample(every, args.stop - args.stop // 2)
    pinger.stop_jobs(stopped)
    time.sleep(1)  # a request for one of them already handed to a worker goes out by then
    with pinger.lock:
        last = {job: pinger.last_sent[job] for job in stopped}
        reference = {job: pinger.reference.get(job, last[job]) for job in stopped}
    deadlines = {job: expected_deadline(kinds[job], reference[job], args.grace) for job in stopped}
    missed_start = time.time()

    known = set(jobs)
    arrived = {}
    false_alarms = set()
    give_up = max(deadlines.values()) + args.alert_timeout
    while time.time() < give_up and len(arrived) < len(stopped):
        time.sleep(1)
        for call in slack_calls(args.slack):
            job = missed_alert(call)
            if job in deadlines and call["t"] >= missed_start:
                arrived.setdefault(job, call["t"])
            elif job in known and job not in deadlines and call["t"] >= ping_start:
                false_alarms.add(job)
    missed_end = time.time()
    pinger.stop()
    sampler.stopping.set()

    delays = {job: round(arrived[job] - deadlines[job], 2) for job in arrived}
    result["missed"] = {
        "stopped": {job: {"schedule": kinds[job], "last_ping": round(last[job], 2),
                          "open_start": round(reference[job], 2) if reference[job] != last[job] else None, "deadline": round(deadlines[job], 2),
                          "alert_after_deadline_s": delays.get(job)} for job in stopped},
        "alerts_arrived": len(arrived),
        "delay_s_min": min(delays.values()) if delays else None,
        "delay_s_median": percentile(list(delays.values()), 50),
        "delay_s_max": max(delays.values()) if delays else None,
        "false_alarms": sorted(false_alarms),
    }
    result["pings_whole_run"] = pinger.window(ping_start, missed_end)
    result["during_missed_phase"] = sampler.window(missed_start, missed_end)
    result["late_ticks"] = pinger.late
    print(json.dumps(result, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
