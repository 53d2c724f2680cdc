"""The sources the build knows: where their files are, who published them, how they rank.

Ranks order the sources when several hold the same vote: the official UN data first
(the UN Digital Library's member-level datasets, then the DGACM extracts), then the
research releases built on them, then the unofficial scrapes. The order matters: the
record takes each vote's positions from the best-ranked source that has it and
compares the others against it.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from unvotes.model import SourceVote

__all__ = ["ADDED", "SOURCES", "SourceSpec", "find_files"]


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A source format the build can read, with its citation."""

    source: str
    rank: int  # lower is preferred
    patterns: tuple[str, ...]  # globs below the data folder, first match wins
    publisher: str
    title: str
    version: str
    licence: str
    citation: str
    url: str
    official: bool
    # True when GA members missing from a vote's lists are non-voting (the build adds X
    # for every UN member of the day without a position); False when the source dropped
    # absent members or leaves blanks we cannot read, so a missing position means
    # "unknown". Council sources give their own X rows (the build does not know the
    # Council's composition).
    lists_complete: bool
    # True when the source records absences itself (X rows or Voeten's code 8).
    records_absence: bool
    # Order for a vote's date, title, symbol and links (lower first). Positions follow
    # ``rank``; the facts about the vote follow the UN's own records first: Voeten's dates
    # are often days or weeks off the UN Digital Library's.
    metadata_rank: int


def _read(spec_id: str) -> Callable[[Path], Iterator[SourceVote]]:
    """The reader function of a source (imported lazily: readers pull in pandas)."""
    def reader(path: Path) -> Iterator[SourceVote]:
        if spec_id == "undl_ga":
            from unvotes.readers.undl_csv import read_undl_ga
            return read_undl_ga(path)
        if spec_id == "undl_sc":
            from unvotes.readers.undl_csv import read_undl_sc
            return read_undl_sc(path)
        if spec_id == "unxml_dgacm_ga":
            from unvotes.readers.dgacm_ga import read_dgacm_ga_dir
            return read_dgacm_ga_dir(path)
        if spec_id == "unxml_dgacm_sc":
            from unvotes.readers.dgacm_sc import read_dgacm_sc_dir, read_dgacm_sc_not_adopted
            return _chain(read_dgacm_sc_dir(path / "data_extract", xml_dir=path / "xml"),
                          read_dgacm_sc_not_adopted(path / "xml" / "Not adopted" / "English"))
        if spec_id == "unvotes_r":
            from unvotes.readers.unvotes_r import read_unvotes_r
            return read_unvotes_r(path)
        if spec_id == "voeten":
            from unvotes.readers.voeten import read_voeten
            return read_voeten(path)
        if spec_id == "undl_scrape_3dl_2025":
            from unvotes.readers.scrape_3dl import read_scrape_2025
            return read_scrape_2025(path)
        if spec_id == "undl_scrape_3dl_1946_2021":
            from unvotes.readers.scrape_3dl import read_scrape_1946_2021
            return read_scrape_1946_2021(path)
        if spec_id == "manual":
            from unvotes.readers.manual import read_manual_votes
            return read_manual_votes(path)
        if spec_id == "press_release":  # the releases as `unvotes add` checked them
            from dataclasses import replace

            from unvotes.readers.manual import read_manual_votes
            return (replace(vote, source="press_release") for vote in read_manual_votes(path))
        if spec_id == "sc_vetoes_wpdl":
            from unvotes.readers.sc_vetoes import read_sc_veto_votes
            return read_sc_veto_votes(path)
        raise KeyError(spec_id)
    return reader


def _chain(*iterators: Iterator[SourceVote]) -> Iterator[SourceVote]:
    for iterator in iterators:
        yield from iterator


_UN_TERMS = ("United Nations terms of use: non-commercial use with attribution "
             "(digitallibrary.un.org/pages/?ln=en&page=tos)")
_DGACM_TERMS = ("Made available without warranty; the user must acknowledge the United "
                "Nations as the source (UNxml repository README)")

SOURCES: tuple[SourceSpec, ...] = (
    SourceSpec("undl_ga", 1, ("**/*ga_voting*.csv", "**/*ga_voting*.csv.gz"),
               "United Nations Dag Hammarskjöld Library", "General Assembly Voting Data",
               "from the file name (e.g. 2026_02_06 = version 5)", _UN_TERMS,
               "United Nations Dag Hammarskjöld Library, General Assembly Voting Data, "
               "United Nations, version 5 (February 2026), 2026, "
               "https://digitallibrary.un.org/record/4060887",
               "https://digitallibrary.un.org/record/4060887", True, True, True, 1),
    SourceSpec("undl_sc", 1, ("**/*sc_voting*.csv", "**/*sc_voting*.csv.gz"),
               "United Nations Dag Hammarskjöld Library", "Security Council Voting Data",
               "from the file name (e.g. 2026_02_06 = version 6)", _UN_TERMS,
               "United Nations Dag Hammarskjöld Library, Security Council Voting Data, "
               "United Nations, 2026, Version 6 (February 2026), "
               "https://digitallibrary.un.org/record/4055387",
               "https://digitallibrary.un.org/record/4055387", True, True, True, 1),
    SourceSpec("unxml_dgacm_ga", 2, ("unxml_dgacm_ga/data_extract",),
               "United Nations, Department for General Assembly and Conference Management",
               "UNxml/GAresolutions data extracts",
               "snapshot 42a69b67bb92 (2026-07-10)", _DGACM_TERMS,
               "United Nations (DGACM), GA resolutions data extracts, github.com/UNxml/"
               "GAresolutions, snapshot 2026-07-10",
               "https://github.com/UNxml/GAresolutions", True, True, False, 2),
    SourceSpec("unxml_dgacm_sc", 2, ("unxml_dgacm_sc",),
               "United Nations, Department for General Assembly and Conference Management",
               "UNxml/SCresolutions data extracts and AKN4UN XML",
               "snapshot 6c4072a866bf (2026-07-21)", _DGACM_TERMS,
               "United Nations (DGACM), SC resolutions data extracts, github.com/UNxml/"
               "SCresolutions, snapshot 2026-07-21",
               "https://github.com/UNxml/SCresolutions", True, False, True, 2),
    SourceSpec("unvotes_r", 4, ("unvotes_r_pkg",),
               "David Robinson and Nicholas Goguen-Compagnoni (data: Erik Voeten)",
               "unvotes R package", "0.3.0 (CRAN 2021-03-09; Voeten data of 2021-02-21)",
               "MIT (package); data CC0 (Harvard Dataverse)",
               "Robinson D., Goguen-Compagnoni N., unvotes: United Nations General "
               "Assembly Voting Data, R package 0.3.0, 2021; Voeten E., Strezhnev A., "
               "Bailey M., United Nations General Assembly Voting Data, Harvard Dataverse, "
               "hdl:1902.1/12379",
               "https://cran.r-project.org/package=unvotes", False, False, False, 5),
    SourceSpec("voeten", 5, ("voeten_unvotes/UNVotesPublished.RData",),
               "Erik Voeten", "United Nations General Assembly Voting Data (roll calls)",
               "2017-01-17", "CC0 (Harvard Dataverse)",
               "Voeten E., Strezhnev A., Bailey M., United Nations General Assembly "
               "Voting Data, Harvard Dataverse, hdl:1902.1/12379, version of 2017-01-17",
               "https://hdl.handle.net/1902.1/12379", False, True, True, 6),
    SourceSpec("undl_scrape_3dl_2025", 6, ("undl_scrape_3dl/un_votes_2025_processed.csv",),
               "Data Driven Decision Lab scrape of UN Digital Library voting records",
               "UN DL voting records 2025 (HZloto/unga-2025)", "commit 46fa27efae8b",
               "no licence stated; UN Digital Library terms apply to the content",
               "UN Digital Library voting records, scraped by the Data Driven Decision Lab "
               "(3DL), 2025 file of github.com/HZloto/unga-2025",
               "https://digitallibrary.un.org", False, True, True, 4),
    SourceSpec("undl_scrape_3dl_1946_2021", 7, ("undl_scrape_3dl/UN_DATA_1946-2021.csv.zip",),
               "Unnamed compiler (3DL scraper layout) of UN Digital Library voting records",
               "UN DATA.csv, adopted resolutions 1946-2021", "zip of 2022-01-29",
               "no licence stated; UN Digital Library terms apply to the content",
               "UN Digital Library voting records 1946-2021, scrape in "
               "github.com/navyanawal0310/un-votes-intelligence-platform",
               "https://digitallibrary.un.org", False, False, True, 4),
    SourceSpec("manual", 3, ("manual/*.yaml", "manual/*.yml"),
               "unvotes contributors, from public UN records",
               "Votes entered by hand (docs/votes-format.md)",
               "each entry cites the UN record it rests on",
               "the entries cite UN records; UN terms of use apply to them",
               "each entry's source and url", "https://press.un.org", False, False, True, 3),
    SourceSpec("press_release", 9, ("press_releases/*.yaml",),
               "United Nations Department of Global Communications (meetings coverage)",
               "Meetings coverage press releases added with `unvotes add press-release`",
               "each release's symbol and date", _UN_TERMS,
               "United Nations, Meetings Coverage and Press Releases, press.un.org",
               "https://press.un.org", False, False, False, 9),
    SourceSpec("sc_vetoes_wpdl", 8, ("sc_vetoes/unsc_vetoes_1946_sept2022.csv",),
               "World Politics Data Lab (compiled by Carlos L. Yordan from the Dag "
               "Hammarskjöld Library's veto list)",
               "Vetoes in the UN Security Council, 1946-2022", "commit 661c5246 (2022-09-16)",
               "MIT",
               "Yordan, C. L., Vetoes in the UN Security Council (1946-2022), World Politics "
               "Data Lab, github.com/world-politics-datalab/vetoes-un-security-council",
               "https://research.un.org/en/docs/sc/quick/veto", False, False, False, 7),
)

SPEC = {spec.source: spec for spec in SOURCES}


def packaged_manual_votes() -> Path:
    """The votes entered by hand that ship with unvotes (failed Council drafts the
    machine-readable sources lack), each citing the UN record it rests on."""
    return Path(__file__).resolve().parents[1] / "data" / "manual_votes.yaml"


ADDED = ("manual", "press_release")  # the sources `unvotes add` writes into the additions


def find_files(data_dir: Path, spec: SourceSpec, additions: Path | None = None) -> list[Path]:
    """The paths of a source below ``data_dir`` (empty if the source is not present);
    the hand-entered votes also include the file shipped with the package, and both
    they and the press releases the files added with ``unvotes add`` (``additions``:
    ``votes/*.yaml``, and ``press_releases/*.yaml``, each release's votes as checked)."""
    added: list[Path] = []
    if additions is not None and spec.source in ADDED:
        folder = "votes" if spec.source == "manual" else "press_releases"
        added = sorted((additions / folder).glob("*.yaml"))
        added += sorted((additions / folder).glob("*.yml")) if spec.source == "manual" else []
    if spec.source == "manual":
        shipped = [packaged_manual_votes()] if packaged_manual_votes().exists() else []
        return shipped + sorted(p for pattern in spec.patterns
                                for p in data_dir.glob(pattern)) + added
    if spec.source == "press_release":
        return added
    for pattern in spec.patterns:
        matches = sorted(Path(p) for p in glob.glob(str(data_dir / pattern), recursive=True))
        if matches:
            return matches
    return []


def reader_for(spec: SourceSpec) -> Callable[[Path], Iterator[SourceVote]]:
    """The function that reads one path of this source."""
    return _read(spec.source)
