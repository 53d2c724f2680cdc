"""Country identity: every state that has been a UN member, its names, codes and groups.

One table keyed by ISO 3166-1 alpha-3 (ISO 3166-3 for dissolved states: SUN, YUG, SCG, CSK,
DDR, YMD; the private code ZZB for Zanzibar, 1963-64), with COW and M49 codes, UN names over
time, the spellings the voting sources use, membership periods, predecessor and successor
links, UN regional groups, and dated memberships of P5, EU, NATO, G77, NAM, OIC, AU, the Arab
League, ASEAN, BRICS and SCO. The data are the CSVs in ``unvotes/countries/data/`` (each
documents its sources in its header); ``pycountry`` and ``country_converter`` supply ISO2,
M49, official names and extra aliases.

Example::

    from datetime import date
    from unvotes.countries import load_countries
    table = load_countries()
    table.resolve("Russia", on=date(1980, 1, 1))          # "SUN" (the unvotes R package's name)
    len(table.members_on(date(2025, 2, 24)))               # 193
"""

from __future__ import annotations

import functools

from unvotes.countries.table import (
    NAME_KINDS,
    REGIONAL_GROUPS,
    Country,
    CountryTable,
    Group,
    GroupMembership,
    NameRecord,
    _package_data,
    normalise,
)

__all__ = [
    "NAME_KINDS",
    "REGIONAL_GROUPS",
    "Country",
    "CountryTable",
    "Group",
    "GroupMembership",
    "NameRecord",
    "load_countries",
    "normalise",
]


@functools.cache
def load_countries() -> CountryTable:
    """The country table from the package data (read once, then cached).

    Raises SourceError if a package CSV is malformed or makes a name ambiguous.
    Example: ``load_countries().get("DEU").admitted == date(1973, 9, 18)``.
    """
    return CountryTable.from_directory(_package_data())
