"""Which votes an article is about.

Every vote in the record is a candidate; an article's evidence scores it: a resolution
symbol named (strongest), the tally it states (each count that equals the vote's),
dates (a date in the text, or the article's own date: a report follows its vote), the
body named (Assembly or Council), the words of the vote's title found in the article,
and the positions the article gives (India abstained ...) compared with the vote's.
The best vote is the article's main vote; the best vote of the other body joins it when
the article names that body, and so does any other vote whose stated tally matches in
full. The confidence of a match grows with its score and with its lead over the
runner-up.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from pandas import isna as pd_isna

from unvotes.claims.extract import Found
from unvotes.claims.model import ClaimKind, MatchedVote
from unvotes.claims.text import BodyCue, DateMention

if TYPE_CHECKING:
    import pandas as pd

    from unvotes.record import Record

__all__ = ["VoteIndex", "match_votes"]

_STOP = frozenset(["about", "above", "after", "again", "against", "also", "among", "another", "being", "between", "both", "calling", "call", "concerning", "could", "does", "down", "during", "each", "from", "further", "have", "having", "here", "into", "itself", "more", "most", "other", "over", "same", "should", "some", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "through", "under", "until", "very", "were", "what", "when", "where", "which", "while", "with", "within", "would", "united", "nations", "general", "assembly", "security", "council", "resolution", "resolutions", "draft", "adopted", "question", "situation", "report", "reports", "including", "include", "matters", "matter", "related", "relating", "regarding", "measures", "measure", "committee", "session", "item", "items", "implementation", "annual"])
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_POSITION_CODES = {"Y": "Y", "N": "N", "A": "A", "X": "X", "V": "N"}


def _tokens(text: str | None) -> set[str]:
    if not text:
        return set()
    return {w.strip("'-") for w in _WORD.findall(text.lower())} - _STOP


@dataclass
class VoteIndex:
    """The record's votes in memory: counts, dates and title words, for fast scoring."""

    frame: pd.DataFrame
    idf: dict[str, float]
    postings: dict[str, np.ndarray]
    title_mass: np.ndarray
    rows: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # id -> symbol, draft, date, link

    @classmethod
    def load(cls, record: Record) -> VoteIndex:
        """Read the votes table once (about 10,000 rows)."""
        frame = record.store.frame(
            "SELECT vote_id, body, date, symbol, symbol_key, draft_symbol, kind, title, "
            "agenda_item, yes, no, abstain, non_voting, published_yes, published_no, "
            "published_abstain, published_non_voting, members, positions_complete, undl_link, "
            "source_url, o.outcome, o.vetoed_by FROM votes LEFT JOIN outcomes o USING (vote_id) "
            "ORDER BY date, vote_id")
        frame["date"] = frame["date"].dt.date
        docs = [_tokens(f"{t or ''} {a or ''}") for t, a in zip(frame["title"],
                                                                frame["agenda_item"], strict=True)]
        df: dict[str, int] = defaultdict(int)
        for d in docs:
            for t in d:
                df[t] += 1
        n = len(docs)
        idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        post: dict[str, list[int]] = defaultdict(list)
        for i, d in enumerate(docs):
            for t in d:
                post[t].append(i)
        mass = np.array([sum(idf[t] for t in d) for d in docs], dtype=float)
        rows = {vid: (sym, draft, day, link) for vid, sym, draft, day, link in zip(
            frame["vote_id"], frame["symbol"], frame["draft_symbol"], frame["date"],
            frame["undl_link"], strict=True)}
        return cls(frame, idf, {t: np.array(v) for t, v in post.items()}, mass, rows)


@dataclass
class _Evidence:
    symbols: list[str]
    tallies: dict[str, set[float]]
    full_tallies: list[dict[str, float]]
    dates: list[dt.date]
    article_date: dt.date | None
    bodies: dict[str, int]
    words: set[str]
    positions: list[tuple[str, str, str | None, bool]]  # state, position, body, in the lede
    alignments: list[tuple[str, str, bool, str | None]]  # state, partner, same, body
    vetoers: list[tuple[str, bool]]  # state, in the lede
    veto_named: bool
    lede: set[str]  # the bodies the opening sentences name


def _evidence(text: str, found: Sequence[Found], dates: Sequence[DateMention],
              cues: Sequence[BodyCue], symbols: Sequence[str],
              article_date: dt.date | None) -> _Evidence:
    tallies: dict[str, set[float]] = defaultdict(set)
    per_sentence: dict[int, dict[str, float]] = defaultdict(dict)
    for f in found:
        if f.kind is ClaimKind.TALLY and f.value is not None and f.approx is None and f.part:
            tallies[f.part].add(f.value)
            per_sentence[f.sentence.index][f.part] = f.value
    year = article_date.year if article_date else None
    days = [d for m in dates if (d := m.on(year)) is not None]
    bodies: dict[str, int] = defaultdict(int)
    for c in cues:
        bodies[c.body] += 1
    positions = [(f.country, _POSITION_CODES[f.position], f.body, _in_lede(f))
                 for f in found if f.kind is ClaimKind.POSITION and f.country and f.position
                 and f.position != "V" and not f.past]
    alignments = [(f.country, p, same, f.body) for f in found
                  if f.kind is ClaimKind.ALIGNMENT and f.country and not f.past
                  for p, same in f.partners]
    vetoers = [(f.country, _in_lede(f)) for f in found
               if f.kind is ClaimKind.POSITION and f.position == "V" and f.country and not f.past]
    lede_end = max((f.sentence.end for f in found if f.sentence.index <= 1), default=300)
    lede = {c.body for c in cues if c.start < min(lede_end, 400)}
    veto_named = bool(vetoers) or any(f.kind is ClaimKind.OUTCOME and f.outcome == "vetoed"
                                      for f in found)
    return _Evidence(list(symbols), dict(tallies),
                     [t for t in per_sentence.values() if len(t) >= 2], days, article_date,
                     dict(bodies), _tokens(text), positions, alignments, vetoers, veto_named,
                     lede)


def _in_lede(f: Found) -> bool:
    """Whether a claim is in the opening (a headline and the first sentence)."""
    return f.sentence.index <= 1 and f.start < 400


def _tally_score(frame: pd.DataFrame, ev: _Evidence) -> np.ndarray:
    score = np.zeros(len(frame))
    for part, values in ev.tallies.items():
        if part not in {"yes", "no", "abstain", "non_voting"}:
            continue
        computed = frame[part].to_numpy(dtype=float)
        published = frame[f"published_{part}"].to_numpy(dtype=float, na_value=np.nan)
        hit = np.zeros(len(frame), dtype=bool)
        for v in values:
            hit |= (computed == v) | (published == v)
        score += np.where(hit, 3.0 if part != "non_voting" else 1.0, 0.0)
    return score


def _date_score(frame: pd.DataFrame, ev: _Evidence) -> np.ndarray:
    ordinal = np.array([d.toordinal() if d else 0 for d in frame["date"]], dtype=float)
    score = np.zeros(len(frame))
    for d in ev.dates:
        gap = np.abs(ordinal - d.toordinal())
        score = np.maximum(score, np.where(gap == 0, 4.0, np.where(gap <= 2, 2.5, 0.0)))
    if ev.article_date is not None:
        lag = ev.article_date.toordinal() - ordinal  # a report comes after its vote
        near = np.where((lag >= 0) & (lag <= 1), 4.0,
                        np.where((lag >= 0) & (lag <= 7), 2.5,
                                 np.where((lag >= 0) & (lag <= 31), 1.0, 0.0)))
        score = np.maximum(score, near) - np.where(lag < -1, 3.0, 0.0)
    if ev.article_date is not None:
        # a dated article is about votes of its weeks (or of a date it names), not of
        # other decades
        anchors = [ev.article_date.toordinal()] + [d.toordinal() for d in ev.dates]
        gap = np.min(np.abs(ordinal[:, None] - np.array(anchors)[None, :]), axis=1)
        score = score - np.where(gap > 365, 6.0, np.where(gap > 60, 3.0, 0.0))
    return score


def _text_score(index: VoteIndex, words: Iterable[str]) -> np.ndarray:
    shared = np.zeros(len(index.frame))
    for w in words:
        rows = index.postings.get(w)
        if rows is not None:
            shared[rows] += index.idf[w]
    with np.errstate(invalid="ignore", divide="ignore"):
        frac = np.where(index.title_mass > 0, shared / index.title_mass, 0.0)
    return 4.0 * frac * np.minimum(1.0, index.title_mass / 15.0)


def match_votes(record: Record, index: VoteIndex, text: str, found: Sequence[Found],
                dates: Sequence[DateMention], cues: Sequence[BodyCue],
                symbols: Sequence[str], article_date: dt.date | None
                ) -> tuple[list[MatchedVote], list[MatchedVote]]:
    """The votes an article is about, most likely first (empty if none is likely), and
    runners-up held the same month that may explain some of its claims."""
    ev = _evidence(text, found, dates, cues, symbols, article_date)
    frame = index.frame
    score = _tally_score(frame, ev) + _date_score(frame, ev) + _text_score(index, ev.words)
    reasons: dict[int, list[str]] = defaultdict(list)
    symbol_rows: set[int] = set()
    for sym in ev.symbols:
        try:
            vid = record.vote_id(sym)
        except LookupError:
            continue
        rows = np.flatnonzero(frame["vote_id"].to_numpy() == vid)
        for r in rows:
            score[r] += 12.0
            symbol_rows.add(int(r))
            reasons[int(r)].append(f"symbol {sym} named")
    total_cues = sum(ev.bodies.values())
    if total_cues:
        share = frame["body"].map(lambda b: ev.bodies.get(b, 0) / total_cues).to_numpy()
        score += 2.0 * share
    score -= np.where(frame["kind"].isin(["amendment", "paragraph", "motion"]), 1.0, 0.0)
    if len(ev.lede) == 1:  # the body the article opens with is the main vote's
        score += np.where(frame["body"].to_numpy() == next(iter(ev.lede)), 2.5, 0.0)
    if ev.veto_named:
        vetoed = frame["outcome"].to_numpy() == "vetoed"
        score += np.where(vetoed, 1.5, 0.0)
        for iso3 in {c for c, _ in ev.vetoers}:
            score += 1.5 * frame["vetoed_by"].map(
                lambda v, c=iso3: v is not None and c in list(v)).to_numpy(dtype=float)
    # only the best few go on to the costlier checks
    top = [int(i) for i in np.argsort(-score)[:40]]
    top += [i for i in symbol_rows if i not in top]
    scored = _with_positions(record, frame, [int(r) for r in top], score, ev, reasons)
    if not scored:
        return [], []
    scored.sort(key=lambda item: -item[1])
    best_row, best = scored[0]
    if best < 5.0:
        return [], []
    chosen = [(best_row, best)]
    anchor = frame["date"].iloc[best_row]
    for body in ("GA", "SC"):
        if body == frame["body"].iloc[best_row] or not ev.bodies.get(body):
            continue
        near = _near_anchor(record, index, score, body, anchor, ev, reasons)
        if near is not None:
            chosen.append(near)
    bodies = {b for b, n in ev.bodies.items() if n} or {frame["body"].iloc[best_row]}
    for row, sc in scored[1:]:
        if (row not in {c[0] for c in chosen} and _full_tally(frame, row, ev)
                and frame["body"].iloc[row] in bodies and sc >= best - 6
                and (row in symbol_rows or _days_apart(frame["date"].iloc[row], anchor) <= 400)):
            chosen.append((row, sc))
    # runners-up close in time: the judge adds those that explain claims the chosen
    # votes cannot (a rival draft voted the same week)
    taken = {r for r, _ in chosen}
    spare = [(r, sc) for r, sc in scored if r not in taken and frame["body"].iloc[r] in bodies
             and _days_apart(frame["date"].iloc[r], anchor) <= 31][:10]
    return ([_matched(frame, row, _confidence(row, sc, scored, frame, i > 0), reasons[row])
             for i, (row, sc) in enumerate(chosen)],
            [_matched(frame, row, _confidence(row, sc, scored, frame, True), reasons[row])
             for row, sc in spare])


def _days_apart(a: dt.date | None, b: dt.date | None) -> int:
    return abs((a - b).days) if a is not None and b is not None else 10**6


def _confidence(row: int, sc: float, scored: list[tuple[int, float]], frame: pd.DataFrame,
                secondary: bool) -> float:
    """Grows with the score and with the lead over the best rival of the same body."""
    rivals = [s for r, s in scored if r != row and frame["body"].iloc[r] == frame["body"].iloc[row]]
    margin = sc - max(rivals) if rivals else sc
    conf = (1 - math.exp(-sc / 8.0)) * min(1.0, 0.55 + margin / 6.0)
    if secondary:
        conf = min(conf, 0.9)
    return max(0.0, min(1.0, conf))


def _full_tally(frame: pd.DataFrame, row: int, ev: _Evidence) -> bool:
    for t in ev.full_tallies:
        if all(_equal(frame[p].iloc[row], v) or _equal(frame[f"published_{p}"].iloc[row], v)
               for p, v in t.items() if p in {"yes", "no", "abstain"}):
            return True
    return False


def _equal(held: Any, value: float) -> bool:
    return held is not None and not pd_isna(held) and float(held) == value


def _with_positions(record: Record, frame: pd.DataFrame, rows: list[int], score: np.ndarray,
                    ev: _Evidence, reasons: dict[int, list[str]]) -> list[tuple[int, float]]:
    ids = [frame["vote_id"].iloc[r] for r in rows]
    states = {c for c, *_ in ev.positions} | {c for c, *_ in ev.alignments} | {
        p for _, p, *_ in ev.alignments}
    held: dict[str, dict[str, str]] = defaultdict(dict)
    if states and ids:
        for vid, iso3, pos in record.store.rows(
                "SELECT vote_id, iso3, position FROM positions WHERE list_contains(?, vote_id) "
                "AND list_contains(?, iso3)", [ids, sorted(states)]):
            held[vid][iso3] = pos
    out = []
    for r, vid in zip(rows, ids, strict=True):
        agree = disagree = 0
        lede = 0.0  # what the opening sentence says weighs most: it names the main vote
        body = frame["body"].iloc[r]
        for c, p, hint, first in ev.positions:
            if c in held[vid] and hint in (None, body):
                agree += held[vid][c] == p
                disagree += held[vid][c] != p
                lede += (1.0 if held[vid][c] == p else -1.0) if first else 0.0
        vetoed_by = frame["vetoed_by"].iloc[r]
        for c, first in ev.vetoers:  # a veto is borne out only by a draft that member vetoed
            ok = vetoed_by is not None and c in list(vetoed_by)
            agree += ok
            disagree += not ok
            lede += (1.0 if ok else -1.0) if first else 0.0
        for c, partner, same, hint in ev.alignments:
            if c in held[vid] and partner in held[vid] and hint in (None, body):
                ok = (held[vid][c] == held[vid][partner]) == same
                agree += ok
                disagree += not ok
        bonus = max(-4.0, min(4.0, 1.0 * agree - 1.0 * disagree)) + max(-2.0, min(2.0, lede))
        if agree:
            reasons[r].append(f"{agree} of {agree + disagree} stated positions agree")
        out.append((r, float(score[r]) + bonus))
        _explain(frame, r, ev, reasons)
    return out


def _near_anchor(record: Record, index: VoteIndex, score: np.ndarray, body: str,
                 anchor: dt.date | None, ev: _Evidence,
                 reasons: dict[int, list[str]]) -> tuple[int, float] | None:
    """The best vote of ``body`` for an article mainly about another body's vote."""
    frame = index.frame
    if anchor is None:
        return None
    ordinal = np.array([d.toordinal() if d else 0 for d in frame["date"]], dtype=float)
    gap = ordinal - anchor.toordinal()
    near = np.where(np.abs(gap) <= 1, 3.0, np.where((gap >= -7) & (gap <= 14), 1.5, 0.0))
    # the other body's vote is one of the same weeks, unless the article names it
    # outright (its symbol, or its full tally)
    named = score >= 9.0
    local = np.where((frame["body"].to_numpy() == body) & ((np.abs(gap) <= 60) | named),
                     score + near, -np.inf)
    rows = [int(r) for r in np.argsort(-local)[:15] if np.isfinite(local[r])]
    scored = _with_positions(record, frame, rows, local, ev, reasons)
    if not scored:
        return None
    scored.sort(key=lambda item: -item[1])
    row, sc = scored[0]
    return (row, sc) if sc >= 4.0 else None


def _explain(frame: pd.DataFrame, r: int, ev: _Evidence, reasons: dict[int, list[str]]) -> None:
    if any(x.startswith("tally") for x in reasons[r]):
        return
    hits = []
    for part, values in ev.tallies.items():
        if part in {"yes", "no", "abstain", "non_voting"}:
            got = [frame[part].iloc[r], frame[f"published_{part}"].iloc[r]]
            same = [v for v in values if any(_equal(g, v) for g in got)]
            if same:
                hits.append(f"{part} {int(same[0])}")
    if hits:
        reasons[r].insert(0, "tally " + ", ".join(hits) + " matches")
    d = frame["date"].iloc[r]
    if d is not None and d in ev.dates:
        reasons[r].append(f"date {d.isoformat()} named")
    elif d is not None and ev.article_date and 0 <= (ev.article_date - d).days <= 7:
        reasons[r].append(f"held {(ev.article_date - d).days} day(s) before the article date")
    body = frame["body"].iloc[r]
    if ev.bodies.get(body):
        reasons[r].append(f"{'General Assembly' if body == 'GA' else 'Security Council'} named")
    words = sorted(_tokens(f"{frame['title'].iloc[r] or ''}") & ev.words)
    if words:
        reasons[r].append("title words: " + ", ".join(words[:6]))


def _matched(frame: pd.DataFrame, row: int, conf: float, reasons: list[str]) -> MatchedVote:
    rec = {str(k): v for k, v in frame.iloc[row].to_dict().items()}
    seen: list[str] = []
    for r in reasons:
        if r not in seen:
            seen.append(r)
    return MatchedVote(vote_id=rec["vote_id"], symbol=rec["symbol"] or rec["draft_symbol"],
                       body=rec["body"],
                       date=rec["date"], title=rec["title"], match_confidence=conf,
                       reasons=tuple(seen), link=rec["undl_link"] or rec["source_url"])
