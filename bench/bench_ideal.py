"""Ideal points on the real record: the full 1946-2025 GA fit against a single-year static
baseline, both validated against the published Bailey-Strezhnev-Voeten estimates.

Prints, for the dynamic fit (one dimension, final-passage votes 1946-2025, bridges):
wall time, iterations, peak memory of the process; for the baseline (the same ordinal
model fitted to each year alone, no random walk, no bridges): the total time over the
years and the ratio; for both: the per-year cross-state correlation with the published
estimates (median; minimum over years with 30+ votes; pooled over all state-years) and
the trajectory correlations of the USA, Russia (USSR to 1991), China, India, Brazil and
Israel. The published estimates are only compared against.

    python bench/bench_ideal.py [--data ../shared/data] [--bootstrap 100] [--omega-grid]
                                [--years]

--bootstrap N times N parametric bootstrap replicates (2 worker processes by default);
--omega-grid refits with omega 0.05 ... 0.5 and prints the evidence bound of each (the
default omega is where it peaks); --years prints the per-year table.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import unvotes
from unvotes.ideal import fit_static
from unvotes.ideal.estimates import IdealSettings, estimate, ideal_input
from unvotes.ideal.validate import REFERENCE_FILE, compare, load_reference


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _report(label: str, ours: pd.DataFrame, reference: pd.DataFrame, *, years: bool) -> None:
    c = compare(ours, reference)
    print(f"{label}: per-year r median {c.median:.3f}, min over years with 30+ votes "
          f"{c.minimum:.3f}, pooled r {c.pooled:.3f}")
    print("  trajectories: " + ", ".join(f"{s} {r:.3f} ({n} y)"
                                         for s, (r, n) in c.trajectories.items()))
    low = c.years.sort_values("correlation").head(5)
    print("  lowest years: " + ", ".join(f"{int(r.year)} {r.correlation:.3f} "
                                         f"({int(r.votes)} votes)"
                                         for r in low.itertuples()))
    if years:
        print(c.years.to_string(index=False))


def _static(data, until: int) -> tuple[pd.DataFrame, float]:  # type: ignore[no-untyped-def]
    """The baseline: each year fitted alone; returns its points and the total time."""
    frames, began = [], time.perf_counter()
    positive = data.states.index("USA")
    for year in np.unique(data.vote_year):
        if year > until:
            continue
        rows = data.vote_year == year
        codes = data.codes[rows]
        cast = ((codes >= 1) & (codes <= 3)).any(axis=0)
        if not cast[positive]:
            continue
        fit = fit_static(codes, year=int(year), positive=positive)
        x = fit.x[:, 0]
        keep = ~np.isnan(x)
        frames.append(pd.DataFrame({"country": np.asarray(data.states)[keep], "year": year,
                                    "ideal_point": x[keep],
                                    "votes": int(rows.sum())}))
    return pd.concat(frames), time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--bootstrap", type=int, default=0)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--omega-grid", action="store_true")
    parser.add_argument("--years", action="store_true")
    args = parser.parse_args()
    reference = load_reference(args.data / REFERENCE_FILE)
    rec = unvotes.open()
    settings = IdealSettings(until=2025)
    data = ideal_input(rec, settings)
    print(f"GA final-passage votes 1946-2025: {len(data.vote_ids):,} votes x "
          f"{len(data.states)} states, {data.bridged_votes:,} votes in bridge groups")
    est = estimate(rec, settings)
    fit = est.fit
    print(f"dynamic fit: {fit.seconds:.1f} s, {fit.iterations} iterations, "
          f"converged={fit.converged}, peak memory {_peak_mb():,.0f} MB (process)")
    static, static_seconds = _static(data, 2025)
    print(f"static baseline (each year alone): {static_seconds:.1f} s over "
          f"{static['year'].nunique()} years; dynamic / static time "
          f"{fit.seconds / static_seconds:.2f}x")
    _report("dynamic", est.points, reference, years=args.years)
    _report("static baseline", static, reference, years=False)
    if args.omega_grid:
        for omega in (0.05, 0.1, 0.15, 0.2, 0.3, 0.5):
            grid = estimate(rec, IdealSettings(until=2025, omega=omega)).fit
            print(f"omega {omega:<5} evidence bound {grid.trace[-1]:,.1f} "
                  f"({grid.iterations} iterations)")
    if args.bootstrap:
        boot = estimate(rec, IdealSettings(until=2025, replicates=args.bootstrap),
                        workers=args.workers)
        width = (boot.points["high"] - boot.points["low"]).median()
        print(f"bootstrap: {args.bootstrap} replicates in {boot.bootstrap_seconds:.0f} s "
              f"({(boot.bootstrap_seconds or 0) / 60:.1f} min, target < 30 min); median "
              f"90% interval width {width:.3f} (variational: "
              f"{(est.points['high'] - est.points['low']).median():.3f})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
