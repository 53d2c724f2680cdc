"""The exception tree of unvotes.

Every error the library raises on purpose derives from :class:`UnvotesError`, so a
caller can catch one class. The layers each have their own subclass:

- :class:`SourceError` — a source file is malformed; names the file, the line and what
  is wrong. Raised by the readers (``unvotes.readers``) and by the build.
- :class:`UnknownCountryError` — a country name or code resolves to no state; carries
  the closest matches. Also a :class:`LookupError`.
- :class:`UnknownVoteError` — a symbol or vote id is not in the record; carries the
  closest matches. Also a :class:`LookupError`.
- :class:`StoreError` — the database is missing, from a newer schema, or cannot be
  written. :class:`BuildError` — a build could not complete (the previous database is
  left untouched).
- :class:`ArticleError` — a text given to the claim checker cannot be read (too long, not
  text). Also a :class:`ValueError`.
- :class:`IdealError` — the ideal-point estimator was given input it cannot use (a
  shape, a code, an option), or there is nothing to fit. Also a :class:`ValueError`.
- :class:`UpdateError` — ``unvotes update`` could not fetch or verify a source file (an
  HTTP error, a cut or hung download, an HTML page instead of data, a changed checksum,
  a file missing from a local mirror); the data folder's complete files and the database
  are left untouched.

Errors become user text only at the edge (the CLI prints ``str(error)`` on one line).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "ArticleError",
    "BuildError",
    "IdealError",
    "SourceError",
    "StoreError",
    "UnknownCountryError",
    "UnknownVoteError",
    "UnvotesError",
    "UpdateError",
]


class UnvotesError(Exception):
    """Root of every error unvotes raises on purpose."""


class SourceError(UnvotesError, ValueError):
    """A source file is malformed.

    ``str(err)`` reads ``"FILE:LINE: REASON"`` (``"FILE: REASON"`` when no line applies).
    """

    def __init__(self, file: str | Path, line: int | None, reason: str) -> None:
        self.file = str(file)
        self.line = line
        self.reason = reason
        where = f"{self.file}:{line}" if line is not None else self.file
        super().__init__(f"{where}: {reason}")


def _with_suggestions(message: str, suggestions: Sequence[str]) -> str:
    if not suggestions:
        return message
    return f"{message}; did you mean {', '.join(suggestions)}?"


class UnknownCountryError(UnvotesError, LookupError):
    """A country name or code that resolves to no state."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        super().__init__(_with_suggestions(f"unknown country {name!r}", self.suggestions))

    def __str__(self) -> str:  # LookupError would quote the whole message
        return str(self.args[0])


class UnknownVoteError(UnvotesError, LookupError):
    """A symbol or vote id that is not in the record."""

    def __init__(self, key: str, suggestions: Sequence[str] = ()) -> None:
        self.key = key
        self.suggestions = list(suggestions)
        super().__init__(_with_suggestions(f"no vote {key!r} in the record", self.suggestions))

    def __str__(self) -> str:
        return str(self.args[0])


class StoreError(UnvotesError):
    """The database is missing, unreadable, or of an unknown schema."""


class BuildError(UnvotesError):
    """A build failed; the previous database (if any) is left intact."""


class ArticleError(UnvotesError, ValueError):
    """An article given to the claim checker cannot be checked (too long, not text)."""


class IdealError(UnvotesError, ValueError):
    """The ideal-point estimator was given input it cannot use (shape, codes, option)."""


class UpdateError(UnvotesError):
    """A source file could not be fetched or verified; nothing was installed or rebuilt.

    ``str(err)`` is one line naming the address (or file) and what went wrong.
    """
