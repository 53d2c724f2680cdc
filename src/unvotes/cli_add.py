"""``unvotes add``: add votes entered by hand or a press release to the record (a thin
shell over :mod:`unvotes.additions`), registered on the main app by :mod:`unvotes.cli`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from unvotes.cli import DbOption, JsonOption, _errors, _open, _print_json, _user_error

add_app = typer.Typer(no_args_is_help=True, help=(
    "Add votes to the record: a file in the unvotes-votes/1 format, or a UN "
    "meetings-coverage press release. Shown and checked first; official data supersede "
    "them later."))

YesOption = Annotated[bool, typer.Option("--yes", help="Add without asking.")]
DataOption = Annotated[Path | None, typer.Option(
    "--data", help="Rebuild from this data folder (default: the last build's).")]


def _add(kind: str, file: Path, *, yes: bool, data: Path | None, db: Path | None,
         json_: bool) -> None:
    from unvotes.additions import commit, prepare

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
