"""Change points in a series of votes: binary segmentation of a weighted mean, pure NumPy.

A series is one value per voting day (the mean over that day's votes of, say, the
agreement of two states), in date order, with a weight (the day's votes, capped at
:data:`WEIGHT_CAP`: votes taken the same day on similar texts are not independent).
Between change points the series is a constant mean plus noise of variance
``sigma^2 / weight``; a change point is where the mean moves.

**Method.** Binary segmentation (Scott & Knott 1974; Killick, Fearnhead & Eckley 2012
compare it with PELT): the split of a segment that most reduces the weighted squared
error is kept when the reduction, in units of ``sigma^2``, beats the BIC penalty
``2 log(days)`` (a new mean and its location) and both sides hold at least ``min_days`` voting days and the
means differ by at least ``min_change``; then each side is searched again. It finds the
same single changes as PELT, costs one cumulative sum per level, runs over thousands
of series a second, and its splits come with a natural strength. ``sigma^2`` is
estimated from the series itself by the difference-based estimator, the mean of
``w' (x[t+1] - x[t])^2`` with ``w' = 1 / (1/w[t] + 1/w[t+1])`` (the difference of two
days has variance ``sigma^2 / w'``), which a shift in the mean barely moves (Hall, Kay &
Titterington 1990).

**Confidence.** A split's reduction ``R`` (in ``sigma^2``) over the penalty is a BIC
difference; ``1 / (1 + exp(-(R - penalty) / 2))`` reads it as the posterior probability
of a change against none, with even prior odds — 0.5 at the threshold, near 1 for a
clear break.

>>> import numpy as np
>>> x = np.r_[np.full(40, 0.9), np.full(40, 0.3)] + np.tile([0.02, -0.02], 40)
>>> [c.index for c in segment(x, np.ones(80))]
[40]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["MIN_CHANGE", "MIN_DAYS", "PENALTY", "WEIGHT_CAP", "Change", "noise", "segment"]

PENALTY = 2.0  # x log(days): BIC (a new mean and its location: two parameters)
MIN_DAYS = 3  # voting days on each side of a change: a break shows within days
MIN_CHANGE = 0.1  # the smallest move of the mean worth reporting (agreement: 10 points)
WEIGHT_CAP = 10.0  # a day counts as at most this many independent votes


@dataclass(frozen=True)
class Change:
    """A change point: the series' mean moves from ``before`` to ``after`` at ``index``
    (the first day of the new segment); ``evidence`` is the split's reduction of the
    weighted squared error in units of ``sigma^2`` minus the penalty, ``confidence`` its
    reading as a probability (module docstring)."""

    index: int
    before: float
    after: float
    evidence: float
    confidence: float

    @property
    def size(self) -> float:
        """``after - before``."""
        return self.after - self.before


def noise(values: np.ndarray, weights: np.ndarray) -> float:
    """The per-unit-weight noise variance ``sigma^2`` of a series, by the difference-based
    estimator (module docstring); a small positive floor for a constant series.

    >>> import numpy as np
    >>> round(noise(np.array([0.0, 1.0, 0.0, 1.0]), np.ones(4)), 3)
    0.5
    """
    if len(values) < 2:
        return 1e-4
    harmonic = 1.0 / (1.0 / weights[1:] + 1.0 / weights[:-1])
    estimate = float((harmonic * np.diff(values) ** 2).mean())
    return max(estimate, 1e-4)


def _best_split(x: np.ndarray, w: np.ndarray, min_days: int) -> tuple[int, float]:
    """The split of ``x`` (weights ``w``) that most reduces the weighted squared error, as
    ``(index, reduction)``; ``(-1, 0)`` if no split leaves ``min_days`` on each side."""
    n = len(x)
    if n < 2 * min_days:
        return -1, 0.0
    cw, cx = np.cumsum(w), np.cumsum(w * x)
    total_w, total_x = cw[-1], cx[-1]
    k = np.arange(min_days, n - min_days + 1)  # the new segment starts at k
    left_w, left_x = cw[k - 1], cx[k - 1]
    right_w, right_x = total_w - left_w, total_x - left_x
    # reduction of sum w (x - mean)^2 when one mean becomes two
    gain = left_x**2 / left_w + right_x**2 / right_w - total_x**2 / total_w
    best = int(np.argmax(gain))
    return int(k[best]), float(gain[best])


def segment(values: np.ndarray, weights: np.ndarray, *, penalty: float = PENALTY,
            min_days: int = MIN_DAYS, min_change: float = MIN_CHANGE,
            sigma2: float | None = None) -> list[Change]:
    """The change points of a series (module docstring), in order of position.

    ``values`` and ``weights`` one per day; weights are capped at :data:`WEIGHT_CAP`.
    ``sigma2``: the noise variance, estimated with :func:`noise` if not given.

    >>> import numpy as np
    >>> segment(np.full(30, 0.5), np.ones(30))
    []
    """
    x = np.asarray(values, dtype=np.float64)
    w = np.minimum(np.asarray(weights, dtype=np.float64), WEIGHT_CAP)
    s2 = noise(x, w) if sigma2 is None else sigma2
    threshold = penalty * math.log(max(len(x), 2))
    found: list[Change] = []
    stack = [(0, len(x))]
    while stack:
        lo, hi = stack.pop()
        k, gain = _best_split(x[lo:hi], w[lo:hi], min_days)
        if k < 0:
            continue
        evidence = gain / s2 - threshold
        cut = lo + k
        before = float(np.average(x[lo:cut], weights=w[lo:cut]))
        after = float(np.average(x[cut:hi], weights=w[cut:hi]))
        if evidence <= 0:
            continue
        if abs(after - before) >= min_change:
            found.append(Change(index=cut, before=before, after=after, evidence=evidence,
                                confidence=1.0 / (1.0 + math.exp(-min(evidence, 700.0) / 2.0))))
        # a significant split too small to report may still hide larger ones inside
        stack += [(lo, cut), (cut, hi)]
    found.sort(key=lambda c: c.index)
    return _local_means(found, x, w)


def _local_means(changes: list[Change], x: np.ndarray, w: np.ndarray) -> list[Change]:
    """Each change's ``before``/``after`` as the means of its neighbouring segments."""
    bounds = [0] + [c.index for c in changes] + [len(x)]
    out = []
    for i, c in enumerate(changes):
        lo, cut, hi = bounds[i], bounds[i + 1], bounds[i + 2]
        out.append(Change(index=cut,
                          before=float(np.average(x[lo:cut], weights=w[lo:cut])),
                          after=float(np.average(x[cut:hi], weights=w[cut:hi])),
                          evidence=c.evidence, confidence=c.confidence))
    return out
