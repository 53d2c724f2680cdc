"""The package CSVs: every row documented, and malformed data fails loudly with file and line."""

from __future__ import annotations

import csv
import shutil
from importlib import resources
from pathlib import Path

import pytest

from unvotes.countries import CountryTable, load_countries
from unvotes.errors import SourceError

DATA = Path(str(resources.files("unvotes.countries").joinpath("data")))
FILES = ["countries.csv", "memberships.csv", "names.csv", "codes.csv", "groups.csv",
         "regional_groups.csv", "succession.csv"]


def _rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in (DATA / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


@pytest.mark.parametrize("name", FILES)
def test_each_file_documents_its_sources(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name} has no header comment"
    rows = _rows(name)
    assert rows
    if "source" in rows[0]:
        assert all(row["source"] for row in rows), f"{name}: a row without a source"


def test_membership_rows_follow_the_countries() -> None:
    members = {row["iso3"] for row in _rows("countries.csv") if row["member"] == "1"}
    assert {row["iso3"] for row in _rows("memberships.csv")} == members


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def _append(folder: Path, name: str, line: str) -> int:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def test_copy_of_the_package_data_loads(tmp_path: Path) -> None:
    table = CountryTable.from_directory(_copy(tmp_path), libraries=False)
    assert len(table.countries()) == len(load_countries().countries())
    assert table.get("FRA").iso2 is None  # no libraries: nothing from pycountry


def test_unknown_code_in_memberships(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    line = _append(folder, "memberships.csv", "XXX,1950-01-01,,hand,")
    with pytest.raises(SourceError) as info:
        CountryTable.from_directory(folder, libraries=False)
    assert str(info.value) == (f"countries/data/memberships.csv:{line}: unknown iso3 'XXX' "
                               "(not in countries.csv)")


def test_bad_date(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    line = _append(folder, "groups.csv", "NATO,AUT,2030-13-01,,day,hand,")
    with pytest.raises(SourceError) as info:
        CountryTable.from_directory(folder, libraries=False)
    assert str(info.value) == (f"countries/data/groups.csv:{line}: start '2030-13-01' is not "
                               "a date (YYYY-MM-DD)")


def test_overlapping_membership_periods(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    line = _append(folder, "memberships.csv", "ZZB,1964-01-01,1964-02-01,hand,")
    with pytest.raises(SourceError) as info:
        CountryTable.from_directory(folder, libraries=False)
    assert str(info.value) == (f"countries/data/memberships.csv:{line}: ZZB period from "
                               "1964-01-01 overlaps the one before (rows must be in date order)")


def test_wrong_number_of_fields(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    line = _append(folder, "names.csv", "FRA,Gaul,alias")
    with pytest.raises(SourceError) as info:
        CountryTable.from_directory(folder, libraries=False)
    assert str(info.value) == f"countries/data/names.csv:{line}: expected 7 fields, found 3"


def test_unknown_group(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    line = _append(folder, "groups.csv", "G8,FRA,1975-11-15,,day,hand,")
    with pytest.raises(SourceError) as info:
        CountryTable.from_directory(folder, libraries=False)
    assert str(info.value) == f"countries/data/groups.csv:{line}: unknown group 'G8'"


def test_a_name_for_two_states_on_the_same_day_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    line = _append(folder, "names.csv", "FRA,Germany,alias,,,hand,")
    with pytest.raises(SourceError) as info:
        CountryTable.from_directory(folder, libraries=False)
    assert str(info.value) == (f"countries/data/names.csv:{line}: name 'GERMANY' would mean "
                               "both DEU (countries/data/countries.csv) and FRA on the same "
                               "dates")


def test_the_same_name_for_two_states_at_different_dates_is_allowed(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _append(folder, "names.csv", "FRA,Gallia,alias,1945-10-24,1950-01-01,hand,")
    _append(folder, "names.csv", "ITA,Gallia,source,1960-01-01,,hand,")
    table = CountryTable.from_directory(folder, libraries=False)
    assert table.resolve("Gallia", on=__import__("datetime").date(1946, 1, 1)) == "FRA"
    assert table.resolve("Gallia", on=__import__("datetime").date(1970, 1, 1)) == "ITA"


def test_a_name_that_is_another_states_code_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    line = _append(folder, "names.csv", "FRA,ITA,alias,,,hand,")
    with pytest.raises(SourceError) as info:
        CountryTable.from_directory(folder, libraries=False)
    assert str(info.value) == (f"countries/data/names.csv:{line}: name 'ITA' is also the code "
                               "of ITA, not of FRA")
