"""Readers of the unvotes R package tables and of Voeten's RData release."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pandas as pd
import pyreadr
import pytest

from unvotes.errors import SourceError
from unvotes.model import MemberKey, Position, VoteKind
from unvotes.readers.unvotes_r import read_unvotes_r
from unvotes.readers.voeten import read_voeten

CALLS = """rcid,session,importantvote,date,unres,amend,para,short,descr
3,1.0,0,1946-01-01,R/1/66,1,0,"AMENDMENTS","TO ADOPT A CUBAN AMENDMENT"
9,31.0,1,1976-02-01,R/31/70B,0,0,"TRUSTEESHIP","TO ADOPT A RESOLUTION"
12,2.0,,1947-10-01,,0,0,"PROCEDURE","TO ADOPT A MOTION TO ADJOURN THE DEBATE"
13,2.0,0,1947-10-02,R/2/1424,0,0,"PALESTINE","TO ADOPT THE REPORT"
"""
VOTES = """rcid,country,country_code,vote
3,United States,US,yes
3,Canada,CA,no
9,United States,US,abstain
9,Yemen Arab Republic,,yes
"""
ISSUES = "rcid,short_name,issue\n9,co,Colonialism\n9,hr,Human rights\n"


def _write(folder: Path, calls: str = CALLS, votes: str = VOTES) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in (("un_roll_calls", calls), ("un_votes", votes),
                       ("un_roll_call_issues", ISSUES)):
        with gzip.open(folder / f"{name}.csv.gz", "wt") as handle:
            handle.write(text)
    return folder


def test_unvotes_r_reads_roll_calls(tmp_path: Path) -> None:
    votes = list(read_unvotes_r(_write(tmp_path / "pkg")))
    assert [v.rcid for v in votes] == [3, 9, 12, 13]
    first, second, third, fourth = votes
    # before the 21st session Voeten's unres codes are not resolution symbols
    assert first.kind is VoteKind.AMENDMENT and first.symbol is None
    assert first.notes == ("Voeten unres R/1/66",)
    assert second.symbol == "A/RES/31/70 B"
    assert fourth.kind is VoteKind.RESOLUTION and fourth.symbol is None
    assert first.positions == {"United States": Position.YES, "Canada": Position.NO}
    assert first.member_key is MemberKey.NAME and first.date == dt.date(1946, 1, 1)
    assert second.kind is VoteKind.RESOLUTION and second.important is True
    assert second.issue_codes == ("co", "hr")
    assert second.positions["Yemen Arab Republic"] is Position.YES
    assert third.kind is VoteKind.MOTION and third.symbol is None and third.positions == {}
    assert third.important is None and third.session == "2"


def test_unvotes_r_unknown_vote(tmp_path: Path) -> None:
    folder = _write(tmp_path / "pkg", votes=VOTES + "9,Canada,CA,maybe\n")
    with pytest.raises(SourceError) as err:
        list(read_unvotes_r(folder))
    assert str(err.value) == f"{folder / 'un_votes.csv.gz'}:6: unknown vote 'maybe'"


def test_unvotes_r_duplicate_position(tmp_path: Path) -> None:
    folder = _write(tmp_path / "pkg", votes=VOTES + "3,Canada,CA,yes\n")
    with pytest.raises(SourceError, match=r"un_votes.csv.gz:6: duplicate position of 'Canada' "
                                          r"on rcid 3"):
        list(read_unvotes_r(folder))


def test_unvotes_r_missing_column(tmp_path: Path) -> None:
    folder = _write(tmp_path / "pkg", calls=CALLS.replace("unres,", "unresx,"))
    with pytest.raises(SourceError, match=r"un_roll_calls.csv.gz:1: missing columns: unres"):
        list(read_unvotes_r(folder))


def test_unvotes_r_bad_date(tmp_path: Path) -> None:
    folder = _write(tmp_path / "pkg", calls=CALLS.replace("1976-02-01", "Feb 1976"))
    with pytest.raises(SourceError, match=r"un_roll_calls.csv.gz:3: Invalid isoformat"):
        list(read_unvotes_r(folder))


def _voeten(path: Path, votes: list[int], dates: list[str] | None = None) -> Path:
    n = len(votes)
    frame = pd.DataFrame({
        "rcid": [5] * n, "session": [1] * n, "vote": votes,
        "ccode": [2, 20, 200, 365][:n], "member": ["1"] * n, "importantvote": ["0"] * n,
        "date": dates or ["2/3/1946"] * n, "unres": ["R/1/70"] * n,
        "me": ["1"] * n, "nu": ["0"] * n, "di": ["0"] * n, "hr": ["1"] * n,
        "co": ["0"] * n, "ec": ["0"] * n, "year": [1946.0] * n})
    pyreadr.write_rdata(str(path), frame, df_name="x")
    return path


def test_voeten_codes(tmp_path: Path) -> None:
    (vote,) = read_voeten(_voeten(tmp_path / "v.RData", [1, 8, 9, 3]))
    assert vote.rcid == 5 and vote.member_key is MemberKey.COW
    # 8 = absent -> non-voting; 9 = not a member -> no position at all
    assert vote.positions == {"2": Position.YES, "20": Position.NON_VOTING, "365": Position.NO}
    assert vote.date == dt.date(1946, 2, 3) and vote.issue_codes == ("me", "hr")
    assert vote.symbol is None and vote.important is False  # session 1: unres is no symbol


def test_voeten_unknown_code(tmp_path: Path) -> None:
    path = _voeten(tmp_path / "v.RData", [1, 7, 9, 3])
    with pytest.raises(SourceError) as err:
        list(read_voeten(path))
    assert str(err.value) == f"{path}:2: unknown vote code 7 (expected 1,2,3,8,9)"


def test_voeten_bad_date(tmp_path: Path) -> None:
    path = _voeten(tmp_path / "v.RData", [1, 1], dates=["1946-02-03", "1946-02-03"])
    with pytest.raises(SourceError, match=r"v.RData:1: bad date '1946-02-03' on rcid 5"):
        list(read_voeten(path))


def test_not_an_rdata_file(tmp_path: Path) -> None:
    path = tmp_path / "v.RData"
    path.write_text("not R")
    with pytest.raises(SourceError, match=r"v.RData: cannot read R data file"):
        list(read_voeten(path))


@pytest.mark.slow
def test_real_files_agree_on_shared_roll_calls(data_dir: Path) -> None:
    pkg = {v.rcid: v for v in read_unvotes_r(data_dir / "unvotes_r_pkg")}
    voeten = list(read_voeten(data_dir / "voeten_unvotes" / "UNVotesPublished.RData"))
    assert len(pkg) == 6202 and len(voeten) == 5429
    assert sum(len(v.positions) for v in pkg.values()) == 869_937
    assert all(v.rcid in pkg for v in voeten)  # Voeten's rcids are a subset
    absent = sum(p is Position.NON_VOTING for v in voeten for p in v.positions.values())
    assert absent == 73_328
