"""Finding the states, and groups of states, that a news article names.

A claim checker must know which states a text talks about before it can check what the
text says they did. :class:`StateNames` finds every mention of a state in a text: its names
(current, former, official, aliases and source spellings, all from the country table), its
demonyms ("Indian", "Indians"), its capital or seat of government standing for the
government ("Moscow", "the Kremlin"), its abbreviations ("US", "U.S.", "DPRK"), and the
groups of states the country table knows ("the European Union", "NATO", "Arab states",
"the five permanent members"). Demonyms, capitals, abbreviations and a list of ambiguous
forms are in ``claims/data/mentions.csv`` (its header documents them); the group phrases are
:data:`GROUP_FORMS`.

Matching rules, in order of importance:

- Longest match first, on word boundaries: "South African" is South Africa, never "African";
  "Latin American" is no state at all. Ambiguous forms ("Korea", "Korean", "Congolese",
  "Arab") match but name nothing, so that they cannot be split into a wrong shorter name.
- Names, demonyms and capitals ignore case, accents and curly quotes, but only where the
  text starts with a capital letter ("Turkey" yes, "turkey" no). Abbreviations match exactly
  ("US" and "U.S.", never "us"; "CAR", never "car"). Multi-word group phrases ignore case.
- A leading "the" and a possessive "'s" are not part of a mention.
- ``on`` (the date of the vote) picks the state when a name changed meaning, as
  :meth:`~unvotes.countries.CountryTable.resolve` does, and a state that was not a member that
  day stands for the state whose membership it continues ("Russia" in 1960 is the USSR,
  "Chinese" in 1960 the Republic of China, which held the seat of China until 25 Oct 1971).
  Capitals are taken as written ("Beijing" is always the People's Republic).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

from unvotes.countries import CountryTable, Group, load_countries
from unvotes.errors import SourceError, UnknownCountryError

__all__ = ["Mention", "StateNames", "state_names"]

HOWS = ("name", "abbreviation", "demonym", "capital", "group")
"""The values of :attr:`Mention.how`."""

_CSV = "claims/data/mentions.csv"
_HEADER = ["iso3", "text", "kind", "start", "end", "note"]
_KINDS = ("name", "abbreviation", "demonym", "capital")

# Phrases that name a group of the country table (None: a phrase that must name nothing, so
# that "non-permanent members" is not read as "permanent members"). All-capital forms match
# exactly, single words need a capital first letter ("Nato"), longer phrases ignore case
# ("the five permanent members", "western countries").
GROUP_FORMS: tuple[tuple[str, str | None], ...] = (
    ("P5", Group.P5), ("P-5", Group.P5), ("five permanent members", Group.P5),
    ("permanent five", Group.P5), ("permanent members", Group.P5),
    ("non-permanent members", None), ("non-permanent member", None),
    ("EU", Group.EU), ("E.U.", Group.EU), ("EEC", Group.EU), ("European Union", Group.EU),
    ("European Community", Group.EU), ("European Communities", Group.EU),
    ("European Economic Community", Group.EU),
    ("NATO", Group.NATO), ("Nato", Group.NATO), ("North Atlantic Treaty Organization", Group.NATO),
    ("North Atlantic Treaty Organisation", Group.NATO), ("North Atlantic Alliance", Group.NATO),
    ("G77", Group.G77), ("G-77", Group.G77), ("Group of 77", Group.G77),
    ("Group of Seventy-Seven", Group.G77),
    ("NAM", Group.NAM), ("Non-Aligned Movement", Group.NAM), ("Nonaligned Movement", Group.NAM),
    ("Movement of Non-Aligned Countries", Group.NAM), ("non-aligned countries", Group.NAM),
    ("non-aligned states", Group.NAM), ("non-aligned nations", Group.NAM),
    ("OIC", Group.OIC), ("Organisation of Islamic Cooperation", Group.OIC),
    ("Organization of Islamic Cooperation", Group.OIC),
    ("Organisation of the Islamic Conference", Group.OIC),
    ("Organization of the Islamic Conference", Group.OIC),
    ("Organization of Islamic Conference", Group.OIC),
    ("AU", Group.AU), ("African Union", Group.AU), ("OAU", Group.AU),
    ("Organisation of African Unity", Group.AU), ("Organization of African Unity", Group.AU),
    ("Arab League", Group.ARAB_LEAGUE), ("League of Arab States", Group.ARAB_LEAGUE),
    ("Arab Group", Group.ARAB_LEAGUE), ("Arab states", Group.ARAB_LEAGUE),
    ("Arab countries", Group.ARAB_LEAGUE), ("Arab nations", Group.ARAB_LEAGUE),
    ("ASEAN", Group.ASEAN), ("Asean", Group.ASEAN),
    ("Association of Southeast Asian Nations", Group.ASEAN),
    ("Association of South-East Asian Nations", Group.ASEAN),
    ("BRICS", Group.BRICS), ("Brics", Group.BRICS), ("BRIC", Group.BRICS),
    ("SCO", Group.SCO), ("Shanghai Cooperation Organisation", Group.SCO),
    ("Shanghai Cooperation Organization", Group.SCO),
    ("African Group", Group.AFRICAN), ("Group of African States", Group.AFRICAN),
    ("African states", Group.AFRICAN), ("African countries", Group.AFRICAN),
    ("African nations", Group.AFRICAN),
    ("Asia-Pacific Group", Group.ASIA_PACIFIC), ("Group of Asia-Pacific States",
                                                 Group.ASIA_PACIFIC),
    ("Asia-Pacific States", Group.ASIA_PACIFIC), ("Asian Group", Group.ASIA_PACIFIC),
    ("Eastern European Group", Group.EEG), ("Group of Eastern European States", Group.EEG),
    ("Eastern European States", Group.EEG), ("Eastern European countries", Group.EEG),
    ("GRULAC", Group.GRULAC), ("Latin American and Caribbean Group", Group.GRULAC),
    ("Group of Latin American and Caribbean States", Group.GRULAC),
    ("Latin American and Caribbean States", Group.GRULAC),
    ("Latin American and Caribbean countries", Group.GRULAC),
    ("Latin American countries", Group.GRULAC), ("Latin American states", Group.GRULAC),
    ("Latin American nations", Group.GRULAC),
    ("WEOG", Group.WEOG), ("Western European and Others Group", Group.WEOG),
    ("Western European and other States", Group.WEOG), ("Western countries", Group.WEOG),
    ("Western states", Group.WEOG), ("Western nations", Group.WEOG),
    ("Western governments", Group.WEOG), ("Western powers", Group.WEOG),
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a state or a group of states in a text; ``text[start:end] == mention.text``.

    ``iso3`` is the state (None when the mention names a group); ``group`` a group name of the
    country table (None for a state); ``how`` one of :data:`HOWS`.
    Example: ``Mention(0, 6, "Russia", "RUS", None, "name")``.
    """

    start: int
    end: int
    text: str
    iso3: str | None
    group: str | None
    how: str


# -- text folding ------------------------------------------------------------------------
# One character for one character, so that offsets survive: quotes, dashes and spaces as in
# unvotes.countries.normalise (Turkish dotless i, and Ý/ý, i.e. İ/ı read as Windows-1252).
_TRANSLATE = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'",
                            "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
                            "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                            "\u2014": "-", "\u2212": "-", "\u0131": "i", "\u00dd": "I",
                            "\u00fd": "i"})
_SEPARATOR = re.compile(r"\s*-\s*|\s+")
_SPACE = r"(?:\s*-\s*|\s+)"  # a space or hyphen in a form: any run of spaces, or a hyphen
_WORD = re.compile(r"\w")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
# A table name that is an abbreviation (UK, UAE, DPRK, USSR): matched case-sensitively.
_ABBREVIATION = re.compile(r"(?:[A-Z]\.?){2,6}")
# A group form matched case-sensitively (EU, E.U., G-77, P5).
_EXACT_GROUP = re.compile(r"[A-Z0-9.\-]+")


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """A non-ASCII character without its accents, if what is left is ASCII; else itself."""
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if base.isascii() else ch


@dataclass(frozen=True, slots=True)
class _Folded:
    """A text with accents stripped and quotes straightened, and the way back to offsets."""

    text: str
    parts: list[str] | None  # the folding of each original character, when lengths changed
    owner: list[int] | None  # the original index of each folded character, likewise

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.owner is None or self.parts is None:
            return start, end
        first, last = self.owner[start], self.owner[end - 1] + 1
        while last < len(self.parts) and self.parts[last] == "":  # a trailing combining mark
            last += 1
        return first, last


def _fold(text: str) -> _Folded:
    translated = text.translate(_TRANSLATE)
    if translated.isascii():
        return _Folded(translated, None, None)
    parts = [c if c < "\x80" else _fold_char(c) for c in translated]
    folded = "".join(parts)
    if len(folded) == len(parts) and all(len(p) == 1 for p in parts):
        return _Folded(folded, None, None)
    owner = [i for i, part in enumerate(parts) for _ in part]
    return _Folded(folded, parts, owner)


def _key(folded: str) -> str:
    """The lookup key of a case-insensitive form: separators as one space, upper case."""
    return _SEPARATOR.sub(" ", folded).strip().upper()


# -- matchers ----------------------------------------------------------------------------
class _Trie:
    __slots__ = ("children", "end")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.end = False

    def add(self, key: str) -> None:
        node = self
        for ch in key:
            node = node.children.setdefault(ch, _Trie())
        node.end = True

    def pattern(self, *, last: str, spaces: bool) -> str:
        """A regex for the keys below this node: longer keys are tried first (greedy), so
        the first match is the longest; a key ending in a letter or digit must end a word."""
        alts = [(_SPACE if ch == " " and spaces else re.escape(ch))
                + child.pattern(last=ch, spaces=spaces)
                for ch, child in sorted(self.children.items())]
        if self.end:
            alts.append(r"(?!\w)" if _WORD.match(last) else "")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"


def _matcher(keys: Iterable[str], *, case: str) -> re.Pattern[str] | None:
    """One regex for ``keys``: ``exact`` case-sensitive, ``capital`` the first letter as
    written (upper case) and the rest in any case, ``any`` in any case."""
    root = _Trie()
    for key in keys:
        root.add(key)
    if not root.children:
        return None
    if case == "exact":
        body = root.pattern(last="", spaces=False)
    elif case == "capital":  # the first letter outside the case-insensitive group
        body = "(?:" + "|".join(re.escape(ch) + "(?i:" + child.pattern(last=ch, spaces=True)
                                + ")" for ch, child in sorted(root.children.items())) + ")"
    else:
        body = "(?i:" + root.pattern(last="", spaces=True) + ")"
    return re.compile(r"(?<!\w)" + body)


@dataclass(frozen=True, slots=True)
class _Row:
    iso3: str | None
    start: dt.date | None
    end: dt.date | None

    def covers(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)

    def distance(self, on: dt.date) -> int:
        if self.start is not None and on < self.start:
            return (self.start - on).days
        if self.end is not None and on >= self.end:
            return (on - self.end).days + 1
        return 0


@dataclass(frozen=True, slots=True)
class _Form:
    how: str
    table_name: str | None = None  # resolved through CountryTable.resolve
    rows: tuple[_Row, ...] = ()  # from mentions.csv
    group: str | None = None


def _pick(rows: tuple[_Row, ...], on: dt.date | None) -> _Row | None:
    if not rows:
        return None
    if on is None:  # today's meaning: the latest row
        return max(rows, key=lambda r: r.start or dt.date.min)
    for row in rows:
        if row.covers(on):
            return row
    return min(rows, key=lambda r: r.distance(on))


def _mention_rows() -> Iterator[tuple[int, dict[str, str]]]:
    lines = (resources.files("unvotes.claims").joinpath("data", "mentions.csv")
             .read_text(encoding="utf-8").splitlines())
    numbered = [(n, line) for n, line in enumerate(lines, 1)
                if line.strip() and not line.startswith("#")]
    if not numbered or next(csv.reader([numbered[0][1]])) != _HEADER:
        raise SourceError(_CSV, numbered[0][0] if numbered else None,
                          f"the header must be {','.join(_HEADER)}")
    for n, line in numbered[1:]:
        values = next(csv.reader([line]))
        if len(values) != len(_HEADER):
            raise SourceError(_CSV, n, f"expected {len(_HEADER)} fields, found {len(values)}")
        yield n, dict(zip(_HEADER, (v.strip() for v in values)))


def _date(line: int, text: str, column: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SourceError(_CSV, line, f"{column} {text!r} is not a date (YYYY-MM-DD)") from None


def _continuations(table: CountryTable) -> dict[str, str]:
    """Successor -> predecessor for the seats continued (SUN -> RUS, TWN -> CHN, SCG -> SRB)."""
    lines = (resources.files("unvotes.countries").joinpath("data", "succession.csv")
             .read_text(encoding="utf-8").splitlines())
    rows = csv.DictReader(line for line in lines if line.strip() and not line.startswith("#"))
    known = {c.iso3: c for c in table.countries()}
    found: dict[str, str] = {}
    for row in rows:
        pred, succ = row.get("predecessor") or "", row.get("successor") or ""
        if (row.get("kind") == "continuation" and succ in known and pred in known
                and pred in known[succ].predecessors):
            found.setdefault(succ, pred)
    return found


class StateNames:
    """Finds the states and groups of states a text names (see the module docstring).

    Build once (the matchers are compiled in the constructor); :func:`state_names` is the
    cached default. Example: ``[m.iso3 for m in state_names().find("Russia's veto")] == ["RUS"]``.
    """

    def __init__(self, table: CountryTable | None = None) -> None:
        self._table = table if table is not None else load_countries()
        known = {c.iso3 for c in self._table.countries()}
        self._continues = _continuations(self._table)
        # three classes of forms, by how their case is matched; key -> form
        self._forms: dict[str, dict[str, _Form]] = {"exact": {}, "capital": {}, "any": {}}
        self._add_table_names()
        self._add_mentions(known)
        for text, group in GROUP_FORMS:
            case = ("exact" if _EXACT_GROUP.fullmatch(text)
                    else "capital" if " " not in text and "-" not in text else "any")
            key = text if case == "exact" else _key(_fold(text).text)
            self._forms[case][key] = _Form("group", group=None if group is None else str(group))
        self._matchers = [(case, m) for case, forms in self._forms.items()
                          if (m := _matcher(forms, case=case)) is not None]

    def _add_table_names(self) -> None:
        for country in self._table.countries():
            for record in self._table.names(country.iso3):
                name = _THE.sub("", record.name, count=1)
                folded = _fold(name).text.strip()
                if not folded or not _WORD.match(folded[0]):
                    continue
                if _ABBREVIATION.fullmatch(name):
                    self._forms["exact"].setdefault(name, _Form("abbreviation", record.name))
                    continue
                case = "capital" if folded[0].isupper() else "any"
                self._forms[case].setdefault(_key(folded), _Form("name", record.name))

    def _add_mentions(self, known: set[str]) -> None:
        grouped: dict[tuple[str, str], list[tuple[int, str, _Row]]] = {}
        for line, row in _mention_rows():
            kind, text, iso3 = row["kind"], row["text"], row["iso3"]
            if kind not in _KINDS:
                raise SourceError(_CSV, line, f"kind must be one of {', '.join(_KINDS)}, "
                                  f"not {kind!r}")
            folded = _fold(text).text
            if not folded or not _WORD.match(folded[0]):
                raise SourceError(_CSV, line, f"text {text!r} must start with a letter or digit")
            if iso3 and not re.fullmatch(r"[A-Z]{3}", iso3):
                raise SourceError(_CSV, line, f"iso3 {iso3!r} is not three capital letters")
            start, end = _date(line, row["start"], "start"), _date(line, row["end"], "end")
            if start is not None and end is not None and end <= start:
                raise SourceError(_CSV, line, f"end {end} is not after start {start}")
            if iso3 and iso3 not in known:
                continue  # a smaller table (tests): the state is not there
            case = ("exact" if kind == "abbreviation"
                    else "capital" if folded[0].isupper() else "any")
            key = text if case == "exact" else _key(folded)
            grouped.setdefault((case, key), []).append((line, kind, _Row(iso3 or None, start,
                                                                         end)))
        for (case, key), rows in grouped.items():
            kinds = {kind for _, kind, _ in rows}
            if len(kinds) > 1:
                raise SourceError(_CSV, rows[-1][0], f"{key!r} has rows of kinds "
                                  f"{', '.join(sorted(kinds))}; one text, one kind")
            for i, (line, _, a) in enumerate(rows):
                for _, _, b in rows[:i]:
                    if ((a.start is None or b.end is None or a.start < b.end)
                            and (b.start is None or a.end is None or b.start < a.end)):
                        raise SourceError(_CSV, line, f"the dates of {key!r} overlap an "
                                          "earlier row")
            self._forms[case][key] = _Form(kinds.pop(), rows=tuple(r for _, _, r in rows))

    # -- finding ---------------------------------------------------------------------------
    def find(self, text: str, *, on: dt.date | None = None) -> list[Mention]:
        """The mentions of states and groups in ``text``, in text order, never overlapping.

        ``on`` is the date the text speaks of (a vote's date); without it, today's meaning.
        Forms that are ambiguous ("Korean") or name no UN state are left out. Never raises
        on any text.
        Example: ``[m.iso3 for m in state_names().find("the US and DPRK")] == ["USA", "PRK"]``.
        """
        if isinstance(on, dt.datetime):
            on = on.date()
        folded = _fold(text)
        source = folded.text
        meanings: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        pending: list[re.Match[str] | None] = [None] * len(self._matchers)
        done = [False] * len(self._matchers)
        found: list[Mention] = []
        pos = 0
        while True:
            best: tuple[int, int, int] | None = None  # (start, -length, matcher index)
            for i, (_, matcher) in enumerate(self._matchers):
                if done[i]:
                    continue
                match = pending[i]
                if match is None or match.start() < pos:
                    match = pending[i] = matcher.search(source, pos)
                    if match is None:
                        done[i] = True
                        continue
                candidate = (match.start(), match.start() - match.end(), i)
                if best is None or candidate < best:
                    best = candidate
            if best is None:
                return found
            match = pending[best[2]]
            assert match is not None
            pos = match.end()
            case = self._matchers[best[2]][0]
            key = match.group() if case == "exact" else _key(match.group())
            form = self._forms[case].get(key)
            if form is None:  # pragma: no cover - a case-insensitive match outside the keys
                continue
            meaning = meanings.get((case, key))
            if meaning is None:
                meaning = meanings[(case, key)] = self._meaning(form, on)
            iso3, group = meaning
            if iso3 is None and group is None:
                continue
            start, end = folded.span(match.start(), match.end())
            found.append(Mention(start, end, text[start:end], iso3, group, form.how))

    def _meaning(self, form: _Form, on: dt.date | None) -> tuple[str | None, str | None]:
        if form.how == "group":
            return None, form.group
        if form.table_name is not None:
            try:
                return self._continued(self._table.resolve(form.table_name, on=on), on), None
            except UnknownCountryError:  # two states on the same footing: ambiguous
                return None, None
        row = _pick(form.rows, on)
        if row is None or row.iso3 is None:
            return None, None
        if form.how == "capital" or row.start is not None or row.end is not None:
            return row.iso3, None  # capitals and dated rows are taken as written
        return self._continued(row.iso3, on), None

    def _continued(self, iso3: str, on: dt.date | None) -> str:
        """``iso3``, or, if it was not a member on ``on``, the member whose seat it continues."""
        if on is None:
            return iso3
        current: str | None = iso3
        for _ in range(len(self._continues) + 1):
            if current is None:
                break
            if self._table.is_member(current, on):
                return current
            current = self._continues.get(current)
        return iso3


@functools.cache
def state_names() -> StateNames:
    """The :class:`StateNames` of the package country table (built once, then cached).

    Example: ``state_names().find("Moscow", on=date(1960, 1, 1))[0].iso3 == "SUN"``.
    """
    return StateNames()
