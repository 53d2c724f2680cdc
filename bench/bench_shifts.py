"""Surprises and shifts on the real record: the speed target and the evaluation figures.

Prints the time to score every position of the record (surprise scores, after the ideal
points exist), the time to detect shifts for every state and every pair with a permanent
member, and recall and precision against the documented realignments in
tests/shifts/ (a list written before the detector existed).

    python bench/bench_shifts.py            (after `unvotes build` and `unvotes ideal fit`)
"""

from __future__ import annotations

import time
from pathlib import Path

import unvotes
from unvotes.shifts import score_record, shifts_of_year, voting_days
from unvotes.shifts.detect import _column, _detect, _rows
from unvotes.shifts.evaluate import load_cases, score_detector

CASES = Path(__file__).resolve().parents[1] / "tests" / "shifts"


def main() -> None:
    rec = unvotes.open()
    began = time.perf_counter()
    scores = score_record(rec)
    scored = time.perf_counter() - began
    print(f"surprise scores, whole record: {scored:.1f} s for {len(scores.frame):,} "
          f"positions (model view: {scores.model_fit})")
    began = time.perf_counter()
    series = voting_days(rec)
    rows = _rows(series, None, None, None)
    p5 = ["USA", "RUS", "CHN", "GBR", "FRA"]
    columns = {s: _column(series, s, True) for s in series.states}
    found = 0
    for state in series.states:  # every state against the majority
        found += len(_detect(1.0 - abs(columns[state] - series.majority), series, rows,
                             kind="state", country=state, partner=None, topic=None,
                             options={}))
    for i, a in enumerate(p5):  # every pair of permanent members
        for b in p5[i + 1:]:
            found += len(_detect(1.0 - abs(columns[a] - columns[b]), series, rows,
                                 kind="dyad", country=a, partner=b, topic=None, options={}))
    detected = time.perf_counter() - began
    print(f"shift detection, all {len(series.states)} states and the 10 P5 pairs, "
          f"1946-2026: {detected:.1f} s, {found} changes")
    print(f"total: {scored + detected:.1f} s (target < 60 s after the ideal points exist)")
    began = time.perf_counter()
    year = shifts_of_year(rec, 2025, pairs="all", series=series, top=None)
    print(f"shifts of 2025 across all states and all pairs: {time.perf_counter() - began:.1f} "
          f"s, {len(year)} changes dated 2025")
    score = score_detector(rec, load_cases(CASES / "realignments.csv"),
                           load_cases(CASES / "stable.csv", stable=True), series=series)
    cases = score.cases
    print(f"documented realignments: recall {score.recall:.2f} "
          f"({int(cases['found'].sum())} of {len(cases)}), precision {score.precision:.2f} "
          f"({len(score.false_alarms)} changes on {len(load_cases(CASES / 'stable.csv', stable=True))} "
          f"stable stretches)")
    missed = cases[~cases["found"]]
    print("missed: " + ", ".join(f"{r.id} (nearest {r.lag_months} months)"
                                 for r in missed.itertuples()))


if __name__ == "__main__":
    main()
