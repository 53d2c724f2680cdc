"""The labelled evaluation set: its files are well formed, and the checker keeps its
quality on it (labels were written before the checker existed; see docs/claims.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from unvotes.claims import article_date_from_name
from unvotes.claims.evaluate import load_labelled, score, summarise
from unvotes.errors import SourceError

EVAL = Path(__file__).parent / "eval"


def test_label_files_are_well_formed() -> None:
    articles = load_labelled(EVAL)
    assert len(articles) >= 15
    bodies = {a.name.split("_", 1)[1][:2] for a in articles}
    assert bodies == {"ga", "sc"}
    years = {a.name[:4] for a in articles}
    assert min(years) < "1960" and max(years) >= "2025"
    for a in articles:
        assert a.votes, a.name
        for label in a.labels:
            assert a.text[label.start:label.end] == label.quote
            if label.verdict == "contradicted":
                assert label.record_value, (a.name, label.quote)


def test_a_malformed_label_file_names_the_file_and_problem(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("India abstained.", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("claims:\n  - {quote: Brazil, kind: position, "
                                     "verdict: supported}\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"a\.yaml: claim 1: quote 'Brazil' \(occurrence 1\) "
                                          r"not in the article"):
        load_labelled(tmp_path)
    (tmp_path / "a.yaml").write_text("claims:\n  - {quote: India, kind: opinion, "
                                     "verdict: supported}\n", encoding="utf-8")
    with pytest.raises(SourceError, match="unknown kind 'opinion'"):
        load_labelled(tmp_path)


@pytest.mark.slow
def test_checker_quality_on_the_evaluation_set(record) -> None:  # type: ignore[no-untyped-def]
    scores = []
    for a in load_labelled(EVAL):
        scores.append(score(a, record.check(a.text, date=a.date or
                                            article_date_from_name(a.name))))
    figures = summarise(scores).to_dict()
    # floors well under the figures in the README, so that a regression shows
    assert figures["recall"] >= 0.7, figures
    assert figures["verdict_accuracy"] >= 0.9, figures
    assert figures["false_contradicted"] <= 6, figures
    assert figures["main_vote_matched"] >= figures["articles"] - 3, figures
