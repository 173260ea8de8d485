"""`trainer score` rows (table, JSON, CSV) are built straight from each row's fields (issue 15): they
must stay exactly what the plain definitions write, for any text a replay can carry."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.cli.score_output import RowCsv, RowJson, RowTable
from trainer.core.errors import PathDisplay
from trainer.core.play.scoring import PERCENT_LEGEND
from trainer.core.replays.reader import read_replay
from trainer.core.replays.reports import ReplayRow, replay_row
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.text import visible

HOSTILE = [
    "plain",
    'a "quoted", line\nbreak',
    "esc\x1b[31m red",
    "bidi \u202e gnal",
    "é日😀 \\ ; =",
    "\x00\x7f\u2028",
    "",
    "a name far longer than any column of the table is wide, cut with an ellipsis",
    "a long name whose escape \x1b[2J falls where the column is cut, or after it",
    'printable, with a comma and "quotes" a spreadsheet must see quoted',
    "  spaced  out ",
]


def rows() -> list[ReplayRow]:
    made = []
    for i, text in enumerate(HOSTILE):
        finished = i % 2 == 0
        made.append(
            ReplayRow(
                path=f"runs/{text}.jsonl",
                player=None if i == 1 else text,
                scenario=text,
                started=f"2026-01-0{i + 1}T10:00:00+00:00{text}",
                finished=finished,
                ending=text if finished else None,
                outcome="good" if finished else None,
                score=-7 * i,
                par=24,
                worst=-25,
                percent=(
                    None,
                    100.0,
                    66.66666666666667,
                    0.0,
                    31.683168316831683,
                    float("inf"),
                    1e-9,
                    50.5,
                    0.5,
                    12.345,
                    -0.0,
                )[i],
                steps=i,
                take_backs=i // 2,
                categories={text or "none": i + 1, "graceful": 2} if i else {},
                sha256=f"{i:064x}{text}",
                abandoned=i == 3,
            )
        )
    return made


def written(writer: type[RowJson] | type[RowCsv] | type[RowTable], given: list[ReplayRow]) -> str:
    out = io.StringIO()
    w = writer(out)
    for row in given:
        w.row(row)
    w.close()
    return out.getvalue()


@pytest.mark.parametrize("count", [0, 1, 7])
def test_json_rows_are_what_json_dumps_writes(count: int) -> None:
    given = rows()[:count]
    expected = "[" + ",".join("\n  " + json.dumps(row.as_dict()) for row in given) + ("\n]\n" if given else "]\n")
    assert written(RowJson, given) == expected
    assert [json.loads(json.dumps(row.as_dict())) for row in given] == json.loads(expected)


def plain_csv(given: list[ReplayRow]) -> str:
    """The CSV as first defined: every field through csv.writer, text made visible, yes/no as true/false."""
    out = io.StringIO()
    plain = csv.writer(out, lineterminator="\n")
    plain.writerow(RowCsv.FIELDS)
    for row in given:
        values = row.as_dict()
        values["categories"] = ";".join(f"{c}={n}" for c, n in row.categories.items())
        if row.percent is not None:
            values["percent"] = round(row.percent, 2)
        cells = []
        for value in (values[field] for field in RowCsv.FIELDS):
            if isinstance(value, bool):
                value = "true" if value else "false"
            cells.append(visible(value) if isinstance(value, str) else value)
        plain.writerow(cells)
    return out.getvalue()


def test_csv_rows_are_the_fields_made_visible_in_order() -> None:
    given = rows()
    assert written(RowCsv, given) == plain_csv(given)
    assert "\x1b" not in written(RowCsv, given) and "\\x1b" in written(RowCsv, given)


# Characters around what decides quoting and escaping: the delimiter, the quote, line ends, spaces of
# every kind, separators, controls, bidi marks and non-ASCII text.
TRICKY = ',";= \t\n\r\x0b\x0c\x1b\x7f\x85\xa0\u2028\u202e\u200b\u3000é…日😀a1-/.'


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(st.lists(st.text(TRICKY, max_size=12), min_size=6, max_size=6), st.none() | st.floats(allow_nan=False))
def test_any_text_is_written_as_the_plain_definitions_write_it(texts: list[str], percent: float | None) -> None:
    path, player, scenario, started, ending, category = texts
    row = ReplayRow(
        path=path,
        player=player or None,
        scenario=scenario,
        started=started,
        finished=bool(ending),
        ending=ending or None,
        outcome="good" if ending else None,
        score=-3,
        par=6,
        worst=-5,
        percent=percent,
        steps=2,
        take_backs=0,
        categories={category: 1} if category else {},
        sha256=started[::-1],
        abandoned=not ending,
    )
    assert written(RowCsv, [row]) == plain_csv([row])
    assert written(RowTable, [row]) == plain_table([row])


def plain_table(given: list[ReplayRow]) -> str:
    """The table as first defined: each cell made visible and fitted, then the whole line made visible."""

    def fit(text: str, width: int, keep_end: bool = False) -> str:
        text = visible(text).replace("\n", " ")
        if len(text) <= width:
            return text.ljust(width)
        return ("…" + text[-(width - 1) :]) if keep_end else (text[: width - 1] + "…")

    head = " ".join(name.ljust(width) for name, width in RowTable.COLUMNS)
    lines = [f"{head} {'SCORE':>5} {'PAR':>4} {'WORST':>5} {'%':>4}  CATEGORIES"]
    for row in given:
        status = "finished" if row.finished else "abandoned" if row.abandoned else "unfinished"
        cells = [
            fit(row.path, 34, keep_end=True),
            fit(row.player or "-", 12),
            fit(row.scenario, 16),
            fit(row.started[:16].replace("T", " "), 16),
            fit(status, 10),
            fit(row.ending or "-", 18),
        ]
        percent = "-" if row.percent is None else f"{row.percent:.0f}%"
        categories = " ".join(f"{c}={n}" for c, n in row.categories.items())
        line = f"{' '.join(cells)} {row.score:>5} {row.par:>4} {row.worst:>5} {percent:>4}  {categories}"
        lines.append(visible(line).rstrip())
    if given:
        lines.append(f"({PERCENT_LEGEND})")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("count", [0, 1, 11])
def test_table_rows_are_what_fitting_each_visible_cell_writes(count: int) -> None:
    given = rows()[:count]
    assert written(RowTable, given) == plain_table(given)
    assert "\x1b" not in written(RowTable, rows())


def test_a_row_has_the_scorecard_of_its_run(record, tiny) -> None:
    # Built from what verification found (score, final state) and the tally alone: the same figures
    # as the run's full scorecard, finished, unfinished, and with a take-back.
    resolver = ScenarioResolver(preloaded=(tiny,))
    for moves in (["accept", "goodbye"], ["beg", "argue"], ["beg"], ["beg", "back", "accept"]):
        replay = read_replay(record(moves), resolver)
        row, card = replay_row(replay), replay.scorecard()
        assert (row.score, row.par, row.worst, row.categories) == (card.score, card.par, card.worst, card.tally)
        assert list(row.categories) == [c for c in replay.loaded.rubric if c in row.categories], "rubric order"
        assert row.percent == (card.percent if replay.finished else None)
        assert (row.ending, row.outcome) == (
            (replay.ending.title, replay.ending.outcome) if replay.ending else (None, None)
        )
        assert row.steps == len(replay.run) and row.take_backs == moves.count("back")


def test_every_field_of_a_row_is_written() -> None:
    # Both writers name every field of ReplayRow: a field added to the row must be added to them.
    (row,) = rows()[:1]
    assert list(json.loads(written(RowJson, [row]))[0]) == list(row.as_dict())
    assert list(RowCsv.FIELDS) == list(row.as_dict())


@pytest.mark.parametrize(
    "given", ["runs/x.jsonl", "./runs/./x.jsonl", "runs//a/../x.jsonl", "x.jsonl", "//far/x.jsonl", "/", "a/.", "a/.."]
)
def test_paths_outside_the_working_directory_are_shown_as_given(
    given: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Outside the working directory (here: it is gone), a path is shown as Path(path) prints it; a
    # batch works out each folder's text once, and must show the same as a fresh parse every time.
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    os.rmdir(gone)
    shown = PathDisplay()
    for _ in range(2):
        assert shown(given) == str(Path(given))
        assert shown(Path(given)) == str(Path(given))
