"""The integrity report of a built record (``unvotes check-data``).

Each check is a query over the record and yields a :class:`Finding` with a count, a
plain-language summary and example rows. Nothing here changes the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from unvotes.record import Record

__all__ = ["DataReport", "Finding", "check_data"]


@dataclass(slots=True)
class Finding:
    """One check: its name, how many cases, what it means, and example rows."""

    check: str
    count: int
    summary: str
    rows: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"check": self.check, "count": self.count, "summary": self.summary,
                "rows": [{k: (v.isoformat() if hasattr(v, "isoformat") else v)
                          for k, v in row.items()} for row in self.rows]}


@dataclass(slots=True)
class DataReport:
    """All findings of ``check_data``, with the record's size."""

    votes: int
    positions: int
    findings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``unvotes check-data --json``)."""
        return {"votes": self.votes, "positions": self.positions,
                "findings": [f.to_dict() for f in self.findings]}


def _finding(rec: Record, check: str, summary: str, sql: str, *, limit: int = 25,
             count_sql: str | None = None) -> Finding:
    count = rec.store.scalar(count_sql or f"SELECT count(*) FROM ({sql})")
    rows = rec.store.dicts(f"{sql} LIMIT {limit}") if count else []
    return Finding(check, int(count or 0), summary, rows)


def check_data(rec: Record, *, limit: int = 25) -> DataReport:
    """Run every integrity check over the record. Example: ``check_data(unvotes.open())``."""
    findings = [
        _finding(rec, "tally_mismatch",
                 "votes whose published tally differs from the positions counted",
                 "SELECT vote_id, symbol, date, source, published_source, published_yes, yes, "
                 "published_no, no, "
                 "published_abstain, abstain, published_non_voting, non_voting FROM votes "
                 "WHERE (published_yes IS NOT NULL AND published_yes <> yes) "
                 "OR (published_no IS NOT NULL AND published_no <> no) "
                 "OR (published_abstain IS NOT NULL AND published_abstain <> abstain) "
                 "OR (published_non_voting IS NOT NULL AND non_voting > 0 "
                 "    AND published_non_voting <> non_voting) ORDER BY date", limit=limit),
        _finding(rec, "tally_mismatch_by_source",
                 "the same, by the source of the positions and the source of the published "
                 "tally (a mismatch within one source is a defect of that source; across "
                 "two, a difference between them)",
                 "SELECT source, published_source, count(*) AS votes FROM votes "
                 "WHERE (published_yes IS NOT NULL AND published_yes <> yes) "
                 "OR (published_no IS NOT NULL AND published_no <> no) "
                 "OR (published_abstain IS NOT NULL AND published_abstain <> abstain) "
                 "OR (published_non_voting IS NOT NULL AND non_voting > 0 "
                 "    AND published_non_voting <> non_voting) GROUP BY ALL ORDER BY votes DESC",
                 limit=100),
        _finding(rec, "outcome_disagreements",
                 "votes whose computed outcome differs from the published one, with the "
                 "reason (a permanent member's No on a text the Council adopted means the "
                 "Council held it procedural, which the record does not say)",
                 "SELECT v.vote_id, v.symbol, v.draft_symbol, v.date, v.body, o.outcome, "
                 "o.published_outcome, o.rule, v.yes, v.no, v.abstain, o.vetoed_by, "
                 "CASE WHEN v.body = 'SC' AND o.outcome = 'vetoed' "
                 "     AND o.published_outcome = 'adopted' THEN "
                 "  'permanent member(s) ' || array_to_string(o.vetoed_by, ', ') || "
                 "  ' voted against a text the Council adopted: it treated the question as "
                 "procedural' "
                 "WHEN o.outcome = 'not adopted' AND o.published_outcome = 'adopted' THEN "
                 "  'the counted positions fall short of the ' || o.rule || "
                 "  ' the record implies; the published result says adopted (' || "
                 "  o.published_basis || ')' "
                 "ELSE 'computed ' || o.outcome || ' under ' || o.rule || '; published ' || "
                 "  o.published_outcome || ' (' || o.published_basis || ')' END AS reason "
                 "FROM outcomes o JOIN votes v USING (vote_id) WHERE o.agrees = false "
                 "ORDER BY v.date", limit=limit),
        _finding(rec, "outcome_uncertain",
                 "votes whose outcome the record cannot settle (the rule is open and the two "
                 "readings differ, or positions are known only in part), by body and reason",
                 "SELECT v.body, o.outcome, o.alternative_outcome, "
                 "v.positions_complete, count(*) AS votes FROM outcomes o JOIN votes v "
                 "USING (vote_id) WHERE NOT o.certain GROUP BY ALL ORDER BY votes DESC",
                 limit=100),
        _finding(rec, "no_positions",
                 "votes with no member positions (adopted without a vote, or positions "
                 "not known)",
                 "SELECT vote_id, symbol, date, source, published_result, notes FROM votes "
                 "WHERE yes + no + abstain + non_voting = 0 ORDER BY date", limit=limit),
        _finding(rec, "duplicate_votes",
                 "the same day, body and tally more than once, where a symbol repeats or is "
                 "missing: a source holding one vote twice (under its symbol and its draft, "
                 "or two roll-call ids)",
                 "SELECT body, date, yes, no, abstain, list(coalesce(symbol, draft_symbol)) "
                 "AS symbols, list(vote_id) AS vote_ids FROM votes "
                 "WHERE yes + no + abstain > 0 AND positions_complete "
                 "GROUP BY body, date, yes, no, abstain, non_voting "
                 "HAVING count(*) > 1 AND count(DISTINCT symbol) < count(*) "
                 "AND count(coalesce(symbol, draft_symbol)) > 0 "
                 "ORDER BY date", limit=limit),
        _finding(rec, "outside_membership",
                 "General Assembly positions of states that were not UN members that day",
                 "SELECT p.iso3, v.vote_id, v.symbol, v.date, p.position, p.source "
                 "FROM positions p JOIN votes v USING (vote_id) "
                 "WHERE v.body = 'GA' AND v.date IS NOT NULL AND NOT EXISTS ("
                 "  SELECT 1 FROM memberships m WHERE m.iso3 = p.iso3 AND m.start <= v.date "
                 "  AND (m.\"end\" IS NULL OR v.date < m.\"end\")) ORDER BY v.date, p.iso3",
                 limit=limit),
        _finding(rec, "source_disagreements",
                 "differences between overlapping sources, by pair of sources and field "
                 "(the record keeps the first source's value; every row is in the "
                 "'disagreements' table)",
                 "SELECT source, other_source, field, count(*) AS cases, "
                 "count(DISTINCT vote_id) AS votes FROM disagreements "
                 "GROUP BY ALL ORDER BY cases DESC", limit=100,
                 count_sql="SELECT count(*) FROM disagreements"),
        _finding(rec, "sc_numbering_gaps",
                 "Security Council resolution numbers missing from the record",
                 "WITH n AS (SELECT DISTINCT CAST(regexp_extract(symbol, 'S/RES/(\\d+)', 1) "
                 "AS INTEGER) AS num FROM votes WHERE body = 'SC' AND symbol LIKE 'S/RES/%') "
                 "SELECT g.num AS missing FROM range(1, (SELECT max(num) FROM n) + 1) "
                 "AS g(num) WHERE g.num NOT IN (SELECT num FROM n) ORDER BY 1", limit=limit),
        _finding(rec, "absences_unknown",
                 "General Assembly votes whose absences are unknown: every source that has "
                 "them dropped absent members, so absent and non-member look alike "
                 "(by year; share of that year's votes)",
                 "SELECT year, count(*) AS votes, round(count(*) / any_value(t.total), 2) "
                 "AS share FROM votes v JOIN (SELECT year, count(*) AS total FROM votes "
                 "WHERE body = 'GA' GROUP BY year) t USING (year) "
                 "WHERE v.body = 'GA' AND v.yes + v.no + v.abstain > 0 AND NOT EXISTS ("
                 "  SELECT 1 FROM sources s WHERE list_contains(v.sources, s.source) "
                 "  AND (s.records_absence OR s.lists_complete)) "
                 "GROUP BY year ORDER BY year", limit=100),
        _finding(rec, "coverage",
                 "votes per year and body, with the sources used (years with no votes are "
                 "listed with 0)",
                 "WITH y AS (SELECT range AS year FROM range(1946, (SELECT max(year) + 1 FROM "
                 "votes))), b AS (SELECT unnest(['GA', 'SC']) AS body) "
                 "SELECT y.year, b.body, count(v.vote_id) AS votes, "
                 "list(DISTINCT v.source) FILTER (v.source IS NOT NULL) AS sources "
                 "FROM y CROSS JOIN b LEFT JOIN votes v ON v.year = y.year AND v.body = b.body "
                 "GROUP BY ALL HAVING count(v.vote_id) = 0 ORDER BY y.year, b.body",
                 limit=200),
        _finding(rec, "unmatched_source_votes",
                 "source votes kept apart because their source repeats a symbol",
                 "SELECT source, source_key, vote_id, file, line, note FROM source_votes "
                 "WHERE vote_id LIKE '%#%' ORDER BY source, line", limit=limit),
    ]
    votes = int(rec.store.scalar("SELECT count(*) FROM votes"))
    positions = int(rec.store.scalar("SELECT count(*) FROM positions"))
    return DataReport(votes, positions, findings)
