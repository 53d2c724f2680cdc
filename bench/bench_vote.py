"""Benchmark: `unvotes vote A/RES/ES-11/7` as a fresh process and the lookup in process.

Targets (issue 2): fresh process under 1.5 s; in-process lookup under 20 ms.
Needs a built database (UNVOTES_DB or the default path; `make build`).
Usage: python bench/bench_vote.py [--db PATH] [--symbol A/RES/ES-11/7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None)
    parser.add_argument("--symbol", default="A/RES/ES-11/7")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    import unvotes

    rec = unvotes.open(args.db)
    db = str(rec.store.path)
    exe = Path(sys.executable).with_name("unvotes")
    fresh = []
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run([str(exe), "vote", args.symbol, "--db", db, "--json"], check=True,
                       stdout=subprocess.DEVNULL)
        fresh.append(time.perf_counter() - started)
    rec.vote(args.symbol)  # warm the connection
    inproc = []
    for _ in range(100):
        started = time.perf_counter()
        rec.vote(args.symbol)
        inproc.append(time.perf_counter() - started)
    print(f"vote {args.symbol} as a fresh process: median {statistics.median(fresh):.2f} s, "
          f"max {max(fresh):.2f} s over {args.runs} runs (target < 1.5 s)")
    print(f"vote {args.symbol} in process: median {statistics.median(inproc) * 1000:.1f} ms, "
          f"p95 {sorted(inproc)[94] * 1000:.1f} ms over 100 lookups (target < 20 ms)")


if __name__ == "__main__":
    main()
