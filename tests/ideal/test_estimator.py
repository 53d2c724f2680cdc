"""Dynamic ordinal ideal points (unvotes.ideal): recovery of simulated positions,
identification, missing data, determinism, convergence, the simulator, and errors."""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from unvotes.errors import UnvotesError
from unvotes.ideal import IdealError, IdealFit, SyntheticRecord, fit_dynamic, fit_static, simulate

Y, A, N, X, O = 1, 2, 3, 4, 0  # O: no row (not a member)

SMALL = {"n_states": 50, "years": range(2000, 2015), "votes_per_year": 50}


def recovery(estimate: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """Pooled correlation over the state-years both have, and the median per-year
    cross-state correlation."""
    both = ~np.isnan(estimate) & ~np.isnan(truth)
    pooled = float(np.corrcoef(estimate[both], truth[both])[0, 1])
    per_year = [np.corrcoef(estimate[both[:, k], k], truth[both[:, k], k])[0, 1]
                for k in range(truth.shape[1]) if both[:, k].sum() >= 3]
    return pooled, float(np.median(per_year))


def fit(rec: SyntheticRecord, **options: object) -> IdealFit:
    return fit_dynamic(rec.codes, rec.vote_year, bridge=rec.bridge, positive=rec.reference,
                       **options)  # type: ignore[arg-type]


def voted(codes: np.ndarray, years: np.ndarray, year_values: np.ndarray) -> np.ndarray:
    """(states, years) bool: the state cast a Yes, Abstain or No that year."""
    cast = np.isin(codes, (Y, A, N))
    return np.stack([cast[years == y].any(axis=0) for y in year_values], axis=1)


@pytest.fixture(scope="module")
def small() -> SyntheticRecord:
    return simulate(**SMALL, seed=0)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def small_fit(small: SyntheticRecord) -> IdealFit:
    return fit(small)


# --- recovery ---------------------------------------------------------------------------


def test_recovers_the_true_positions_on_a_small_record(small: SyntheticRecord,
                                                      small_fit: IdealFit) -> None:
    pooled, median = recovery(small_fit.x, small.x)
    assert pooled >= 0.97
    assert median >= 0.97


def test_recovers_the_true_positions_on_a_medium_record() -> None:
    rec = simulate(n_states=120, years=range(1980, 2020), votes_per_year=60, seed=1)
    result = fit(rec)
    pooled, median = recovery(result.x, rec.x)
    assert result.converged
    assert pooled >= 0.98
    assert median >= 0.98


def test_recovers_the_items(small: SyntheticRecord, small_fit: IdealFit) -> None:
    # the estimates are on the standardised scale, the truth on its own: compare by r
    assert np.corrcoef(small_fit.beta, small.beta)[0, 1] >= 0.9
    assert np.corrcoef(small_fit.alpha, small.alpha)[0, 1] >= 0.9


def test_static_baseline_recovers_one_year(small: SyntheticRecord) -> None:
    year = int(small.years[7])
    rows = small.vote_year == year
    result = fit_static(small.codes[rows], year=year, positive=small.reference)
    assert result.x.shape == (SMALL["n_states"], 1)
    assert result.years.tolist() == [year]
    assert result.converged
    on = ~np.isnan(result.x[:, 0])
    assert np.corrcoef(result.x[on, 0], small.x[on, 7])[0, 1] >= 0.95
    assert np.all(np.diff(result.trace) >= -1e-9 * np.abs(result.trace[1:]))


def test_a_hand_made_ordering() -> None:
    # a always on one side, d always on the other; b leans to a but abstains, c to d
    hand = np.array([
        [Y, Y, N, N],
        [Y, A, N, N],
        [Y, Y, A, N],
        [N, N, Y, Y],
        [N, A, Y, Y],
        [Y, Y, Y, N],
        [Y, A, A, N],
    ], dtype=np.int8)
    static = fit_static(hand, positive=0).x[:, 0]
    assert static[0] > static[1] > 0 > static[2] > static[3]
    dynamic = fit_dynamic(hand, np.array([2000] * 4 + [2001] * 3), positive=0).x
    assert np.all(dynamic[0] > dynamic[1]) and np.all(dynamic[1] > 0)
    assert np.all(0 > dynamic[2]) and np.all(dynamic[2] > dynamic[3])


# --- the shape of the result ------------------------------------------------------------


def test_result_shapes_and_missing_years(small: SyntheticRecord, small_fit: IdealFit) -> None:
    n_votes, n_states = small.codes.shape
    assert small_fit.x.shape == small_fit.x_sd.shape == (n_states, len(small.years))
    assert small_fit.alpha.shape == small_fit.beta.shape == small_fit.tau.shape == (n_votes,)
    assert small_fit.years.tolist() == small.years.tolist()
    present = voted(small.codes, small.vote_year, small.years)
    assert np.array_equal(~np.isnan(small_fit.x), present)
    assert np.array_equal(~np.isnan(small_fit.x_sd), present)
    assert np.all(small_fit.x_sd[present] > 0)


def test_positions_are_standardised_over_all_years(small_fit: IdealFit) -> None:
    assert np.nanmean(small_fit.x) == pytest.approx(0.0, abs=1e-12)
    assert np.nanstd(small_fit.x) == pytest.approx(1.0, abs=1e-12)


def test_result_is_frozen_and_read_only(small_fit: IdealFit) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        small_fit.converged = False  # type: ignore[misc]
    for name in ("x", "x_sd", "alpha", "beta", "tau", "years", "trace"):
        with pytest.raises(ValueError, match="read-only"):
            getattr(small_fit, name)[0] = 0


def test_bridged_votes_share_their_items(small: SyntheticRecord, small_fit: IdealFit) -> None:
    ids, counts = np.unique(small.bridge, return_counts=True)
    repeated = ids[counts > 1]
    assert len(repeated) > 10
    for bridge_id in repeated:
        votes = small.bridge == bridge_id
        for values in (small_fit.alpha, small_fit.beta, small_fit.tau):
            assert np.all(values[votes] == values[votes][0])


def test_votes_without_abstentions_are_binary(small: SyntheticRecord,
                                              small_fit: IdealFit) -> None:
    abstained = {b for b, row in zip(small.bridge, small.codes, strict=True) if (row == A).any()}
    has = np.array([b in abstained for b in small.bridge])
    assert (~has).sum() > 0
    assert np.all(small_fit.tau[~has] == 0.0)
    assert np.all(small_fit.tau[has] > 0.0)


def test_without_bridge_every_vote_has_its_own_items(small: SyntheticRecord) -> None:
    result = fit_dynamic(small.codes, small.vote_year, positive=small.reference)
    ids, counts = np.unique(small.bridge, return_counts=True)
    votes = small.bridge == ids[counts > 1][0]
    assert len(np.unique(result.beta[votes])) == votes.sum()
    assert recovery(result.x, small.x)[0] >= 0.97


# --- identification ---------------------------------------------------------------------


def test_sign_is_fixed_by_the_reference_state(small: SyntheticRecord,
                                              small_fit: IdealFit) -> None:
    assert np.nanmean(small_fit.x[small.reference]) > 0
    # a state whose mean position comes out negative, made the reference: the mirror image
    other = int(np.argmin(np.nanmean(small_fit.x, axis=1)))
    assert np.nanmean(small_fit.x[other]) < 0
    mirrored = fit_dynamic(small.codes, small.vote_year, bridge=small.bridge, positive=other)
    assert np.nanmean(mirrored.x[other]) > 0
    assert np.array_equal(mirrored.x, -small_fit.x, equal_nan=True)
    assert np.array_equal(mirrored.beta, -small_fit.beta)
    assert np.array_equal(mirrored.alpha, small_fit.alpha)
    assert np.array_equal(mirrored.tau, small_fit.tau)


def test_fitted_utilities_do_not_depend_on_the_reported_scale(small: SyntheticRecord,
                                                              small_fit: IdealFit) -> None:
    # the reference only flips the sign: alpha + beta x is the same in both fits
    unsigned = fit_dynamic(small.codes, small.vote_year, bridge=small.bridge)
    index = np.searchsorted(small_fit.years, small.vote_year)
    for result in (small_fit, unsigned):
        assert np.isfinite(result.alpha).all()
    m1 = small_fit.alpha[:, None] + small_fit.beta[:, None] * small_fit.x[:, index].T
    m2 = unsigned.alpha[:, None] + unsigned.beta[:, None] * unsigned.x[:, index].T
    assert np.allclose(m1, m2, equal_nan=True)


# --- missing data and determinism ------------------------------------------------------


def test_codes_0_and_4_are_ignored(small: SyntheticRecord, small_fit: IdealFit) -> None:
    rng = np.random.default_rng(5)
    codes = small.codes.copy()
    missing = np.isin(codes, (O, X))
    codes[missing] = rng.choice([O, X], size=int(missing.sum())).astype(np.int8)
    assert not np.array_equal(codes, small.codes)
    again = fit_dynamic(codes, small.vote_year, bridge=small.bridge, positive=small.reference)
    assert np.array_equal(again.x, small_fit.x, equal_nan=True)
    assert np.array_equal(again.x_sd, small_fit.x_sd, equal_nan=True)
    for name in ("alpha", "beta", "tau", "trace"):
        assert np.array_equal(getattr(again, name), getattr(small_fit, name))


def test_changing_a_cast_vote_changes_the_fit(small: SyntheticRecord,
                                              small_fit: IdealFit) -> None:
    codes = small.codes.copy()
    j, i = np.argwhere(codes == Y)[0]
    codes[j, i] = N
    again = fit_dynamic(codes, small.vote_year, bridge=small.bridge, positive=small.reference)
    assert not np.array_equal(again.x, small_fit.x, equal_nan=True)


def test_a_year_without_votes_is_a_gap_the_walk_crosses(small: SyntheticRecord) -> None:
    codes = small.codes.copy()
    state = small.reference
    codes[small.vote_year == small.years[5], state] = X  # a member, non-voting all year
    result = fit_dynamic(codes, small.vote_year, bridge=small.bridge, positive=state)
    assert np.isnan(result.x[state, 5]) and np.isnan(result.x_sd[state, 5])
    assert np.isfinite(result.x[state, [4, 6]]).all()
    # the years on either side of the gap are less certain than in the full fit
    full = fit(small)
    assert np.all(result.x_sd[state, [4, 6]] > full.x_sd[state, [4, 6]])


def test_the_walk_variance_grows_with_the_calendar_years_elapsed(small: SyntheticRecord) -> None:
    # years two apart with omega are the same model as consecutive years with omega * sqrt 2
    rows = np.isin(small.vote_year, small.years[:2])
    codes, years = small.codes[rows], small.vote_year[rows]
    apart = fit_dynamic(codes, np.where(years == small.years[1], years + 1, years),
                        omega=0.3, positive=0)
    next_ = fit_dynamic(codes, years, omega=0.3 * math.sqrt(2.0), positive=0)
    assert apart.years.tolist() == [small.years[0], small.years[1] + 1]
    assert np.allclose(apart.x, next_.x, atol=1e-6, equal_nan=True)
    assert apart.iterations == next_.iterations


def test_same_seed_same_fit(small: SyntheticRecord, small_fit: IdealFit) -> None:
    again = fit(small)
    for name in ("x", "x_sd", "alpha", "beta", "tau", "trace"):
        assert np.array_equal(getattr(again, name), getattr(small_fit, name), equal_nan=True)
    assert again.iterations == small_fit.iterations


def test_other_seeds_reach_the_same_optimum(small: SyntheticRecord,
                                            small_fit: IdealFit) -> None:
    other = fit(small, seed=7)
    assert not np.array_equal(other.trace, small_fit.trace)
    assert other.trace[-1] == pytest.approx(small_fit.trace[-1], rel=1e-6)
    on = ~np.isnan(small_fit.x)
    assert np.abs(other.x[on] - small_fit.x[on]).max() < 0.01


# --- convergence ------------------------------------------------------------------------


def test_converges_with_a_non_decreasing_objective(small_fit: IdealFit) -> None:
    assert small_fit.converged
    assert small_fit.iterations == len(small_fit.trace) < 500
    trace = small_fit.trace
    assert np.all(np.diff(trace) >= -1e-9 * np.abs(trace[1:]))
    assert abs(trace[-1] - trace[-2]) < 1e-6 * abs(trace[-1])
    assert small_fit.seconds > 0


def test_max_iter_stops_unconverged(small: SyntheticRecord) -> None:
    result = fit(small, max_iter=3)
    assert not result.converged
    assert result.iterations == len(result.trace) == 3


def test_progress_reports_every_iteration(small: SyntheticRecord) -> None:
    calls: list[tuple[int, float]] = []
    result = fit(small, max_iter=20, progress=lambda i, change: calls.append((i, change)))
    assert [i for i, _ in calls] == list(range(1, result.iterations + 1))
    assert math.isnan(calls[0][1])
    trace = result.trace
    expected = (trace[1:] - trace[:-1]) / np.abs(trace[1:])
    assert np.allclose([change for _, change in calls[1:]], expected)


def test_a_loose_tolerance_stops_sooner(small: SyntheticRecord, small_fit: IdealFit) -> None:
    loose = fit(small, tol=1e-3)
    assert loose.converged and loose.iterations < small_fit.iterations


# --- the simulator ----------------------------------------------------------------------


def test_simulated_record_has_the_shape_of_the_real_one(small: SyntheticRecord) -> None:
    codes = small.codes
    n_states, n_years = SMALL["n_states"], len(SMALL["years"])
    assert codes.dtype == np.int8 and codes.shape == (n_years * 50, n_states)
    assert set(np.unique(codes)) <= {O, Y, A, N, X}
    assert small.years.tolist() == list(SMALL["years"])
    assert np.array_equal(np.isnan(small.x), ~small.member)
    assert small.member[:, 0].sum() < small.member[:, -1].sum()  # states join over time
    index = np.searchsorted(small.years, small.vote_year)
    assert np.array_equal(codes == O, ~small.member[:, index].T)
    member_cells = codes[codes != O]
    assert 0.02 < np.mean(member_cells == X) < 0.1
    cast = member_cells[member_cells != X]
    assert np.mean(cast == A) > 0.05 and np.mean(cast == N) > 0.05
    assert np.nanmean(small.x[small.reference]) > np.nanmean(small.x)


def test_simulated_bridges_repeat_identical_items(small: SyntheticRecord) -> None:
    ids, counts = np.unique(small.bridge, return_counts=True)
    for bridge_id in ids[counts > 1]:
        votes = small.bridge == bridge_id
        assert len(np.unique(small.vote_year[votes])) == votes.sum()  # once a year
        for values in (small.alpha, small.beta, small.tau):
            assert np.all(values[votes] == values[votes][0])


def test_simulate_is_deterministic() -> None:
    a = simulate(n_states=20, years=range(2000, 2005), votes_per_year=10, seed=3)
    b = simulate(n_states=20, years=range(2000, 2005), votes_per_year=10, seed=3)
    c = simulate(n_states=20, years=range(2000, 2005), votes_per_year=10, seed=4)
    assert np.array_equal(a.codes, b.codes) and np.array_equal(a.x, b.x, equal_nan=True)
    assert not np.array_equal(a.codes, c.codes)


def test_simulate_rejects_a_degenerate_record() -> None:
    with pytest.raises(IdealError, match=re.escape(
            "simulate needs at least 2 states, 2 years and 1 vote a year")):
        simulate(n_states=1)
    with pytest.raises(IdealError, match=re.escape(
            "repeat_share and non_voting must be in [0, 1)")):
        simulate(non_voting=1.0)


# --- errors -----------------------------------------------------------------------------

GOOD = np.array([[Y, N], [N, Y]], dtype=np.int8)
YEARS = np.array([2000, 2001])


@pytest.mark.parametrize(("codes", "years", "options", "message"), [
    (np.array([1, 3]), YEARS, {},
     "codes must be a 2-D array of shape (votes, states), got shape (2,)"),
    (np.array([[1, 5], [3, 1]]), YEARS, {}, "codes holds 5, which is not a position code (0-4)"),
    (np.array([[1.0, 3.0], [3.0, 1.0]]), YEARS, {},
     "codes must hold integer position codes 0-4, got dtype float64"),
    (np.zeros((0, 3), dtype=np.int8), np.array([], dtype=int), {},
     "codes must have at least one vote and one state, got shape (0, 3)"),
    (GOOD, np.array([2000, 2001, 2002]), {},
     "vote_year must have one year per vote, shape (2,), got shape (3,)"),
    (GOOD, np.array([2000.0, 2001.0]), {}, "vote_year must hold integer years, got dtype float64"),
    (GOOD, YEARS, {"bridge": [1]}, "bridge must have one id per vote, shape (2,), got shape (1,)"),
    (GOOD, YEARS, {"bridge": ["a", "b"]}, "bridge must hold integer ids, got dtype <U1"),
    (GOOD, YEARS, {"positive": 2}, "positive=2 is not a state column (0-1)"),
    (GOOD, YEARS, {"positive": True}, "positive=True is not a state column (0-1)"),
    (np.array([[Y, X], [N, O]]), YEARS, {"positive": 1},
     ("the reference state (column 1) cast no Yes, Abstain or No vote, so it cannot fix "
      "the sign")),
    (np.array([[X, O], [O, X]]), YEARS, {}, "codes hold no Yes, Abstain or No vote to fit"),
    (GOOD, YEARS, {"omega": 0}, "omega must be a positive number, got 0"),
    (GOOD, YEARS, {"sigma": float("nan")}, "sigma must be a positive number, got nan"),
    (GOOD, YEARS, {"max_iter": 0}, "max_iter must be a positive integer, got 0"),
    (GOOD, YEARS, {"max_iter": 2.5}, "max_iter must be a positive integer, got 2.5"),
    (GOOD, YEARS, {"tol": -1}, "tol must be a number >= 0, got -1"),
])
def test_bad_input_raises_a_clear_error(codes: np.ndarray, years: np.ndarray,
                                        options: dict[str, object], message: str) -> None:
    with pytest.raises(IdealError) as caught:
        fit_dynamic(codes, years, **options)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_static_rejects_bad_input_the_same_way() -> None:
    with pytest.raises(IdealError) as caught:
        fit_static(np.array([[1, 7]]))
    assert str(caught.value) == "codes holds 7, which is not a position code (0-4)"
    with pytest.raises(IdealError) as caught:
        fit_static(GOOD, positive=-1)
    assert str(caught.value) == "positive=-1 is not a state column (0-1)"


def test_ideal_error_is_an_unvotes_error_and_a_value_error() -> None:
    assert issubclass(IdealError, UnvotesError)
    assert issubclass(IdealError, ValueError)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(codes=arrays(np.int8, st.tuples(st.integers(1, 8), st.integers(1, 6)),
                    elements=st.integers(0, 4)),
       spread=st.integers(0, 3), bridged=st.booleans(), data=st.data())
def test_any_code_matrix_fits_or_fails_clearly(codes: np.ndarray, spread: int, bridged: bool,
                                               data: st.DataObject) -> None:
    n_votes, n_states = codes.shape
    years = data.draw(arrays(np.int64, n_votes, elements=st.integers(1990, 1990 + spread)))
    bridge = data.draw(arrays(np.int64, n_votes, elements=st.integers(0, 3))) if bridged \
        else None
    positive = data.draw(st.one_of(st.none(), st.integers(0, n_states - 1)))
    try:
        result = fit_dynamic(codes, years, bridge=bridge, positive=positive, max_iter=40)
    except IdealError as err:
        assert str(err) in {
            "codes hold no Yes, Abstain or No vote to fit",
            (f"the reference state (column {positive}) cast no Yes, Abstain or No vote, so "
             f"it cannot fix the sign")}
        return
    assert np.isfinite(result.trace).all()
    assert np.all(np.diff(result.trace) >= -1e-9 * np.abs(result.trace[1:]))
    present = voted(codes, years, np.unique(years))
    assert np.array_equal(~np.isnan(result.x), present)
    assert np.isfinite(result.alpha).all() and np.isfinite(result.beta).all()
    assert np.all(result.tau >= 0) and np.isfinite(result.tau).all()
    if positive is not None:  # 0 up to rounding when it is the only state
        assert np.nanmean(result.x[positive]) >= -1e-9
