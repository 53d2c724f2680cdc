"""The ``unvotes`` command line: a thin shell over the library.

Each command parses its options, makes one library call and formats the result
(a rich table, or JSON with ``--json``). User errors print one line and exit 2;
other unvotes errors exit 1; no tracebacks.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from unvotes.errors import (
    BuildError,
    StoreError,
    UnknownCountryError,
    UnknownVoteError,
    UnvotesError,
    UpdateError,
)

if TYPE_CHECKING:
    from unvotes.record import Record

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="The open record of United Nations votes.")

DbOption = Annotated[Path | None, typer.Option("--db", help="Database file "
                                               "(default: $UNVOTES_DB or the user data dir).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _fail(error: Exception) -> NoReturn:
    code = 2 if isinstance(error, UnknownCountryError | UnknownVoteError) else 1
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(code)


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Turn the library's errors into one line and an exit code: 2 for what the user
    asked (an unknown symbol, country, topic, position or option), 1 for the database or
    the build."""
    try:
        yield
    except (StoreError, BuildError, UpdateError) as exc:
        _fail(exc)
    except (UnknownCountryError, UnknownVoteError) as exc:
        _fail(exc)
    except UnvotesError as exc:
        _user_error(str(exc))


def _user_error(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _print_json(document: Any) -> None:
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))


def _open(db: Path | None) -> Record:
    from unvotes.record import Record

    try:
        return Record(db)
    except StoreError as exc:
        _fail(exc)


@app.command()
def build(
    from_: Annotated[Path, typer.Option("--from", help="Folder with the source files.")] = Path(
        "../shared/data"),
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar (the summary is "
                                                        "still printed).")] = False,
    json_: JsonOption = False,
) -> None:
    """Build the record from every source found in a folder (all or nothing)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from unvotes.build import build as run_build

    console = Console(stderr=True)
    with _errors():
        if quiet or json_:
            report = run_build(from_, db_path=db)
        else:
            columns = (TextColumn("{task.description:<32}"), BarColumn(),
                       TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn())
            with Progress(*columns, console=console, transient=False) as bar:
                task = bar.add_task("starting", total=None)

                def progress(stage: str, done: int, total: int) -> None:
                    bar.update(task, description=stage, completed=done,
                               total=total or None)

                report = run_build(from_, db_path=db, progress=progress)
    if json_:
        _print_json({"path": str(report.path), "votes": report.votes,
                     "positions": report.positions, "disagreements": report.disagreements,
                     "seconds": round(report.seconds, 2), "added": report.added,
                     "changed": report.changed, "removed": report.removed,
                     "unchanged": report.unchanged,
                     "sources": [{"source": s.source, "votes_read": s.votes_read,
                                  "votes_primary": s.votes_primary,
                                  "positions_used": s.positions_used} for s in report.sources]})
        return
    from rich.table import Table

    table = Table("source", "votes read", "votes used", "positions used", title=(
        f"Built {report.path}: {report.votes:,} votes, {report.positions:,} positions, "
        f"{report.disagreements:,} source disagreements in {report.seconds:.1f} s\n"
        f"against the previous record: {report.added:,} new, {report.changed:,} changed, "
        f"{report.removed:,} removed, {report.unchanged:,} unchanged"))
    for s in report.sources:
        table.add_row(s.source, f"{s.votes_read:,}", f"{s.votes_primary:,}",
                      f"{s.positions_used:,}")
    Console().print(table)


@app.command()
def vote(
    symbol: Annotated[str, typer.Argument(help="Resolution symbol, draft symbol or vote id.")],
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Show one vote: tally, result and who voted how."""
    rec = _open(db)
    with _errors():
        v = rec.vote(symbol)
    if json_:
        _print_json(v.to_dict())
        return
    from unvotes.views import print_vote

    print_vote(v)


@app.command()
def votes(
    country: Annotated[str | None, typer.Option(help="Only votes where this state has a "
                                                     "position (and show it).")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY or YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    body: Annotated[str | None, typer.Option(help="GA or SC.")] = None,
    text: Annotated[str | None, typer.Option(help="Words in title, agenda item or subjects.")
                    ] = None,
    kind: Annotated[str | None, typer.Option(help="resolution, amendment, paragraph, motion, "
                                                  "decision or 'draft resolution'.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Search votes by country, date, body, text and kind."""
    rec = _open(db)
    with _errors():
        frame = rec.votes(country=country, since=since, until=until, body=body, text=text,
                          kind=kind, limit=limit)
    if csv:
        frame.to_csv(sys.stdout, index=False)
        return
    if json_:
        from unvotes.record import frame_records

        _print_json(frame_records(frame))
        return
    from unvotes.views import print_votes

    print_votes(frame)


@app.command()
def country(
    name: Annotated[str, typer.Argument(help="ISO3 code, name, former name or alias.")],
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Show a state: names over time, membership, groups, votes by year."""
    rec = _open(db)
    with _errors():
        profile = rec.country(name)
    if json_:
        _print_json(profile.to_dict())
        return
    from unvotes.views import print_country

    print_country(profile)


@app.command("what-if")
def what_if(
    symbol: Annotated[str, typer.Argument(help="Resolution symbol, draft symbol or vote id.")],
    set_: Annotated[list[str], typer.Option("--set", help="A changed position, COUNTRY=Y|N|A|X "
                                                          "(repeat for more).")],
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Recompute a vote's outcome with some positions changed."""
    changes: dict[str, str] = {}
    for item in set_:
        country, sep, letter = item.partition("=")
        if not sep or not country.strip() or not letter.strip():
            _user_error(f"bad --set {item!r}; write COUNTRY=POSITION, e.g. USA=Y")
        changes[country.strip()] = letter.strip()
    rec = _open(db)
    with _errors():
        result = rec.what_if(symbol, changes)
    if json_:
        _print_json(result.to_dict())
        return
    from unvotes.views import print_what_if

    print_what_if(result)


@app.command()
def pivots(
    symbol: Annotated[str, typer.Argument(help="Resolution symbol, draft symbol or vote id.")],
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """How close a vote was: the smallest changes of position that flip its outcome."""
    rec = _open(db)
    with _errors():
        result = rec.pivots(symbol)
    if json_:
        _print_json(result.to_dict())
        return
    from unvotes.views import print_pivots

    print_pivots(result)


@app.command()
def vetoes(
    since: Annotated[str | None, typer.Option(help="From this date (YYYY or YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    by: Annotated[str, typer.Option(help="member: a row per member and year; year: a row "
                                         "per year, members as columns.")] = "member",
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Security Council vetoes per permanent member and year."""
    rec = _open(db)
    with _errors():
        frame = rec.vetoes(since=since, until=until, by=by)
    if json_:
        from unvotes.record import frame_records

        _print_json(frame_records(frame))
        return
    from unvotes.views import print_vetoes

    print_vetoes(frame, by=by)


@app.command()
def align(
    a: Annotated[str, typer.Argument(help="A state (code or name) or a group (EU, NATO, P5 ...).")],
    b: Annotated[str | None, typer.Argument(help="A second state or group; without it, every "
                                                 "state is ranked against the first.")] = None,
    index: Annotated[str, typer.Option(help="identical, agreement, s_abs, s_sq, kappa, "
                                            "scott_pi or coincidence.")] = "agreement",
    by: Annotated[str, typer.Option(help="year, session, decade, all, or rolling:N (a window "
                                         "of N years ending in each year).")] = "year",
    year: Annotated[int | None, typer.Option(help="One year (sets --since and --until).")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY or YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    topic: Annotated[str | None, typer.Option(help="middle_east, nuclear, disarmament, "
                                                   "human_rights, colonialism, development, "
                                                   "ukraine.")] = None,
    body: Annotated[str, typer.Option(help="GA or SC.")] = "GA",
    kind: Annotated[list[str] | None, typer.Option(help="Only votes of this kind (repeat for "
                                                        "more): resolution, amendment, "
                                                        "paragraph, motion, decision.")] = None,
    top: Annotated[int, typer.Option(help="With one state: the N closest and N furthest.")] = 20,
    matrix: Annotated[bool, typer.Option("--matrix", help="The all-pairs matrix (A is "
                                                           "ignored).")] = False,
    out: Annotated[Path | None, typer.Option(help="Write the result to a .csv, .parquet or "
                                                  ".json file.")] = None,
    png: Annotated[Path | None, typer.Option("--png", help="Draw a chart to a PNG file.")] = None,
    svg: Annotated[Path | None, typer.Option("--svg", help="Draw a chart to an SVG file.")] = None,
    drop_unanimous: Annotated[bool, typer.Option("--drop-unanimous",
                                                 help="Leave out unanimous votes.")] = False,
    absence: Annotated[str, typer.Option(help="drop: count only votes both cast; category: "
                                              "non-voting is a position of its own.")] = "drop",
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Who votes with whom: an agreement index between states or groups."""
    from unvotes.alignment import Slice, align_matrix

    if year is not None:
        since, until = str(year), str(year)
    rec = _open(db)
    options: dict[str, Any] = {"drop_unanimous": drop_unanimous, "absence": absence}
    with _errors():
        kinds = tuple(kind or ())
        if matrix:
            frame = align_matrix(rec, index=index,
                                 where=Slice(body, since, until, topic, kinds), **options)
            frame = frame.reset_index(names="country")
        elif b is not None:
            frame = rec.align(a, b, index=index, by=by, body=body, since=since, until=until,
                              topic=topic, kinds=kinds, **options)
        else:
            frame = rec.align(a, index=index, top=top, body=body, since=since, until=until,
                              topic=topic, kinds=kinds, **options)
    from unvotes.record import frame_records

    if out is not None:
        _write_table(frame, out)
    for path in (png, svg):
        if path is not None:
            _draw_alignment(rec, frame, path, a=a, b=b, index=index, topic=topic,
                            matrix=matrix)
    if json_:
        _print_json(frame_records(frame))
        return
    if out is None or not matrix:
        from unvotes.views import print_frame

        title = (f"{index}: {a} and {b} by {by}" if b else
                 f"{index} over all pairs" if matrix else f"{index} with {a}")
        print_frame(frame if not matrix else frame.iloc[:20, :12], title=title)


def _write_table(frame: Any, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif suffix == ".json":
        from unvotes.record import frame_records

        path.write_text(json.dumps(frame_records(frame), default=str, indent=1))
    else:
        _user_error(f"cannot write {path.name}: use a .csv, .parquet or .json file name")
    typer.echo(f"wrote {path}", err=True)


def _draw_alignment(rec: Any, frame: Any, path: Path, *, a: str, b: str | None, index: str,
                    topic: str | None, matrix: bool) -> None:
    from unvotes.charts import line_chart

    if matrix or b is None:
        _user_error("charts are drawn for two states over time: give A and B")
    from unvotes.record import frame_records

    source = "Source: unvotes record built from " + ", ".join(
        str(r["source"]) for r in frame_records(rec.sources()) if r["votes_primary"]) + \
        " (unvotes sources lists versions and citations)"
    about = f" on {topic}" if topic else ""
    with _errors():
        line_chart({f"{a}–{b}": frame}, path, title=f"{a} and {b}: {index}{about}",
                   ylabel=index, source=source)
    typer.echo(f"wrote {path}", err=True)


@app.command()
def cohesion(
    group: Annotated[str, typer.Argument(help="A group: EU, NATO, G77, NAM, OIC, AU, "
                                              "ARAB_LEAGUE, ASEAN, BRICS, SCO, P5 or a "
                                              "regional group.")],
    measure: Annotated[str, typer.Option(help="rice or hix.")] = "rice",
    by: Annotated[str, typer.Option(help="year, session, decade, all or rolling:N.")] = "year",
    since: Annotated[str | None, typer.Option(help="From this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    topic: Annotated[str | None, typer.Option(help="A topic.")] = None,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """How united a group votes, per period (Rice index or Hix's agreement index)."""
    from unvotes.alignment import Slice
    from unvotes.alignment import cohesion as run

    rec = _open(db)
    with _errors():
        frame = run(rec, group, measure=measure, by=by, where=Slice("GA", since, until, topic))
    from unvotes.record import frame_records

    if json_:
        _print_json(frame_records(frame))
        return
    from unvotes.views import print_frame

    print_frame(frame, title=f"{measure} cohesion of {group.upper()} by {by}")


@app.command("with")
def with_(
    symbol: Annotated[str, typer.Argument(help="Resolution symbol, draft symbol or vote id.")],
    country: Annotated[str, typer.Argument(help="A state.")],
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """On one vote, who voted the same way as a state."""
    from unvotes.alignment import with_vote

    rec = _open(db)
    with _errors():
        result = with_vote(rec, symbol, country)
    if json_:
        _print_json(result)
        return
    typer.echo(f"{result['symbol']}: {result['country']} voted {result['position']}, "
               f"with {len(result['same'])}: {', '.join(result['same'])}")
    for label, codes in result["others"].items():
        if codes:
            typer.echo(f"{label} ({len(codes)}): {', '.join(codes)}")


@app.command()
def blocs(
    by: Annotated[str, typer.Option(help="year, session, decade or all.")] = "decade",
    since: Annotated[str | None, typer.Option(help="From this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    topic: Annotated[str | None, typer.Option(help="A topic.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write the blocs to a .csv, .parquet or "
                                                  ".json file.")] = None,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Voting blocs per period, from the agreement matrix, with stable labels."""
    from unvotes.alignment import Slice
    from unvotes.blocs import blocs as run

    rec = _open(db)
    with _errors():
        result = run(rec, by=by, where=Slice("GA", since, until, topic))
    if out is not None:
        _write_table(result.assignments, out)
    from unvotes.record import frame_records

    if json_:
        _print_json({"summary": frame_records(result.summary),
                     "assignments": frame_records(result.assignments)})
        return
    from unvotes.views import print_frame

    print_frame(result.summary, title="Voting blocs")


@app.command()
def check(
    article: Annotated[str, typer.Argument(help="Article file (UTF-8 text), or - for stdin.")],
    date: Annotated[str | None, typer.Option(
        help="The article's date, YYYY-MM-DD (default: a date the file name starts "
             "with, else a dated opening line).")] = None,
    db: DbOption = None,
    json_: JsonOption = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown.")] = False,
    html: Annotated[bool, typer.Option("--html", help="Print an HTML page.")] = False,
) -> None:
    """Check a news article's claims about UN votes against the record."""
    from unvotes.claims import MAX_CHARS, article_date_from_name, to_html, to_markdown

    if article == "-":
        raw = sys.stdin.buffer.read(4 * MAX_CHARS + 1)
    else:
        path = Path(article)
        if not path.is_file():
            _user_error(f"no such file: {article}")
        if path.stat().st_size > 4 * MAX_CHARS:
            _user_error(f"{article} is {path.stat().st_size:,} bytes; the checker reads "
                        f"articles of at most {MAX_CHARS:,} characters")
        raw = path.read_bytes()
    day = date or (None if article == "-" else article_date_from_name(article))
    rec = _open(db)
    with _errors():
        report = rec.check(raw, date=day)
    if json_:
        _print_json(report.to_dict())
    elif markdown:
        typer.echo(to_markdown(report), nl=False)
    elif html:
        typer.echo(to_html(report), nl=False)
    else:
        from unvotes.views import print_check

        print_check(report)


@app.command()
def serve(
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    db: DbOption = None,
) -> None:
    """Serve the web dashboard and the JSON API (/api/v1) over the record, read-only."""
    import uvicorn

    from unvotes.web import create_app

    rec = _open(db)
    app_ = create_app(record=rec)
    typer.echo(f"unvotes dashboard at http://{host}:{port}/  (API: http://{host}:{port}/api/v1/docs)")
    uvicorn.run(app_, host=host, port=port, log_level="warning", access_log=False)


@app.command("check-data")
def check_data(
    db: DbOption = None,
    json_: JsonOption = False,
    limit: Annotated[int, typer.Option(help="Example rows per finding.")] = 10,
) -> None:
    """Integrity report: tallies, duplicates, membership, disagreements, gaps."""
    from unvotes.integrity import check_data as run

    rec = _open(db)
    report = run(rec, limit=limit)
    if json_:
        _print_json(report.to_dict())
        return
    from unvotes.views import print_report

    print_report(report)


@app.command()
def sources(db: DbOption = None, json_: JsonOption = False) -> None:
    """The sources of the record: publisher, version, licence, what each contributed."""
    rec = _open(db)
    frame = rec.sources()
    if json_:
        typer.echo(frame.to_json(orient="records", force_ascii=False, indent=2))
        return
    from unvotes.views import print_sources

    print_sources(frame)


def _register() -> None:
    # imported here, after the helpers it borrows are defined (cli_ideal imports them)
    from unvotes.cli_add import add_app, update
    from unvotes.cli_ideal import ideal_app
    from unvotes.cli_shifts import shifts, surprises

    app.add_typer(add_app, name="add")
    app.command()(update)
    app.add_typer(ideal_app, name="ideal")
    app.command()(surprises)
    app.command()(shifts)


_register()


def main() -> None:
    """Entry point of the ``unvotes`` console script."""
    app()


if __name__ == "__main__":
    main()
