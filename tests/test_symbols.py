import pytest

from unvotes.symbols import normalise_symbol, roman, symbol_key, unres_to_symbol


@pytest.mark.parametrize(("raw", "display"), [
    ("S/RES/2774(2025)", "S/RES/2774 (2025)"),
    ("s/res/2774  (2025)", "S/RES/2774 (2025)"),
    ("A/RES/55/33[B]", "A/RES/55/33 B"),
    ("A/RES/75/290A", "A/RES/75/290 A"),
    ("A/RES/ES-11/7", "A/RES/ES-11/7"),
    ("A/RES/2758(XXVI)", "A/RES/2758 (XXVI)"),
    ("A/RES/997 (ES-I)", "A/RES/997 (ES-I)"),
    ("A/DEC/80/506", "A/DEC/80/506"),
])
def test_normalise_symbol(raw: str, display: str) -> None:
    assert normalise_symbol(raw) == display


def test_symbol_key_joins_spellings() -> None:
    assert symbol_key("A/RES/75/290 A") == symbol_key("A/RES/75/290A") == "A/RES/75/290A"
    assert symbol_key("S/RES/2774 (2025)") == symbol_key("S/RES/2774(2025)")
    assert symbol_key("A/RES/55/33[B]") == "A/RES/55/33B"


@pytest.mark.parametrize(("unres", "symbol"), [
    ("R/1/66", "A/RES/66 (I)"),
    ("R/26/2758G", "A/RES/2758 (XXVI) G"),
    ("R/30/3379", "A/RES/3379 (XXX)"),
    ("R/31/6K", "A/RES/31/6 K"),
    ("A/RES/71/5", "A/RES/71/5"),
    ("ESS/1/34", None),
])
def test_unres_to_symbol(unres: str, symbol: str | None) -> None:
    assert unres_to_symbol(unres) == symbol


def test_roman() -> None:
    assert [roman(n) for n in (1, 4, 9, 14, 26, 30)] == ["I", "IV", "IX", "XIV", "XXVI", "XXX"]
    with pytest.raises(ValueError, match="no Roman numeral for 0"):
        roman(0)
