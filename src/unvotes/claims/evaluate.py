"""Scoring the claim checker against hand-labelled articles.

A labelled article is ``NAME.txt`` beside ``NAME.yaml`` (format in docs/claims.md):
the votes it is about and its claims, each anchored by a quote of the article, with a
kind and the verdict the record gives. A claim found by the checker answers a label
when their spans overlap and their kinds agree (``position`` and ``alignment`` count as
one family: both say how a state voted); for tallies the part must agree too.

Reported: claim recall (labels answered), verdict accuracy (answered labels with the
right verdict), false "contradicted" verdicts (a contradiction where the label says
otherwise, or on a claim nobody labelled), extra claims, and whether the main vote was
matched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from unvotes.claims.model import CheckReport, Claim, ClaimKind, Verdict
from unvotes.errors import SourceError

__all__ = ["ArticleScore", "EvalSummary", "Label", "LabelledArticle", "load_labelled", "score"]

_FAMILY = {ClaimKind.ALIGNMENT.value: "position", ClaimKind.POSITION.value: "position"}
_KINDS = {k.value for k in ClaimKind}
_VERDICTS = {v.value for v in Verdict}
_PARTS = {"yes", "no", "abstain", "non_voting", "total", "unanimous"}


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled claim: where it is in the article, its kind and its verdict."""

    quote: str
    start: int
    end: int
    kind: str
    verdict: str
    part: str | None = None
    record_value: str | None = None


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    """An article of the evaluation set with its labels."""

    name: str
    text: str
    date: dt.date | None
    votes: tuple[str, ...]
    labels: tuple[Label, ...]


def load_labelled(directory: Path) -> list[LabelledArticle]:
    """Every labelled article in ``directory`` (sorted by name).

    Raises SourceError naming the file and problem for a malformed label file.
    """
    out = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise SourceError(path, mark.line + 1 if mark else None, str(exc)) from exc
        if not isinstance(doc, dict) or "claims" not in doc:
            raise SourceError(path, None, "expected a mapping with 'claims'")
        article = path.with_name(str(doc.get("article") or path.with_suffix(".txt").name))
        if not article.is_file():
            raise SourceError(path, None, f"article {article.name} not found")
        text = article.read_text(encoding="utf-8")
        labels = [_label(path, text, i, c) for i, c in enumerate(doc["claims"] or [], 1)]
        day = doc.get("date")
        votes = tuple(str(v["symbol"]) if isinstance(v, dict) else str(v)
                      for v in doc.get("votes") or [])
        out.append(LabelledArticle(path.stem, text, day if isinstance(day, dt.date) else None,
                                   votes, tuple(labels)))
    return out


def _label(path: Path, text: str, n: int, c: Any) -> Label:
    if not isinstance(c, dict):
        raise SourceError(path, None, f"claim {n}: expected a mapping")
    quote, kind, verdict = str(c.get("quote", "")), str(c.get("kind")), str(c.get("verdict"))
    if kind not in _KINDS:
        raise SourceError(path, None, f"claim {n}: unknown kind {kind!r}")
    if verdict not in _VERDICTS:
        raise SourceError(path, None, f"claim {n}: unknown verdict {verdict!r}")
    part = c.get("part")
    if isinstance(part, bool):  # YAML 1.1 reads a bare yes/no as true/false
        part = "yes" if part else "no"
    if part is not None and part not in _PARTS:
        raise SourceError(path, None, f"claim {n}: unknown part {part!r}")
    occurrence = int(c.get("occurrence", 1))
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            raise SourceError(path, None, f"claim {n}: quote {quote!r} (occurrence "
                                          f"{occurrence}) not in the article")
    rv = c.get("record_value")
    return Label(quote, start, start + len(quote), kind, verdict, part,
                 None if rv is None else str(rv))


@dataclass
class ArticleScore:
    """How the checker did on one article."""

    name: str
    labels: int
    found: int
    answered: int
    right_verdict: int
    false_contradicted: int
    extra_contradicted: int
    main_vote_matched: bool
    misses: list[Label] = field(default_factory=list)
    wrong: list[tuple[Label, Claim]] = field(default_factory=list)
    extra: list[Claim] = field(default_factory=list)


@dataclass
class EvalSummary:
    """The figures over a set of articles."""

    articles: list[ArticleScore]

    def _sum(self, name: str) -> int:
        return sum(int(getattr(a, name)) for a in self.articles)

    @property
    def recall(self) -> float:
        return self._sum("answered") / max(1, self._sum("labels"))

    @property
    def accuracy(self) -> float:
        return self._sum("right_verdict") / max(1, self._sum("answered"))

    def to_dict(self) -> dict[str, Any]:
        """The headline figures."""
        return {
            "articles": len(self.articles), "labels": self._sum("labels"),
            "claims_found": self._sum("found"), "answered": self._sum("answered"),
            "recall": round(self.recall, 3), "verdict_accuracy": round(self.accuracy, 3),
            "false_contradicted": self._sum("false_contradicted"),
            "contradicted_on_unlabelled": self._sum("extra_contradicted"),
            "main_vote_matched": self._sum("main_vote_matched"),
        }


def _compatible(label: Label, claim: Claim) -> bool:
    if _FAMILY.get(label.kind, label.kind) != _FAMILY.get(claim.kind.value, claim.kind.value):
        return False
    if label.kind == "tally" and label.part and claim.part and label.part != claim.part:
        return False
    return claim.start < label.end and label.start < claim.end


def score(article: LabelledArticle, report: CheckReport,
          symbol_key: Any = None) -> ArticleScore:
    """Match the report's claims to the article's labels."""
    claims = list(report.claims)
    used: set[int] = set()
    answered = right = false_contra = 0
    misses: list[Label] = []
    wrong: list[tuple[Label, Claim]] = []
    for label in article.labels:
        pick = next((i for i, c in enumerate(claims) if i not in used and _compatible(label, c)),
                    None)
        if pick is None:
            misses.append(label)
            continue
        used.add(pick)
        answered += 1
        claim = claims[pick]
        if claim.verdict.value == label.verdict:
            right += 1
        else:
            wrong.append((label, claim))
            if claim.verdict is Verdict.CONTRADICTED:
                false_contra += 1
    extra = [c for i, c in enumerate(claims) if i not in used]
    key = symbol_key or (lambda s: s.replace(" ", "").upper())
    main = bool(article.votes) and bool(report.votes) and key(article.votes[0]) in {
        key(report.votes[0].symbol or report.votes[0].vote_id), key(report.votes[0].vote_id)}
    return ArticleScore(article.name, len(article.labels), len(claims), answered, right,
                        false_contra, sum(c.verdict is Verdict.CONTRADICTED for c in extra),
                        main, misses, wrong, extra)


def summarise(scores: Iterable[ArticleScore]) -> EvalSummary:
    """The figures over all articles."""
    return EvalSummary(list(scores))


def labels_by_kind(articles: Sequence[LabelledArticle]) -> dict[str, int]:
    """How many labels of each kind the set holds."""
    out: dict[str, int] = {}
    for a in articles:
        for label in a.labels:
            out[label.kind] = out.get(label.kind, 0) + 1
    return out
