"""The reader of votes entered by hand (format unvotes-votes/1, docs/votes-format.md).

The malformed cases are written here with tmp_path: a small valid file (``BASE``) with
one line replaced, so every error's line number can be read off the text.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import re
from collections import defaultdict
from pathlib import Path

import pytest

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, SourceVote, Tally, VoteKind
from unvotes.readers.manual import FORMAT, SOURCE, bundled_votes_path, read_manual_votes

ROOT = Path(__file__).resolve().parents[2]
DATA_FILE = ROOT / "src" / "unvotes" / "data" / "manual_votes.yaml"
DOC = ROOT / "docs" / "votes-format.md"

BASE = [
    "format: unvotes-votes/1",                      # 1
    "votes:",                                       # 2
    "  - body: SC",                                 # 3
    "    kind: draft resolution",                   # 4
    "    draft_symbol: S/2099/1",                   # 5
    "    date: 2022-09-30",                         # 6
    "    result: Not adopted",                      # 7
    "    source: Test record",                      # 8
    "    url: https://example.org/record",          # 9
    "    tally: {yes: 2, no: 1, abstain: 12}",      # 10
    "    positions:",                               # 11
    "      yes: [China, Russian Federation]",       # 12
    "      no: [United States]",                    # 13
    "    positions_complete: false",                # 14
]


def _write(tmp_path: Path, lines: list[str], name: str = "votes.yaml") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _with(line: int, text: str | None) -> list[str]:
    """BASE with line ``line`` (1-based) replaced by ``text``, or removed if None."""
    lines = list(BASE)
    if text is None:
        del lines[line - 1]
    else:
        lines[line - 1] = text
    return lines


def _error(path: Path) -> str:
    with pytest.raises(SourceError) as info:
        list(read_manual_votes(path))
    return str(info.value)


# --------------------------------------------------------------------------- the real file
def test_the_bundled_file_is_the_package_data_file() -> None:
    assert bundled_votes_path().resolve() == DATA_FILE.resolve()


def test_the_real_file_reads_and_every_entry_cites_its_record() -> None:
    votes = list(read_manual_votes(DATA_FILE))
    assert len(votes) >= 10
    for vote in votes:
        assert vote.source == SOURCE and vote.body is Body.SC
        assert vote.source_url and vote.source_url.startswith("https://"), vote.source_key
        assert vote.notes[0].startswith("source: ") and len(vote.notes[0]) > 20
        assert vote.published_result
    dates = [v.date for v in votes if v.date is not None]
    assert dates == sorted(dates)


def test_the_referendum_veto_of_30_september_2022() -> None:
    [vote] = [v for v in read_manual_votes(DATA_FILE) if v.draft_symbol == "S/2022/720"]
    assert vote.date == dt.date(2022, 9, 30) and vote.kind is VoteKind.DRAFT
    assert vote.meeting == "S/PV.9143" and vote.symbol is None
    assert vote.positions["Russian Federation"] is Position.NO
    assert vote.published == Tally(yes=10, no=1, abstain=4)
    assert vote.counted() == Tally(yes=10, no=1, abstain=4, non_voting=0)
    assert vote.positions_complete


def test_s_2025_353_has_its_positions() -> None:
    [vote] = [v for v in read_manual_votes(DATA_FILE) if v.draft_symbol == "S/2025/353"]
    assert vote.date == dt.date(2025, 6, 4) and vote.kind is VoteKind.DRAFT
    assert [m for m, p in vote.positions.items() if p is Position.NO] == ["United States"]
    assert vote.counted() == Tally(yes=14, no=1, abstain=0, non_voting=0)


def test_partial_entries_list_no_more_than_they_know() -> None:
    partial = [v for v in read_manual_votes(DATA_FILE) if not v.positions_complete]
    assert partial, "the vetoed amendments of 24 February 2025 are partial"
    for vote in partial:
        assert vote.kind is VoteKind.AMENDMENT and vote.date == dt.date(2025, 2, 24)
        assert set(vote.positions) <= {"Russian Federation"}


def test_complete_entries_name_exactly_that_years_council(data_dir: Path) -> None:
    """Cross-check against the DGACM voting lists: the Council of each year."""
    from unvotes.countries import load_countries

    council: dict[str, set[str]] = defaultdict(set)
    path = data_dir / "unxml_dgacm_sc" / "unxml_sc_votes_long.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as text:
        for row in csv.DictReader(text):
            council[row["year"]].add(row["ms_code"])
    table = load_countries()
    for vote in read_manual_votes(DATA_FILE):
        assert vote.date is not None
        codes = {table.resolve(m, kind=vote.member_key, on=vote.date) for m in vote.positions}
        if vote.positions_complete:
            assert codes == council[str(vote.date.year)], vote.source_key
        else:
            assert codes <= council[str(vote.date.year)], vote.source_key


def test_s_2025_353_agrees_with_the_official_file(data_dir: Path) -> None:
    path = data_dir / "unxml_dgacm_sc" / "unxml_sc_not_adopted_drafts.csv"
    with open(path, encoding="utf-8", newline="") as text:
        [row] = [r for r in csv.DictReader(text) if r["draft"] == "S/2025/353"]
    [vote] = [v for v in read_manual_votes(DATA_FILE) if v.draft_symbol == "S/2025/353"]
    assert (row["date"], row["meeting"], row["vetoed_by"]) == (
        vote.date.isoformat() if vote.date else None, vote.meeting, "USA")


def test_the_example_in_the_format_document_reads(tmp_path: Path) -> None:
    block = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert block is not None
    path = tmp_path / "example.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    [vote] = list(read_manual_votes(path))
    assert vote.draft_symbol == "S/2022/720" and vote.counted().yes == 10


# --------------------------------------------------------------------------- round trip
def test_round_trip_of_a_small_file(tmp_path: Path) -> None:
    lines = BASE + [
        "    meeting: S/PV.9999",
        "    title: A test draft",
        "    amends: S/2099/0",
        "    sponsors: [Albania]",
        "    notes: [first note]",
        "  - body: GA",
        "    kind: resolution",
        "    symbol: A/RES/77/1A",
        "    session: '77'",
        "    date: '2022-10-12'",
        "    result: Adopted 143-5-35",
        "    source: Test GA record",
        "    url: http://example.org/ga",
        "    tally: {yes: 143, no: 5, abstain: 35, non_voting: 10}",
        "    positions: {yes: [ALB, AND], no: [RUS]}",
    ]
    path = _write(tmp_path, lines)
    first, second = read_manual_votes(path)
    assert first == SourceVote(
        source="manual", source_key="S/2099/1", file=str(path), line=3, body=Body.SC,
        date=dt.date(2022, 9, 30), symbol=None, kind=VoteKind.DRAFT,
        positions={"China": Position.YES, "Russian Federation": Position.YES,
                   "United States": Position.NO},
        member_key=MemberKey.NAME, session=None, meeting="S/PV.9999",
        draft_symbol="S/2099/1", title="A test draft", sponsors=("Albania",),
        published=Tally(yes=2, no=1, abstain=12), published_result="Not adopted",
        notes=("source: Test record", "amends S/2099/0", "first note"),
        positions_complete=False, source_url="https://example.org/record")
    assert second.line == 20 and second.source_key == "A/RES/77/1 A"
    assert second.symbol == "A/RES/77/1 A" and second.session == "77"
    assert second.member_key is MemberKey.ISO3 and second.positions["RUS"] is Position.NO
    assert second.published == Tally(yes=143, no=5, abstain=35, non_voting=10)
    assert not second.positions_complete


def test_an_entry_without_a_symbol_is_keyed_by_date_and_title(tmp_path: Path) -> None:
    lines = _with(5, "    draft_symbol: null") + ["    title: An oral amendment"]
    [vote] = list(read_manual_votes(_write(tmp_path, lines)))
    assert vote.source_key == "2022-09-30: An oral amendment" and vote.draft_symbol is None


def test_an_empty_votes_list_yields_nothing(tmp_path: Path) -> None:
    assert list(read_manual_votes(_write(tmp_path, [f"format: {FORMAT}", "votes: []"]))) == []


# --------------------------------------------------------------------------- malformed
MALFORMED = [
    pytest.param(_with(6, "    date: 2022-02-30"), "6: bad date '2022-02-30' (expected YYYY-MM-DD)",
                 id="impossible-date"),
    pytest.param(_with(6, "    date: 30/09/2022"), "6: bad date '30/09/2022' (expected YYYY-MM-DD)",
                 id="date-format"),
    pytest.param(_with(3, "  - body: ECOSOC"),
                 "3: unknown body 'ECOSOC' (expected GA or SC)", id="body"),
    pytest.param(_with(4, "    kind: veto"),
                 "4: unknown kind 'veto' (expected one of: resolution, amendment, paragraph, "
                 "motion, decision, draft resolution)", id="kind"),
    pytest.param(_with(5, "    draft_symbl: S/2099/1"),
                 "5: unknown key 'draft_symbl'; did you mean 'draft_symbol'?", id="unknown-key"),
    pytest.param(_with(7, None), "3: missing required key 'result'", id="missing-result"),
    pytest.param(_with(5, None),
                 "3: missing symbol or draft_symbol (write draft_symbol: null when the vote "
                 "has no known document symbol)", id="missing-symbol"),
    pytest.param(_with(5, "    draft_symbol: ~"),
                 "3: an entry without symbol or draft_symbol needs a title", id="null-no-title"),
    pytest.param(_with(5, "    symbol: S/RES/1 (2099)"),
                 "5: a draft resolution that was not adopted has no resolution symbol; "
                 "use draft_symbol", id="draft-with-symbol"),
    pytest.param(_with(10, "    tally: {yes: -2, no: 1}"),
                 "10: tally yes must be a non-negative integer, not '-2'", id="negative-count"),
    pytest.param(_with(10, "    tally: {yes: '2'}"),
                 "10: tally yes must be a non-negative integer, not '2'", id="quoted-count"),
    pytest.param(_with(10, "    tally: {yes: 2, against: 1}"),
                 "10: unknown tally key 'against' (expected yes, no, abstain, non_voting)",
                 id="tally-key"),
    pytest.param(_with(13, "      no: [China]"),
                 "13: 'China' is listed under both yes and no", id="member-in-two-lists"),
    pytest.param(_with(12, "      yes: [China, china]"),
                 "12: 'china' is listed twice under yes", id="member-twice"),
    pytest.param(_with(13, "      no: [USA]"),
                 "11: positions mix ISO3 codes and names (use one style per entry)",
                 id="mixed-styles"),
    pytest.param(_with(13, "      no: [United States, France]"),
                 "3: no lists 2 members but the tally says 1", id="list-exceeds-count"),
    pytest.param(_with(14, "    positions_complete: true"),
                 "3: positions_complete is true but abstain lists 0 members and the tally "
                 "says 12", id="complete-count-mismatch"),
    pytest.param(_with(10, "    tally: {yes: 2, no: 1}")[:13] + ["    positions_complete: true"],
                 "3: positions_complete is true but the lists name 3 members; the Council "
                 "had 15 on 2022-09-30", id="complete-council-size"),
    pytest.param(_with(6, "    date: 1960-05-26")[:9]
                 + ["    tally: {yes: 7, no: 2, abstain: 3}"],
                 "3: the tally adds up to 12; the Council had 11 members on 1960-05-26",
                 id="tally-over-council-size"),
    pytest.param(_with(14, "    positions_complete: maybe"),
                 "14: positions_complete must be true or false, not 'maybe'", id="bool"),
    pytest.param(_with(9, "    url: press.un.org/en/2022/sc15046.doc.htm"),
                 "9: url must be an http(s) address, not 'press.un.org/en/2022/sc15046.doc.htm'",
                 id="url"),
    pytest.param(_with(8, "    source: ''"), "8: source must be a non-empty string, not ''",
                 id="empty-source"),
    pytest.param(_with(8, "    source: [a, b]"),
                 "8: source must be a non-empty string, not 'SequenceNode'", id="list-source"),
    pytest.param(BASE + ["    session: '77'"],
                 "15: session applies to General Assembly votes only", id="sc-session"),
    pytest.param(_with(7, "    date: 2022-10-01"), "7: duplicate key 'date'", id="duplicate-key"),
    pytest.param(_with(1, "format: unvotes-votes/2"),
                 "1: unknown format 'unvotes-votes/2' (expected 'unvotes-votes/1')",
                 id="format-version"),
    pytest.param(_with(1, None), "1: missing key 'format'", id="missing-format"),
    pytest.param(["format: unvotes-votes/1", "votes: {}"], "2: votes must be a list of entries",
                 id="votes-not-a-list"),
    pytest.param(["format: unvotes-votes/1", "votes:", "  - just text"],
                 "3: an entry must be a mapping of keys to values", id="entry-not-a-mapping"),
    pytest.param(BASE + ["  - " + BASE[2][4:]] + BASE[3:], "15: duplicate entry 'S/2099/1' "
                 "(first at line 3)", id="duplicate-entry"),
    pytest.param(_with(12, "      yes: [China, Russian Federation"),
                 "13: malformed YAML: expected ',' or ']', but got ':'", id="malformed-yaml"),
    pytest.param(BASE[:10] + ["    positions: !!python/object/apply:os.system [echo]"],
                 "11: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'",
                 id="unsafe-tag"),
]


@pytest.mark.parametrize(("lines", "reason"), MALFORMED)
def test_malformed_files_are_refused_with_file_and_line(tmp_path: Path, lines: list[str],
                                                        reason: str) -> None:
    path = _write(tmp_path, lines)
    assert _error(path) == f"{path}:{reason}"


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing\n", encoding="utf-8")
    assert _error(path) == f"{path}: empty file (expected the keys format and votes)"


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("format: unvotes-votes/1\nvotes: []\n# Côte\n".encode("latin-1"))
    assert _error(path) == f"{path}: not UTF-8 text"


@pytest.mark.parametrize("text", [
    "format: unvotes-votes/1\nvotes: &a [*a]\n",  # a cycle: the tree never ends
    "format: unvotes-votes/1\nx: &a [1, 2]\ny: [*a, *a, *a]\nvotes: []\n",  # a bomb's seed
])
def test_aliases_are_refused(tmp_path: Path, text: str) -> None:
    """Found by bench/fuzz_votes_yaml.py: a recursive alias made the tag check loop."""
    path = tmp_path / "votes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=r"votes\.yaml:\d+: YAML aliases \(\*name\) are not "
                                          r"allowed"):
        list(read_manual_votes(path))
