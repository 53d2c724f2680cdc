"""The reader of UN meetings-coverage press releases (docs/press-releases.md).

The fixtures in tests/fixtures/press_releases are written for these tests in the format
of press.un.org releases, around real votes (their README says where each tally and list
comes from and what was changed on purpose). Malformed cases are small texts written
here, so that each error's line number can be read off the text.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import random
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unvotes.countries import load_countries
from unvotes.errors import SourceError, UnknownCountryError
from unvotes.model import Body, MemberKey, Position, SourceVote, Tally, VoteKind
from unvotes.readers.press_release import (
    MAX_BYTES,
    MAX_VOTES,
    SOURCE,
    PressRelease,
    parse_press_release,
    parse_release,
    read_press_release,
    read_release,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "press_releases"
GA_PLENARY = FIXTURES / "ga_plenary_2017-12-19_third_committee.txt"
GA_REVISED = FIXTURES / "ga_es11_2025-02-24_revised.txt"
GA_BAD_COUNT = FIXTURES / "ga_es11_bad_count.txt"
SC_ADOPTION = FIXTURES / "sc_adoption_2025-02-24.txt"
SC_VETO = FIXTURES / "sc_veto_2023-10-25.txt"
SC_TYPO = FIXTURES / "sc_veto_2024-11-18_typo.txt"
COMMITTEE = FIXTURES / "committee_fourth_2004-11-24.txt"
NOT_A_RELEASE = FIXTURES / "not_a_release.txt"
GOOD = [GA_PLENARY, GA_REVISED, SC_ADOPTION, SC_VETO, SC_TYPO, COMMITTEE]
ALL = sorted(FIXTURES.glob("*.txt"))

HEADER = "24 February 2025\nGA/12678\n\n"  # lines 1-3 of every text below


def _text(*lines: str, header: str = HEADER) -> str:
    return header + "\n".join(lines) + "\n"


def _error(text: str) -> str:
    with pytest.raises(SourceError) as info:
        parse_press_release(text, file="t.txt")
    return str(info.value)


def _by_position(vote: SourceVote) -> dict[Position, list[str]]:
    out: dict[Position, list[str]] = {p: [] for p in Position}
    for name, position in vote.positions.items():
        out[position].append(name)
    return out


# --------------------------------------------------------------------------- the fixtures
def test_there_are_the_fixtures_the_readme_describes() -> None:
    assert len(ALL) >= 6
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    for path in ALL:
        assert path.name in readme, path.name
        path.read_text(encoding="utf-8")  # plain UTF-8


def test_ga_plenary_paragraph_amendment_and_resolution_votes() -> None:
    release = read_release(GA_PLENARY)
    assert (release.release, release.body, release.committee, release.date, release.revised) \
        == ("GA/11993", Body.GA, None, dt.date(2017, 12, 19), False)
    votes = release.votes
    assert [v.source_key for v in votes] == [f"GA/11993#{n}" for n in range(1, 6)]
    assert [v.line for v in votes] == [22, 34, 46, 58, 70]
    assert [v.kind for v in votes] == [VoteKind.PARAGRAPH, VoteKind.PARAGRAPH,
                                       VoteKind.AMENDMENT, VoteKind.RESOLUTION,
                                       VoteKind.RESOLUTION]
    assert [v.published for v in votes] == [
        Tally(108, 18, 32, 35), Tally(109, 19, 31, 34), Tally(22, 111, 32, 28),
        Tally(109, 17, 58, 9), Tally(70, 26, 76, 21)]
    assert [v.symbol for v in votes] == [None, None, None, "A/RES/72/191", "A/RES/72/190"]
    assert [v.draft_symbol for v in votes] == [None] * 5
    assert [v.title for v in votes] == [
        None, None, None, "Situation of human rights in the Syrian Arab Republic",
        ("Situation of human rights in the Autonomous Republic of Crimea and the city of "
        "Sevastopol, Ukraine")]
    for vote in votes:
        assert vote.source == SOURCE and vote.file == str(GA_PLENARY)
        assert (vote.body, vote.date, vote.session, vote.meeting, vote.committee) == (
            Body.GA, dt.date(2017, 12, 19), "72", "A/72/PV.73", None)
        assert vote.member_key is MemberKey.NAME and vote.positions_complete
        assert vote.counted() == vote.published  # every list matches its count
        assert len(vote.positions) == 193  # the Assembly had 193 members
        assert vote.notes == ()
    syria = _by_position(votes[3])
    assert syria[Position.NO][:3] == ["Algeria", "Belarus", "Bolivia"]
    assert syria[Position.NON_VOTING] == [
        "Afghanistan", "Azerbaijan", "Dominica", "Grenada", "Libya", "Sao Tome and Principe",
        "Serbia", "South Sudan", "Swaziland"]
    assert votes[2].positions["United States"] is Position.NO
    assert votes[2].positions["Democratic People’s Republic of Korea"] is Position.YES
    assert votes[2].published_result is not None
    assert votes[2].published_result.startswith("The oral amendment proposed by the Sudan")
    # the story's tallies restate the annexed votes; the adoptions without a vote are noted
    assert release.skipped == (
        ("line 8: not a recorded vote: Most of the drafts went through without a vote; "
        "recorded votes were requested on several others."),
        ("line 16: not a recorded vote: The resolution on the situation of human rights in "
        "the Democratic People’s Republic of Korea was adopted without a vote, although "
        "several delegations said they dissociated themselves from it."))


def test_revised_release_keeps_the_record_and_notes_the_intended_vote() -> None:
    release = read_release(GA_REVISED)
    assert (release.release, release.date, release.revised, release.skipped) == (
        "GA/12678", dt.date(2025, 2, 24), True, ())
    first, second = release.votes
    assert (first.symbol, first.draft_symbol, first.kind, first.session, first.meeting) == (
        "A/RES/ES-11/7", "A/ES-11/L.10", VoteKind.RESOLUTION, "ES-11", None)
    assert first.title == "Advancing a comprehensive, just and lasting peace in Ukraine"
    assert first.published == Tally(93, 18, 65, 17) == first.counted()
    assert (second.symbol, second.draft_symbol, second.kind, second.title) == (
        "A/RES/ES-11/8", "A/ES-11/L.11", VoteKind.RESOLUTION, "The path to peace")
    assert second.published == Tally(93, 8, 73, 19) == second.counted()
    assert _by_position(second)[Position.NO] == [
        "Belarus", "Burkina Faso", "Democratic People’s Republic of Korea", "Mali",
        "Nicaragua", "Niger", "Russian Federation", "Sudan"]
    # names wrapped over two lines are joined; the statement changes no position
    assert first.positions["Côte d’Ivoire"] is Position.YES
    assert first.positions["Republic of Moldova"] is Position.YES
    assert first.positions["Dominica"] is Position.NON_VOTING
    revised = "revised release: Reissued to correct the voting record in Annex I."
    assert first.notes == (
        revised,
        ("statement after the vote (the record is unchanged): Subsequent to the voting, the "
        "delegation of Dominica informed the Secretariat that it had intended to vote in "
        "favour."))
    assert second.notes == (revised,)


def test_sc_adoption_none_against() -> None:
    (vote,) = read_press_release(SC_ADOPTION)
    assert (vote.source_key, vote.line, vote.body, vote.date, vote.kind) == (
        "SC/16012#1", 9, Body.SC, dt.date(2025, 2, 24), VoteKind.RESOLUTION)
    assert (vote.symbol, vote.draft_symbol, vote.meeting, vote.session) == (
        "S/RES/2774 (2025)", "S/2025/112", "S/PV.9866", None)
    assert vote.published == Tally(10, 0, 5, None)
    assert vote.positions == {name: Position.ABSTAIN for name in
                              ("Denmark", "France", "Greece", "Slovenia", "United Kingdom")}
    assert not vote.positions_complete  # the ten in favour are not named
    assert vote.notes == ()


def test_sc_veto_and_a_draft_that_lacked_votes() -> None:
    release = read_release(SC_VETO)
    assert release.skipped == ()
    veto, lacked = release.votes  # the restatement on line 13 is the first vote again
    assert (veto.source_key, veto.line, veto.kind, veto.symbol, veto.draft_symbol) == (
        "SC/15462#1", 9, VoteKind.DRAFT, None, "S/2023/792")
    assert veto.published == Tally(10, 3, 2, None)
    assert _by_position(veto)[Position.NO] == ["China", "Russian Federation",
                                               "United Arab Emirates"]
    assert _by_position(veto)[Position.ABSTAIN] == ["Brazil", "Mozambique"]
    assert veto.notes == ("not adopted: negative vote of a permanent member",)
    assert (lacked.source_key, lacked.line, lacked.kind, lacked.draft_symbol) == (
        "SC/15462#2", 11, VoteKind.DRAFT, "S/2023/795")
    assert lacked.published == Tally(4, 2, 9, None)
    assert _by_position(lacked)[Position.YES] == ["China", "Gabon", "Russian Federation",
                                                  "United Arab Emirates"]
    assert _by_position(lacked)[Position.NO] == ["United Kingdom", "United States"]
    assert lacked.notes == () and not lacked.positions_complete
    assert {v.meeting for v in release.votes} == {"S/PV.9453"}


def test_no_abstentions_and_a_misspelt_member_kept_as_written() -> None:
    (vote,) = read_press_release(str(SC_TYPO))
    assert (vote.kind, vote.draft_symbol, vote.date) == (
        VoteKind.DRAFT, "S/2024/826", dt.date(2024, 11, 18))
    assert vote.published == Tally(14, 1, 0, None)
    assert vote.positions == {"Russian Federaton": Position.NO}
    # the reader does not resolve names; the build does, and says what was meant
    table = load_countries()
    with pytest.raises(UnknownCountryError) as info:
        table.resolve("Russian Federaton", on=vote.date)
    assert "RUS (Russian Federation)" in str(info.value)


def test_committee_release() -> None:
    release = read_release(COMMITTEE)
    assert (release.release, release.body, release.committee, release.date) == (
        "GA/SPD/307", Body.GA, "Fourth Committee", dt.date(2004, 11, 24))
    first, second = release.votes
    for vote in (first, second):
        assert (vote.kind, vote.symbol, vote.committee, vote.session, vote.meeting) == (
            VoteKind.RESOLUTION, None, "Fourth Committee", None, None)
        assert vote.notes == ("Fourth Committee vote (a recommendation to the plenary)",)
    assert (first.line, first.published) == (15, Tally(154, 1, 9, None))
    assert _by_position(first)[Position.NO] == ["Israel"]
    assert _by_position(first)[Position.ABSTAIN] == [
        "Albania", "Cameroon", "Haiti", "Honduras", "Federated States of Micronesia",
        "Marshall Islands", "Palau", "Papua New Guinea", "United States"]
    assert (second.line, second.published) == (17, Tally(152, 5, 6, None))
    # "Palau and United States": the last two names of a list joined by "and"
    assert _by_position(second)[Position.NO] == [
        "Israel", "Marshall Islands", "Federated States of Micronesia", "Palau",
        "United States"]


def test_lists_that_do_not_add_up() -> None:
    with pytest.raises(SourceError) as info:
        read_press_release(GA_BAD_COUNT)
    assert str(info.value) == (f"{GA_BAD_COUNT}:13: the Against list names 17 members but "
                               "the tally at line 9 says 18")
    assert (info.value.line, info.value.file) == (13, str(GA_BAD_COUNT))


def test_not_a_press_release() -> None:
    with pytest.raises(SourceError) as info:
        read_press_release(NOT_A_RELEASE)
    assert str(info.value) == (f"{NOT_A_RELEASE}: no release symbol (a line such as "
                               "'GA/12678' or 'SC/16012'): not a UN meetings-coverage press "
                               "release")


def test_every_member_name_in_the_good_fixtures_resolves() -> None:
    table = load_countries()
    for path in GOOD:
        for vote in read_press_release(path):
            for name in vote.positions:
                if name == "Russian Federaton":  # the misspelling on purpose
                    continue
                table.resolve(name, on=vote.date)


@pytest.mark.slow
def test_annex_lists_agree_with_the_shared_record(data_dir: Path) -> None:
    """The fixtures' lists are the real votes: checked against the shared data."""
    table = load_countries()
    wanted = {"A/RES/ES-11/7": GA_REVISED, "A/RES/ES-11/8": GA_REVISED,
              "A/RES/72/191": GA_PLENARY, "A/RES/72/190": GA_PLENARY}
    record: dict[str, dict[str, str]] = {symbol: {} for symbol in wanted}
    with gzip.open(data_dir / "combined" / "ga_votes_combined.csv.gz", "rt",
                   encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["resolution"] in record:
                # by name, as the build does: the unvotes R rows code Serbia "YUG"
                code = table.resolve(row["ms_name"], on=dt.date.fromisoformat(row["date"]))
                record[row["resolution"]][code] = row["ms_vote"]
    for symbol, path in wanted.items():
        vote = next(v for v in read_press_release(path) if v.symbol == symbol)
        ours = {table.resolve(name, on=vote.date): position.value
                for name, position in vote.positions.items()}
        theirs = dict(record[symbol])
        members = table.members_on(vote.date)
        theirs.update({code: "X" for code in members if code not in theirs})
        assert ours == theirs, symbol


# --------------------------------------------------------------------------- formats
def test_text_and_path_give_the_same_votes() -> None:
    text = SC_VETO.read_text(encoding="utf-8")
    assert parse_press_release(text, file=str(SC_VETO)) == read_press_release(SC_VETO)
    assert parse_press_release(text)[0].file == "<text>"
    assert isinstance(parse_release(text), PressRelease)


def test_header_variants() -> None:
    body = "It was adopted by 3 in favour to 1 against, with no abstentions."
    cases = {
        "24 FEBRUARY 2025\nGA/12678\n": (dt.date(2025, 2, 24), "GA/12678", None, False),
        "Monday, 24 February 2025\nPress Release SC/16012\n": (
            dt.date(2025, 2, 24), "SC/16012", None, False),
        "GA/SHC/4400\n\n06/11/2003\n": (dt.date(2003, 11, 6), "GA/SHC/4400",
                                        "Third Committee", False),
        "3 November 2025\nGA/DIS/3750 (Revised)\n": (dt.date(2025, 11, 3), "GA/DIS/3750",
                                                     "First Committee", True),
        "1 October 2025\nGA/EF/3600\n": (dt.date(2025, 10, 1), "GA/EF/3600",
                                         "Second Committee", False),
        "1 October 2025\nGA/AB/4500\n": (dt.date(2025, 10, 1), "GA/AB/4500",
                                         "Fifth Committee", False),
        "1 October 2025\nGA/L/3700\n": (dt.date(2025, 10, 1), "GA/L/3700",
                                        "Sixth Committee", False),
    }
    for header, (date, release, committee, revised) in cases.items():
        result = parse_release(header + "\n" + body)
        assert (result.date, result.release, result.committee, result.revised) == (
            date, release, committee, revised), header
        assert result.votes[0].published == Tally(3, 1, 0, None)


def test_the_page_address_is_kept_when_the_text_has_it() -> None:
    text = _text("Adopted by 3 in favour to 1 against, with no abstentions.",
                 header="24 February 2025\nGA/12678\n"
                        "https://press.un.org/en/2025/ga12678.doc.htm.\n\n")
    (vote,) = parse_press_release(text)
    assert vote.source_url == "https://press.un.org/en/2025/ga12678.doc.htm"
    assert read_press_release(SC_VETO)[0].source_url is None


def test_tally_phrasings() -> None:
    cases = {
        "adopted by a recorded vote of 93 in favour to 18 against, with 65 abstentions.":
            Tally(93, 18, 65),
        "approved by 98 votes in favour to 2 against (Israel, United States), with 46 "
        "abstentions.": Tally(98, 2, 46),
        "adopted by 108 in favour to none against, with 52 abstentions.": Tally(108, 0, 52),
        "adopted by 142 in favour to 1 against (United States), with no abstentions.":
            Tally(142, 1, 0),
        "received 13 votes in favour and 2 against, with 0 abstentions.": Tally(13, 2, 0),
        "adopted by 180 in favor to 2 against and 1 abstention (Palau).": Tally(180, 2, 1),
        "was 10 in favour, 3 against, 2 abstaining.": Tally(10, 3, 2),
        "adopted by 120 in favour to 14 against.": Tally(120, 14, None),
    }
    for sentence, tally in cases.items():
        (vote,) = parse_press_release(_text("The text was " + sentence))
        assert vote.published == tally, sentence


def test_kinds_and_results() -> None:
    cases = {
        "By a recorded vote of 45 in favour to 92 against, with 14 abstentions, the Assembly "
        "rejected the amendment contained in document A/80/L.12.":
            (VoteKind.AMENDMENT, None, "A/80/L.12"),
        "The Assembly retained operative paragraph 5 by 120 in favour to 40 against, with 10 "
        "abstentions.": (VoteKind.PARAGRAPH, None, None),
        "The no-action motion was defeated by 50 in favour to 90 against, with 20 "
        "abstentions.": (VoteKind.MOTION, None, None),
        "The draft decision (A/80/L.40) was adopted by 100 in favour to 10 against, with 5 "
        "abstentions.": (VoteKind.DECISION, None, "A/80/L.40"),
        "The text as a whole, as orally amended, was adopted as resolution 80/12 by 150 in "
        "favour to 3 against, with 2 abstentions.": (VoteKind.RESOLUTION, "A/RES/80/12", None),
        "The draft resolution (A/80/L.5) was not adopted, having received 60 in favour to 70 "
        "against, with 30 abstentions.": (VoteKind.DRAFT, None, "A/80/L.5"),
    }
    for sentence, (kind, symbol, draft) in cases.items():
        (vote,) = parse_press_release(_text(sentence))
        assert (vote.kind, vote.symbol, vote.draft_symbol) == (kind, symbol, draft), sentence
        assert vote.published_result == sentence


def test_sc_symbols_and_council_size() -> None:
    header = "9 June 2025\n9930th Meeting (AM)\nSC/16090\n\n"
    (vote,) = parse_press_release(_text(
        "Adopting resolution 2782 (2025) by 13 in favour to none against, with 2 abstentions "
        "(China, Russian Federation), the Council renewed the mandate.", header=header))
    assert (vote.symbol, vote.meeting, vote.kind) == (
        "S/RES/2782 (2025)", "S/PV.9930", VoteKind.RESOLUTION)
    assert _error(_text("It received 14 votes in favour to 1 against, with 1 abstention.",
                        header=header)) == ("t.txt:5: the tally adds up to 16; the Council had "
                                            "15 members on 2025-06-09")


def test_a_reference_in_brackets_is_not_a_list() -> None:
    (vote,) = parse_press_release(_text(
        "Adopted by 169 in favour to 6 against (see Annex), with 3 abstentions (Annex XV)."))
    assert vote.positions == {} and vote.published == Tally(169, 6, 3)


def test_names_with_and_and_brackets() -> None:
    (vote,) = parse_press_release(_text(
        "Approved by 150 in favour to 3 against (Trinidad and Tobago, Iran (Islamic Republic "
        "of), and Bosnia and Herzegovina), with 2 abstentions (Saint Vincent and the "
        "Grenadines and Antigua and Barbuda)."))
    assert _by_position(vote)[Position.NO] == [
        "Trinidad and Tobago", "Iran (Islamic Republic of)", "Bosnia and Herzegovina"]
    assert _by_position(vote)[Position.ABSTAIN] == [
        "Saint Vincent and the Grenadines", "Antigua and Barbuda"]


def test_annex_with_none_and_wrapped_lists() -> None:
    release = parse_release(_text(
        "The text was adopted by a recorded vote of 3 in favour to none against, with 1 "
        "abstention, as follows:",                 # line 4
        "",
        "In favour:  Albania, Andorra,",            # line 6
        "  Angola.",
        "Against:  None.",                          # line 8
        "Abstaining:  Brazil.",
        "Absent:  Chile.",
        "",
        "The President said the result would be reported.",
    ))
    (vote,) = release.votes
    assert vote.positions == {"Albania": Position.YES, "Andorra": Position.YES,
                              "Angola": Position.YES, "Brazil": Position.ABSTAIN,
                              "Chile": Position.NON_VOTING}
    assert vote.published == Tally(3, 0, 1, 1) and vote.positions_complete


def test_a_release_without_recorded_votes() -> None:
    release = parse_release(_text(
        "The Security Council today unanimously adopted resolution 2790 (2025).",
        "",
        "The Assembly adopted the text without a vote.",
    ))
    assert release.votes == ()
    assert release.skipped == (
        ("line 4: not a recorded vote: The Security Council today unanimously adopted "
        "resolution 2790 (2025)."),
        "line 6: not a recorded vote: The Assembly adopted the text without a vote.")
    assert parse_press_release(_text("The Assembly met.")) == []


def test_story_tally_missing_from_the_annex_is_reported() -> None:
    release = parse_release(_text(
        "In 2023, a similar text drew 141 in favour to 7 against, with 32 abstentions.",
        "Today the text got 2 in favour to none against.",
        "",
        "The text was adopted by 2 in favour to none against, with no abstentions:",
        "In favour: Albania, Andorra.",
    ))
    assert [v.published for v in release.votes] == [Tally(2, 0, 0)]
    assert release.skipped == (
        ("line 4: a tally in the story that matches no vote in the annex: In 2023, a similar "
        "text drew 141 in favour to 7 against, with 32 abstentions."),)


def test_story_restatement_merges_unless_it_names_another_text() -> None:
    votes = parse_press_release(_text(
        "Draft S/2025/1 received 9 votes in favour to 6 against, with 0 abstentions.",
        "The text, with 9 votes in favour to 6 against, was adopted.",
        "Draft S/2025/2 received 9 votes in favour to 6 against, with 0 abstentions.",
        header="1 July 2025\nSC/16100\n\n"))
    assert [(v.line, v.draft_symbol) for v in votes] == [(4, "S/2025/1"), (6, "S/2025/2")]


# --------------------------------------------------------------------------- errors
@pytest.mark.parametrize(("text", "message"), [
    (_text("Nothing.", header="GA/12678\n"),
     ("t.txt: no dateline (a line such as '24 February 2025'): not a UN meetings-coverage "
     "press release")),
    (_text("x", header="24 February 2025\nGA/XYZ/12\n"),
     ("t.txt:2: unknown release series 'GA/XYZ/' (expected one of: GA/, GA/DIS/, GA/EF/, "
     "GA/SHC/, GA/SPD/, GA/AB/, GA/L/)")),
    (_text("x", header="24 February 2025\nSC/DIS/12\n"),
     ("t.txt:2: unknown release series 'SC/DIS/' (Security Council releases are "
     "'SC/<number>')")),
    (_text("x", header="31 February 2025\nGA/1\n"),
     "t.txt:1: bad date '31 February 2025' in the dateline"),
    (_text("x", header="1 January 1900\nGA/1\n"),
     "t.txt:1: the dateline 1900-01-01 is outside the life of the United Nations"),
    (_text("In favour: Albania."), "t.txt:4: a list 'In favour' with no vote sentence before it"),
    (_text("Adopted by 2 in favour to 0 against, with 0 abstentions:",
           "In favour: Albania.", "In favour: Andorra."),
     "t.txt:6: a second 'In favour' list for the vote at line 4 (the first is at line 5)"),
    (_text("Adopted by 2 in favour to 0 against, with 0 abstentions:",
           "In favour: Albania, Albania."),
     "t.txt:5: 'Albania' is listed twice in the In favour list"),
    (_text("Adopted by 1 in favour to 1 against, with 0 abstentions:",
           "In favour: Albania.", "Against: albania."),
     "t.txt:6: 'albania' is listed under both In favour (line 5) and Against"),
    (_text("Adopted by 2 in favour to 0 against, with 0 abstentions:",
           "In favour: Albania, , Andorra."),
     "t.txt:5: an empty name in the In favour list"),
    (_text("Adopted by 1 in favour to 0 against, with 0 abstentions:", "In favour: 93"),
     "t.txt:5: '93' in the In favour list is not a member name (it has a digit)"),
    (_text("Adopted by 1 in favour to 0 against, with 0 abstentions:", "In favour: ---"),
     "t.txt:5: '---' in the In favour list is not a member name"),
    (_text("Adopted by 1 in favour to 0 against, with 0 abstentions:",
           "In favour: " + "A" * 81),
     "t.txt:5: '" + "A" * 39 + "…' in the In favour list is too long for a member name "
     "(81 characters)"),
    (_text("Adopted by 2 in favour to 1 against, with 0 abstentions:", "In favour: A, B."),
     "t.txt:4: the tally says 1 against but the annex gives no Against list"),
    (_text("Adopted by 1 in favour to 2 against (Chile), with no abstentions."),
     "t.txt:4: the Against list names 1 members but the tally at line 4 says 2"),
    (_text("Adopted by 1 in favour to 1 against (Chile), with no abstentions:",
           "In favour: Albania.", "Against: Brazil."),
     ("t.txt:4: 'Chile' is named Against in the vote sentence but is not in the Against list "
     "at line 6")),
    (_text("x\x00y"), "t.txt:4: control character U+0000: not a text file"),
])
def test_errors(text: str, message: str) -> None:
    assert _error(text) == message


def test_too_many_votes() -> None:
    text = _text(*["Adopted by 1 in favour to 1 against."] * (MAX_VOTES + 1))
    assert _error(text) == (f"t.txt:{MAX_VOTES + 4}: more than {MAX_VOTES} vote sentences: "
                            "not a press release")


def test_size_limit(tmp_path: Path) -> None:
    assert _error("x" * (MAX_BYTES + 1)) == (
        "t.txt: the text is over 2,000,000 characters; a press release is far smaller")
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * (MAX_BYTES + 1))
    with pytest.raises(SourceError) as info:
        read_press_release(path)
    assert str(info.value) == (f"{path}: the file is over 2,000,000 bytes; a press release "
                               "is far smaller")


def test_not_utf8_and_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("24 February 2025\nGA/12678\nC\xf4te d'Ivoire\n".encode("latin-1"))
    with pytest.raises(SourceError) as info:
        read_press_release(path)
    assert str(info.value) == f"{path}:3: not UTF-8 text (byte 0xf4 at offset 27)"
    with pytest.raises(SourceError) as info:
        read_press_release(tmp_path)
    assert str(info.value).startswith(f"{tmp_path}: cannot read the file: ")
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf24 February 2025\r\nGA/12678\r\n\r\nAdopted by 1 in favour "
                    b"to 0 against, with 0 abstentions.\r\n")
    (vote,) = read_press_release(bom)
    assert (vote.line, vote.published) == (4, Tally(1, 0, 0))


# --------------------------------------------------------------------------- properties
# The deadline is a guard against catastrophic backtracking (a parse of these inputs takes
# milliseconds); the speed on hostile inputs is measured by bench/fuzz_press_release.py.
_PROPERTY = settings(max_examples=200, deadline=timedelta(seconds=2), database=None,
                     suppress_health_check=[HealthCheck.too_slow])
_TEXTS = [path.read_text(encoding="utf-8") for path in ALL]
_TOKENS = st.sampled_from([
    "93 in favour", " to ", "18 against", ", with ", "65 abstentions", "none against", "(",
    ")", ", ", " and ", "\n", "\n\n", "In favour:", "Against:", "Abstain:", "Absent:",
    "None.", "GA/12678", "SC/1", "24 February 2025", "31/02/2024", "amendment", "as a whole",
    "without a vote", "intended to vote", "* Reissued", "A/ES-11/L.10", "resolution 2774 (2025)",
    "Côte d’Ivoire", "0", "999", ".", ":", "\t", "\u00a0", "\x00", "\ufeff", "\u2028",
])


def _only_source_errors(text: str) -> None:
    try:
        votes = parse_press_release(text)
    except SourceError:
        return
    for vote in votes:  # what is returned is consistent
        assert vote.source == SOURCE and vote.published is not None
        counted, published = vote.counted(), vote.published
        for listed, stated in ((counted.yes, published.yes), (counted.no, published.no),
                               (counted.abstain, published.abstain)):
            assert stated is None or listed <= stated


@_PROPERTY
@given(st.text(max_size=3000))
def test_random_text_gives_source_error_or_votes(text: str) -> None:
    _only_source_errors(text)
    _only_source_errors(HEADER + text)


@_PROPERTY
@given(st.lists(_TOKENS, max_size=150))
def test_vote_like_fragments(tokens: list[str]) -> None:
    _only_source_errors(HEADER + "".join(tokens))


@_PROPERTY
@given(st.sampled_from(_TEXTS), st.floats(0, 1))
def test_truncated_fixtures(text: str, where: float) -> None:
    _only_source_errors(text[: int(len(text) * where)])


@_PROPERTY
@given(st.sampled_from(_TEXTS), st.randoms(use_true_random=False))
def test_shuffled_lines(text: str, rng: random.Random) -> None:
    lines = text.split("\n")
    rng.shuffle(lines)
    _only_source_errors("\n".join(lines))


@_PROPERTY
@given(st.sampled_from(_TEXTS), st.integers(0, 10_000), st.integers(1, 3))
def test_duplicated_lines(text: str, pick: int, times: int) -> None:
    lines = text.split("\n")
    listed = [i for i, line in enumerate(lines) if ":" in line[:12]] or [0]
    i = listed[pick % len(listed)]
    _only_source_errors("\n".join(lines[: i + 1] + [lines[i]] * times + lines[i + 1:]))


@_PROPERTY
@given(st.sampled_from(_TEXTS), st.floats(0, 1), st.lists(_TOKENS | st.text(max_size=20),
                                                          max_size=10))
def test_garbage_inserted(text: str, where: float, garbage: list[str]) -> None:
    at = int(len(text) * where)
    _only_source_errors(text[:at] + "".join(garbage) + text[at:])


def test_hostile_inputs_finish() -> None:
    """Inputs that would make a backtracking pattern quadratic (200 kB each) are read like
    any other text; their time is measured by bench/fuzz_press_release.py."""
    size = 200_000
    one = [Tally(1, 1, None)]
    cases = [
        (HEADER + "1 in favour" + " " * size + "x", []),
        (HEADER + "1 in favour to 1" + " " * size + "x", []),
        (HEADER + "1 in favour to 1 against, with 1" + " " * size + "x", one),
        (HEADER + "1 in favour (" + "A, " * (size // 3), []),
        (HEADER + "1 in favour to 1 against " + "(" * size, one),
        (HEADER + "1 in favour to 1 against (" + "(a)" * (size // 3), one),
    ]
    for text, tallies in cases:
        assert [v.published for v in parse_press_release(text)] == tallies
    # a list wrapped over many lines (once a quadratic string concatenation)
    wrapped = HEADER + "1 in favour to 0 against:\nIn favour: " + "Albania,\n" * (size // 9)
    assert _error(wrapped + "Andorra.") == (
        "t.txt:5: 'Albania' is listed twice in the In favour list")
    skipped = parse_release(HEADER + "adopted without a vote " * (size // 23)).skipped
    assert len(skipped) == 1  # one sentence, reported once
    tally = "1 in favour to 1 against, with 1 abstentions (A). "
    assert _error(HEADER + tally * (size // len(tally))) == (
        f"t.txt:4: more than {MAX_VOTES} vote sentences: not a press release")
