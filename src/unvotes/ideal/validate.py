"""Compare ideal points with a yardstick: the published Bailey–Strezhnev–Voeten
estimates, or the truth of a synthetic record.

The published estimates are only ever compared against, never fitted to or tuned on.
:func:`load_reference` reads their year-indexed file (``Idealpointestimates1946-2025.tab``,
Harvard Dataverse doi:10.7910/DVN/LEJUQZ) and maps their state codes onto the record's
seats: their Russia (COW 365) before 1992 is the USSR's seat ``SUN``; the Yemen Arab
Republic is ``YEM``; their Yugoslavia is ``YUG`` to 1992, ``SCG`` 2000-2005 and ``SRB``
from 2006. :func:`compare` gives the per-year cross-state correlation and each state's
trajectory correlation over the years both have.

>>> import pandas as pd
>>> ours = pd.DataFrame({"country": ["A", "B", "C"] * 2, "year": [2000] * 3 + [2001] * 3,
...                      "ideal_point": [1.0, 0.0, -1.0, 1.1, 0.1, -0.9]})
>>> ref = ours.assign(ideal_point=ours["ideal_point"] * 2)
>>> compare(ours, ref).median
1.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from unvotes.errors import SourceError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["REFERENCE_FILE", "TRAJECTORY_STATES", "Comparison", "compare", "load_reference"]

REFERENCE_FILE = "voeten_ideal_points/Idealpointestimates1946-2025.tab"
TRAJECTORY_STATES = ("USA", "RUS", "CHN", "IND", "BRA", "ISR")
_COLUMNS = ("ccode", "iso3c", "year", "NVotesFP", "IdealPointFP")


@dataclass(frozen=True, eq=False)
class Comparison:
    """``years``: a DataFrame ``year, states, correlation`` (plus ``votes`` when the
    estimates carry a vote count), ``median`` and ``minimum`` of the per-year
    correlations (over the years with at least ``min_votes`` votes, if counted),
    ``pooled``: the correlation over all state-years, ``trajectories``: state ->
    (correlation over its years, years compared)."""

    years: pd.DataFrame
    median: float
    minimum: float
    pooled: float
    trajectories: dict[str, tuple[float, int]]


def load_reference(path: Path | str) -> pd.DataFrame:
    """The published estimates as ``country, year, ideal_point, votes``, on the record's
    state codes (module docstring). Raises SourceError if the file is missing or lacks
    a column.

    >>> load_reference("../shared/data/" + REFERENCE_FILE).columns.tolist()  # doctest: +SKIP
    ['country', 'year', 'ideal_point', 'votes']
    """
    import pandas as pd

    path = Path(path)
    try:
        frame = pd.read_csv(path, sep="\t")
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise SourceError(path, None, f"cannot read the reference estimates: {exc}") from exc
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise SourceError(path, 1, f"no column {', '.join(missing)} (expected the "
                                   f"Dataverse tab export with {', '.join(_COLUMNS)})")
    code = frame["iso3c"].astype(str).copy()
    year = frame["year"]
    code[(frame["ccode"] == 365) & (year < 1992)] = "SUN"
    code[code == "YAR"] = "YEM"
    yugoslavia = frame["ccode"] == 345
    code[yugoslavia & (year >= 2000)] = "SCG"
    code[yugoslavia & (year >= 2006)] = "SRB"
    return pd.DataFrame({"country": code, "year": year.astype(int),
                         "ideal_point": frame["IdealPointFP"].astype(float),
                         "votes": frame["NVotesFP"]})


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) < 3 or a.std() == 0 or b.std() == 0:
        return math.nan
    return float(np.corrcoef(a, b)[0, 1])


def compare(ours: pd.DataFrame, reference: pd.DataFrame, *, min_votes: int = 30,
            states: Sequence[str] = TRAJECTORY_STATES) -> Comparison:
    """Correlate ``ours`` with ``reference`` (both ``country, year, ideal_point``; a
    ``votes`` column in ``ours`` restricts the median and minimum to the years with at
    least ``min_votes`` votes by the year's median state). Returns a :class:`Comparison`.

    >>> import pandas as pd
    >>> a = pd.DataFrame({"country": list("ABCD"), "year": 1990, "ideal_point": [1, 2, 3, 4.0]})
    >>> round(compare(a, a.assign(ideal_point=[1, 2, 4, 3.0])).median, 2)
    0.8
    """
    import pandas as pd

    joined = ours[["country", "year", "ideal_point"]].merge(
        reference[["country", "year", "ideal_point"]], on=["country", "year"],
        suffixes=("", "_ref")).dropna()
    rows = []
    for _, part in joined.groupby("year"):
        row = {"year": int(part["year"].iloc[0]), "states": len(part),
               "correlation": _corr(part["ideal_point"].to_numpy(),
                                    part["ideal_point_ref"].to_numpy())}
        rows.append(row)
    years = pd.DataFrame(rows, columns=["year", "states", "correlation"])
    counted = years
    if "votes" in ours.columns:
        votes = ours.groupby("year")["votes"].median()
        years["votes"] = years["year"].map(votes).fillna(0).astype(int)
        counted = years[years["votes"] >= min_votes]
    values = counted["correlation"].dropna()
    trajectories = {}
    for state in states:
        part = joined[joined["country"] == state]
        trajectories[state] = (_corr(part["ideal_point"].to_numpy(),
                                     part["ideal_point_ref"].to_numpy()), len(part))
    return Comparison(years=years,
                      median=float(values.median()) if len(values) else math.nan,
                      minimum=float(values.min()) if len(values) else math.nan,
                      pooled=_corr(joined["ideal_point"].to_numpy(),
                                   joined["ideal_point_ref"].to_numpy()),
                      trajectories=trajectories)
