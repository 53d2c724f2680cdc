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

__all__ = ["AddedVote", "Addition", "commit", "kind_of", "prepare"]

KINDS = ("votes", "press-release")
_FOLDER = {"votes": "votes", "press-release": "press_releases"}
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
        for name in ("yes", "no", "abstain"):
            if published[name] is not None and counted[name] != published[name]:
                problems.append(f"{counted[name]} {name} listed but the tally says "
                                f"{published[name]}")
    if vote.date is not None:
        problems += _membership(rec, table, vote, set(positions))
    return AddedVote(body=vote.body.value, date=vote.date, symbol=vote.symbol,
                     draft_symbol=vote.draft_symbol, kind=vote.kind.value, title=vote.title,
                     counted=counted, published=published, positions=positions,
                     in_record=_match(rec, vote), problems=problems,
                     notes=list(vote.notes))


def _membership(rec: Record, table: Any, vote: SourceVote, states: set[str]) -> list[str]:
    assert vote.date is not None
    if vote.body is Body.GA:
        outside = sorted(states - table.members_on(vote.date))
        return [f"not a UN member on {vote.date}: {', '.join(outside)}"] if outside else []
    size = 15 if vote.date >= _COUNCIL_GREW else 11
    problems = [f"{len(states)} Council members listed; the Council had {size}"] \
        if len(states) > size else []
    near = rec.store.rows(
        "SELECT DISTINCT p.iso3 FROM votes v JOIN positions p USING (vote_id) WHERE "
        "v.body = 'SC' AND v.date BETWEEN ? AND ?",
        [vote.date - dt.timedelta(days=45), vote.date + dt.timedelta(days=45)])
    seated = {iso3 for (iso3,) in near}
    if len(seated) == size:  # the record shows that weeks' Council: check against it
        outside = sorted(states - seated)
        if outside:
            problems.append(f"not on the Council around {vote.date} (by the record's "
                            f"votes of those weeks): {', '.join(outside)}")
    return problems


def _match(rec: Record, vote: SourceVote) -> str | None:
    """The vote id in the record for the same vote (same body and date, and the same
    resolution or draft symbol), or None."""
    if vote.date is None:
        return None
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
    from unvotes.build import additions_dir, build
    from unvotes.store import Store

    if not addition.ok:
        raise UnvotesError(f"{addition.file}: not added, it has problems (see above)")
    db_path = Path(db_path)
    if data_dir is None:
        with Store(db_path) as store:
            last = store.scalar("SELECT data_dir FROM builds ORDER BY build_id DESC LIMIT 1")
        if not last:
            raise BuildError(f"{db_path} records no build to rebuild from; pass the data "
                             f"folder")
        data_dir = Path(str(last))
    folder = additions_dir(db_path) / _FOLDER[addition.kind]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / addition.file.name
    if target.exists() and target.read_bytes() != addition.file.read_bytes():
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        target = folder / f"{addition.file.stem}-{stamp}{addition.file.suffix}"
    existed = target.exists()
    shutil.copyfile(addition.file, target)
    try:
        return build(data_dir, db_path=db_path, progress=progress)
    except BaseException:
        if not existed:
            target.unlink(missing_ok=True)
        raise
