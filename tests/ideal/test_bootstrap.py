"""The parametric bootstrap: drawn records, replicate fits, aligned sds."""

from __future__ import annotations

import re

import numpy as np
import pytest

from unvotes.errors import IdealError
from unvotes.ideal import fit_dynamic, simulate
from unvotes.ideal.bootstrap import draw_codes, replicate_positions
from unvotes.ideal.estimates import bootstrap_sd
from unvotes.metrics.codes import ABSTAIN, NO, NO_ROW, NON_VOTING, YES


@pytest.fixture(scope="module")
def small():  # type: ignore[no-untyped-def]
    rec = simulate(n_states=25, years=range(2000, 2008), votes_per_year=15, seed=4)
    fit = fit_dynamic(rec.codes, rec.vote_year, bridge=rec.bridge, positive=rec.reference)
    return rec, fit


def test_draws_change_only_cast_cells(small) -> None:  # type: ignore[no-untyped-def]
    rec, fit = small
    drawn = draw_codes(rec.codes, rec.vote_year, fit, np.random.default_rng(0))
    missing = (rec.codes == NO_ROW) | (rec.codes == NON_VOTING)
    assert (drawn[missing] == rec.codes[missing]).all()
    assert np.isin(drawn[~missing], [YES, ABSTAIN, NO]).all()
    assert (drawn[~missing] != rec.codes[~missing]).any()  # it is a new record
    # a vote fitted as binary (tau 0) never draws an abstention
    binary = fit.tau == 0
    assert not (drawn[binary] == ABSTAIN).any()


def test_draws_follow_the_fitted_model(small) -> None:  # type: ignore[no-untyped-def]
    rec, fit = small
    drawn = np.stack([draw_codes(rec.codes, rec.vote_year, fit, np.random.default_rng(k))
                      for k in range(40)])
    cast = (rec.codes >= YES) & (rec.codes <= NO)
    # drawn records agree with the real one about as often as the model says they should
    agree = (drawn == rec.codes)[:, cast].mean()
    assert 0.6 < agree < 0.98


def test_replicates_do_not_depend_on_the_workers(small) -> None:  # type: ignore[no-untyped-def]
    rec, fit = small
    options = {"bridge": rec.bridge, "positive": rec.reference}
    one = replicate_positions(rec.codes, rec.vote_year, fit, replicates=3, options=options,
                              seed=7, workers=1)
    two = replicate_positions(rec.codes, rec.vote_year, fit, replicates=3, options=options,
                              seed=7, workers=2)
    assert one.shape == (3,) + fit.x.shape and one.dtype == np.float32
    np.testing.assert_array_equal(np.isnan(one), np.isnan(np.broadcast_to(fit.x, one.shape)))
    np.testing.assert_allclose(one, two, atol=1e-5, equal_nan=True)
    assert not np.allclose(one[0], one[1], equal_nan=True)  # replicates differ


def test_progress_counts_every_replicate(small) -> None:  # type: ignore[no-untyped-def]
    rec, fit = small
    seen: list[tuple[int, int]] = []
    replicate_positions(rec.codes, rec.vote_year, fit, replicates=2,
                        options={"positive": rec.reference}, workers=1,
                        progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 2), (2, 2)]


def test_bootstrap_sd_covers_the_truth(small) -> None:  # type: ignore[no-untyped-def]
    rec, fit = small
    draws = replicate_positions(rec.codes, rec.vote_year, fit, replicates=12,
                                options={"bridge": rec.bridge, "positive": rec.reference},
                                seed=1, workers=2)
    sd = bootstrap_sd(fit.x, draws)
    present = ~np.isnan(fit.x)
    assert (sd[present] > 0).all() and np.isnan(sd[~present]).all()
    # on the fit's scale, the truth (mapped onto it) lies within 3 sd for most state-years
    truth = rec.x[:, np.searchsorted(rec.years, fit.years)]
    both = present & ~np.isnan(truth)
    slope, intercept = np.polyfit(truth[both], fit.x[both], 1)
    z = np.abs(intercept + slope * truth[both] - fit.x[both]) / sd[both]
    assert np.mean(z < 3) > 0.8


def test_bootstrap_sd_ignores_a_replicate_s_scale() -> None:
    x = np.array([[1.0, np.nan], [-1.0, 0.5], [0.0, 0.2]])
    draws = np.stack([3 * x - 1, 0.5 * x + 2, x])
    sd = bootstrap_sd(x, draws)
    assert np.isnan(sd[0, 1])
    np.testing.assert_allclose(sd[~np.isnan(x)], 0.0, atol=1e-12)


@pytest.mark.parametrize(("option", "value"), [("replicates", 0), ("workers", 0),
                                               ("replicates", True)])
def test_bad_counts_are_refused(small, option: str, value: object) -> None:  # type: ignore[no-untyped-def]
    rec, fit = small
    kwargs = {"replicates": 1, "workers": 1, option: value}
    with pytest.raises(IdealError, match=re.escape(
            f"{option} must be a positive integer, got {value!r}")):
        replicate_positions(rec.codes, rec.vote_year, fit, options={}, **kwargs)  # type: ignore[arg-type]
