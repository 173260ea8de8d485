"""A run killed with SIGKILL mid-way leaves a replay that scores as unfinished and can be resumed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.paths import TINY

ROOT = Path(__file__).parents[2]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_run_scores_as_unfinished_and_resumes(isolated_data_dir: Path, run_trainer) -> None:
    env = {**os.environ, "TRAINER_DATA_DIR": str(isolated_data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "trainer", "play", str(TINY), "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    try:
        assert process.stdin is not None
        process.stdin.write(b"2\n")  # "I hear you."; the run waits for the next answer
        process.stdin.flush()
        folder = isolated_data_dir / "replays" / "tiny"
        deadline = time.monotonic() + 30
        replay: Path | None = None
        while time.monotonic() < deadline:
            files = list(folder.glob("*.jsonl")) if folder.is_dir() else []
            if files and len(files[0].read_bytes().splitlines()) >= 2:
                replay = files[0]
                break
            time.sleep(0.05)
        assert replay is not None, "the first choice never reached the replay"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL

    scored = run_trainer("score", "--scenario", str(TINY), "--format", "json", str(replay), env=env)
    assert scored.returncode == 0, scored.stderr
    (row,) = json.loads(scored.stdout)
    assert (row["finished"], row["steps"], row["score"]) == (False, 1, 3)

    resumed = run_trainer("play", str(TINY), "--plain", "--resume", env=env, stdin="2\n")
    assert resumed.returncode == 0, resumed.stderr
    assert "Score 6 of par 6 (worst possible -5): 100%" in resumed.stdout
    assert list(replay.parent.iterdir()) == [replay]

    rescored = run_trainer("score", "--scenario", str(TINY), "--format", "json", str(replay), env=env)
    (row,) = json.loads(rescored.stdout)
    assert (row["finished"], row["ending"], row["score"], row["percent"]) == (True, "Gave it", 6, 100.0)
