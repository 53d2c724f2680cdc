"""Reading an article: folding, sentences, numbers, dates, bodies."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unvotes.claims.text import (
    MAX_CHARS,
    body_cues,
    dates,
    numbers,
    parse_number,
    prepare,
    sentences,
)
from unvotes.errors import ArticleError


def test_prepare_folds_typography_one_for_one() -> None:
    raw = "Russia\u2019s \u201cveto\u201d \u2014 93\u201318\u00a0votes"
    out = prepare(raw)
    assert out == 'Russia\'s "veto" - 93-18 votes'
    assert len(out) == len(raw)


def test_prepare_rejects_what_is_not_an_article() -> None:
    with pytest.raises(ArticleError, match="^the article is 250,001 characters long; the "
                                           "checker reads at most 250,000"):
        prepare("a" * (MAX_CHARS + 1))
    with pytest.raises(ArticleError, match="NUL bytes"):
        prepare("text\x00more")
    with pytest.raises(ArticleError, match=r"^the article is not UTF-8 text \(byte 1 "):
        prepare(b"a\xff\xfe")


def test_sentences_keep_abbreviations_lines_and_offsets() -> None:
    text = ("The U.S. voted against. Mr. Nebenzia spoke at 3 p.m. on Monday.\n"
            "- 93 votes in favor\n- 65 abstentions\nRussia Gains Support\nIt passed.")
    got = sentences(text)
    assert [s.text for s in got] == [
        "The U.S. voted against.", "Mr. Nebenzia spoke at 3 p.m. on Monday.",
        "- 93 votes in favor", "- 65 abstentions", "Russia Gains Support", "It passed."]
    assert all(text[s.start:s.end] == s.text for s in got)


def test_sentence_ends_after_us_when_a_new_sentence_starts() -> None:
    assert [s.text for s in sentences("Russia sided with the U.S. The vote was close.")] == [
        "Russia sided with the U.S.", "The vote was close."]


@pytest.mark.parametrize(("token", "value"), [
    ("93", 93), ("1,000", 1000), ("ninety-three", 93), ("one hundred and twenty-two", 122),
    ("a hundred", 100), ("Eleven", 11), ("none", 0), ("seventy five", 75), ("banana", None),
])
def test_parse_number(token: str, value: int | None) -> None:
    got = parse_number(token)
    assert got == (None if value is None else float(value))


def test_numbers_in_text() -> None:
    got = numbers("adopted by 141 to five, with thirty-five abstentions and $60 billion")
    assert [(n.text, n.value) for n in got] == [("141", 141), ("five", 5),
                                                ("thirty-five", 35), ("60", 60)]


def test_dates_full_partial_and_iso() -> None:
    got = dates("UNITED NATIONS, Feb. 24 (Reuters) - On 2 March 2022 and 2025-02-24, "
                "and in December 1950, it may 5 times")
    assert [(d.year, d.month, d.day) for d in got] == [
        (None, 2, 24), (2022, 3, 2), (2025, 2, 24), (1950, 12, None)]
    assert got[0].on(2025) == dt.date(2025, 2, 24)
    assert got[3].on() is None


def test_body_cues_skip_other_councils() -> None:
    text = ("The UNGA vote came before the Security Council met; the Human Rights Council "
            "and the Council of Europe did not vote, but the Council did, as did the Assembly.")
    assert [c.body for c in body_cues(text)] == ["GA", "SC", "SC", "GA"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_splits_into_sentences_with_true_offsets(text: str) -> None:
    folded = prepare(text.replace("\x00", ""))
    for s in sentences(folded):
        assert folded[s.start:s.end] == s.text
        assert s.text.strip() == s.text and s.text
    for n in numbers(folded):
        assert folded[n.start:n.end] == n.text
