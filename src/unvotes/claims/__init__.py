"""The claim checker: find the UN votes a news article is about and check its claims.

``check(text)`` (or ``Record.check``) reads an article, matches the votes it reports
(symbol, tally, dates, body, title words, stated positions), extracts the claims the
voting record can settle — tallies, states' positions, alignment with other states,
membership counts, history ("for the first time"), outcome, sponsors — and judges each
``supported``, ``contradicted`` (with the record's value) or ``not-checkable``, with
evidence. docs/claims.md lists the wording each kind of claim is found by.

Example::

    import unvotes
    rec = unvotes.open()
    report = rec.check(open("article.txt").read(), date="2025-02-24")
    print(report.summary_line)
    for claim in report.claims:
        print(claim.verdict, claim.text, claim.record_value)
"""

from __future__ import annotations

from unvotes.claims.check import TIME_LIMIT, Checker, article_date_from_name
from unvotes.claims.model import CheckReport, Claim, ClaimKind, Evidence, MatchedVote, Verdict
from unvotes.claims.report import to_html, to_markdown
from unvotes.claims.text import MAX_CHARS

__all__ = [
    "MAX_CHARS",
    "TIME_LIMIT",
    "CheckReport",
    "Checker",
    "Claim",
    "ClaimKind",
    "Evidence",
    "MatchedVote",
    "Verdict",
    "article_date_from_name",
    "to_html",
    "to_markdown",
]
