"""Reading R data files (``.rda``/``.RData``) into pandas, with clear errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from unvotes.errors import SourceError


def read_rdata(path: Path, *, name: str | None = None,
               columns: tuple[str, ...] = ()) -> pd.DataFrame:
    """The data frame ``name`` (or the only one) of an R data file.

    Raises SourceError if the file cannot be read, holds no such object or lacks one of
    ``columns``. Example: ``read_rdata(Path("un_votes.rda"), columns=("rcid",))``.
    """
    import pyreadr  # imported here: it is only needed at build time

    try:
        objects = pyreadr.read_r(str(path))
    except Exception as exc:  # pyreadr raises its own and OS errors alike
        raise SourceError(path, None, f"cannot read R data file ({exc})") from exc
    if name is None:
        if len(objects) != 1:
            raise SourceError(path, None, f"expected one object, found {list(objects)}")
        frame = next(iter(objects.values()))
    elif name in objects:
        frame = objects[name]
    else:
        raise SourceError(path, None, f"no object {name!r} (found {list(objects)})")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SourceError(path, None, f"missing columns: {', '.join(missing)}")
    return frame.reset_index(drop=True)
