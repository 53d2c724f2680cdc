"""Fuzz the press-release reader: mutated fixtures and hostile inputs for N seconds.

Starts from the fixtures in ``tests/fixtures/press_releases`` and, with a seeded random
generator, truncates them, shuffles and deletes lines, duplicates annex lists, inserts
garbage and vote-like fragments, rewraps a long line into many short ones, splices two
releases together and grows them towards the size limit; a fixed set of hostile inputs (long whitespace after a tally, unclosed
brackets, thousands of tallies or list labels) runs first. Every input goes through
``parse_press_release`` (and, for one in fifty, through ``read_press_release`` as bytes,
invalid UTF-8 included). Prints the inputs tried, the exceptions other than SourceError by
type (each is a bug), the outcome counts and the slowest inputs.

    python bench/fuzz_press_release.py [--seconds 300] [--seed 0] [--save DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from unvotes.errors import SourceError
from unvotes.readers.press_release import MAX_BYTES, parse_press_release, read_press_release

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "press_releases"

HEADER = "24 February 2025\nGA/12678\n\n"
TOKENS = [
    "93 in favour", " to ", "18 against", ", with ", "65 abstentions", "none against",
    "with no abstentions", " votes in favour ", "(", ")", "((", "))", ", ", " and ",
    "In favour:", "Against:", "Abstain:", "Abstaining:", "Absent:", "None.", "\n", "\n\n",
    "GA/12678", "SC/16012", "GA/SHC/4400", "GA/XYZ/1", "24 February 2025", "31/02/2024",
    "1 January 1900", "resolution 72/191", "resolution 2774 (2025)", "A/ES-11/L.10",
    "S/2025/112", "amendment", "operative paragraph 4", "motion", "draft decision",
    "as a whole", "was adopted", "was not adopted", "rejected", "vetoed",
    "negative vote of a permanent member", "without a vote", "unanimously", "entitled “", "”", "\"",
    ("Subsequent to the voting, the delegation of X informed the Secretariat that it had "
     "intended to vote in favour."), "* Reissued.", "Côte d’Ivoire",
    "Iran (Islamic Republic of)", "Antigua and Barbuda", "123", "0", "999", "1000", ".", ";", ":", "\t", " ", "\u00a0",
    "\ufeff", "\u2028", "\x85", "é", "\U0001f600", "\x00", "\x1b",
]


def hostile() -> list[tuple[str, str]]:
    """Inputs built to trip a backtracking pattern or a quadratic loop, near the limit."""
    size = MAX_BYTES - 1000
    tally = "1 in favour to 1 against, with 1 abstentions (A). "
    return [
        ("spaces after a count", HEADER + "1 in favour" + " " * size + "x"),
        ("spaces before against", HEADER + "1 in favour to 1" + " " * size + "x"),
        ("spaces before abstentions", HEADER + "1 in favour to 1 against, with 1"
         + " " * size + "x"),
        ("unclosed bracket", HEADER + "1 in favour (" + "A, " * (size // 3)),
        ("nested brackets", HEADER + "1 in favour to 1 against (" + "(a)" * (size // 3)),
        ("open brackets", HEADER + "1 in favour to 1 against " + "(" * size),
        ("many tallies on one line", HEADER + (tally * (size // len(tally)))[:size]),
        ("many tallies, one sentence", HEADER + ("1 in favour to 1 against, "
                                                 * (size // 26))[:size]),
        ("many labels", HEADER + "1 in favour to 1 against.\n" + "In favour: A\n"
         * (size // 13)),
        ("one huge list", HEADER + "1 in favour to 1 against.\nIn favour: "
         + "Albania, " * (size // 9)),
        ("a list wrapped over many lines", HEADER + "1 in favour to 1 against.\nIn favour: "
         + "Albania,\n" * (size // 9)),
        ("a list in the next paragraph", HEADER + "1 in favour to 1 against.\nIn favour:\n\n"
         + "Albania,\n" * (size // 9)),
        ("many skips", HEADER + "adopted without a vote " * (size // 23)),
        ("many intended", HEADER + "1 in favour to 1 against. " + "intended to vote "
         * (size // 17)),
        ("many sentences", HEADER + "A. " * (size // 3)),
        ("digits", HEADER + "1" * size),
        ("one long line", "x" * size),
        ("many blank lines", HEADER + "\n" * size),
        ("many header lines", "GA/1\n" * (size // 5)),
    ]


def mutate(rng: random.Random, text: str, corpus: list[str]) -> str:
    """One random change (or a few) to ``text``."""
    lines = text.split("\n")
    choice = rng.randrange(13)
    if choice == 0:  # truncate
        return text[: rng.randrange(len(text) + 1)]
    if choice == 1:  # shuffle some lines
        i, j = sorted(rng.sample(range(len(lines) + 1), 2)) if len(lines) > 1 else (0, 1)
        part = lines[i:j]
        rng.shuffle(part)
        return "\n".join(lines[:i] + part + lines[j:])
    if choice == 2:  # delete lines
        i = rng.randrange(len(lines))
        return "\n".join(lines[:i] + lines[i + rng.randrange(1, 4):])
    if choice == 3:  # duplicate a list line or any line
        labelled = [k for k, line in enumerate(lines) if ":" in line[:12]] or [0]
        k = rng.choice(labelled)
        return "\n".join(lines[: k + 1] + [lines[k]] * rng.randrange(1, 3) + lines[k + 1:])
    if choice == 4:  # insert tokens
        pos = rng.randrange(len(text) + 1)
        return text[:pos] + "".join(rng.choice(TOKENS) for _ in range(rng.randrange(1, 8))) \
            + text[pos:]
    if choice == 5:  # insert random characters
        pos = rng.randrange(len(text) + 1)
        junk = "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x3000),
                                      rng.randrange(0, 32)])) for _ in range(rng.randrange(1, 40)))
        return text[:pos] + junk + text[pos:]
    if choice == 6:  # change a number
        digits = [k for k, c in enumerate(text) if c.isdigit()]
        if not digits:
            return text
        k = rng.choice(digits)
        return text[:k] + str(rng.randrange(0, 1200)) + text[k + 1:]
    if choice == 7:  # splice two releases
        other = rng.choice(corpus)
        return text[: rng.randrange(len(text) + 1)] + other[rng.randrange(len(other) + 1):]
    if choice == 8:  # grow: repeat a slice many times
        i = rng.randrange(len(text) + 1)
        j = min(len(text), i + rng.randrange(1, 400))
        times = rng.randrange(1, max(2, (MAX_BYTES // 4) // max(1, j - i)))
        return text[:j] + text[i:j] * times + text[j:]
    if choice == 9:  # swap a name between lists
        names = [k for k, line in enumerate(lines) if "," in line]
        if len(names) < 2:
            return text
        a, b = rng.sample(names, 2)
        lines[a], lines[b] = lines[b], lines[a]
        return "\n".join(lines)
    if choice == 10:  # tokens only
        return "".join(rng.choice(TOKENS) for _ in range(rng.randrange(1, 200)))
    if choice == 11:  # wrap a long line into many short ones (a list over many lines)
        k = max(range(len(lines)), key=lambda i: len(lines[i]))
        width = rng.randrange(1, 30)
        line = lines[k] * rng.randrange(1, 200)
        wrapped = [line[i:i + width] for i in range(0, len(line), width)]
        return "\n".join(lines[:k] + wrapped + lines[k + 1:])
    return mutate(rng, mutate(rng, text, corpus), corpus)  # two at once


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", type=Path, default=None,
                        help="write each input that raised a non-SourceError here")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    corpus = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))]
    if not corpus:
        sys.exit(f"no fixtures in {FIXTURES}")
    outcomes: Counter[str] = Counter()
    crashes: Counter[str] = Counter()
    examples: dict[str, str] = {}
    slowest: list[tuple[float, str, int]] = []
    tried = 0

    def run(name: str, text: str, call: Callable[[], object]) -> None:
        nonlocal tried
        tried += 1
        start = time.perf_counter()
        try:
            call()
            outcomes["parsed"] += 1
        except SourceError:
            outcomes["SourceError"] += 1
        except Exception as err:  # noqa: BLE001 - any other exception is what we look for
            kind = type(err).__name__
            crashes[kind] += 1
            if kind not in examples:
                examples[kind] = traceback.format_exc(limit=-3)
                print(f"CRASH {kind} on {name!r} ({len(text)} chars):\n{examples[kind]}")
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                (args.save / f"{kind}-{crashes[kind]}.txt").write_text(
                    text, encoding="utf-8", errors="surrogatepass")
        elapsed = time.perf_counter() - start
        slowest.append((elapsed, name, len(text)))
        slowest.sort(reverse=True)
        del slowest[5:]

    deadline = time.monotonic() + args.seconds
    for name, text in hostile():
        run(f"hostile: {name}", text, lambda text=text: parse_press_release(text))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "release.txt"
        while time.monotonic() < deadline:
            base = rng.choice(corpus)
            text = mutate(rng, base, corpus)
            if rng.randrange(50) == 0:
                data = text.encode("utf-8", errors="surrogatepass")
                if rng.randrange(2):
                    k = rng.randrange(len(data) + 1)
                    data = data[:k] + bytes([rng.choice([0x80, 0xC3, 0xFF, 0xED])]) + data[k:]
                path.write_bytes(data)
                run("file", text, lambda: read_press_release(path))
            else:
                run("mutation", text, lambda text=text: parse_press_release(text))

    print(f"inputs tried: {tried:,} in {args.seconds:.0f} s (seed {args.seed})")
    print("outcomes: " + ", ".join(f"{k} {v:,}" for k, v in sorted(outcomes.items())))
    print("exceptions other than SourceError: "
          + (", ".join(f"{k} {v:,}" for k, v in crashes.most_common()) or "none"))
    print("slowest inputs:")
    for elapsed, name, size in slowest:
        print(f"  {elapsed * 1000:8.1f} ms  {size:>9,} chars  {name}")
    if crashes:
        sys.exit(1)


if __name__ == "__main__":
    main()
