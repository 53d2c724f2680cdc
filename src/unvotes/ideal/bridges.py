"""Bridges: the same resolution voted on again in a later session.

Bailey, Strezhnev & Voeten (2017) hold a resolution's item parameters fixed when it
comes back with the same text, which ties each year's scale to the next. The record
holds no resolution texts, only titles, so "the same resolution" is found from the
title, conservatively:

1. the title is normalised: accents, case, punctuation, digits and the words "draft
   resolution" are dropped (``"Situation of human rights in Myanmar, 2019"`` and
   ``"Situation of Human Rights in Myanmar"`` are one title);
2. a title of fewer than ``min_words`` words never bridges (``"Nuclear weapons"``,
   ``"Apartheid"`` name a topic, not a text);
3. a title voted on more than once in a year (``"Report of the Special Committee"`` A,
   B, C ...) is ambiguous that year: those votes do not bridge;
4. the remaining votes of a title, one a year, form a chain in time; the chain breaks
   where more than ``max_gap`` years pass between two of them (the GA takes many items
   every second or third year; a text back after a longer pause has usually changed).

Each chain of two or more votes is one bridge group; every other vote is its own group.

>>> find_bridges(["Question of Palestine", "Question of Palestine", "Apartheid"],
...              [1990, 1991, 1991]).tolist()
[0, 0, 1]
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from unvotes.errors import IdealError

__all__ = ["MAX_GAP", "MIN_WORDS", "find_bridges", "normalise_title"]

MIN_WORDS = 3  # a shorter title names a topic, not a text
MAX_GAP = 3  # years between two votes of a chain; the GA biennialises and triennialises items

_DROP = re.compile(r"\bdraft resolutions?\b|[^a-z ]+")


def normalise_title(title: str | None) -> str:
    """The title as compared: ASCII letters, lower case, single spaces; no digits,
    punctuation or "draft resolution".

    >>> normalise_title("Situation of Human Rights in Myanmar, 2019")
    'situation of human rights in myanmar'
    """
    text = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode()
    return " ".join(_DROP.sub(" ", text.lower()).split())


def find_bridges(titles: Sequence[str | None], years: Sequence[int] | np.ndarray, *,
                 min_words: int = MIN_WORDS, max_gap: int = MAX_GAP) -> np.ndarray:
    """One group id per vote (``0 .. groups - 1``): votes bridged as one resolution
    share an id (module docstring). Raises IdealError if ``titles`` and
    ``years`` differ in length.

    >>> find_bridges(["Law of the sea"] * 3, [1990, 1991, 1999]).tolist()
    [0, 0, 1]
    """
    year_arr = np.asarray(years)
    if len(titles) != len(year_arr):
        raise IdealError(f"titles and years differ in length ({len(titles)} and "
                         f"{len(year_arr)})")
    keys = [normalise_title(t) for t in titles]
    seen: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, (key, year) in enumerate(zip(keys, year_arr.tolist(), strict=True)):
        if len(key.split()) >= min_words:
            seen[key, year].append(i)
    by_title: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (key, year), rows in seen.items():
        if len(rows) == 1:  # several votes of one title in a year: ambiguous
            by_title[key].append((year, rows[0]))
    chain_of = np.arange(len(keys))  # a vote's chain, named by its first vote
    for occurrences in by_title.values():
        occurrences.sort()
        head = occurrences[0][1]
        for (before, _), (year, row) in itertools.pairwise(occurrences):
            if year - before > max_gap:
                head = row
            chain_of[row] = head
    return np.unique(chain_of, return_inverse=True)[1].reshape(-1).astype(np.int64)
