"""Voting blocs: states clustered by their agreement, period by period.

Within a period, states with at least ``min_votes`` common votes are clustered by
average-linkage hierarchical clustering on the distance 1 - agreement (Voeten's index);
the number of blocs is the k in 2..max_blocs with the best mean silhouette. Labels are
kept stable across periods by matching each period's blocs to the previous period's
with the Hungarian algorithm on shared members (Jaccard overlap); a bloc with no match
gets a new label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from unvotes.alignment import Slice, _periods, vote_matrix

if TYPE_CHECKING:
    import pandas as pd

    from unvotes.record import Record

__all__ = ["BlocResult", "blocs", "cluster", "silhouette"]


@dataclass(slots=True)
class BlocResult:
    """Bloc labels per period: a DataFrame ``period, country, bloc`` and per period the
    number of blocs and the silhouette of the chosen clustering."""

    assignments: pd.DataFrame
    summary: pd.DataFrame


def silhouette(distance: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette of a clustering from a distance matrix (NaN if one cluster)."""
    unique = np.unique(labels)
    if len(unique) < 2:
        return float("nan")
    scores = np.zeros(len(labels))
    for i in range(len(labels)):
        own = labels == labels[i]
        own[i] = False
        a = distance[i, own].mean() if own.any() else 0.0
        b = min(distance[i, labels == other].mean() for other in unique if other != labels[i])
        scores[i] = 0.0 if not own.any() else (b - a) / max(a, b) if max(a, b) > 0 else 0.0
    return float(scores.mean())


def cluster(agreement: np.ndarray, *, max_blocs: int = 8) -> tuple[np.ndarray, float]:
    """Cluster labels (1..k) for an agreement matrix, and the silhouette of the choice."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - np.nan_to_num(agreement, nan=0.5)
    np.fill_diagonal(distance, 0.0)
    distance = (distance + distance.T) / 2
    if len(distance) < 3:
        return np.ones(len(distance), dtype=int), float("nan")
    tree = linkage(squareform(distance, checks=False), method="average")
    best: tuple[float, np.ndarray] = (-2.0, np.ones(len(distance), dtype=int))
    for k in range(2, min(max_blocs, len(distance) - 1) + 1):
        labels = fcluster(tree, k, criterion="maxclust")
        score = silhouette(distance, labels)
        if not np.isnan(score) and score > best[0]:
            best = (score, labels)
    return best[1], best[0]


def _relabel(previous: dict[int, set[str]], current: dict[int, set[str]], next_label: int
             ) -> tuple[dict[int, int], int]:
    from scipy.optimize import linear_sum_assignment

    mapping: dict[int, int] = {}
    if previous:
        old = sorted(previous)
        new = sorted(current)
        cost = np.array([[-len(previous[o] & current[n]) / len(previous[o] | current[n])
                          for o in old] for n in new])
        rows, cols = linear_sum_assignment(cost)
        for r, c in zip(rows, cols, strict=True):
            if cost[r, c] < 0:
                mapping[new[r]] = old[c]
    for label in sorted(current):
        if label not in mapping:
            mapping[label] = next_label
            next_label += 1
    return mapping, next_label


def blocs(rec: Record, *, by: str = "decade", where: Slice | None = None, min_votes: int = 20,
          max_blocs: int = 8) -> BlocResult:
    """Voting blocs per period. Example: ``blocs(rec, by="decade").summary``."""
    import pandas as pd

    from unvotes.metrics import pair_matrices

    matrix = vote_matrix(rec, where or Slice())
    rows, summary = [], []
    previous: dict[int, set[str]] = {}
    next_label = 1
    for period, mask in _periods(matrix, by):
        codes = matrix.codes[mask]
        result = pair_matrices(codes, indices=("agreement",), min_votes=1)["agreement"]
        enough = np.diag(result.n_votes) >= min_votes
        states = [s for s, ok in zip(matrix.states, enough, strict=True) if ok]
        if len(states) < 3:
            continue
        index = np.flatnonzero(enough)
        labels, score = cluster(result.values[np.ix_(index, index)], max_blocs=max_blocs)
        current = {int(k): {s for s, lab in zip(states, labels, strict=True) if lab == k}
                   for k in set(labels.tolist())}
        mapping, next_label = _relabel(previous, current, next_label)
        previous = {mapping[k]: v for k, v in current.items()}
        for state, label in zip(states, labels, strict=True):
            rows.append({"period": period, "country": state, "bloc": mapping[int(label)]})
        summary.append({"period": period, "blocs": len(current),
                        "silhouette": round(score, 4), "states": len(states),
                        "votes": int(mask.sum())})
    return BlocResult(pd.DataFrame(rows, columns=["period", "country", "bloc"]),
                      pd.DataFrame(summary, columns=["period", "blocs", "silhouette", "states",
                                                     "votes"]))
