"""Fuzzing: real replays, corrupted at random, give our own diagnostics or verify; batches stay whole.

A replay is cut, has bytes flipped, lines doubled, swapped or dropped, JSON values replaced by
other types, huge numbers, escape sequences, or impossible dates. Reading it either verifies
(then every figure shown of it can be computed) or raises InvalidReplay with a replay code; a
batch scored with `--format json|csv` is complete and valid whatever it holds.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from functools import cache
from pathlib import Path
from unittest.mock import patch

from fuzz_settings import FUZZ, scaled
from hypothesis import given
from hypothesis import strategies as st

from tests.paths import TINY
from trainer.cli.main import main
from trainer.core import library
from trainer.core.errors import Diagnostic
from trainer.core.replays.format import CODES, InvalidReplay
from trainer.core.replays.history import PastRun
from trainer.core.replays.reader import VerifiedReplay, read_replay
from trainer.core.replays.recorder import recorder_of, start_recorded_run
from trainer.core.replays.reports import replay_row
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.loader import Scenario, load_scenario

RAW = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@cache
def tiny() -> Scenario:
    return load_scenario(TINY)


@cache
def resolver() -> ScenarioResolver:
    """One for every example: a damaged id makes it load the bundled library, once, not each time."""
    return ScenarioResolver(preloaded=(tiny(),))


@cache
def recorded() -> tuple[bytes, ...]:
    """Real replays of tiny, as the recorder writes them: finished, unfinished, with take-backs."""
    runs = (["accept", "goodbye"], ["beg", "argue"], ["beg", "back", "accept"], ["accept"])
    made = []
    with tempfile.TemporaryDirectory() as folder:
        for moves in runs:
            run = start_recorded_run(tiny(), Path(folder), seed=3)
            for move in moves:
                run.take_back() if move == "back" else run.choose(move)
            recorder = recorder_of(run)
            assert recorder is not None
            made.append(recorder.path.read_bytes())
    return tuple(made)


JSON_VALUES = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 10**30, 2**63, "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "yesterday"]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.text(max_size=20),
    st.sampled_from(["\x1b]0;owned\x07", "\u202eevil", "[b]x[/b]", "x" * 500, "opening", "accept", "tiny", "header"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@st.composite
def corrupted(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(recorded())).split(b"\n")
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        action = draw(st.sampled_from(["value", "drop_key", "add_key", "line", "bytes", "cut", "order"]))
        lines = lines or [b""]
        index = draw(st.integers(min_value=0, max_value=max(0, len(lines) - 2)))
        if action in ("value", "drop_key", "add_key"):
            try:
                event = json.loads(lines[index])
            except ValueError:
                continue
            if not isinstance(event, dict) or not event:
                continue
            key = draw(st.sampled_from(sorted(event)))
            if action == "value":
                event[key] = draw(JSON_VALUES)
            elif action == "drop_key":
                del event[key]
            else:
                event[draw(st.sampled_from(["score", "seed", "x", "event"]))] = draw(JSON_VALUES)
            lines[index] = json.dumps(event, ensure_ascii=draw(st.booleans())).encode()
        elif action == "line":
            what = draw(st.sampled_from(["double", "drop", "blank", "junk"]))
            if what == "double":
                lines.insert(index, lines[index])
            elif what == "drop":
                del lines[index]
            elif what == "blank":
                lines.insert(index, b"   ")
            else:
                lines.insert(index, draw(st.sampled_from([b"not json", b"{", b"[]", b"null", b"\xff\xfe", b"{}"])))
        elif action == "bytes":
            line = bytearray(lines[index])
            if line:
                line[draw(st.integers(min_value=0, max_value=len(line) - 1))] = draw(st.integers(0, 255))
            lines[index] = bytes(line)
        elif action == "cut":
            joined = b"\n".join(lines)
            lines = joined[: draw(st.integers(min_value=0, max_value=len(joined)))].split(b"\n")
        elif len(lines) > 2:
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    return b"\n".join(lines)


def assert_ours(diagnostic: Diagnostic) -> None:
    shown = str(diagnostic)
    assert diagnostic.code in CODES, diagnostic
    assert not RAW.search(shown) and len(shown) < 1_000, repr(shown)


def read(raw: bytes, folder: Path, name: str = "run.jsonl") -> VerifiedReplay | None:
    path = folder / name
    path.write_bytes(raw)
    try:
        replay = read_replay(path, resolver(), keep_moves=True)
    except InvalidReplay as invalid:
        assert_ours(invalid.error)
        return None
    for warning in replay.warnings:
        assert_ours(warning)
    return replay


@scaled(60)
@given(corrupted())
def test_a_corrupted_replay_verifies_or_gives_our_diagnostic(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        replay = read(raw, Path(folder))
    if replay is not None:  # everything shown of a verified run can be computed
        PastRun.of(replay).started.astimezone()
        replay_row(replay).as_dict()
        replay.scorecard()
        assert replay.percent is None or 0.0 <= replay.percent <= 100.0


@scaled(15)
@given(st.lists(corrupted(), min_size=1, max_size=4))
def test_a_batch_of_corrupted_replays_is_scored_into_complete_json_and_csv(batch: list[bytes]) -> None:
    # The bundled library is not the subject here: an empty one spares loading it for each damaged id.
    with tempfile.TemporaryDirectory() as name, patch.object(library, "bundled_scenarios_dir", lambda: Path(name)):
        folder = Path(name) / "replays"
        folder.mkdir()
        valid = sum(read(raw, folder, f"run{i}.jsonl") is not None for i, raw in enumerate(batch))
        for form in ("json", "csv"):
            out = io.StringIO()
            with redirect_stdout(out), redirect_stderr(io.StringIO()):
                code = main(["score", "--scenario", str(TINY), "--format", form, str(folder)])
            rows = json.loads(out.getvalue()) if form == "json" else list(csv.DictReader(io.StringIO(out.getvalue())))
            assert len(rows) == valid and code == (0 if valid == len(batch) else 1)
        out = io.StringIO()
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            main(["score", "--scenario", str(TINY), "--summary", "--format", "json", str(folder)])
        assert sum(summary["runs"] for summary in json.loads(out.getvalue())) == valid


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_at_all_give_our_diagnostic(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        read(raw, Path(folder))
