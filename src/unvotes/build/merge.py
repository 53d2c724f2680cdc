"""From many sources' votes to one record: resolve members, group, pick, compare.

Each vote of the record is the group of source votes that are the same vote: the same
Voeten roll-call id (unvotes R package and Voeten's release), or the same body and
symbol (UN extracts and scrapes), an rcid group and a symbol group being joined when
exactly one roll call of kind "resolution" carries that symbol. Within a group the
best-ranked source gives the positions; the others are compared with it member by
member and every difference is kept as a disagreement.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from unvotes.build.corrections import MEMBER_CORRECTIONS
from unvotes.build.sources import SPEC, SourceSpec
from unvotes.errors import BuildError, UnknownCountryError
from unvotes.model import Body, Position, SourceVote, Tally, VoteKind
from unvotes.symbols import symbol_key

__all__ = ["Disagreement", "RecordVote", "ResolvedVote", "merge", "resolve"]

Membership = Callable[[dt.date], frozenset[str]]


@dataclass(slots=True)
class ResolvedVote:
    """A source vote whose members are resolved to ISO3 codes."""

    vote: SourceVote
    spec: SourceSpec
    positions: dict[str, Position]


@dataclass(slots=True)
class Disagreement:
    vote_id: str
    iso3: str | None
    field: str
    source: str
    value: str | None
    other_source: str
    other_value: str | None


@dataclass(slots=True)
class RecordVote:
    """One vote of the record with its positions and where each came from."""

    vote_id: str
    primary: ResolvedVote
    members: list[ResolvedVote]
    positions: dict[str, tuple[Position, str]]
    date: dt.date | None
    notes: list[str] = field(default_factory=list)

    def first(self, attribute: str) -> Any:
        """The attribute from the source that ranks first for facts about the vote (the
        UN's own records before research releases), else the next that has it."""
        for member in sorted([self.primary, *self.members],
                             key=lambda m: (m.spec.metadata_rank, m.spec.rank)):
            value = getattr(member.vote, attribute)
            if value not in (None, (), ""):
                return value
        return None


def resolve(votes: Iterable[tuple[SourceSpec, SourceVote]],
            resolver: Callable[[str, SourceVote], str]) -> list[ResolvedVote]:
    """Resolve every member key of every vote; raise BuildError listing all failures.

    ``resolver(key, vote)`` returns an ISO3 code or raises UnknownCountryError.
    """
    corrections = {(c.source, c.symbol_key, c.member_key): c.iso3 for c in MEMBER_CORRECTIONS}
    failures: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str, str], str] = {}
    out = []
    for spec, vote in votes:
        resolved: dict[str, Position] = {}
        vkey = symbol_key(vote.symbol) if vote.symbol else ""
        for key, position in vote.positions.items():
            fixed = corrections.get((vote.source, vkey, key))
            try:
                iso3 = fixed or resolver(key, vote)
            except UnknownCountryError as exc:
                problem = (vote.source, key, str(exc))
                failures[problem] += 1
                examples.setdefault(problem, f"{vote.file}:{vote.line}")
                continue
            if iso3 in resolved and resolved[iso3] != position:
                raise BuildError(f"{vote.file}:{vote.line}: two members of "
                                 f"{vote.symbol or vote.source_key} resolve to {iso3} "
                                 f"with different positions")
            resolved[iso3] = position
        out.append(ResolvedVote(vote, spec, resolved))
    if failures:
        lines = [f"{examples[p]}: {p[2]} ({p[0]}, {n} positions)"
                 for p, n in sorted(failures.items())]
        shown = "\n  ".join(lines[:20])
        more = f"\n  ... and {len(lines) - 20} more" if len(lines) > 20 else ""
        raise BuildError(f"{len(lines)} member names could not be resolved:\n  {shown}{more}")
    return out


def _group_key(vote: SourceVote) -> tuple[str, str] | None:
    if vote.kind is VoteKind.DRAFT and vote.draft_symbol:
        return (vote.body.value + ":draft", symbol_key(vote.draft_symbol))
    if vote.symbol:
        return (vote.body.value, symbol_key(vote.symbol))
    if vote.draft_symbol:  # a record filed under its draft (adopted or not)
        return (vote.body.value + ":draft", symbol_key(vote.draft_symbol))
    return None


# Joining a roll call to a symbol group needs this share of identical positions among the
# members both record as Y, N or A: the UN Digital Library records later changes of vote
# that Voeten's data do not, so a few differences are normal; a share below this means two
# different votes (a paragraph vote and the resolution, or a wrong code).
JOIN_AGREEMENT = 0.9
# How far apart the dates of the same vote may be in two sources: Voeten's dates are often
# weeks off the UN record (up to 40 days in the sessions of the 1980s).
JOIN_WINDOW = dt.timedelta(days=60)


def _agreement(a: dict[str, Position], b: dict[str, Position]) -> tuple[float, int]:
    """Share of identical positions among members with Y, N or A in both, and their number."""
    common = [k for k in a.keys() & b.keys()
              if a[k] is not Position.NON_VOTING and b[k] is not Position.NON_VOTING]
    if not common:
        return 0.0, 0
    return sum(a[k] is b[k] for k in common) / len(common), len(common)


def _best(items: list[ResolvedVote]) -> ResolvedVote:
    return min(items, key=lambda i: (i.spec.rank, i.vote.source_key))


def _counts(positions: dict[str, Position]) -> tuple[int, int, int]:
    values = Counter(positions.values())
    return values[Position.YES], values[Position.NO], values[Position.ABSTAIN]


def _link_by_content(rcid_groups: list[list[ResolvedVote]],
                     symbol_groups: list[list[ResolvedVote]]) -> dict[int, int]:
    """Pairs (symbol group index -> rcid group index) of the same GA vote, found by date
    and positions, for votes the symbols could not join. Greedy on the best agreement."""
    by_counts: dict[tuple[int, int, int], list[int]] = {}
    for index, items in enumerate(rcid_groups):
        by_counts.setdefault(_counts(_best(items).positions), []).append(index)
    pairs = []
    for s_index, items in enumerate(symbol_groups):
        best = _best(items)
        if best.vote.body is not Body.GA or best.vote.date is None or not best.positions:
            continue
        y, n, a = _counts(best.positions)
        seen: set[int] = set()
        for dy in range(-3, 4):
            for dn in range(-3, 4):
                for da in range(-3, 4):
                    seen.update(by_counts.get((y + dy, n + dn, a + da), ()))
        for r_index in seen:
            other = _best(rcid_groups[r_index])
            if other.vote.date is None or abs(other.vote.date - best.vote.date) > JOIN_WINDOW:
                continue
            share, common = _agreement(best.positions, other.positions)
            if share >= JOIN_AGREEMENT and common >= 10:
                days = abs((other.vote.date - best.vote.date).days)
                pairs.append((-share, days, s_index, r_index))
    pairs.sort()
    taken_s: set[int] = set()
    taken_r: set[int] = set()
    links = {}
    for _, _, s_index, r_index in pairs:
        if s_index in taken_s or r_index in taken_r:
            continue
        links[s_index] = r_index
        taken_s.add(s_index)
        taken_r.add(r_index)
    return links


def _group(resolved: list[ResolvedVote]) -> list[list[ResolvedVote]]:
    by_rcid: dict[int, list[ResolvedVote]] = {}
    by_symbol: dict[tuple[str, str], list[ResolvedVote]] = {}
    loose: list[list[ResolvedVote]] = []
    for item in resolved:
        vote = item.vote
        if vote.rcid is not None:
            by_rcid.setdefault(vote.rcid, []).append(item)
            continue
        key = _group_key(vote)
        if key is None:
            loose.append([item])
            continue
        group = by_symbol.setdefault(key, [])
        if any(other.vote.source == vote.source for other in group):
            loose.append([item])  # a source repeating a symbol: kept apart, reported
        else:
            group.append(item)
    # join a roll call to the symbol group of the resolution it adopted, when exactly one
    # roll call of kind "resolution" carries that symbol and the positions agree
    resolution_symbols: Counter[tuple[str, str]] = Counter()
    for items in by_rcid.values():
        best = _best(items)
        if best.vote.kind is VoteKind.RESOLUTION and (key := _group_key(best.vote)):
            resolution_symbols[key] += 1
    joined: set[tuple[str, str]] = set()
    rcid_groups: list[list[ResolvedVote]] = []
    unjoined: list[int] = []
    for items in by_rcid.values():
        best = _best(items)
        key = _group_key(best.vote) if best.vote.kind is VoteKind.RESOLUTION else None
        if key and resolution_symbols[key] == 1 and key in by_symbol:
            share, _ = _agreement(best.positions, _best(by_symbol[key]).positions)
            if share >= JOIN_AGREEMENT:
                items = items + by_symbol[key]
                joined.add(key)
        if not any(i.vote.rcid is None for i in items):
            unjoined.append(len(rcid_groups))
        rcid_groups.append(items)
    rest = [items for key, items in by_symbol.items() if key not in joined]
    links = _link_by_content([rcid_groups[i] for i in unjoined], rest)
    for s_index, r_index in links.items():
        rcid_groups[unjoined[r_index]] = rcid_groups[unjoined[r_index]] + rest[s_index]
    groups = rcid_groups + [items for i, items in enumerate(rest) if i not in links]
    groups.extend(loose)
    return _join_unsymbolled(groups)


def _join_unsymbolled(groups: list[list[ResolvedVote]]) -> list[list[ResolvedVote]]:
    """Join a vote that no source gives a resolution symbol (a scrape record filed under
    its draft symbol) to the vote of the same body and day with the same counts and
    positions from other sources: the same vote, twice in the record otherwise."""
    def has_symbol(items: list[ResolvedVote]) -> bool:
        return any(i.vote.symbol or i.vote.rcid is not None for i in items)

    index: dict[tuple[str, dt.date, tuple[int, int, int]], list[int]] = {}
    for n, items in enumerate(groups):
        best = _best(items)
        if has_symbol(items) and best.vote.date is not None and best.positions:
            index.setdefault((best.vote.body.value, best.vote.date,
                              _counts(best.positions)), []).append(n)
    absorbed: set[int] = set()
    for n, items in enumerate(groups):
        best = _best(items)
        if has_symbol(items) or best.vote.date is None or not best.positions:
            continue
        sources = {i.vote.source for i in items}
        for m in index.get((best.vote.body.value, best.vote.date, _counts(best.positions)), []):
            target = groups[m]
            if sources & {i.vote.source for i in target}:
                continue  # a source never holds the same vote twice on purpose
            share, _ = _agreement(best.positions, _best(target).positions)
            if share >= 0.97:
                groups[m] = target + items
                absorbed.add(n)
                break
    return [items for n, items in enumerate(groups) if n not in absorbed]


def _pick_primary(items: list[ResolvedVote]) -> ResolvedVote:
    ranked = sorted(items, key=lambda i: i.spec.rank)
    best = ranked[0]
    if best.positions or any("without a vote" in n for n in best.vote.notes):
        return best
    return next((i for i in ranked if i.positions), best)


def _vote_id(items: list[ResolvedVote], primary: ResolvedVote) -> str:
    rcids = sorted({i.vote.rcid for i in items if i.vote.rcid is not None})
    if rcids:
        return f"rc{rcids[0]}"
    key = _group_key(primary.vote)
    if key:
        return key[1]
    return f"{primary.vote.source}:{primary.vote.source_key}"


def _label(position: Position | None) -> str | None:
    return None if position is None else position.value


def _compare(vote_id: str, record: dict[str, tuple[Position, str]], primary: ResolvedVote,
             other: ResolvedVote) -> list[Disagreement]:
    out = []
    members = set(record) | set(other.positions)
    if not (primary.vote.positions_complete and other.vote.positions_complete):
        members = set(record) & set(other.positions)  # the rest is unknown on one side
    if not record or not other.positions:
        members = set()  # one side has no positions at all: nothing to compare
    for iso3 in sorted(members):
        mine = record.get(iso3, (None, primary.spec.source))[0]
        theirs = other.positions.get(iso3)
        if mine == theirs:
            continue
        # an X on one side and no row on the other is not a disagreement: one source
        # records an absence the other does not carry
        if Position.NON_VOTING in (mine, theirs) and None in (mine, theirs):
            continue
        out.append(Disagreement(vote_id, iso3, "position", primary.spec.source, _label(mine),
                                other.spec.source, _label(theirs)))
    a, b = primary.vote.published, other.vote.published
    if a is not None and b is not None:
        for name in ("yes", "no", "abstain", "non_voting"):
            va, vb = getattr(a, name), getattr(b, name)
            if va is not None and vb is not None and va != vb:
                out.append(Disagreement(vote_id, None, f"published_{name}", primary.spec.source,
                                        str(va), other.spec.source, str(vb)))
    da, db = primary.vote.date, other.vote.date
    if da is not None and db is not None and da != db:
        out.append(Disagreement(vote_id, None, "date", primary.spec.source, da.isoformat(),
                                other.spec.source, db.isoformat()))
    return out


def merge(resolved: list[ResolvedVote], *, ga_members: Membership
          ) -> tuple[list[RecordVote], list[Disagreement]]:
    """Group source votes into record votes, choose positions, list disagreements.

    ``ga_members(date)`` gives the UN members on a date: GA votes from sources whose
    lists are complete get ``X`` for members of the day without a position.
    """
    records: list[RecordVote] = []
    disagreements: list[Disagreement] = []
    seen_ids: Counter[str] = Counter()
    for items in _group(resolved):
        items.sort(key=lambda i: (i.spec.rank, i.vote.source_key))
        primary = _pick_primary(items)
        others = [i for i in items if i is not primary]
        base_id = _vote_id(items, primary)
        seen_ids[base_id] += 1
        vote_id = base_id if seen_ids[base_id] == 1 else f"{base_id}#{seen_ids[base_id]}"
        dated = sorted((i for i in items if i.vote.date is not None),
                       key=lambda i: (i.spec.metadata_rank, i.spec.rank))
        date = dated[0].vote.date if dated else None
        positions = {iso3: (pos, primary.spec.source) for iso3, pos in primary.positions.items()}
        notes = list(primary.vote.notes)
        if primary.vote.body is Body.GA and date is not None and primary.positions:
            if primary.spec.lists_complete:
                unlisted = sorted(ga_members(date) - positions.keys())
                for iso3 in unlisted:
                    positions[iso3] = (Position.NON_VOTING, primary.spec.source)
                if 0 < len(unlisted) <= 5:
                    notes.append(f"non-voting: {', '.join(unlisted)} (UN members that day "
                                 f"whom {primary.spec.source} does not list)")
            elif not primary.spec.records_absence:
                # absences the primary source dropped, from a source that records them;
                # only for members of the day (an X is never a non-member)
                members = ga_members(date)
                for other in others:
                    if not other.spec.records_absence:
                        continue
                    for iso3, pos in other.positions.items():
                        if pos is Position.NON_VOTING and iso3 not in positions \
                                and iso3 in members:
                            positions[iso3] = (pos, other.spec.source)
        record = RecordVote(vote_id, primary, others, positions, date, notes)
        records.append(record)
        for other in others:
            disagreements.extend(_compare(vote_id, positions, primary, other))
    return records, disagreements


def counted(record: RecordVote) -> Tally:
    """The tally counted from a record vote's positions."""
    values = Counter(pos for pos, _ in record.positions.values())
    return Tally(values[Position.YES], values[Position.NO], values[Position.ABSTAIN],
                 values[Position.NON_VOTING])


def spec_of(source: str) -> SourceSpec:
    """The SourceSpec of a source id."""
    return SPEC[source]
