"""The country table: membership, names, codes, groups (package data only, no shared data)."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from unvotes import countries
from unvotes.countries import Country, CountryTable, GroupMembership, NameRecord, load_countries
from unvotes.errors import UnknownCountryError
from unvotes.model import MemberKey

D = dt.date


@pytest.fixture(scope="module")
def table() -> CountryTable:
    return load_countries()


def test_public_api_is_pinned() -> None:
    assert countries.__all__ == ["NAME_KINDS", "REGIONAL_GROUPS", "Country", "CountryTable",
                                 "Group", "GroupMembership", "NameRecord", "load_countries",
                                 "normalise"]
    assert load_countries() is load_countries()  # cached


# -- membership ----------------------------------------------------------------------------
@pytest.mark.parametrize(("day", "count"), [
    # The Charter entered into force with 29 ratifications; the UN dates each original
    # member's admission by its ratification, so the 51 are all in only from 27 Dec 1945.
    (D(1945, 10, 24), 29),
    (D(1945, 12, 31), 51),
    # UN "Growth in United Nations membership", year-end totals
    (D(1955, 12, 31), 76),
    (D(1960, 12, 31), 99),
    (D(1966, 12, 31), 122),
    (D(1984, 12, 31), 159),
    (D(1990, 12, 31), 159),  # +NAM +LIE, -YMD (merged) -DDR (unified)
    (D(1991, 12, 31), 166),
    (D(1992, 12, 31), 179),  # Yugoslavia still counted
    (D(1993, 12, 31), 184),
    (D(2000, 12, 31), 189),
    (D(2006, 12, 31), 192),
    (D(2011, 12, 31), 193),
    (D(2025, 2, 24), 193),
])
def test_member_counts(table: CountryTable, day: dt.date, count: int) -> None:
    assert len(table.members_on(day)) == count


def test_members_on_2025_02_24_are_the_193(table: CountryTable) -> None:
    members = table.members_on(D(2025, 2, 24))
    assert {"RUS", "SRB", "DEU", "YEM", "TZA", "SSD", "MNE", "CHN"} <= members
    assert not members & {"SUN", "YUG", "SCG", "CSK", "DDR", "YMD", "ZZB", "PSE", "VAT"}


@pytest.mark.parametrize(("iso3", "day", "expected"), [
    ("SUN", D(1991, 12, 23), True), ("SUN", D(1991, 12, 24), False),
    ("RUS", D(1991, 12, 23), False), ("RUS", D(1991, 12, 24), True),
    ("SYR", D(1958, 2, 20), True), ("SYR", D(1958, 2, 21), False),
    ("SYR", D(1961, 10, 12), False), ("SYR", D(1961, 10, 13), True),
    ("IDN", D(1965, 6, 1), True),  # cessation of cooperation, not withdrawal
    ("ZAF", D(1980, 1, 1), True),  # delegation excluded, membership kept
    ("DDR", D(1990, 10, 2), True), ("DDR", D(1990, 10, 3), False),
    ("YMD", D(1990, 5, 22), False), ("YEM", D(1980, 1, 1), True),
    ("YUG", D(1995, 1, 1), True), ("YUG", D(2000, 11, 1), False),
    ("SCG", D(2000, 11, 1), True), ("SCG", D(2006, 6, 3), False), ("SRB", D(2006, 6, 3), True),
    ("CSK", D(1992, 12, 31), True), ("CZE", D(1993, 1, 18), False),
    ("ZZB", D(1964, 1, 1), True), ("ZZB", D(1964, 4, 26), False),
    ("PSE", D(2025, 1, 1), False), ("VAT", D(2025, 1, 1), False),
])
def test_is_member(table: CountryTable, iso3: str, day: dt.date, expected: bool) -> None:
    assert table.is_member(iso3, day) is expected


def test_syria_membership_has_a_gap(table: CountryTable) -> None:
    assert table.get("SYR").memberships == ((D(1945, 10, 24), D(1958, 2, 21)),
                                            (D(1961, 10, 13), None))


def test_every_current_member_matches_country_converter_admission_year(
        table: CountryTable) -> None:
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    data = coco.CountryConverter().data
    listed = data[data["UNmember"].notna()]
    years = dict(zip(listed["ISO3"], listed["UNmember"].astype(int)))
    current = table.members_on(D(2025, 2, 24))
    assert set(years) == current
    # continuing states start when they took over the seat; the UN dates them earlier
    taken_over = {"RUS": 1945, "SRB": 2000, "CHN": 1945}
    for iso3 in current:
        admitted = table.get(iso3).admitted
        assert admitted is not None
        assert taken_over.get(iso3, admitted.year) == years[iso3], iso3


# -- the Country record --------------------------------------------------------------------
def test_country_record(table: CountryTable) -> None:
    sun = table.get("sun")
    assert isinstance(sun, Country)
    assert (sun.iso3, sun.iso2, sun.m49, sun.cow) == ("SUN", "SU", 810, 365)
    assert (sun.admitted, sun.left, sun.member) == (D(1945, 10, 24), D(1991, 12, 24), True)
    assert sun.successors == ("RUS",) and table.get("RUS").predecessors == ("SUN",)
    assert table.get("YUG").successors == ("SVN", "HRV", "BIH", "MKD", "SCG")
    assert table.get("SCG").successors == ("SRB", "MNE")
    assert table.get("DEU").predecessors == ("DDR",)
    assert table.get("YEM").predecessors == ("YMD",)
    assert set(table.get("CSK").successors) == {"CZE", "SVK"}
    assert table.get("TZA").predecessors == ("ZZB",)
    usa = table.get("USA")
    assert (usa.name, usa.iso2, usa.m49, usa.cow, usa.left) == (
        "United States of America", "US", 840, 2, None)
    assert usa.regional_group == "WEOG"
    pse = table.get("PSE")
    assert (pse.member, pse.admitted, pse.memberships, pse.regional_group) == (
        False, None, (), None)


def test_countries_sorted_and_complete(table: CountryTable) -> None:
    codes = [c.iso3 for c in table.countries()]
    assert codes == sorted(codes)
    assert len(codes) == 203  # 193 + SUN YUG SCG CSK DDR YMD ZZB TWN + PSE VAT


@pytest.mark.parametrize(("iso3", "group"), [
    ("USA", "WEOG"), ("TUR", "WEOG"), ("ISR", "WEOG"), ("KIR", "ASIA_PACIFIC"),
    ("SUN", "EEG"), ("YMD", "ASIA_PACIFIC"), ("BRA", "GRULAC"), ("NGA", "AFRICAN"),
])
def test_regional_group(table: CountryTable, iso3: str, group: str) -> None:
    assert table.get(iso3).regional_group == group


def test_regional_group_history(table: CountryTable) -> None:
    assert "ISR" not in table.group_members("WEOG", on=D(1999, 1, 1))
    assert "ISR" in table.group_members("WEOG", on=D(2000, 5, 28))
    assert "KIR" not in table.group_members("ASIA_PACIFIC", on=D(2005, 1, 1))
    # regional groups hold UN members only: Syria is out during the UAR years
    assert "SYR" not in table.group_members("ASIA_PACIFIC", on=D(1960, 1, 1))
    sizes = {g: len(table.group_members(g, on=D(2025, 2, 24)))
             for g in ("AFRICAN", "ASIA_PACIFIC", "EEG", "GRULAC", "WEOG")}
    assert sizes == {"AFRICAN": 54, "ASIA_PACIFIC": 54, "EEG": 23, "GRULAC": 33, "WEOG": 29}


# -- names ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("iso3", "day", "name"), [
    ("EGY", D(1965, 1, 1), "United Arab Republic"),
    ("EGY", D(1972, 1, 1), "Egypt"),
    ("SCG", D(2001, 1, 1), "Yugoslavia"),
    ("SCG", D(2005, 1, 1), "Serbia and Montenegro"),
    ("TWN", D(1960, 1, 1), "China"),
    ("CHN", D(1972, 1, 1), "China"),
    ("TUR", D(2022, 5, 31), "Turkey"),
    ("TUR", D(2022, 6, 1), "Türkiye"),
    ("COD", D(1980, 1, 1), "Zaire"),
    ("TZA", D(1962, 1, 1), "Tanganyika"),
    ("BLR", D(1950, 1, 1), "Byelorussian Soviet Socialist Republic"),
    ("DEU", D(1980, 1, 1), "Federal Republic of Germany"),
    ("DEU", D(1991, 1, 1), "Germany"),
])
def test_name_on(table: CountryTable, iso3: str, day: dt.date, name: str) -> None:
    assert table.name_on(iso3, day) == name


def test_names_lists_kinds_with_dates(table: CountryTable) -> None:
    names = table.names("CHN")
    assert all(isinstance(n, NameRecord) for n in names)
    assert names[0] == NameRecord("China", "short", D(1971, 10, 25), None)
    rest = table.names("TWN")
    assert NameRecord("Republic of China", "official", D(1945, 10, 24), D(1971, 10, 25)) in rest
    assert NameRecord("Taiwan", "source", D(1945, 10, 24), D(1971, 10, 25)) in rest
    assert {n.kind for n in table.names("SUN")} == {"short", "alias", "source"}
    assert [n.kind for n in table.names("CSK")][:2] == ["short", "official"]


@pytest.mark.parametrize(("text", "iso3"), [
    ("US", "USA"), ("usa", "USA"), ("UK", "GBR"), ("Britain", "GBR"), ("Russia", "RUS"),
    ("North Korea", "PRK"), ("DPRK", "PRK"), ("South Korea", "KOR"), ("Ivory Coast", "CIV"),
    ("côte d’ivoire", "CIV"), ("Burma", "MMR"), ("Holy See", "VAT"), ("Vatican", "VAT"),
    ("Palestine", "PSE"), ("Soviet Union", "SUN"), ("USSR", "SUN"), ("East Germany", "DDR"),
    ("West Germany", "DEU"), ("Yugoslavia", "YUG"), ("Zaire", "COD"), ("Swaziland", "SWZ"),
    ("  türkiye ", "TUR"), ("TÜRKÝYE", "TUR"), ("Turkey", "TUR"), ("de", "DEU"),
    ("Tanganyika", "TZA"), ("Zanzibar", "ZZB"), ("UAR", "EGY"), ("Laos", "LAO"),
    ("Czech Republic", "CZE"), ("Micronesia", "FSM"), ("DRC", "COD"),
])
def test_lookup_aliases(table: CountryTable, text: str, iso3: str) -> None:
    assert table.lookup(text).iso3 == iso3


def test_republic_of_china_is_kept_apart(table: CountryTable) -> None:
    # TW (unvotes) and COW 713 (Voeten) are the Republic of China, which held the seat of
    # China until 25 Oct 1971: kept apart from the People's Republic (CHN)
    assert table.lookup("TW").iso3 == "TWN"
    assert table.resolve("TW", kind=MemberKey.ISO2, on=D(1960, 1, 1)) == "TWN"
    assert table.get("TWN").successors == ("CHN",)


# -- resolving -----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "kind", "on", "iso3"), [
    ("365", MemberKey.COW, D(1991, 12, 23), "SUN"),
    ("365", MemberKey.COW, D(1991, 12, 24), "RUS"),
    ("365", MemberKey.COW, None, "RUS"),
    ("365.0", MemberKey.COW, D(1980, 1, 1), "SUN"),
    ("2", MemberKey.COW, None, "USA"),
    ("260", MemberKey.COW, D(1980, 1, 1), "DEU"),
    ("255", MemberKey.COW, D(2000, 1, 1), "DEU"),
    ("265", MemberKey.COW, D(1980, 1, 1), "DDR"),
    ("345", MemberKey.COW, D(1980, 1, 1), "YUG"),
    ("345", MemberKey.COW, D(2001, 1, 1), "SCG"),
    ("345", MemberKey.COW, D(2010, 1, 1), "SRB"),
    ("315", MemberKey.COW, D(1980, 1, 1), "CSK"),
    ("678", MemberKey.COW, D(1980, 1, 1), "YEM"),
    ("680", MemberKey.COW, D(1980, 1, 1), "YMD"),
    ("713", MemberKey.COW, D(1960, 1, 1), "TWN"),
    ("816", MemberKey.COW, D(1980, 1, 1), "VNM"),
    ("511", MemberKey.COW, D(1964, 1, 1), "ZZB"),
    ("DE", MemberKey.ISO2, D(1980, 1, 1), "DEU"),
    ("DD", MemberKey.ISO2, D(1980, 1, 1), "DDR"),
    ("RU", MemberKey.ISO2, D(1980, 1, 1), "SUN"),
    ("RU", MemberKey.ISO2, D(2000, 1, 1), "RUS"),
    ("CS", MemberKey.ISO2, D(1980, 1, 1), "CSK"),
    ("CS", MemberKey.ISO2, D(2004, 1, 1), "SCG"),
    ("YU", MemberKey.ISO2, D(2010, 1, 1), "SRB"),
    ("YD", MemberKey.ISO2, D(1980, 1, 1), "YMD"),
    ("afg", MemberKey.ISO3, None, "AFG"),
    ("AFG", MemberKey.NAME, None, "AFG"),
    ("Russia", MemberKey.NAME, D(1980, 1, 1), "SUN"),
    ("Russia", MemberKey.NAME, D(2000, 1, 1), "RUS"),
    ("Taiwan", MemberKey.NAME, D(1960, 1, 1), "TWN"),
    ("Yugoslavia", MemberKey.NAME, D(1980, 1, 1), "YUG"),
    ("Yugoslavia", MemberKey.NAME, D(2001, 1, 1), "SCG"),
    ("Yugoslavia", MemberKey.NAME, D(2004, 1, 1), "SCG"),
    ("Yugoslavia", MemberKey.NAME, D(2010, 1, 1), "SRB"),
    ("USSR", MemberKey.NAME, D(1991, 12, 31), "RUS"),
    ("Yemen Arab Republic", MemberKey.NAME, D(1980, 1, 1), "YEM"),
    ("UNITED ARAB REPUBLIC", MemberKey.NAME, D(1960, 1, 1), "EGY"),
    ("AY DENMARK", MemberKey.NAME, None, "DNK"),
    ("Aa UNITED STATES", MemberKey.NAME, None, "USA"),
    ("CHILEs ", MemberKey.NAME, None, "CHL"),
    ("LAO PEOPLE's DEMOCRATIC REPUBLIC", MemberKey.NAME, None, "LAO"),
    ("NETHERLANDS (KINGDOM OF THE)", MemberKey.NAME, None, "NLD"),
])
def test_resolve(table: CountryTable, text: str, kind: MemberKey, on: dt.date | None,
                 iso3: str) -> None:
    assert table.resolve(text, kind=kind, on=on) == iso3


def test_donotknow_raises_with_exact_message(table: CountryTable) -> None:
    with pytest.raises(UnknownCountryError) as info:
        table.resolve("DONOTKNOW")
    assert str(info.value) == "unknown country 'DONOTKNOW'"
    assert info.value.suggestions == []
    assert isinstance(info.value, LookupError)


def test_unknown_name_suggests_close_matches(table: CountryTable) -> None:
    with pytest.raises(UnknownCountryError) as info:
        table.resolve("Rusia")
    assert info.value.suggestions[0] == "RUS (Russian Federation)"
    assert str(info.value) == ("unknown country 'Rusia'; did you mean RUS (Russian Federation), "
                               "SUN (Union of Soviet Socialist Republics)?")
    with pytest.raises(UnknownCountryError) as info:
        table.lookup("Germny")
    assert str(info.value) == "unknown country 'Germny'; did you mean DEU (Germany)?"


def test_ambiguous_code_without_date_raises(table: CountryTable) -> None:
    with pytest.raises(UnknownCountryError) as info:
        table.resolve("CS", kind=MemberKey.ISO2)
    assert str(info.value) == ("unknown country 'CS'; did you mean CSK (Czechoslovakia), "
                               "SCG (Serbia and Montenegro)?")


def test_unknown_code_has_no_suggestions(table: CountryTable) -> None:
    with pytest.raises(UnknownCountryError) as info:
        table.resolve("999", kind=MemberKey.COW)
    assert str(info.value) == "unknown country '999'"
    with pytest.raises(UnknownCountryError):
        table.get("XYZ")


def test_no_fuzzy_resolution(table: CountryTable) -> None:
    # close but not equal: never resolved, only suggested
    for text in ("REPUBLIC OF KORE", "Germanyy", "SOUTH SUDANN"):
        with pytest.raises(UnknownCountryError):
            table.resolve(text)


def test_normalise() -> None:
    assert countries.normalise(" Côte  d’Ivoire ") == "COTE D'IVOIRE"
    assert countries.normalise("TÜRKİYE") == countries.normalise("Türkıye") == "TURKIYE"
    assert countries.normalise("TÜRKÝYE") == "TURKIYE"


# -- groups --------------------------------------------------------------------------------
def test_group_names(table: CountryTable) -> None:
    assert table.group_names() == ["P5", "EU", "NATO", "G77", "NAM", "OIC", "AU",
                                   "ARAB_LEAGUE", "ASEAN", "BRICS", "SCO", "AFRICAN",
                                   "ASIA_PACIFIC", "EEG", "GRULAC", "WEOG"]
    with pytest.raises(ValueError, match="unknown group 'G8'"):
        table.group_members("G8", on=D(2000, 1, 1))


def test_p5(table: CountryTable) -> None:
    assert table.group_members("P5", on=D(1990, 1, 1)) == {"CHN", "FRA", "GBR", "SUN", "USA"}
    assert table.group_members("P5", on=D(2000, 1, 1)) == {"CHN", "FRA", "GBR", "RUS", "USA"}


@pytest.mark.parametrize(("group", "iso3", "inside", "outside"), [
    ("NATO", "FIN", D(2023, 4, 4), D(2023, 4, 3)),
    ("NATO", "SWE", D(2024, 3, 7), D(2024, 3, 6)),
    ("NATO", "DEU", D(1955, 5, 6), D(1955, 5, 5)),
    ("EU", "GBR", D(2019, 6, 1), D(2021, 1, 1)),
    ("EU", "HRV", D(2013, 7, 1), D(2013, 6, 30)),
    ("ARAB_LEAGUE", "SYR", D(2010, 1, 1), D(2015, 1, 1)),
    ("ARAB_LEAGUE", "SYR", D(2023, 5, 7), D(2023, 5, 6)),
    ("ARAB_LEAGUE", "EGY", D(1990, 1, 1), D(1985, 1, 1)),
    ("AU", "MAR", D(2017, 1, 30), D(2000, 1, 1)),
    ("BRICS", "ZAF", D(2011, 1, 1), D(2010, 1, 1)),
    ("BRICS", "IDN", D(2025, 1, 6), D(2025, 1, 5)),
    ("BRICS", "ETH", D(2024, 1, 1), D(2023, 12, 31)),
    ("SCO", "IND", D(2017, 6, 9), D(2017, 6, 8)),
    ("SCO", "BLR", D(2024, 7, 4), D(2024, 7, 3)),
    ("ASEAN", "TLS", D(2025, 10, 26), D(2025, 10, 25)),
    ("ASEAN", "KHM", D(1999, 4, 30), D(1999, 4, 29)),
    ("G77", "MEX", D(1970, 1, 1), D(2000, 1, 1)),
    ("NAM", "CYP", D(1970, 1, 1), D(2005, 1, 1)),
    ("OIC", "CIV", D(2001, 1, 1), D(2000, 12, 31)),
])
def test_group_dates(table: CountryTable, group: str, iso3: str, inside: dt.date,
                     outside: dt.date) -> None:
    assert iso3 in table.group_members(group, on=inside)
    assert iso3 not in table.group_members(group, on=outside)


@pytest.mark.parametrize(("group", "day", "size"), [
    ("EU", D(2025, 1, 1), 27), ("NATO", D(2025, 1, 1), 32), ("OIC", D(2025, 1, 1), 57),
    ("ARAB_LEAGUE", D(2025, 1, 1), 22), ("AU", D(2025, 1, 1), 54),
    ("ASEAN", D(2025, 1, 1), 10), ("BRICS", D(2025, 2, 24), 10), ("SCO", D(2025, 1, 1), 10),
    ("G77", D(1964, 6, 15), 76),  # the 77 less the Republic of Viet-Nam (never a UN member)
    ("NATO", D(1949, 8, 24), 12),
])
def test_group_sizes(table: CountryTable, group: str, day: dt.date, size: int) -> None:
    assert len(table.group_members(group, on=day)) == size


@pytest.mark.parametrize(("column", "day"), [
    ("EU12", D(1990, 1, 1)), ("EU15", D(2000, 1, 1)), ("EU25", D(2005, 1, 1)),
    ("EU27_2007", D(2010, 1, 1)), ("EU28", D(2015, 1, 1)), ("EU27", D(2021, 1, 1)),
])
def test_eu_agrees_with_country_converter(table: CountryTable, column: str,
                                          day: dt.date) -> None:
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    data = coco.CountryConverter().data
    assert table.group_members("EU", on=day) == set(data[data[column].notna()].ISO3)


def test_groups_of(table: CountryTable) -> None:
    on_day = table.groups_of("FIN", on=D(2023, 4, 4))
    assert [g.group for g in on_day] == ["EU", "NATO", "WEOG"]
    assert all(isinstance(g, GroupMembership) and g.source for g in on_day)
    assert [g.group for g in table.groups_of("FIN", on=D(2023, 4, 3))] == ["EU", "WEOG"]
    syria = [(g.start, g.end) for g in table.groups_of("SYR") if g.group == "ARAB_LEAGUE"]
    assert syria == [(D(1945, 3, 22), D(2011, 11, 16)), (D(2023, 5, 7), None)]
