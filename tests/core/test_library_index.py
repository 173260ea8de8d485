"""The library index: the library listed from it loads no scenario, and it is never trusted over the files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT
from trainer.core import library
from trainer.core.library import LibraryEntry, indexed_library, load_library
from trainer.core.library_index import index_path
from trainer.core.scenario import loader

BUNDLED = Path(__file__).parents[1] / "scenarios" / "tui_library"


@pytest.fixture
def data(monkeypatch: pytest.MonkeyPatch, isolated_data_dir: Path) -> Path:
    """The two fixture scenarios as the bundled library, and a user folder with a broken file, a copy of
    a bundled scenario and a second file with that copy's id."""
    monkeypatch.setattr(library, "bundled_scenarios_dir", lambda: BUNDLED)
    folder = isolated_data_dir / "scenarios"
    folder.mkdir()
    day_three = (BUNDLED / "day-three.yaml").read_text()
    (folder / "broken.yaml").write_text(day_three.replace("category: no_contact", "category: no_contcat"))
    (folder / "mine.yaml").write_text(day_three.replace("title: Day Three", "title: Day Three, mine"))
    (folder / "zz-twin.yaml").write_text(day_three.replace("title: Day Three", "title: Twin"))
    return isolated_data_dir


def shown(entries: list[LibraryEntry] | None) -> list[tuple[object, ...]]:
    """What the library shows of each entry: the same whether it came from the index or a full load."""
    assert entries is not None
    return [
        (entry.path, entry.bundled, entry.listing, entry.overrides, entry.playable, entry.error_count)
        + (() if entry.error is None else (str(entry.error.diagnostics[0]),))
        for entry in entries
    ]


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The scenario files loaded in full."""
    loaded: list[Path] = []
    real = loader.load_scenario

    def counted(path: Path, shown: str | None = None) -> loader.Scenario:
        loaded.append(path)
        return real(path, shown)

    monkeypatch.setattr(loader, "load_scenario", counted)
    return loaded


def test_the_library_from_the_index_is_the_full_load_s_and_loads_nothing(data: Path, loads: list[Path]) -> None:
    assert indexed_library(data) is None, "no index yet"
    full = load_library(data)
    assert len(loads) == 5 and index_path(data).is_file()
    loads.clear()
    indexed = indexed_library(data)
    assert loads == []
    assert shown(indexed) == shown(full)
    assert indexed is not None and all(entry.loaded is None for entry in indexed)
    broken = {entry.path.name: entry for entry in indexed if entry.error is not None}
    assert set(broken) == {"broken.yaml", "zz-twin.yaml"}
    assert broken["zz-twin.yaml"].error.diagnostics[0].code == "E501"
    assert (broken["zz-twin.yaml"].error.diagnostics[0].line, broken["broken.yaml"].error_count) == (3, 1)


def test_a_file_whose_bytes_changed_is_not_listed_from_the_index(data: Path) -> None:
    load_library(data)
    mine = data / "scenarios" / "mine.yaml"
    status = mine.stat()
    # Same size and the same modification time: only the bytes tell.
    mine.write_text(mine.read_text().replace("Day Three, mine", "Day Three, MINE"))
    os.utime(mine, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert mine.stat().st_size == status.st_size
    assert indexed_library(data) is None
    assert any(entry.listing and entry.listing.title == "Day Three, MINE" for entry in load_library(data))
    assert any(entry.listing and entry.listing.title == "Day Three, MINE" for entry in indexed_library(data) or [])


def test_a_new_file_is_not_listed_from_the_index_and_a_removed_one_is_gone(data: Path) -> None:
    load_library(data)
    (data / "scenarios" / "new.yaml").write_text((BUNDLED / "kitchen-table.yaml").read_text().replace("kitchen", "new"))
    assert indexed_library(data) is None
    load_library(data)
    (data / "scenarios" / "broken.yaml").unlink()
    assert [entry.path.name for entry in indexed_library(data) or []] == [
        entry.path.name for entry in load_library(data)
    ]
    assert "broken.yaml" not in [entry.path.name for entry in load_library(data)]


@pytest.mark.parametrize(
    "index",
    [
        b"\x00\xff not json",
        b"[]",
        b'{"version": 99, "files": {}}',
        b'{"version": 1, "rules": "other rules", "files": {}}',
    ],
    ids=["not json", "not a mapping", "another version", "other rules"],
)
def test_an_index_that_is_broken_or_not_ours_is_ignored_and_rewritten(data: Path, index: bytes) -> None:
    full = shown(load_library(data))
    index_path(data).write_bytes(index)
    assert indexed_library(data) is None
    assert shown(load_library(data)) == full
    assert shown(indexed_library(data)) == full


def test_a_row_of_the_wrong_shape_makes_the_whole_index_unused(data: Path) -> None:
    load_library(data)
    written = json.loads(index_path(data).read_bytes())
    row = written["files"][str(data / "scenarios" / "mine.yaml")]
    row[3][2] = "three"  # the difficulty, as text
    index_path(data).write_text(json.dumps(written))
    assert indexed_library(data) is None


def test_a_data_folder_that_cannot_be_written_still_lists_the_library(data: Path) -> None:
    (data / "cache").write_text("a file where the cache folder would be")
    assert len(load_library(data)) == 4
    assert indexed_library(data) is None
    assert (data / "cache").is_file()


def test_the_index_is_replaced_whole_and_only_when_something_changed(data: Path) -> None:
    load_library(data)
    before = index_path(data).stat().st_mtime_ns
    load_library(data)
    assert index_path(data).stat().st_mtime_ns == before, "nothing changed, nothing written"
    assert [path.name for path in index_path(data).parent.iterdir()] == ["library-index.json"]


def test_listing_from_the_index_imports_neither_pydantic_nor_yaml(data: Path) -> None:
    load_library(data)
    script = (
        "import sys, pathlib\n"
        "from trainer.core import library\n"
        f"library.bundled_scenarios_dir = lambda: pathlib.Path({str(BUNDLED)!r})\n"
        f"entries = library.indexed_library(pathlib.Path({str(data)!r}))\n"
        "assert entries is not None and len(entries) == 4, entries\n"
        "print(sorted(m for m in ('pydantic', 'yaml', 'transitions') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
