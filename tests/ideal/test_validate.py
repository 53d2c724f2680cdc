"""Validation: the comparison with a yardstick, checked on synthetic truth; the published
estimates' loader."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from unvotes.errors import SourceError
from unvotes.ideal import fit_dynamic, simulate
from unvotes.ideal.validate import REFERENCE_FILE, compare, load_reference


def _frame(states: list[str], years: np.ndarray, x: np.ndarray) -> pd.DataFrame:
    i, t = np.nonzero(~np.isnan(x))
    return pd.DataFrame({"country": np.asarray(states)[i], "year": years[t],
                         "ideal_point": x[i, t]})


def test_the_validation_figures_on_a_synthetic_record() -> None:
    """The issue's targets, on a record whose truth is known: per-year cross-state
    correlation median >= 0.95, no year below 0.85, trajectories that follow."""
    rec = simulate(n_states=120, years=range(1960, 2000), votes_per_year=40, seed=11)
    fit = fit_dynamic(rec.codes, rec.vote_year, bridge=rec.bridge, positive=rec.reference,
                      omega=0.3)
    states = [f"S{i:03d}" for i in range(rec.x.shape[0])]
    ours = _frame(states, fit.years, fit.x)
    truth = _frame(states, rec.years, rec.x)
    votes = pd.Series(np.bincount(np.searchsorted(rec.years, rec.vote_year)), index=rec.years)
    ours["votes"] = ours["year"].map(votes)
    c = compare(ours, truth, states=states[:6])
    assert c.median >= 0.95
    assert c.minimum >= 0.85
    assert len(c.years) == 40 and (c.years["votes"] == 40).all()
    assert c.pooled >= 0.95
    moved = [s for s in states[:6] if np.nanstd(rec.x[states.index(s)]) > 0.5]
    assert moved and all(c.trajectories[s][0] > 0.8 for s in moved)


def test_compare_notices_a_scrambled_year() -> None:
    rng = np.random.default_rng(0)
    ours = pd.DataFrame({"country": [f"S{i}" for i in range(50)] * 2,
                         "year": [2000] * 50 + [2001] * 50,
                         "ideal_point": rng.standard_normal(100), "votes": 40})
    ref = ours.copy()
    ref.loc[ref["year"] == 2001, "ideal_point"] = rng.standard_normal(50)
    c = compare(ours, ref)
    assert c.years.set_index("year")["correlation"][2000] == pytest.approx(1.0)
    assert abs(c.years.set_index("year")["correlation"][2001]) < 0.4
    assert c.minimum < 0.4


def test_years_with_few_votes_are_left_out_of_the_median_and_minimum() -> None:
    ours = pd.DataFrame({"country": list("ABCD") * 2, "year": [1990] * 4 + [1991] * 4,
                         "ideal_point": [1, 2, 3, 4, 1, 2, 3, 4.0],
                         "votes": [50] * 4 + [5] * 4})
    ref = ours.assign(ideal_point=[1, 2, 3, 4, 4, 3, 2, 1.0])
    c = compare(ours, ref)
    assert c.median == 1.0 and c.minimum == 1.0  # 1991 (5 votes) is reported, not counted
    assert c.years["correlation"].tolist() == pytest.approx([1.0, -1.0])


def test_a_state_with_too_few_years_has_no_trajectory() -> None:
    ours = pd.DataFrame({"country": ["USA", "A", "B"], "year": 2000,
                         "ideal_point": [1.0, 0.0, -1.0]})
    c = compare(ours, ours)
    assert math.isnan(c.trajectories["USA"][0]) and c.trajectories["USA"][1] == 1


def test_load_reference_maps_the_seats(data_dir: Path) -> None:
    ref = load_reference(data_dir / REFERENCE_FILE)
    assert ref.columns.tolist() == ["country", "year", "ideal_point", "votes"]
    by = ref.set_index(["country", "year"])["ideal_point"]
    assert ("SUN", 1985) in by.index and ("RUS", 1985) not in by.index
    assert ("RUS", 1995) in by.index
    assert ("YEM", 1970) in by.index and ("SRB", 2010) in by.index
    assert ("SCG", 2003) in by.index and not ref.duplicated(["country", "year"]).any()
    assert by["USA", 1946] == pytest.approx(1.7402)


def test_load_reference_names_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "points.tab"
    bad.write_text("ccode\tyear\n2\t1946\n")
    with pytest.raises(SourceError, match=r"points\.tab:1: no column iso3c, NVotesFP, "
                                          r"IdealPointFP"):
        load_reference(bad)
    with pytest.raises(SourceError, match="missing.tab: cannot read"):
        load_reference(tmp_path / "missing.tab")
