"""``unvotes ideal``: fit, show and rank ideal points (a thin shell over
:mod:`unvotes.ideal.estimates`), registered on the main app by :mod:`unvotes.cli`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from unvotes.cli import DbOption, JsonOption, _errors, _open, _print_json, _user_error

ideal_app = typer.Typer(no_args_is_help=True, help=(
    "Ideal points: each state's position on one scale, year by year, from its General "
    "Assembly votes (dynamic ordinal IRT, as Bailey, Strezhnev & Voeten 2017)."))

TopicOption = Annotated[str | None, typer.Option(help="One topic's votes: middle_east, "
                                                      "nuclear, disarmament, human_rights, "
                                                      "colonialism, development, ukraine.")]


@ideal_app.command()
def fit(
    topic: TopicOption = None,
    since: Annotated[int | None, typer.Option(help="First year fitted.")] = None,
    until: Annotated[int | None, typer.Option(help="Last year fitted.")] = None,
    bootstrap: Annotated[int, typer.Option(help="Bootstrap replicates for the intervals "
                                                "(0: the variational sd, too narrow).")] = 0,
    workers: Annotated[int | None, typer.Option(help="Bootstrap processes (default: the "
                                                     "cores).")] = None,
    omega: Annotated[float, typer.Option(help="Random-walk sd of a position per year.")] = 0.15,
    seed: Annotated[int, typer.Option(help="Seed of the starting noise and the "
                                           "bootstrap.")] = 0,
    bridges: Annotated[bool, typer.Option(help="Tie repeated resolutions (same title in "
                                               "later sessions) across years.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Estimate ideal points from the final-passage GA votes and store them in the
    database (replacing the previous fit of the same topic)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from unvotes.ideal.estimates import IdealSettings, estimate, save_estimates

    rec = _open(db)
    settings = IdealSettings(topic=topic, since=since, until=until, omega=omega, seed=seed,
                             bridges=bridges, replicates=bootstrap)
    with _errors():
        if quiet or json_:
            est = estimate(rec, settings, workers=workers)
        else:
            columns = (TextColumn("{task.description:<34}"), BarColumn(),
                       TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn())
            with Progress(*columns, console=Console(stderr=True)) as bar:
                tasks: dict[str, Any] = {}

                def progress(stage: str, done: int, total: int) -> None:
                    label = ("EM iterations (stops at convergence)" if stage == "fit"
                             else "bootstrap replicates")
                    if stage not in tasks:
                        tasks[stage] = bar.add_task(label, total=total)
                    bar.update(tasks[stage], completed=done)

                est = estimate(rec, settings, progress=progress, workers=workers)
                fitting = tasks.get("fit")
                if fitting is not None:  # it stopped at convergence: the bar is complete
                    bar.update(fitting, total=est.fit.iterations,
                               completed=est.fit.iterations)
        path = rec.store.path
        rec.close()
        fit_id = save_estimates(path, est)
    f = est.fit
    summary = {
        "fit_id": fit_id, "scope": settings.scope, "votes": est.votes,
        "bridged_votes": est.bridged_votes, "states": int(est.points["country"].nunique()),
        "years": [int(f.years[0]), int(f.years[-1])], "iterations": f.iterations,
        "converged": f.converged, "seconds": round(f.seconds, 1),
        "replicates": settings.replicates,
        "bootstrap_seconds": None if est.bootstrap_seconds is None
        else round(est.bootstrap_seconds, 1),
        "interval": est.interval, "data_version": est.data_version,
        "settings": settings.to_dict(), "database": str(path)}
    if json_:
        _print_json(summary)
        return
    lines = [
        f"Ideal points ({settings.scope}) stored in {path} as fit {fit_id}",
        (f"  {est.votes:,} final-passage votes ({est.bridged_votes:,} bridged), "
         f"{summary['states']} states, {f.years[0]}-{f.years[-1]}"),
        (f"  {f.iterations} iterations, {'converged' if f.converged else 'NOT converged'}, "
         f"{f.seconds:.1f} s" + (f"; bootstrap {est.bootstrap_seconds:.1f} s"
                                  if est.bootstrap_seconds is not None else "")),
        f"  intervals: {est.interval}",
        f"  data: {est.data_version}",
    ]
    typer.echo("\n".join(lines))


def _caption(rec: Any, topic: str | None) -> str:
    about = rec.ideal_fit(topic=topic)
    return (f"fit {about['fit_id']} ({about['scope']}, {about['first_year']}-"
            f"{about['last_year']}, {about['votes']:,} votes) of {about['fitted_at']:%Y-%m-%d}; "
            f"intervals: {about['interval']}; data: {about['data_version']}")


def _plain(frame: Any) -> list[dict[str, Any]]:
    return [{"country": r.country, "year": int(r.year), "ideal_point": round(r.ideal_point, 4),
             "low": round(r.low, 4), "high": round(r.high, 4)}
            for r in frame.itertuples(index=False)]


@ideal_app.command()
def show(
    countries: Annotated[list[str], typer.Argument(help="States (codes or names).")],
    topic: TopicOption = None,
    since: Annotated[int | None, typer.Option(help="From this year.")] = None,
    until: Annotated[int | None, typer.Option(help="Up to this year.")] = None,
    png: Annotated[Path | None, typer.Option("--png", help="Draw the trajectories with "
                                                           "their intervals to a PNG.")] = None,
    svg: Annotated[Path | None, typer.Option("--svg", help="The same chart as SVG.")] = None,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """States' ideal points over the years, with their intervals: a table, a chart, or
    JSON (a list of country, year, ideal_point, low, high)."""
    rec = _open(db)
    with _errors():
        frame = rec.ideal_points(*countries, topic=topic, since=since, until=until)
        caption = _caption(rec, topic)
        asked = {rec.country_code(c): i for i, c in enumerate(countries)}
    if frame.empty:
        _user_error("no ideal points for these states and years")
    frame = frame.sort_values(["country", "year"], key=lambda col: col.map(asked)
                              if col.name == "country" else col, kind="stable")
    for path in (png, svg):
        if path is not None:
            _draw(frame, path, topic=topic, caption=caption)
    if json_:
        _print_json(_plain(frame))
        return
    from rich.console import Console
    from rich.table import Table

    about = f" on {topic}" if topic else ""
    table = Table("country", "year", "ideal point", "5%", "95%", "votes",
                  title=f"Ideal points{about}, {frame['year'].min()}-{frame['year'].max()}",
                  caption=caption)
    for code, part in frame.groupby("country", sort=False):
        for r in part.itertuples(index=False):
            table.add_row(str(code), str(r.year), f"{r.ideal_point:+.3f}", f"{r.low:+.3f}",
                          f"{r.high:+.3f}", str(r.votes))
        table.add_section()
    Console().print(table)


@ideal_app.command()
def year(
    year: Annotated[int, typer.Argument(help="A calendar year.")],
    topic: TopicOption = None,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Every state's ideal point in one year, ranked from the highest, with intervals;
    JSON: a list of country (ISO3), year, ideal_point, low, high."""
    rec = _open(db)
    with _errors():
        frame = rec.ideal_year(year, topic=topic)
        caption = _caption(rec, topic)
    if frame.empty:
        _user_error(f"no ideal points in {year}")
    if json_:
        _print_json(_plain(frame))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("rank", "country", "name", "ideal point", "5%", "95%", "votes",
                  title=f"Ideal points in {year}{f' ({topic})' if topic else ''}",
                  caption=caption)
    for r in frame.itertuples(index=False):
        table.add_row(str(r.rank), str(r.country), str(r.name), f"{r.ideal_point:+.3f}",
                      f"{r.low:+.3f}", f"{r.high:+.3f}", str(r.votes))
    Console().print(table)


def _draw(frame: Any, path: Path, *, topic: str | None, caption: str) -> None:
    from unvotes.charts import band_chart

    series = {code: part.rename(columns={"ideal_point": "value"})
              for code, part in frame.groupby("country", sort=False)}
    about = f" ({topic})" if topic else ""
    with _errors():
        band_chart(series, path, title=f"Ideal points{about}, 5-95% interval shaded",
                   ylabel="ideal point (US-positive, standardised)",
                   source=f"unvotes {caption}")
    typer.echo(f"wrote {path}", err=True)
