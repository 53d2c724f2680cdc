"""Benchmark: a full `unvotes build` from the shared data — wall time and peak memory.

Targets (issue 2): under 90 s on the 2-core machine, peak memory under 2 GB.
Usage: python bench/bench_build.py [--data ../shared/data] [--runs 1]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(Path(__file__).parents[1] / ".." / "shared" / "data"))
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("unvotes")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run([str(exe), "build", "--from", args.data, "--db", str(db), "--json"],
                           check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - started)
        # ru_maxrss of children: the largest resident set of any finished child, in KiB
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size_mib = db.stat().st_size / 2**20
    best = min(times)
    print(f"full build: {best:.1f} s (best of {args.runs}; target < 90 s), "
          f"peak memory {peak_mib:,.0f} MiB (target < 2048 MiB), database {size_mib:.0f} MiB")


if __name__ == "__main__":
    main()
