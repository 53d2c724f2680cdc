"""The Python face of the record: ``unvotes.open()`` and what it answers.

>>> rec = unvotes.open()                      # doctest: +SKIP
>>> rec.vote("A/RES/ES-11/7").tally.yes       # doctest: +SKIP
93
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from unvotes.charter import (
    OutcomeView,
    Pivots,
    WhatIf,
    outcome_of,
    permanent_members,
)
from unvotes.charter import pivots as _pivots
from unvotes.charter import vetoes as _vetoes
from unvotes.charter import what_if as _what_if
from unvotes.errors import UnknownCountryError, UnknownVoteError, UnvotesError
from unvotes.model import Body, Tally, VoteKind
from unvotes.store import Store
from unvotes.symbols import symbol_key

if TYPE_CHECKING:
    import pandas as pd

    from unvotes.claims import Checker, CheckReport

__all__ = ["CountryProfile", "Record", "SourceRef", "Vote", "open_record"]

POSITION_LABELS = {"Y": "yes", "N": "no", "A": "abstain", "X": "non_voting"}


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source a vote rests on, with its version and citation."""

    source: str
    title: str
    publisher: str
    version: str | None
    citation: str | None
    official: bool
    primary: bool


@dataclass(frozen=True, slots=True)
class Vote:
    """One recorded vote with its positions (ISO3 -> Y/N/A/X)."""

    vote_id: str
    body: str
    date: dt.date | None
    symbol: str | None
    draft_symbol: str | None
    kind: str
    title: str | None
    session: str | None
    meeting: str | None
    agenda_item: str | None
    subjects: list[str]
    committee: str | None
    sponsors: list[str]
    important: bool | None
    tally: Tally
    published_tally: Tally | None
    published_result: str | None
    published_source: str | None
    members: int | None
    positions: dict[str, str]
    regional_groups: dict[str, str | None]
    names: dict[str, str]
    sources: list[SourceRef]
    undl_link: str | None
    notes: list[str] = field(default_factory=list)
    outcome: OutcomeView | None = None
    positions_complete: bool = True
    permanent_members: list[str] = field(default_factory=list)
    record_updated: dt.datetime | None = None  # when the record was last built or added to

    def by_position(self) -> dict[str, list[str]]:
        """ISO3 codes grouped by position label (yes/no/abstain/non_voting)."""
        out: dict[str, list[str]] = {label: [] for label in POSITION_LABELS.values()}
        for iso3, pos in sorted(self.positions.items()):
            out[POSITION_LABELS[pos]].append(iso3)
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (the ``unvotes vote --json`` output)."""
        return {
            "vote_id": self.vote_id, "symbol": self.symbol, "body": self.body,
            "date": self.date.isoformat() if self.date else None, "title": self.title,
            "kind": self.kind, "session": self.session, "meeting": self.meeting,
            "draft_symbol": self.draft_symbol, "agenda_item": self.agenda_item,
            "subjects": self.subjects, "committee": self.committee, "sponsors": self.sponsors,
            "important_vote": self.important,
            "tally": self.tally.as_dict(),
            "published_tally": self.published_tally.as_dict() if self.published_tally else None,
            "published_result": self.published_result,
            "published_source": self.published_source,
            "members": self.members,
            "positions": dict(sorted(self.positions.items())),
            "positions_complete": self.positions_complete,
            "outcome": self.outcome.to_dict() if self.outcome else None,
            "permanent_members": self.permanent_members,
            "sources": [asdict(s) for s in self.sources],
            "undl_link": self.undl_link, "notes": self.notes,
            "record_updated": self.record_updated.isoformat(timespec="seconds")
            if self.record_updated else None,
        }


@dataclass(frozen=True, slots=True)
class CountryProfile:
    """A state: codes, names over time, membership, groups and votes by year."""

    iso3: str
    name: str
    official_name: str | None
    iso2: str | None
    m49: int | None
    cow: int | None
    member: bool
    admitted: dt.date | None
    left: dt.date | None
    regional_group: str | None
    predecessors: list[str]
    successors: list[str]
    note: str | None
    names: list[dict[str, Any]]
    memberships: list[dict[str, Any]]
    groups: list[dict[str, Any]]
    votes_by_year: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (the ``unvotes country --json`` output)."""
        def plain(value: Any) -> Any:
            if isinstance(value, dt.date):
                return value.isoformat()
            if isinstance(value, list):
                return [plain(v) for v in value]
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            return value
        return {k: plain(getattr(self, k)) for k in self.__dataclass_fields__}


def normalise_name(text: str) -> str:
    """Upper case, accents and punctuation folded, single spaces: for name lookups."""
    text = unicodedata.normalize("NFKD", text.replace("\u0131", "i"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("`", "'")
    text = re.sub(r"[.,]", " ", text)
    return re.sub(r"\s+", " ", text).strip().upper()


_SC_NO_YEAR = re.compile(r"^S/RES/(\d+)$")


class Record:
    """The vote record in a built database (read-only).

    Raises StoreError if there is no usable database. Example:
    ``Record().vote("A/RES/ES-11/7").tally.no == 18``.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.store = Store(Path(path) if path is not None else None)
        self._groups: dict[str, list[tuple[str, dt.date | None, dt.date | None]]] = {}

    def close(self) -> None:
        """Close the database."""
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- votes ---------------------------------------------------------------------

    @cached_property
    def _keys(self) -> list[str]:
        rows = self.store.rows("SELECT DISTINCT symbol_key FROM votes WHERE symbol_key IS NOT NULL "
                               "UNION SELECT vote_id FROM votes")
        return [r[0] for r in rows]

    def vote_id(self, key: str) -> str:
        """The vote id a symbol, draft symbol or vote id names.

        A symbol shared by several votes (a resolution and the amendments to it) names
        the vote on the resolution as a whole. Raises UnknownVoteError with close matches.
        """
        text = key.strip()
        if not text:
            raise UnknownVoteError(key)
        if self.store.scalar("SELECT vote_id FROM votes WHERE vote_id = ?", [text]):
            return text
        k = symbol_key(text)
        kinds = [VoteKind.RESOLUTION.value, VoteKind.DECISION.value, VoteKind.DRAFT.value]
        order = ("ORDER BY list_position(?, kind) NULLS LAST, date, vote_id")
        rows = self.store.rows(f"SELECT vote_id FROM votes WHERE symbol_key = ? {order}",
                               [k, kinds])
        if not rows and (m := _SC_NO_YEAR.match(k)):
            rows = self.store.rows(f"SELECT vote_id FROM votes WHERE symbol_key LIKE ? {order}",
                                   [f"S/RES/{m.group(1)}(%", kinds])
        if not rows:
            rows = self.store.rows(
                "SELECT vote_id FROM votes WHERE upper(replace(draft_symbol, ' ', '')) = ? "
                "ORDER BY date, vote_id", [k])
        if not rows and k.startswith("A/RES/"):
            # a resolution adopted in parts (A/RES/181 (II) A, B): the symbol names part A
            rows = self.store.rows(
                f"SELECT vote_id FROM votes WHERE starts_with(symbol_key, ?) AND "
                f"regexp_matches(symbol_key[length(?) + 1:], '^[A-Z]{{1,2}}$') "
                f"{order.replace('ORDER BY', 'ORDER BY symbol_key,')}", [k, k, kinds])
        if rows:
            return str(rows[0][0])
        close = difflib.get_close_matches(k, self._keys, n=3, cutoff=0.75)
        raise UnknownVoteError(key, close)

    @cached_property
    def _country_facts(self) -> dict[str, tuple[str | None, str, list[tuple[Any, Any, str]]]]:
        facts: dict[str, tuple[str | None, str, list[tuple[Any, Any, str]]]] = {
            iso3: (group, name, []) for iso3, group, name in self.store.rows(
                "SELECT iso3, regional_group, name FROM countries")}
        for iso3, start, end, name in self.store.rows(
                "SELECT iso3, start, \"end\", name FROM country_names WHERE kind = 'former' "
                "ORDER BY start DESC NULLS LAST"):
            if iso3 in facts:
                facts[iso3][2].append((start, end, name))
        return facts

    def _country_on(self, iso3: str, day: dt.date | None) -> tuple[str | None, str]:
        """A state's regional group and its UN name on a day (Byelorussian SSR in 1947)."""
        group, name, former = self._country_facts.get(iso3, (None, iso3, []))
        if day is not None:
            for start, end, old_name in former:
                if (start is None or start <= day) and (end is None or day < end):
                    return group, old_name
        return group, name

    def vote(self, key: str) -> Vote:
        """The vote a symbol, draft symbol or vote id names, with its positions.

        Raises UnknownVoteError (with the closest symbols) if there is none.
        Example: ``rec.vote("S/RES/2774 (2025)").tally.abstain == 5``.
        """
        vote_id = self.vote_id(key)
        row = self.store.dicts("SELECT * FROM votes WHERE vote_id = ?", [vote_id])[0]
        pos = [(iso3, p, *self._country_on(iso3, row["date"])) for iso3, p in self.store.rows(
            "SELECT iso3, position FROM positions WHERE vote_id = ? ORDER BY iso3", [vote_id])]
        srcs = self.store.dicts(
            "SELECT source, title, publisher, version, citation, official FROM sources "
            "WHERE list_contains(?, source) ORDER BY rank", [row["sources"]])
        published = None
        if any(row[f"published_{n}"] is not None for n in ("yes", "no", "abstain")):
            published = Tally(row["published_yes"], row["published_no"],
                              row["published_abstain"], row["published_non_voting"])
        return Vote(
            vote_id=row["vote_id"], body=row["body"], date=row["date"], symbol=row["symbol"],
            draft_symbol=row["draft_symbol"], kind=row["kind"], title=row["title"],
            session=row["session"], meeting=row["meeting"], agenda_item=row["agenda_item"],
            subjects=list(row["subjects"] or []), committee=row["committee"],
            sponsors=list(row["sponsors"] or []), important=row["important"],
            tally=Tally(row["yes"], row["no"], row["abstain"], row["non_voting"]),
            published_tally=published, published_result=row["published_result"],
            published_source=row["published_source"],
            members=row["members"],
            positions={iso3: p for iso3, p, _, _ in pos},
            regional_groups={iso3: g for iso3, _, g, _ in pos},
            names={iso3: n for iso3, _, _, n in pos},
            sources=[SourceRef(s["source"], s["title"], s["publisher"], s["version"],
                               s["citation"], bool(s["official"]), s["source"] == row["source"])
                     for s in srcs],
            undl_link=row["undl_link"], notes=list(row["notes"] or []),
            outcome=outcome_of(self, vote_id),
            positions_complete=bool(row["positions_complete"]),
            permanent_members=sorted(permanent_members(self, row["date"]))
            if row["body"] == Body.SC.value else [],
            record_updated=self.store.scalar("SELECT max(finished_at) FROM builds"),
        )

    def group_periods(self, group: str) -> list[tuple[str, dt.date | None, dt.date | None]]:
        """The members of a group with the periods of their membership (cached)."""
        if group not in self._groups:
            self._groups[group] = [(r[0], r[1], r[2]) for r in self.store.rows(
                "SELECT iso3, start, \"end\" FROM group_memberships WHERE group_name = ?",
                [group])]
        return self._groups[group]

    def group_names(self) -> list[str]:
        """The groups the country table knows (P5, EU, NATO, G77, ... and regional groups)."""
        return [r[0] for r in self.store.rows(
            "SELECT DISTINCT group_name FROM group_memberships ORDER BY 1")]

    def align(self, a: str, b: str | None = None, *, index: str = "agreement",
              by: str = "year", top: int | None = None, body: str = "GA",
              since: dt.date | str | None = None, until: dt.date | str | None = None,
              topic: str | None = None, kinds: tuple[str, ...] = (),
              important_only: bool = False, **options: Any) -> pd.DataFrame:
        """Agreement of ``a`` with ``b`` per period (``period, index, value, n_votes``), or
        with every state over the slice when ``b`` is None (``country, value, n_votes``,
        closest first; ``top`` keeps the first and last ``top``). ``a`` and ``b`` may be
        groups (EU, NATO, P5 ...). Options: ``drop_unanimous``, ``absence``,
        ``min_votes``. Example: ``rec.align("USA", "RUS", topic="ukraine", since=2014)``.
        """
        from unvotes.alignment import Slice, align_one, align_pair

        where = Slice(body, since, until, topic, kinds, important_only)
        if b is not None:
            return align_pair(self, a, b, index=index, by=by, where=where, **options)
        frame = align_one(self, a, index=index, where=where, **options)
        if top is not None and len(frame) > 2 * top:
            import pandas as pd

            frame = pd.concat([frame.head(top), frame.tail(top)])
        return frame

    def what_if(self, key: str, changes: Mapping[str, str]) -> WhatIf:
        """The outcome if some states had voted otherwise (``{"USA": "Y", "RUS": "A"}``).

        Raises UnknownVoteError, UnknownCountryError, or UnvotesError for an impossible
        change. Example: ``rec.what_if("S/RES/2774 (2025)", {"FRA": "N"}).after.outcome``.
        """
        return _what_if(self, key, changes)

    def pivots(self, key: str) -> Pivots:
        """The smallest changes of position that would have flipped the outcome."""
        return _pivots(self, key)

    def vetoes(self, *, since: dt.date | str | None = None, until: dt.date | str | None = None,
               by: str = "member") -> pd.DataFrame:
        """Vetoes per permanent member and year (see :func:`unvotes.charter.vetoes`)."""
        return _vetoes(self, since=since, until=until, by=by)

    def check(self, text: str | bytes, *, date: dt.date | str | None = None) -> CheckReport:
        """Check a news article's claims against the record (see :mod:`unvotes.claims`).

        Returns a CheckReport: the votes matched with their confidence, and each claim
        with its verdict (supported / contradicted / not-checkable) and evidence. Raises
        ArticleError for text too long or not text. Example:
        ``rec.check("India abstained on A/RES/ES-11/7.").claims[0].verdict``.
        """
        return self._checker.check(text, date=date)

    @cached_property
    def _checker(self) -> Checker:
        from unvotes.claims import Checker

        return Checker(self)

    def votes(self, *, country: str | None = None, since: dt.date | str | None = None,
              until: dt.date | str | None = None, body: str | None = None,
              text: str | None = None, kind: str | None = None,
              limit: int | None = None) -> pd.DataFrame:
        """Votes matching every filter given, oldest first, as a DataFrame.

        ``country`` adds that state's ``position`` column (and keeps only votes where
        it has one); ``text`` searches title, agenda item and subjects
        (case-insensitive). Raises UnknownCountryError or UnvotesError on bad filters.
        Example: ``rec.votes(country="USA", since="2025-01-01", body="GA")``.
        """
        where, params = self._vote_filters(since=since, until=until, body=body, text=text,
                                           kind=kind)
        columns = ("v.vote_id, v.body, v.date, v.symbol, v.kind, v.title, v.yes, v.no, "
                   "v.abstain, v.non_voting, v.published_yes, v.published_no, "
                   "v.published_abstain, v.source")
        if country:
            iso3 = self.country_code(country)
            sql = (f"SELECT {columns}, p.position FROM votes v JOIN positions p "
                   f"ON p.vote_id = v.vote_id AND p.iso3 = ? {where} ORDER BY v.date, v.vote_id")
            params = [iso3, *params]
        else:
            sql = f"SELECT {columns} FROM votes v {where} ORDER BY v.date, v.vote_id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        frame = self.store.frame(sql, params)
        frame["date"] = frame["date"].dt.date  # calendar days, not timestamps
        return frame

    @staticmethod
    def _vote_filters(*, since: dt.date | str | None, until: dt.date | str | None,
                      body: str | None, text: str | None, kind: str | None
                      ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for value, op in ((since, ">="), (until, "<=")):
            if value is None:
                continue
            day = parse_day(value, end=(op == "<="))
            clauses.append(f"v.date {op} ?")
            params.append(day)
        if body:
            try:
                clauses.append("v.body = ?")
                params.append(Body(body.upper()).value)
            except ValueError as exc:
                raise UnvotesError(f"unknown body {body!r}; use GA or SC") from exc
        if kind:
            try:
                params.append(VoteKind(kind.lower()).value)
            except ValueError as exc:
                known = ", ".join(k.value for k in VoteKind)
                raise UnvotesError(f"unknown kind {kind!r}; use one of: {known}") from exc
            clauses.append("v.kind = ?")
        if text:
            # the words are literal: % and _ in them are not wildcards
            clauses.append("(v.title ILIKE ? ESCAPE '\\' OR v.agenda_item ILIKE ? ESCAPE '\\' "
                           "OR array_to_string(v.subjects, ' ') ILIKE ? ESCAPE '\\')")
            literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.extend([f"%{literal}%"] * 3)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    # -- countries -----------------------------------------------------------------

    @cached_property
    def _country_index(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for iso3, iso2 in self.store.rows("SELECT iso3, iso2 FROM countries"):
            index[iso3.upper()] = iso3
            if iso2:
                index.setdefault(iso2.upper(), iso3)
        for iso3, name in self.store.rows(
                "SELECT iso3, name FROM country_names ORDER BY kind <> 'official', iso3"):
            index.setdefault(normalise_name(name), iso3)
        for iso3, name in self.store.rows("SELECT iso3, name FROM countries"):
            index.setdefault(normalise_name(name), iso3)
        return index

    def country_code(self, text: str) -> str:
        """The ISO3 code of a country named by code, name, former name or alias.

        Raises UnknownCountryError with up to three close matches.
        Example: ``rec.country_code("Russia") == "RUS"``.
        """
        key = normalise_name(text)
        if key in self._country_index:
            return self._country_index[key]
        names = {self._country_index[k]: k for k in self._country_index}
        close = difflib.get_close_matches(key, list(self._country_index), n=6, cutoff=0.6)
        suggestions: list[str] = []
        for match in close:
            iso3 = self._country_index[match]
            label = f"{iso3} ({self._display_name(iso3)})"
            if label not in suggestions:
                suggestions.append(label)
        del names
        raise UnknownCountryError(text, suggestions[:3])

    def _display_name(self, iso3: str) -> str:
        return str(self.store.scalar("SELECT name FROM countries WHERE iso3 = ?", [iso3]))

    def country(self, text: str) -> CountryProfile:
        """A state's profile: names over time, membership, groups, votes by year.

        Raises UnknownCountryError. Example: ``rec.country("USA").admitted.year == 1945``.
        """
        iso3 = self.country_code(text)
        c = self.store.dicts("SELECT * FROM countries WHERE iso3 = ?", [iso3])[0]
        names = self.store.dicts("SELECT name, kind, start, \"end\" FROM country_names "
                                 "WHERE iso3 = ? ORDER BY start NULLS FIRST, kind, name", [iso3])
        memberships = self.store.dicts("SELECT start, \"end\" FROM memberships WHERE iso3 = ? "
                                       "ORDER BY start", [iso3])
        groups = self.store.dicts("SELECT group_name AS \"group\", start, \"end\", source "
                                  "FROM group_memberships WHERE iso3 = ? "
                                  "ORDER BY group_name, start", [iso3])
        by_year = self.store.dicts(
            "SELECT v.year, v.body, count(*) AS votes, "
            "count(*) FILTER (p.position = 'Y') AS yes, count(*) FILTER (p.position = 'N') AS no, "
            "count(*) FILTER (p.position = 'A') AS abstain, "
            "count(*) FILTER (p.position = 'X') AS non_voting "
            "FROM positions p JOIN votes v USING (vote_id) WHERE p.iso3 = ? "
            "GROUP BY v.year, v.body ORDER BY v.year, v.body", [iso3])
        return CountryProfile(
            iso3=iso3, name=c["name"], official_name=c["official_name"], iso2=c["iso2"],
            m49=c["m49"], cow=c["cow"], member=bool(c["member"]), admitted=c["admitted"],
            left=c["left"], regional_group=c["regional_group"],
            predecessors=list(c["predecessors"] or []), successors=list(c["successors"] or []),
            note=c["note"], names=names, memberships=memberships, groups=groups,
            votes_by_year=by_year)

    def ideal_points(self, *countries: str, topic: str | None = None,
                     since: int | None = None, until: int | None = None) -> pd.DataFrame:
        """Stored ideal points (``unvotes ideal fit``) of the given states (all when none),
        one row per state-year: ``country, name, year, ideal_point, sd, low, high,
        votes``. Raises StoreError if none are stored for the scope, UnknownCountryError
        for an unknown state. Example: ``rec.ideal_points("USA", "RUS", since=1990)``."""
        from unvotes.ideal.estimates import stored_points

        return stored_points(self, countries, topic=topic, since=since, until=until)

    def ideal_year(self, year: int, *, topic: str | None = None) -> pd.DataFrame:
        """Every state's stored ideal point in ``year``, ranked from the highest (``rank``
        first). Raises StoreError if none are stored. Example: ``rec.ideal_year(2025)``."""
        from unvotes.ideal.estimates import stored_points

        return stored_points(self, topic=topic, year=year)

    def ideal_fit(self, *, topic: str | None = None) -> dict[str, Any]:
        """The stored fit behind :meth:`ideal_points`: settings, data version, votes,
        diagnostics. Raises StoreError if there is none. Example: ``rec.ideal_fit()``."""
        from unvotes.ideal.estimates import stored_fit

        return stored_fit(self, topic=topic)

    def countries(self) -> pd.DataFrame:
        """Every state in the country table, as a DataFrame."""
        return self.store.frame("SELECT * FROM countries ORDER BY iso3")

    def sources(self) -> pd.DataFrame:
        """The sources, their versions and citations, and what the last build took from each."""
        return self.store.frame(
            "SELECT s.*, b.votes_read, b.votes_primary, b.positions_used, b.files, b.sha256 "
            "FROM sources s LEFT JOIN build_sources b USING (source) ORDER BY s.rank, s.source")

    def positions(self, key: str) -> pd.DataFrame:
        """The positions on one vote with each state's name and regional group."""
        vote_id = self.vote_id(key)
        return self.store.frame(
            "SELECT p.iso3, c.name, p.position, c.regional_group, p.source FROM positions p "
            "LEFT JOIN countries c USING (iso3) WHERE p.vote_id = ? ORDER BY p.iso3", [vote_id])


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as plain dicts: None for missing values, lists for array cells,
    ISO dates for days (for JSON and for printing)."""
    out = []
    for row in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        out.append({str(k): (v.tolist() if hasattr(v, "tolist") and not isinstance(v, str)
                             else v) for k, v in row.items()})
    return out


def parse_day(value: dt.date | str, *, end: bool) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UnvotesError(f"bad date {value!r}; use YYYY or YYYY-MM-DD") from exc


def open_record(path: Path | str | None = None) -> Record:
    """Open the record (``$UNVOTES_DB`` or the user data dir by default)."""
    return Record(path)
