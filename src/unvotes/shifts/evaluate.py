"""Score the shift detector against documented realignments and documented stability.

The documented cases (``tests/shifts/realignments.csv``, assembled from literature and
reporting before the detector existed) name a state or a pair, a date, how uncertain the
date is (``window_months``) and a topic. A case is **found** when the detector reports
a change on that series (the state's agreement with the majority, or the pair's
agreement; on the case's topic or over all votes) dated within ``window_months`` plus a
grace of :data:`GRACE_MONTHS` of the documented date — the first vote after a change of
government can come months later.

Precision needs false alarms, which an incomplete list of true shifts cannot give; the
documented **stable** stretches (``tests/shifts/stable.csv``: pairs described as
consistently aligned over a period) can. A change reported on a stable pair within its
period is a false alarm; ``precision = found / (found + false alarms)``.

>>> from datetime import date
>>> months_apart(date(2025, 2, 24), date(2025, 6, 1))
3.2
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unvotes.errors import SourceError

if TYPE_CHECKING:
    import pandas as pd

    from unvotes.record import Record
    from unvotes.shifts.detect import Series

__all__ = ["GRACE_MONTHS", "ShiftScore", "load_cases", "months_apart", "score_detector"]

GRACE_MONTHS = 12.0
_CASE_COLUMNS = ("id", "kind", "subject", "partner", "date", "window_months", "topic")
_STABLE_COLUMNS = ("id", "kind", "subject", "partner", "start", "end", "topic")


@dataclass(frozen=True, eq=False)
class ShiftScore:
    """``cases``: one row per documented case (``found``, the nearest detected change's
    date, ``lag_months``); ``false_alarms``: the changes reported on stable stretches;
    ``recall``, ``precision``."""

    cases: pd.DataFrame
    false_alarms: pd.DataFrame
    recall: float
    precision: float


def months_apart(a: dt.date, b: dt.date) -> float:
    """Months (of 30.44 days) from ``a`` to ``b``, rounded to 0.1."""
    return round((b - a).days / 30.44, 1)


def _day(text: str) -> dt.date:
    text = str(text)
    return dt.date.fromisoformat(text if len(text) == 10 else f"{text[:7]}-15"
                                 if len(text) == 7 else f"{text[:4]}-07-01")


def load_cases(path: Path | str, *, stable: bool = False) -> pd.DataFrame:
    """The documented realignments (or, with ``stable``, the stable stretches) from a
    CSV, dates parsed (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a month stands for its
    middle). Raises SourceError naming the file and the problem."""
    import pandas as pd

    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as exc:
        raise SourceError(path, None, f"cannot read: {exc}") from exc
    wanted = _STABLE_COLUMNS if stable else _CASE_COLUMNS
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        raise SourceError(path, 1, f"no column {', '.join(missing)}")
    for column in ("start", "end") if stable else ("date",):
        try:
            frame[column] = [_day(v) for v in frame[column]]
        except ValueError as exc:
            raise SourceError(path, None, f"bad date in column {column}: {exc}") from exc
    if not stable:
        frame["window_months"] = frame["window_months"].astype(float)
    return frame


def score_detector(rec: Record, cases: pd.DataFrame, stable: pd.DataFrame, *,
                   series: Series | None = None, **options: Any) -> ShiftScore:
    """Run the detector (:func:`unvotes.shifts.detect.shifts`, with ``options``; seats
    followed, so the cases of 1971 and 1991 can be seen) on each case's and each stable
    stretch's series and score it (module docstring)."""
    import pandas as pd

    from unvotes.shifts.detect import shifts, voting_days

    s = series if series is not None else voting_days(rec)
    memo: dict[tuple[str, str | None, str], pd.DataFrame] = {}

    def detected(subject: str, partner: str | None, topic: str) -> pd.DataFrame:
        key = (subject, partner, topic)
        if key not in memo:
            frame = shifts(rec, subject, topic=None if topic == "all" else topic,
                           partners=[partner] if partner else [], series=s,
                           follow_seats=True, **options)
            kind = "dyad" if partner else "state"
            memo[key] = frame[frame["kind"] == kind]
        return memo[key]

    rows = []
    for case in cases.to_dict("records"):
        partner = case["partner"] or None
        parts = [detected(case["subject"], partner, t)
                 for t in dict.fromkeys([case["topic"], "all"])]
        found = pd.concat([p for p in parts if len(p)]) if any(len(p) for p in parts) \
            else parts[0]
        lags = [months_apart(case["date"], d) for d in found["date"]]
        limit = float(case["window_months"]) + GRACE_MONTHS
        near = min(lags, key=abs) if lags else None
        rows.append({"id": case["id"], "kind": case["kind"], "subject": case["subject"],
                     "partner": partner, "date": case["date"], "topic": case["topic"],
                     "found": near is not None and abs(near) <= limit,
                     "lag_months": near})
    alarms = []
    for row in stable.to_dict("records"):
        partner = row["partner"] or None
        frame = detected(row["subject"], partner, row["topic"] or "all")
        inside = frame[(frame["date"] >= row["start"]) & (frame["date"] <= row["end"])]
        for change in inside.to_dict("records"):
            alarms.append({"id": row["id"], "subject": row["subject"], "partner": partner,
                           "date": change["date"], "change": change["change"]})
    table = pd.DataFrame(rows)
    hits = int(table["found"].sum()) if len(table) else 0
    recall = hits / len(table) if len(table) else float("nan")
    precision = hits / (hits + len(alarms)) if hits + len(alarms) else float("nan")
    return ShiftScore(cases=table, false_alarms=pd.DataFrame(
        alarms, columns=["id", "subject", "partner", "date", "change"]),
        recall=recall, precision=precision)
