"""Bridges: repeated resolutions found by their normalised titles."""

from __future__ import annotations

import re

import numpy as np
import pytest

from unvotes.errors import IdealError
from unvotes.ideal.bridges import MAX_GAP, find_bridges, normalise_title


@pytest.mark.parametrize(("title", "expected"), [
    ("Situation of Human Rights in Myanmar, 2019", "situation of human rights in myanmar"),
    ("  Draft resolution: Question of Palestine ", "question of palestine"),
    ("Côte d'Ivoire — elections", "cote d ivoire elections"),
    (None, ""),
    ("A/RES/77/1", "a res"),
])
def test_normalise_title(title: str | None, expected: str) -> None:
    assert normalise_title(title) == expected


def test_same_title_in_later_sessions_is_one_group() -> None:
    ids = find_bridges(["Law of the sea", "Law of the Sea.", "Question of Cyprus here"],
                       [1990, 1991, 1991])
    assert ids[0] == ids[1] != ids[2]


def test_a_title_voted_twice_in_a_year_does_not_bridge_that_year() -> None:
    titles = ["Report of the Special Committee"] * 4
    ids = find_bridges(titles, [1990, 1991, 1991, 1992])
    # 1991 is ambiguous (A and B): its votes stay alone; 1990 and 1992 are 2 years apart
    assert len({ids[1], ids[2]}) == 2 and ids[1] not in (ids[0], ids[3])
    assert ids[0] == ids[3]


def test_short_titles_never_bridge() -> None:
    ids = find_bridges(["Nuclear weapons", "Nuclear weapons"], [1990, 1991])
    assert ids[0] != ids[1]


def test_a_long_pause_breaks_the_chain() -> None:
    years = [1990, 1990 + MAX_GAP, 1990 + 2 * MAX_GAP + 1, 1990 + 2 * MAX_GAP + 2]
    ids = find_bridges(["Question of the Falkland Islands"] * 4, years)
    assert ids[0] == ids[1] != ids[2] == ids[3]


def test_ids_are_contiguous_from_zero() -> None:
    rng = np.random.default_rng(3)
    titles = [f"resolution on topic {rng.integers(5)} " + "x" * int(rng.integers(2))
              for _ in range(200)]
    ids = find_bridges(titles, rng.integers(1950, 1960, 200))
    assert sorted(set(ids.tolist())) == list(range(ids.max() + 1))
    assert ids.dtype == np.int64


def test_lengths_must_match() -> None:
    with pytest.raises(IdealError, match=re.escape(
            "titles and years differ in length (2 and 1)")):
        find_bridges(["a b c", "a b c"], [1990])
