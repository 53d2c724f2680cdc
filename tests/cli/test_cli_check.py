"""``unvotes check``: file and stdin, the report formats, and exact error text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from unvotes.cli import app

pytestmark = pytest.mark.slow
runner = CliRunner()
ARTICLE = ("UNITED NATIONS, Feb 24, 2025 - The 193-member General Assembly adopted the "
           "resolution by 93 votes to 18, with 65 abstentions. India abstained. Some 12,500 "
           "civilians have been killed.")


def test_check_file_json_takes_the_date_from_the_file_name(full_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "2025-02-24_report.txt"
    path.write_text(ARTICLE.replace("UNITED NATIONS, Feb 24, 2025 - ", ""), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--json", "--db", str(full_db)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["article_date"] == "2025-02-24"
    assert doc["votes"][0]["symbol"] == "A/RES/ES-11/7"
    assert doc["summary"]["supported"] == 6 and doc["summary"]["contradicted"] == 0
    assert doc["summary"]["not_checkable"] == 1
    assert [c["kind"] for c in doc["claims"]] == [
        "membership", "outcome", "tally", "tally", "tally", "position", "other"]


def test_check_stdin_text_report_leads_with_the_summary(full_db: Path) -> None:
    result = runner.invoke(app, ["check", "-", "--db", str(full_db)], input=ARTICLE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "6 claims checked: 6 supported, 0 contradicted; 1 not checkable")


def test_check_markdown_and_html(full_db: Path) -> None:
    md = runner.invoke(app, ["check", "-", "--markdown", "--db", str(full_db)], input=ARTICLE)
    assert md.exit_code == 0
    assert md.stdout.startswith("**6 claims checked: 6 supported, 0 contradicted; "
                                "1 not checkable**\n")
    assert "| vote | body | date | match | why |" in md.stdout
    page = runner.invoke(app, ["check", "-", "--html", "--db", str(full_db)], input=ARTICLE)
    soup = BeautifulSoup(page.stdout, "html.parser")
    verdicts = [li["data-verdict"] for li in soup.select("ol.claims > li")]
    assert verdicts == ["supported"] * 6 + ["not-checkable"]


def test_check_errors_are_one_line(full_db: Path, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["check", str(tmp_path / "nope.txt"), "--db", str(full_db)])
    assert missing.exit_code == 2
    assert missing.stderr == f"error: no such file: {tmp_path / 'nope.txt'}\n"
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    bad = runner.invoke(app, ["check", str(binary), "--db", str(full_db)])
    assert bad.exit_code == 2
    assert bad.stderr == ("error: the article is not UTF-8 text (byte 0 cannot be read); save "
                          "it as UTF-8 and try again\n")
    big = tmp_path / "big.txt"
    big.write_text("a" * 1_000_001, encoding="utf-8")
    huge = runner.invoke(app, ["check", str(big), "--db", str(full_db)])
    assert huge.exit_code == 2
    assert huge.stderr == (f"error: {big} is 1,000,001 bytes; the checker reads articles of at "
                           f"most 250,000 characters\n")
    date = runner.invoke(app, ["check", "-", "--date", "24/02/2025", "--db", str(full_db)],
                         input="text")
    assert date.exit_code == 2
    assert date.stderr == "error: article date '24/02/2025' is not a date; use YYYY-MM-DD\n"
