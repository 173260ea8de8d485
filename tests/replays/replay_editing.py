"""Small helpers to damage a recorded replay the way an editor, a crash or a cheater would."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def rewrite(path: Path, lines: Sequence[str], *, final_newline: bool = True) -> Path:
    path.write_text("\n".join(lines) + ("\n" if final_newline else ""), encoding="utf-8")
    return path
