"""Metrics over position matrices: agreement between pairs of states, group cohesion.

Everything here is pure NumPy over a (votes, states) ``int8`` matrix of position codes
(``unvotes.metrics.codes``); building that matrix from the record is the caller's job.

>>> import numpy as np
>>> pair_matrices(np.array([[1, 1], [1, 2]]))["agreement"].values[0, 1]  # doctest: +SKIP
0.75
"""

from __future__ import annotations

from unvotes.metrics.codes import (
    ABSTAIN,
    CODES,
    NO,
    NO_ROW,
    NON_VOTING,
    POSITION_CODES,
    YES,
    MetricsError,
    check_codes,
    encode_positions,
)
from unvotes.metrics.groups import COHESION_MEASURES, cohesion, mean_cohesion
from unvotes.metrics.indices import (
    ABSENCE_MODES,
    INDICES,
    PairMatrix,
    pair_index,
    pair_matrices,
    vote_mask,
)

__all__ = [
    "ABSENCE_MODES",
    "ABSTAIN",
    "CODES",
    "COHESION_MEASURES",
    "INDICES",
    "NO",
    "NON_VOTING",
    "NO_ROW",
    "POSITION_CODES",
    "YES",
    "MetricsError",
    "PairMatrix",
    "check_codes",
    "cohesion",
    "encode_positions",
    "mean_cohesion",
    "pair_index",
    "pair_matrices",
    "vote_mask",
]
