"""The country table: loading the package CSVs and resolving names and codes to states.

Every state that has been a UN member is one :class:`Country`, keyed by its ISO 3166-1
alpha-3 code (ISO 3166-3 for dissolved states: SUN, YUG, SCG, CSK, DDR, YMD; ``ZZB`` for
Zanzibar). The hand-written CSVs under ``data/`` hold what the maintained libraries lack
(membership periods, UN names over time, source spellings, COW numbers, groups with dates);
ISO 2-letter codes, M49 numbers, official names and extra aliases come from ``pycountry``
and ``country_converter`` at load time (hand data wins on any conflict).

Resolution is exact: a text is normalised (:func:`normalise`) and looked up; there is no
fuzzy matching, except to suggest close names in :class:`~unvotes.errors.UnknownCountryError`.
A name or code may mean two states at different dates ("Russia" is the USSR before
24 December 1991 in the unvotes R package; COW 365 likewise); the ``on`` date picks the one
whose dates cover it. A name that could mean two states on the same day is refused when
the table loads (:class:`~unvotes.errors.SourceError` naming the CSV line); the kind of a
record (a state's own name before an alias, an alias before a source's quirk) only decides
when no record's dates cover the day, or no day is given.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from unvotes.errors import SourceError, UnknownCountryError
from unvotes.model import MemberKey

__all__ = [
    "NAME_KINDS",
    "REGIONAL_GROUPS",
    "Country",
    "CountryTable",
    "Group",
    "GroupMembership",
    "NameRecord",
    "normalise",
]

NAME_KINDS = ("official", "short", "former", "alias", "source")
# Why the order matters: when a name or code could mean two states and the date does not
# settle it, the record of the better kind wins (a state's own name beats another state's
# alias, an alias beats a source's quirk).
_RANK = {"official": 0, "short": 0, "former": 1, "alias": 2, "source": 3}
_CODE_PRIMARY, _CODE_EXTRA = 0, 1


class Group(StrEnum):
    """The groups of states the table knows (political groups, then UN regional groups)."""

    P5 = "P5"
    EU = "EU"
    NATO = "NATO"
    G77 = "G77"
    NAM = "NAM"
    OIC = "OIC"
    AU = "AU"
    ARAB_LEAGUE = "ARAB_LEAGUE"
    ASEAN = "ASEAN"
    BRICS = "BRICS"
    SCO = "SCO"
    AFRICAN = "AFRICAN"
    ASIA_PACIFIC = "ASIA_PACIFIC"
    EEG = "EEG"
    GRULAC = "GRULAC"
    WEOG = "WEOG"


REGIONAL_GROUPS = frozenset({Group.AFRICAN, Group.ASIA_PACIFIC, Group.EEG, Group.GRULAC,
                             Group.WEOG})


@dataclass(frozen=True, slots=True)
class NameRecord:
    """One name of a state: ``kind`` is one of :data:`NAME_KINDS`; dates end-exclusive."""

    name: str
    kind: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class GroupMembership:
    """A state's membership of a group between ``start`` and ``end`` (exclusive; None = open)."""

    group: str
    iso3: str
    start: dt.date | None
    end: dt.date | None
    source: str
    precision: str = "day"
    note: str = ""

    def covers(self, on: dt.date) -> bool:
        """True if the membership includes the day ``on``."""
        return _covers(self.start, self.end, on)


@dataclass(frozen=True, slots=True)
class Country:
    """A state that has been a UN member (or a non-member observer State, ``member=False``).

    ``admitted`` is the start of its first membership period, ``left`` the end of its last
    (None while it is a member); ``memberships`` lists every period, end exclusive.
    """

    iso3: str
    name: str
    official_name: str
    iso2: str | None
    m49: int | None
    cow: int | None
    admitted: dt.date | None
    left: dt.date | None
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    regional_group: str | None
    member: bool
    note: str
    memberships: tuple[tuple[dt.date, dt.date | None], ...]


@dataclass(frozen=True, slots=True)
class _Entry:
    iso3: str
    rank: int
    start: dt.date | None
    end: dt.date | None
    file: str  # where the entry came from, for load-time error messages
    line: int | None = None


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'",
                         "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2010": "-",
                         "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         # Turkish dotless i; Ý/ý are İ/ı read as Windows-1252 (TÜRKÝYE)
                         "\u0131": "i", "\u00dd": "I", "\u00fd": "i"})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The lookup key of a name: upper case, accents stripped, quotes straightened, spaces folded.

    Example: ``normalise(" Türkİye ") == "TURKIYE"``.
    """
    text = unicodedata.normalize("NFKD", str(text).translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip().upper()


def _covers(start: dt.date | None, end: dt.date | None, on: dt.date) -> bool:
    return (start is None or start <= on) and (end is None or on < end)


def _contains(a: _Entry, b: _Entry) -> bool:
    return ((a.start is None or (b.start is not None and a.start <= b.start))
            and (a.end is None or (b.end is not None and b.end <= a.end)))


def _overlap(a: _Entry, b: _Entry) -> bool:
    return ((a.start is None or b.end is None or a.start < b.end)
            and (b.start is None or a.end is None or b.start < a.end))


class _Rows:
    """The rows of one data CSV as dicts, with their line numbers; ``#`` lines are comments."""

    def __init__(self, directory: Traversable, name: str) -> None:
        self.file = f"countries/data/{name}"
        lines = directory.joinpath(name).read_text(encoding="utf-8").splitlines()
        numbered = [(n, line) for n, line in enumerate(lines, 1)
                    if line.strip() and not line.startswith("#")]
        if not numbered:
            raise SourceError(self.file, None, "no header row")
        self.header = next(csv.reader([numbered[0][1]]))
        self.rows: list[tuple[int, dict[str, str]]] = []
        for n, line in numbered[1:]:
            values = next(csv.reader([line]))
            if len(values) != len(self.header):
                raise SourceError(self.file, n, f"expected {len(self.header)} fields, "
                                  f"found {len(values)}")
            self.rows.append((n, dict(zip(self.header, (v.strip() for v in values)))))

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        return iter(self.rows)

    def error(self, line: int, reason: str) -> SourceError:
        return SourceError(self.file, line, reason)

    def date(self, line: int, text: str, column: str) -> dt.date | None:
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise self.error(line, f"{column} {text!r} is not a date (YYYY-MM-DD)") from None


class CountryTable:
    """Every UN member state past and present, with names, codes, memberships and groups.

    Build one with :func:`load_countries` (cached) or :meth:`from_directory`.
    Example: ``load_countries().resolve("USSR") == "SUN"``.
    """

    def __init__(self, directory: Traversable, *, libraries: bool = True) -> None:
        self._countries: dict[str, Country] = {}
        self._names: dict[str, list[NameRecord]] = {}
        self._index: dict[MemberKey, dict[str, list[_Entry]]] = {k: {} for k in MemberKey}
        self._groups: dict[str, list[GroupMembership]] = {}
        self._members_cache: dict[dt.date, frozenset[str]] = {}
        self._load(directory, libraries=libraries)

    @classmethod
    def from_directory(cls, directory: Path | Traversable, *,
                       libraries: bool = True) -> CountryTable:
        """A table read from the CSVs in ``directory`` (tests use a corrupted copy).

        Raises SourceError naming the file and line of the first malformed row.
        Example: ``CountryTable.from_directory(tmp_path).get("FRA").name == "France"``.
        """
        return cls(directory, libraries=libraries)

    # -- loading ----------------------------------------------------------------------
    def _load(self, directory: Traversable, *, libraries: bool) -> None:
        base = _Rows(directory, "countries.csv")
        periods = self._read_memberships(_Rows(directory, "memberships.csv"), base)
        succession = _Rows(directory, "succession.csv")
        pred: dict[str, list[str]] = {}
        succ: dict[str, list[str]] = {}
        for line, row in succession:
            a, b = row["predecessor"], row["successor"]
            for code in (a, b):
                if code not in periods:
                    raise succession.error(line, f"unknown iso3 {code!r}")
            if row["kind"] not in ("continuation", "merger", "dissolution", "separation"):
                raise succession.error(line, f"unknown kind {row['kind']!r}")
            succession.date(line, row["date"], "date")
            succ.setdefault(a, []).append(b)
            pred.setdefault(b, []).append(a)
        regional = self._read_groups(_Rows(directory, "regional_groups.csv"), periods,
                                     regional=True)
        self._read_groups(_Rows(directory, "groups.csv"), periods, regional=False)
        lib = _Libraries() if libraries else None
        for line, row in base:
            iso3 = row["iso3"]
            spans = periods[iso3]
            official = row["official_name"] or (lib.official_name(iso3) if lib else "")
            last_end = spans[-1][1] if spans else None
            current = [g.group for g in regional.get(iso3, []) if g.end == last_end]
            self._countries[iso3] = Country(
                iso3=iso3, name=row["name"], official_name=official or row["name"],
                iso2=row["iso2"] or (lib.iso2(iso3) if lib else None),
                m49=int(row["m49"]) if row["m49"] else (lib.m49(iso3) if lib else None),
                cow=int(row["cow"]) if row["cow"] else None,
                admitted=spans[0][0] if spans else None,
                left=spans[-1][1] if spans else None,
                predecessors=tuple(pred.get(iso3, ())), successors=tuple(succ.get(iso3, ())),
                regional_group=current[-1] if current else None,
                member=row["member"] == "1", note=row["note"], memberships=tuple(spans))
        self._read_names(_Rows(directory, "names.csv"), lib)
        self._read_codes(_Rows(directory, "codes.csv"))

    def _read_memberships(self, rows: _Rows, base: _Rows) -> dict[str, list[tuple[
            dt.date, dt.date | None]]]:
        periods: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
        member: dict[str, bool] = {}
        for line, row in base:
            iso3 = row["iso3"]
            if not re.fullmatch(r"[A-Z]{3}", iso3):
                raise base.error(line, f"iso3 {iso3!r} is not three capital letters")
            if iso3 in periods:
                raise base.error(line, f"duplicate iso3 {iso3!r}")
            if row["member"] not in ("0", "1"):
                raise base.error(line, f"member must be 0 or 1, not {row['member']!r}")
            periods[iso3] = []
            member[iso3] = row["member"] == "1"
        for line, row in rows:
            iso3 = row["iso3"]
            if iso3 not in periods:
                raise rows.error(line, f"unknown iso3 {iso3!r} (not in countries.csv)")
            if not member[iso3]:
                raise rows.error(line, f"{iso3} is not a member (member=0 in countries.csv)")
            start = rows.date(line, row["start"], "start")
            end = rows.date(line, row["end"], "end")
            if start is None:
                raise rows.error(line, "start is required")
            if end is not None and end <= start:
                raise rows.error(line, f"end {end} is not after start {start}")
            spans = periods[iso3]
            if spans and (spans[-1][1] is None or spans[-1][1] > start):
                raise rows.error(line, f"{iso3} period from {start} overlaps the one before "
                                 "(rows must be in date order)")
            spans.append((start, end))
        for line, row in base:
            if member[row["iso3"]] and not periods[row["iso3"]]:
                raise base.error(line, f"{row['iso3']} is a member but has no membership period")
        return periods

    def _read_groups(self, rows: _Rows, periods: dict[str, list[tuple[dt.date, dt.date | None]]],
                     *, regional: bool) -> dict[str, list[GroupMembership]]:
        by_state: dict[str, list[GroupMembership]] = {}
        for line, row in rows:
            try:
                group = Group(row["group"])
            except ValueError:
                raise rows.error(line, f"unknown group {row['group']!r}") from None
            if (group in REGIONAL_GROUPS) != regional:
                raise rows.error(line, f"group {group} belongs in "
                                 f"{'regional_groups' if not regional else 'groups'}.csv")
            iso3 = row["iso3"]
            if iso3 not in periods:
                raise rows.error(line, f"unknown iso3 {iso3!r} (not in countries.csv)")
            spans = periods[iso3]  # blank dates: from admission to the last membership end
            first, last = (spans[0][0], spans[-1][1]) if spans else (None, None)
            start = rows.date(line, row["start"], "start")
            end = rows.date(line, row["end"], "end")
            if regional:  # blank = the state's own membership span
                start, end = start or first, end if row["end"] else last
            elif start is None:
                raise rows.error(line, "start is required")
            precision = row.get("precision", "day")
            if precision not in ("day", "month", "year", "approx"):
                raise rows.error(line, f"unknown precision {precision!r}")
            if start is not None and end is not None and end <= start:
                raise rows.error(line, f"end {end} is not after start {start}")
            record = GroupMembership(group.value, iso3, start, end, row["source"], precision,
                                     row["note"])
            for other in self._groups.get(iso3, []):
                if other.group == record.group and _overlap(
                        _Entry(iso3, 0, other.start, other.end, rows.file),
                        _Entry(iso3, 0, record.start, record.end, rows.file)):
                    raise rows.error(line, f"{iso3} in {group} overlaps an earlier row")
            self._groups.setdefault(iso3, []).append(record)
            by_state.setdefault(iso3, []).append(record)
        return by_state

    def _add(self, kind: MemberKey, key: str, entry: _Entry) -> None:
        entries = self._index[kind].setdefault(key, [])
        for other in entries:
            if other.iso3 != entry.iso3 and _overlap(other, entry):
                where = f"{other.file}:{other.line}" if other.line else other.file
                raise SourceError(entry.file, entry.line,
                                  f"{kind.value} {key!r} would mean both {other.iso3} "
                                  f"({where}) and {entry.iso3} on the same dates")
        if any(o.iso3 == entry.iso3 and o.rank <= entry.rank and _contains(o, entry)
               for o in entries):
            return
        entries.append(entry)

    def _read_names(self, rows: _Rows, lib: _Libraries | None) -> None:
        hand: list[tuple[int, str, NameRecord]] = []
        for line, row in rows:
            iso3 = row["iso3"]
            if iso3 not in self._countries:
                raise rows.error(line, f"unknown iso3 {iso3!r} (not in countries.csv)")
            if row["kind"] not in NAME_KINDS or row["kind"] == "short":
                raise rows.error(line, f"kind must be official, former, alias or source, "
                                 f"not {row['kind']!r} (the short name is in countries.csv)")
            if not row["name"]:
                raise rows.error(line, "empty name")
            state = self._countries[iso3]
            start = rows.date(line, row["start"], "start") or state.admitted
            end = rows.date(line, row["end"], "end") if row["end"] else state.left
            hand.append((line, iso3, NameRecord(row["name"], row["kind"], start, end)))
        # the states' own names first, so that a clash is reported at the names.csv line
        for c in self._countries.values():
            self._add(MemberKey.ISO3, c.iso3, _Entry(c.iso3, _CODE_PRIMARY, c.admitted, c.left,
                                                     "countries/data/countries.csv"))
            for name, kind in ((c.name, "short"), (c.official_name, "official")):
                if any(i == c.iso3 and r.name == name and r.kind == kind for _, i, r in hand):
                    continue  # names.csv has it, with better dates
                if kind == "official" and name == c.name:
                    continue
                self._names.setdefault(c.iso3, []).append(
                    NameRecord(name, kind, c.admitted, c.left))
                self._add(MemberKey.NAME, normalise(name), _Entry(
                    c.iso3, _RANK[kind], c.admitted, c.left, "countries/data/countries.csv"))
        for line, iso3, record in hand:
            key = normalise(record.name)
            if key in self._countries and key != iso3:
                raise rows.error(line, f"name {key!r} is also the code of {key}, not of {iso3}")
            self._names.setdefault(iso3, []).append(record)
            self._add(MemberKey.NAME, key, _Entry(iso3, _RANK[record.kind], record.start,
                                                  record.end, rows.file, line))
        # library aliases last: only names nobody else has
        for iso3, name, where in (lib.aliases(self._countries) if lib else ()):
            key = normalise(name)
            c = self._countries[iso3]
            if not key or key in self._index[MemberKey.NAME] or key in self._countries:
                continue
            self._names[iso3].append(NameRecord(name, "alias", c.admitted, c.left))
            self._add(MemberKey.NAME, key, _Entry(iso3, _RANK["alias"], c.admitted, c.left,
                                                  where))

    def _read_codes(self, rows: _Rows) -> None:
        for c in self._countries.values():
            if c.iso2:
                self._add(MemberKey.ISO2, c.iso2, _Entry(c.iso3, _CODE_PRIMARY, c.admitted,
                                                         c.left, "countries.csv (iso2)"))
            if c.cow is not None:
                self._add(MemberKey.COW, str(c.cow), _Entry(c.iso3, _CODE_PRIMARY, c.admitted,
                                                            c.left, "countries.csv (cow)"))
        for line, row in rows:
            try:
                kind = {"iso2": MemberKey.ISO2, "cow": MemberKey.COW}[row["scheme"]]
            except KeyError:
                raise rows.error(line, f"scheme must be iso2 or cow, not {row['scheme']!r}"
                                 ) from None
            if row["iso3"] not in self._countries:
                raise rows.error(line, f"unknown iso3 {row['iso3']!r} (not in countries.csv)")
            self._add(kind, _code_key(row["code"], kind), _Entry(
                row["iso3"], _CODE_EXTRA, rows.date(line, row["start"], "start"),
                rows.date(line, row["end"], "end"), rows.file, line))

    # -- resolving --------------------------------------------------------------------
    def resolve(self, text: str, *, kind: MemberKey = MemberKey.NAME,
                on: dt.date | None = None) -> str:
        """The ISO3 code of the state a source means by ``text`` (a name, or a code of ``kind``).

        ``on`` (the date of the vote) picks the state when a name or code changed meaning
        (COW 365 is the USSR before 24 Dec 1991, the Russian Federation after). A NAME may
        also be an ISO3 code. Raises UnknownCountryError (with up to three suggestions
        "ISO3 (Name)") if nothing matches or two states match equally.
        Example: ``table.resolve("365", kind=MemberKey.COW, on=date(1980, 1, 1)) == "SUN"``.
        """
        kind = MemberKey(kind)
        key = _code_key(text, kind)
        entries = self._index[kind].get(key)
        if entries is None and kind is MemberKey.NAME:
            entries = self._index[MemberKey.ISO3].get(key)
        if not entries:
            raise UnknownCountryError(text, self._suggest(key if kind is MemberKey.NAME else ""))
        chosen = _choose(entries, on)
        if chosen is None:
            raise UnknownCountryError(text, [self._label(e.iso3) for e in _ordered(entries)][:3])
        return chosen

    def lookup(self, text: str) -> Country:
        """The state a person means: ISO3 or ISO2 code (any case), current or former name, alias.

        Raises UnknownCountryError with up to three close matches.
        Example: ``table.lookup("Ivory Coast").iso3 == "CIV"``.
        """
        key = normalise(text)
        if key in self._countries:
            return self._countries[key]
        for kind in (MemberKey.ISO2, MemberKey.NAME):
            entries = self._index[kind].get(key)
            if kind is MemberKey.ISO2 and entries:  # not a source's private use of a code
                entries = [e for e in entries if e.rank == _CODE_PRIMARY]
            if entries:
                chosen = _choose(entries, None)
                if chosen is None:
                    raise UnknownCountryError(text, [self._label(e.iso3)
                                                     for e in _ordered(entries)][:3])
                return self._countries[chosen]
        raise UnknownCountryError(text, self._suggest(key))

    def get(self, iso3: str) -> Country:
        """The state with this ISO3 code (any case). Raises UnknownCountryError.

        Example: ``table.get("sun").name == "Union of Soviet Socialist Republics"``.
        """
        found = self._countries.get(str(iso3).strip().upper())
        if found is None:
            raise UnknownCountryError(iso3, self._suggest(normalise(iso3)))
        return found

    def _label(self, iso3: str) -> str:
        return f"{iso3} ({self._countries[iso3].name})"

    def _suggest(self, key: str) -> list[str]:
        if not key:
            return []
        names = self._index[MemberKey.NAME]
        close = difflib.get_close_matches(key, list(names) + list(self._countries), n=8,
                                          cutoff=0.8)
        out: list[str] = []
        for match in close:
            codes = [match] if match in self._countries else [
                e.iso3 for e in _ordered(names[match])]
            for code in codes:
                if self._label(code) not in out:
                    out.append(self._label(code))
        return out[:3]

    # -- the table --------------------------------------------------------------------
    def countries(self) -> list[Country]:
        """Every state in the table, sorted by ISO3. Example: ``len(table.countries()) > 193``."""
        return [self._countries[k] for k in sorted(self._countries)]

    def is_member(self, iso3: str, on: dt.date) -> bool:
        """True if the state was a UN (= General Assembly) member on ``on``.

        Raises UnknownCountryError for an unknown code.
        Example: ``table.is_member("SYR", date(1960, 1, 1)) is False``.
        """
        return any(_covers(s, e, on) for s, e in self.get(iso3).memberships)

    def members_on(self, on: dt.date) -> frozenset[str]:
        """The ISO3 codes of the UN members on ``on``.

        Example: ``len(table.members_on(date(2025, 2, 24))) == 193``.
        """
        found = self._members_cache.get(on)
        if found is None:
            found = frozenset(c.iso3 for c in self._countries.values()
                              if any(_covers(s, e, on) for s, e in c.memberships))
            self._members_cache[on] = found
        return found

    def name_on(self, iso3: str, on: dt.date) -> str:
        """The state's UN short name on ``on`` (its current name when no former name applies).

        Example: ``table.name_on("EGY", date(1965, 1, 1)) == "United Arab Republic"``.
        """
        country = self.get(iso3)
        former = [n for n in self._names[country.iso3]
                  if n.kind == "former" and n.start is not None and _covers(n.start, n.end, on)]
        return max(former, key=lambda n: n.start or dt.date.min).name if former else country.name

    def names(self, iso3: str) -> list[NameRecord]:
        """Every name of the state: short and official first, then former, alias, source.

        Example: ``"USSR" in [n.name for n in table.names("SUN")]``.
        """
        records = self._names[self.get(iso3).iso3]
        return sorted(records, key=lambda n: (_RANK[n.kind], n.kind != "short",
                                              n.start or dt.date.min))

    def groups_of(self, iso3: str, *, on: dt.date | None = None) -> list[GroupMembership]:
        """The state's group memberships (all periods, or those covering ``on``).

        Example: ``"NATO" in {g.group for g in table.groups_of("FIN", on=date(2024, 1, 1))}``.
        """
        records = self._groups.get(self.get(iso3).iso3, [])
        if on is not None:
            records = [g for g in records if g.covers(on)]
        return sorted(records, key=lambda g: (list(Group).index(Group(g.group)),
                                              g.start or dt.date.min))

    def group_members(self, group: str, *, on: dt.date) -> frozenset[str]:
        """The ISO3 codes in ``group`` on ``on`` (regional groups: UN members only).

        Raises ValueError for a group not in :meth:`group_names`.
        Example: ``"SUN" in table.group_members("P5", on=date(1990, 1, 1))``.
        """
        try:
            name = Group(group)
        except ValueError:
            raise ValueError(f"unknown group {group!r}; known: "
                             f"{', '.join(self.group_names())}") from None
        found = {iso3 for iso3, records in self._groups.items()
                 for g in records if g.group == name.value and g.covers(on)}
        if name in REGIONAL_GROUPS:
            found &= self.members_on(on)
        return frozenset(found)

    def group_names(self) -> list[str]:
        """The group names :meth:`group_members` takes. Example: ``"WEOG" in table.group_names()``."""
        return [g.value for g in Group]


def _code_key(text: str, kind: MemberKey) -> str:
    if kind is MemberKey.COW:
        stripped = str(text).strip()
        return str(int(float(stripped))) if re.fullmatch(r"\d+(\.0+)?", stripped) else stripped
    if kind in (MemberKey.ISO2, MemberKey.ISO3):
        return str(text).strip().upper()
    return normalise(text)


def _ordered(entries: Iterable[_Entry]) -> list[_Entry]:
    return sorted(entries, key=lambda e: (e.rank, e.end is not None, e.iso3))


def _choose(entries: list[_Entry], on: dt.date | None) -> str | None:
    """The one state the entries point to on ``on``, or None if two remain equally good."""
    pool = entries
    if on is not None:  # the entries whose dates cover the day, if any do
        pool = [e for e in entries if _covers(e.start, e.end, on)] or entries
    codes = {e.iso3 for e in pool}
    if len(codes) > 1:  # then the better kind of record
        best = min(e.rank for e in pool)
        pool = [e for e in pool if e.rank == best]
        codes = {e.iso3 for e in pool}
    if len(codes) > 1 and on is None:  # then, undated, the state that still exists
        current = [e for e in pool if e.end is None]
        codes = {e.iso3 for e in current} or codes
    return codes.pop() if len(codes) == 1 else None


class _Libraries:
    """What pycountry and country_converter know: ISO2, M49, official names, aliases."""

    def __init__(self) -> None:
        import pycountry

        self._current = {c.alpha_3: c for c in pycountry.countries}
        self._historic = {c.alpha_3: c for c in pycountry.historic_countries}
        self._cc_rows: dict[str, dict[str, object]] = {}
        try:
            import country_converter as coco

            data = coco.CountryConverter().data
            for row in data[["ISO3", "name_short", "name_official"]].to_dict("records"):
                self._cc_rows[str(row["ISO3"])] = row
        except ImportError:  # pragma: no cover - declared dependency
            pass

    def _record(self, iso3: str) -> object | None:
        return self._current.get(iso3) or self._historic.get(iso3)

    def official_name(self, iso3: str) -> str:
        record = self._record(iso3)
        return str(getattr(record, "official_name", "") or "") if record else ""

    def iso2(self, iso3: str) -> str | None:
        record = self._record(iso3)
        return str(record.alpha_2) if record is not None and hasattr(record, "alpha_2") else None

    def m49(self, iso3: str) -> int | None:
        record = self._record(iso3)
        numeric = getattr(record, "numeric", None) if record is not None else None
        return int(numeric) if numeric else None

    def aliases(self, countries: dict[str, Country]) -> Iterator[tuple[str, str, str]]:
        for iso3 in sorted(countries):
            record = self._record(iso3)
            for attr in ("name", "official_name", "common_name"):
                value = getattr(record, attr, None) if record is not None else None
                if value:
                    yield iso3, str(value), f"pycountry {attr}"
            row = self._cc_rows.get(iso3)
            for column in ("name_short", "name_official"):
                value = row.get(column) if row else None
                if isinstance(value, str) and value:
                    yield iso3, value, f"country_converter {column}"


def _package_data() -> Traversable:
    return resources.files("unvotes.countries").joinpath("data")
