"""Claim extraction from hand-made sentences (no database): kinds, states, positions."""

from __future__ import annotations

import datetime as dt

import pytest

from unvotes.claims.extract import Found, extract
from unvotes.claims.model import ClaimKind
from unvotes.claims.names import state_names
from unvotes.claims.text import prepare, sentences


def found(text: str, on: dt.date | None = None) -> list[Found]:
    text = prepare(text)
    return extract(text, sentences(text), state_names().find(text, on=on))


def brief(text: str, on: dt.date | None = None) -> list[tuple[str, ...]]:
    out = []
    for f in found(text, on):
        if f.kind is ClaimKind.POSITION:
            out.append(("position", f.country or "", f.position or ""))
        elif f.kind is ClaimKind.ALIGNMENT:
            out.append(("alignment", f.country or "",
                        ",".join(f"{p}{'=' if same else '!='}" for p, same in f.partners)))
        elif f.kind is ClaimKind.TALLY:
            out.append(("tally", f.part or "", f"{f.approx or ''}{f.value if f.value is not None else ''}"))
        else:
            out.append((f.kind.value,))
    return out


@pytest.mark.parametrize(("text", "expected"), [
    ("India abstained.", [("position", "IND", "A")]),
    ("The U.S. voted against the resolution.", [("position", "USA", "N")]),
    ("Washington and Moscow both voted for it.",
     [("position", "USA", "Y"), ("position", "RUS", "Y")]),
    ("Among those voting against were Belarus, North Korea and Sudan.",
     [("position", "BLR", "N"), ("position", "PRK", "N"), ("position", "SDN", "N")]),
    ("The draft was vetoed by Russia.", [("outcome",), ("position", "RUS", "V")]),
    ("China abstained, as did India and Brazil.",
     [("position", "CHN", "A"), ("position", "IND", "A"), ("position", "BRA", "A")]),
    ("The Soviet Union, which Argentine diplomats had hoped would use its veto, abstained.",
     [("position", "SUN", "A")]),
    ("Cuba, which defended Russia during the debate, did not vote.", [("position", "CUB", "X")]),
    ("The resolution on Ukraine won 93 votes in favour.", [("tally", "yes", "93.0")]),
    ("New Delhi's envoy said India could have vetoed nothing.", []),
])
def test_positions(text: str, expected: list[tuple[str, ...]]) -> None:
    assert brief(text) == expected


def test_demonyms_capitals_and_abbreviations_name_states() -> None:
    got = brief("The Indian delegation abstained; Beijing voted against; the UAE and the "
                "DPRK voted in favour, and Kyiv backed the text.")
    assert got == [("position", "IND", "A"), ("position", "CHN", "N"), ("position", "ARE", "Y"),
                   ("position", "PRK", "Y"), ("position", "UKR", "Y")]


def test_names_follow_the_date_of_the_vote() -> None:
    assert brief("Moscow voted against.", dt.date(1960, 1, 1)) == [("position", "SUN", "N")]
    assert brief("Moscow voted against.", dt.date(2000, 1, 1)) == [("position", "RUS", "N")]


@pytest.mark.parametrize(("text", "expected"), [
    ("It was adopted 93-18-65.", [("outcome",), ("tally", "yes", "93.0"), ("tally", "no", "18.0"),
                                  ("tally", "abstain", "65.0")]),
    ("The vote was 141 to 5, with 35 abstentions.",
     [("tally", "yes", "141.0"), ("tally", "no", "5.0"), ("tally", "abstain", "35.0")]),
    ("More than 140 countries voted in favour, none against.",
     [("tally", "yes", ">140.0"), ("tally", "no", "0.0")]),
    ("Thirteen members voted for the text and two abstained.",
     [("tally", "yes", "13.0"), ("tally", "abstain", "2.0")]),
    ("The Council adopted it unanimously.", [("outcome",), ("tally", "unanimous", "")]),
    ("The 2022-2023 session voted on many texts.", []),
])
def test_tallies(text: str, expected: list[tuple[str, ...]]) -> None:
    assert brief(text) == expected


def test_alignment_membership_sponsor_and_figures() -> None:
    text = ("The 193-member Assembly met. The United States voted alongside Russia. "
            "Hungary broke with the EU. The text was drafted by France. "
            "Some 43,000 soldiers have died and $60 billion was spent.")
    assert brief(text) == [("membership",), ("alignment", "USA", "RUS="), ("sponsor",),
                           ("other",), ("other",)]


def test_carried_subject_keeps_the_clause_body() -> None:
    fs = found("The US backed Russia in the General Assembly but later also supported "
               "Moscow in the Security Council.")
    assert [(f.kind.value, f.country, f.body) for f in fs] == [
        ("alignment", "USA", "GA"), ("alignment", "USA", "SC")]


def test_history_cues_take_the_subject_and_partners() -> None:
    fs = found("In a departure from its previous stance, the United States voted with Russia, "
               "as it has historically supported Kyiv and condemned Moscow on similar "
               "resolutions.")
    history = [(f.history, f.country, f.partners) for f in fs if f.kind is ClaimKind.HISTORY]
    assert history == [("change", "USA", (("RUS", True),)),
                       ("habit", "USA", (("UKR", True), ("RUS", False)))]


def test_clause_about_an_earlier_vote_is_marked_past() -> None:
    fs = found("In 2011, the United States vetoed a similar draft.")
    assert [(f.kind.value, f.past, f.year) for f in fs] == [
        ("position", True, 2011), ("outcome", True, 2011)]
