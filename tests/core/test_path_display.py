"""Paths shown to the user: a batch's `PathDisplay` must show exactly what resolving each path in full shows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from trainer.core.errors import PathDisplay, display_path


def resolved_in_full(path: Path | str) -> str:
    """The plain rule: the resolved path relative to the resolved working directory, else the path as given."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(Path(path))


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory reached through a symlink, with files, a folder link and a file link leaving it."""
    real = tmp_path / "real"
    (real / "runs" / "a").mkdir(parents=True)
    (real / "runs" / "a" / "one.jsonl").write_text("{}")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.jsonl").write_text("{}")
    (real / "runs" / "a" / "away.jsonl").symlink_to(outside / "far.jsonl")
    (real / "runs" / "b").symlink_to(real / "runs" / "a")
    (tmp_path / "cwd").symlink_to(real)
    (real / "loop").symlink_to(real / "loop")
    monkeypatch.chdir(tmp_path / "cwd")
    return tmp_path


CASES = [
    "runs/a/one.jsonl",
    "./runs/a/one.jsonl",
    "runs/b/one.jsonl",  # through a folder link
    "runs/a/away.jsonl",  # a file link that leaves the working directory
    "runs/a/../a/one.jsonl",
    "runs/b/../a/one.jsonl",
    "runs/a/missing.jsonl",
    "runs",
    "runs/",
    ".",
    "..",
    "loop",
    "../outside/far.jsonl",
]


@pytest.mark.parametrize("given", CASES)
def test_a_batch_shows_each_path_as_resolving_it_in_full_does(tree: Path, given: str) -> None:
    shown = PathDisplay()
    expected = resolved_in_full(given)
    assert shown(given) == expected
    assert shown(Path(given)) == expected
    assert shown(tree / "cwd" / given) == resolved_in_full(tree / "cwd" / given)
    assert display_path(given) == expected


def test_the_same_folder_is_resolved_once_per_batch(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = PathDisplay()
    calls: list[str] = []
    realpath = os.path.realpath

    def counting(path: str) -> str:
        calls.append(path)
        return realpath(path)

    monkeypatch.setattr(os.path, "realpath", counting)
    for _ in range(50):
        assert shown("runs/a/one.jsonl") == "runs/a/one.jsonl"
    assert len(calls) == 1
