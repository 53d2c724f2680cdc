"""Ideal points: states' positions on one dimension, year by year, estimated from their
General Assembly votes with a dynamic ordinal item-response model (variational EM).

Pure NumPy/SciPy over a ``(votes, states)`` matrix of position codes
(:mod:`unvotes.metrics.codes`) and one year per vote; building that matrix from the
record is the caller's job. :mod:`unvotes.ideal.synthetic` draws records from the
model, with their truth, for tests and benchmarks.

>>> import numpy as np
>>> fit = fit_dynamic(np.array([[1, 3], [3, 1]], dtype=np.int8), np.array([2000, 2001]))
>>> fit.x.shape
(2, 2)
"""

from __future__ import annotations

from unvotes.ideal.model import IdealError, IdealFit, Progress, fit_dynamic, fit_static
from unvotes.ideal.synthetic import SyntheticRecord, simulate

__all__ = [
    "IdealError",
    "IdealFit",
    "Progress",
    "SyntheticRecord",
    "fit_dynamic",
    "fit_static",
    "simulate",
]
