"""Agreement indices and group cohesion: hand-computed cases, options, properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from unvotes.errors import UnvotesError
from unvotes.metrics import (
    INDICES,
    MetricsError,
    cohesion,
    encode_positions,
    mean_cohesion,
    pair_index,
    pair_matrices,
    vote_mask,
)

Y, A, N, X, O = 1, 2, 3, 4, 0  # O: no row (not a member)

# States (columns) a, b, c, d over six votes.
HAND = np.array([
    #  a  b  c  d
    [Y, Y, N, Y],  # v1
    [Y, A, N, O],  # v2  d not a member
    [N, N, Y, X],  # v3  d non-voting
    [Y, N, A, Y],  # v4
    [A, A, Y, Y],  # v5
    [Y, Y, X, Y],  # v6  c non-voting
], dtype=np.int8)
a, b, c, d = range(4)

# Expected values, worked by hand.
#
# (a, b): common votes v1-v6, n = 6; a = Y Y N Y A Y, b = Y A N N A Y
#   identical   v1 v3 v5 v6 alike                        4/6 = 2/3
#   agreement   1 + 1/2 + 1 + 0 + 1 + 1 = 4.5            4.5/6 = 0.75
#   s_abs       2 * 0.75 - 1                             0.5
#   s_sq        d^2 = 0, 1/4, 0, 1, 0, 0 (sum 5/4)       1 - 2 (5/4)/6 = 7/12
#   kappa       po = 2/3; a: Y 4/6 A 1/6 N 1/6; b: Y A N 2/6 each
#               pe = (4*2 + 1*2 + 1*2)/36 = 1/3          (2/3 - 1/3)/(2/3) = 1/2
#   scott_pi    mean margins Y 1/2 A 1/4 N 1/4, pe = 3/8 (2/3 - 3/8)/(5/8) = 7/15
#   coincidence Y/N on both: v1 v3 v4 v6, alike v1 v3 v6 3/4, n = 4
# (a, d), absence="drop": v2 (d no row) and v3 (d X) out, n = 4
#   a = Y Y A Y, d = Y Y Y Y
#   identical 3/4; agreement (1 + 1 + 1/2 + 1)/4 = 7/8; s_abs 3/4
#   s_sq      1 - 2 (1/4)/4 = 7/8
#   kappa     po = 3/4, pe = 3/4 * 1 = 3/4               0
#   scott_pi  mean Y 7/8 A 1/8, pe = 49/64 + 1/64 = 25/32  (3/4 - 25/32)/(7/32) = -1/7
#   coincidence v1 v4 v6, all alike                      1, n = 3
# (a, d), absence="category": v3 comes back (N against X), v2 stays out; n = 5
#   a = Y N Y A Y, d = Y X Y Y Y
#   identical 3/5; agreement (1 + 1/2 + 1 + 1/2 + 1)/5 = 4/5; s_abs 3/5
#   s_sq      d^2 = 0, 1/4, 0, 1/4, 0                    1 - 2 (1/2)/5 = 4/5
#   kappa     po = 3/5; a: Y 3/5 N 1/5 A 1/5; d: Y 4/5 X 1/5; pe = 12/25
#             (15/25 - 12/25)/(13/25) = 3/13
#   scott_pi  mean Y 7/10 N A X 1/10 each, pe = 0.52     (0.6 - 0.52)/0.48 = 1/6
#   coincidence unchanged: 1, n = 3
# (b, c): v6 out (c X), n = 5; b = Y A N N A, c = N N Y A Y
#   identical 0; agreement (0 + 1/2 + 0 + 1/2 + 1/2)/5 = 0.3; s_abs -0.4
#   s_sq      d^2 = 1, 1/4, 1, 1/4, 1/4 (sum 11/4)      1 - 2 (11/4)/5 = -0.1
#   kappa     b: Y .2 A .4 N .4; c: Y .4 A .2 N .4; pe = .08 + .08 + .16 = .32
#             (0 - .32)/(.68) = -8/17
#   scott_pi  mean Y .3 A .3 N .4, pe = .34             -.34/.66 = -17/33
#   coincidence v1 (Y, N) v3 (N, Y): 0/2
EXPECTED_DROP = {
    (a, b): {"identical": 2 / 3, "agreement": 0.75, "s_abs": 0.5, "s_sq": 7 / 12,
             "kappa": 0.5, "scott_pi": 7 / 15, "coincidence": 0.75},
    (a, d): {"identical": 0.75, "agreement": 7 / 8, "s_abs": 0.75, "s_sq": 7 / 8,
             "kappa": 0.0, "scott_pi": -1 / 7, "coincidence": 1.0},
    (b, c): {"identical": 0.0, "agreement": 0.3, "s_abs": -0.4, "s_sq": -0.1,
             "kappa": -8 / 17, "scott_pi": -17 / 33, "coincidence": 0.0},
}
N_DROP = {(a, b): 6, (a, d): 4, (b, c): 5}
N_COINCIDENCE = {(a, b): 4, (a, d): 3, (b, c): 2}
EXPECTED_CATEGORY_AD = {"identical": 0.6, "agreement": 0.8, "s_abs": 0.6, "s_sq": 0.8,
                        "kappa": 3 / 13, "scott_pi": 1 / 6, "coincidence": 1.0}


@pytest.mark.parametrize("pair", sorted(EXPECTED_DROP))
@pytest.mark.parametrize("index", INDICES)
def test_hand_case_absence_drop(pair: tuple[int, int], index: str) -> None:
    i, j = pair
    result = pair_matrices(HAND)[index]
    expected_n = N_COINCIDENCE[pair] if index == "coincidence" else N_DROP[pair]
    assert result.values[i, j] == pytest.approx(EXPECTED_DROP[pair][index])
    assert result.values[j, i] == pytest.approx(EXPECTED_DROP[pair][index])
    assert result.n_votes[i, j] == expected_n
    assert pair_index(HAND[:, i], HAND[:, j], index=index) == (
        pytest.approx(EXPECTED_DROP[pair][index]), expected_n)


@pytest.mark.parametrize("index", INDICES)
def test_hand_case_absence_category(index: str) -> None:
    result = pair_matrices(HAND, absence="category")[index]
    assert result.values[a, d] == pytest.approx(EXPECTED_CATEGORY_AD[index])
    # the non-member vote v2 never counts; the X on v3 does, except for coincidence
    assert result.n_votes[a, d] == (3 if index == "coincidence" else 5)
    value, n = pair_index(HAND[:, a], HAND[:, d], index=index, absence="category")
    assert (value, n) == (pytest.approx(EXPECTED_CATEGORY_AD[index]), result.n_votes[a, d])


def test_category_x_against_x_is_identical_and_x_against_a_position_is_half() -> None:
    codes = np.array([[X, X, Y], [Y, Y, X], [N, N, N]], dtype=np.int8)
    m = pair_matrices(codes, absence="category")
    assert m["identical"].values[0, 1] == 1.0
    # state 0 against state 2: X/Y half, Y/X half, N/N full -> (0.5 + 0.5 + 1)/3
    assert m["agreement"].values[0, 2] == pytest.approx(2 / 3)
    # with "drop" only v3 counts for that pair
    assert pair_matrices(codes)["agreement"].values[0, 2] == 1.0
    assert pair_matrices(codes)["agreement"].n_votes[0, 2] == 1


def test_diagonal_is_the_state_against_itself() -> None:
    m = pair_matrices(HAND)
    assert np.all(np.diag(m["identical"].values) == 1.0)
    assert np.diag(m["identical"].n_votes).tolist() == [6, 6, 5, 4]
    # d voted Yes on every vote it took part in: kappa and pi are undefined (pe = 1)
    assert math.isnan(m["kappa"].values[d, d])
    assert math.isnan(m["scott_pi"].values[d, d])
    assert m["kappa"].values[a, a] == 1.0


def test_constant_voters_give_nan_kappa_and_pi() -> None:
    assert math.isnan(pair_index([Y, Y, Y], [Y, Y, Y], index="kappa")[0])
    assert math.isnan(pair_index([Y, Y, Y], [Y, Y, Y], index="scott_pi")[0])
    # both constant but on opposite sides: pe = 0 for Cohen, 1/2 for Scott
    assert pair_index([Y, Y], [N, N], index="kappa") == (0.0, 2)
    assert pair_index([Y, Y], [N, N], index="scott_pi") == (-1.0, 2)
    m = pair_matrices(np.array([[Y, Y, N], [Y, Y, N]], dtype=np.int8))
    assert math.isnan(m["kappa"].values[0, 1])
    assert m["kappa"].values[0, 2] == 0.0
    assert m["scott_pi"].values[0, 2] == -1.0


def test_drop_unanimous_removes_only_votes_where_every_voter_agreed() -> None:
    # v6 of HAND is unanimous too: Yes from every state that voted (c did not)
    unanimous = np.array([[Y, Y, Y, O], [A, A, X, A]], dtype=np.int8)
    codes = np.vstack([HAND, unanimous])
    assert vote_mask(codes, drop_unanimous=True).tolist() == [True] * 5 + [False] * 3
    kept = pair_matrices(codes, drop_unanimous=True)
    # (a, b) on v1-v5: alike on v1 v3 v5
    assert kept["identical"].values[a, b] == pytest.approx(3 / 5)
    assert kept["identical"].n_votes[a, b] == 5
    first_five = pair_matrices(HAND[:5])
    for index in INDICES:
        np.testing.assert_array_equal(kept[index].values, first_five[index].values)
    # without the option the unanimous votes count: (a, b) alike on 6 of 8
    plain = pair_matrices(codes)
    assert plain["identical"].values[a, b] == pytest.approx(6 / 8)
    assert plain["identical"].n_votes[a, b] == 8


def test_drop_unanimous_judges_the_whole_matrix_not_the_pair() -> None:
    # a and b agree on v1, but c disagrees, so v1 is not unanimous and stays
    codes = np.array([[Y, Y, N], [Y, Y, Y]], dtype=np.int8)
    m = pair_matrices(codes, drop_unanimous=True, indices=["identical"])
    assert m["identical"].n_votes[0, 1] == 1
    assert m["identical"].values[0, 1] == 1.0


def test_important_only_keeps_flagged_votes() -> None:
    important = np.array([True, False, True, False, False, False])
    m = pair_matrices(HAND, important=important, important_only=True)
    # v1 and v3 only: a/b alike on both, b/c opposed on both
    assert m["identical"].values[a, b] == 1.0
    assert m["identical"].n_votes[a, b] == 2
    assert m["agreement"].values[b, c] == 0.0
    # flags given but not asked for: every vote counts
    assert pair_matrices(HAND, important=important)["identical"].n_votes[a, b] == 6


def test_min_votes_blanks_pairs_with_too_few_votes_but_keeps_the_count() -> None:
    m = pair_matrices(HAND, min_votes=5)
    assert m["identical"].values[a, b] == pytest.approx(2 / 3)  # n = 6
    assert m["agreement"].values[b, c] == pytest.approx(0.3)  # n = 5
    assert math.isnan(m["identical"].values[a, d])  # n = 4
    assert m["identical"].n_votes[a, d] == 4
    assert math.isnan(m["coincidence"].values[a, b])  # 4 Yes/No votes
    assert pair_index(HAND[:, a], HAND[:, d], index="identical", min_votes=5)[1] == 4


def test_pairs_without_common_votes_are_nan() -> None:
    codes = np.array([[Y, O], [O, N]], dtype=np.int8)
    m = pair_matrices(codes)
    for index in INDICES:
        assert math.isnan(m[index].values[0, 1])
        assert m[index].n_votes[0, 1] == 0
    empty = pair_matrices(np.zeros((0, 3), dtype=np.int8))
    assert np.isnan(empty["kappa"].values).all()


def test_indices_are_returned_in_the_order_asked_and_read_only() -> None:
    m = pair_matrices(HAND, indices=["kappa", "identical"])
    assert list(m) == ["kappa", "identical"]
    assert m["kappa"].index == "kappa"
    with pytest.raises(ValueError):
        m["kappa"].values[0, 0] = 2.0


def test_encode_positions() -> None:
    assert encode_positions(["Y", "A", "N", "X", None, ""]).tolist() == [Y, A, N, X, O, O]
    with pytest.raises(MetricsError, match=r"^'Z' is not a position letter \(Y, A, N, X\)$"):
        encode_positions(["Y", "Z"])


@pytest.mark.parametrize(("call", "message"), [
    (lambda: pair_matrices(HAND, indices=["tau_b"]),
     ("unknown index 'tau_b'; choose from identical, agreement, s_abs, s_sq, kappa, "
      "scott_pi, coincidence")),
    (lambda: pair_matrices(HAND, absence="ignore"),  # type: ignore[arg-type]
     "unknown absence mode 'ignore'; choose from drop, category"),
    (lambda: pair_matrices(HAND, min_votes=0), "min_votes must be an integer >= 1, got 0"),
    (lambda: pair_matrices(HAND, important_only=True),
     "important_only=True needs the important flags (important=...)"),
    (lambda: pair_matrices(HAND, important=np.ones(5, dtype=bool)),
     ("important must be a bool array with one flag per vote (6), got dtype bool and "
      "shape (5,)")),
    (lambda: pair_matrices(np.array([[1, 5]])),
     "codes holds 5, which is not a position code (0-4)"),
    (lambda: pair_matrices(np.array([1, 2])),
     "codes must be a 2-D array of shape (votes, states), got shape (2,)"),
    (lambda: pair_matrices(np.array([[1.0, 2.0]])),
     "codes must hold integer position codes 0-4, got dtype float64"),
    (lambda: pair_index([1, 2], [1], index="identical"),
     "a and b must cover the same votes, got 2 and 1"),
    (lambda: cohesion(HAND, measure="unity"),  # type: ignore[arg-type]
     "unknown cohesion measure 'unity'; choose from rice, hix"),
])
def test_bad_input_gives_a_clear_error(call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(MetricsError) as info:
        call()
    assert str(info.value) == message
    assert isinstance(info.value, UnvotesError)


# --- cohesion -----------------------------------------------------------------------

GROUP = np.array([
    [Y, Y, Y, N],  # Rice |3 - 1|/4 = 0.5;  Hix (3 - 1/2)/4 = 0.625
    [Y, A, N, X],  # Rice 0/2 = 0;          Hix (1 - 2/2)/3 = 0
    [A, A, O, X],  # Rice undefined;        Hix (2 - 0)/2 = 1
    [O, X, X, O],  # nobody voted: both undefined
], dtype=np.int8)


def test_rice_index_by_hand() -> None:
    values = cohesion(GROUP, measure="rice")
    assert values[:2].tolist() == [0.5, 0.0]
    assert np.isnan(values[2:]).all()
    assert mean_cohesion(GROUP, measure="rice") == pytest.approx(0.25)


def test_hix_agreement_index_by_hand() -> None:
    values = cohesion(GROUP, measure="hix")
    assert values[:3].tolist() == [0.625, 0.0, 1.0]
    assert np.isnan(values[3])
    assert mean_cohesion(GROUP, measure="hix") == pytest.approx((0.625 + 0 + 1) / 3)
    assert mean_cohesion(GROUP, measure="hix", mask=[False, True, True, False]) == 0.5
    assert math.isnan(mean_cohesion(GROUP[3:], measure="hix"))


# --- properties ---------------------------------------------------------------------

position_matrices = st.integers(1, 6).flatmap(lambda states: arrays(
    np.int8, st.tuples(st.integers(0, 14), st.just(states)), elements=st.integers(0, 4)))
absences = st.sampled_from(["drop", "category"])


@settings(max_examples=60, deadline=None)
@given(codes=position_matrices, absence=absences)
def test_matrices_are_symmetric_and_bounded(codes: np.ndarray, absence: str) -> None:
    m = pair_matrices(codes, absence=absence)  # type: ignore[arg-type]
    for index, result in m.items():
        np.testing.assert_array_equal(result.values, result.values.T)
        np.testing.assert_array_equal(result.n_votes, result.n_votes.T)
        v = result.values[~np.isnan(result.values)]
        # kappa and pi are only bounded above
        low = {"s_abs": -1.0, "s_sq": -1.0, "kappa": -np.inf, "scott_pi": -np.inf}.get(index, 0.0)
        assert np.all(v >= low - 1e-12) and np.all(v <= 1.0 + 1e-12), index
    np.testing.assert_allclose(m["s_abs"].values, 2 * m["agreement"].values - 1,
                               atol=1e-12, equal_nan=True)


@settings(max_examples=60, deadline=None)
@given(codes=position_matrices, absence=absences)
def test_identical_voters_score_one(codes: np.ndarray, absence: str) -> None:
    twin = np.hstack([codes[:, :1], codes[:, :1]])
    m = pair_matrices(twin, absence=absence)  # type: ignore[arg-type]
    for index, result in m.items():
        if result.n_votes[0, 1] == 0:
            assert math.isnan(result.values[0, 1])
            continue
        counted = (1, 3) if index == "coincidence" else (1, 2, 3, 4) if absence == "category" \
            else (1, 2, 3)
        used = twin[np.isin(twin[:, 0], counted), 0]
        if index in ("kappa", "scott_pi") and len(set(used.tolist())) == 1:
            assert math.isnan(result.values[0, 1]), index  # a constant voter: pe = 1
        else:
            assert result.values[0, 1] == 1.0, index


@settings(max_examples=80, deadline=None)
@given(codes=position_matrices, absence=absences, drop_unanimous=st.booleans(),
       min_votes=st.integers(1, 4), flags=st.lists(st.booleans(), min_size=14, max_size=14),
       important_only=st.booleans())
def test_vectorised_matrices_equal_the_reference_loop(
    codes: np.ndarray, absence: str, drop_unanimous: bool, min_votes: int,
    flags: list[bool], important_only: bool,
) -> None:
    important = np.array(flags[:codes.shape[0]], dtype=bool)
    m = pair_matrices(codes, absence=absence, drop_unanimous=drop_unanimous,  # type: ignore[arg-type]
                      important=important, important_only=important_only, min_votes=min_votes)
    mask = vote_mask(codes, drop_unanimous=drop_unanimous, important=important,
                     important_only=important_only)
    for index, result in m.items():
        for i in range(codes.shape[1]):
            for j in range(codes.shape[1]):
                value, n = pair_index(codes[:, i], codes[:, j], index=index,
                                      absence=absence, mask=mask,  # type: ignore[arg-type]
                                      min_votes=min_votes)
                assert result.n_votes[i, j] == n
                np.testing.assert_allclose(result.values[i, j], value, rtol=1e-12,
                                           atol=1e-12, equal_nan=True)


@settings(max_examples=40, deadline=None)
@given(codes=position_matrices)
def test_cohesion_is_between_zero_and_one(codes: np.ndarray) -> None:
    for measure in ("rice", "hix"):
        values = cohesion(codes, measure=measure)
        assert values.shape == (codes.shape[0],)
        v = values[~np.isnan(values)]
        assert np.all(v >= 0.0) and np.all(v <= 1.0)
