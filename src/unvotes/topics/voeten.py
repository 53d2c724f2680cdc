"""Voeten's issue codes on the record's votes, and how well :func:`classify` agrees.

>>> topics_for_votes([{"vote_id": "x", "title": "Question of Palestine",
...                    "agenda_item": None, "subjects": [], "issue_codes": ["me", "hr"],
...                    "date": None}])["x"] == {Topic.MIDDLE_EAST, Topic.HUMAN_RIGHTS}
True
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from unvotes.errors import UnvotesError
from unvotes.topics.rules import classify
from unvotes.topics.vocabulary import VOETEN_CODES, VOETEN_TOPICS, Topic, parse_topic

__all__ = ["VOETEN_SOURCES", "VOETEN_UNTIL", "ClassifierReport", "TopicScore", "evaluate",
           "is_coded", "topics_for_votes"]

# Sources whose roll calls Voeten coded: "no code" on them means "none of the six".
VOETEN_SOURCES = frozenset({"unvotes_r", "voeten"})
# Voeten's codes are used for votes before this day only. The unvotes package's 2019
# codes (session 74) do not follow his earlier practice: every decolonization and
# development item is uncoded, while nine nuclear items carry all of nu, di, co, ec.
VOETEN_UNTIL = datetime.date(2019, 1, 1)


def _codes(row: Mapping[str, Any]) -> list[str]:
    codes = row.get("issue_codes")
    return [str(c) for c in codes] if codes is not None else []


def is_coded(row: Mapping[str, Any]) -> bool:
    """True if Voeten's codes stand for this vote: it is dated before 2019
    (:data:`VOETEN_UNTIL`, or undated) and carries a code, or one of its ``sources`` is a
    Voeten roll-call source (then "no code" means "none of the six").

    Example: ``is_coded({"issue_codes": [], "sources": ["unvotes_r"]}) is True``.
    """
    day = _day(row)
    if day is not None and day >= VOETEN_UNTIL:
        return False
    if _codes(row):
        return True
    sources = row.get("sources")
    return sources is not None and not VOETEN_SOURCES.isdisjoint(sources)


def _voeten_topics(row: Mapping[str, Any]) -> frozenset[Topic]:
    codes = _codes(row)
    unknown = [c for c in codes if c not in VOETEN_CODES]
    if unknown:
        raise UnvotesError(f"vote {row.get('vote_id')!r}: unknown issue code {unknown[0]!r}; "
                           f"expected one of {', '.join(VOETEN_CODES)}")
    return frozenset(VOETEN_CODES[c] for c in codes)


def _classify_row(row: Mapping[str, Any]) -> frozenset[Topic]:
    subjects = row.get("subjects")
    return classify(title=row.get("title"), agenda_item=row.get("agenda_item"),
                    subjects=list(subjects) if subjects is not None else (),
                    date=_day(row))


def _day(row: Mapping[str, Any]) -> datetime.date | None:
    """The row's date as a day: a date, a datetime, a pandas Timestamp or ISO text."""
    value = row.get("date")
    if value is None or str(value) == "NaT":  # pandas' "no date" in a frame
        return None
    if isinstance(value, datetime.datetime):  # also a pandas Timestamp
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise UnvotesError(f"vote {row.get('vote_id')!r}: unreadable date {value!r}; "
                           "expected YYYY-MM-DD") from exc


def topics_for_votes(rows: Iterable[Mapping[str, Any]]) -> dict[str, frozenset[Topic]]:
    """Each vote's topics, keyed by vote id.

    A row needs ``vote_id``, ``title``, ``agenda_item``, ``subjects``, ``issue_codes`` and
    ``date`` (``sources`` optional). Where Voeten coded the vote (:func:`is_coded`) his
    codes give the six issues; otherwise :func:`classify` does. ``ukraine`` always comes
    from :func:`classify`. Raises UnvotesError on an issue code outside Voeten's six or
    an unreadable date.
    Example: ``topics_for_votes(record.store.dicts("SELECT * FROM votes"))["A/RES/ES-11/7"]``.
    """
    result: dict[str, frozenset[Topic]] = {}
    for row in rows:
        guessed = _classify_row(row)
        if is_coded(row):
            topics = _voeten_topics(row) | (guessed & {Topic.UKRAINE})
        else:
            topics = guessed
        result[str(row["vote_id"])] = topics
    return result


# -- agreement with Voeten --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TopicScore:
    """The classifier against Voeten's codes on one topic."""

    topic: Topic
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def support(self) -> int:
        """How many coded votes Voeten gave this topic."""
        return self.true_positives + self.false_negatives

    @property
    def precision(self) -> float:
        """Share of the classifier's tags that Voeten also gave (1.0 if it gave none)."""
        tagged = self.true_positives + self.false_positives
        return self.true_positives / tagged if tagged else 1.0

    @property
    def recall(self) -> float:
        """Share of Voeten's tags the classifier found (1.0 if Voeten gave none)."""
        return self.true_positives / self.support if self.support else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class ClassifierReport:
    """How well :func:`classify` agrees with Voeten's codes (see :func:`evaluate`)."""

    scores: dict[Topic, TopicScore]
    n_votes: int

    @property
    def micro_f1(self) -> float:
        """F1 over all (vote, topic) pairs of the six topics."""
        tp = sum(s.true_positives for s in self.scores.values())
        fp = sum(s.false_positives for s in self.scores.values())
        fn = sum(s.false_negatives for s in self.scores.values())
        return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0

    def precision(self, topic: Topic | str) -> float:
        """Precision on one topic (a Topic or any name :func:`parse_topic` accepts)."""
        return self.scores[_as_topic(topic)].precision

    def recall(self, topic: Topic | str) -> float:
        """Recall on one topic."""
        return self.scores[_as_topic(topic)].recall

    def f1(self, topic: Topic | str) -> float:
        """F1 on one topic."""
        return self.scores[_as_topic(topic)].f1

    def support(self, topic: Topic | str) -> int:
        """Number of coded votes Voeten gave one topic."""
        return self.scores[_as_topic(topic)].support

    def to_markdown(self) -> str:
        """The report as a Markdown table (as in ``docs/topics.md``)."""
        lines = ["| topic | code | precision | recall | F1 | support |",
                 "|---|---|---:|---:|---:|---:|"]
        for s in self.scores.values():
            lines.append(f"| {s.topic.value} | {s.topic.code} | {s.precision:.3f} | "
                         f"{s.recall:.3f} | {s.f1:.3f} | {s.support} |")
        lines.append(f"\nmicro-F1 {self.micro_f1:.3f} on {self.n_votes} coded votes")
        return "\n".join(lines)


def _as_topic(topic: Topic | str) -> Topic:
    return topic if isinstance(topic, Topic) else parse_topic(topic)


def evaluate(rows: Iterable[Mapping[str, Any]]) -> ClassifierReport:
    """:func:`classify` against Voeten's codes on the votes he coded.

    A vote counts if :func:`is_coded` (pass ``sources`` in the rows so that coded votes
    with none of the six count too; without it only votes carrying a code are scored,
    which flatters precision). A topic Voeten did not give a coded vote counts as "not
    this topic". Raises UnvotesError on an unknown issue code. Example:
    ``evaluate(rows).micro_f1``.
    """
    counts = {t: [0, 0, 0] for t in VOETEN_TOPICS}
    n = 0
    for row in rows:
        if not is_coded(row):
            continue
        n += 1
        want = _voeten_topics(row)
        got = _classify_row(row)
        for topic, c in counts.items():
            if topic in got and topic in want:
                c[0] += 1
            elif topic in got:
                c[1] += 1
            elif topic in want:
                c[2] += 1
    return ClassifierReport(
        scores={t: TopicScore(t, *c) for t, c in counts.items()}, n_votes=n)
