"""``unvotes surprises`` and ``unvotes shifts``: surprising positions and realignments (a
thin shell over :mod:`unvotes.shifts`), registered on the main app by :mod:`unvotes.cli`."""

from __future__ import annotations

from typing import Annotated

import typer

from unvotes.cli import DbOption, JsonOption, _errors, _open, _print_json, _user_error

TopicOption = Annotated[str | None, typer.Option(help="One topic: middle_east, nuclear, "
                                                      "disarmament, human_rights, "
                                                      "colonialism, development, ukraine.")]


def surprises(
    symbol: Annotated[str | None, typer.Argument(help="One vote: rank every state on it.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY or YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    country: Annotated[str | None, typer.Option(help="Only this state's positions.")] = None,
    body: Annotated[str | None, typer.Option(help="GA or SC.")] = None,
    top: Annotated[int, typer.Option(help="How many to list.")] = 20,
    every: Annotated[bool, typer.Option("--every", help="Across votes, list every "
                                                       "position, not only a state's most "
                                                       "surprising of each day.")] = False,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """The positions nobody expected: on one vote, or across a period, most surprising
    first, each with its reason (JSON: symbol, country, position, surprise, reason)."""
    from unvotes.shifts import surprises as rank

    if top < 1:
        _user_error(f"--top must be at least 1, got {top}")
    rec = _open(db)
    with _errors():
        frame = rank(rec, symbol=symbol, since=since, until=until, country=country,
                     body=body, top=top, per_day=not every)
    if json_:
        _print_json([{"symbol": r["symbol"], "country": r["country"],
                      "position": r["position"], "surprise": round(float(r["surprise"]), 3),
                      "reason": r["reason"]} for r in frame.to_dict("records")])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("symbol", "date", "state", "position", "surprise (bits)", "why",
                  title="Surprising positions" + (f" on {symbol}" if symbol else ""),
                  caption="surprise: the mean over the ideal-point model, the state's "
                          "history on the question and its closest partners of -log2 "
                          "P(position)")
    for r in frame.itertuples(index=False):
        table.add_row(str(r.symbol), str(r.date), str(r.country), str(r.position),
                      f"{r.surprise:.2f}", str(r.reason))
    Console().print(table)


def shifts(
    country: Annotated[str | None, typer.Argument(help="A state: its realignments.")] = None,
    year: Annotated[int | None, typer.Option(help="The largest shifts of a year across "
                                                  "all states and pairs.")] = None,
    topic: TopicOption = None,
    since: Annotated[str | None, typer.Option(help="From this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    pairs: Annotated[str, typer.Option(help="With --year: all pairs, or p5 (the pairs with "
                                            "a permanent member).")] = "all",
    top: Annotated[int, typer.Option(help="How many to list.")] = 20,
    follow_seats: Annotated[bool, typer.Option(
        "--follow-seats", help="Continue a seat's series with its predecessor's (USSR → "
                               "Russian Federation, Republic of China → China).")] = False,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Realignments: change points in a state's agreement with the majority and with
    each other state (or, with --year, the year's largest across all states and pairs),
    with dates, confidence and the votes that drive them."""
    from unvotes.shifts import shifts as of_state
    from unvotes.shifts import shifts_of_year

    if (country is None) == (year is None):
        _user_error("give a state (unvotes shifts USA) or --year (unvotes shifts --year 2025)")
    if top < 1:
        _user_error(f"--top must be at least 1, got {top}")
    rec = _open(db)
    with _errors():
        if country is not None:
            frame = of_state(rec, country, topic=topic, since=since, until=until,
                             follow_seats=follow_seats).head(top)
        else:
            assert year is not None
            frame = shifts_of_year(rec, year, topic=topic, pairs=pairs, top=top,
                                   follow_seats=follow_seats)
    from unvotes.shifts.detect import shift_records

    rows = shift_records(frame)
    if json_:
        _print_json(rows)
        return
    from rich.console import Console
    from rich.table import Table

    what = country if country is not None else f"in {year}"
    table = Table("date", "agreement of", "topic", "before → after", "conf.", "first votes",
                  title=f"Shifts in alignment: {what}",
                  caption="agreement (Voeten's index, by voting day) of a state with the "
                          "Assembly's majority, or of two states; conf.: the change's "
                          "posterior probability (BIC)")
    for r in rows:
        other = r["partner"] or "the majority"
        table.add_row(r["date"], f"{r['country']}–{other}", r["topic"],
                      f"{r['before']:.2f} → {r['after']:.2f}", f"{r['confidence']:.2f}",
                      ", ".join(r["votes"][:2]))
    Console().print(table)
