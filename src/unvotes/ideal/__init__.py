"""Ideal points: states' positions on one dimension, year by year, estimated from their
General Assembly votes with a dynamic ordinal item-response model (variational EM).

- :mod:`~unvotes.ideal.model` (and :mod:`~unvotes.ideal.em`): the estimator, pure
  NumPy/SciPy over a ``(votes, states)`` matrix of position codes
  (:mod:`unvotes.metrics.codes`) and one year per vote;
- :mod:`~unvotes.ideal.bridges`: repeated resolutions, found by their titles;
- :mod:`~unvotes.ideal.bootstrap`: intervals by parametric bootstrap, in parallel;
- :mod:`~unvotes.ideal.estimates`: the record's votes in, estimates stored in and read
  from the database (``Record.ideal_points``, ``unvotes ideal``);
- :mod:`~unvotes.ideal.validate`: comparison with the published Bailey–Strezhnev–Voeten
  estimates or a synthetic truth;
- :mod:`~unvotes.ideal.synthetic`: records drawn from the model, with their truth.

``docs/ideal-points.md`` explains the model, the choices and the validation.

>>> import numpy as np
>>> fit = fit_dynamic(np.array([[1, 3], [3, 1]], dtype=np.int8), np.array([2000, 2001]))
>>> fit.x.shape
(2, 2)
"""

from __future__ import annotations

from unvotes.ideal.estimates import (
    IdealEstimates,
    IdealSettings,
    estimate,
    ideal_input,
    save_estimates,
)
from unvotes.ideal.model import IdealError, IdealFit, Progress, fit_dynamic, fit_static
from unvotes.ideal.synthetic import SyntheticRecord, simulate

__all__ = [
    "IdealError",
    "IdealEstimates",
    "IdealFit",
    "IdealSettings",
    "Progress",
    "SyntheticRecord",
    "estimate",
    "fit_dynamic",
    "fit_static",
    "ideal_input",
    "save_estimates",
    "simulate",
]
