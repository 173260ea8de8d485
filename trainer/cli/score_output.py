"""How `trainer score` prints rows and summaries: a plain text table, JSON or CSV, streamed.

Replay text is untrusted: in the table and CSV every string goes through ``visible()``; JSON
escapes control characters itself.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from json.encoder import encode_basestring_ascii
from math import isfinite
from typing import TextIO

from trainer.core.play.scoring import PERCENT_LEGEND
from trainer.core.replays.reports import ReplayRow, ScenarioSummary
from trainer.core.text import is_visible, one_line, visible
from trainer.core.wording import counted


def _fit(text: str, width: int, *, keep_end: bool = False) -> str:
    text = visible(text).replace("\n", " ")
    if len(text) <= width:
        return text.ljust(width)
    return ("…" + text[-(width - 1) :]) if keep_end else (text[: width - 1] + "…")


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


def _categories(tally: dict[str, int]) -> str:
    return " ".join([f"{category}={count}" for category, count in tally.items()])


# The status column, fitted once: (finished, abandoned) -> its cell.
_STATUS = {
    (finished, abandoned): ("finished" if finished else "abandoned" if abandoned else "unfinished").ljust(10)
    for finished in (True, False)
    for abandoned in (True, False)
}


class RowTable:
    """A fixed-width table, so rows can be printed as they are scored (no second pass for widths)."""

    COLUMNS = (
        ("REPLAY", 34),
        ("PLAYER", 12),
        ("SCENARIO", 16),
        ("STARTED (UTC)", 16),
        ("STATUS", 10),
        ("ENDING", 18),
    )

    def __init__(self, out: TextIO) -> None:
        self.out = out
        head = " ".join(name.ljust(width) for name, width in self.COLUMNS)
        out.write(f"{head} {'SCORE':>5} {'PAR':>4} {'WORST':>5} {'%':>4}  CATEGORIES\n")
        self.rows = 0

    def row(self, row: ReplayRow) -> None:
        path, player, scenario, ending = row.path, row.player or "-", row.scenario, row.ending or "-"
        started = row.started[:16].replace("T", " ")
        categories = _categories(row.categories)
        status = _STATUS[row.finished, row.abandoned]
        numbers = f"{row.score:>5} {row.par:>4} {row.worst:>5} {_percent(row.percent):>4}"
        texts = f"{path}{player}{scenario}{started}{ending}{categories}"
        if texts.isprintable() and len(player) <= 12 and len(scenario) <= 16 and len(ending) <= 18:
            # Nearly every row: nothing to escape or put on one line (`isprintable` is false for every
            # character `visible` escapes, and for newlines), only the path too long for its column.
            # One test over the texts and one format, instead of making each cell visible and fitting it.
            if len(path) > 34:
                path = "…" + path[-33:]
            line = f"{path:<34} {player:<12} {scenario:<16} {started:<16} {status} {ending:<18} {numbers}  {categories}"
        else:
            cells = (
                _fit(path, 34, keep_end=True),
                _fit(player, 12),
                _fit(scenario, 16),
                _fit(started, 16),
                status,
                _fit(ending, 18),
            )
            line = visible(f"{' '.join(cells)} {numbers}  {categories}")
        self.out.write(line.rstrip() + "\n")
        self.rows += 1

    def close(self) -> None:
        if self.rows:  # said once, under the table: the percent is not out of the score's own total
            self.out.write(f"({PERCENT_LEGEND})\n")


# Yes/no as JSON writes it, and as the CSV writes it too (a spreadsheet reads both).
_TRUE_FALSE = {True: "true", False: "false"}


class RowJson:
    """A JSON array written one object at a time.

    Each object is written straight from the row's fields, exactly as ``json.dumps(row.as_dict())``
    writes it (same keys, order, separators and escapes): building a dict per row and walking it
    again cost more than scoring the run.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.first = True
        out.write("[")

    def row(self, row: ReplayRow) -> None:
        text = _json_text
        categories = ", ".join([f"{text(name)}: {count!r}" for name, count in row.categories.items()])
        self.out.write(
            (",\n  " if not self.first else "\n  ")
            + f'{{"path": {text(row.path)}, "player": {_json_or_null(row.player)}, '
            f'"scenario": {text(row.scenario)}, "started": {text(row.started)}, '
            f'"finished": {_TRUE_FALSE[row.finished]}, "ending": {_json_or_null(row.ending)}, '
            f'"outcome": {_json_or_null(row.outcome)}, "score": {row.score!r}, "par": {row.par!r}, '
            f'"worst": {row.worst!r}, "percent": {_json_number(row.percent)}, "steps": {row.steps!r}, '
            f'"take_backs": {row.take_backs!r}, "categories": {{{categories}}}, '
            f'"sha256": {text(row.sha256)}, "abandoned": {_TRUE_FALSE[row.abandoned]}}}'
        )
        self.first = False

    def close(self) -> None:
        self.out.write("\n]\n" if not self.first else "]\n")


# What `json.dumps` writes for each kind of value in a row (strings escaped to ASCII, as by default).
_json_text = encode_basestring_ascii


def _json_or_null(value: str | None) -> str:
    return "null" if value is None else _json_text(value)


def _json_number(value: float | None) -> str:
    if value is None:
        return "null"
    return repr(value) if isfinite(value) else json.dumps(value)


class RowCsv:
    FIELDS = (
        "path",
        "player",
        "scenario",
        "started",
        "finished",
        "ending",
        "outcome",
        "score",
        "par",
        "worst",
        "percent",
        "steps",
        "take_backs",
        "categories",
        "sha256",
        "abandoned",
    )

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(self.FIELDS)

    def row(self, row: ReplayRow) -> None:
        # The cells in FIELDS order, as a spreadsheet reads them: text made visible, yes/no as
        # true/false (as in the JSON). Built straight from the row: a dict per row and a type test
        # per cell cost more than the writing.
        player, ending, outcome, percent = row.player, row.ending, row.outcome, row.percent
        categories = ";".join([f"{c}={n}" for c, n in row.categories.items()])
        texts = "".join(
            (row.path, row.scenario, row.started, categories, row.sha256, player or "", ending or "", outcome or "")
        )
        if texts.isprintable() and "," not in texts and '"' not in texts:
            # Nearly every row: nothing to escape (see RowTable) and nothing to quote, so the line is
            # the cells joined, as csv.writer would write them (None as empty, numbers as str()).
            self.out.write(
                f"{row.path},{player or ''},{row.scenario},{row.started},{_TRUE_FALSE[row.finished]},"
                f"{ending or ''},{outcome or ''},{row.score},{row.par},{row.worst},"
                f"{'' if percent is None else round(percent, 2)},{row.steps},{row.take_backs},{categories},"
                f"{row.sha256},{_TRUE_FALSE[row.abandoned]}\n"
            )
            return
        shown = str if is_visible(texts) else visible  # `str` of a str: the same string
        self.writer.writerow(
            (
                shown(row.path),
                None if player is None else shown(player),
                shown(row.scenario),
                shown(row.started),
                _TRUE_FALSE[row.finished],
                None if ending is None else shown(ending),
                None if outcome is None else shown(outcome),
                row.score,
                row.par,
                row.worst,
                None if percent is None else round(percent, 2),
                row.steps,
                row.take_backs,
                shown(categories),
                shown(row.sha256),
                _TRUE_FALSE[row.abandoned],
            )
        )

    def close(self) -> None:
        pass


ROW_WRITERS = {"table": RowTable, "json": RowJson, "csv": RowCsv}


def write_summaries(summaries: list[ScenarioSummary], form: str, out: TextIO) -> None:
    if form == "json":
        out.write(json.dumps([s.as_dict() for s in summaries], indent=2) + "\n")
    elif form == "csv":
        _summary_csv(summaries, out)
    else:
        versions = Counter(summary.scenario for summary in summaries)
        for index, summary in enumerate(summaries):
            if index:
                out.write("\n")
            out.write(visible(_summary_text(summary, several=versions[summary.scenario] > 1)))
        if summaries:
            out.write(f"\n({PERCENT_LEGEND})\n")


def _version(s: ScenarioSummary, several: bool) -> str:
    """Which version a summary is of, when that needs saying: runs of versions are reported apart."""
    if s.current and not several:
        return ""
    if s.current:
        return f" (version {s.version[:12]}, the current file)"
    return f" (runs of version {s.version[:12]}, scored against {one_line(s.scored_against)}, which has changed since)"


def _summary_text(s: ScenarioSummary, several: bool = False) -> str:
    unfinished = s.runs - s.finished
    lines = [
        f"{s.scenario}: {one_line(s.title)}{_version(s, several)}",
        f"  runs {s.runs} ({s.finished} finished, {unfinished} unfinished)   "
        f"mean {_percent(s.mean_percent)}   best {_percent(s.best_percent)}   par {s.par}, worst possible {s.worst}",
        "  endings reached:",
    ]
    lines += [f"    {e.title} ({e.outcome}): {e.count}" for e in s.endings]
    mistake = s.most_frequent_mistake
    if mistake is None:
        lines.append("  most frequent mistake: none")
    else:
        lines.append(
            f"  most frequent mistake: {mistake.label} in '{mistake.scene}', chosen {counted(mistake.count, 'time')}: "
            f'"{mistake.text.strip()}" ({mistake.choice})'
        )
    lines.append("  choices taken per scene:")
    for scene, choices in s.scenes:
        total = sum(c.count for c in choices)
        counts = ", ".join(
            f"{c.choice} {c.count}" + (f" ({100 * c.count / total:.0f}%)" if total else "") for c in choices
        )
        lines.append(f"    {scene}: {counts}")
    return "\n".join(lines) + "\n"


def _summary_csv(summaries: list[ScenarioSummary], out: TextIO) -> None:
    """Long form: one row per figure, so every scenario fits the same columns."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("scenario", "sha256", "figure", "scene", "item", "value"))
    for s in summaries:
        rows: list[tuple[object, ...]] = [
            ("runs", "", "", s.runs),
            ("finished", "", "", s.finished),
            ("mean_percent", "", "", "" if s.mean_percent is None else round(s.mean_percent, 2)),
            ("best_percent", "", "", "" if s.best_percent is None else round(s.best_percent, 2)),
        ]
        rows += [("ending", e.scene, e.title, e.count) for e in s.endings]
        rows += [("choice", c.scene, c.choice, c.count) for _, choices in s.scenes for c in choices]
        if s.most_frequent_mistake is not None:
            m = s.most_frequent_mistake
            rows.append(("most_frequent_mistake", m.scene, m.choice, m.count))
        for row in rows:
            writer.writerow([visible(s.scenario), s.version, *(visible(v) if isinstance(v, str) else v for v in row)])
