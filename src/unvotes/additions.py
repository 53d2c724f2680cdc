"""Votes added to the record by hand: a file of votes (``unvotes-votes/1``) or a
meetings-coverage press release, checked, shown, then kept and built in.

:func:`prepare` reads a file with its reader (every error names the file and line),
resolves each member name to a state, and checks what can be checked before anything
is written: that the counted lists match the stated tally, that every state named was a
member of the body that day (a General Assembly vote: UN members on the date; a
Security Council vote: at most 15 members, 11 before 1966, and the members the record's
Council votes of those weeks show), and whether the vote is already in the record.
:func:`commit` copies the file into the record's additions folder
(:func:`unvotes.build.additions_dir`) and rebuilds the record from the data folder of
its last build, all or nothing: if the build fails the file is taken out again and the
database is untouched. An added vote is a source like the others, ranked last: when
official data for the same vote arrive, they supersede it and the build records where
they differ.

>>> from pathlib import Path
>>> kind_of(Path("sc16012.txt")), kind_of(Path("votes.yaml"))
('press-release', 'votes')
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unvotes.errors import BuildError, SourceError, UnknownCountryError, UnvotesError
from unvotes.model import Body, Position, SourceVote

if TYPE_CHECKING:
    from unvotes.build import BuildReport
    from unvotes.record import Record

__all__ = ["AddedVote", "Addition", "commit", "differences", "kind_of", "prepare",
           "to_yaml"]

KINDS = ("votes", "press-release")
_FOLDER = {"votes": "votes", "press-release": "press_releases"}
# a release is kept as checked YAML (what the build reads) beside its text
_COUNCIL_GREW = dt.date(1966, 1, 1)


@dataclass
class AddedVote:
    """One vote a file would add, with what the checks found."""

    body: str
    date: dt.date | None
    symbol: str | None
    draft_symbol: str | None
    kind: str
    title: str | None
    counted: dict[str, int]  # yes/no/abstain/non_voting from the lists
    published: dict[str, int | None] | None  # the stated tally
    positions: dict[str, str]  # ISO3 -> Y/A/N/X
    in_record: str | None  # the vote id it matches in the record, if any
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    result: str | None = None  # the release's words on the outcome
    meeting: str | None = None
    session: str | None = None
    url: str | None = None
    release: str | None = None  # the press release's symbol (GA/12678, SC/16012)
    complete: bool = False  # the lists name every member that could vote


@dataclass
class Addition:
    """What a file would add: its kind (``votes`` or ``press-release``), the votes, and
    whether every check passed (``ok``)."""

    kind: str
    file: Path
    votes: list[AddedVote]

    @property
    def ok(self) -> bool:
        """True when no vote has a problem."""
        return all(not v.problems for v in self.votes)


def kind_of(path: Path) -> str:
    """``votes`` for a YAML file, ``press-release`` for text."""
    return "votes" if path.suffix.lower() in (".yaml", ".yml") else "press-release"


def _read(path: Path, kind: str) -> list[SourceVote]:
    if kind == "votes":
        from unvotes.readers.manual import read_manual_votes

        return list(read_manual_votes(path))
    from unvotes.readers.press_release import read_press_release

    return list(read_press_release(path))


def prepare(rec: Record, path: Path | str, *, kind: str | None = None) -> Addition:
    """Read and check a file of votes or a press release against the record (module
    docstring). Raises SourceError for a malformed file (file, line, problem),
    UnvotesError for an unknown kind or a file with no recorded vote; problems with
    names, tallies or membership are listed in each vote's ``problems``.
    """
    from unvotes.countries import load_countries

    path = Path(path)
    kind = kind or kind_of(path)
    if kind not in KINDS:
        raise UnvotesError(f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}")
    if not path.is_file():
        raise SourceError(path, None, "no such file")
    source_votes = _read(path, kind)
    if not source_votes:
        raise UnvotesError(f"{path}: no recorded vote found (votes adopted without a vote "
                           f"have no positions to add)")
    table = load_countries()
    return Addition(kind=kind, file=path,
                    votes=[_check(rec, table, v) for v in source_votes])


def _check(rec: Record, table: Any, vote: SourceVote) -> AddedVote:
    problems: list[str] = []
    notes = list(vote.notes)
    positions: dict[str, str] = {}
    for key, position in vote.positions.items():
        try:
            iso3 = table.resolve(key, kind=vote.member_key, on=vote.date)
        except UnknownCountryError as exc:
            problems.append(str(exc))
            continue
        if iso3 in positions:
            problems.append(f"{key} ({iso3}) is listed twice")
        positions[iso3] = position.value
    counted = {name: sum(1 for p in vote.positions.values() if p is position)
               for name, position in (("yes", Position.YES), ("no", Position.NO),
                                      ("abstain", Position.ABSTAIN),
                                      ("non_voting", Position.NON_VOTING))}
    published = None
    if vote.published is not None:
        published = {"yes": vote.published.yes, "no": vote.published.no,
                     "abstain": vote.published.abstain}
    seated = _council(rec, vote) if vote.body is Body.SC and vote.date is not None else set()
    if published is not None and seated and not problems:
        filled = _rest_of_council(positions, published, seated)
        if filled is not None:
            name, count = filled
            counted[name] = count
            notes.append(f"the {count} members voting {_WORDS[name]} are not named in the "
                         f"release: they are the rest of the Council, as the record's "
                         f"Council votes of those weeks show it")
    if published is not None:
        for name in ("yes", "no", "abstain"):
            if published[name] is not None and counted[name] != published[name]:
                problems.append(f"{counted[name]} {name} listed but the tally says "
                                f"{published[name]}")
    if vote.committee:
        problems.append(f"a {vote.committee} vote (a recommendation to the plenary): the "
                        f"record holds plenary and Council votes only")
    if vote.date is not None:
        problems += _membership(table, vote, set(positions), seated)
    complete = vote.positions_complete or bool(seated and set(positions) == seated)
    return AddedVote(body=vote.body.value, date=vote.date, symbol=vote.symbol,
                     draft_symbol=vote.draft_symbol, kind=vote.kind.value, title=vote.title,
                     counted=counted, published=published, positions=positions,
                     in_record=_match(rec, vote), problems=problems, notes=notes,
                     result=vote.published_result, meeting=vote.meeting,
                     session=vote.session, url=vote.source_url,
                     release=vote.source_key.split("#")[0], complete=complete)


_LETTERS = {"yes": "Y", "no": "N", "abstain": "A", "non_voting": "X"}
_WORDS = {"yes": "in favour", "no": "against", "abstain": "to abstain"}


def _council(rec: Record, vote: SourceVote) -> set[str]:
    """The Council's members around the vote's day, as the record's Council votes of
    those weeks show them (empty unless they show a full Council)."""
    assert vote.date is not None
    size = 15 if vote.date >= _COUNCIL_GREW else 11
    near = rec.store.rows(
        "SELECT DISTINCT p.iso3 FROM votes v JOIN positions p USING (vote_id) WHERE "
        "v.body = 'SC' AND v.date BETWEEN ? AND ?",
        [vote.date - dt.timedelta(days=45), vote.date + dt.timedelta(days=45)])
    seated = {iso3 for (iso3,) in near}
    return seated if len(seated) == size else set()


def _rest_of_council(positions: dict[str, str], published: dict[str, int | None],
                     seated: set[str]) -> tuple[str, int] | None:
    """Council releases often name only the members against and abstaining: when exactly
    one position's members are unnamed and the rest of the Council is exactly their
    number, give them that position (returns its name and count)."""
    named = {name: sum(1 for p in positions.values() if p == _LETTERS[name])
             for name in ("yes", "no", "abstain")}
    missing = [name for name in named if not named[name] and published.get(name)]
    rest = seated - set(positions)
    if len(missing) != 1 or not set(positions) <= seated or len(rest) != published[missing[0]]:
        return None
    for iso3 in rest:
        positions[iso3] = _LETTERS[missing[0]]
    return missing[0], len(rest)


def _membership(table: Any, vote: SourceVote, states: set[str], seated: set[str]
                ) -> list[str]:
    assert vote.date is not None
    if vote.body is Body.GA:
        outside = sorted(states - table.members_on(vote.date))
        return [f"not a UN member on {vote.date}: {', '.join(outside)}"] if outside else []
    size = 15 if vote.date >= _COUNCIL_GREW else 11
    problems = [f"{len(states)} Council members listed; the Council had {size}"] \
        if len(states) > size else []
    outside = sorted(states - seated) if seated else []
    if outside:
        problems.append(f"not on the Council around {vote.date} (by the record's votes of "
                        f"those weeks): {', '.join(outside)}")
    return problems


def _match(rec: Record, vote: SourceVote) -> str | None:
    """The vote id in the record for the same vote (same body and date, and the same
    resolution or draft symbol; for a vote with no symbol, such as an oral amendment or a
    paragraph, the same kind and the same published counts), or None."""
    if vote.date is None:
        return None
    if not vote.symbol and not vote.draft_symbol and vote.published is not None:
        found = rec.store.rows(
            "SELECT vote_id FROM votes WHERE body = ? AND date = ? AND kind = ? AND yes = ? "
            "AND no = ? AND abstain = ?", [vote.body.value, vote.date, vote.kind.value,
                                           vote.published.yes, vote.published.no,
                                           vote.published.abstain])
        return str(found[0][0]) if len(found) == 1 else None
    for symbol in (vote.symbol, vote.draft_symbol):
        if not symbol:
            continue
        found = rec.store.rows(
            "SELECT vote_id FROM votes WHERE body = ? AND date = ? AND (symbol = ? OR "
            "draft_symbol = ?)", [vote.body.value, vote.date, symbol, symbol])
        if found:
            return str(found[0][0])
    return None


def commit(addition: Addition, *, db_path: Path, data_dir: Path | None = None,
           progress: Callable[[str, int, int], None] | None = None) -> BuildReport:
    """Keep the file in the record's additions folder and rebuild the record from
    ``data_dir`` (default: the data folder of its last build), all or nothing. Raises
    UnvotesError if the addition has problems, BuildError if the build fails (the file
    is then taken out again and the database is untouched).
    """
    from unvotes.build import additions_dir, build, last_data_dir

    if not addition.ok:
        raise UnvotesError(f"{addition.file}: not added, it has problems (see above)")
    db_path = Path(db_path)
    if data_dir is None:
        data_dir = last_data_dir(db_path)
        if data_dir is None:
            raise BuildError(f"{db_path} records no build to rebuild from; pass the data "
                             f"folder")
    folder = additions_dir(db_path) / _FOLDER[addition.kind]
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    written: list[Path] = []
    if addition.kind == "votes":
        target = folder / addition.file.name
        if target.exists() and target.read_bytes() != addition.file.read_bytes():
            target = folder / f"{addition.file.stem}-{stamp}{addition.file.suffix}"
        if not target.exists():
            written.append(target)
        shutil.copyfile(addition.file, target)
    else:
        # the release's votes as checked here (members resolved, a Council's unnamed
        # majority filled in), in the votes format the build reads, named by the release's
        # symbol, so a revised release replaces the one it corrects; the text is kept too
        releases = {v.release for v in addition.votes if v.release}
        name = releases.pop().replace("/", "-") if len(releases) == 1 else addition.file.stem
        target = folder / f"{name}.yaml"
        raw = folder / "text" / addition.file.name
        written += [p for p in (target, raw) if not p.exists()]
        raw.parent.mkdir(exist_ok=True)
        shutil.copyfile(addition.file, raw)
        target.write_text(to_yaml(addition), encoding="utf-8")
    try:
        return build(data_dir, db_path=db_path, progress=progress)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def differences(db_path: Path, addition: Addition) -> list[dict[str, Any]]:
    """Where the record's better sources differ from what the addition says, after
    :func:`commit` (the build's ``disagreements`` for the added source): vote, state or
    field, the record's value and source, and the added value."""
    from unvotes.store import Store

    source = "manual" if addition.kind == "votes" else "press_release"
    ids = [v.in_record for v in addition.votes if v.in_record]
    if not ids:
        return []
    with Store(Path(db_path)) as store:
        return store.dicts(
            "SELECT d.vote_id, v.symbol, d.iso3, d.field, d.source, d.value, d.other_value "
            "FROM disagreements d JOIN votes v USING (vote_id) WHERE d.other_source = ? AND "
            "list_contains(?, d.vote_id) ORDER BY d.vote_id, d.field, d.iso3", [source, ids])


def to_yaml(addition: Addition) -> str:
    """The addition's votes in the ``unvotes-votes/1`` format (members as ISO3 codes).

    >>> to_yaml(Addition("press-release", Path("x.txt"), [])).splitlines()[0]
    'format: unvotes-votes/1'
    """
    import yaml

    entries: list[dict[str, Any]] = []
    for v in addition.votes:
        if v.in_record and not v.symbol and not v.draft_symbol:
            continue  # known only by its counts: the record has it, keyed otherwise
        lists: dict[str, list[str]] = {}
        for name, letter in _LETTERS.items():
            members = sorted(iso3 for iso3, p in v.positions.items() if p == letter)
            if members:
                lists[name] = members
        entry: dict[str, Any] = {"body": v.body, "kind": v.kind}
        if v.symbol and v.kind != "draft resolution":
            entry["symbol"] = v.symbol
        entry["draft_symbol"] = v.draft_symbol
        entry["date"] = v.date.isoformat() if v.date else None
        for key, value in (("meeting", v.meeting), ("session", v.session),
                           ("title", v.title or (None if v.draft_symbol or v.symbol else
                                                 f"vote {len(entries) + 1} of "
                                                 f"{v.release}"))):
            if value:
                entry[key] = value
        entry["result"] = v.result or "as stated in the press release"
        if v.published:
            entry["tally"] = {k: n for k, n in v.published.items() if n is not None}
        entry["positions"] = lists
        entry["positions_complete"] = v.complete
        entry["source"] = f"UN press release {v.release}" if v.release else str(addition.file)
        entry["url"] = v.url or "https://press.un.org/en"
        if v.notes:
            entry["notes"] = v.notes
        entries.append(entry)
    return yaml.safe_dump({"format": "unvotes-votes/1", "votes": entries}, sort_keys=False,
                          allow_unicode=True, width=100)
