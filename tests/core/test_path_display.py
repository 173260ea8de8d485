"""Paths shown to the user: a batch's `PathDisplay` must show exactly what resolving each path in full shows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from trainer.core.errors import ListedFile, PathDisplay, display_path
from trainer.core.replays.files import replay_files


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


@pytest.fixture
def listed_tree(tree: Path) -> Path:
    """More runs in the folder, and a link to one of them inside it (listed too, but as a link)."""
    runs = tree / "real" / "runs" / "a"
    for name in ("two.jsonl", "three.jsonl"):
        (runs / name).write_text("{}")
    (runs / "inner.jsonl").symlink_to(runs / "two.jsonl")
    return tree


@pytest.mark.parametrize("folder", ["runs", "./runs/", "runs/b", "runs//a", "../cwd/runs", "{cwd}/runs", "{real}/runs"])
def test_a_listed_file_is_shown_from_its_folder_without_a_system_call_of_its_own(
    listed_tree: Path, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = Path(folder.format(cwd=listed_tree / "cwd", real=listed_tree / "real"))
    found = list(replay_files([given]))
    listed = [path for path in found if type(path) is ListedFile]
    assert sorted(os.path.basename(path) for path in listed) == ["one.jsonl", "three.jsonl", "two.jsonl"]
    assert [os.path.basename(path) for path in found if path not in listed] == ["inner.jsonl"], "a link: checked"
    lstat = os.lstat
    asked: list[str] = []

    def counting(path, *args, **kwargs):
        asked.append(os.fspath(path))
        return lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", counting)
    shown = PathDisplay()
    for _ in range(3):
        assert [shown(path) for path in found] == [resolved_in_full(path) for path in found]
    del asked[:]
    for path in listed:
        shown(path)
    assert [path for path in asked if path.endswith(".jsonl")] == [], "no file of the listing asked about"
    (link,) = (path for path in found if path not in listed)
    shown(link)
    assert link in asked, "a path not marked is asked whether it is a link"


@pytest.mark.parametrize("given", ["/", "a/.", "a/..", "runs/", "", "x.jsonl", "//far/x.jsonl", "runs//a/x.jsonl"])
def test_a_path_marked_listed_that_names_no_file_in_a_folder_is_shown_as_any_path(tree: Path, given: str) -> None:
    shown = PathDisplay()
    for _ in range(2):
        assert shown(ListedFile(given)) == shown(given)
