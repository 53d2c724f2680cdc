"""How expected a position was: three probabilities and their surprise, pure NumPy.

For a state ``i`` on vote ``j`` three independent views each give the probability of the
position it took, each from what was known before the vote:

- **model**: the ideal-point model (:mod:`unvotes.ideal`) with the vote's fitted items and
  the state's position the year before: ``P(No) = Phi(-m)``, ``P(Abstain) = Phi(tau - m)
  - Phi(-m)``, ``P(Yes) = 1 - Phi(tau - m)``, ``m = alpha + beta x``;
- **history**: the state's own positions on the last votes on the same question (the
  same topic, or the same title) held before that day: ``(same + 1/2) / (n + 3/2)``;
- **partners**: the positions its closest partners (by agreement over the years before)
  took on this vote: ``(same + 1/2) / (n + 3/2)``.

The model's probabilities are **calibrated** on the record before use: a one-dimensional
model is overconfident in its tails (on the GA record, positions it gave under one in a
million happened about once in ten thousand), so each is mapped to the share of such
predictions that came true (:func:`calibrate`).

The **surprise** of a position is the mean over the three views of ``-log2 P`` (bits),
a view that does not apply counting as one that knows nothing (log2 3 = 1.58 bits):
0 for a position every view expected, about 10 for a one-in-a-thousand in every view.
The views weigh the same. Weights fitted to predict the record's positions would let
the partners view dominate (it sees the same vote, so it predicts best) and bury a
break that a state's partners shared; for news, a state's own record counts as much.

>>> import numpy as np
>>> round(float(surprise_bits(np.array([0.5, 0.001, np.nan]))), 2)
4.18
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr

from unvotes.metrics.codes import ABSTAIN, NO, YES

__all__ = [
    "FLOOR",
    "MIN_HISTORY",
    "UNINFORMED",
    "apply_calibration",
    "calibrate",
    "category_probabilities",
    "distribution",
    "history_counts",
    "observed",
    "partner_counts",
    "surprise_bits",
]

FLOOR = 1e-6  # no probability below one in a million: 20 bits at most a view
UNINFORMED = float(np.log2(3.0))  # the surprise of a view that knows nothing (1/3 each)
_EDGES = np.array([0.0, 1e-6, 1e-5, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 0.7, 1.0])
MIN_HISTORY = 3  # earlier votes on the question before the history view applies
_CODES = (YES, ABSTAIN, NO)


def category_probabilities(alpha: np.ndarray, beta: np.ndarray, tau: np.ndarray,
                           x: np.ndarray) -> np.ndarray:
    """``(votes, states, 3)``: P(Yes), P(Abstain), P(No) under the ordinal probit.

    >>> import numpy as np
    >>> category_probabilities(np.array([0.0]), np.array([1.0]), np.array([0.0]),
    ...                        np.array([[0.0]])).tolist()
    [[[0.5, 0.0, 0.5]]]
    """
    m = alpha[:, None] + beta[:, None] * x
    t = tau[:, None]
    no, below = ndtr(-m), ndtr(t - m)
    return np.stack([1.0 - below, below - no, no], axis=-1)


def calibrate(predicted: np.ndarray, happened: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A calibration curve for predicted probabilities: over bins of ``predicted`` (every
    category of every cell, on a log scale in the tails), the mean prediction and the
    share that ``happened``, made monotone. Returns ``(mean_predicted, observed)`` for
    :func:`numpy.interp` on a log scale (``apply_calibration``).

    >>> import numpy as np
    >>> x, y = calibrate(np.array([1e-7, 1e-7, 0.5, 0.5]), np.array([0.0, 1.0, 1.0, 0.0]))
    >>> y.tolist()
    [0.5, 0.5]
    """
    which = np.clip(np.searchsorted(_EDGES, predicted, side="right") - 1, 0, len(_EDGES) - 2)
    count = np.bincount(which, minlength=len(_EDGES) - 1).astype(np.float64)
    total = np.bincount(which, weights=predicted, minlength=len(_EDGES) - 1)
    seen = np.bincount(which, weights=happened, minlength=len(_EDGES) - 1)
    keep = count > 0
    mean, share = total[keep] / count[keep], seen[keep] / count[keep]
    return mean, np.maximum.accumulate(np.maximum(share, FLOOR))


def apply_calibration(p: np.ndarray, curve: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """``p`` mapped through a :func:`calibrate` curve (log-log interpolation; NaN kept).

    >>> import numpy as np
    >>> curve = (np.array([1e-6, 1e-2, 0.5]), np.array([1e-3, 1e-2, 0.5]))
    >>> apply_calibration(np.array([1e-6, 0.5, np.nan]), curve).round(4).tolist()
    [0.001, 0.5, nan]
    """
    mean, seen = curve
    logp = np.log(np.maximum(np.where(np.isnan(p), 1.0, p), FLOOR))
    out = np.exp(np.interp(logp, np.log(np.maximum(mean, FLOOR)), np.log(seen)))
    return np.where(np.isnan(p), np.nan, out)


def distribution(counts: np.ndarray, *, minimum: int = 1) -> np.ndarray:
    """Counts of Yes, Abstain, No ``(..., 3)`` as probabilities ``(count + 1/2) / (n +
    3/2)`` (Jeffreys-like smoothing); NaN where fewer than ``minimum`` were counted.

    >>> import numpy as np
    >>> distribution(np.array([[6, 0, 0], [0, 0, 0]])).round(3).tolist()
    [[0.867, 0.067, 0.067], [nan, nan, nan]]
    """
    total = counts.sum(axis=-1, keepdims=True)
    p = (counts + 0.5) / (total + 1.5)
    return np.where(total >= minimum, p, np.nan)


def history_counts(codes: np.ndarray, days: np.ndarray, *, window: int = 10,
                   years: float = 6.0) -> np.ndarray:
    """For the votes of one question in date order ``codes`` ``(votes, states)`` held on
    ``days`` (``datetime64[D]``): for each cell, the state's Yes, Abstain and No on the
    last ``window`` earlier votes (held on an earlier day, at most ``years`` before), as
    ``(votes, states, 3)`` counts.

    >>> import numpy as np
    >>> d = np.array(["2020-01-01", "2021-01-01", "2022-01-01"], dtype="datetime64[D]")
    >>> history_counts(np.array([[1], [1], [3]]), d)[:, 0].tolist()
    [[0, 0, 0], [1, 0, 0], [2, 0, 0]]
    """
    n_votes, n_states = codes.shape
    onehot = np.stack([codes == c for c in _CODES], axis=2).astype(np.int32)
    cumulative = np.zeros((n_votes + 1, n_states, 3), dtype=np.int32)
    np.cumsum(onehot, axis=0, out=cumulative[1:])
    hi = np.searchsorted(days, days, side="left")  # votes held on an earlier day
    since = days - np.timedelta64(int(years * 365.25), "D")
    lo = np.maximum(np.searchsorted(days, since, side="left"), hi - window)
    return cumulative[hi] - cumulative[np.maximum(lo, 0)]


def partner_counts(codes: np.ndarray, partners: np.ndarray) -> np.ndarray:
    """For each cell of ``codes`` ``(votes, states)``: the Yes, Abstain and No of the
    state's partners (``partners`` ``(votes, states, k)`` column indices, -1 for none) on
    that vote, as ``(votes, states, 3)`` counts.

    >>> import numpy as np
    >>> partners = np.array([[[1, 2], [0, 2], [0, 1]]])  # each state's two partners
    >>> partner_counts(np.array([[1, 1, 3]]), partners).tolist()
    [[[1, 0, 1], [1, 0, 1], [2, 0, 0]]]
    """
    rows = np.arange(codes.shape[0])[:, None, None]
    theirs = np.where(partners >= 0, codes[rows, np.maximum(partners, 0)], 0)
    return np.stack([(theirs == c).sum(axis=2) for c in _CODES], axis=-1)


def observed(probabilities: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``(votes, states)``: the probability of the position each cell holds (NaN where it
    holds none or the view does not apply).

    >>> import numpy as np
    >>> observed(np.array([[[0.7, 0.2, 0.1], [0.7, 0.2, 0.1]]]), np.array([[3, 4]])).tolist()
    [[0.1, nan]]
    """
    index = np.clip(codes.astype(np.int64) - YES, 0, 2)[..., None]
    p = np.take_along_axis(probabilities, index, axis=-1)[..., 0]
    return np.where((codes >= YES) & (codes <= NO), p, np.nan)


def surprise_bits(probabilities: np.ndarray) -> np.ndarray:
    """The mean over the last axis (the views) of ``-log2 P``, a view that does not apply
    (NaN) counting as one that knows nothing (:data:`UNINFORMED`: 1/3 for each position),
    so a position is most surprising when every view expected otherwise; NaN where no
    view applies.

    >>> import numpy as np
    >>> surprise_bits(np.array([[0.5, 0.5], [0.5, np.nan], [np.nan, np.nan]])).round(3).tolist()
    [1.0, 1.292, nan]
    """
    bits = -np.log2(probabilities)
    some = (~np.isnan(bits)).any(axis=-1)
    mean = np.where(np.isnan(bits), UNINFORMED, bits).mean(axis=-1)
    return np.where(some, mean, np.nan)
