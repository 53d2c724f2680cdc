"""Reader for Erik Voeten's UNGA roll-call release (``UNVotesPublished.RData``).

Object ``x``: one row per roll call and COW state, ``vote`` coded 1 yes, 2 abstain,
3 no, 8 absent, 9 not a member. Codes 8 and 9 are the only record of absences before
2019: 8 becomes :attr:`Position.NON_VOTING`, 9 gives no position at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, SourceVote, VoteKind
from unvotes.readers._rdata import read_rdata
from unvotes.readers.unvotes_r import unres_symbol

__all__ = ["ISSUE_CODES", "SOURCE", "read_voeten"]

SOURCE = "voeten"
ISSUE_CODES = ("me", "nu", "di", "hr", "co", "ec")
_CODES = {1: Position.YES, 2: Position.ABSTAIN, 3: Position.NO, 8: Position.NON_VOTING}
_NOT_A_MEMBER = 9


def _code_text(value: object) -> str:
    number = float(value)  # type: ignore[arg-type]
    return str(int(number)) if number.is_integer() else str(number)


def read_voeten(path: Path) -> Iterator[SourceVote]:
    """Yield one SourceVote per roll call of Voeten's RData release at ``path``.

    Positions are keyed by COW code (as text; resolve with the vote's date). Raises
    SourceError on an unknown vote code or a malformed date.
    Example: ``next(read_voeten(Path("UNVotesPublished.RData"))).rcid == 3``.
    """
    frame = read_rdata(path, name="x", columns=("rcid", "session", "vote", "ccode",
                                                 "importantvote", "date", "unres",
                                                 *ISSUE_CODES))
    codes = frame["vote"].to_numpy()
    known = np.isin(codes, [*_CODES, _NOT_A_MEMBER])
    if not known.all():
        row = int(np.flatnonzero(~known)[0])
        raise SourceError(path, row + 1, f"unknown vote code {_code_text(codes[row])} (expected 1,2,3,8,9)")
    order = np.argsort(frame["rcid"].to_numpy(), kind="stable")
    frame = frame.iloc[order].reset_index(drop=True)
    rcids = frame["rcid"].to_numpy()
    starts = np.flatnonzero(np.r_[True, rcids[1:] != rcids[:-1]])
    ends = np.r_[starts[1:], len(rcids)]
    ccodes = frame["ccode"].to_numpy().astype(int).astype(str).tolist()
    votes = frame["vote"].to_numpy().tolist()
    # per-roll-call attributes, read once from each roll call's first row
    first = frame.iloc[starts]
    dates = first["date"].to_numpy()
    unreses = first["unres"].to_numpy()
    sessions = first["session"].to_numpy()
    important_flags = first["importantvote"].astype(str).str.strip().to_numpy()
    issue_flags = {c: first[c].astype(str).str.strip().isin(("1", "1.0")).to_numpy()
                   for c in ISSUE_CODES}
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        rcid = int(rcids[start])
        line = int(order[start]) + 1  # row of the original table, for messages
        raw_date = dates[i]
        notes: tuple[str, ...] = ()
        if pd.isna(raw_date) or not str(raw_date).strip():
            date = None  # one roll call (rcid 4592) has no date in this release
            notes = ("no date in this release",)
        else:
            try:
                date = dt.datetime.strptime(str(raw_date).strip(), "%m/%d/%Y").date()
            except ValueError as exc:
                raise SourceError(path, line, f"bad date {raw_date!r} on rcid {rcid}") from exc
        positions: dict[str, Position] = {}
        for key, code in zip(ccodes[start:end], votes[start:end], strict=True):
            if code == _NOT_A_MEMBER:
                continue
            if key in positions:
                raise SourceError(path, line, f"duplicate COW code {key} on rcid {rcid}")
            positions[key] = _CODES[int(code)]
        unres = None if pd.isna(unreses[i]) else str(unreses[i]).strip()
        symbol = unres_symbol(unres, str(int(sessions[i])))
        issue_codes = tuple(c for c in ISSUE_CODES if issue_flags[c][i])
        important = important_flags[i]
        yield SourceVote(
            source=SOURCE, source_key=str(rcid), file=str(path), line=line,
            body=Body.GA, date=date, symbol=symbol,
            kind=VoteKind.RESOLUTION,  # the release has no amendment/paragraph flags
            positions=positions, member_key=MemberKey.COW,
            session=str(int(sessions[i])), issue_codes=issue_codes,
            important=True if important in ("1", "1.0") else
            False if important in ("0", "0.0") else None,
            rcid=rcid, notes=notes,
        )
