"""Fuzz the hand-entered votes reader (``unvotes add votes``): mutated YAML for N seconds.

Starts from the votes file shipped with the package and, with a seeded random generator,
truncates it, deletes, duplicates and swaps lines, replaces values with odd tokens
(wrong types, huge numbers, tags, anchors, bad dates, unknown keys) and inserts garbage.
Every input goes through ``read_manual_votes``; any exception other than SourceError is a
bug. Prints the inputs tried, the exceptions by type and the slowest input.

    python bench/fuzz_votes_yaml.py [--seconds 300] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from unvotes.build.sources import packaged_manual_votes
from unvotes.errors import SourceError
from unvotes.readers.manual import read_manual_votes

TOKENS = ["", "null", "~", "true", "1e309", "-1", "99999999999999999999", "2025-02-30",
          "0000-00-00", "!!python/object:os.system ''", "&a [*a]", "*a", "{", "}", "[", "]",
          "yes: [", "- ", "  - ", "body: XX", "kind: resolution", "kind: treaty",
          "symbol: A/RES/ES-11/7", "draft_symbol: null", "tally: {yes: 1}", "positions:",
          "positions_complete: maybe", "url: ftp://x", "format: unvotes-votes/2", "votes: 3",
          "\t", "\x00", "\ufeff", "é", "\U0001f600", "'", "\"", "#", ":", "? ", "%YAML 1.1",
          "---", "...", "<<: *a"]


def mutate(lines: list[str], rng: random.Random) -> str:
    out = list(lines)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        if not out:
            break
        i = rng.randrange(len(out))
        if op == 0:
            out = out[:i]
        elif op == 1:
            del out[i]
        elif op == 2:
            out.insert(i, out[rng.randrange(len(out))])
        elif op == 3:
            j = rng.randrange(len(out))
            out[i], out[j] = out[j], out[i]
        elif op == 4:
            key, _, _ = out[i].partition(":")
            out[i] = f"{key}: {rng.choice(TOKENS)}"
        else:
            out.insert(i, rng.choice(TOKENS) * rng.randint(1, 50))
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lines = packaged_manual_votes().read_text(encoding="utf-8").splitlines()
    tried, outcomes, bugs = 0, Counter(), Counter()
    slowest = 0.0
    deadline = time.perf_counter() + args.seconds
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "votes.yaml"
        while time.perf_counter() < deadline:
            path.write_text(mutate(lines, rng), encoding="utf-8", errors="surrogatepass")
            began = time.perf_counter()
            try:
                list(read_manual_votes(path))
                outcomes["read"] += 1
            except SourceError:
                outcomes["SourceError"] += 1
            except Exception as exc:  # noqa: BLE001 - every other exception is a finding
                bugs[type(exc).__name__] += 1
                if bugs[type(exc).__name__] == 1:
                    traceback.print_exc()
            slowest = max(slowest, time.perf_counter() - began)
            tried += 1
    print(f"inputs tried: {tried:,} in {args.seconds:.0f} s (seed {args.seed})")
    print(f"outcomes: {dict(outcomes)}")
    print(f"exceptions other than SourceError: {dict(bugs) or 'none'}")
    print(f"slowest input: {slowest * 1000:.0f} ms")


if __name__ == "__main__":
    main()
