"""`trainer score --format json|csv` rows are built straight from each row's fields (issue 15): they
must stay exactly what the plain definitions write, for any text a replay can carry."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from trainer.cli.score_output import RowCsv, RowJson
from trainer.core.errors import PathDisplay
from trainer.core.replays.reports import ReplayRow
from trainer.core.text import visible

HOSTILE = [
    "plain",
    'a "quoted", line\nbreak',
    "esc\x1b[31m red",
    "bidi \u202e gnal",
    "é日😀 \\ ; =",
    "\x00\x7f\u2028",
    "",
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
                percent=(None, 100.0, 66.66666666666667, 0.0, 31.683168316831683, float("inf"), 1e-9)[i],
                steps=i,
                take_backs=i // 2,
                categories={text or "none": i + 1, "graceful": 2} if i else {},
                sha256=f"{i:064x}{text}",
                abandoned=i == 3,
            )
        )
    return made


def written(writer: type[RowJson] | type[RowCsv], given: list[ReplayRow]) -> str:
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


def test_csv_rows_are_the_fields_made_visible_in_order() -> None:
    given = rows()
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
    assert written(RowCsv, given) == out.getvalue()
    assert "\x1b" not in out.getvalue() and "\\x1b" in out.getvalue()


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
