"""Charts as files (PNG or SVG, by the file's extension), drawn with matplotlib."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from unvotes.errors import UnvotesError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["line_chart"]

_FORMATS = {".png": "png", ".svg": "svg"}


def line_chart(series: Mapping[str, pd.DataFrame], path: Path, *, title: str, ylabel: str,
               source: str) -> Path:
    """Draw ``value`` against ``period`` for each labelled frame and save it to ``path``
    (``.png`` or ``.svg``), with the data source in a footnote. Returns the path.
    Raises UnvotesError for another extension."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnvotesError(f"cannot draw {path.name}: use a .png or .svg file name")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(9, 4.8), dpi=120)
    for label, frame in series.items():
        data = frame.dropna(subset=["value"])
        axis.plot(data["period"].astype(str), data["value"], marker="o", markersize=3,
                  linewidth=1.6, label=label)
    axis.set_title(title, loc="left", fontsize=12)
    axis.set_ylabel(ylabel)
    axis.grid(alpha=0.3)
    labels = axis.get_xticklabels()
    if len(labels) > 20:
        for i, tick in enumerate(labels):
            tick.set_visible(i % max(1, len(labels) // 15) == 0)
    plt.setp(axis.get_xticklabels(), rotation=45, ha="right", fontsize=8)
    if len(series) > 1:
        axis.legend(frameon=False)
    figure.text(0.01, 0.01, source, fontsize=7, color="#555555")
    figure.tight_layout(rect=(0, 0.04, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format=fmt)
    plt.close(figure)
    return path
