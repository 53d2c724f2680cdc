"""Cohesion of a group of states (a regional group, a bloc), vote by vote.

The input is the position matrix of the group's members only: ``codes[:, members]``
(votes x members, codes from ``unvotes.metrics.codes``). Members with no row (code 0)
or not voting (X, code 4) are not counted on that vote.

- ``rice``: Rice index ``|Y - N| / (Y + N)``; abstentions are ignored, as in Rice's
  two-way yes/no original. 1 = all voting members on one side, 0 = an even split.
  Rice, S. A. (1925), "The Behavior of Legislative Groups: A Method of Measurement",
  *Political Science Quarterly* 40(1): 60-72.
- ``hix``: Hix, Noury & Roland's agreement index
  ``AI = (max(Y, N, A) - (Y + N + A - max(Y, N, A)) / 2) / (Y + N + A)``, which counts
  abstention as a third option: 1 = all alike, 0 = an even three-way split. Hix, S.,
  Noury, A. & Roland, G. (2005), "Power to the Parties", *British Journal of Political
  Science* 35(2): 209-234.

A vote on which no member counted (``Y + N = 0`` for Rice, ``Y + N + A = 0`` for Hix)
has NaN cohesion; :func:`mean_cohesion` averages over the votes where it is defined.

>>> import numpy as np
>>> cohesion(np.array([[1, 1, 3, 2]]), measure="rice").tolist()
[0.3333333333333333]
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from unvotes.metrics.codes import ABSTAIN, NO, YES, MetricsError, check_codes

__all__ = ["COHESION_MEASURES", "cohesion", "mean_cohesion"]

Measure = Literal["rice", "hix"]
COHESION_MEASURES: tuple[str, ...] = ("rice", "hix")


def cohesion(codes_group: Any, *, measure: Measure) -> np.ndarray:
    """Return the cohesion of the group on each vote (float array, one per row).

    ``measure`` is ``"rice"`` or ``"hix"`` (see the module docstring); NaN where no
    member counted. Raises :class:`MetricsError` on bad codes or an unknown measure.

    >>> cohesion(np.array([[1, 1, 3, 2]]), measure="hix").tolist()
    [0.25]
    """
    if measure not in COHESION_MEASURES:
        raise MetricsError(f"unknown cohesion measure {measure!r}; choose from rice, hix")
    arr = check_codes(codes_group, name="codes_group")
    yes = (arr == YES).sum(axis=1)
    no = (arr == NO).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "rice":
            total = yes + no
            value = np.abs(yes - no) / total
        else:
            abstain = (arr == ABSTAIN).sum(axis=1)
            total = yes + no + abstain
            top = np.maximum(np.maximum(yes, no), abstain)
            value = (top - 0.5 * (total - top)) / total
    return np.where(total == 0, np.nan, value).astype(np.float64)


def mean_cohesion(codes_group: Any, *, measure: Measure, mask: Any = None) -> float:
    """Return the mean cohesion over the votes where it is defined (NaN if none).

    ``mask`` (one bool per vote, e.g. from ``unvotes.metrics.vote_mask``) restricts
    the votes averaged. Raises :class:`MetricsError` as :func:`cohesion` does, or when
    ``mask`` does not have one flag per vote.

    >>> mean_cohesion(np.array([[1, 1], [1, 3]]), measure="rice")
    0.5
    """
    per_vote = cohesion(codes_group, measure=measure)
    if mask is not None:
        flags = np.asarray(mask, dtype=bool)
        if flags.shape != per_vote.shape:
            raise MetricsError(f"mask must have one flag per vote ({per_vote.shape[0]}), "
                               f"got shape {flags.shape}")
        per_vote = per_vote[flags]
    defined = per_vote[~np.isnan(per_vote)]
    return float(defined.mean()) if defined.size else float("nan")
