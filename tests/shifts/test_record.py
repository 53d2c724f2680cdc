"""Surprises and shifts on the full record: the story of 24 February 2025 found without
being told where to look, and the detector against the documented realignments."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import unvotes
from unvotes.errors import UnknownCountryError, UnknownVoteError, UnvotesError
from unvotes.shifts import score_record, shifts, shifts_of_year, surprises, voting_days
from unvotes.shifts.evaluate import load_cases, score_detector

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def fitted(fitted_db: Path):  # type: ignore[no-untyped-def]
    rec = unvotes.open(fitted_db)
    yield rec
    rec.close()


@pytest.fixture(scope="module")
def scores(fitted):  # type: ignore[no-untyped-def]
    return score_record(fitted)


@pytest.fixture(scope="module")
def series(fitted):  # type: ignore[no-untyped-def]
    return voting_days(fitted)


def test_every_position_is_scored(fitted, scores) -> None:  # type: ignore[no-untyped-def]
    frame = scores.frame
    positions = fitted.store.scalar(
        "SELECT count(*) FROM positions p JOIN votes v USING (vote_id) WHERE "
        "v.positions_complete AND p.position IN ('Y', 'A', 'N')")
    assert len(frame) == positions
    assert frame["surprise"].notna().mean() > 0.95  # none of the views before 1947
    assert (frame["surprise"].dropna() >= 0).all()
    assert scores.model_fit is not None and scores.model_fit.startswith("fit ")


def test_the_us_no_on_es_11_7_is_the_surprise_of_the_vote(fitted, scores) -> None:  # type: ignore[no-untyped-def]
    ranked = surprises(fitted, symbol="A/RES/ES-11/7", top=None, scores=scores)
    assert ranked.iloc[0]["country"] == "USA" and ranked.iloc[0]["position"] == "N"
    reason = ranked.iloc[0]["reason"]
    assert reason.startswith("voted No with ")
    assert re.search(r"had voted Yes on all \d+ earlier votes on ukraine", reason)
    assert "ideal-point model gave No a" in reason
    russia = ranked.set_index("country").loc["RUS"]
    assert russia["surprise"] < ranked.iloc[0]["surprise"] / 3  # its habit
    assert ranked["surprise"].is_monotonic_decreasing


def test_the_us_no_is_among_the_top_surprises_of_2025(fitted, scores) -> None:  # type: ignore[no-untyped-def]
    year = surprises(fitted, since="2025-01-01", until="2025-12-31", top=20, scores=scores)
    assert ((year["symbol"] == "A/RES/ES-11/7") & (year["country"] == "USA")).any()
    assert year["date"].between(dt.date(2025, 1, 1), dt.date(2025, 12, 31)).all()
    assert not year.duplicated(["country", "date"]).any()  # a state's day, once


def test_surprise_filters_and_errors(fitted, scores) -> None:  # type: ignore[no-untyped-def]
    india = surprises(fitted, country="India", body="SC", top=5, scores=scores)
    assert set(india["country"]) <= {"IND"} and set(india["symbol"].str[:2]) <= {"S/"}
    with pytest.raises(UnknownVoteError):
        surprises(fitted, symbol="A/RES/ES-11/77", scores=scores)
    with pytest.raises(UnknownCountryError):
        surprises(fitted, country="Atlantis", scores=scores)
    with pytest.raises(UnvotesError, match="unknown body 'XX'; use GA or SC"):
        surprises(fitted, body="XX", scores=scores)


def test_a_us_shift_in_early_2025_is_found_unprompted(fitted, series) -> None:  # type: ignore[no-untyped-def]
    year = shifts_of_year(fitted, 2025, pairs="p5", top=30, series=series)
    us = year[(year["country"] == "USA") | (year["partner"] == "USA")]
    early = us[us["date"].between(dt.date(2025, 1, 20), dt.date(2025, 4, 30))]
    assert len(early) >= 5 and (early["change"] < 0).all()
    assert (early["confidence"] > 0.9).any()
    assert any("A/RES/ES-11/7" in votes for votes in early["votes"])


def test_state_shifts_list_dates_and_driving_votes(fitted, series) -> None:  # type: ignore[no-untyped-def]
    frame = shifts(fitted, "USA", since="2020", partners=["GBR", "FRA", "RUS"], series=series)
    gbr = frame[(frame["partner"] == "GBR") & (frame["topic"] == "all")]
    assert (gbr["date"] == dt.date(2025, 2, 24)).any()
    row = gbr[gbr["date"] == dt.date(2025, 2, 24)].iloc[0]
    assert row["before"] > 0.6 and row["after"] < 0.4 and row["votes"][0] == "A/RES/ES-11/7"
    with pytest.raises(UnknownCountryError):
        shifts(fitted, "Atlantis", series=series)
    with pytest.raises(UnvotesError, match="unknown topic"):
        shifts(fitted, "USA", topic="fisheries", series=series)


def test_seats_are_followed_only_when_asked(fitted, series) -> None:  # type: ignore[no-untyped-def]
    followed = shifts(fitted, "RUS", partners=[], follow_seats=True, series=series)
    apart = shifts(fitted, "RUS", partners=[], series=series)
    assert followed["date"].min() < dt.date(1992, 1, 1) <= apart["date"].min()


def test_against_the_documented_realignments(fitted, series) -> None:  # type: ignore[no-untyped-def]
    """A floor under the figures reported in the note (recall 0.88, precision 0.97 at the
    shipped settings): the list was written before the detector existed."""
    cases = load_cases(HERE / "realignments.csv")
    stable = load_cases(HERE / "stable.csv", stable=True)
    assert len(cases) >= 12
    score = score_detector(fitted, cases, stable, series=series)
    assert score.recall >= 0.8
    assert score.precision >= 0.9
    found = score.cases.set_index("id")["found"]
    assert found["usa_rus_2025_ukraine"] and found["usa_2025_ukraine"]
