#!/usr/bin/env python3
"""A stand-in for the Slack Web API, for the benchmark only.

Answers every POST (chat.postMessage, chat.update, a response_url, ...) with
{"ok":true,"ts":"1.1","channel":"C1"} and counts the calls per path.
GET /_stats returns the counts as JSON. Standard library only.

    python3 bench/fake_slack.py PORT
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OK = json.dumps({"ok": True, "ts": "1.1", "channel": "C1"}).encode()
counts = {}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without TCP_NODELAY, Nagle's algorithm and the
    # client's delayed ACK hold each answer ~40 ms, and the fake, not Deckhand, sets the pace.
    disable_nagle_algorithm = True

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        path = self.path.split("?", 1)[0]
        with lock:
            counts[path] = counts.get(path, 0) + 1
        self._send(OK)

    def do_GET(self):
        if self.path == "/_stats":
            with lock:
                body = json.dumps(counts, sort_keys=True).encode()
            self._send(body)
        else:
            self._send(OK)

    def _send(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # quiet: the bench prints its own summary


def main():
    port = int(sys.argv[1])
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
