"""Benchmark: the web server under load, measured with wrk from a second process.

Starts `unvotes serve` on a free localhost port, warms it up (the answers are memoised),
then runs `wrk -t2 -c32 -d30s --latency` against the JSON of one vote and its HTML page.

Targets (issue 6): vote JSON at least 300 requests/s with p99 under 100 ms and no errors
over 30 s; vote page HTML p99 under 200 ms and no errors.
Needs wrk (apt-get install wrk) and a built database (UNVOTES_DB or the default path).
Exits 1 if a target is missed, 2 if wrk or the server is missing.
Usage: python bench/bench_web.py [--db PATH] [--symbol A/RES/ES-11/7] [--seconds 30]
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}


@dataclass(frozen=True)
class Load:
    """What wrk measured: throughput, tail latency and failed requests."""

    requests: int
    per_second: float
    p50_ms: float
    p99_ms: float
    socket_errors: int
    non_2xx: int

    @property
    def errors(self) -> int:
        return self.socket_errors + self.non_2xx


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not m:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(m[1]) * UNITS[m[2]]


def parse_wrk(out: str) -> Load:
    """The figures in wrk's ``--latency`` report.

    Example: ``parse_wrk(out).p99_ms`` -> 12.3 for a line ``99%   12.30ms``.
    """
    def grab(pattern: str) -> re.Match[str]:
        m = re.search(pattern, out, re.MULTILINE)
        if not m:
            raise ValueError(f"no {pattern!r} in wrk's output:\n{out}")
        return m

    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                        out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Load(requests=int(grab(r"^\s*(\d+) requests in")[1]),
                per_second=float(grab(r"^Requests/sec:\s+([\d.]+)")[1]),
                p50_ms=_ms(grab(r"^\s+50%\s+(\S+)")[1]),
                p99_ms=_ms(grab(r"^\s+99%\s+(\S+)")[1]),
                socket_errors=sum(int(g) for g in sockets.groups()) if sockets else 0,
                non_2xx=int(non_2xx[1]) if non_2xx else 0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as answer:
        answer.read()
        status: int = answer.status
        return status


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"unvotes serve exited with status {server.returncode}")
        try:
            get(url)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError(f"unvotes serve did not answer at {url} within {seconds:.0f} s")


def run_wrk(url: str, *, seconds: int, threads: int, connections: int) -> tuple[str, Load]:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return out, parse_wrk(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None, help="the record (default: unvotes' default)")
    parser.add_argument("--symbol", default="A/RES/ES-11/7")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--raw", action="store_true", help="also print wrk's own report")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk not found: apt-get install wrk", file=sys.stderr)
        return 2
    exe = Path(sys.executable).with_name("unvotes")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [str(exe), "serve", "--port", str(port)] + (["--db", args.db] if args.db else [])
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    # (label, address, min requests/s, max p99 ms)
    cases = [("vote JSON", f"{base}/api/v1/votes/{args.symbol}", 300.0, 100.0),
             ("vote page HTML", f"{base}/votes/{args.symbol}", None, 200.0)]
    missed = 0
    try:
        try:
            wait_until_up(f"{base}/api/v1/coverage", server)
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 2
        for _, url, _, _ in cases:  # warm up: fill the memo, then a short load
            for _ in range(20):
                get(url)
            run_wrk(url, seconds=3, threads=args.threads, connections=args.connections)
        for label, url, min_rate, max_p99 in cases:
            out, load = run_wrk(url, seconds=args.seconds, threads=args.threads,
                                connections=args.connections)
            if args.raw:
                print(out)
            ok_rate = min_rate is None or load.per_second >= min_rate
            ok_p99 = load.p99_ms < max_p99
            ok_errors = load.errors == 0
            missed += not (ok_rate and ok_p99 and ok_errors)
            rate_target = f"target >= {min_rate:.0f}" if min_rate else "no target"
            print(f"{label} {url.removeprefix(base)}: {load.per_second:.1f} req/s "
                  f"({rate_target}{'' if ok_rate else ', MISSED'}), "
                  f"p50 {load.p50_ms:.1f} ms, p99 {load.p99_ms:.1f} ms "
                  f"(target < {max_p99:.0f} ms{'' if ok_p99 else ', MISSED'}), "
                  f"{load.requests} requests, errors {load.errors} "
                  f"(socket {load.socket_errors}, non-2xx {load.non_2xx}; target 0"
                  f"{'' if ok_errors else ', MISSED'}) "
                  f"[wrk -t{args.threads} -c{args.connections} -d{args.seconds}s]")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
