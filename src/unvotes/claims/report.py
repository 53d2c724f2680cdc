"""The claim report as Markdown or HTML (the JSON form is ``CheckReport.to_dict()``).

The report leads with the one-line summary, then the votes matched and how sure each
match is, then the claims in article order with verdict, record value and evidence.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from unvotes.claims.model import CheckReport, Claim, Verdict

__all__ = ["to_html", "to_markdown"]

_MARK = {Verdict.SUPPORTED: "✔ supported", Verdict.CONTRADICTED: "✘ contradicted",
         Verdict.NOT_CHECKABLE: "· not checkable"}


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _detail(c: Claim) -> Iterator[str]:
    if c.record_value:
        yield f"record: {c.record_value}"
    if c.reason:
        yield c.reason
    for e in c.evidence[:3]:
        yield f"{e.symbol} ({e.date}): {e.fact}" if e.date else f"{e.symbol}: {e.fact}"
    if len(c.evidence) > 3:
        yield f"... and {len(c.evidence) - 3} more votes"


def to_markdown(report: CheckReport) -> str:
    """The report as a Markdown document."""
    lines = [f"**{report.summary_line}**", ""]
    if report.votes:
        lines += ["| vote | body | date | match | why |", "|---|---|---|---|---|"]
        for v in report.votes:
            sym = v.symbol or v.vote_id
            link = f"[{_md(sym)}]({v.link})" if v.link else _md(sym)
            lines.append(f"| {link} | {v.body} | {v.date} | {v.confidence_label} "
                         f"({v.match_confidence:.2f}) | {_md('; '.join(v.reasons))} |")
        lines.append("")
    for note in report.notes:
        lines.append(f"> {_md(note)}")
    if report.notes:
        lines.append("")
    lines += ["| # | claim | kind | verdict | evidence |", "|---|---|---|---|---|"]
    for i, c in enumerate(report.claims, 1):
        lines.append(f"| {i} | \"{_md(c.text)}\" — {_md(c.statement)} | {c.kind.value} | "
                     f"{_MARK[c.verdict]} | {_md('; '.join(_detail(c)))} |")
    if report.sources:
        lines += ["", "Sources: " + "; ".join(report.sources)]
    return "\n".join(lines) + "\n"


def to_html(report: CheckReport, *, standalone: bool = True) -> str:
    """The report as HTML (a whole page, or a fragment with ``standalone=False``)."""
    e = html.escape
    parts = [f'<p class="summary"><strong>{e(report.summary_line)}</strong></p>']
    if report.votes:
        parts.append('<table class="votes"><thead><tr><th>vote</th><th>body</th><th>date</th>'
                     '<th>match</th><th>why</th></tr></thead><tbody>')
        for v in report.votes:
            sym = e(v.symbol or v.vote_id)
            cell = f'<a href="{e(v.link)}">{sym}</a>' if v.link else sym
            parts.append(f"<tr><td>{cell}</td><td>{e(v.body)}</td><td>{e(str(v.date))}</td>"
                         f"<td>{e(v.confidence_label)} ({v.match_confidence:.2f})</td>"
                         f"<td>{e('; '.join(v.reasons))}</td></tr>")
        parts.append("</tbody></table>")
    for note in report.notes:
        parts.append(f'<p class="note">{e(note)}</p>')
    parts.append('<ol class="claims">')
    for c in report.claims:
        detail = "".join(f"<li>{e(d)}</li>" for d in _detail(c))
        parts.append(
            f'<li class="claim {e(c.verdict.value)}" data-verdict="{e(c.verdict.value)}">'
            f'<q>{e(c.text)}</q> <span class="kind">{e(c.kind.value)}</span> '
            f'<strong class="verdict">{e(c.verdict.value)}</strong>'
            f'<div class="statement">{e(c.statement)}</div>'
            f'<blockquote>{e(c.sentence)}</blockquote><ul>{detail}</ul></li>')
    parts.append("</ol>")
    if report.sources:
        parts.append(f'<p class="sources">Sources: {e("; ".join(report.sources))}</p>')
    body = "\n".join(parts)
    if not standalone:
        return body
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>unvotes claim report</title><style>"
            "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem}"
            ".supported .verdict{color:#1a7f37}.contradicted .verdict{color:#cf222e}"
            ".not-checkable .verdict{color:#6e7781}blockquote{color:#555;margin:.2rem 0}"
            "</style></head><body><h1>Claim report</h1>\n" + body + "\n</body></html>\n")
