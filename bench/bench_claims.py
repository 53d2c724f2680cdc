"""Claim checker: quality on the labelled evaluation set and time per article.

Runs ``Record.check`` on every article of ``tests/claims/eval`` (labels written before
the checker ran; the checker was then tuned on them) or, with ``--set heldout``, of
``tests/claims/heldout`` (written apart and run once, never tuned on), and on the articles
in ``../shared/articles``; prints claim recall,
verdict accuracy, false "contradicted" verdicts and the time per article in process
(median and worst, after one warm-up that loads the vote index).

    python bench/bench_claims.py [--db PATH] [--verbose]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import unvotes
from unvotes.claims import article_date_from_name
from unvotes.claims.evaluate import labels_by_kind, load_labelled, score, summarise

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--verbose", action="store_true", help="list misses and wrong verdicts")
    parser.add_argument("--set", default="eval", choices=["eval", "heldout"],
                        help="tests/claims/eval (tuned on) or tests/claims/heldout (not)")
    args = parser.parse_args()
    rec = unvotes.open(args.db)
    articles = load_labelled(ROOT / "tests" / "claims" / args.set)
    shared = sorted((ROOT.parent / "shared" / "articles").glob("*.txt"))
    t0 = time.perf_counter()
    rec.check("warm-up: the General Assembly adopted the resolution by 93 votes to 18.")
    print(f"vote index loaded in {time.perf_counter() - t0:.2f} s (once per process)")
    times: list[float] = []
    scores = []
    for a in articles:
        t = time.perf_counter()
        report = rec.check(a.text, date=a.date or article_date_from_name(a.name))
        times.append(time.perf_counter() - t)
        s = score(a, report)
        scores.append(s)
        print(f"{a.name:55} labels {s.labels:3} answered {s.answered:3} right {s.right_verdict:3}"
              f" false-contra {s.false_contradicted} extra {len(s.extra):2} "
              f"main vote {'ok' if s.main_vote_matched else 'MISSED'} "
              f"({report.votes[0].symbol if report.votes else '-'})")
        if args.verbose:
            for label in s.misses:
                print(f"    miss  {label.kind:10} {label.verdict:13} {label.quote!r}")
            for label, claim in s.wrong:
                print(f"    wrong {label.kind:10} label {label.verdict:13} got "
                      f"{claim.verdict.value:13} {label.quote!r}: {claim.statement} "
                      f"[{claim.record_value or claim.reason}]")
            for claim in s.extra:
                print(f"    extra {claim.kind.value:10} {claim.verdict.value:13} {claim.text!r}")
    for path in shared:
        t = time.perf_counter()
        report = rec.check(path.read_bytes(), date=article_date_from_name(path.name))
        times.append(time.perf_counter() - t)
        print(f"{path.name[:55]:55} {report.summary_line}")
    summary = summarise(scores).to_dict()
    print(f"labels by kind: {labels_by_kind(articles)}")
    for k, v in summary.items():
        print(f"{k:28} {v}")
    print(f"time per article in process: median {statistics.median(times):.3f} s, "
          f"worst {max(times):.3f} s over {len(times)} articles (target < 1 s)")
    sys.exit(0)


if __name__ == "__main__":
    main()
