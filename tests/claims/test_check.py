"""The claim checker against the full record: matching, each verdict kind, robustness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unvotes.claims import MAX_CHARS, CheckReport, ClaimKind, Verdict
from unvotes.errors import ArticleError

pytestmark = pytest.mark.slow

ARTICLES = Path(__file__).resolve().parents[2].parent / "shared" / "articles"
EXAMPLE = ARTICLES / "2025-02-24_unga-ukraine-resolution_us-sides-with-russia.txt"


def _claims(report: CheckReport, kind: ClaimKind) -> list[tuple[str, str, str | None]]:
    return [(c.text, c.verdict.value, c.record_value) for c in report.claims if c.kind is kind]


def test_example_article_matches_both_votes_and_judges_every_vote_claim(record) -> None:  # type: ignore[no-untyped-def]
    if not EXAMPLE.is_file():
        pytest.skip("shared article missing")
    report = record.check(EXAMPLE.read_bytes())  # no date: the tally alone finds the vote
    assert [(v.symbol, v.body) for v in report.votes] == [
        ("A/RES/ES-11/7", "GA"), ("S/RES/2774 (2025)", "SC")]
    assert report.votes[0].confidence_label == "high"
    assert _claims(report, ClaimKind.TALLY) == [
        ("93 votes in favor", "supported", None), ("65 abstentions", "supported", None),
        ("18 votes against", "supported", None)]
    assert _claims(report, ClaimKind.MEMBERSHIP) == [("193-member UN General Assembly",
                                                      "supported", None)]
    assert ("India", "supported", None) in _claims(report, ClaimKind.POSITION)
    aligned = [(c.country, c.vote_id, c.verdict.value) for c in report.claims
               if c.kind is ClaimKind.ALIGNMENT]
    for iso3 in ("BLR", "PRK", "SDN", "USA"):
        assert (iso3, "A/RES/ES-11/7", "supported") in aligned
    assert ("USA", "S/RES/2774(2025)", "supported") in aligned  # "supported Moscow" in the SC
    history = [c for c in report.claims if c.kind is ClaimKind.HISTORY
               and "historically" in c.text]
    assert history and history[0].verdict is Verdict.SUPPORTED
    assert history[0].country == "USA"
    assert len(history[0].evidence) > 5  # the earlier Ukraine votes it rests on
    figures = {c.text: c.verdict.value for c in report.claims if c.kind is ClaimKind.OTHER}
    assert figures == {"$60 billion": "not-checkable", "43,000": "not-checkable",
                       "198,000": "not-checkable", "12,500": "not-checkable"}
    assert report.count(Verdict.CONTRADICTED) == 0
    sponsor = _claims(report, ClaimKind.SPONSOR)
    assert sponsor == [("introduced by Ukraine", "not-checkable", None)]


def test_wrong_tally_position_and_outcome_are_contradicted_with_the_record_value(record) -> None:  # type: ignore[no-untyped-def]
    text = ("UNITED NATIONS, Feb 24, 2025 - The General Assembly rejected the resolution on "
            "Ukraine by 89 votes in favour to 18 against, with 65 abstentions. India voted "
            "against it, and China voted in favour.")
    report = record.check(text)
    assert report.votes[0].symbol == "A/RES/ES-11/7"
    got = {(c.kind.value, c.text): (c.verdict.value, c.record_value) for c in report.claims}
    assert got[("tally", "89 votes in favour")] == ("contradicted", "93 in favour")
    assert got[("tally", "18 against")] == ("supported", None)
    assert got[("position", "India")] == ("contradicted", "Abstain")
    assert got[("position", "China")] == ("contradicted", "Abstain")
    assert got[("outcome", "rejected")] == ("contradicted", "adopted")
    assert report.summary_line == "6 claims checked: 2 supported, 4 contradicted; 0 not checkable"


def test_veto_membership_and_council_size_on_the_day(record) -> None:  # type: ignore[no-untyped-def]
    text = ("On 25 February 2022 Russia vetoed a Security Council draft resolution "
            "(S/2022/155) deploring its invasion of Ukraine. The 15-member Council saw "
            "China abstain.")
    report = record.check(text)
    assert report.votes[0].symbol == "S/2022/155" or report.votes[0].vote_id.startswith("S/2022/155")
    got = {(c.kind.value, c.text): c.verdict.value for c in report.claims}
    assert got[("position", "Russia")] == "supported"
    assert got[("membership", "15-member Council")] == "supported"
    # the veto list holds only the vetoing member: China's abstention cannot be settled
    assert got[("position", "China")] == "not-checkable"

    old = record.check("In June 1950 the 15-member Security Council adopted resolution 83 "
                       "on Korea; the Soviet Union was absent.", date=dt.date(1950, 6, 28))
    got = {(c.kind.value, c.text): (c.verdict.value, c.record_value) for c in old.claims}
    assert got[("membership", "15-member Security Council")] == ("contradicted", "11 members")
    assert got[("position", "Soviet Union")] == ("supported", None)


def test_first_time_is_judged_on_earlier_votes_on_the_same_question(record) -> None:  # type: ignore[no-untyped-def]
    text = ("The General Assembly adopted the Ukraine peace text 93-18-65 on 24 February "
            "2025. For the first time, the United States voted against. Russia also voted "
            "against for the first time.")
    report = record.check(text)
    firsts = {c.country: (c.verdict.value, c.record_value) for c in report.claims
              if c.kind is ClaimKind.HISTORY}
    assert firsts["USA"][0] == "supported"
    assert firsts["RUS"][0] == "contradicted"
    assert "voted against before" in (firsts["RUS"][1] or "")


def test_sponsors_are_checked_where_the_record_lists_them(record) -> None:  # type: ignore[no-untyped-def]
    text = ("The Security Council on Monday adopted resolution 2774 (2025), a US-drafted "
            "text, by 10 votes to 0 with 5 abstentions. The draft was introduced by France.")
    report = record.check(text, date="2025-02-24")
    got = {c.text: (c.verdict.value, c.record_value) for c in report.claims
           if c.kind is ClaimKind.SPONSOR}
    assert got["US-drafted"] == ("supported", None)
    assert got["introduced by France"] == ("contradicted", "sponsors: USA")


def test_nothing_to_match_says_so(record) -> None:  # type: ignore[no-untyped-def]
    report = record.check("The weather in Geneva was mild. Some 4,000 people attended.")
    assert report.votes == ()
    assert report.notes[0].startswith("no vote in the record matched the article")
    assert [c.verdict for c in report.claims] == [Verdict.NOT_CHECKABLE]
    assert report.to_dict()["summary"] == {
        "supported": 0, "contradicted": 0, "not_checkable": 1,
        "line": "0 claims checked: 0 supported, 0 contradicted; 1 not checkable"}


def test_json_document_shape(record) -> None:  # type: ignore[no-untyped-def]
    doc = record.check("India abstained as the General Assembly adopted the text 93-18-65.",
                       date="2025-02-25").to_dict()
    assert set(doc) >= {"votes", "claims", "summary"}
    assert set(doc["votes"][0]) >= {"symbol", "body", "date", "match_confidence"}
    assert set(doc["claims"][0]) >= {"text", "sentence", "kind", "verdict", "record_value",
                                     "evidence"}
    assert {c["verdict"] for c in doc["claims"]} <= {"supported", "contradicted",
                                                     "not-checkable"}


def test_too_long_and_binary_articles_get_a_clear_error(record) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ArticleError, match="characters long"):
        record.check("x" * (MAX_CHARS + 1))
    with pytest.raises(ArticleError, match="not UTF-8"):
        record.check(b"\xff\xfe\x00")


_VOCAB = ["voted", "against", "in favour", "abstained", "93", "18-65", "vetoed", "Russia",
          "India", "the U.S.", "Council", "General Assembly", "for the first time", ",", ".",
          "\n", "-", "'s", "\"", "sided with", "historically supported", "Moscow", "193-member",
          "unanimously", "none against", "introduced by", "1950", "February 24, 2025", "—"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_VOCAB) | st.text(max_size=12), max_size=80))
def test_any_mix_of_vote_words_gets_a_report(record, words) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(words)
    if "\x00" in text:  # a NUL byte marks a binary file: a clear error, not a report
        with pytest.raises(ArticleError, match="NUL bytes"):
            record.check(text)
        return
    report = record.check(text)
    for c in report.claims:
        assert c.verdict in Verdict
        assert 0 <= c.start <= c.end <= len(text)


def test_hostile_texts_get_an_answer(record) -> None:  # type: ignore[no-untyped-def]
    hostile = [
        "", " ", "\n" * 10_000, "Russia " * 30_000, "93-18-65 " * 20_000,
        ("India, " * 5_000) + "abstained.", "(" * 50_000, '"' + "a " * 60_000 + '"',
        "1" * 200_000, "\u202eRTL override Russia vetoed\u202c " * 1000,
        "voted against " * 15_000, "🇺🇳" * 50_000,
    ]
    for text in hostile:
        report = record.check(text[:MAX_CHARS])
        assert isinstance(report, CheckReport)


def test_time_limit_stops_reading_and_says_so(record) -> None:  # type: ignore[no-untyped-def]
    from unvotes.claims import Checker

    report = Checker(record).check("India abstained. " * 200, time_limit=0.0)
    assert report.notes[0].startswith("time limit reached: claims from the first 0 of 200 "
                                      "sentences only")
