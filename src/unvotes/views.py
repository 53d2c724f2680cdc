"""Rich text views for the command line (formatting only; no queries)."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from unvotes.charter import OutcomeView, Pivots, WhatIf
from unvotes.record import POSITION_LABELS, CountryProfile, Vote, frame_records

if TYPE_CHECKING:
    import pandas as pd

    from unvotes.claims import CheckReport
    from unvotes.integrity import DataReport

__all__ = ["print_check", "print_country", "print_report", "print_sources", "print_vote", "print_votes"]

_COLOURS = {"Y": "green", "N": "red", "A": "yellow", "X": "grey50"}
_HEADINGS = {"Y": "Yes", "N": "No", "A": "Abstain", "X": "Non-voting"}


def _outcome_line(o: OutcomeView) -> str:
    margin = "" if o.margin is None else f", margin {o.margin:+d}"
    threshold = "" if o.threshold is None else f"; {o.threshold} affirmative votes needed"
    text = f"Computed: [bold]{o.outcome}[/bold] ({escape(o.rule)}{threshold}{margin})"
    if o.vetoed_by:
        text += f"; vetoed by {', '.join(o.vetoed_by)}"
    if o.alternative_outcome is not None:
        alt_margin = ("" if o.alternative_margin is None
                      else f", margin {o.alternative_margin:+d}")
        text += (f"\n  if an important question ({escape(o.alternative_rule or '')}): "
                 f"{o.alternative_outcome}{alt_margin}"
                 + ("" if o.certain else " — the record does not say which rule applied"))
    if not o.published_basis.startswith("published result"):
        text += f"\nPublished outcome: {o.published_outcome} ({escape(o.published_basis)})"
    if o.agrees is False:
        text += "  [red]computed and published outcomes differ[/]"
    return text


def print_what_if(w: WhatIf, console: Console | None = None) -> None:
    """Print a what-if result."""
    out = console or Console()
    changes = ", ".join(f"{k} {a}→{b}" for k, (a, b) in w.changes.items())
    out.print(f"[bold]{escape(w.symbol or w.vote_id)}[/bold] with {changes}")
    for label, d in (("As recorded", w.before), ("With changes", w.after)):
        margin = "" if d.margin is None else f", margin {d.margin:+d}"
        veto = f"; vetoed by {', '.join(d.vetoed_by)}" if d.vetoed_by else ""
        out.print(f"{label}: [bold]{d.outcome}[/bold] {d.yes}-{d.no}-{d.abstain} "
                  f"({escape(d.rule)}{margin}{veto})")
    out.print("The outcome changes." if w.before.outcome is not w.after.outcome
              else "The outcome does not change.")


def print_pivots(p: Pivots, console: Console | None = None) -> None:
    """Print how close a vote was."""
    out = console or Console()
    d = p.decision
    out.print(f"[bold]{escape(p.symbol or p.vote_id)}[/bold]: {d.outcome} "
              f"{d.yes}-{d.no}-{d.abstain} ({escape(d.rule)})")
    if not p.pivots:
        out.print("No change of positions flips the outcome.")
    table = Table("rule", "move", "states needed", "outcome", "any of")
    for pivot in p.pivots:
        pool = ", ".join(pivot.candidates[:12]) + (
            f" (+{len(pivot.candidates) - 12})" if len(pivot.candidates) > 12 else "")
        table.add_row(escape(pivot.rule), pivot.move, str(pivot.size), pivot.outcome, pool)
    if p.pivots:
        out.print(table)
    if p.single_blockers:
        out.print("Could have vetoed it alone: " + ", ".join(p.single_blockers))
    if p.single_enablers:
        out.print("Abstaining alone, would have let it pass: " + ", ".join(p.single_enablers))


def print_vetoes(frame: pd.DataFrame, *, by: str, console: Console | None = None) -> None:
    """Print vetoes per member and year."""
    out = console or Console()
    if by == "year":
        total = int(frame.drop(columns=["year"]).to_numpy().sum()) if len(frame) else 0
    else:
        total = int(frame["vetoes"].sum()) if len(frame) else 0
    table = Table(*(str(c) for c in frame.columns), title=f"Vetoes ({total} in all)")
    for row in _records(frame):
        table.add_row(*(escape(", ".join(v)) if isinstance(v, list | tuple) else escape(str(v))
                        for v in row.values()))
    out.print(table)


def print_frame(frame: pd.DataFrame, *, title: str, console: Console | None = None) -> None:
    """Print any small frame as a table (numbers to three decimals)."""
    out = console or Console()
    table = Table(*(str(c) for c in frame.columns), title=escape(title))
    for row in _records(frame):
        table.add_row(*(f"{v:.3f}" if isinstance(v, float) else escape(str(v))
                        for v in row.values()))
    out.print(table)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return frame_records(frame)


def _sort_key(name: str) -> str:
    """Alphabetical order that ignores accents (Côte d'Ivoire among the Cs)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name)
                   if not unicodedata.combining(ch)).casefold()


def _tally(t: object) -> str:
    yes, no, abstain, nv = (getattr(t, n) for n in ("yes", "no", "abstain", "non_voting"))
    text = f"{yes}-{no}-{abstain}" if None not in (yes, no, abstain) else (
        f"{yes if yes is not None else '?'}-{no if no is not None else '?'}-"
        f"{abstain if abstain is not None else '?'}")
    return text + (f", {nv} non-voting" if nv else "")


def print_vote(v: Vote, console: Console | None = None) -> None:
    """Print a vote: header, tallies, positions by position and by regional group."""
    out = console or Console()
    out.print(f"[bold]{escape(v.symbol or v.vote_id)}[/bold]  {v.body}  "
              f"{v.date or 'date unknown'}  ({v.kind}; id {escape(v.vote_id)})")
    if v.title:
        out.print(escape(v.title))
    out.print(f"Counted:   {_tally(v.tally)}"
              + (f"   of {v.members} members" if v.members else ""))
    if v.published_tally:
        out.print(f"Published: {_tally(v.published_tally)}")
    if v.published_result:
        out.print(f"Result as published: {escape(v.published_result)}")
    if v.outcome is not None:
        out.print(_outcome_line(v.outcome))
    if v.meeting or v.draft_symbol:
        out.print(escape(f"Meeting: {v.meeting or '-'}   Draft: {v.draft_symbol or '-'}"))
    if not v.positions_complete:
        out.print("[yellow]Only some positions are known; the others are not recorded "
                  "(not non-voting).[/]")
    if v.permanent_members:
        p5 = ", ".join(f"{escape(v.names.get(c, c))} [{_COLOURS.get(v.positions.get(c, ''), 'white')}]"
                       f"{_HEADINGS.get(v.positions.get(c, ''), 'not known')}[/]"
                       for c in v.permanent_members)
        out.print(f"Permanent members: {p5}")
    groups = v.by_position()
    for letter, label in POSITION_LABELS.items():
        codes = groups[label]
        if codes:
            names = sorted((v.names.get(c) or c for c in codes), key=_sort_key)
            out.print(f"[{_COLOURS[letter]}]{_HEADINGS[letter]} ({len(codes)}):[/] "
                      + escape(", ".join(names)))
    regions = sorted({g or "-" for g in v.regional_groups.values()})
    if regions:
        table = Table("regional group", *(_HEADINGS[p] for p in POSITION_LABELS),
                      title="By regional group")
        for region in regions:
            counts = [sum(1 for iso3, pos in v.positions.items()
                          if pos == letter and (v.regional_groups.get(iso3) or "-") == region)
                      for letter in POSITION_LABELS]
            table.add_row(region, *(str(c) for c in counts))
        out.print(table)
    if v.notes:
        out.print(escape("Notes: " + "; ".join(v.notes)))
    out.print(escape("Sources: " + "; ".join(
        f"{s.source} ({s.version})" + (" (positions)" if s.primary else "")
        for s in v.sources)))
    if v.undl_link:
        out.print(escape(f"UN Digital Library: {v.undl_link}"))
    if v.record_updated:
        out.print(escape(f"Record last changed: {v.record_updated:%Y-%m-%d %H:%M} UTC "
                         f"(unvotes sources: versions and citations)"))


def print_votes(frame: pd.DataFrame, console: Console | None = None) -> None:
    """Print a search result as a table, one line a vote (body and kind on wide screens)."""
    out = console or Console()
    has_position = "position" in frame.columns
    widths = {"date": 10, "symbol": max([6, *(len(str(s)) for s in frame["symbol"])]),
              "tally": max([5, *(len(f"{r.yes}-{r.no}-{r.abstain}")
                                 for r in frame.itertuples(index=False))])}
    wide = out.width >= 110
    if wide:
        widths["body"] = 4
        widths["kind"] = max([4, *(len(str(k)) for k in frame["kind"])])
    if has_position:
        widths["pos"] = 3
    table = Table(title=f"{len(frame)} votes")
    for name, width in widths.items():
        table.add_column(name, no_wrap=True, min_width=width)
    room = out.width - sum(widths.values()) - 3 * (len(widths) + 1) - 1
    table.add_column("title", no_wrap=True, overflow="ellipsis", width=max(12, room))
    for row in _records(frame):
        cells = [str(row["date"]), escape(str(row["symbol"] or row["vote_id"])),
                 f"{row['yes']}-{row['no']}-{row['abstain']}"]
        if wide:
            cells += [str(row["body"]), str(row["kind"])]
        if has_position:
            cells.append(f"[{_COLOURS[str(row['position'])]}]{row['position']}[/]")
        cells.append(escape(str(row["title"] or "")))
        table.add_row(*cells)
    out.print(table)


def print_country(p: CountryProfile, console: Console | None = None) -> None:
    """Print a state's profile."""
    out = console or Console()
    out.print(f"[bold]{escape(p.name)}[/bold] ({p.iso3}; ISO2 {p.iso2 or '-'}, M49 {p.m49 or '-'}, "
              f"COW {p.cow or '-'})")
    if p.official_name:
        out.print(escape(p.official_name))
    spans = ", ".join(f"{m['start']} to {m['end'] or 'today'}" for m in p.memberships)
    out.print(f"UN member: {spans or 'never'}; regional group: {p.regional_group or '-'}")
    if p.predecessors:
        out.print("Predecessors: " + ", ".join(p.predecessors))
    if p.successors:
        out.print("Successors: " + ", ".join(p.successors))
    if p.note:
        out.print(escape(f"Note: {p.note}"))
    names = Table("name", "kind", "from", "to", title="Names")
    for n in p.names:
        names.add_row(escape(n["name"]), n["kind"], str(n["start"] or ""), str(n["end"] or ""))
    out.print(names)
    groups = Table("group", "from", "to", "source", title="Groups")
    for g in p.groups:
        groups.add_row(g["group"], str(g["start"] or ""), str(g["end"] or ""),
                       escape(g["source"] or ""))
    out.print(groups)
    years = Table("year", "body", "votes", "yes", "no", "abstain", "non-voting",
                  title="Votes by year")
    for y in p.votes_by_year:
        years.add_row(str(y["year"]), y["body"], str(y["votes"]), str(y["yes"]), str(y["no"]),
                      str(y["abstain"]), str(y["non_voting"]))
    out.print(years)


def print_report(report: DataReport, console: Console | None = None) -> None:
    """Print the integrity report."""
    out = console or Console()
    out.print(f"[bold]Record:[/bold] {report.votes:,} votes, {report.positions:,} positions")
    for f in report.findings:
        out.print(f"\n[bold]{f.check}[/bold]: {f.count:,} — {f.summary}")
        if f.rows:
            table = Table(*f.rows[0].keys())
            for row in f.rows:
                table.add_row(*(escape(str(v)) if v is not None else "" for v in row.values()))
            out.print(table)


def print_sources(frame: pd.DataFrame, console: Console | None = None) -> None:
    """Print the sources table."""
    out = console or Console()
    table = Table("rank", "source", "publisher", "version", "licence", "votes used",
                  title="Sources")
    for row in _records(frame):
        used = "" if row["votes_primary"] is None else f"{int(row['votes_primary']):,}"
        table.add_row(str(row["rank"]), str(row["source"]), escape(str(row["publisher"])),
                      escape(str(row["version"] or "")), escape(str(row["licence"] or "")), used)
    out.print(table)


def print_check(report: CheckReport, console: Console | None = None) -> None:
    """The claim report: summary line, votes matched, claims in article order."""
    from unvotes.claims import Verdict

    console = console or Console()
    console.print(f"[bold]{escape(report.summary_line)}[/bold]")
    for note in report.notes:
        console.print(f"[yellow]{escape(note)}[/yellow]")
    for v in report.votes:
        console.print(f"vote {escape(v.symbol or v.vote_id)} ({v.body}, {v.date}): match "
                      f"{v.confidence_label} {v.match_confidence:.2f} — "
                      f"{escape('; '.join(v.reasons))}")
    style = {Verdict.SUPPORTED: "green", Verdict.CONTRADICTED: "red",
             Verdict.NOT_CHECKABLE: "dim"}
    table = Table(show_lines=False)
    for col in ("#", "claim", "kind", "verdict", "record / evidence"):
        table.add_column(col)
    for i, c in enumerate(report.claims, 1):
        detail = [c.record_value and f"record: {c.record_value}", c.reason,
                  *(f"{e.symbol}: {e.fact}" for e in c.evidence[:2])]
        table.add_row(str(i), escape(f'"{c.text}" — {c.statement}'), c.kind.value,
                      f"[{style[c.verdict]}]{c.verdict.value}[/]",
                      escape("; ".join(d for d in detail if d)))
    console.print(table)
