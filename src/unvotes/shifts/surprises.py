"""Surprising votes: how expected each state's position on each recorded vote was.

For every vote of the record and every state that voted Yes, Abstain or No, three views
(:mod:`unvotes.shifts.scores`) say how likely that position was from what was known
before the vote, and the surprise is the mean of their ``-log2 P`` in bits:

- **model** (General Assembly votes in the stored ideal-point fit, ``unvotes ideal
  fit``): the vote's fitted items and the state's ideal point the year before (its own
  year's in its first year), calibrated on the record (:func:`~unvotes.shifts.scores.calibrate`);
- **history**: the state's positions on the last 25 votes on the same question held on
  earlier days within 12 years — the same title (normalised, as bridges are found) when
  it has 3 or more such votes, else the vote's rarest topic;
- **partners**: the positions of the state's 5 closest partners (highest agreement on
  General Assembly votes over the three calendar years before; at least 20 votes in
  common) on this vote.

The surprise is the mean of the views' ``-log2 P`` (:mod:`unvotes.shifts.scores`).

:func:`score_record` scores the whole record once (a few seconds); :func:`surprises`
filters and ranks it and writes each row's plain-language reason.

>>> import unvotes  # doctest: +SKIP
>>> surprises(unvotes.open(), symbol="A/RES/ES-11/7").iloc[0]["country"]  # doctest: +SKIP
'USA'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from unvotes.errors import StoreError, UnvotesError
from unvotes.ideal.bridges import MIN_WORDS, normalise_title
from unvotes.metrics.codes import ABSTAIN, NO, YES
from unvotes.shifts.scores import (
    MIN_HISTORY,
    apply_calibration,
    calibrate,
    category_probabilities,
    distribution,
    history_counts,
    observed,
    partner_counts,
    surprise_bits,
)

if TYPE_CHECKING:
    import pandas as pd

    from unvotes.record import Record

__all__ = ["PARTNERS", "SCORE_COLUMNS", "Scores", "score_record", "surprises"]

PARTNERS = 5  # the closest partners whose positions are the partners view
PARTNER_YEARS = 3  # years of GA votes the partners are chosen on
MIN_COMMON = 20  # votes in common before a state can be a partner
HISTORY_WINDOW = 25  # earlier votes on the question: a habit is the whole recent streak
HISTORY_YEARS = 12.0
SURPRISING = 3.0  # bits: counted among a day's other surprising positions above this
LETTER = {YES: "Y", ABSTAIN: "A", NO: "N"}
WORD = {"Y": "Yes", "A": "Abstain", "N": "No"}
SCORE_COLUMNS = ["vote_id", "symbol", "date", "body", "country", "position", "surprise",
                 "p_model", "p_history", "p_partners", "n_history", "n_partners"]


@dataclass(frozen=True, eq=False)
class _Body:
    """One body's votes as a matrix, with what the reasons need."""

    codes: np.ndarray  # (votes, states)
    vote_ids: list[str]
    states: list[str]
    days: np.ndarray  # datetime64[D]
    years: np.ndarray
    question: np.ndarray  # (votes,) object: the history view's key per vote
    history_label: np.ndarray  # (votes,) object: how the question reads in a reason
    history: np.ndarray  # (votes, states, 3) earlier Yes, Abstain, No on the question
    partners: np.ndarray  # (votes, states, PARTNERS) column indices, -1 for none


@dataclass(frozen=True, eq=False)
class Scores:
    """The scored record: ``frame`` (one row per state-vote with a position, columns
    :data:`SCORE_COLUMNS`), the per-body matrices the reasons are written from, and the
    agreement per year used to choose partners (``agreement[year]`` ``(states,
    states)`` over :attr:`ga_states`)."""

    frame: pd.DataFrame
    bodies: dict[str, _Body]
    agreement: dict[int, np.ndarray]
    ga_states: list[str]
    ideal: dict[tuple[str, int], float]
    model_fit: str | None  # the ideal-point fit used, or None


def score_record(rec: Record) -> Scores:
    """Score every position on every recorded vote of the record (module docstring).

    The model view needs a stored ideal-point fit (``unvotes ideal fit``); without one
    the other two views still apply. Raises UnvotesError if the record has no votes.
    """
    import pandas as pd

    from unvotes.alignment import Slice, vote_matrix

    ga = vote_matrix(rec, Slice(body="GA"))
    if not ga.vote_ids:
        raise UnvotesError("the record holds no General Assembly vote to score")
    agreement = _agreement_by_year(ga.codes, ga.years)
    ideal, items, model_fit = _ideal(rec)
    frames, bodies = [], {}
    for body in ("GA", "SC"):
        matrix = ga if body == "GA" else vote_matrix(rec, Slice(body="SC"))
        if not matrix.vote_ids:
            continue
        meta = rec.store.frame(
            "SELECT v.vote_id, v.date, v.symbol, v.title, (SELECT list(t.topic) FROM "
            "vote_topics t WHERE t.vote_id = v.vote_id) AS topics FROM votes v WHERE "
            "list_contains(?, v.vote_id)", [matrix.vote_ids]).set_index("vote_id").loc[
            matrix.vote_ids]
        data = _body(matrix, meta, agreement, ga.states)
        bodies[body] = data
        frames.append(_score(body, data, meta, ideal, items))
    frame = pd.concat(frames, ignore_index=True)
    return Scores(frame=frame, bodies=bodies, agreement=agreement, ga_states=list(ga.states),
                  ideal=ideal, model_fit=model_fit)


def _agreement_by_year(codes: np.ndarray, years: np.ndarray) -> dict[int, np.ndarray]:
    """Agreement (Voeten's index) between every pair over the PARTNER_YEARS before each
    year, NaN under MIN_COMMON common votes."""
    from unvotes.metrics import pair_matrices

    out = {}
    for year in range(int(years.min()), int(years.max()) + 1):
        rows = (years >= year - PARTNER_YEARS) & (years < year)
        if rows.sum() < MIN_COMMON:
            continue
        out[year] = np.array(pair_matrices(codes[rows], indices=["agreement"],
                                           min_votes=MIN_COMMON)["agreement"].values)
    return out


def _ideal(rec: Record) -> tuple[dict[tuple[str, int], float],
                                 dict[str, tuple[float, float, float]], str | None]:
    try:
        fit = rec.ideal_fit()
    except StoreError:
        return {}, {}, None
    points = rec.store.rows("SELECT iso3, year, ideal_point FROM ideal_points WHERE fit_id = ?",
                            [fit["fit_id"]])
    items = rec.store.rows("SELECT vote_id, alpha, beta, tau FROM ideal_items WHERE fit_id = ?",
                           [fit["fit_id"]])
    return ({(c, int(y)): float(x) for c, y, x in points},
            {v: (float(a), float(b), float(t)) for v, a, b, t in items},
            f"fit {fit['fit_id']} ({fit['data_version']})")


def _rarest(topics: list[str], frequency: dict[str, int]) -> str | None:
    if not topics:
        return None
    return str(min(topics, key=lambda t: (frequency.get(t, 0), t)))


def _body(matrix: Any, meta: pd.DataFrame, agreement: dict[int, np.ndarray],
          ga_states: list[str]) -> _Body:
    codes, n_votes = matrix.codes, len(matrix.vote_ids)
    days = meta["date"].to_numpy(dtype="datetime64[D]")
    titles = [normalise_title(t) for t in meta["title"]]
    frequency: dict[str, int] = {}
    topic_lists = [list(t) if isinstance(t, list | np.ndarray) else [] for t in meta["topics"]]
    for topics in topic_lists:
        for t in topics:
            frequency[t] = frequency.get(t, 0) + 1
    topic_key = [_rarest(t, frequency) for t in topic_lists]
    history = np.zeros(codes.shape + (3,), dtype=np.int64)
    question = np.empty(n_votes, dtype=object)
    label = np.empty(n_votes, dtype=object)
    # the title first, where it has enough earlier votes; the topic for the other cells
    for keys, kind in ((topic_key, "topic"), (titles, "title")):
        groups: dict[str, list[int]] = {}
        for row, key in enumerate(keys):
            if key and (kind == "topic" or len(key.split()) >= MIN_WORDS):
                groups.setdefault(key, []).append(row)
        for key, rows_list in groups.items():
            rows = np.asarray(rows_list)
            order = rows[np.argsort(days[rows], kind="stable")]
            counts = history_counts(codes[order], days[order], window=HISTORY_WINDOW,
                                    years=HISTORY_YEARS)
            n = counts.sum(axis=2)
            take = (n >= MIN_HISTORY) if kind == "title" else np.ones_like(n, dtype=bool)
            history[order] = np.where(take[:, :, None], counts, history[order])
            enough = take.any(axis=1)
            question[order[enough]] = f"{kind}:{key}"
            label[order[enough]] = (f"votes on {key.replace('_', ' ')}" if kind == "topic"
                                    else "votes titled like this one")
    return _Body(codes=codes, vote_ids=list(matrix.vote_ids), states=list(matrix.states),
                 days=days, years=np.asarray(matrix.years), question=question,
                 history_label=label, history=history, partners=_partners(matrix, agreement, ga_states))


def _partners(matrix: Any, agreement: dict[int, np.ndarray], ga_states: list[str]
              ) -> np.ndarray:
    """Each state's PARTNERS closest GA partners for each vote's year, as columns of
    ``matrix`` (-1 where the partner has no column or there are too few)."""
    ga_index = {s: i for i, s in enumerate(ga_states)}
    column = np.array([matrix.states.index(s) if s in matrix.states else -1
                       for s in ga_states])
    local = np.array([ga_index.get(s, -1) for s in matrix.states])
    by_year: dict[int, np.ndarray] = {}
    for year in np.unique(matrix.years):
        table = np.full((len(matrix.states), PARTNERS), -1)
        values = agreement.get(int(year))
        if values is not None:
            scores = np.where(np.isnan(values), -np.inf, values)
            np.fill_diagonal(scores, -np.inf)
            top = np.argsort(-scores, axis=1, kind="stable")[:, :PARTNERS]
            usable = np.take_along_axis(scores, top, axis=1) > -np.inf
            chosen = np.where(usable, column[top], -1)
            table = np.where(local[:, None] >= 0, chosen[np.maximum(local, 0)], -1)
        by_year[int(year)] = table
    return np.stack([by_year[int(y)] for y in matrix.years])


def _score(body: str, data: _Body, meta: pd.DataFrame,
           ideal: dict[tuple[str, int], float], items: dict[str, tuple[float, float, float]]
           ) -> pd.DataFrame:
    import pandas as pd

    codes = data.codes
    cast = (codes >= YES) & (codes <= NO)
    model = np.full(codes.shape + (3,), np.nan)
    fitted = np.array([v in items for v in data.vote_ids])
    if fitted.any():
        rows = np.flatnonzero(fitted)
        a, b, t = (np.array([items[data.vote_ids[r]][k] for r in rows]) for k in range(3))
        x = np.array([[ideal.get((s, int(data.years[r]) - 1),
                                 ideal.get((s, int(data.years[r])), np.nan))
                       for s in data.states] for r in rows])
        every = category_probabilities(a, b, t, x)  # (rows, states, 3)
        sub = codes[rows]
        usable = (sub >= YES) & (sub <= NO) & ~np.isnan(x)
        happened = np.stack([sub == c for c in (YES, ABSTAIN, NO)], axis=-1)
        curve = calibrate(every[usable].ravel(), happened[usable].ravel().astype(float))
        tuned = apply_calibration(every, curve)
        tuned /= tuned.sum(axis=-1, keepdims=True)
        model[rows] = np.where(usable[:, :, None], tuned, np.nan)
    history = distribution(data.history, minimum=MIN_HISTORY)
    mates = partner_counts(codes, data.partners)
    partners = distribution(mates, minimum=2)
    p_model, p_history, p_partners = (observed(v, codes) for v in (model, history, partners))
    surprise = surprise_bits(np.stack([p_model, p_history, p_partners], axis=-1))
    vote, state = np.nonzero(cast)
    symbols = meta["symbol"].to_numpy(dtype=object)
    frame = pd.DataFrame({
        "vote_id": np.asarray(data.vote_ids, dtype=object)[vote],
        "symbol": symbols[vote], "date": data.days[vote], "body": body,
        "country": np.asarray(data.states, dtype=object)[state],
        "position": np.vectorize(LETTER.get, otypes=[object])(codes[vote, state]),
        "surprise": surprise[vote, state],
        "p_model": p_model[vote, state], "p_history": p_history[vote, state],
        "p_partners": p_partners[vote, state],
        "n_history": data.history.sum(axis=2)[vote, state],
        "n_partners": mates.sum(axis=2)[vote, state],
    }, columns=SCORE_COLUMNS)
    return frame


def surprises(rec: Record, *, symbol: str | None = None, since: dt.date | str | None = None,
              until: dt.date | str | None = None, country: str | None = None,
              body: str | None = None, top: int | None = 20, per_day: bool = True,
              scores: Scores | None = None) -> pd.DataFrame:
    """The most surprising positions, most surprising first, each with its ``reason``:
    on one vote (``symbol``: every state ranked) or across a period, a state, a body.
    Across votes, ``per_day`` keeps a state's most surprising position of each day (a
    batch of similar texts voted together tells one story; the reason counts the
    others). ``scores``: a :func:`score_record` result to reuse (computed otherwise).

    Raises UnknownVoteError / UnknownCountryError for what is not in the record,
    UnvotesError for a bad date or body.

    >>> import unvotes  # doctest: +SKIP
    >>> surprises(unvotes.open(), since="2025-01-01", top=5)  # doctest: +SKIP
    """
    from unvotes.record import parse_day

    s = scores if scores is not None else score_record(rec)
    frame = s.frame
    if symbol is not None:
        frame = frame[frame["vote_id"] == rec.vote_id(symbol)]
    if since is not None:
        frame = frame[frame["date"] >= np.datetime64(parse_day(since, end=False))]
    if until is not None:
        frame = frame[frame["date"] <= np.datetime64(parse_day(until, end=True))]
    if country is not None:
        frame = frame[frame["country"] == rec.country_code(country)]
    if body is not None:
        if body.upper() not in ("GA", "SC"):
            raise UnvotesError(f"unknown body {body!r}; use GA or SC")
        frame = frame[frame["body"] == body.upper()]
    frame = frame.dropna(subset=["surprise"]).sort_values(
        ["surprise", "date", "country"], ascending=[False, False, True], kind="stable")
    more = None
    if per_day and symbol is None:
        strong = frame[frame["surprise"] >= SURPRISING]
        more = strong.groupby(["country", "date"]).size() - 1
        frame = frame.drop_duplicates(["country", "date"], keep="first")
    if top is not None:
        frame = frame.head(top)
    frame = frame.reset_index(drop=True)
    reasons = [_reason(s, row) for row in frame.itertuples(index=False)]
    if more is not None:
        extra = [int(more.get((r.country, r.date), 0)) for r in frame.itertuples(index=False)]
        reasons = [f"{text}; and {n} more surprising position{'s' if n > 1 else ''} that day"
                   if n > 0 else text for text, n in zip(reasons, extra, strict=True)]
    frame["reason"] = reasons
    frame["date"] = frame["date"].astype("datetime64[s]").dt.date
    return frame


def _reason(s: Scores, row: Any) -> str:
    """One row's reason in plain words (module docstring's three views)."""
    data = s.bodies[row.body]
    j, i = data.vote_ids.index(row.vote_id), data.states.index(row.country)
    code = data.codes[j]
    word = WORD[row.position]
    parts = [f"voted {word}" + _with(s, data, j, i)]
    if not np.isnan(row.p_history):
        parts.append(_history(data, j, i))
    if not np.isnan(row.p_partners):
        mates = [data.states[k] for k in data.partners[j, i] if k >= 0
                 and YES <= code[k] <= NO]
        letters = [LETTER[int(code[data.states.index(m)])] for m in mates]
        majority = max(sorted(set(letters)), key=letters.count)
        agreeing = sum(1 for x in letters if x == row.position)
        if agreeing < len(letters):
            parts.append(f"{agreeing} of its {len(letters)} closest partners did "
                         f"({', '.join(mates)}: mostly {WORD[majority]})")
        else:
            parts.append(f"as did its closest partners ({', '.join(mates)})")
    if not np.isnan(row.p_model):
        parts.append(f"the ideal-point model gave {word} a {_percent(row.p_model)} chance")
    return "; ".join(parts)


def _percent(p: float) -> str:
    return f"{p:.0%}" if p >= 0.01 else f"{p:.1%}" if p >= 0.001 else "<0.1%"


def _with(s: Scores, data: _Body, j: int, i: int) -> str:
    """`` with RUS, BLR, PRK``: those who voted the same way and usually vote least like
    the state (its lowest agreement the years before)."""
    code = data.codes[j]
    same = [k for k in np.flatnonzero(code == code[i]) if k != i]
    year = int(data.years[j])
    values = s.agreement.get(year)
    if not same or values is None or data.states[i] not in s.ga_states:
        return ""
    me = s.ga_states.index(data.states[i])
    ranked = sorted((values[me, s.ga_states.index(data.states[k])], data.states[k])
                    for k in same if data.states[k] in s.ga_states
                    and not np.isnan(values[me, s.ga_states.index(data.states[k])]))
    unlike = [c for a, c in ranked[:3] if a < 0.7]
    return f" with {', '.join(unlike)}" if unlike else ""


def _history(data: _Body, j: int, i: int) -> str:
    """``had voted Yes on all 6 earlier votes on ukraine (2022-2024)``."""
    key = data.question[j]
    rows = [r for r in range(len(data.vote_ids)) if data.question[r] == key
            and data.days[r] < data.days[j]
            and data.days[r] >= data.days[j] - np.timedelta64(int(HISTORY_YEARS * 365.25), "D")]
    rows = sorted(rows, key=lambda r: data.days[r])[-HISTORY_WINDOW:]
    cast = [(r, int(data.codes[r, i])) for r in rows if YES <= data.codes[r, i] <= NO]
    if not cast:
        return "no earlier vote on this question"
    letters = [LETTER[c] for _, c in cast]
    usual = max(sorted(set(letters)), key=letters.count)
    count = letters.count(usual)
    first, last = (str(data.days[cast[0][0]])[:4], str(data.days[cast[-1][0]])[:4])
    span = first if first == last else f"{first}-{last}"
    how = (f"all {len(cast)}" if count == len(cast) else f"{count} of the {len(cast)}")
    return f"had voted {WORD[usual]} on {how} earlier {data.history_label[j]} ({span})"
