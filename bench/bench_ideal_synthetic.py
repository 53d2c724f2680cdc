"""Benchmark: dynamic ordinal ideal points on a full-size synthetic General Assembly.

Draws a synthetic record the size of the real one (``unvotes.ideal.simulate``: 190
states, 1946-2025, 90 votes a year, about 7,200 votes; members join over time, about 5%
non-voting, abstentions common, a third of the votes repeats of a recurring resolution
tied by ``bridge``), then in the same run:

1. fits the dynamic model (``fit_dynamic``, bridges on, the reference state positive):
   wall time (target: under 60 s on the 2-core machine), iterations, convergence;
2. fits the static baseline one year at a time (``fit_static``): total wall time;
3. prints each fit's recovery of the true positions: the pooled correlation over all
   present state-years, and the median and worst per-year cross-state correlation;
   for the dynamic fit also the items' correlation with the truth;
4. prints the peak resident memory of the process (target: under 4 GB).

The static positions are standardised and signed (reference state positive) year by
year: their pooled correlation mixes scales, and a year in which the reference state is
truly below that year's mean comes out mirrored; the per-year correlations and the
count of sign-flipped years show both. Wall time depends on what else the machine is
running; CPU time is printed beside it. The small L-BFGS-B solves of the expansion
step wake OpenBLAS's worker threads, which then spin: CPU time is about twice the wall
time unless OPENBLAS_NUM_THREADS=1, which gives the same wall time (and, the BLAS
summing in another order, results equal to about the convergence tolerance).
No database is needed. Usage:
python bench/bench_ideal_synthetic.py [--states 190] [--first 1946] [--last 2025]
    [--votes-per-year 90] [--omega 0.3] [--seed 0] [--no-static]
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from unvotes.ideal import IdealFit, SyntheticRecord, fit_dynamic, fit_static, simulate


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def recovery(estimate: np.ndarray, truth: np.ndarray) -> str:
    """Pooled correlation; the median and minimum per-year correlation (years with at
    least 3 states), and the years whose sign is opposite to the truth's."""
    both = ~np.isnan(estimate) & ~np.isnan(truth)
    pooled = float(np.corrcoef(estimate[both], truth[both])[0, 1])
    per_year = np.array([np.corrcoef(estimate[both[:, k], k], truth[both[:, k], k])[0, 1]
                         for k in range(truth.shape[1]) if both[:, k].sum() >= 3])
    return (f"pooled r {pooled:.4f}; per-year r median {np.median(per_year):.4f}, min "
            f"{per_year.min():.4f}, median |r| {np.median(np.abs(per_year)):.4f}; "
            f"{int((per_year < 0).sum())} of {len(per_year)} years with the sign flipped")


def static_by_year(rec: SyntheticRecord) -> tuple[np.ndarray, float, float, int, int]:
    """Positions ``(states, years)`` from one static fit per year, the total wall and
    CPU seconds, the total iterations and the number of years that converged."""
    x = np.full(rec.x.shape, np.nan)
    began, cpu = time.perf_counter(), time.process_time()
    iterations = converged = 0
    for k, year in enumerate(rec.years):
        rows = rec.vote_year == year
        fit = fit_static(rec.codes[rows], year=int(year), positive=rec.reference)
        x[:, k] = fit.x[:, 0]
        iterations += fit.iterations
        converged += fit.converged
    return (x, time.perf_counter() - began, time.process_time() - cpu, iterations,
            converged)


def describe(rec: SyntheticRecord) -> str:
    codes = rec.codes
    voted = np.isin(codes, (1, 2, 3))
    share = {name: float((codes == c).sum() / voted.sum()) for name, c in
             (("Y", 1), ("A", 2), ("N", 3))}
    member_cells = int((codes > 0).sum())
    repeats = len(rec.bridge) - len(np.unique(rec.bridge))
    return (f"{codes.shape[0]} votes x {codes.shape[1]} states, {len(rec.years)} years "
            f"({rec.years[0]}-{rec.years[-1]}); members {int(rec.member[:, 0].sum())} -> "
            f"{int(rec.member[:, -1].sum())}; Y {share['Y']:.0%} A {share['A']:.0%} "
            f"N {share['N']:.0%} of the votes cast; non-voting "
            f"{(codes == 4).sum() / member_cells:.1%} of member cells; "
            f"{repeats} votes repeat an earlier resolution ({len(np.unique(rec.bridge))} "
            f"distinct items)")


def item_recovery(fit: IdealFit, rec: SyntheticRecord) -> str:
    free = (fit.tau > 0) & (rec.tau > 0)
    return (f"items: corr(beta) {np.corrcoef(fit.beta, rec.beta)[0, 1]:.4f}, "
            f"corr(alpha) {np.corrcoef(fit.alpha, rec.alpha)[0, 1]:.4f}, "
            f"corr(tau) {np.corrcoef(fit.tau[free], rec.tau[free])[0, 1]:.4f} "
            f"on {int(free.sum())} votes with abstentions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=190)
    parser.add_argument("--first", type=int, default=1946)
    parser.add_argument("--last", type=int, default=2025)
    parser.add_argument("--votes-per-year", type=int, default=90)
    parser.add_argument("--omega", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-static", action="store_true")
    args = parser.parse_args()

    began = time.perf_counter()
    rec = simulate(n_states=args.states, years=range(args.first, args.last + 1),
                   votes_per_year=args.votes_per_year, omega=args.omega, seed=args.seed)
    print(f"synthetic record ({time.perf_counter() - began:.1f} s): {describe(rec)}")

    cpu = time.process_time()
    fit = fit_dynamic(rec.codes, rec.vote_year, bridge=rec.bridge, positive=rec.reference,
                      omega=args.omega, seed=args.seed)
    cpu = time.process_time() - cpu
    print(f"dynamic fit: {fit.seconds:.1f} s wall, {cpu:.1f} s CPU, {fit.iterations} "
          f"iterations ({fit.seconds / fit.iterations * 1000:.0f} ms each), converged "
          f"{fit.converged}, L {fit.trace[-1]:.1f}, trace non-decreasing "
          f"{bool(np.all(np.diff(fit.trace) >= 0))}")
    print(f"  recovery of x: {recovery(fit.x, rec.x)}")
    print(f"  {item_recovery(fit, rec)}")
    print(f"  peak memory so far (RSS): {peak_mb():.0f} MB")

    if not args.no_static:
        x, seconds, cpu, iterations, converged = static_by_year(rec)
        print(f"static baseline, one fit per year: {seconds:.1f} s wall, {cpu:.1f} s CPU, "
              f"{iterations} iterations in all, {converged}/{len(rec.years)} years converged")
        print(f"  recovery of x: {recovery(x, rec.x)}")
    print(f"peak memory (RSS): {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
