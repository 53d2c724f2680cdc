"""unvotes: the open record and analysis engine for United Nations votes.

>>> import unvotes                              # doctest: +SKIP
>>> rec = unvotes.open()                        # doctest: +SKIP
>>> rec.vote("A/RES/ES-11/7").positions["USA"]  # doctest: +SKIP
'N'
"""

from __future__ import annotations

__version__ = "0.1.0"

from unvotes.errors import (
    ArticleError,
    BuildError,
    IdealError,
    SourceError,
    StoreError,
    UnknownCountryError,
    UnknownVoteError,
    UnvotesError,
    UpdateError,
)
from unvotes.model import Body, Position, Tally, VoteKind
from unvotes.record import CountryProfile, Record, SourceRef, Vote
from unvotes.record import open_record as open

__all__ = [
    "ArticleError",
    "Body",
    "BuildError",
    "CountryProfile",
    "IdealError",
    "Position",
    "Record",
    "SourceError",
    "SourceRef",
    "StoreError",
    "Tally",
    "UnknownCountryError",
    "UnknownVoteError",
    "UnvotesError",
    "UpdateError",
    "Vote",
    "VoteKind",
    "__version__",
    "open",
]
