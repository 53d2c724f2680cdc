"""Reader for votes entered by hand: the YAML format ``unvotes-votes/1``.

The format is documented in ``docs/votes-format.md``. A file holds ``format:
unvotes-votes/1`` and a list ``votes``; each entry is one recorded vote with the public
record it was established from (``source``, ``url``). The package ships one such file,
``unvotes/data/manual_votes.yaml`` (Security Council drafts and amendments that failed
and that no machine-readable source has); :func:`bundled_votes_path` gives its path.

The reader works on the YAML node tree (``yaml.compose`` with the safe loader), never on
constructed Python objects, so every error names the line of the offending key or
value, duplicate keys are caught (plain ``yaml.safe_load`` keeps the last one silently)
and a date or number is read exactly as written. Members are kept as written (names or
ISO3 codes, one style per entry); resolving them is the build's job.

Example::

    from unvotes.readers.manual import bundled_votes_path, read_manual_votes
    votes = list(read_manual_votes(bundled_votes_path()))
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, SourceVote, Tally, VoteKind
from unvotes.symbols import normalise_symbol

__all__ = ["FORMAT", "SOURCE", "bundled_votes_path", "read_manual_votes"]

SOURCE = "manual"
FORMAT = "unvotes-votes/1"

_TOP_KEYS = ("format", "votes")
_REQUIRED = ("body", "kind", "date", "result", "source", "url")
_OPTIONAL = ("symbol", "draft_symbol", "amends", "meeting", "session", "title",
             "agenda_item", "sponsors", "tally", "positions", "positions_complete", "notes")
_ENTRY_KEYS = _REQUIRED + _OPTIONAL
# the order of the four lists and of the tally fields, as in the published records
_LISTS = {"yes": Position.YES, "no": Position.NO, "abstain": Position.ABSTAIN,
          "non_voting": Position.NON_VOTING}
_KINDS = ", ".join(kind.value for kind in VoteKind)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNT = re.compile(r"^\d+$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_URL = re.compile(r"^https?://\S+$")
# the Council grew from 11 to 15 members on 1 January 1966 (GA resolution 1991 A (XVIII))
_ENLARGED = dt.date(1966, 1, 1)
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                  ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))


def bundled_votes_path() -> Path:
    """The path of the votes file shipped with the package (``unvotes/data/manual_votes.yaml``).

    Example: ``bundled_votes_path().name == "manual_votes.yaml"``.
    """
    return Path(str(resources.files("unvotes") / "data" / "manual_votes.yaml"))


def read_manual_votes(path: Path) -> Iterator[SourceVote]:
    """Yield one SourceVote (source ``"manual"``) per entry of the votes file at ``path``.

    ``line`` is the line where the entry starts; ``source_key`` is the draft symbol, else
    the resolution symbol, else ``"<date>: <title>"``; ``notes`` start with the source
    document. Raises SourceError (file, line, reason) on malformed YAML, an unknown or
    missing key, a bad value, a member listed twice, lists that contradict the tally or
    a Council list of the wrong size, and on two entries with the same key.
    Example: ``next(read_manual_votes(bundled_votes_path())).source == "manual"``.
    """
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SourceError(file, None, "not UTF-8 text") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        reason = err.problem or err.context or "unreadable"
        raise SourceError(file, mark.line + 1 if mark else None,
                          f"malformed YAML: {reason}") from None
    except yaml.YAMLError as err:
        raise SourceError(file, None, f"malformed YAML: {err}") from None
    if root is None:
        raise SourceError(file, None, "empty file (expected the keys format and votes)")
    _check_tags(root, file)
    top = _mapping(root, file, "the file must be a mapping with the keys format and votes")
    _check_keys(top, _TOP_KEYS, file)
    if "format" not in top:
        raise SourceError(file, _line(root), "missing key 'format'")
    fmt = _string(top["format"], "format", file)
    if fmt != FORMAT:
        raise SourceError(file, _line(top["format"][1]),
                          f"unknown format {fmt!r} (expected {FORMAT!r})")
    if "votes" not in top:
        raise SourceError(file, _line(root), "missing key 'votes'")
    votes = top["votes"][1]
    if not isinstance(votes, SequenceNode):
        raise SourceError(file, _line(votes), "votes must be a list of entries")
    seen: dict[str, int] = {}
    for node in votes.value:
        vote = _entry(node, file)
        if vote.source_key in seen:
            raise SourceError(file, vote.line, f"duplicate entry {vote.source_key!r} "
                                               f"(first at line {seen[vote.source_key]})")
        seen[vote.source_key] = vote.line
        yield vote


# --------------------------------------------------------------------------- entries
def _entry(node: Node, file: str) -> SourceVote:
    line = _line(node)
    fields = _mapping(node, file, "an entry must be a mapping of keys to values")
    _check_keys(fields, _ENTRY_KEYS, file)
    for key in _REQUIRED:
        if key not in fields:
            raise SourceError(file, line, f"missing required key {key!r}")
    if "symbol" not in fields and "draft_symbol" not in fields:
        raise SourceError(file, line, "missing symbol or draft_symbol (write draft_symbol: "
                                      "null when the vote has no known document symbol)")

    body_text = _string(fields["body"], "body", file)
    try:
        body = Body(body_text)
    except ValueError:
        raise SourceError(file, _line(fields["body"][1]),
                          f"unknown body {body_text!r} (expected GA or SC)") from None
    kind_text = _string(fields["kind"], "kind", file)
    try:
        kind = VoteKind(kind_text)
    except ValueError:
        raise SourceError(file, _line(fields["kind"][1]),
                          f"unknown kind {kind_text!r} (expected one of: {_KINDS})") from None
    date = _date(fields["date"], file)
    symbol = _optional_string(fields, "symbol", file)
    draft_symbol = _optional_string(fields, "draft_symbol", file)
    title = _optional_string(fields, "title", file)
    if symbol and kind is VoteKind.DRAFT:
        raise SourceError(file, _line(fields["symbol"][1]),
                          "a draft resolution that was not adopted has no resolution "
                          "symbol; use draft_symbol")
    session = _optional_string(fields, "session", file)
    if session is not None and body is Body.SC:
        raise SourceError(file, _line(fields["session"][1]),
                          "session applies to General Assembly votes only")
    url = _string(fields["url"], "url", file)
    if not _URL.match(url):
        raise SourceError(file, _line(fields["url"][1]),
                          f"url must be an http(s) address, not {url!r}")
    source = _string(fields["source"], "source", file)

    if draft_symbol:
        key = draft_symbol.strip()
    elif symbol:
        key = normalise_symbol(symbol)
    elif title:
        key = f"{date.isoformat()}: {title}"
    else:
        raise SourceError(file, line, "an entry without symbol or draft_symbol needs a title")

    tally = _tally(fields, file) if "tally" in fields else None
    complete = _bool(fields["positions_complete"], "positions_complete", file) \
        if "positions_complete" in fields else False
    positions, member_key = (_positions(fields["positions"], file)
                             if "positions" in fields else ({}, MemberKey.NAME))
    _check_counts(positions, tally, complete, body=body, date=date, file=file, line=line)

    notes = [f"source: {source}"]
    amends = _optional_string(fields, "amends", file)
    if amends:
        notes.append(f"amends {amends}")
    notes += _strings(fields["notes"], "notes", file) if "notes" in fields else []
    return SourceVote(
        source=SOURCE, source_key=key, file=file, line=line, body=body, date=date,
        symbol=normalise_symbol(symbol) if symbol else None, kind=kind,
        positions=positions, member_key=member_key, session=session,
        meeting=_optional_string(fields, "meeting", file),
        draft_symbol=draft_symbol.strip() if draft_symbol else None, title=title,
        agenda_item=_optional_string(fields, "agenda_item", file),
        sponsors=tuple(_strings(fields["sponsors"], "sponsors", file))
        if "sponsors" in fields else (),
        published=tally, published_result=_string(fields["result"], "result", file),
        notes=tuple(notes), positions_complete=complete, source_url=url,
    )


def _tally(fields: dict[str, tuple[Node, Node]], file: str) -> Tally:
    node = fields["tally"][1]
    counts = _mapping(node, file, "tally must be a mapping of yes, no, abstain, non_voting")
    values: dict[str, int] = {}
    for name, (key_node, value) in counts.items():
        if name not in _LISTS:
            raise SourceError(file, _line(key_node), f"unknown tally key {name!r} "
                                                     "(expected yes, no, abstain, non_voting)")
        if not (isinstance(value, ScalarNode) and value.tag == "tag:yaml.org,2002:int"
                and _COUNT.match(value.value)):
            raise SourceError(file, _line(value), f"tally {name} must be a non-negative "
                                                  f"integer, not {_text(value)!r}")
        values[name] = int(value.value)
    return Tally(yes=values.get("yes"), no=values.get("no"), abstain=values.get("abstain"),
                 non_voting=values.get("non_voting"))


def _positions(pair: tuple[Node, Node], file: str) -> tuple[dict[str, Position], MemberKey]:
    lists = _mapping(pair[1], file, "positions must be a mapping of yes, no, abstain, non_voting")
    positions: dict[str, Position] = {}
    where: dict[str, str] = {}  # casefolded member -> the list it is in
    for name, (key_node, value) in lists.items():
        if name not in _LISTS:
            raise SourceError(file, _line(key_node), f"unknown position {name!r} "
                                                     "(expected yes, no, abstain, non_voting)")
        if not isinstance(value, SequenceNode):
            raise SourceError(file, _line(value), f"positions {name} must be a list of members")
        for item in value.value:
            member = _string((key_node, item), f"a member in positions {name}", file).strip()
            folded = member.casefold()
            if folded in where:
                other = where[folded]
                reason = (f"{member!r} is listed twice under {name}" if other == name
                          else f"{member!r} is listed under both {other} and {name}")
                raise SourceError(file, _line(item), reason)
            where[folded] = name
            positions[member] = _LISTS[name]
    codes = [bool(_ISO3.match(member)) for member in positions]
    if any(codes) and not all(codes):
        raise SourceError(file, _line(pair[0]), "positions mix ISO3 codes and names "
                                             "(use one style per entry)")
    return positions, (MemberKey.ISO3 if codes and all(codes) else MemberKey.NAME)


def _check_counts(positions: dict[str, Position], tally: Tally | None, complete: bool, *,
                  body: Body, date: dt.date, file: str, line: int) -> None:
    counted = {name: list(positions.values()).count(pos) for name, pos in _LISTS.items()}
    published = tally.as_dict() if tally else {}
    for name, listed in counted.items():
        expected = published.get(name)
        if expected is None:
            continue
        if complete and listed != expected:
            raise SourceError(file, line, f"positions_complete is true but {name} lists "
                                          f"{listed} members and the tally says {expected}")
        if listed > expected:
            raise SourceError(file, line, f"{name} lists {listed} members but the tally "
                                          f"says {expected}")
    if body is Body.SC:
        size = 15 if date >= _ENLARGED else 11
        total = sum(v for v in published.values() if v is not None)
        if total > size:
            raise SourceError(file, line, f"the tally adds up to {total}; the Council had "
                                          f"{size} members on {date.isoformat()}")
        if complete and len(positions) != size:
            raise SourceError(file, line, f"positions_complete is true but the lists name "
                                          f"{len(positions)} members; the Council had {size} "
                                          f"on {date.isoformat()}")
    elif complete and not positions:
        raise SourceError(file, line, "positions_complete is true but no positions are listed")


# --------------------------------------------------------------------------- nodes
def _check_tags(root: Node, file: str) -> None:
    """Refuse any tag beyond plain YAML data (``!!python/object`` and the like), and
    aliases: a node reached twice is an alias (``*name``), which can also make the tree a
    cycle (``&a [*a]``) or a "billion laughs" bomb (found by bench/fuzz_votes_yaml.py)."""
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise SourceError(file, _line(node), "YAML aliases (*name) are not allowed")
        seen.add(id(node))
        if node.tag not in _TAGS:
            raise SourceError(file, _line(node), f"unsupported YAML tag {node.tag!r}")
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key_node, value in node.value:
                stack.extend((key_node, value))


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _text(node: Node) -> str:
    return str(node.value) if isinstance(node, ScalarNode) else type(node).__name__


def _mapping(node: Node, file: str, reason: str) -> dict[str, tuple[Node, Node]]:
    """The keys of a mapping node, each with its key node and value node."""
    if not isinstance(node, MappingNode):
        raise SourceError(file, _line(node), reason)
    out: dict[str, tuple[Node, Node]] = {}
    for key_node, value in node.value:
        # a key is taken as written: YAML 1.1 would read the keys yes and no as booleans
        if not isinstance(key_node, ScalarNode):
            raise SourceError(file, _line(key_node), "a key must be a word, not a "
                                                     f"{_text(key_node)}")
        key = str(key_node.value)
        if key in out:
            raise SourceError(file, _line(key_node), f"duplicate key {key!r}")
        out[key] = (key_node, value)
    return out


def _check_keys(fields: dict[str, tuple[Node, Node]], allowed: tuple[str, ...],
                file: str) -> None:
    for key, (key_node, _) in fields.items():
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise SourceError(file, _line(key_node), f"unknown key {key!r}{hint}")


def _string(pair: tuple[Node, Node], what: str, file: str) -> str:
    node = pair[1]
    if not (isinstance(node, ScalarNode) and node.tag == _STR) or not node.value.strip():
        raise SourceError(file, _line(node), f"{what} must be a non-empty string, "
                                             f"not {_text(node)!r}")
    return str(node.value)


def _optional_string(fields: dict[str, tuple[Node, Node]], key: str, file: str) -> str | None:
    if key not in fields:
        return None
    node = fields[key][1]
    if isinstance(node, ScalarNode) and node.tag == _NULL:
        return None
    return _string(fields[key], key, file)


def _strings(pair: tuple[Node, Node], what: str, file: str) -> list[str]:
    node = pair[1]
    if not isinstance(node, SequenceNode):
        raise SourceError(file, _line(node), f"{what} must be a list of strings")
    return [_string((pair[0], item), f"an item of {what}", file) for item in node.value]


def _bool(pair: tuple[Node, Node], what: str, file: str) -> bool:
    node = pair[1]
    if not (isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool"):
        raise SourceError(file, _line(node), f"{what} must be true or false, "
                                             f"not {_text(node)!r}")
    return node.value.lower() in ("true", "yes", "on")


def _date(pair: tuple[Node, Node], file: str) -> dt.date:
    node = pair[1]
    text = node.value if isinstance(node, ScalarNode) else _text(node)
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SourceError(file, _line(node), f"bad date {text!r} (expected YYYY-MM-DD)") \
            from None
