"""Benchmark: every agreement index for every pair of states, every GA year 1946-2025.

Times (1) ``unvotes.metrics.pair_matrices`` on the per-year position matrices and
(2) a plain pandas self-join baseline (positions merged with themselves on the vote
within each year, agreement index and identical share per pair by groupby), on the same
data in the same run; prints both, their ratio (target: the matrices at least 50x
faster, and under 2 s for all years), the peak memory, and the largest difference
between the two on the agreement index and the identical share.

The matrix products are small (about 600 x 100 x 600 a year), so a multi-threaded BLAS
gains nothing and, on a busy 2-core machine, loses a lot waiting for its second
thread: compare with OPENBLAS_NUM_THREADS=1.

Needs a built database (``--db`` or UNVOTES_DB). It is a script, not the library, so it
reads the database with duckdb directly.
Usage: python bench/bench_alignment.py [--db PATH] [--first 1946] [--last 2025] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from unvotes.metrics import INDICES, PairMatrix, encode_positions, pair_matrices

SQL = """
SELECT v.year, p.vote_id, p.iso3, p.position
FROM positions p JOIN votes v USING (vote_id)
WHERE v.body = 'GA' AND v.year BETWEEN ? AND ?
"""
SCALE = {"Y": 1.0, "A": 0.5, "N": 0.0}  # Signorino & Ritter scale; X is left out


@dataclass
class Year:
    year: int
    states: list[str]
    codes: np.ndarray  # votes x states, int8
    positions: pd.DataFrame  # vote (int), iso3 (category), position (Y/A/N only)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def load(db: str, first: int, last: int) -> list[Year]:
    with duckdb.connect(db, read_only=True) as con:
        # through Arrow with categories: a third of the memory of .df()'s object strings
        frame = con.sql(SQL, params=[first, last]).to_arrow_table().to_pandas(
            strings_to_categorical=True)
    years = []
    for year, part in frame.groupby("year", sort=True):
        vote, _ = pd.factorize(part["vote_id"].astype(str), sort=True)
        state, states = pd.factorize(part["iso3"].astype(str), sort=True)
        codes = np.zeros((vote.max() + 1, len(states)), dtype=np.int8)
        letters = part["position"].astype(str)
        codes[vote, state] = encode_positions(letters.tolist())
        voted = letters.isin(["Y", "A", "N"]).to_numpy()
        positions = pd.DataFrame({
            "vote": vote[voted],
            "iso3": pd.Categorical(states[state[voted]], categories=states),
            "position": letters.to_numpy()[voted],
        })
        years.append(Year(int(str(year)), list(states), codes, positions))
    return years


def with_matrices(years: list[Year]) -> list[dict[str, PairMatrix]]:
    return [pair_matrices(y.codes, indices=INDICES) for y in years]


def with_pandas(years: list[Year]) -> list[pd.DataFrame]:
    """The straightforward way: a self-join per year and a groupby per pair."""
    out = []
    for y in years:
        p = y.positions.assign(x=y.positions["position"].map(SCALE))
        pairs = p.merge(p, on="vote", suffixes=("_i", "_j"))
        pairs["same"] = pairs["position_i"] == pairs["position_j"]
        pairs["agree"] = 1.0 - (pairs["x_i"] - pairs["x_j"]).abs()
        out.append(pairs.groupby(["iso3_i", "iso3_j"], observed=True).agg(
            identical=("same", "mean"), agreement=("agree", "mean"), n=("agree", "size"),
        ).reset_index())
    return out


def differences(years: list[Year], fast: list[dict[str, PairMatrix]],
                slow: list[pd.DataFrame]) -> tuple[float, float, int, int]:
    worst_agree = worst_same = 0.0
    n_mismatch = pairs = 0
    for y, matrices, table in zip(years, fast, slow, strict=True):
        i = table["iso3_i"].cat.codes.to_numpy()
        j = table["iso3_j"].cat.codes.to_numpy()
        agree = matrices["agreement"].values[i, j]
        same = matrices["identical"].values[i, j]
        worst_agree = max(worst_agree, float(np.abs(agree - table["agreement"]).max()))
        worst_same = max(worst_same, float(np.abs(same - table["identical"]).max()))
        n_mismatch += int((matrices["agreement"].n_votes[i, j] != table["n"]).sum())
        # every pair the matrices define must be in the join, and no other
        defined = int((~np.isnan(matrices["agreement"].values)).sum())
        n_mismatch += abs(defined - len(table))
        pairs += len(table)
    return worst_agree, worst_same, n_mismatch, pairs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=os.environ.get("UNVOTES_DB"))
    parser.add_argument("--first", type=int, default=1946)
    parser.add_argument("--last", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.db:
        from unvotes.store import default_db_path

        args.db = str(default_db_path())  # where `make run` builds the record

    started = time.perf_counter()
    years = load(args.db, args.first, args.last)
    loaded = time.perf_counter() - started
    n_votes = sum(y.codes.shape[0] for y in years)
    sizes = [y.codes.shape[1] for y in years]
    print(f"{len(years)} years {years[0].year}-{years[-1].year}, {n_votes} GA votes, "
          f"{min(sizes)}-{max(sizes)} states a year; read and built the position "
          f"matrices in {loaded:.2f} s; {os.cpu_count()} CPUs")

    print(f"peak memory after loading {peak_mb():.0f} MB")

    times, cpu = [], []
    fast: list[dict[str, PairMatrix]] = []
    for _ in range(args.runs):
        fast = []  # let the previous run's results go before the next is timed
        started, started_cpu = time.perf_counter(), time.process_time()
        fast = with_matrices(years)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    fast_time = statistics.median(times)
    arrays = {id(a): a for year in fast for m in year.values() for a in (m.values, m.n_votes)}
    held = sum(a.nbytes for a in arrays.values())  # n_votes is shared between indices
    print(f"(1) pair_matrices, {len(INDICES)} indices, all pairs, every year: median "
          f"{fast_time:.3f} s (CPU {statistics.median(cpu):.3f} s), best {min(times):.3f} s "
          f"over {args.runs} runs (target < 2 s); results {held / 2**20:.0f} MB; peak "
          f"memory so far {peak_mb():.0f} MB")

    started = time.perf_counter()
    slow = with_pandas(years)
    slow_time = time.perf_counter() - started
    print(f"(2) pandas self-join, agreement + identical only, every year: {slow_time:.2f} s; "
          f"peak memory {peak_mb():.0f} MB")
    print(f"ratio (2)/(1): {slow_time / fast_time:.0f}x (target >= 50x)")

    worst_agree, worst_same, mismatches, pairs = differences(years, fast, slow)
    print(f"over {pairs} state-year pairs: max |agreement difference| {worst_agree:.2e}, "
          f"max |identical difference| {worst_same:.2e}, vote-count or coverage "
          f"mismatches {mismatches}")

    last = years[-1]
    where = {iso3: k for k, iso3 in enumerate(last.states)}
    agreement = fast[-1]["agreement"].values
    sample = [(a, b) for a, b in (("USA", "GBR"), ("USA", "ISR"), ("USA", "RUS"),
                                  ("CHN", "RUS")) if a in where and b in where]
    print(f"agreement in {last.year}: " + ", ".join(
        f"{a}-{b} {agreement[where[a], where[b]]:.3f}" for a, b in sample))


if __name__ == "__main__":
    main()
