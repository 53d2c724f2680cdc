"""UN document symbols: one display form, one matching key.

Sources spell the same symbol differently: ``A/RES/75/290 A``, ``A/RES/75/290A``,
``A/RES/55/33[B]``, ``S/RES/2774 (2025)``, ``S/RES/2774(2025)``; the unvotes R package
writes ``R/26/2758G`` for ``A/RES/2758 (XXVI) G``. :func:`normalise_symbol` gives the
display form the record stores; :func:`symbol_key` gives the key two spellings share.
"""

from __future__ import annotations

import re

__all__ = ["normalise_symbol", "roman", "symbol_key", "unres_to_symbol"]

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number: int) -> str:
    """Roman numeral of a positive integer: ``roman(26) == "XXVI"``."""
    if number <= 0:
        raise ValueError(f"no Roman numeral for {number}")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


_SPACES = re.compile(r"\s+")
# A/RES/75/290A, A/RES/55/33[B], A/RES/75/290 A -> part letter split off
_GA_NEW = re.compile(r"^A/RES/((?:ES-|S-)?\d+)/(\d+)\s*\[?([A-Z]{1,2})?\]?$")
# A/RES/2758(XXVI), A/RES/2758 (XXVI) G, A/RES/997(ES-I)
_GA_OLD = re.compile(r"^A/RES/(\d+)\s*\(((?:ES-|S-)?[IVXLC]+)\)\s*\[?([A-Z]{1,2})?\]?$")
_SC = re.compile(r"^S/RES/(\d+)\s*(?:\((\d{4})\))?$")


def normalise_symbol(text: str) -> str:
    """The display form of a symbol, or the cleaned text if it is not a known pattern.

    >>> normalise_symbol("S/RES/2774(2025)")
    'S/RES/2774 (2025)'
    """
    raw = _SPACES.sub(" ", text.replace("\u00a0", " ")).strip().upper()
    compact = raw.replace(" ", "")
    if m := _GA_NEW.match(compact):
        session, number, part = m.groups()
        return f"A/RES/{session}/{number}" + (f" {part}" if part else "")
    if m := _GA_OLD.match(compact):
        number, session, part = m.groups()
        return f"A/RES/{number} ({session})" + (f" {part}" if part else "")
    if m := _SC.match(compact):
        number, year = m.groups()
        return f"S/RES/{number}" + (f" ({year})" if year else "")
    return raw


def symbol_key(text: str) -> str:
    """The matching key of a symbol: upper case, no spaces or brackets.

    >>> symbol_key("A/RES/75/290 A") == symbol_key("A/RES/75/290A")
    True
    """
    return re.sub(r"[\s\[\]]", "", normalise_symbol(text))


_UNRES_R = re.compile(r"^R/(\d+)/(\d+)([A-Z]{0,2})$")


def unres_to_symbol(unres: str) -> str | None:
    """The UN symbol of an unvotes/Voeten ``unres`` code, or None if it has no symbol.

    Resolutions of sessions 1-30 were numbered serially with the session in Roman
    numerals; from the 31st session on they are ``A/RES/<session>/<n>``.

    >>> unres_to_symbol("R/26/2758G")
    'A/RES/2758 (XXVI) G'
    """
    text = unres.strip().upper()
    if text.startswith("A/RES/"):
        return normalise_symbol(text)
    m = _UNRES_R.match(text)
    if not m:
        return None
    session, number, part = int(m.group(1)), m.group(2), m.group(3)
    base = f"A/RES/{number} ({roman(session)})" if session <= 30 else f"A/RES/{session}/{number}"
    return base + (f" {part}" if part else "")
