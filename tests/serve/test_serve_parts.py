"""The parts of `trainer serve` that need no server: identities, sizes, the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli.main import main
from trainer.serve.app_process import MAX_COLUMNS, MAX_ROWS, MIN_COLUMNS, MIN_ROWS, clamped_size
from trainer.serve.server import listening_url
from trainer.serve.visitors import is_well_formed, known_visitor, new_visitor, visitor_dir


def test_visitor_folders_are_made_only_for_well_formed_ids(tmp_path: Path) -> None:
    visitor = new_visitor(tmp_path)
    assert is_well_formed(visitor) and known_visitor(tmp_path, visitor) == visitor
    assert visitor_dir(tmp_path, visitor) == tmp_path / "visitors" / visitor
    assert new_visitor(tmp_path) != visitor
    with pytest.raises(ValueError):
        visitor_dir(tmp_path, "../escape")


def test_a_visitor_file_in_place_of_a_folder_is_not_an_identity(tmp_path: Path) -> None:
    (tmp_path / "visitors").mkdir()
    (tmp_path / "visitors" / ("F" * 43)).write_text("")
    assert known_visitor(tmp_path, "F" * 43) is None


def test_the_screen_size_a_page_asks_for_is_kept_within_bounds() -> None:
    assert clamped_size(10**9, 10**9) == (MAX_COLUMNS, MAX_ROWS)
    assert clamped_size(-5, 0) == (MIN_COLUMNS, MIN_ROWS)
    assert clamped_size(120, 40) == (120, 40)


@pytest.mark.parametrize(
    ("host", "port", "public", "url"),
    [
        ("127.0.0.1", 8000, None, "http://127.0.0.1:8000"),
        ("0.0.0.0", 8001, None, "http://127.0.0.1:8001"),
        ("::1", 8000, None, "http://[::1]:8000"),
        ("0.0.0.0", 8000, "https://trainer.example.org", "https://trainer.example.org"),
    ],
)
def test_the_address_it_says_to_open(host: str, port: int, public: str | None, url: str) -> None:
    assert listening_url(host, port, public) == url


@pytest.mark.parametrize(
    "arguments",
    [
        ["--port", "70000"],
        ["--port", "http"],
        ["--max-sessions", "0"],
        ["--idle-timeout", "0"],
        ["--idle-timeout", "nan"],
        ["--public-url", "trainer.example.org"],
        ["--public-url", "ftp://trainer.example.org"],
        ["--public-url", "https://trainer.example.org/?x=1"],
    ],
)
def test_a_wrong_option_is_a_usage_error(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", *arguments])
    assert exited.value.code == 2
    assert "trainer serve: error: argument" in capsys.readouterr().err


def test_a_port_in_use_is_one_clear_error(run_trainer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_trainer("serve", "--port", str(port), "--data-dir", str(tmp_path), timeout=30)
    assert result.returncode == 1
    assert result.stderr.startswith(f"trainer: cannot listen on 127.0.0.1 port {port}:")
    assert "Traceback" not in result.stderr


def test_a_data_folder_that_cannot_hold_visitors_is_said_before_listening(run_trainer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    result = run_trainer("serve", "--port", "0", "--data-dir", str(blocked), timeout=30)
    assert result.returncode == 1
    assert result.stderr.startswith("trainer: cannot keep visitors' runs in ")
    assert "Traceback" not in result.stderr


def test_the_server_process_never_imports_textual_or_rich(run_trainer) -> None:  # type: ignore[no-untyped-def]
    probe = (
        "import sys, trainer.serve.server, trainer.cli.serve; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'trainer') "
        "and (m.split('.')[0] != 'trainer' or m.startswith('trainer.tui'))))"
    )
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
