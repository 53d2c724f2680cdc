"""The public API is `unvotes.__all__`; this test pins it (change it on purpose only)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import unvotes
from unvotes.errors import UnknownCountryError, UnknownVoteError, UnvotesError
from unvotes.symbols import normalise_symbol, symbol_key


def test_public_api_is_pinned() -> None:
    assert unvotes.__all__ == [
        "ArticleError", "Body", "BuildError", "CountryProfile", "IdealError", "Position", "Record",
        "SourceError",
        "SourceRef", "StoreError", "Tally", "UnknownCountryError", "UnknownVoteError",
        "UnvotesError", "UpdateError", "Vote", "VoteKind", "__version__", "open",
    ]
    for name in unvotes.__all__:
        assert hasattr(unvotes, name), name


def test_error_tree() -> None:
    for error in (unvotes.SourceError, unvotes.UnknownCountryError, unvotes.UnknownVoteError,
                  unvotes.StoreError, unvotes.BuildError, unvotes.ArticleError,
                  unvotes.IdealError, unvotes.UpdateError):
        assert issubclass(error, UnvotesError)
    assert issubclass(UnknownCountryError, LookupError)
    assert issubclass(UnknownVoteError, LookupError)
    assert str(UnknownVoteError("X", ["A", "B"])) == "no vote 'X' in the record; did you mean A, B?"


@given(st.text(max_size=40))
def test_symbols_never_crash(text: str) -> None:
    display = normalise_symbol(text)
    assert isinstance(display, str)
    assert symbol_key(display) == symbol_key(text)


@pytest.mark.slow
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.text(max_size=30))
def test_any_lookup_gives_a_vote_or_a_clear_error(record: unvotes.Record, key: str) -> None:
    try:
        vote = record.vote(key)
    except UnknownVoteError as exc:
        assert str(exc).startswith("no vote ")
    else:
        assert vote.vote_id


@pytest.mark.slow
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=30), since=st.one_of(st.none(), st.text(max_size=12)))
def test_any_search_gives_rows_or_a_clear_error(record: unvotes.Record, name: str,
                                                since: str | None) -> None:
    try:
        frame = record.votes(country=name or None, since=since, limit=5)
    except (UnknownCountryError, UnvotesError) as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert len(frame) <= 5


def test_python_api_on_the_record(record: unvotes.Record, full_db: Path) -> None:
    vote = record.vote("A/RES/ES-11/7")
    assert vote.to_dict()["tally"]["no"] == 18
    assert vote.by_position()["no"][:3] == ["BDI", "BFA", "BLR"]
    frame = record.votes(country="India", text="Ukraine", since="2022", body="GA")
    assert {"A/RES/ES-11/7", "A/RES/ES-11/1"} <= set(frame["symbol"])
    assert isinstance(frame["date"].iloc[0], dt.date)
    assert record.country("Soviet Union").successors == ["RUS"]
    assert set(record.positions("S/RES/2774 (2025)")["iso3"]) >= {"USA", "RUS", "CHN"}
    with unvotes.open(full_db) as again:
        assert again.vote("rc77").symbol == "A/RES/181 (II) A"
