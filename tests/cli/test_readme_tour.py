"""The README's set-up and tour, followed word for word in one shell, work.

Installing for real takes a minute, so `python3 -m venv` is answered by a stand-in that makes a real
virtualenv (with its real `activate`) whose `pip` does nothing and whose `trainer` runs this
checkout. Everything else is the README's own text, run by bash in the order a reader types it.
Commands that wait for a person (the TUI, plain play at a prompt) are reached, not played: the TUI
ones are replaced by `command -v trainer`, and plain play at a prompt gets `q`.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
README = ROOT / "README.md"

_STAND_IN_PYTHON = """#!/bin/sh
# Stands in for `python3 -m venv DIR` (the only use the README makes of python3).
[ "$1" = "-m" ] && [ "$2" = "venv" ] || exit 97
"{python}" -m venv --without-pip "$3" || exit 1
printf '#!/bin/sh\\nexit 0\\n' > "$3/bin/pip"
printf '#!/bin/sh\\nexec "{python}" -m trainer "$@"\\n' > "$3/bin/trainer"
chmod +x "$3/bin/pip" "$3/bin/trainer"
"""


def _block_after(marker: str) -> list[str]:
    """The lines of the first ```sh block after ``marker`` in the README."""
    text = README.read_text(encoding="utf-8")
    start = text.index(marker)
    block = re.search(r"```sh\n(.*?)```", text[start:], re.DOTALL)
    assert block, f"no sh block after {marker!r}"
    return [line for line in block.group(1).splitlines() if line.strip()]


def _without_comment(line: str) -> str:
    return re.sub(r"\s+#.*$", "", line).strip()


def _reached_not_played(command: str) -> str:
    """A command that waits for a person becomes one that proves it would start."""
    if re.fullmatch(r"(\S*/)?trainer( play [\w-]+( --seed \d+)?)?", command):
        return "command -v trainer >/dev/null"
    if re.fullmatch(r"trainer play [\w-]+ --plain", command):
        return f"echo q | {command}"
    return command


def test_the_set_up_then_the_tour_run_word_for_word(tmp_path: Path) -> None:
    stand_ins = tmp_path / "stand-ins"
    stand_ins.mkdir()
    python3 = stand_ins / "python3"
    python3.write_text(_STAND_IN_PYTHON.format(python=sys.executable), encoding="utf-8")
    python3.chmod(python3.stat().st_mode | stat.S_IXUSR)
    clone = tmp_path / "clone"
    clone.mkdir()
    (clone / "scenarios").symlink_to(ROOT / "scenarios")

    (set_up,) = _block_after("<!-- run-command -->")
    setup_steps = [step.strip() for step in set_up.split("&&")]
    script = ["set -e", " && ".join(_reached_not_played(step) for step in setup_steps)]
    tour = [_without_comment(line) for line in _block_after("## A short tour")]
    for line in tour:
        for command in line.split(";"):
            command = command.strip()
            script.append(f"echo '>>> {command}' >&2")
            script.append(_reached_not_played(command))

    home = tmp_path / "home"
    env = {
        **os.environ,
        "PATH": f"{stand_ins}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "HOME": str(home),
    }
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run(
        ["bash", "-c", "\n".join(script)], cwd=clone, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"the tour stopped at:\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr
    assert tour, "the README has a tour"
    assert "== Ending:" in result.stdout, "the scripted plain run reaches its debrief"
    assert (clone / "scenario.schema.json").stat().st_size > 0
