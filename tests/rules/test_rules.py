"""The Charter's rules on hand-made cases whose answers can be worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unvotes.model import Body, Position, VoteKind
from unvotes.rules import (
    Outcome,
    VoteFacts,
    decide_vote,
    ga_decision,
    ga_threshold,
    published_outcome,
    sc_decision,
    sc_era,
)

Y, N, A, X = Position.YES, Position.NO, Position.ABSTAIN, Position.NON_VOTING
P5_1990 = {"CHN", "FRA", "GBR", "SUN", "USA"}
P5_NOW = {"CHN", "FRA", "GBR", "RUS", "USA"}


def council(**positions: Position) -> dict[str, Position]:
    return dict(positions)


@pytest.mark.parametrize(("yes", "no", "two_thirds", "threshold", "outcome"), [
    (93, 18, False, 56, Outcome.ADOPTED),
    (93, 18, True, 74, Outcome.ADOPTED),
    (50, 50, False, 51, Outcome.NOT_ADOPTED),  # a tie is a rejection (rule 95)
    (51, 50, False, 51, Outcome.ADOPTED),
    (0, 0, False, 1, Outcome.NOT_ADOPTED),  # everyone abstained: nobody voted
    (0, 0, True, 1, Outcome.NOT_ADOPTED),
    (66, 33, True, 66, Outcome.ADOPTED),  # exactly two thirds
    (65, 33, True, 66, Outcome.NOT_ADOPTED),
    (87, 57, True, 96, Outcome.NOT_ADOPTED),  # A/73/L.42 (2018) under two thirds
    (87, 57, False, 73, Outcome.ADOPTED),
])
def test_ga_majorities(yes: int, no: int, two_thirds: bool, threshold: int,
                       outcome: Outcome) -> None:
    decision = ga_decision(yes, no, two_thirds=two_thirds)
    assert ga_threshold(yes, no, two_thirds=two_thirds) == threshold
    assert decision.threshold == threshold and decision.outcome is outcome
    assert decision.margin == yes - threshold


@given(st.integers(0, 193), st.integers(0, 193))
def test_two_thirds_never_easier_than_a_majority(yes: int, no: int) -> None:
    simple = ga_decision(yes, no, two_thirds=False)
    strict = ga_decision(yes, no, two_thirds=True)
    assert strict.threshold >= simple.threshold  # type: ignore[operator]
    if strict.outcome is Outcome.ADOPTED:
        assert simple.outcome is Outcome.ADOPTED


def test_ga_rule_choice() -> None:
    def facts(kind: VoteKind, title: str, yes: int, no: int, session: str = "79") -> VoteFacts:
        positions = {f"Y{i}": Y for i in range(yes)} | {f"N{i}": N for i in range(no)}
        return VoteFacts(Body.GA, kind, dt.date(2020, 1, 1), positions, title=title,
                         session=session)

    budget = decide_vote(facts(VoteKind.RESOLUTION, "Programme budget for 2021", 60, 40))
    assert budget.rule == "2/3 of present and voting" and budget.outcome is Outcome.NOT_ADOPTED
    assert budget.certain and "budgetary" in budget.basis
    admission = decide_vote(facts(VoteKind.RESOLUTION, "Admission of Israel to membership "
                                  "in the United Nations", 37, 12))
    assert admission.rule == "2/3 of present and voting"
    assert admission.outcome is Outcome.ADOPTED and admission.margin == 4
    motion = decide_vote(facts(VoteKind.MOTION, "Motion to adjourn the debate", 60, 40))
    assert motion.rule == "majority of present and voting" and motion.certain
    # the record does not say whether it was important: both answers, uncertain only
    # when they differ
    open_question = decide_vote(facts(VoteKind.RESOLUTION, "Activities of Hamas", 87, 57))
    assert open_question.outcome is Outcome.ADOPTED and not open_question.certain
    assert open_question.alternative is not None
    assert open_question.alternative.outcome is Outcome.NOT_ADOPTED
    settled = decide_vote(facts(VoteKind.RESOLUTION, "Peace in Ukraine", 93, 18, "ES-11"))
    assert settled.certain and settled.alternative is not None
    assert "emergency special session" in settled.basis
    # "financing of development" is not a budgetary question
    development = decide_vote(facts(VoteKind.RESOLUTION, "Financing of economic development "
                                    "of under-developed countries", 30, 16))
    assert development.rule == "majority of present and voting"


def test_sc_eras() -> None:
    assert (sc_era(dt.date(1965, 12, 31)).members, sc_era(dt.date(1965, 12, 31)).affirmative) \
        == (11, 7)
    assert (sc_era(dt.date(1966, 1, 1)).members, sc_era(dt.date(1966, 1, 1)).affirmative) \
        == (15, 9)


def test_sc_abstention_is_not_a_veto() -> None:
    # S/RES/2774 (2025): 10-0-5 with France and the United Kingdom abstaining
    positions = council(USA=Y, RUS=Y, CHN=Y, FRA=A, GBR=A, DZA=Y, GUY=Y, KOR=Y, PAK=Y, PAN=Y,
                        SLE=Y, SOM=Y, DNK=A, GRC=A, SVN=A)
    d = sc_decision(positions, on=dt.date(2025, 2, 24), permanent=P5_NOW)
    assert (d.outcome, d.threshold, d.margin, d.vetoed_by) == (Outcome.ADOPTED, 9, 1, ())


def test_sc_veto_and_lack_of_votes() -> None:
    members = ["ALB", "BRA", "GAB", "GHA", "IND", "IRL", "KEN", "MEX", "NOR", "ARE"]
    base = {m: Y for m in members} | {"USA": Y, "FRA": Y, "GBR": Y, "CHN": A, "RUS": N}
    base |= {"BRA": A, "GAB": A, "IND": A}
    vetoed = sc_decision(base, on=dt.date(2022, 9, 30), permanent=P5_NOW)
    assert vetoed.outcome is Outcome.VETOED and vetoed.vetoed_by == ("RUS",)
    assert (vetoed.yes, vetoed.no, vetoed.abstain) == (10, 1, 4)
    short = {m: A for m in members} | {"USA": N, "FRA": N, "GBR": N, "CHN": Y, "RUS": Y}
    failed = sc_decision(short, on=dt.date(2022, 11, 2), permanent=P5_NOW)
    # too few votes: not a veto, even with permanent members against
    assert failed.outcome is Outcome.NOT_ADOPTED and failed.margin == -7
    # a party to the dispute abstains (Art. 27(3)): its No does not count
    party = sc_decision(base, on=dt.date(2022, 9, 30), permanent=P5_NOW, must_abstain={"RUS"})
    assert party.outcome is Outcome.ADOPTED and "Art. 27(3)" in party.basis
    procedural = sc_decision(base, on=dt.date(2022, 9, 30), permanent=P5_NOW, procedural=True)
    assert procedural.outcome is Outcome.ADOPTED and procedural.vetoed_by == ()


def test_sc_eleven_members_before_1966() -> None:
    positions = {"USA": Y, "GBR": Y, "FRA": Y, "SUN": A, "TWN": Y, "AUS": Y, "BRA": Y,
                 "COL": Y, "EGY": A, "POL": N, "SYR": A}
    d = sc_decision(positions, on=dt.date(1950, 6, 27), permanent={"USA", "GBR", "FRA",
                                                                    "SUN", "TWN"})
    assert (d.outcome, d.threshold, d.margin) == (Outcome.ADOPTED, 7, 0)


def test_sc_only_some_positions_known() -> None:
    d = sc_decision({"SUN": N}, on=dt.date(1946, 2, 16), permanent=P5_1990 - {"SUN"} | {"SUN"},
                    complete=False)
    assert d.outcome is Outcome.VETOED and not d.certain and d.vetoed_by == ("SUN",)
    assert d.alternative is not None and d.alternative.outcome is Outcome.NOT_ADOPTED
    with_tally = sc_decision({"RUS": N}, on=dt.date(2022, 9, 30), permanent=P5_NOW,
                             complete=False, published=(10, 1, 4))
    assert with_tally.outcome is Outcome.VETOED and with_tally.certain
    unknown = sc_decision({}, on=dt.date(2025, 6, 4), permanent=P5_NOW, complete=False)
    assert unknown.outcome is Outcome.UNKNOWN


def test_sc_no_positions_but_published_tally() -> None:
    # S/RES/2812 (2026): 13-0-2 published, the abstainers not named
    d = decide_vote(VoteFacts(Body.SC, VoteKind.RESOLUTION, dt.date(2026, 1, 15), {},
                              complete=False, published=(13, 0, 2)), permanent=P5_NOW)
    assert d.outcome is Outcome.ADOPTED and d.certain


def test_without_a_vote() -> None:
    d = decide_vote(VoteFacts(Body.SC, VoteKind.RESOLUTION, dt.date(2000, 10, 31), {},
                              without_vote=True), permanent=P5_NOW)
    assert d.outcome is Outcome.ADOPTED and d.rule == "adopted without a vote"


@pytest.mark.parametrize(("result", "outcome"), [
    ("Adopted 10-0-5, 9866th meeting", Outcome.ADOPTED),
    ("Adopted without vote, 4215th meeting", Outcome.ADOPTED),
    (("The draft resolution was not adopted due to the negative vote of 2 permanent members "
      "of the Security Council (China and Russian Federation)"), Outcome.VETOED),
    ("Not adopted: failed to obtain the required number of votes", Outcome.NOT_ADOPTED),
    ("vetoed by USSR", Outcome.VETOED),
])
def test_published_outcome_from_text(result: str, outcome: Outcome) -> None:
    said, basis = published_outcome(result=result, kind=VoteKind.DRAFT, sources=(),
                                    adopted_lists=())
    assert said is outcome and basis.startswith("published result")


def test_published_outcome_from_listing() -> None:
    said, _ = published_outcome(result=None, kind=VoteKind.RESOLUTION, sources=["undl_ga"],
                                adopted_lists=["undl_ga"], symbol="A/RES/80/1")
    assert said is Outcome.ADOPTED
    # a record filed under a draft symbol is not evidence of adoption
    said, _ = published_outcome(result=None, kind=VoteKind.RESOLUTION, sources=["undl_ga"],
                                adopted_lists=["undl_ga"], symbol=None)
    assert said is Outcome.UNKNOWN
    _ = X
