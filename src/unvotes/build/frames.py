"""The build's results as one DataFrame per table, in a stable order."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from unvotes.build.merge import Disagreement, RecordVote, ResolvedVote, counted
from unvotes.build.sources import SOURCES
from unvotes.model import Body, Position
from unvotes.rules import Outcome, VoteFacts, decide_vote, published_outcome
from unvotes.symbols import symbol_key

if TYPE_CHECKING:
    from unvotes.build import SourceStats
    from unvotes.countries import CountryTable

__all__ = ["council_size", "record_frames"]


def council_size(date: dt.date | None) -> int:
    """Members of the Security Council on a date: 11, and 15 from 1 January 1966."""
    return 15 if date is None or date >= dt.date(1966, 1, 1) else 11


# A Security Council title that only repeats the symbol says less than the UN Digital
# Library's ("Security Council resolution 2774 (2025) [on ...]"): prefer a longer one.
_BARE_SC_TITLE = re.compile(r"^Security Council resolution \d+ \(\d{4}\)\s*$")


def _title(record: RecordVote) -> str | None:
    ranked = sorted([record.primary, *record.members],
                    key=lambda m: (m.spec.metadata_rank, m.spec.rank))
    titles = [m.vote.title for m in ranked if m.vote.title]
    return next((t for t in titles if not _BARE_SC_TITLE.match(t)), titles[0] if titles else None)


def _vote_row(record: RecordVote, members: int | None) -> dict[str, Any]:
    vote = record.primary.vote
    tally = counted(record)
    # the published tally from the source that ranks first for facts about the vote
    holders = sorted((m for m in [record.primary, *record.members] if m.vote.published),
                     key=lambda m: (m.spec.metadata_rank, m.spec.rank))
    published = holders[0].vote.published if holders else None
    result_holder = next((m for m in sorted([record.primary, *record.members],
                                            key=lambda m: (m.spec.metadata_rank, m.spec.rank))
                          if m.vote.published_result), None)
    symbol = vote.symbol or record.first("symbol")
    return {
        "vote_id": record.vote_id,
        "body": vote.body.value,
        "date": record.date,
        "year": record.date.year if record.date else None,
        "session": record.first("session"),
        "meeting": record.first("meeting"),
        "symbol": symbol,
        "symbol_key": symbol_key(str(symbol)) if symbol else None,
        "draft_symbol": record.first("draft_symbol"),
        "title": _title(record),
        "agenda_item": record.first("agenda_item"),
        "subjects": list(vote.subjects or record.first("subjects") or ()),
        "committee": record.first("committee"),
        "sponsors": list(vote.sponsors or record.first("sponsors") or ()),
        "issue_codes": list(vote.issue_codes or record.first("issue_codes") or ()),
        "kind": vote.kind.value,
        "important": record.first("important"),
        "rcid": record.first("rcid"),
        "published_yes": published.yes if published else None,
        "published_no": published.no if published else None,
        "published_abstain": published.abstain if published else None,
        "published_non_voting": published.non_voting if published else None,
        "published_result": result_holder.vote.published_result if result_holder else None,
        "published_source": (holders[0].spec.source if holders else
                             result_holder.spec.source if result_holder else None),
        "yes": tally.yes, "no": tally.no, "abstain": tally.abstain,
        "non_voting": tally.non_voting,
        "members": members,
        "source": record.primary.spec.source,
        "sources": sorted({record.primary.spec.source, *(m.spec.source for m in record.members)}),
        "undl_link": record.first("undl_link"),
        "notes": list(dict.fromkeys(record.notes)),
        "positions_complete": record.primary.vote.positions_complete,
        "source_url": record.first("source_url"),
    }


_WITHOUT_VOTE = re.compile(r"without (a )?vote|acclamation", re.IGNORECASE)
# sources that list adopted texts only: a resolution in one of them was adopted
ADOPTED_LISTS = ("undl_ga", "undl_sc", "unxml_dgacm_ga", "unxml_dgacm_sc",
                 "undl_scrape_3dl_2025", "undl_scrape_3dl_1946_2021")


def _outcome_row(record: RecordVote, row: dict[str, Any], table: CountryTable
                 ) -> dict[str, Any]:
    vote = record.primary.vote
    published = None
    if None not in (row["published_yes"], row["published_no"], row["published_abstain"]):
        published = (row["published_yes"], row["published_no"], row["published_abstain"])
    # no Y, N or A at all is no recorded vote: the scrapes write a text adopted without a
    # vote as every member non-voting
    no_vote = all(pos is Position.NON_VOTING for pos, _ in record.positions.values())
    without_vote = no_vote and vote.positions_complete and (
        bool(record.positions)
        or any(_WITHOUT_VOTE.search(n) for n in record.notes)
        or bool(row["published_result"] and _WITHOUT_VOTE.search(row["published_result"])))
    facts = VoteFacts(
        body=vote.body, kind=vote.kind, date=record.date,
        positions={iso3: pos for iso3, (pos, _) in record.positions.items()},
        complete=vote.positions_complete and bool(record.positions), published=published,
        title=row["title"], agenda_item=row["agenda_item"], session=row["session"],
        without_vote=without_vote)
    permanent = (table.group_members("P5", on=record.date)
                 if vote.body is Body.SC and record.date else frozenset())
    decision = decide_vote(facts, permanent=permanent)
    said, basis = published_outcome(result=row["published_result"], kind=vote.kind,
                                    sources=row["sources"], adopted_lists=ADOPTED_LISTS,
                                    symbol=row["symbol"])
    alt = decision.alternative
    agrees = None
    if said is not Outcome.UNKNOWN and decision.outcome is not Outcome.UNKNOWN:
        agrees = decision.outcome is said or (alt is not None and alt.outcome is said
                                              and not decision.certain)
    return {
        "vote_id": record.vote_id, "outcome": decision.outcome.value, "rule": decision.rule,
        "threshold": decision.threshold, "margin": decision.margin,
        "vetoed_by": list(decision.vetoed_by), "certain": decision.certain,
        "basis": decision.basis, "alternative_outcome": alt.outcome.value if alt else None,
        "alternative_rule": alt.rule if alt else None,
        "alternative_threshold": alt.threshold if alt else None,
        "alternative_margin": alt.margin if alt else None,
        "published_outcome": said.value, "published_basis": basis, "agrees": agrees,
    }


def _topic_frame(vote_rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Topic tags of the General Assembly votes: Voeten's codes where they stand, else the
    classifier (unvotes.topics); ``coded`` tells which."""
    from unvotes.topics import VOETEN_CODES, is_coded, topics_for_votes

    ga = [row for row in vote_rows if row["body"] == Body.GA.value]
    tags = topics_for_votes(ga)
    rows = []
    for row in ga:
        coded = is_coded(row)
        codes = {VOETEN_CODES[c] for c in row["issue_codes"] if c in VOETEN_CODES}
        for topic in sorted(tags[row["vote_id"]]):
            rows.append({"vote_id": row["vote_id"], "topic": topic.value,
                         "coded": coded and topic in codes})
    return pd.DataFrame(rows, columns=["vote_id", "topic", "coded"])


def _country_frames(table: CountryTable) -> dict[str, pd.DataFrame]:
    countries, names, memberships, groups = [], [], [], []
    for c in table.countries():
        countries.append({
            "iso3": c.iso3, "name": c.name, "official_name": c.official_name, "iso2": c.iso2,
            "m49": c.m49, "cow": c.cow, "admitted": c.admitted, "left": c.left,
            "regional_group": c.regional_group, "member": c.member,
            "predecessors": list(c.predecessors), "successors": list(c.successors),
            "note": c.note or None,
        })
        for n in table.names(c.iso3):
            names.append({"iso3": c.iso3, "name": n.name, "kind": n.kind, "start": n.start,
                          "end": n.end})
        for start, end in c.memberships:
            memberships.append({"iso3": c.iso3, "start": start, "end": end})
        for g in table.groups_of(c.iso3):
            groups.append({"group_name": g.group, "iso3": c.iso3, "start": g.start,
                           "end": g.end, "source": g.source})
    return {
        "countries": pd.DataFrame(countries),
        "country_names": pd.DataFrame(names, columns=["iso3", "name", "kind", "start", "end"]),
        "memberships": pd.DataFrame(memberships, columns=["iso3", "start", "end"]),
        "group_memberships": pd.DataFrame(groups, columns=["group_name", "iso3", "start", "end",
                                                           "source"]),
    }


def record_frames(records: list[RecordVote], disagreements: list[Disagreement],
                  resolved: list[ResolvedVote], *, table: CountryTable, vetoes: list,
                  stats: list[SourceStats], data_dir: Path, started_at: dt.datetime,
                  version: str) -> dict[str, pd.DataFrame]:
    """Every table of a new database as a DataFrame (keys are table names)."""
    records = sorted(records, key=lambda r: (r.date or dt.date.min, r.vote_id))
    ga_cache: dict[dt.date, int] = {}

    def members(record: RecordVote) -> int | None:
        if record.date is None:
            return None
        if record.primary.vote.body is Body.SC:
            return council_size(record.date)
        if record.date not in ga_cache:
            ga_cache[record.date] = len(table.members_on(record.date))
        return ga_cache[record.date]

    vote_rows = [_vote_row(r, members(r)) for r in records]
    votes = pd.DataFrame(vote_rows)
    outcomes = pd.DataFrame([_outcome_row(r, row, table) for r, row in zip(records, vote_rows,
                                                                           strict=True)])
    vote_topics = _topic_frame(vote_rows)
    # stored in vote-id order: DuckDB's zone maps then find one vote's rows without a scan
    position_rows = [(r.vote_id, iso3, pos.value, source)
                     for r in sorted(records, key=lambda r: r.vote_id)
                     for iso3, (pos, source) in sorted(r.positions.items())]
    positions = pd.DataFrame(position_rows, columns=["vote_id", "iso3", "position", "source"])

    role: dict[int, tuple[str, str]] = {}
    for r in records:
        role[id(r.primary)] = (r.vote_id, "primary")
        for m in r.members:
            role[id(m)] = (r.vote_id, "compared")
    source_votes = pd.DataFrame([{
        "source": item.vote.source, "source_key": item.vote.source_key,
        "vote_id": role[id(item)][0], "role": role[id(item)][1], "file": item.vote.file,
        "line": item.vote.line, "positions": len(item.positions),
        "note": "; ".join(item.vote.notes) or None,
    } for item in resolved])
    disagreement_frame = pd.DataFrame(
        [vars(d) if hasattr(d, "__dict__") else {s: getattr(d, s) for s in d.__slots__}
         for d in disagreements],
        columns=["vote_id", "iso3", "field", "source", "value", "other_source", "other_value"])
    sources = pd.DataFrame([{
        "source": s.source, "rank": s.rank, "publisher": s.publisher, "title": s.title,
        "version": s.version, "licence": s.licence, "citation": s.citation, "url": s.url,
        "official": s.official, "lists_complete": s.lists_complete,
        "records_absence": s.records_absence} for s in SOURCES])
    veto_frame = pd.DataFrame([{
        "date": v.date, "draft_symbol": v.draft_symbol, "meeting": v.meeting_record,
        "agenda_item": v.agenda_item, "vetoed_by": list(v.vetoed_by), "file": v.file,
        "line": v.line} for v in vetoes],
        columns=["date", "draft_symbol", "meeting", "agenda_item", "vetoed_by", "file", "line"])
    builds = pd.DataFrame([{
        "build_id": 1, "started_at": started_at,
        "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "unvotes_version": version, "data_dir": str(data_dir.resolve()),
        "votes": len(votes), "positions": len(positions)}])
    build_sources = pd.DataFrame([{
        "build_id": 1, "source": s.source, "files": s.files, "sha256": s.sha256,
        "votes_read": s.votes_read, "positions_read": s.positions_read,
        "votes_primary": s.votes_primary, "positions_used": s.positions_used,
        "seconds": s.seconds} for s in stats])
    return {
        "sources": sources, "votes": votes, "positions": positions,
        "outcomes": outcomes, "vote_topics": vote_topics,
        "source_votes": source_votes, "disagreements": disagreement_frame,
        **_country_frames(table), "veto_list": veto_frame, "builds": builds,
        "build_sources": build_sources,
    }
