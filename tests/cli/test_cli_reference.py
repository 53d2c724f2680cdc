"""The generated CLI reference lists every command and is up to date."""

from __future__ import annotations

import runpy
from pathlib import Path

import typer.main

from unvotes.cli import app

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_reference_lists_every_command_and_is_current() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    names = []
    for name, command in commands.items():  # a group (unvotes ideal) lists its commands
        sub = getattr(command, "commands", None)
        names += [f"{name} {n}" for n in sub] if sub else [name]
    assert "ideal fit" in names
    assert names and all(f"## unvotes {name}\n" in text for name in names)
    generated = runpy.run_path(str(DOCS / "gen_cli.py"))["reference"]()
    assert text == generated, "docs/cli.md is stale: python docs/gen_cli.py > docs/cli.md"
