"""Benchmark: computed outcomes for the whole record, and `unvotes what-if` as a fresh
process.

Targets (issue 3): outcomes for every vote under 2 s; what-if as a fresh process under
1.5 s. Needs a built database (UNVOTES_DB or the default path).
Usage: python bench/bench_outcomes.py [--db PATH]
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
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import unvotes
    from unvotes.charter import permanent_members
    from unvotes.model import Body, Position, VoteKind
    from unvotes.rules import VoteFacts, decide_vote

    rec = unvotes.open(args.db)
    started = time.perf_counter()
    votes = rec.store.dicts(
        "SELECT vote_id, body, kind, date, title, agenda_item, session, positions_complete, "
        "published_yes, published_no, published_abstain FROM votes")
    positions: dict[str, dict[str, Position]] = {}
    for vote_id, iso3, letter in rec.store.iter_rows(
            "SELECT vote_id, iso3, position FROM positions"):
        positions.setdefault(vote_id, {})[iso3] = Position(letter)
    loaded = time.perf_counter() - started
    p5_cache: dict[object, frozenset[str]] = {}
    started = time.perf_counter()
    for v in votes:
        published = None
        if None not in (v["published_yes"], v["published_no"], v["published_abstain"]):
            published = (v["published_yes"], v["published_no"], v["published_abstain"])
        facts = VoteFacts(Body(v["body"]), VoteKind(v["kind"]), v["date"],
                          positions.get(v["vote_id"], {}), v["positions_complete"], published,
                          v["title"], v["agenda_item"], v["session"])
        permanent: frozenset[str] = frozenset()
        if facts.body is Body.SC:
            if v["date"] not in p5_cache:
                p5_cache[v["date"]] = permanent_members(rec, v["date"])
            permanent = p5_cache[v["date"]]
        decide_vote(facts, permanent=permanent)
    computed = time.perf_counter() - started
    print(f"outcomes for all {len(votes):,} votes: {computed:.2f} s to compute "
          f"(+{loaded:.2f} s to load positions from the database; target < 2 s)")
    exe = Path(sys.executable).with_name("unvotes")
    fresh = []
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run([str(exe), "what-if", "S/RES/2774 (2025)", "--set", "USA=N", "--json",
                        "--db", str(rec.store.path)], check=True, stdout=subprocess.DEVNULL)
        fresh.append(time.perf_counter() - started)
    print(f"what-if as a fresh process: median {statistics.median(fresh):.2f} s, "
          f"max {max(fresh):.2f} s over {args.runs} runs (target < 1.5 s)")


if __name__ == "__main__":
    main()
