"""Reader for the tables of the unvotes R package (0.3.0, CRAN 2021).

``un_roll_calls`` (one row per roll call: rcid, session, importantvote, date, unres,
amend, para, short, descr), ``un_votes`` (rcid, country, country_code, vote as
yes/no/abstain) and ``un_roll_call_issues`` (rcid, short_name). The package dropped
absent and non-member rows, so it holds no ``X``: absences come from Voeten's release
(:mod:`unvotes.readers.voeten`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, SourceVote, VoteKind
from unvotes.readers._rdata import read_rdata
from unvotes.symbols import unres_to_symbol

# Before the 21st session Voeten's ``unres`` codes are not resolution numbers (R/2/1424
# is A/RES/181 (II) of 1947): checked against the UN Digital Library scrape, which shares
# no symbol with them for sessions 1-17 and only a few after. From the 21st session
# (1966) on they are the resolution symbols.
FIRST_SESSION_WITH_SYMBOLS = 21


def unres_symbol(unres: str | None, session: str | None) -> str | None:
    """The resolution symbol an ``unres`` code gives, or None where it is not one."""
    if not unres:
        return None
    if unres.upper().startswith("A/RES/"):
        return unres_to_symbol(unres)
    if session is None or not session.isdigit() or int(session) < FIRST_SESSION_WITH_SYMBOLS:
        return None
    return unres_to_symbol(unres)

__all__ = ["SOURCE", "read_unvotes_r"]

SOURCE = "unvotes_r"
_VOTES = {"yes": Position.YES, "no": Position.NO, "abstain": Position.ABSTAIN}


def _table(folder: Path, stem: str, columns: tuple[str, ...]) -> tuple[pd.DataFrame, Path]:
    rda = folder / f"{stem}.rda"
    if rda.exists():
        return read_rdata(rda, columns=columns), rda
    csv = folder / f"{stem}.csv.gz"
    if not csv.exists():
        raise SourceError(folder, None, f"neither {stem}.rda nor {stem}.csv.gz found")
    frame = pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""])
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SourceError(csv, 1, f"missing columns: {', '.join(missing)}")
    return frame, csv


def _flag(value: object) -> bool | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    if text in ("", "nan", "NA"):
        return None
    if text in ("0", "0.0"):
        return False
    if text in ("1", "1.0"):
        return True
    raise ValueError(f"not a 0/1 flag: {text!r}")


# Procedural motions, recognised by the roll call's description (Voeten's ``descr``):
# adjournment, postponement, no action, priority, closure, the two-thirds rule, competence.
_MOTION = re.compile(r"\b(ADJOURN\w*|POSTPON\w*|NO[- ]ACTION|PRIORITY|CLOSURE|"
                     r"2/3 MAJORITY|TWO-THIRDS MAJORITY|COMPETENCE|SUSPEND THE MEETING)\b",
                     re.IGNORECASE)


def _kind(amend: bool | None, para: bool | None, descr: str | None) -> VoteKind:
    if amend:
        return VoteKind.AMENDMENT
    if para:
        return VoteKind.PARAGRAPH
    if descr and _MOTION.search(descr):
        return VoteKind.MOTION
    return VoteKind.RESOLUTION


def read_unvotes_r(folder: Path) -> Iterator[SourceVote]:
    """Yield one SourceVote per roll call of the unvotes R package in ``folder``.

    Reads the ``.rda`` files (or their lossless ``.csv.gz`` exports). Positions are
    keyed by the package's country names. Raises SourceError on malformed tables.
    Example: ``next(read_unvotes_r(Path("unvotes_r_pkg"))).rcid == 3``.
    """
    calls, calls_path = _table(folder, "un_roll_calls",
                               ("rcid", "session", "importantvote", "date", "unres",
                                "amend", "para", "short", "descr"))
    votes, votes_path = _table(folder, "un_votes", ("rcid", "country", "country_code", "vote"))
    issues_frame: pd.DataFrame | None = None
    if (folder / "un_roll_call_issues.rda").exists() or (
            folder / "un_roll_call_issues.csv.gz").exists():
        issues_frame, _ = _table(folder, "un_roll_call_issues", ("rcid", "short_name"))

    issues: dict[int, list[str]] = {}
    if issues_frame is not None:
        for rcid, code in zip(issues_frame["rcid"], issues_frame["short_name"], strict=True):
            issues.setdefault(int(rcid), []).append(str(code))

    positions: dict[int, dict[str, Position]] = {}
    vote_col = votes["vote"].astype(str).str.strip().str.lower()
    bad = ~vote_col.isin(list(_VOTES))
    if bad.any():
        first_bad = int(bad.to_numpy().nonzero()[0][0])
        raise SourceError(votes_path, first_bad + 2,
                          f"unknown vote {votes['vote'].iloc[first_bad]!r}")
    for i, (rcid, country, vote) in enumerate(
            zip(votes["rcid"], votes["country"], vote_col, strict=True)):
        try:
            key = int(float(rcid))
        except (TypeError, ValueError) as exc:
            raise SourceError(votes_path, i + 2, f"bad rcid {rcid!r}") from exc
        members = positions.setdefault(key, {})
        name = str(country).strip()
        if name in members:
            raise SourceError(votes_path, i + 2, f"duplicate position of {name!r} on rcid {key}")
        members[name] = _VOTES[vote]

    records: list[dict[str, Any]] = calls.to_dict("records")  # type: ignore[assignment]
    for i, row in enumerate(records):
        line = i + 2
        try:
            rcid = int(float(row["rcid"]))
            date = dt.date.fromisoformat(str(row["date"])[:10])
            amend, para = _flag(row["amend"]), _flag(row["para"])
            important = _flag(row["importantvote"])
        except (TypeError, ValueError) as exc:
            raise SourceError(calls_path, line, str(exc)) from exc
        unres = None if pd.isna(row["unres"]) else str(row["unres"]).strip()
        session = None if pd.isna(row["session"]) else str(int(float(row["session"])))
        symbol = unres_symbol(unres, session)
        notes = (f"Voeten unres {unres}",) if unres and not symbol else ()
        yield SourceVote(
            source=SOURCE, source_key=str(rcid), file=str(calls_path), line=line,
            body=Body.GA, date=date, symbol=symbol,
            kind=_kind(amend, para, None if pd.isna(row["descr"]) else str(row["descr"])),
            positions=positions.get(rcid, {}), member_key=MemberKey.NAME,
            session=session, title=None if pd.isna(row["descr"]) else str(row["descr"]).strip(),
            agenda_item=None if pd.isna(row["short"]) else str(row["short"]).strip(),
            issue_codes=tuple(issues.get(rcid, ())), important=important, rcid=rcid,
            notes=notes,
        )
