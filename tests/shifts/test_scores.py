"""The surprise views and the change-point search on hand-made cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from unvotes.shifts.changepoints import WEIGHT_CAP, noise, segment
from unvotes.shifts.scores import (
    UNINFORMED,
    apply_calibration,
    calibrate,
    category_probabilities,
    distribution,
    history_counts,
    observed,
    partner_counts,
    surprise_bits,
)

DAYS = np.array(["2020-01-01", "2020-06-01", "2021-01-01", "2021-01-01", "2030-01-01"],
                dtype="datetime64[D]")


def test_history_counts_only_earlier_days_and_the_window() -> None:
    codes = np.array([[1, 3], [1, 3], [1, 2], [3, 3], [1, 1]])
    counts = history_counts(codes, DAYS, window=10, years=6.0)
    # first vote: nothing before; second: one Yes (state 0), one No (state 1)
    assert counts[0].tolist() == [[0, 0, 0], [0, 0, 0]]
    assert counts[1].tolist() == [[1, 0, 0], [0, 0, 1]]
    # votes 2 and 3 are the same day: neither sees the other
    assert counts[2].tolist() == counts[3].tolist() == [[2, 0, 0], [0, 0, 2]]
    # 2030 is more than 6 years after everything: no history
    assert counts[4].tolist() == [[0, 0, 0], [0, 0, 0]]
    short = history_counts(codes, DAYS, window=1, years=6.0)
    assert short[2].tolist() == [[1, 0, 0], [0, 0, 1]]  # only the last earlier vote


def test_history_ignores_cells_without_a_position() -> None:
    codes = np.array([[4, 0], [1, 1]])
    counts = history_counts(codes, DAYS[:2])
    assert counts[1].tolist() == [[0, 0, 0], [0, 0, 0]]


def test_distribution_smooths_and_needs_a_minimum() -> None:
    p = distribution(np.array([[10, 0, 0], [1, 1, 0]]), minimum=3)
    assert p[0].tolist() == pytest.approx([10.5 / 11.5, 0.5 / 11.5, 0.5 / 11.5])
    assert np.isnan(p[1]).all()
    assert p[0].sum() == pytest.approx(1.0)


def test_partner_counts_use_the_partners_positions_on_the_vote() -> None:
    codes = np.array([[1, 3, 3, 0]])
    partners = np.array([[[1, 2], [2, 3], [0, -1], [0, 1]]])
    counts = partner_counts(codes, partners)
    assert counts[0].tolist() == [[0, 0, 2], [0, 0, 1], [1, 0, 0], [1, 0, 1]]


def test_observed_picks_the_position_taken() -> None:
    p = np.array([[[0.7, 0.2, 0.1], [0.7, 0.2, 0.1], [0.7, 0.2, 0.1]]])
    assert observed(p, np.array([[1, 2, 0]]))[0, :2].tolist() == [0.7, 0.2]
    assert np.isnan(observed(p, np.array([[1, 2, 0]]))[0, 2])


def test_model_probabilities_follow_the_ordinal_probit() -> None:
    p = category_probabilities(np.array([0.0, 0.0]), np.array([1.0, 1.0]),
                               np.array([1.0, 0.0]), np.array([[0.5, -3.0], [0.5, 3.0]]))
    assert p.sum(axis=-1) == pytest.approx(np.ones((2, 2)))
    assert p[0, 0].tolist() == pytest.approx([0.3085, 0.3829, 0.3085], abs=1e-4)
    assert p[1, 1, 1] == 0.0  # a binary vote (tau 0) has no abstention
    assert p[0, 1, 2] > 0.99  # far below the cutpoints: No


def test_calibration_maps_overconfident_tails_up() -> None:
    # predictions of 1e-7 that happened once in a hundred times
    predicted = np.r_[np.full(1000, 1e-7), np.full(1000, 0.5)]
    happened = np.r_[np.zeros(990), np.ones(10), np.zeros(500), np.ones(500)]
    curve = calibrate(predicted, happened)
    tuned = apply_calibration(np.array([1e-7, 0.5]), curve)
    assert tuned.tolist() == pytest.approx([0.01, 0.5])
    assert (np.diff(curve[1]) >= 0).all()  # monotone


def test_surprise_is_the_mean_of_the_views_bits() -> None:
    bits = surprise_bits(np.array([[0.5, 0.25, 0.125], [0.5, np.nan, np.nan],
                                   [np.nan, np.nan, np.nan]]))
    assert bits[0] == pytest.approx(2.0)
    assert bits[1] == pytest.approx((1.0 + 2 * UNINFORMED) / 3)
    assert math.isnan(bits[2])
    # every view expecting a position makes it unsurprising; every view against, surprising
    assert surprise_bits(np.array([0.9, 0.95, 0.99])) < 0.2
    assert surprise_bits(np.array([0.001, 0.01, 0.02])) > 6


def test_segment_finds_a_step_and_its_size() -> None:
    rng = np.random.default_rng(0)
    x = np.r_[np.full(60, 0.8), np.full(40, 0.3)] + rng.normal(0, 0.05, 100)
    (change,) = segment(x, np.ones(100))
    assert change.index == 60
    assert change.before == pytest.approx(0.8, abs=0.03)
    assert change.after == pytest.approx(0.3, abs=0.03)
    assert change.size == pytest.approx(-0.5, abs=0.05) and change.confidence > 0.99


def test_segment_finds_two_steps() -> None:
    rng = np.random.default_rng(1)
    x = np.r_[np.full(50, 0.2), np.full(50, 0.9), np.full(50, 0.5)] + rng.normal(0, 0.05, 150)
    assert [c.index for c in segment(x, np.ones(150))] == [50, 100]


def test_segment_rarely_reports_anything_in_noise() -> None:
    rng = np.random.default_rng(2)
    found = []
    for seed in range(20):
        x = 0.6 + np.random.default_rng(seed).normal(0, 0.1, 300)
        found += segment(x, rng.integers(1, 20, 300).astype(float))
    assert len(found) <= 2  # BIC lets a faint one through now and then ...
    assert all(c.confidence < 0.9 for c in found)  # ... never a confident one


def test_segment_ignores_small_moves_and_short_segments() -> None:
    x = np.r_[np.full(50, 0.50), np.full(50, 0.55)] + np.tile([0.001, -0.001], 50)
    assert segment(x, np.ones(100)) == []  # 0.05 is below the smallest move reported
    y = np.r_[np.full(98, 0.9), np.full(2, 0.1)] + np.tile([0.01, -0.01], 50)
    assert [c.index for c in segment(y, np.ones(100), min_days=3)] == [97]  # 3 days at least
    assert [c.index for c in segment(y, np.ones(100), min_days=2)] == [98]


def test_a_clear_break_is_more_confident_than_a_faint_one() -> None:
    rng = np.random.default_rng(3)
    noise_ = rng.normal(0, 0.1, 100)
    strong = segment(np.r_[np.full(50, 0.9), np.full(50, 0.3)] + noise_, np.ones(100))
    faint = segment(np.r_[np.full(50, 0.9), np.full(50, 0.78)] + noise_, np.ones(100))
    assert strong and faint
    assert strong[0].evidence > faint[0].evidence


def test_noise_estimate_ignores_a_step_and_caps_weights() -> None:
    rng = np.random.default_rng(4)
    x = np.r_[np.zeros(100), np.ones(100)] + rng.normal(0, 0.1, 200)
    assert noise(x, np.ones(200)) == pytest.approx(0.0125, rel=0.2)  # the step adds 1/398
    assert WEIGHT_CAP == 10.0
    heavy = segment(np.r_[np.full(10, 0.9), np.full(10, 0.2)], np.full(20, 1000.0))
    light = segment(np.r_[np.full(10, 0.9), np.full(10, 0.2)], np.full(20, WEIGHT_CAP))
    assert [c.evidence for c in heavy] == pytest.approx([c.evidence for c in light])
