"""Uncertainty by parametric bootstrap, in parallel across cores.

Mean-field variational posteriors are too narrow (``IdealFit.x_sd``), so intervals come
from refitting the model to records drawn from the fit itself: for each replicate,
every cell that holds a Yes, Abstain or No in the real record gets a new position drawn
from the fitted model (``alpha + beta x + e``, cut at ``0`` and ``tau``); the cells that
were missing stay missing. Each replicate is fitted like the original (same bridges,
options and sign reference), started from the fitted positions, and reported on the
same standardised scale, so the spread of a state-year's estimates over the replicates
is its sampling uncertainty. Replicate ``k`` draws with the ``k``-th child of
``numpy.random.SeedSequence(seed)``: the result does not depend on the number of
workers.

The replicates run in worker processes (``spawn``), one BLAS thread each.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any

import numpy as np

from unvotes.errors import IdealError
from unvotes.ideal.model import IdealFit, fit_dynamic
from unvotes.metrics.codes import ABSTAIN, NO, YES

__all__ = ["BootstrapProgress", "draw_codes", "replicate_positions"]

BootstrapProgress = Callable[[int, int], None]
"""``progress(done, total)``: called as each replicate finishes."""

_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class _Job:
    """What every replicate shares (sent once to each worker)."""

    codes: np.ndarray
    vote_year: np.ndarray
    fit: IdealFit
    options: dict[str, Any]


_job: _Job | None = None  # the worker's copy, set by _init


def draw_codes(codes: np.ndarray, vote_year: np.ndarray, fit: IdealFit,
               rng: np.random.Generator) -> np.ndarray:
    """A record drawn from ``fit``: the cells of ``codes`` that hold a Yes, Abstain or
    No get a new one; the others are kept as they are.

    >>> import numpy as np
    >>> from unvotes.ideal import fit_dynamic
    >>> codes = np.array([[1, 3], [3, 1]], dtype=np.int8)
    >>> fit = fit_dynamic(codes, np.array([2000, 2000]), positive=0)
    >>> draw_codes(codes, np.array([2000, 2000]), fit, np.random.default_rng(0)).shape
    (2, 2)
    """
    t = np.searchsorted(fit.years, vote_year)
    x = np.nan_to_num(fit.x[:, t].T)  # (votes, states); NaN only where nothing was cast
    latent = fit.alpha[:, None] + fit.beta[:, None] * x + rng.standard_normal(codes.shape)
    drawn = np.select([latent < 0, latent < fit.tau[:, None]], [NO, ABSTAIN], YES)
    cast = (codes == YES) | (codes == ABSTAIN) | (codes == NO)
    return np.where(cast, drawn, codes).astype(np.int8)


def replicate_positions(codes: np.ndarray, vote_year: np.ndarray, fit: IdealFit, *,
                        replicates: int, options: dict[str, Any], seed: int = 0,
                        workers: int | None = None,
                        progress: BootstrapProgress | None = None) -> np.ndarray:
    """The positions of ``replicates`` refits to records drawn from ``fit`` (module
    docstring): ``(replicates, states, years)`` float32, NaN where ``fit.x`` is.

    ``options`` are the keyword options of :func:`fit_dynamic` used for ``fit``
    (``bridge``, ``positive``, ``omega`` ...). ``workers``: processes (default: the
    cores; 1 runs in this process). Raises IdealError if ``replicates`` or ``workers``
    is not a positive integer.

    >>> import numpy as np
    >>> from unvotes.ideal import fit_dynamic
    >>> codes = np.array([[1, 3, 1], [3, 1, 1], [1, 1, 3]], dtype=np.int8)
    >>> years = np.array([2000, 2000, 2001])
    >>> fit = fit_dynamic(codes, years, positive=0)
    >>> replicate_positions(codes, years, fit, replicates=2, options={"positive": 0},
    ...                     workers=1).shape
    (2, 3, 2)
    """
    for name, value in (("replicates", replicates), ("workers", workers)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or value < 1):
            raise IdealError(f"{name} must be a positive integer, got {value!r}")
    job = _Job(codes=np.asarray(codes), vote_year=np.asarray(vote_year), fit=fit,
               options=dict(options))
    seeds = np.random.SeedSequence(seed).spawn(replicates)
    out = np.empty((replicates,) + fit.x.shape, dtype=np.float32)
    n_workers = min(workers or os.cpu_count() or 1, replicates)
    if n_workers == 1:
        for k, child in enumerate(seeds):
            out[k] = _replicate(job, child)
            if progress is not None:
                progress(k + 1, replicates)
        return out
    with _one_blas_thread(), ProcessPoolExecutor(
            max_workers=n_workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_init, initargs=(job,)) as pool:
        futures = {pool.submit(_run, child): k for k, child in enumerate(seeds)}
        for done, future in enumerate(as_completed(futures), start=1):
            out[futures[future]] = future.result()
            if progress is not None:
                progress(done, replicates)
    return out


def _replicate(job: _Job, child: np.random.SeedSequence) -> np.ndarray:
    rng = np.random.default_rng(child)
    drawn = draw_codes(job.codes, job.vote_year, job.fit, rng)
    present = ~np.isnan(job.fit.x)
    count = present.sum(axis=1)
    start = np.divide(np.where(present, job.fit.x, 0.0).sum(axis=1), count,
                      out=np.zeros(len(count)), where=count > 0)
    refit = fit_dynamic(drawn, job.vote_year, start=start,
                        seed=int(rng.integers(2**31)), **job.options)
    return refit.x.astype(np.float32)


def _init(job: _Job) -> None:
    global _job
    _job = job


def _run(child: np.random.SeedSequence) -> np.ndarray:
    assert _job is not None, "worker not initialised"
    return _replicate(_job, child)


@contextlib.contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Workers inherit the environment when spawned: one BLAS/OpenMP thread each, so two
    workers on two cores do not each start a pool of spinning threads."""
    saved = {name: os.environ.get(name) for name in _THREAD_VARIABLES}
    os.environ.update(dict.fromkeys(_THREAD_VARIABLES, "1"))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
