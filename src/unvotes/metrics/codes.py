"""The position codes the metrics work on, and the checks every metric applies to them.

The metrics take a *position matrix*: a NumPy array of shape ``(votes, states)`` and
dtype ``int8`` holding one small integer code per state and recorded vote:

==========  =====  ============================================================
constant    code   meaning
==========  =====  ============================================================
NO_ROW      0      no position row: the state was not a member on the day, or
                   its position is unknown (a partial source). Never "absent".
YES         1      voted Yes (``Position.YES``, "Y")
ABSTAIN     2      abstained (``Position.ABSTAIN``, "A")
NO          3      voted No (``Position.NO``, "N")
NON_VOTING  4      a member that did not vote: present but not voting, or absent
                   (``Position.NON_VOTING``, "X")
==========  =====  ============================================================

Code 0 and code 4 are kept apart on purpose: a non-member has no opinion to compare,
while a member that stays away may be making one (see ``absence="category"`` in
:func:`unvotes.metrics.pair_matrices`).

>>> encode_positions(["Y", "N", None, "X"]).tolist()
[1, 3, 0, 4]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from unvotes.errors import UnvotesError
from unvotes.model import Position

__all__ = [
    "ABSTAIN",
    "CODES",
    "NO",
    "NON_VOTING",
    "NO_ROW",
    "POSITION_CODES",
    "YES",
    "MetricsError",
    "check_codes",
    "encode_positions",
]

NO_ROW = 0
YES = 1
ABSTAIN = 2
NO = 3
NON_VOTING = 4
CODES = (NO_ROW, YES, ABSTAIN, NO, NON_VOTING)

POSITION_CODES: Mapping[Position, int] = {
    Position.YES: YES,
    Position.ABSTAIN: ABSTAIN,
    Position.NO: NO,
    Position.NON_VOTING: NON_VOTING,
}


class MetricsError(UnvotesError, ValueError):
    """A metric was called with input it cannot use (bad codes, shape or option).

    Defined here until ``unvotes.errors`` gains a metrics subclass; it is an
    :class:`~unvotes.errors.UnvotesError`, so the CLI and API edges treat it like the rest.
    """


def check_codes(codes: Any, *, name: str = "codes", ndim: int = 2) -> np.ndarray:
    """Return ``codes`` as an ``int8`` array after checking its shape and values.

    Raises :class:`MetricsError` when the array is not ``ndim``-dimensional, not of an
    integer dtype, or holds a value outside 0-4.

    >>> check_codes([[1, 3], [0, 4]]).dtype
    dtype('int8')
    """
    arr = np.asarray(codes)
    if arr.ndim != ndim:
        shape = "(votes, states)" if ndim == 2 else "(votes,)"
        raise MetricsError(f"{name} must be a {ndim}-D array of shape {shape}, got shape "
                           f"{arr.shape}")
    if arr.size == 0:
        return arr.astype(np.int8)
    if arr.dtype.kind not in "iu":
        raise MetricsError(f"{name} must hold integer position codes 0-4, got dtype {arr.dtype}")
    low, high = int(arr.min()), int(arr.max())
    if low < NO_ROW or high > NON_VOTING:
        bad = low if low < NO_ROW else high
        raise MetricsError(f"{name} holds {bad}, which is not a position code (0-4)")
    return arr.astype(np.int8, copy=False)


def encode_positions(letters: Iterable[str | None]) -> np.ndarray:
    """Encode position letters (``"Y"``, ``"A"``, ``"N"``, ``"X"``; ``None`` or ``""``
    for no row) as an ``int8`` array of codes.

    Raises :class:`MetricsError` on any other letter.

    >>> encode_positions(["Y", "A"]).tolist()
    [1, 2]
    """
    table: dict[str | None, int] = {str(p.value): c for p, c in POSITION_CODES.items()}
    table[None] = NO_ROW
    table[""] = NO_ROW
    out = []
    for letter in letters:
        try:
            out.append(table[letter])
        except KeyError:
            raise MetricsError(f"{letter!r} is not a position letter (Y, A, N, X)") from None
    return np.array(out, dtype=np.int8)
