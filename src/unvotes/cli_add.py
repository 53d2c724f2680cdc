"""``unvotes add`` and ``unvotes update``: fresh data for the record — votes entered by
hand or a press release (:mod:`unvotes.additions`), and the newest official files
(:mod:`unvotes.update`); registered on the main app by :mod:`unvotes.cli`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from unvotes.cli import DbOption, JsonOption, _errors, _open, _print_json, _user_error
from unvotes.errors import StoreError

add_app = typer.Typer(no_args_is_help=True, help=(
    "Add votes to the record: a file in the unvotes-votes/1 format, or a UN "
    "meetings-coverage press release. Shown and checked first; official data supersede "
    "them later."))

YesOption = Annotated[bool, typer.Option("--yes", help="Add without asking.")]
DataOption = Annotated[Path | None, typer.Option(
    "--data", help="Rebuild from this data folder (default: the last build's).")]


def _add(kind: str, file: Path, *, yes: bool, data: Path | None, db: Path | None,
         json_: bool) -> None:
    from unvotes.additions import commit, differences, prepare

    rec = _open(db)
    with _errors():
        addition = prepare(rec, file, kind=kind)
    path = rec.store.path
    rec.close()
    document = _document(addition)
    if json_:
        _print_json(document)
    else:
        _show(addition)
    if not addition.ok:
        count = sum(len(v.problems) for v in addition.votes)
        _user_error(f"{file}: not added, {count} problem{'s' if count > 1 else ''} "
                    f"(listed above)")
    if not yes and not typer.confirm(f"Add {len(addition.votes)} vote"
                                     f"{'s' if len(addition.votes) > 1 else ''} "
                                     f"and rebuild the record?", default=False, err=True):
        typer.echo("nothing added", err=True)
        raise typer.Exit(1)
    with _errors():
        report = commit(addition, db_path=path, data_dir=data)
    typer.echo(f"added {file.name}: the record now holds {report.votes:,} votes "
               f"({report.added} new, {report.changed} changed)", err=True)
    found = differences(path, addition)
    if found:
        typer.echo(f"the record's better sources differ from {file.name} on {len(found)} "
                   f"point{'s' if len(found) > 1 else ''} (they take the lead):", err=True)
        for d in found[:20]:
            what = d["iso3"] or d["field"]
            typer.echo(f"  {d['symbol'] or d['vote_id']} {what}: {d['source']} says "
                       f"{d['value']}, the addition {d['other_value']}", err=True)


def _document(addition: Any) -> dict[str, Any]:
    return {"file": str(addition.file), "kind": addition.kind, "ok": addition.ok,
            "votes": [{"body": v.body, "date": v.date.isoformat() if v.date else None,
                       "symbol": v.symbol, "draft_symbol": v.draft_symbol, "kind": v.kind,
                       "title": v.title, "counted": v.counted, "published": v.published,
                       "states": len(v.positions), "in_record": v.in_record,
                       "problems": v.problems, "notes": v.notes} for v in addition.votes]}


def _show(addition: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("body", "date", "symbol", "kind", "counted Y-N-A (X)", "stated",
                  "in the record", "problems", title=f"{addition.file.name}: "
                  f"{len(addition.votes)} recorded vote{'s' if len(addition.votes) > 1 else ''}")
    for v in addition.votes:
        c, p = v.counted, v.published
        stated = "-".join(str(p[k]) if p[k] is not None else "?" for k in
                          ("yes", "no", "abstain")) if p else ""
        table.add_row(v.body, str(v.date), v.symbol or v.draft_symbol or "", v.kind,
                      f"{c['yes']}-{c['no']}-{c['abstain']} ({c['non_voting']})", stated,
                      v.in_record or "new", "; ".join(v.problems) or "none")
    Console(stderr=True).print(table)


@add_app.command("votes")
def add_votes(
    file: Annotated[Path, typer.Argument(help="A YAML file in the unvotes-votes/1 format "
                                              "(docs/votes-format.md).")],
    yes: YesOption = False, data: DataOption = None, db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Add votes entered by hand (e.g. a vetoed Council draft) after checking them."""
    _add("votes", file, yes=yes, data=data, db=db, json_=json_)


@add_app.command("press-release")
def add_press_release(
    file: Annotated[Path, typer.Argument(help="A UN meetings-coverage press release as "
                                              "text (GA/..., SC/...).")],
    yes: YesOption = False, data: DataOption = None, db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Add the recorded votes of a press release after checking them against its tallies
    and the body's membership that day."""
    _add("press-release", file, yes=yes, data=data, db=db, json_=json_)


def update(
    from_: Annotated[Path | None, typer.Option("--from", help="Offline: copy the files from "
                                                              "this local mirror.")] = None,
    base: Annotated[Path | None, typer.Option(help="Also read the sources that are not "
                                                   "downloaded (research releases, "
                                                   "scrapes) from this folder (default: the "
                                                   "last build's).")] = None,
    dest: Annotated[Path | None, typer.Option(help="Where the downloads are kept (default: "
                                                   "the user data dir).")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a server.")] = 60.0,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Download the newest UN Digital Library voting datasets and DGACM extracts from
    their official addresses (resumed, verified, kept with their version and checksum)
    and rebuild the record, all or nothing."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from unvotes.update import default_data_dir
    from unvotes.update import update as run_update

    folder = dest or default_data_dir()
    base = base or _last_base(db, folder)
    with _errors():
        if quiet or json_:
            report = run_update(folder, db_path=db, from_dir=from_, base_dir=base,
                                timeout=timeout, missing_ok=from_ is not None)
        else:
            columns = (TextColumn("{task.description:<40}"), BarColumn(), DownloadColumn())
            with Progress(*columns, console=Console(stderr=True)) as bar:
                task = bar.add_task("starting", total=None)

                def progress(stage: str, done: int, total: int) -> None:
                    bar.update(task, description=stage[:40], completed=done,
                               total=total or None)

                report = run_update(folder, db_path=db, from_dir=from_, base_dir=base,
                                    timeout=timeout, progress=progress,
                                    missing_ok=from_ is not None)
    if base is not None:
        (folder / ".base").write_text(str(Path(base).resolve()), encoding="utf-8")
    counts = {status.value: report.count(status) for status in _statuses()}
    built = report.build
    if json_:
        _print_json({"folder": str(folder), "base": str(base) if base else None,
                     "files": counts, "votes": built.votes if built else None,
                     "added": built.added if built else None,
                     "changed": built.changed if built else None,
                     "seconds": round(report.seconds, 1)})
        return
    typer.echo(f"{folder}: " + ", ".join(f"{n} {s}" for s, n in counts.items() if n))
    lacking = [f.name for f in report.files if f.status.value == "missing"]
    if lacking:
        typer.echo(f"not in the mirror (the build used the base folder's): "
                   f"{', '.join(lacking[:6])}" + (" ..." if len(lacking) > 6 else ""), err=True)
    if built is not None:
        typer.echo(f"rebuilt {built.path}: {built.votes:,} votes ({built.added:,} new, "
                   f"{built.changed:,} changed, {built.removed:,} removed)")


def _statuses() -> list[Any]:
    from unvotes.update import FileStatus

    return list(FileStatus)


def _last_base(db: Path | None, folder: Path) -> Path | None:
    """The folder of the sources that are not downloaded: the one the last update used,
    else the last build's data folder."""
    remembered = folder / ".base"
    if remembered.exists():
        return Path(remembered.read_text(encoding="utf-8").strip())
    from unvotes.build import last_data_dir

    try:
        last = last_data_dir(db)
    except StoreError:
        return None
    return last if last is not None and last.is_dir() else None
