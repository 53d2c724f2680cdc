"""Ideal points of the real record: input, the full fit, storage and reading back, and
the comparison with the published Bailey-Strezhnev-Voeten estimates."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest

import unvotes
from unvotes.errors import IdealError, StoreError, UnknownCountryError, UnvotesError
from unvotes.ideal.estimates import (
    IdealEstimates,
    IdealSettings,
    estimate,
    ideal_input,
    save_estimates,
)
from unvotes.ideal.validate import REFERENCE_FILE, compare, load_reference
from unvotes.metrics.codes import ABSTAIN, NO, YES


def test_input_is_the_final_passage_votes(record) -> None:  # type: ignore[no-untyped-def]
    data = ideal_input(record, IdealSettings(since=2020, until=2021))
    kinds = {k for (k,) in record.store.rows(
        "SELECT DISTINCT kind FROM votes WHERE list_contains(?, vote_id)", [data.vote_ids])}
    assert kinds == {"resolution"}
    assert set(data.vote_year.tolist()) == {2020, 2021}
    assert data.codes.shape == (len(data.vote_ids), len(data.states))
    assert "SUN" not in data.states and "RUS" in data.states
    assert data.bridge.shape == data.vote_year.shape and 0 < data.bridged_votes
    assert re.fullmatch(r"build \d{4}-\d\d-\d\d \d\d:\d\d:\d\d; \d+ votes, sha256 [0-9a-f]{16}",
                        data.data_version)
    # the same votes give the same version; other votes another
    assert ideal_input(record, IdealSettings(since=2020, until=2021)).data_version == \
        data.data_version
    assert ideal_input(record, IdealSettings(since=2020, until=2022)).data_version != \
        data.data_version


def test_topic_input_is_a_subset(record) -> None:  # type: ignore[no-untyped-def]
    every = ideal_input(record, IdealSettings(since=2000))
    rights = ideal_input(record, IdealSettings(since=2000, topic="human_rights"))
    assert 0 < len(rights.vote_ids) < len(every.vote_ids)
    assert set(rights.vote_ids) <= set(every.vote_ids)


@pytest.mark.parametrize(("settings", "message"), [
    (IdealSettings(since=2030), "no final-passage General Assembly vote in 2030-the last year"),
    (IdealSettings(since=2000, until=1990), "since (2000) is after until (1990)"),
    (IdealSettings(since=12), "since must be a year, got 12"),
    (IdealSettings(since=2020, reference="XYZ"),
     ("the sign reference XYZ cast no vote in the votes fitted; choose another reference "
     "state")),
    (IdealSettings(replicates=-1), "replicates must be an integer >= 0, got -1"),
    (IdealSettings(since=2020, omega=0), "omega must be a positive number, got 0"),
])
def test_bad_settings_say_what_is_wrong(record, settings: IdealSettings,  # type: ignore[no-untyped-def]
                                        message: str) -> None:
    with pytest.raises(IdealError, match=re.escape(message)):
        estimate(record, settings)


def test_unknown_topic(record) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnvotesError, match="unknown topic"):
        ideal_input(record, IdealSettings(topic="fisheries"))


def test_full_fit_has_every_state_year_with_a_vote(record, full_fit: IdealEstimates  # type: ignore[no-untyped-def]
                                                   ) -> None:
    fit = full_fit.fit
    assert fit.converged and fit.years[0] == 1946
    data = ideal_input(record)
    cast = (data.codes == YES) | (data.codes == ABSTAIN) | (data.codes == NO)
    expected = set()
    for state in range(len(data.states)):
        for year in np.unique(data.vote_year[cast[:, state]]):
            expected.add((data.states[state], int(year)))
    points = full_fit.points
    assert set(zip(points["country"], points["year"], strict=True)) == expected
    assert (points["votes"] > 0).all()
    assert points["ideal_point"].notna().all() and (points["low"] < points["ideal_point"]).all()
    assert (points["ideal_point"] < points["high"]).all()
    # identification: standardised over the state-years, the USA positive
    assert points["ideal_point"].mean() == pytest.approx(0.0, abs=1e-9)
    assert points["ideal_point"].std(ddof=0) == pytest.approx(1.0, rel=1e-9)
    usa = points[points["country"] == "USA"]
    assert usa["ideal_point"].mean() > 0
    sun = points[(points["country"] == "SUN")]
    assert sun["ideal_point"].mean() < 0 and sun["year"].max() == 1991


def test_full_fit_against_the_published_estimates(data_dir: Path,  # type: ignore[no-untyped-def]
                                                  full_fit: IdealEstimates) -> None:
    """The issue's yardstick (compared against, never fitted to): per-year correlation
    across states, median >= 0.95, no year with 30+ votes below 0.85."""
    c = compare(full_fit.points, load_reference(data_dir / REFERENCE_FILE))
    assert c.median >= 0.95
    assert c.minimum >= 0.85
    assert c.trajectories["RUS"][0] > 0.8  # the USSR and Russia, 1946-2025


def test_stored_and_read_back(fitted_db: Path, full_fit: IdealEstimates) -> None:
    with unvotes.open(fitted_db) as rec:
        about = rec.ideal_fit()
        assert about["scope"] == "all" and about["votes"] == full_fit.votes
        assert about["data_version"] == full_fit.data_version
        assert about["settings"]["omega"] == 0.15 and about["settings"]["bridges"] is True
        assert about["converged"] and about["replicates"] == 0
        assert "variational" in about["interval"]
        items = rec.store.frame("SELECT * FROM ideal_items WHERE fit_id = ?",
                                [about["fit_id"]])
        assert len(items) == full_fit.votes and items["vote_id"].is_unique
        assert (items["tau"] >= 0).all() and items["beta"].abs().max() > 0
        stored = rec.ideal_points()
        assert len(stored) == len(full_fit.points)
        two = rec.ideal_points("United States", "RUS", since=1990, until=1999)
        assert set(two["country"]) == {"USA", "RUS"}
        assert two["year"].between(1990, 1999).all()
        assert two.columns.tolist() == ["country", "name", "year", "ideal_point", "sd", "low",
                                        "high", "votes"]
        year = rec.ideal_year(2025)
        assert year["rank"].tolist() == list(range(1, len(year) + 1))
        assert year["ideal_point"].is_monotonic_decreasing
        assert year.iloc[0]["country"] == "USA"
        with pytest.raises(UnknownCountryError):
            rec.ideal_points("Atlantis")
        with pytest.raises(StoreError, match=re.escape(
                "no ideal points for 'nuclear' in the database; run 'unvotes ideal fit "
                "--topic nuclear' first")):
            rec.ideal_points("USA", topic="nuclear")


def test_a_refit_replaces_the_scope_and_keeps_the_others(fitted_db: Path, record,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    path = tmp_path / "copy.duckdb"
    shutil.copyfile(fitted_db, path)
    small = estimate(record, IdealSettings(since=2018))
    rights = estimate(record, IdealSettings(since=2018, topic="human_rights"))
    first = save_estimates(path, small)
    second = save_estimates(path, rights)
    assert second == first + 1
    with unvotes.open(path) as rec:
        assert rec.ideal_fit()["first_year"] == 2018
        assert rec.ideal_fit(topic="human_rights")["fit_id"] == second
        assert rec.ideal_points()["year"].min() == 2018
        assert rec.store.scalar("SELECT count(*) FROM ideal_fits") == 2


def test_a_failed_write_leaves_the_database_as_it_was(fitted_db: Path, record,  # type: ignore[no-untyped-def]
                                                      tmp_path: Path) -> None:
    path = tmp_path / "copy.duckdb"
    shutil.copyfile(fitted_db, path)
    before = path.read_bytes()
    small = estimate(record, IdealSettings(since=2022))

    def fail(tmp: Path) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        save_estimates(path, small, before_swap=fail)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("copy.duckdb.building-*"))
    with unvotes.open(path) as rec:
        assert rec.ideal_fit()["first_year"] == 1946


def test_bootstrap_intervals(record) -> None:  # type: ignore[no-untyped-def]
    est = estimate(record, IdealSettings(since=2021, replicates=3), workers=2)
    assert "parametric bootstrap" in est.interval and est.bootstrap_seconds is not None
    p = est.points
    assert (p["low"] < p["ideal_point"]).all() and (p["ideal_point"] < p["high"]).all()
    assert (p["sd"] > 0).all()
