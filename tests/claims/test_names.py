"""Finding the states and groups a text names (package data only, no shared data)."""

from __future__ import annotations

import csv
import datetime as dt
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unvotes.claims import names
from unvotes.claims.names import GROUP_FORMS, HOWS, Mention, StateNames, state_names
from unvotes.countries import load_countries

D = dt.date


@pytest.fixture(scope="module")
def finder() -> StateNames:
    return state_names()


def found(finder: StateNames, text: str, on: dt.date | None = None) -> list[tuple[str, str, str]]:
    """(text, state or group, how) of each mention, checking the offsets on the way."""
    out = []
    for m in finder.find(text, on=on):
        assert text[m.start:m.end] == m.text
        assert (m.iso3 is None) != (m.group is None)
        out.append((m.text, m.iso3 or m.group or "", m.how))
    return out


def test_public_api() -> None:
    assert names.__all__ == ["Mention", "StateNames", "state_names"]
    assert HOWS == ("name", "abbreviation", "demonym", "capital", "group")
    assert state_names() is state_names()
    assert StateNames(load_countries()).find("Chad") == [Mention(0, 4, "Chad", "TCD", None,
                                                                  "name")]


# -- names ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Russia", [("Russia", "RUS", "name")]),
    ("the Russian Federation", [("Russian Federation", "RUS", "name")]),
    ("the United States of America", [("United States of America", "USA", "name")]),
    ("The United States", [("United States", "USA", "name")]),
    ("Democratic People's Republic of Korea", [("Democratic People's Republic of Korea", "PRK",
                                                "name")]),
    ("Democratic People’s Republic of Korea", [("Democratic People’s Republic of Korea", "PRK",
                                                "name")]),
    ("Côte d'Ivoire", [("Côte d'Ivoire", "CIV", "name")]),
    ("Côte d’Ivoire", [("Côte d’Ivoire", "CIV", "name")]),
    ("Cote d'Ivoire", [("Cote d'Ivoire", "CIV", "name")]),
    ("Ivory Coast", [("Ivory Coast", "CIV", "name")]),
    ("Türkiye", [("Türkiye", "TUR", "name")]),
    ("Turkey", [("Turkey", "TUR", "name")]),
    ("TÜRKİYE", [("TÜRKİYE", "TUR", "name")]),
    ("Guinea-Bissau and Guinea Bissau", [("Guinea-Bissau", "GNB", "name"),
                                         ("Guinea Bissau", "GNB", "name")]),
    ("Papua New Guinea, Equatorial Guinea, Guinea", [("Papua New Guinea", "PNG", "name"),
                                                     ("Equatorial Guinea", "GNQ", "name"),
                                                     ("Guinea", "GIN", "name")]),
    ("Niger and Nigeria", [("Niger", "NER", "name"), ("Nigeria", "NGA", "name")]),
    ("the Gambia", [("Gambia", "GMB", "name")]),
    ("Democratic Republic of the Congo", [("Democratic Republic of the Congo", "COD", "name")]),
    ("Republic of the Congo", [("Republic of the Congo", "COG", "name")]),
    ("United\n  Kingdom", [("United\n  Kingdom", "GBR", "name")]),
    ("UNITED STATES", [("UNITED STATES", "USA", "name")]),
])
def test_names(finder: StateNames, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(finder, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Indian and Indians", [("Indian", "IND", "demonym"), ("Indians", "IND", "demonym")]),
    ("British, French and Chinese", [("British", "GBR", "demonym"), ("French", "FRA", "demonym"),
                                     ("Chinese", "CHN", "demonym")]),
    ("an American and two Americans", [("American", "USA", "demonym"),
                                       ("Americans", "USA", "demonym")]),
    ("Russian, Soviet, Ukrainian", [("Russian", "RUS", "demonym"), ("Soviet", "SUN", "demonym"),
                                    ("Ukrainian", "UKR", "demonym")]),
    ("Emirati, Saudi, Israeli, Palestinian", [("Emirati", "ARE", "demonym"),
                                              ("Saudi", "SAU", "demonym"),
                                              ("Israeli", "ISR", "demonym"),
                                              ("Palestinian", "PSE", "demonym")]),
    ("pro-Russian, US-led", [("Russian", "RUS", "demonym"), ("US", "USA", "abbreviation")]),
])
def test_demonyms(finder: StateNames, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(finder, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("US, U.S., USA, U.S.A.", [("US", "USA", "abbreviation"), ("U.S.", "USA", "abbreviation"),
                               ("USA", "USA", "abbreviation"),
                               ("U.S.A.", "USA", "abbreviation")]),
    ("UK U.K. USSR U.S.S.R.", [("UK", "GBR", "abbreviation"), ("U.K.", "GBR", "abbreviation"),
                               ("USSR", "SUN", "abbreviation"),
                               ("U.S.S.R.", "SUN", "abbreviation")]),
    ("DPRK ROK PRC ROC", [("DPRK", "PRK", "abbreviation"), ("ROK", "KOR", "abbreviation"),
                          ("PRC", "CHN", "abbreviation"), ("ROC", "TWN", "abbreviation")]),
    ("UAE DRC KSA CAR", [("UAE", "ARE", "abbreviation"), ("DRC", "COD", "abbreviation"),
                         ("KSA", "SAU", "abbreviation"), ("CAR", "CAF", "abbreviation")]),
    ("the U.S.-backed plan", [("U.S.", "USA", "abbreviation")]),
    ("USAID and USD and US$5bn", []),
])
def test_abbreviations(finder: StateNames, text: str, expected: list[tuple[str, str, str]]
                       ) -> None:
    assert found(finder, text) == expected


@pytest.mark.parametrize("text", [
    "us", "Us", "car", "Car", "uk", "usa", "turkey", "chad", "china plates", "jordan",
    "the united states", "russian", "indian",
])
def test_case_rules(finder: StateNames, text: str) -> None:
    assert finder.find(text) == []


def test_capital_letter_needed_only_first(finder: StateNames) -> None:
    assert found(finder, "China plates, United states, RUSSIA") == [
        ("China", "CHN", "name"), ("United states", "USA", "name"), ("RUSSIA", "RUS", "name")]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_possessives(finder: StateNames, apostrophe: str) -> None:
    text = f"Russia{apostrophe}s veto, the Americans{apostrophe} plan, the US{apostrophe}s envoy"
    assert found(finder, text) == [("Russia", "RUS", "name"), ("Americans", "USA", "demonym"),
                                   ("US", "USA", "abbreviation")]
    assert [(m.start, m.end) for m in finder.find(text)] == [(0, 6), (19, 28), (40, 42)]


def test_offsets_are_exact_around_accents_and_ligatures(finder: StateNames) -> None:
    text = "ﬁrst: Co\u0302te d’Ivoire\u0301 … and S\u00e3o Tom\u00e9 and Principe, then Peru"
    mentions = finder.find(text)
    assert [(m.text, m.iso3) for m in mentions] == [
        ("Co\u0302te d’Ivoire\u0301", "CIV"), ("São Tomé and Principe", "STP"), ("Peru", "PER")]
    for m in mentions:
        assert text[m.start:m.end] == m.text


# -- longest match and ambiguity -------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("South African", [("South African", "ZAF", "demonym")]),
    ("North Korean", [("North Korean", "PRK", "demonym")]),
    ("South Koreans", [("South Koreans", "KOR", "demonym")]),
    ("South Sudanese and Sudanese", [("South Sudanese", "SSD", "demonym"),
                                     ("Sudanese", "SDN", "demonym")]),
    ("Bissau-Guinean and Guinean", [("Bissau-Guinean", "GNB", "demonym"),
                                    ("Guinean", "GIN", "demonym")]),
    ("Korean", []), ("Koreans", []), ("Korea", []), ("the Korean Peninsula", []),
    ("Congolese", []), ("Congo", []), ("Arab", []), ("African", []), ("Dominican", []),
    ("Latin American", []), ("Latin America", []), ("Northern Ireland", []),
    ("the Indian Ocean", []), ("the South China Sea", [("China", "CHN", "name")]),
    ("Washington Post", []), ("Jerusalem", []), ("Tel Aviv", []), ("Brussels", []),
    ("non-permanent members", []),
])
def test_longest_match_and_ambiguity(finder: StateNames, text: str,
                                     expected: list[tuple[str, str, str]]) -> None:
    assert found(finder, text) == expected


@pytest.mark.parametrize(("text", "group"), [
    ("European Union", "EU"), ("EU", "EU"), ("NATO", "NATO"), ("Nato", "NATO"),
    ("African Union", "AU"), ("Non-Aligned Movement", "NAM"), ("G77", "G77"),
    ("Group of 77", "G77"), ("BRICS", "BRICS"), ("ASEAN", "ASEAN"), ("Western countries", "WEOG"),
    ("western countries", "WEOG"), ("African states", "AFRICAN"), ("African nations", "AFRICAN"),
    ("Arab states", "ARAB_LEAGUE"), ("Arab countries", "ARAB_LEAGUE"),
    ("Arab League", "ARAB_LEAGUE"), ("Latin American countries", "GRULAC"),
    ("five permanent members", "P5"),
])
def test_groups(finder: StateNames, text: str, group: str) -> None:
    assert finder.find(f"the {text}.") == [Mention(4, 4 + len(text), text, None, group, "group")]


def test_every_group_form_names_its_group(finder: StateNames) -> None:
    table = load_countries()
    for text, group in GROUP_FORMS:
        got = [(m.text, m.group) for m in finder.find(text)]
        assert got == ([] if group is None else [(text, group)]), text
        assert group is None or group in table.group_names()


def test_group_and_state_in_one_sentence(finder: StateNames) -> None:
    assert found(finder, "South African states and the five permanent members") == [
        ("South African", "ZAF", "demonym"), ("five permanent members", "P5", "group")]


# -- dates -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "on", "iso3"), [
    ("Russia", D(1960, 1, 1), "SUN"), ("Russia", D(1995, 1, 1), "RUS"), ("Russia", None, "RUS"),
    ("Russian", D(1960, 1, 1), "SUN"), ("Russians", D(1991, 12, 24), "RUS"),
    ("Moscow", D(1960, 1, 1), "SUN"), ("Moscow", D(1991, 12, 23), "SUN"),
    ("Moscow", D(1991, 12, 24), "RUS"), ("Moscow", None, "RUS"),
    ("Russian Federation", D(1960, 1, 1), "SUN"), ("Soviet", D(2020, 1, 1), "SUN"),
    ("USSR", D(1991, 12, 30), "SUN"),
    ("China", D(1960, 1, 1), "TWN"), ("China", D(1971, 10, 25), "CHN"), ("China", None, "CHN"),
    ("Chinese", D(1971, 10, 24), "TWN"), ("Chinese", D(1971, 10, 25), "CHN"),
    ("Beijing", D(1960, 1, 1), "CHN"), ("Peking", D(1960, 1, 1), "CHN"),
    ("People's Republic of China", D(1960, 1, 1), "CHN"), ("PRC", D(1960, 1, 1), "CHN"),
    ("Taipei", D(1960, 1, 1), "TWN"), ("Taipei", None, "TWN"), ("Taiwan", D(2020, 1, 1), "TWN"),
    ("Yugoslavia", D(1980, 1, 1), "YUG"), ("Yugoslavia", D(2001, 1, 1), "SCG"),
    ("Serbia", D(2004, 1, 1), "SCG"), ("Serbia", D(2010, 1, 1), "SRB"),
    ("Belgrade", D(1980, 1, 1), "YUG"), ("Belgrade", D(2004, 1, 1), "SCG"),
    ("Belgrade", D(2010, 1, 1), "SRB"),
    ("Prague", D(1980, 1, 1), "CSK"), ("Prague", D(1993, 1, 1), "CZE"),
    ("Bonn", D(1980, 1, 1), "DEU"), ("East Berlin", D(1980, 1, 1), "DDR"),
    ("Berlin", D(1995, 1, 1), "DEU"),
    ("Rio de Janeiro", D(1950, 1, 1), "BRA"), ("Brasília", D(1970, 1, 1), "BRA"),
    ("Brasilia", None, "BRA"), ("Karachi", D(1950, 1, 1), "PAK"),
    ("Lagos", D(1980, 1, 1), "NGA"), ("Abuja", D(2000, 1, 1), "NGA"),
    ("Almaty", D(1995, 1, 1), "KAZ"), ("Alma-Ata", D(1992, 3, 2), "KAZ"),
    ("Rangoon", D(1990, 1, 1), "MMR"), ("Yangon", D(2005, 11, 5), "MMR"),
    ("Aden", D(1980, 1, 1), "YMD"), ("Aden", D(2016, 1, 1), "YEM"), ("Sanaa", D(1980, 1, 1), "YEM"),
    ("Kyiv", None, "UKR"), ("Kiev", D(1960, 1, 1), "UKR"), ("New Delhi", None, "IND"),
    ("Delhi", None, "IND"), ("Tokyo", None, "JPN"), ("Pyongyang", None, "PRK"),
    ("Seoul", None, "KOR"), ("Tehran", None, "IRN"), ("Ankara", None, "TUR"),
    ("Pretoria", None, "ZAF"), ("Washington", None, "USA"), ("London", None, "GBR"),
    ("Paris", None, "FRA"),
    ("Zanzibar", D(1964, 1, 1), "ZZB"),
])
def test_dates(finder: StateNames, text: str, on: dt.date | None, iso3: str) -> None:
    assert [(m.text, m.iso3) for m in finder.find(text, on=on)] == [(text, iso3)]


@pytest.mark.parametrize(("text", "on"), [
    ("Berlin", D(1980, 1, 1)), ("Rio de Janeiro", D(1970, 1, 1)), ("Karachi", D(1970, 1, 1)),
    ("Lagos", D(2000, 1, 1)), ("Almaty", D(2000, 1, 1)), ("Rangoon", D(2010, 1, 1)),
    ("Aden", D(2000, 1, 1)), ("Sanaa", D(2020, 1, 1)), ("Zanzibar", D(2000, 1, 1)),
    ("Palestine", D(1947, 11, 29)),
])
def test_dated_forms_that_name_no_state(finder: StateNames, text: str, on: dt.date) -> None:
    assert finder.find(text, on=on) == []


def test_a_datetime_counts_as_its_day(finder: StateNames) -> None:
    assert finder.find("Moscow", on=dt.datetime(1960, 1, 1, 12))[0].iso3 == "SUN"


# -- the data file ---------------------------------------------------------------------------
def _rows() -> list[dict[str, str]]:
    text = resources.files("unvotes.claims").joinpath("data", "mentions.csv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def test_mentions_csv_is_documented_and_well_formed() -> None:
    text = resources.files("unvotes.claims").joinpath("data", "mentions.csv").read_text("utf-8")
    assert text.startswith("# ")
    rows = _rows()
    assert list(rows[0]) == ["iso3", "text", "kind", "start", "end", "note"]
    assert {r["kind"] for r in rows} == {"demonym", "capital", "abbreviation", "name"}
    assert all(r["text"] == r["text"].strip() and r["text"] for r in rows)


def test_every_state_row_resolves_to_a_state_of_the_table() -> None:
    table = load_countries()
    for row in _rows():
        if row["iso3"]:
            assert table.get(row["iso3"]).iso3 == row["iso3"], row


def test_every_row_is_found_with_its_meaning(finder: StateNames) -> None:
    for row in _rows():
        start = dt.date.fromisoformat(row["start"]) if row["start"] else None
        end = dt.date.fromisoformat(row["end"]) if row["end"] else None
        on = start or (end - dt.timedelta(days=1) if end else None)
        got = [(m.text, m.iso3, m.how) for m in finder.find(row["text"], on=on)]
        expected = [(row["text"], row["iso3"], row["kind"])] if row["iso3"] else []
        assert got == expected, row


def test_every_state_has_a_demonym_and_a_capital_unless_ambiguous() -> None:
    rows = _rows()
    states = {c.iso3 for c in load_countries().countries()}
    demonyms = {r["iso3"] for r in rows if r["kind"] == "demonym" and r["iso3"]}
    capitals = {r["iso3"] for r in rows if r["kind"] == "capital" and r["iso3"]}
    # Central African, Congolese and Dominican are ambiguous; the Holy See has none
    assert states - demonyms == {"CAF", "COG", "DMA", "DOM", "VAT"}
    # the capital is the state's own name (DJI LUX MCO SGP SMR VAT ZZB), ambiguous (BEL
    # Brussels, ISR, NLD The Hague, PSE, SYC Victoria) or a plain word (ATG GRD MDV)
    assert states - capitals == {"ATG", "BEL", "DJI", "GRD", "ISR", "LUX", "MCO", "MDV", "NLD",
                                 "PSE", "SGP", "SMR", "SYC", "VAT", "ZZB"}


# -- any text --------------------------------------------------------------------------------
def test_large_and_odd_inputs_return(finder: StateNames) -> None:
    assert finder.find("") == []
    assert len(finder.find("Russia " * 20_000)) == 20_000
    assert finder.find("\x00\ud800 US \U0001f1fa\U0001f1f8 \u202eRussia\u202c") == [
        Mention(3, 5, "US", "USA", None, "abbreviation"),
        Mention(10, 16, "Russia", "RUS", None, "name")]
    assert finder.find("United" + " " * 10_000 + "x") == []


_WORDS = st.sampled_from(["Russia", "Russian", "US", "U.S.", "the", "South", "African",
                          "Korean", "North", "'s", "’s", "-", " ", ".", "China", "e\u0301",
                          "ﬁ", "Côte d’Ivoire", "Arab states", "EU", "Latin American", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=8)), max_size=30),
       st.one_of(st.none(), st.dates()))
def test_any_text_gives_ordered_consistent_mentions(parts: list[str], on: dt.date | None) -> None:
    text = "".join(parts)
    mentions = state_names().find(text, on=on)
    end = 0
    for m in mentions:
        assert end <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert (m.iso3 is None) != (m.group is None)
        assert m.how in HOWS
        end = m.end
