#!/usr/bin/env python3
"""Slow-body flood (issue 23, items 1 and 2): can callers who trickle request bodies starve
the broker and its probes?

Starts the packaged broker jar (demo profile, one bearer client "bench" for every vendor),
then SLOW clients each send a request head with Content-Length: 1000 and one body byte
every INTERVAL seconds, reconnecting INTERVAL seconds after the broker closes on them. By
default they send no token, as in the issue (230 clients, 1.5 s); --authenticated gives them
the valid token, so their bodies are read (and bounded by broker.request-body.*). While the
flood runs, once a second, a probe asks /actuator/health/liveness (on --management-port
when given, as the Helm chart runs it) and a valid caller asks GET /sessions/alertsite,
each with a --within deadline. Prints one summary line per probe; the figures are kept in
docs/security.md ("Slow request bodies").

  ./mvnw -B -q package -DskipTests
  python3 bench/slow-body-flood.py                         # API and actuator on one port
  python3 bench/slow-body-flood.py --management-port 18081 # as the Helm chart runs it
  python3 bench/slow-body-flood.py --jar /path/to/an-earlier-build.jar   # before/after

Every process listens on 127.0.0.1. Needs python3 and java 17+.
"""
import argparse
import glob
import hashlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TOKEN = "bench-slow-body-token-5d2c"


def parse():
    here = os.path.dirname(os.path.abspath(__file__))
    jars = [j for j in glob.glob(os.path.join(here, "..", "target", "session-broker-*.jar")) if "plain" not in j]
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--jar", default=jars[0] if jars else None, help="broker jar (default: target/)")
    p.add_argument("--port", type=int, default=18080)
    p.add_argument("--management-port", type=int, default=0, help="actuator on its own port (0: same port)")
    p.add_argument("--slow", type=int, default=230, help="slow clients")
    p.add_argument("--interval", type=float, default=1.5, help="seconds between two body bytes")
    p.add_argument("--length", type=int, default=1000, help="declared Content-Length")
    p.add_argument("--authenticated", action="store_true", help="slow clients send the valid token")
    p.add_argument("--target", default="/sessions/alertsite/refresh", help="what the slow clients POST to")
    p.add_argument("--warmup", type=float, default=5.0, help="seconds of flood before probing")
    p.add_argument("--duration", type=float, default=20.0, help="seconds of probing")
    p.add_argument("--within", type=float, default=4.0, help="an answer later than this counts as none")
    p.add_argument("--extra", action="append", default=[], help="more broker arguments (--key=value)")
    args = p.parse_args()
    if not args.jar:
        sys.exit("no jar: ./mvnw -B -q package -DskipTests, or --jar")
    return args


def start_broker(args, log):
    digest = hashlib.sha256(TOKEN.encode()).hexdigest()
    cmd = ["java", "-Xmx512m", "-jar", args.jar, "--spring.profiles.active=demo",
           "--server.port=%d" % args.port, "--broker.clients.bench.token-sha256=" + digest,
           "--broker.clients.bench.vendors=*", "--logging.level.root=WARN"]
    if args.management_port:
        cmd.append("--management.server.port=%d" % args.management_port)
    cmd += args.extra
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    probe_port = args.management_port or args.port
    for _ in range(360):
        status, _ = request(probe_port, "GET /actuator/health/readiness HTTP/1.1\r\nHost: x\r\n"
                            "Connection: close\r\n\r\n", 2.0)
        if status == 200:
            return proc
        if proc.poll() is not None:
            sys.exit("broker exited; see " + log.name)
        time.sleep(0.5)
    proc.terminate()
    sys.exit("broker not ready; see " + log.name)


def request(port, raw, within):
    """(status or None, seconds): None when no complete status line came within the deadline."""
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=within) as s:
            s.settimeout(within)
            s.sendall(raw.encode("latin-1"))
            data = b""
            while b"\r\n" not in data:
                remaining = within - (time.monotonic() - started)
                if remaining <= 0:
                    return None, within
                s.settimeout(remaining)
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            line = data.split(b"\r\n", 1)[0].decode("latin-1")
            return (int(line.split()[1]) if line.startswith("HTTP/") else None), time.monotonic() - started
    except (OSError, ValueError, IndexError):
        return None, time.monotonic() - started


class SlowClient(threading.Thread):

    def __init__(self, args, stop, counts, lock):
        super().__init__(daemon=True)
        self.args, self.stop, self.counts, self.lock = args, stop, counts, lock

    def count(self, key):
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1

    def run(self):
        head = ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                "Content-Length: %d\r\n" % (self.args.target, self.args.length))
        if self.args.authenticated:
            head += "Authorization: Bearer %s\r\n" % TOKEN
        head += "\r\n{"
        while not self.stop.is_set():
            try:
                with socket.create_connection(("127.0.0.1", self.args.port), timeout=5) as s:
                    s.sendall(head.encode("latin-1"))
                    self.count("connections")
                    s.setblocking(False)
                    sent, answered = 1, False
                    while not self.stop.is_set() and sent < self.args.length:
                        if self.stop.wait(self.args.interval):
                            break
                        try:
                            data = s.recv(4096)
                            if not data:
                                self.count("closed by broker")
                                break
                            if not answered and data.startswith(b"HTTP/1.1 "):
                                answered = True
                                self.count("answered " + data[9:12].decode("latin-1"))
                        except BlockingIOError:
                            pass
                        s.send(b"1")
                        sent += 1
            except OSError:
                self.count("connection errors")
            self.stop.wait(self.args.interval)


def summary(name, results, within):
    answered = [t for status, t in results if status is not None and t <= within]
    ok = [t for status, t in results if status == 200 and t <= within]
    line = "%-32s %2d/%2d answered 200 within %.0f s" % (name, len(ok), len(results), within)
    if answered:
        line += "; answered: median %.3f s, max %.3f s" % (statistics.median(answered), max(answered))
    return line


def main():
    args = parse()
    log = tempfile.NamedTemporaryFile(prefix="slow-body-flood-", suffix=".log", delete=False)
    broker = start_broker(args, log)
    stop, lock, counts = threading.Event(), threading.Lock(), {}
    try:
        clients = [SlowClient(args, stop, counts, lock) for _ in range(args.slow)]
        for c in clients:
            c.start()
        time.sleep(args.warmup)
        live_port = args.management_port or args.port
        liveness, session = [], []
        end = time.monotonic() + args.duration
        while time.monotonic() < end:
            tick = time.monotonic()
            liveness.append(request(live_port, "GET /actuator/health/liveness HTTP/1.1\r\nHost: x\r\n"
                                    "Connection: close\r\n\r\n", args.within))
            session.append(request(args.port, "GET /sessions/alertsite HTTP/1.1\r\nHost: x\r\nAuthorization: "
                                   "Bearer %s\r\nConnection: close\r\n\r\n" % TOKEN, args.within))
            time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
        stop.set()
        print("jar: %s" % os.path.basename(args.jar))
        print("slow clients: %d x POST %s, Content-Length %d, 1 byte every %.1f s, %s; actuator %s" % (
            args.slow, args.target, args.length, args.interval,
            "valid token" if args.authenticated else "no token",
            ("on port %d" % args.management_port) if args.management_port else "on the API port"))
        print(summary("liveness", liveness, args.within))
        print(summary("GET /sessions/alertsite (valid)", session, args.within))
        print("slow clients: " + ", ".join("%s %d" % kv for kv in sorted(counts.items())))
    finally:
        stop.set()
        broker.terminate()
        try:
            broker.wait(30)
        except subprocess.TimeoutExpired:
            broker.kill()
        print("broker log: " + log.name)


if __name__ == "__main__":
    main()
