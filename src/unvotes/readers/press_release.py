"""Reader for UN meetings-coverage press releases: the record of a vote on the day it happens.

The Department of Global Communications publishes a press release for every meeting of
the General Assembly, its Main Committees and the Security Council (press.un.org), the
same day. The reader takes the release as plain UTF-8 text (the page's text, one
paragraph a line or wrapped) and yields one :class:`~unvotes.model.SourceVote` (source
``"press_release"``) per recorded vote. The format handled, what is checked and what is
skipped are described in ``docs/press-releases.md``; in short:

- the **release symbol** (``GA/11993``, ``GA/SPD/307``, ``SC/16012``) is a header line
  of its own and gives the body (``GA/`` and the committee series, or ``SC/``); the
  **dateline** (``24 February 2025``, ``24/11/2004``) gives the date;
- a **vote sentence** is any sentence with a tally, ``93 in favour to 18 against, with
  65 abstentions`` (``none against``, ``with no abstentions``, ``received 14 votes in
  favour``), optionally naming members in brackets after a count: ``1 against
  (Russian Federation)``;
- the **annex** gives the lists of a vote after its sentence: lines ``In favour:``,
  ``Against:``, ``Abstain:`` (or ``Abstaining:``) and ``Absent:``. When a release has an
  annex, the annexed votes are the votes, and the tallies in the story above it are
  taken as summaries of them;
- adoptions without a vote, by consensus or unanimously are not recorded votes: they are
  listed in :attr:`PressRelease.skipped`, not returned.

Members are keyed by name as written (:attr:`MemberKey.NAME`): resolving them, typos
included, is the build's job. Every list must match its count; a statement that a
delegation "had intended to vote" otherwise is kept as a note and never changes the
positions. Errors are :class:`~unvotes.errors.SourceError` naming the line.

All patterns run in time linear in the input (no nested unbounded repetition), and the
input is limited to :data:`MAX_BYTES`.

Example::

    from unvotes.readers.press_release import read_press_release
    votes = read_press_release("ga12678.txt")
    votes[0].source_key  # "GA/12678#1"
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, SourceVote, Tally, VoteKind
from unvotes.readers import _press_wording as wording
from unvotes.readers._undl import session_of

__all__ = [
    "MAX_BYTES",
    "MAX_VOTES",
    "SOURCE",
    "PressRelease",
    "parse_press_release",
    "parse_release",
    "read_press_release",
    "read_release",
]

SOURCE = "press_release"
MAX_BYTES = 2_000_000  # a long plenary release with 40 annexed votes is ~300 kB
MAX_VOTES = 500  # the busiest plenary meetings hold ~60 recorded votes
_CONTEXT = 600  # characters of a sentence read on each side of a tally
_HEADER_LINES = 40  # the meeting line is looked for this far into the release

# the Council grew from 11 to 15 members on 1 January 1966 (GA resolution 1991 A (XVIII))
_ENLARGED = dt.date(1966, 1, 1)
_FIRST_DAY = dt.date(1945, 10, 24)  # the Charter entered into force
_LAST_DAY = dt.date(2100, 1, 1)


# --------------------------------------------------------------------------- results
@dataclass(frozen=True, slots=True)
class PressRelease:
    """One press release as read: its header, its recorded votes, and what was skipped.

    ``skipped`` lists, as ``"line N: text"``, the adoptions that were not recorded votes
    (without a vote, by consensus, unanimously) and, in a release with an annex, the
    tallies in the story that match no annexed vote.
    """

    release: str  # "GA/11993"
    file: str
    body: Body
    committee: str | None
    date: dt.date
    revised: bool
    votes: tuple[SourceVote, ...]
    skipped: tuple[str, ...] = ()


@dataclass(slots=True)
class _List:
    position: Position
    label: str
    line: int
    # the list's lines, joined when read: adding each wrapped line to one string would
    # copy the string each time, quadratic in a list wrapped over many lines
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.parts)


@dataclass(slots=True)
class _Vote:
    """A tally found in the text, with what was read around it."""

    line: int
    yes: int
    no: int
    abstain: int | None
    clause: str
    sentence: str
    inline: list[_List] = field(default_factory=list)
    annex: list[_List] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    symbols: frozenset[str] = frozenset()  # every symbol named in the clause


@dataclass(slots=True)
class _Header:
    release: str
    body: Body
    committee: str | None
    date: dt.date
    meeting: int | None
    revised: bool
    notes: list[str]
    url: str | None = None


# --------------------------------------------------------------------------- public API
def read_press_release(path: Path | str) -> list[SourceVote]:
    """The recorded votes of the press release in the text file at ``path``.

    One SourceVote (source ``"press_release"``, ``source_key`` ``"<release>#<n>"``) per
    recorded vote, in the order of the release; an empty list if the release records no
    vote. Raises SourceError if the file is over :data:`MAX_BYTES`, not UTF-8, not a
    press release (no release symbol or dateline), or if a list does not match its count.
    Example: ``read_press_release("ga12678.txt")[0].published.yes == 93``.
    """
    return list(read_release(path).votes)


def parse_press_release(text: str, *, file: str = "<text>") -> list[SourceVote]:
    """The recorded votes of a press release given as text; as :func:`read_press_release`.

    ``file`` names the text in errors. Example:
    ``parse_press_release(text, file="GA/12678")[0].kind is VoteKind.RESOLUTION``.
    """
    return list(parse_release(text, file=file).votes)


def read_release(path: Path | str) -> PressRelease:
    """The press release in the file at ``path``: header, votes and skipped adoptions.

    Raises SourceError as :func:`read_press_release`.
    Example: ``read_release("ga12678.txt").release == "GA/12678"``.
    """
    file = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise SourceError(file, None, f"cannot read the file: {err.strerror or err}") from None
    if len(data) > MAX_BYTES:
        raise SourceError(file, None, f"the file is over {MAX_BYTES:,} bytes; a press release "
                                      "is far smaller")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise SourceError(file, line, f"not UTF-8 text (byte 0x{data[err.start]:02x} at "
                                      f"offset {err.start})") from None
    return parse_release(text, file=file)


def parse_release(text: str, *, file: str = "<text>") -> PressRelease:
    """The press release given as text: header, votes and skipped adoptions.

    Raises SourceError as :func:`read_press_release` (over :data:`MAX_BYTES` characters,
    control characters, no release symbol or dateline, lists that do not add up).
    Example: ``parse_release(text).body is Body.SC``.
    """
    if len(text) > MAX_BYTES:
        raise SourceError(file, None, f"the text is over {MAX_BYTES:,} characters; a press "
                                      "release is far smaller")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if bad := wording.CONTROL.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        raise SourceError(file, line, f"control character U+{ord(bad.group()):04X}: "
                                      "not a text file")
    lines = text.replace("\u00a0", " ").split("\n")
    header = _header(lines, file)
    found, skipped = _scan(lines, header, file)
    votes = _select(found, skipped)
    if len(votes) > MAX_VOTES:
        raise SourceError(file, votes[MAX_VOTES].line, f"more than {MAX_VOTES} recorded "
                                                       "votes: not a press release")
    results = _same_session(
        [_vote(vote, n, header, file) for n, vote in enumerate(votes, start=1)], header)
    return PressRelease(release=header.release, file=file, body=header.body,
                        committee=header.committee, date=header.date,
                        revised=header.revised, votes=results, skipped=tuple(skipped))


# --------------------------------------------------------------------------- header
def _header(lines: list[str], file: str) -> _Header:
    release: tuple[re.Match[str], int] | None = None
    date: dt.date | None = None
    revised = False
    notes: list[str] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith("*") and wording.REVISED_NOTE.search(line[:200]):
            revised = True
            notes.append(f"revised release: {wording.clip(line.lstrip('* '), 200)}")
        if not line or len(line) > 80:
            continue
        if release is None and (m := wording.RELEASE.fullmatch(line)):
            release = (m, number)
        if date is None:
            date = _dateline(line, number, file)
    if release is None:
        raise SourceError(file, None, "no release symbol (a line such as 'GA/12678' or "
                                      "'SC/16012'): not a UN meetings-coverage press release")
    if date is None:
        raise SourceError(file, None, "no dateline (a line such as '24 February 2025'): "
                                      "not a UN meetings-coverage press release")
    match, number = release
    series, sub = match.group("series"), match.group("sub") or ""
    if series == "SC" and sub:
        raise SourceError(file, number, f"unknown release series 'SC/{sub}/' (Security "
                                        "Council releases are 'SC/<number>')")
    if series == "GA" and sub not in wording.COMMITTEES:
        known = ", ".join(f"GA/{s}/" if s else "GA/" for s in wording.COMMITTEES)
        raise SourceError(file, number, f"unknown release series 'GA/{sub}/' (expected one "
                                        f"of: {known})")
    if match.group("star") or match.group("rev"):
        revised = True
        if not notes:
            notes.append(f"revised release: {match.group(0)}")
    url = next((m.group(0).rstrip(".,;") for raw in lines
                if "un.org" in raw and (m := wording.URL.search(raw))), None)
    meeting = None
    for raw in lines[:_HEADER_LINES]:
        if m := wording.MEETING.search(raw):
            # "39th & 40th Meetings": which vote was taken at which is not said
            meeting = None if m.group("and") else int(m.group("n"))
            break
    return _Header(release=match.group("id"), body=Body.GA if series == "GA" else Body.SC,
                   committee=wording.COMMITTEES[sub] if series == "GA" else None, date=date,
                   meeting=meeting, revised=revised, notes=notes, url=url)


def _dateline(line: str, number: int, file: str) -> dt.date | None:
    """The date of a dateline ("24 February 2025", "Monday, 24 February 2025",
    "24/11/2004"), None if ``line`` is not one; SourceError for an impossible date."""
    if m := wording.DATE_WORDS.fullmatch(line):
        name = m.group("month").lower()
        if name not in wording.MONTHS:
            return None
        month = wording.MONTHS.index(name) + 1
    elif m := wording.DATE_DIGITS.fullmatch(line):
        month = int(m.group("month"))
    else:
        return None
    try:
        day = dt.date(int(m.group("year")), month, int(m.group("day")))
    except ValueError:
        raise SourceError(file, number, f"bad date {line!r} in the dateline") from None
    if not _FIRST_DAY <= day < _LAST_DAY:
        raise SourceError(file, number, f"the dateline {day.isoformat()} is outside the "
                                        "life of the United Nations")
    return day


# --------------------------------------------------------------------------- body
def _paragraphs(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Runs of non-blank lines, each with the number of its first line."""
    start, block = 0, list[str]()
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _scan(lines: list[str], header: _Header, file: str) -> tuple[list[_Vote], list[str]]:
    """Every tally of the release, with the annex lists that follow it."""
    found: list[_Vote] = []
    skipped: list[str] = []
    waiting: _List | None = None  # a label alone on its line: the names follow
    for start, block in _paragraphs(lines):
        label_at = next((i for i, line in enumerate(block)
                         if wording.LABEL.fullmatch(line.strip())), len(block))
        if waiting is not None:
            held, waiting = waiting, None
            if label_at == len(block) and not wording.TALLY.search("\n".join(block)):
                held.parts = [line.strip() for line in block]
                continue
            # else the label was an empty list ("Against:" and then "Abstain: ...")
        if label_at:
            _prose(start, "\n".join(block[:label_at]), found, skipped, file)
        current: _List | None = None
        for number, raw in enumerate(block[label_at:], start=start + label_at):
            line = raw.strip()
            if m := wording.LABEL.fullmatch(line):
                if not found:
                    raise SourceError(file, number, f"a list {m.group('label')!r} with no "
                                                    "vote sentence before it")
                rest = m.group("rest").strip()
                current = _List(position=_position(m.group("label")),
                                label=wording.SPACES.sub(" ", m.group("label")).capitalize(),
                                line=number, parts=[rest] if rest else [])
                _attach(found[-1], current, file)
            elif current is not None:
                current.parts.append(line)
        if current is not None and not current.parts:
            waiting = current
        if len(found) > MAX_VOTES:
            raise SourceError(file, found[-1].line, f"more than {MAX_VOTES} vote sentences: "
                                                    "not a press release")
    for vote in found:
        vote.notes[:0] = header.notes
    return found, skipped


def _position(label: str) -> Position:
    word = label.lower()
    if word.startswith("in"):
        return Position.YES
    if word.startswith("ag"):
        return Position.NO
    if word.startswith("abst"):
        return Position.ABSTAIN
    return Position.NON_VOTING  # absent, not voting, did not vote


def _attach(vote: _Vote, new: _List, file: str) -> None:
    for old in vote.annex:
        if old.position is new.position:
            raise SourceError(file, new.line, f"a second {new.label!r} list for the vote at "
                                              f"line {vote.line} (the first is at line "
                                              f"{old.line})")
    vote.annex.append(new)


def _prose(start: int, text: str, found: list[_Vote], skipped: list[str], file: str) -> None:
    """Read the tallies, skipped adoptions and intended-vote statements of a paragraph."""
    ends = [m.end() for m in wording.SENTENCE_END.finditer(text)]
    breaks = [m.start() for m in wording.NEWLINE.finditer(text)]

    def line_at(offset: int) -> int:
        return start + bisect.bisect_left(breaks, offset)

    tallies = list(wording.TALLY.finditer(text))
    if len(found) + len(tallies) > MAX_VOTES:
        raise SourceError(file, line_at(tallies[MAX_VOTES - len(found)].start()),
                          f"more than {MAX_VOTES} vote sentences: not a press release")
    spans: set[tuple[int, int]] = set()
    for i, m in enumerate(tallies):
        s_start, s_end = _sentence(ends, m.start(), len(text))
        spans.add((s_start, s_end))
        c_start = max(s_start, tallies[i - 1].end() if i else 0, m.start() - _CONTEXT)
        c_end = min(s_end, tallies[i + 1].start() if i + 1 < len(tallies) else len(text),
                    m.end() + _CONTEXT)
        clause = text[c_start:c_end]
        vote = _Vote(line=line_at(m.start()), yes=int(m.group("yes")),
                     no=_count(m.group("no")),
                     abstain=_count(m.group("abs")) if m.group("abs") else None,
                     clause=clause,
                     sentence=wording.squash(text[max(s_start, m.start() - _CONTEXT):
                                           min(s_end, m.end() + _CONTEXT)]),
                     symbols=frozenset(x.group(0) for pattern in wording.SYMBOLS
                                       for x in pattern.finditer(clause)))
        for group, position, label in (("yes_list", Position.YES, "In favour"),
                                       ("no_list", Position.NO, "Against"),
                                       ("abs_list", Position.ABSTAIN, "Abstain")):
            bracket = m.group(group)
            if bracket and not wording.NOT_A_LIST.match(bracket):
                vote.inline.append(_List(position=position, label=label,
                                         line=line_at(m.start(group)), parts=[bracket[1:-1]]))
        found.append(vote)
    seen: set[tuple[int, int]] = set()
    for m in wording.SKIP.finditer(text):
        span = _sentence(ends, m.start(), len(text))
        if span in seen or span in spans:
            continue  # a sentence with a tally is a vote ("unanimously, by 15 in favour")
        seen.add(span)
        skipped.append(f"line {line_at(m.start())}: not a recorded vote: "
                       f"{_excerpt(text, span)}")
    seen.clear()
    for m in wording.INTENDED.finditer(text):
        span = _sentence(ends, m.start(), len(text))
        if span in seen:
            continue
        seen.add(span)
        note = f"statement after the vote (the record is unchanged): {_excerpt(text, span)}"
        if found:
            found[-1].notes.append(note)
        else:
            skipped.append(f"line {line_at(m.start())}: {note} (no vote before it)")


def _excerpt(text: str, span: tuple[int, int]) -> str:
    """A sentence of ``text`` on one line, cut short (without copying a long one)."""
    return wording.clip(text[span[0]:min(span[1], span[0] + 1200)])


def _sentence(ends: list[int], at: int, size: int) -> tuple[int, int]:
    i = bisect.bisect_right(ends, at)
    return (ends[i - 1] if i else 0), (ends[i] if i < len(ends) else size)


def _count(text: str) -> int:
    return 0 if text.lower() in ("none", "no") else int(text)


# --------------------------------------------------------------------------- selection
def _select(found: list[_Vote], skipped: list[str]) -> list[_Vote]:
    """The recorded votes: the annexed ones if the release has an annex, else every tally
    of the story, a repeated tally counted once."""
    annexed = [vote for vote in found if vote.annex]
    if annexed:
        by_key: dict[tuple[int, int, int | None], _Vote] = {}
        for vote in annexed:
            by_key.setdefault(_key(vote), vote)
            by_key.setdefault((vote.yes, vote.no, None), vote)  # a story may omit abstentions
        for vote in found:
            if vote.annex:
                continue
            same = by_key.get(_key(vote))
            if same is None:
                skipped.append(f"line {vote.line}: a tally in the story that matches no vote "
                               f"in the annex: {wording.clip(vote.sentence)}")
            else:
                _merge_notes(same, vote)
        return annexed
    votes: list[_Vote] = []
    by_tally: dict[tuple[int, int], list[_Vote]] = {}
    for vote in found:
        same = next((kept for kept in by_tally.get((vote.yes, vote.no), [])
                     if _repeats(kept, vote)), None)
        if same is None:
            votes.append(vote)
            by_tally.setdefault((vote.yes, vote.no), []).append(vote)
        else:
            _merge_notes(same, vote)
    return votes


def _merge_notes(kept: _Vote, other: _Vote) -> None:
    kept.notes.extend(note for note in other.notes if note not in kept.notes)


def _key(vote: _Vote) -> tuple[int, int, int | None]:
    return vote.yes, vote.no, vote.abstain


def _repeats(kept: _Vote, later: _Vote) -> bool:
    """Whether a later tally of the story restates a vote already read: the same counts
    (a restatement may leave out the abstentions), no other symbol, no other names."""
    if later.abstain is not None and later.abstain != kept.abstain:
        return False
    if kept.symbols and later.symbols and not kept.symbols & later.symbols:
        return False
    mine = {lst.position: wording.squash(lst.text) for lst in kept.inline}
    return all(mine.get(lst.position) == wording.squash(lst.text) for lst in later.inline)


def _same_session(votes: list[SourceVote], header: _Header) -> tuple[SourceVote, ...]:
    """A plenary meeting belongs to one session: the session named by some votes' symbols
    is given to the others (a paragraph vote names no symbol)."""
    sessions = {vote.session for vote in votes if vote.session}
    if header.body is not Body.GA or header.committee or len(sessions) != 1:
        return tuple(votes)
    session = sessions.pop()
    meeting = f"A/{session}/PV.{header.meeting}" if header.meeting is not None else None
    return tuple(vote if vote.session else replace(vote, session=session, meeting=meeting)
                 for vote in votes)


# --------------------------------------------------------------------------- one vote
_LABELS = {Position.YES: "In favour", Position.NO: "Against", Position.ABSTAIN: "Abstain"}


def _vote(found: _Vote, n: int, header: _Header, file: str) -> SourceVote:
    positions, sizes, non_voting = _positions(found, file)
    counts = {Position.YES: found.yes, Position.NO: found.no, Position.ABSTAIN: found.abstain}
    for position, (listed, lst) in sizes.items():
        expected = counts[position]
        if expected is not None and listed != expected:
            raise SourceError(file, lst.line, f"the {lst.label} list names {listed} members "
                                              f"but the tally at line {found.line} says "
                                              f"{expected}")
    missing = [p for p, count in counts.items() if count and p not in sizes]
    if found.annex and missing:
        label = _LABELS[missing[0]]
        raise SourceError(file, found.line, f"the tally says {counts[missing[0]]} "
                                            f"{label.lower()} but the annex gives no "
                                            f"{label} list")
    complete = bool(positions) and not missing and (
        found.abstain is not None or Position.ABSTAIN in sizes)
    if header.body is Body.SC:
        size = 15 if header.date >= _ENLARGED else 11
        total = found.yes + found.no + (found.abstain or 0)
        if total > size:
            raise SourceError(file, found.line, f"the tally adds up to {total}; the Council "
                                                f"had {size} members on "
                                                f"{header.date.isoformat()}")
    kind, result = wording.kind_and_result(found.clause)
    if kind is VoteKind.RESOLUTION and result == "not adopted":
        kind = VoteKind.DRAFT
    symbol, draft = wording.symbols(found.clause, header.body)
    if kind not in (VoteKind.RESOLUTION, VoteKind.DECISION) or result == "not adopted" \
            or header.committee:
        symbol = None  # a symbol named there is the text's, not what this vote adopted
    notes = list(found.notes)
    if wording.VETO.search(found.clause):
        notes.append("not adopted: negative vote of a permanent member")
    if header.committee:
        notes.append(f"{header.committee} vote (a recommendation to the plenary)")
    session = None
    if header.body is Body.GA:
        session = session_of(symbol) or session_of(wording.plain_draft(draft))
    meeting = None
    if header.meeting is not None:
        if header.body is Body.SC:
            meeting = f"S/PV.{header.meeting}"
        elif session and not header.committee:
            meeting = f"A/{session}/PV.{header.meeting}"
    title = m.group("title").strip() if (m := wording.TITLE.search(found.clause)) else None
    return SourceVote(
        source=SOURCE, source_key=f"{header.release}#{n}", file=file, line=found.line,
        body=header.body, date=header.date, symbol=symbol, kind=kind, positions=positions,
        member_key=MemberKey.NAME, session=session, meeting=meeting, draft_symbol=draft,
        title=title, committee=header.committee,
        published=Tally(yes=found.yes, no=found.no, abstain=found.abstain,
                        non_voting=non_voting),
        published_result=found.sentence, notes=tuple(notes), positions_complete=complete,
        source_url=header.url,
    )


def _positions(found: _Vote, file: str
               ) -> tuple[dict[str, Position], dict[Position, tuple[int, _List]], int | None]:
    """Members by name, the size of each yes/no/abstain list, the size of the Absent list.

    The annex lists are the record; names given in brackets in the vote sentence must
    agree with them, and stand alone where there is no annex list.
    """
    positions: dict[str, Position] = {}
    where: dict[str, _List] = {}
    sizes: dict[Position, tuple[int, _List]] = {}
    non_voting = None
    annexed = {lst.position: lst for lst in found.annex}
    for lst in found.inline:
        if lst.position in annexed:
            _check_summary(lst, annexed[lst.position], file)
    lists = found.annex + [lst for lst in found.inline if lst.position not in annexed]
    for lst in lists:
        names = _names(lst, file)
        for name in names:
            folded = name.casefold()
            if folded in where:
                other = where[folded]
                reason = (f"{name!r} is listed twice in the {lst.label} list"
                          if other is lst else
                          f"{name!r} is listed under both {other.label} (line {other.line}) "
                          f"and {lst.label}")
                raise SourceError(file, lst.line, reason)
            where[folded] = lst
            positions[name] = lst.position
        if lst.position is Position.NON_VOTING:
            non_voting = (non_voting or 0) + len(names)
        else:
            sizes[lst.position] = (len(names), lst)
    return positions, sizes, non_voting


def _check_summary(summary: _List, annex: _List, file: str) -> None:
    """Names given in brackets in the vote sentence must be in the annex list too."""
    listed = {name.casefold() for name in _names(annex, file)}
    for name in _names(summary, file):
        if name.casefold() not in listed:
            raise SourceError(file, summary.line, f"{name!r} is named {summary.label} in the "
                                                  f"vote sentence but is not in the "
                                                  f"{annex.label} list at line {annex.line}")


def _names(lst: _List, file: str) -> list[str]:
    """The names of a list, each checked to be a name."""
    names = wording.split_names(lst.text)
    for name in names:
        if problem := wording.name_problem(name, f"the {lst.label} list"):
            raise SourceError(file, lst.line, problem)
    return names
