"""Charts as files (PNG or SVG, by the file's extension), drawn with matplotlib."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from unvotes.errors import UnvotesError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["band_chart", "line_chart"]

_FORMATS = {".png": "png", ".svg": "svg"}


def _figure_path(path: Path) -> tuple[Path, str]:
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnvotesError(f"cannot draw {path.name}: use a .png or .svg file name")
    return path, fmt


def band_chart(series: Mapping[str, pd.DataFrame], path: Path, *, title: str, ylabel: str,
               source: str) -> Path:
    """Draw ``value`` against ``year`` for each labelled frame with a shaded band from
    ``low`` to ``high``, and save it to ``path`` (``.png`` or ``.svg``) with the source in
    a footnote. Returns the path. Raises UnvotesError for another extension."""
    path, fmt = _figure_path(path)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(9, 4.8), dpi=120)
    for label, frame in series.items():
        data = frame.sort_values("year")
        line = axis.plot(data["year"], data["value"], linewidth=1.6, label=label)[0]
        axis.fill_between(data["year"], data["low"], data["high"], color=line.get_color(),
                          alpha=0.2, linewidth=0)
    axis.axhline(0.0, color="#999999", linewidth=0.8)
    axis.set_title(title, loc="left", fontsize=12)
    axis.set_ylabel(ylabel)
    axis.grid(alpha=0.3)
    if len(series) > 1:
        axis.legend(frameon=False, ncol=min(len(series), 6))
    import textwrap

    note = textwrap.fill(source, 190)
    figure.text(0.01, 0.01, note, fontsize=6.5, color="#555555")
    figure.tight_layout(rect=(0, 0.025 * (note.count("\n") + 2), 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format=fmt)
    plt.close(figure)
    return path


def line_chart(series: Mapping[str, pd.DataFrame], path: Path, *, title: str, ylabel: str,
               source: str) -> Path:
    """Draw ``value`` against ``period`` for each labelled frame and save it to ``path``
    (``.png`` or ``.svg``), with the data source in a footnote. Returns the path.
    Raises UnvotesError for another extension."""
    path, fmt = _figure_path(path)
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
