"""Agreement indices between pairs of states, over a position matrix.

:func:`pair_matrices` computes every index for every pair of states at once, from
one-hot indicator matrices (one per position, votes x states) and one matrix product;
:func:`pair_index` computes one index for one pair with plain loops and serves as the
reference the vectorised code is tested against.

The indices (``INDICES``), for two states ``i`` and ``j`` over the ``n`` votes on
which both took a counted position (Y/A/N; also X with ``absence="category"``):

- ``identical``: ``same / n``, the share of identical positions. Voeten, E. (2013),
  "Data and analyses of voting in the United Nations General Assembly", in Reinalda
  (ed.), *Routledge Handbook of International Organization*, 54-66.
- ``agreement``: Lijphart's index of agreement, as in Voeten's data ("agree"):
  ``(same + partial / 2) / n``, identical 1, one side abstains 1/2, Yes against No 0.
  Lijphart, A. (1963), "The Analysis of Bloc Voting in the General Assembly: A
  Critique and a Proposal", *APSR* 57(4): 902-917.
- ``s_abs``, ``s_sq``: Signorino & Ritter's S with positions on the scale Yes 1,
  Abstain 1/2, No 0 (``dmax = 1``): ``S_abs = 1 - 2 mean|xi - xj|`` and
  ``S_sq = 1 - 2 mean (xi - xj)^2``, both in [-1, 1]; ``S_abs = 2 agreement - 1``
  exactly. Signorino, C. S. & Ritter, J. M. (1999), "Tau-b or Not Tau-b: Measuring the
  Similarity of Foreign Policy Positions", *ISQ* 43(1): 115-144.
- ``kappa``, ``scott_pi``: chance-corrected agreement over the categories Y/A/N (and X
  with ``absence="category"``): ``(po - pe) / (1 - pe)`` with ``po = same / n`` and
  ``p_i(c)`` the share of the ``n`` common votes on which ``i`` took ``c``. Cohen:
  ``pe = sum_c p_i(c) p_j(c)``; Scott: ``pe = sum_c ((p_i(c) + p_j(c)) / 2)^2``. At
  most 1, no fixed floor. **NaN when pe = 1**, i.e. both states took one and the same
  position on every common vote (constant voters: agreement by chance cannot be told
  from agreement); two constant voters on different sides give kappa 0 and pi -1.
  Cohen, J. (1960), "A coefficient of agreement for nominal scales", *Educational and
  Psychological Measurement* 20(1): 37-46; Scott, W. A. (1955), "Reliability of
  content analysis", *Public Opinion Quarterly* 19(3): 321-325; for foreign-policy
  similarity Häge, F. M. (2011), "Choice or Circumstance? Adjusting Measures of Foreign
  Policy Similarity for Chance Agreement", *Political Analysis* 19(3): 287-305.
- ``coincidence``: the US State Department's "voting coincidence" (annual report to
  Congress *Voting Practices in the United Nations*): ``same / (same + opposite)`` over
  the votes where both voted Yes or No; abstentions and non-voting are left out
  whatever ``absence`` says, and ``n_votes`` counts those Yes/No votes only.

Common rules, for every index:

- A vote counts for a pair only when both states have a position on it: code 0 (not
  a member, unknown) on either side removes the vote for that pair, always.
- ``absence="drop"`` (default): non-voting (X) is treated like code 0 — the vote is
  left out for that pair. ``absence="category"``: X is a fourth position. For
  ``identical``, ``kappa`` and ``scott_pi`` it is a fourth category (X = X is
  identical). For ``agreement``, ``s_abs`` and ``s_sq`` X = X is distance 0 and X
  against Y, A or N is distance 1/2 (half agreement: a state that stays away neither
  sides with nor against the other); Yes/No keep their scale. ``coincidence`` is
  defined on Yes/No only and ignores ``absence``.
- ``drop_unanimous``: a vote is unanimous when the states of the matrix that voted
  Y/A/N all took the same position (or none did); such votes are removed before any
  index is computed. Unanimity is judged on the whole matrix, not pair by pair, and
  ignores X even with ``absence="category"``.
- ``important_only``: keep only votes flagged in ``important`` (the US State
  Department's "important votes").
- ``min_votes``: a pair with fewer usable votes than this gets NaN. ``n_votes`` holds
  the usable count whatever its value (for ``coincidence``, the Yes/No-only count).
- The diagonal is the state against itself (1, or NaN where undefined).

>>> import numpy as np
>>> m = pair_matrices(np.array([[1, 1], [1, 3]], dtype=np.int8), indices=["agreement"])
>>> float(m["agreement"].values[0, 1])
0.5
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from unvotes.metrics.codes import (
    ABSTAIN,
    NO,
    NON_VOTING,
    YES,
    MetricsError,
    check_codes,
)

__all__ = [
    "ABSENCE_MODES",
    "INDICES",
    "PairMatrix",
    "pair_index",
    "pair_matrices",
    "vote_mask",
]

INDICES: tuple[str, ...] = (
    "identical", "agreement", "s_abs", "s_sq", "kappa", "scott_pi", "coincidence",
)
Absence = Literal["drop", "category"]
ABSENCE_MODES: tuple[str, ...] = ("drop", "category")

# Category order for the one-hot blocks; X comes last so "drop" simply uses the first 3.
_CATEGORIES = (YES, ABSTAIN, NO, NON_VOTING)


@dataclass(frozen=True, eq=False)
class PairMatrix:
    """One index for every pair of states.

    ``values[i, j]`` is the index between states ``i`` and ``j`` (the columns of the
    position matrix), symmetric, NaN where undefined or where fewer than ``min_votes``
    votes were usable; ``n_votes[i, j]`` is how many votes were usable for the pair.
    Both arrays are read-only (several indices share one ``n_votes``); copy to edit.

    >>> PairMatrix("identical", np.ones((1, 1)), np.ones((1, 1), dtype=np.int64)).index
    'identical'
    """

    index: str
    values: np.ndarray
    n_votes: np.ndarray


def _check_options(indices: Sequence[str], absence: str, min_votes: int) -> list[str]:
    if isinstance(indices, str):
        indices = [indices]
    wanted: list[str] = []
    for name in indices:
        if name not in INDICES:
            raise MetricsError(f"unknown index {name!r}; choose from {', '.join(INDICES)}")
        if name not in wanted:
            wanted.append(name)
    if absence not in ABSENCE_MODES:
        raise MetricsError(f"unknown absence mode {absence!r}; choose from drop, category")
    if isinstance(min_votes, bool) or not isinstance(min_votes, int | np.integer) \
            or min_votes < 1:
        raise MetricsError(f"min_votes must be an integer >= 1, got {min_votes!r}")
    return wanted


def vote_mask(
    codes: Any,
    *,
    drop_unanimous: bool = False,
    important: Any = None,
    important_only: bool = False,
) -> np.ndarray:
    """Return the boolean mask of the votes (rows of ``codes``) an index would use.

    A vote is dropped when ``important_only`` and it is not flagged in ``important``,
    or when ``drop_unanimous`` and at most one distinct Y/A/N position was taken on it
    by the states of the matrix. Raises :class:`MetricsError` when ``important_only``
    is set without ``important``, or ``important`` is not one bool per vote.

    >>> vote_mask(np.array([[1, 1], [1, 3]]), drop_unanimous=True).tolist()
    [False, True]
    """
    arr = check_codes(codes)
    keep = np.ones(arr.shape[0], dtype=bool)
    if important is not None:
        flags = np.asarray(important)
        if flags.dtype != np.bool_ or flags.shape != (arr.shape[0],):
            raise MetricsError(f"important must be a bool array with one flag per vote "
                               f"({arr.shape[0]}), got dtype {flags.dtype} and shape "
                               f"{flags.shape}")
        if important_only:
            keep &= flags
    elif important_only:
        raise MetricsError("important_only=True needs the important flags (important=...)")
    if drop_unanimous:
        distinct = np.zeros(arr.shape[0], dtype=np.int8)
        for code in (YES, ABSTAIN, NO):
            distinct += (arr == code).any(axis=1)
        keep &= distinct >= 2
    return keep


def pair_matrices(
    codes: Any,
    *,
    indices: Sequence[str] = INDICES,
    drop_unanimous: bool = False,
    absence: Absence = "drop",
    important: Any = None,
    important_only: bool = False,
    min_votes: int = 1,
) -> dict[str, PairMatrix]:
    """Compute each index in ``indices`` for every pair of states of ``codes``.

    ``codes`` is a (votes, states) array of position codes (``unvotes.metrics.codes``);
    the options are explained in the module docstring. Returns ``{index: PairMatrix}``
    in the order asked. Raises :class:`MetricsError` on bad codes or options.

    Counts come from one product ``H'H`` of the one-hot matrix ``H = [Y A N (X)]``
    (votes x 3 or 4 blocks of states, float32): its block ``(c, d)`` counts, for each
    pair ``(i, j)``, the votes where ``i`` took position ``c`` and ``j`` position ``d``.
    The common votes are the sum of all blocks, the identical ones the sum of the
    diagonal blocks, the opposite ones blocks ``(Y, N) + (N, Y)``, and the kappa/pi
    margins the sums of each block row. Every index is a ratio of these counts.

    >>> pair_matrices(np.array([[1, 1], [1, 3]]), indices=["identical"])["identical"].values
    array([[1. , 0.5],
           [0.5, 1. ]])
    """
    wanted = _check_options(indices, absence, min_votes)
    arr = check_codes(codes)
    keep = vote_mask(arr, drop_unanimous=drop_unanimous, important=important,
                     important_only=important_only)
    if not keep.all():
        arr = arr[keep]
    n_cat = 4 if absence == "category" else 3
    n_states = arr.shape[1]
    onehot = np.empty((arr.shape[0], n_cat * n_states), dtype=np.float32)
    for c, code in enumerate(_CATEGORIES[:n_cat]):
        np.equal(arr, code, out=onehot[:, c * n_states:(c + 1) * n_states])
    # One product for everything: several small BLAS calls are slower, and far slower
    # when a multi-threaded BLAS shares a busy machine. float32 products of 0/1
    # matrices are exact integer counts below 2**24 votes.
    gram = (onehot.T @ onehot).reshape(n_cat, n_states, n_cat, n_states)
    y, n = _CATEGORIES.index(YES), _CATEGORIES.index(NO)
    counts = _Counts(
        same=_float64(np.einsum("cicj->ij", gram)),
        both_yes_or_no=_float64(gram[y, :, y, :] + gram[n, :, n, :]),
        yes_no=_float64(gram[y, :, n, :]),
        margin=None,
        common=np.zeros(0),
    )
    if {"kappa", "scott_pi"} & set(wanted):
        counts.margin = _float64(gram.sum(axis=2))
        counts.common = counts.margin.sum(axis=0)
    else:
        counts.common = _float64(gram.sum(axis=(0, 2)))
    return _indices_from_counts(counts, wanted, min_votes)


@dataclass
class _Counts:
    """Pair counts (states x states, float64) from which every index is computed."""

    same: np.ndarray  # both took the same counted position
    both_yes_or_no: np.ndarray  # both Yes or both No
    yes_no: np.ndarray  # i Yes, j No (its transpose: i No, j Yes)
    margin: np.ndarray | None  # [c, i, j]: i took c, j took any counted position
    common: np.ndarray  # both took a counted position


def _float64(x: np.ndarray) -> np.ndarray:
    # the counts are exact in float32; the products of counts taken later are not
    return x.astype(np.float64)


def _indices_from_counts(
    counts: _Counts, wanted: list[str], min_votes: int
) -> dict[str, PairMatrix]:
    # Written with in-place operations: for ~200 states the fresh temporaries, not the
    # arithmetic, dominate the run time.
    out: dict[str, PairMatrix] = {}
    common, same = counts.common, counts.same
    common_n = _frozen(common.astype(np.int64))  # exact: the counts are whole numbers
    short = common_n < min_votes
    opposite = counts.yes_no + counts.yes_no.T
    with np.errstate(divide="ignore", invalid="ignore"):
        inverse = np.divide(1.0, common)  # inf on pairs with no vote; masked by `short`
        if "identical" in wanted:
            out["identical"] = _finish("identical", same * inverse, common_n, short)
        # Two different positions are 1/2 apart on the scale, except Yes and No (1
        # apart); that holds with X as a fourth position too (module docstring), so
        # sum|d| = (different + opposite) / 2 and sum d^2 = (different + 3 opposite) / 4.
        if "agreement" in wanted or "s_abs" in wanted:
            mean_dist = common - same
            mean_dist += opposite
            mean_dist *= inverse
            mean_dist *= 0.5
            if "agreement" in wanted:
                out["agreement"] = _finish("agreement", 1.0 - mean_dist, common_n, short)
            if "s_abs" in wanted:
                mean_dist *= -2.0
                mean_dist += 1.0
                out["s_abs"] = _finish("s_abs", mean_dist, common_n, short)
        if "s_sq" in wanted:
            s_sq = opposite * 3.0
            s_sq += common
            s_sq -= same
            s_sq *= inverse
            s_sq *= -0.5
            s_sq += 1.0
            out["s_sq"] = _finish("s_sq", s_sq, common_n, short)
        if counts.margin is not None:
            # (po - pe) / (1 - pe) multiplied through by n^2 (Scott: 4 n^2) keeps both
            # sides exact integers, so pe == 1 (both states constant and alike) is
            # caught exactly as a zero denominator
            margin = counts.margin
            buffer = np.empty_like(common)
            if "kappa" in wanted:
                chance = np.zeros_like(common)  # sum_c p_i(c) p_j(c) n^2
                for block in margin:
                    np.multiply(block, block.T, out=buffer)
                    chance += buffer
                out["kappa"] = _finish("kappa", _ratio(same, common, chance, 1.0),
                                       common_n, short)
            if "scott_pi" in wanted:
                chance = np.zeros_like(common)  # sum_c (p_i(c) + p_j(c))^2 n^2
                for block in margin:
                    np.add(block, block.T, out=buffer)
                    buffer *= buffer
                    chance += buffer
                out["scott_pi"] = _finish("scott_pi", _ratio(same, common, chance, 4.0),
                                          common_n, short)
        if "coincidence" in wanted:
            counted = counts.both_yes_or_no + opposite
            counted_n = _frozen(counted.astype(np.int64))
            out["coincidence"] = _finish("coincidence", counts.both_yes_or_no / counted,
                                         counted_n, counted_n < min_votes)
    return {name: out[name] for name in wanted}


def _ratio(same: np.ndarray, common: np.ndarray, chance: np.ndarray,
           scale: float) -> np.ndarray:
    """``(scale * same * n - chance) / (scale * n^2 - chance)``, NaN where pe == 1."""
    numerator = same * common
    numerator *= scale
    numerator -= chance
    denominator = common * common
    denominator *= scale
    denominator -= chance
    numerator /= denominator
    np.copyto(numerator, np.nan, where=denominator == 0)
    return numerator


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def _finish(name: str, values: np.ndarray, n_votes: np.ndarray, short: np.ndarray) -> PairMatrix:
    # values is always a fresh array here; copyto is much faster than np.where
    np.copyto(values, np.nan, where=short)
    return PairMatrix(index=name, values=_frozen(values), n_votes=n_votes)


def _reference_distance(x: int, y: int) -> float:
    """Distance between two positions, written out rule by rule (the reference)."""
    if x == y:
        return 0.0
    if NON_VOTING in (x, y):
        return 0.5
    if {x, y} == {YES, NO}:
        return 1.0
    return 0.5  # one side abstains


def pair_index(
    a: Any,
    b: Any,
    *,
    index: str,
    absence: Absence = "drop",
    mask: Any = None,
    min_votes: int = 1,
) -> tuple[float, int]:
    """Compute one index for one pair of states, vote by vote (the slow reference).

    ``a`` and ``b`` are the two states' position codes over the same votes; ``mask``
    (one bool per vote, e.g. from :func:`vote_mask`) selects the votes to use. Returns
    ``(value, n_votes)``, value NaN when undefined or ``n_votes < min_votes``. Raises
    :class:`MetricsError` on bad codes, lengths or options.

    >>> pair_index([1, 1, 4], [1, 2, 3], index="agreement")
    (0.75, 2)
    """
    _check_options([index], absence, min_votes)
    xs = check_codes(a, name="a", ndim=1).tolist()
    ys = check_codes(b, name="b", ndim=1).tolist()
    if len(xs) != len(ys):
        raise MetricsError(f"a and b must cover the same votes, got {len(xs)} and {len(ys)}")
    if mask is None:
        use = [True] * len(xs)
    else:
        use = np.asarray(mask, dtype=bool).tolist()
        if len(use) != len(xs):
            raise MetricsError(f"mask must have one flag per vote ({len(xs)}), got {len(use)}")
    if index == "coincidence":
        allowed: tuple[int, ...] = (YES, NO)
    elif absence == "category":
        allowed = (YES, ABSTAIN, NO, NON_VOTING)
    else:
        allowed = (YES, ABSTAIN, NO)
    pairs = [(x, y) for x, y, u in zip(xs, ys, use, strict=True)
             if u and x in allowed and y in allowed]
    n = len(pairs)
    if n < min_votes:
        return float("nan"), n
    same = sum(1 for x, y in pairs if x == y)
    if index in ("identical", "coincidence"):
        return same / n, n
    if index in ("agreement", "s_abs", "s_sq"):
        if index == "s_sq":
            return 1.0 - 2.0 * sum(_reference_distance(x, y) ** 2 for x, y in pairs) / n, n
        mean_d = sum(_reference_distance(x, y) for x, y in pairs) / n
        return (1.0 - mean_d if index == "agreement" else 1.0 - 2.0 * mean_d), n
    po = same / n
    p_a = {c: sum(1 for x, _ in pairs if x == c) / n for c in allowed}
    p_b = {c: sum(1 for _, y in pairs if y == c) / n for c in allowed}
    if index == "kappa":
        pe = sum(p_a[c] * p_b[c] for c in allowed)
    else:  # scott_pi
        pe = sum(((p_a[c] + p_b[c]) / 2) ** 2 for c in allowed)
    if pe == 1.0:
        return float("nan"), n
    return (po - pe) / (1.0 - pe), n
