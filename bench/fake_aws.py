#!/usr/bin/env python3
"""A stand-in for Amazon ECR and SSM Run Command, for the deploy benchmark only.

One loopback HTTP server answers the AWS JSON 1.1 calls Deckhand makes for a deploy, told
apart by X-Amz-Target (signatures are not checked):

  ECR  DescribeImages                 one repository, one tag, one digest
  SSM  DescribeInstanceInformation    --hosts managed instances tagged Env=bench, paged (5-50)
       SendCommand                    every instance the targets match gets an invocation
       ListCommandInvocations         paged by MaxResults (1-50) and NextToken, as SSM pages
       CancelCommand                  unfinished invocations become Cancelled

An invocation moves with the clock, not with the polls: Pending, then In Progress from
0.5-3 s after the send, then Success at a time spread evenly (with jitter, in random host
order) over --finish-from .. --finish-to seconds after the send. Its output's first line
is the JSON result line the deploy document prints, with the digest from the command's
`image` parameter; --failures N hosts fail their health check instead.

Every call is recorded with its time; GET /stats returns them, the counts per operation,
and per command when it was sent and when its last host finished (epoch seconds).
Standard library only.

    python3 bench/fake_aws.py PORT [--hosts 200] [--finish-from 20] [--finish-to 40] [--seed 1]
"""
import argparse
import hashlib
import json
import random
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCOUNT = "123456789012"
REPOSITORY = "web"
TAG = "bench-1"
DIGEST = "sha256:" + hashlib.sha256(b"deckhand-bench").hexdigest()
PUSHED_AT = 1764547200.0  # 2025-12-01T00:00:00Z
ENV_TAG = ("Env", "bench")
CONTENT_TYPE = "application/x-amz-json-1.1"
UNFINISHED = ("Pending", "InProgress", "Delayed", "Cancelling")

lock = threading.Lock()
calls = []        # {"t", "op", "status", and per operation: "token", "returned", "finished"}
counts = {}
commands = {}     # command id -> Command


class AwsError(Exception):
    def __init__(self, kind, message="", status=400):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status


class Command:
    def __init__(self, command_id, request, instance_ids, digest, args, sent_at, rng):
        self.id = command_id
        self.request = request
        self.sent_at = sent_at
        self.digest = digest
        self.cancelled_at = None
        count = len(instance_ids)
        span = args.finish_to - args.finish_from
        # Finish times evenly over the window with jitter, handed to the hosts in random order.
        offsets = [args.finish_from + span * (i + rng.random()) / count for i in range(count)]
        rng.shuffle(offsets)
        failing = set(rng.sample(instance_ids, min(args.failures, count)))
        self.hosts = {}
        for instance_id, finish in zip(instance_ids, offsets):
            start = min(rng.uniform(0.5, 3.0), finish)
            self.hosts[instance_id] = {"start": sent_at + start, "finish": sent_at + finish, "fails": instance_id in failing}

    def last_finish(self):
        return max((host["finish"] for host in self.hosts.values()), default=self.sent_at)

    def state(self, instance_id, now):
        """(Status, StatusDetails, Output, ResponseCode) at `now`."""
        host = self.hosts[instance_id]
        if self.cancelled_at is not None and self.cancelled_at < host["finish"]:
            return "Cancelled", "Cancelled", "", -1
        if now < host["start"]:
            return "Pending", "Pending", "", -1
        if now < host["finish"]:
            return "InProgress", "In Progress", "", -1
        if host["fails"]:
            line = json.dumps({"outcome": "unhealthy_rolled_back", "digest": self.digest, "health": "503 for 60s"}, separators=(",", ":"))
            return "Failed", "Failed", line + "\nhealth check failed: 503\nputting the previous container back", 1
        line = json.dumps({"outcome": "deployed", "digest": self.digest, "previousDigest": "", "health": "200 after 2s"}, separators=(",", ":"))
        return "Success", "Success", line + "\npulled " + self.digest + "\nstarted container web", 0


def instances(args):
    return [("i-%017d" % i, "bench-%03d" % i) for i in range(1, args.hosts + 1)]


def page_offset(request, field):
    token = request.get(field) or ""
    if not token:
        return 0
    if not token.startswith("page-"):
        raise AwsError("InvalidNextToken", "The specified token is not valid.")
    return int(token[len("page-"):])


def matches_env(filters):
    """DescribeInstanceInformation filters / SendCommand targets: every key must match the bench tag."""
    for key, values in filters:
        if key == "tag:" + ENV_TAG[0]:
            if ENV_TAG[1] not in values:
                return False
        elif key == "PingStatus":
            if "Online" not in values:
                return False
        else:
            return False  # tag:Service and others: the bench hosts have only Env=bench
    return True


def describe_instance_information(request, args, now):
    size = request.get("MaxResults", 10)
    if not 5 <= size <= 50:
        raise AwsError("ValidationException", "Value '%s' at 'maxResults' failed to satisfy constraint: Member must have value between 5 and 50" % size)
    offset = page_offset(request, "NextToken")
    filters = [(f.get("Key"), f.get("Values", [])) for f in request.get("Filters", [])]
    matching = instances(args) if matches_env(filters) else []
    page = [{
        "InstanceId": instance_id, "PingStatus": "Online", "LastPingDateTime": now, "AgentVersion": "3.3.2746.0",
        "IsLatestVersion": True, "PlatformType": "Linux", "PlatformName": "Amazon Linux", "PlatformVersion": "2023",
        "ResourceType": "EC2Instance", "IPAddress": "10.0.%d.%d" % (i // 250, i % 250 + 1), "ComputerName": name,
    } for i, (instance_id, name) in enumerate(matching[offset:offset + size])]
    response = {"InstanceInformationList": page}
    if offset + size < len(matching):
        response["NextToken"] = "page-%d" % (offset + size)
    return response, {"token": offset > 0, "returned": len(page)}


def send_command(request, args, now, rng):
    targets = [(t.get("Key"), t.get("Values", [])) for t in request.get("Targets", [])]
    ids = request.get("InstanceIds", [])
    everyone = instances(args)
    if ids:
        matched = [instance_id for instance_id, _ in everyone if instance_id in ids]
    else:
        matched = [instance_id for instance_id, _ in everyone] if targets and matches_env(targets) else []
    image = (request.get("Parameters", {}).get("image") or [""])[0]
    digest = image.split("@", 1)[1] if "@" in image else DIGEST
    command = Command(str(uuid.uuid4()), request, matched, digest, args, now, rng)
    commands[command.id] = command
    return {"Command": {
        "CommandId": command.id, "DocumentName": request.get("DocumentName", ""), "DocumentVersion": request.get("DocumentVersion", "$DEFAULT"),
        "Comment": request.get("Comment", ""), "Status": "Pending", "StatusDetails": "Pending", "TargetCount": len(matched),
        "CompletedCount": 0, "ErrorCount": 0, "MaxConcurrency": request.get("MaxConcurrency", "50"), "MaxErrors": request.get("MaxErrors", "0"),
        "TimeoutSeconds": request.get("TimeoutSeconds", 600), "RequestedDateTime": now, "InstanceIds": ids,
        "Targets": request.get("Targets", []), "Parameters": request.get("Parameters", {}),
    }}, {"hosts": len(matched)}


def list_command_invocations(request, args, now):
    command = commands.get(request.get("CommandId", ""))
    if command is None:
        raise AwsError("InvalidCommandId")
    if now < command.sent_at + args.hidden_seconds:
        raise AwsError("InvocationDoesNotExist")  # SSM catching up after a send
    size = request.get("MaxResults", 50)
    if not 1 <= size <= 50:
        raise AwsError("ValidationException", "Value '%s' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50" % size)
    offset = page_offset(request, "NextToken")
    names = dict(instances(args))
    details = bool(request.get("Details", False))
    page = []
    finished = 0
    for instance_id in list(command.hosts)[offset:offset + size]:
        status, status_details, output, code = command.state(instance_id, now)
        finished += status not in UNFINISHED
        invocation = {
            "CommandId": command.id, "InstanceId": instance_id, "InstanceName": names[instance_id],
            "Comment": command.request.get("Comment", ""), "DocumentName": command.request.get("DocumentName", ""),
            "DocumentVersion": "1", "RequestedDateTime": command.sent_at, "Status": status, "StatusDetails": status_details,
            "StandardOutputUrl": "", "StandardErrorUrl": "", "CommandPlugins": [],
        }
        if details:
            invocation["CommandPlugins"] = [{"Name": "aws:runShellScript", "Status": status, "StatusDetails": status_details,
                                             "ResponseCode": code, "Output": output[:2500]}]
        page.append(invocation)
    response = {"CommandInvocations": page}
    if offset + size < len(command.hosts):
        response["NextToken"] = "page-%d" % (offset + size)
    return response, {"command": command.id, "token": offset > 0, "returned": len(page), "finished": finished, "details": details}


def cancel_command(request, args, now):
    command = commands.get(request.get("CommandId", ""))
    if command is None:
        raise AwsError("InvalidCommandId")
    if command.cancelled_at is None:
        command.cancelled_at = now
    return {}, {"command": command.id}


def describe_images(request, args, now):
    name = request.get("repositoryName", "")
    if name != REPOSITORY or request.get("registryId", ACCOUNT) != ACCOUNT:
        raise AwsError("RepositoryNotFoundException", "The repository with name '%s' does not exist in the registry with id '%s'"
                       % (name, request.get("registryId", ACCOUNT)))
    detail = {"registryId": ACCOUNT, "repositoryName": REPOSITORY, "imageDigest": DIGEST, "imageTags": [TAG],
              "imageSizeInBytes": 31415926, "imagePushedAt": PUSHED_AT,
              "imageManifestMediaType": "application/vnd.oci.image.manifest.v1+json", "imageStatus": "ACTIVE"}
    if "imageIds" in request:
        for image_id in request["imageIds"]:
            if image_id.get("imageTag", TAG) != TAG or image_id.get("imageDigest", DIGEST) != DIGEST:
                raise AwsError("ImageNotFoundException", "The image with imageId {imageDigest:'%s', imageTag:'%s'} does not exist within the repository with name '%s' in the registry with id '%s'"
                               % (image_id.get("imageDigest", "null"), image_id.get("imageTag", "null"), REPOSITORY, ACCOUNT))
        return {"imageDetails": [detail for _ in request["imageIds"]]}, {"returned": len(request["imageIds"])}
    offset = page_offset(request, "nextToken")
    return {"imageDetails": [detail][offset:]}, {"token": offset > 0, "returned": 1 - min(offset, 1)}


OPERATIONS = {
    "AmazonSSM.DescribeInstanceInformation": ("ssm:DescribeInstanceInformation", describe_instance_information),
    "AmazonSSM.SendCommand": ("ssm:SendCommand", send_command),
    "AmazonSSM.ListCommandInvocations": ("ssm:ListCommandInvocations", list_command_invocations),
    "AmazonSSM.CancelCommand": ("ssm:CancelCommand", cancel_command),
    "AmazonEC2ContainerRegistry_V20150921.DescribeImages": ("ecr:DescribeImages", describe_images),
}


def stats():
    return {
        "counts": dict(sorted(counts.items())),
        "calls": calls,
        "commands": [{
            "id": command.id, "sent_at": command.sent_at, "hosts": len(command.hosts),
            "first_host_finished": min((h["finish"] for h in command.hosts.values()), default=None),
            "last_host_finished": command.last_finish(), "cancelled_at": command.cancelled_at,
            "max_concurrency": command.request.get("MaxConcurrency"), "targets": command.request.get("Targets"),
        } for command in commands.values()],
    }


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)  # a client hanging up is no error


def make_handler(args):
    rng = random.Random(args.seed)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # see fake_slack.py: otherwise Nagle and delayed ACKs add ~40 ms

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            target = self.headers.get("X-Amz-Target", "")
            now = time.time()
            name, operation = OPERATIONS.get(target, (target or "(no X-Amz-Target)", None))
            record = {"t": now, "op": name}
            try:
                if operation is None:
                    raise AwsError("UnknownOperationException", "fake_aws.py does not answer " + target)
                request = json.loads(body or b"{}")
                with lock:
                    if operation is send_command:
                        response, extra = operation(request, args, now, rng)
                    else:
                        response, extra = operation(request, args, now)
                record.update(extra)
                status, answer = 200, response
            except AwsError as e:
                status, answer = e.status, {"__type": e.kind, "message": e.message}
                record["error"] = e.kind
            except (ValueError, TypeError, AttributeError) as e:
                status, answer = 400, {"__type": "SerializationException", "message": str(e)}
                record["error"] = "SerializationException"
            record["status"] = status
            with lock:
                counts[name] = counts.get(name, 0) + 1
                calls.append(record)
            self._send(status, json.dumps(answer).encode(), CONTENT_TYPE)

        def do_GET(self):
            if self.path.split("?", 1)[0] == "/stats":
                with lock:
                    body = json.dumps(stats()).encode()
                self._send(200, body, "application/json")
            else:
                self._send(404, b'{"message":"GET /stats only"}', "application/json")

        def _send(self, status, body, content_type):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass  # quiet: the bench prints its own summary

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("--hosts", type=int, default=200, help="managed instances tagged Env=bench (default 200)")
    parser.add_argument("--finish-from", type=float, default=20, help="first host finishes this many seconds after the send (default 20)")
    parser.add_argument("--finish-to", type=float, default=40, help="last host finishes by this many seconds after the send (default 40)")
    parser.add_argument("--failures", type=int, default=0, help="hosts whose health check fails (default 0)")
    parser.add_argument("--hidden-seconds", type=float, default=0, help="ListCommandInvocations answers InvocationDoesNotExist this long after a send (default 0)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the finish order and jitter (default 1)")
    args = parser.parse_args()
    if args.hosts < 0 or args.finish_from < 0 or args.finish_to < args.finish_from:
        parser.error("--hosts must be >= 0 and --finish-to >= --finish-from >= 0")
    server = QuietServer(("127.0.0.1", args.port), make_handler(args))
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
