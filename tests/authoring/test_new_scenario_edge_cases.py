"""`trainer new` at the edges: a read-only target, an id with a trailing newline, names Windows reserves."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import TINY
from trainer.cli.main import main
from trainer.core.authoring import starter
from trainer.core.errors import ScenarioError
from trainer.core.scenario.loader import load_scenario_bytes


def new(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["new", *args])
    return code, capsys.readouterr().err


def test_a_read_only_target_is_a_clear_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(starter.tempfile, "mkstemp", refused)  # root may write anywhere; a user may not
    code, err = new(capsys, "mine", "--output", str(tmp_path))
    assert code == 1
    assert err.strip() == f"trainer: cannot write {tmp_path / 'mine.yaml'}: Permission denied"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a read-only /proc")
def test_a_read_only_file_system_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = new(capsys, "mine", "--output", "/proc/mine.yaml")
    assert code == 1 and err.startswith("trainer: cannot write /proc/mine.yaml: ") and "Traceback" not in err


def test_an_id_with_a_trailing_newline_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = new(capsys, "mine\n", "--output", str(tmp_path / "x.yaml"))
    assert code == 1 and "'mine\\n' is not a valid scenario id" in err
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("name", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_names_windows_reserves_are_refused(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = new(capsys, name, "--output", str(tmp_path))
    assert code == 1 and "Windows reserves" in err
    assert list(tmp_path.iterdir()) == []


def test_a_scenario_with_a_reserved_id_does_not_load() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(TINY.read_bytes().replace(b"id: tiny", b"id: com1"), "com1.yaml")
    [d] = caught.value.diagnostics
    assert (d.code, d.line) == ("E203", 2) and "Windows reserves" in d.message
