#!/usr/bin/env python3
"""A stand-in for the Slack Web API, for the benchmark only.

Answers every POST (chat.postMessage, chat.update, a response_url, ...) with
{"ok":true,"ts":...,"channel":"C1"}, where chat.postMessage gets a new ts each time (as Slack
gives each message its own) and every other call the ts it was sent, or 1.1. Counts the calls
per path, and keeps each chat.* call: when it arrived (epoch seconds), the channel, ts and text,
the thread_ts of a reply, and for chat.postMessage the blocks (so the deploy bench can find a
button's value).

    GET /_stats   the counts per path, as JSON; a chat.postMessage with thread_ts (a reply in a
                  thread) also counts under "<path> in a thread", so channel posts are the
                  difference
    GET /_calls   the kept chat.* calls, oldest first, as JSON

Standard library only.

    python3 bench/fake_slack.py PORT
"""
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_KEPT = 20_000       # calls kept for /_calls; the counts go on past it
MAX_TEXT = 2_000
MAX_BLOCKS = 50_000

counts = {}
kept = []
lock = threading.Lock()
posted = [0]


def params(body, content_type):
    """The call's parameters: the Java SDK sends form-encoded bodies, some clients JSON."""
    text = body.decode("utf-8", "replace")
    if content_type.startswith("application/json"):
        try:
            value = json.loads(text or "{}")
            return {k: (v if isinstance(v, str) else json.dumps(v)) for k, v in value.items()} if isinstance(value, dict) else {}
        except ValueError:
            return {}
    return dict(urllib.parse.parse_qsl(text, keep_blank_values=True))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without TCP_NODELAY, Nagle's algorithm and the
    # client's delayed ACK hold each answer ~40 ms, and the fake, not Deckhand, sets the pace.
    disable_nagle_algorithm = True

    def do_POST(self):
        now = time.time()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?", 1)[0]
        method = path.rsplit("/", 1)[-1]
        form = params(body, self.headers.get("Content-Type", "")) if method.startswith("chat.") else {}
        with lock:
            counts[path] = counts.get(path, 0) + 1
            if method == "chat.postMessage" and form.get("thread_ts"):
                key = path + " in a thread"
                counts[key] = counts.get(key, 0) + 1
            if method == "chat.postMessage":
                posted[0] += 1
                ts = "%d.%06d" % (int(now), posted[0])
            else:
                ts = form.get("ts") or "1.1"
            if form and len(kept) < MAX_KEPT:
                call = {"t": now, "method": method, "channel": form.get("channel", ""), "ts": ts,
                        "text": form.get("text", "")[:MAX_TEXT]}
                if form.get("thread_ts"):
                    call["thread_ts"] = form["thread_ts"]
                if method == "chat.postMessage":
                    call["blocks"] = form.get("blocks", "")[:MAX_BLOCKS]
                kept.append(call)
        self._send(json.dumps({"ok": True, "ts": ts, "channel": "C1"}).encode())

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/_stats":
            with lock:
                body = json.dumps(counts, sort_keys=True).encode()
        elif path == "/_calls":
            with lock:
                body = json.dumps(kept).encode()
        else:
            body = json.dumps({"ok": True, "ts": "1.1", "channel": "C1"}).encode()
        self._send(body)

    def _send(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # quiet: the bench prints its own summary


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)  # a client hanging up is no error


def main():
    port = int(sys.argv[1])
    server = QuietServer(("127.0.0.1", port), Handler)
    server.serve_forever()


if __name__ == "__main__":
    main()
