"""The author's guide (scenarios/README.md) points at files a reader has, and its sample output is real."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from trainer.cli.main import main

ROOT = Path(__file__).parents[2]
GUIDE = ROOT / "scenarios" / "README.md"
WORKED_EXAMPLE = "green-jumper.yaml"  # the file the guide's section 7 builds, step by step


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _prose(text: str) -> str:
    return re.sub(r"```.*?```", "", text, flags=re.DOTALL)


def test_every_file_the_guide_names_is_in_the_repository() -> None:
    named = set(re.findall(r"`([^`\s]+\.(?:md|txt|yaml|yml|json|py))`", _prose(_guide())))
    named |= {link for link in re.findall(r"\]\(([^)#\s]+)\)", _prose(_guide()))}
    missing = [
        name
        for name in sorted(named - {WORKED_EXAMPLE})
        if not (GUIDE.parent / name).exists() and not (ROOT / name).exists()
    ]
    assert not missing, f"the guide cites files a reader of the repository does not have: {missing}"


def _worked_example(text: str) -> str:
    """Section 7's YAML fragments, put together in order, as the guide says."""
    section = text[text.index("## 7.") : text.index("## 8.")]
    return "".join(re.findall(r"```yaml\n(.*?)```", section, flags=re.DOTALL))


def _console_sessions(text: str) -> list[tuple[list[str], list[str]]]:
    """Each `$ command` of section 7's console block with the output lines shown under it."""
    section = text[text.index("## 7.") : text.index("## 8.")]
    (console,) = re.findall(r"```console\n(.*?)```", section, flags=re.DOTALL)
    sessions: list[tuple[list[str], list[str]]] = []
    for line in console.splitlines():
        if line.startswith("$ "):
            sessions.append((shlex.split(line[2:]), []))
        else:
            sessions[-1][1].append(line)
    return sessions


def _shown_in(expected: list[str], actual: list[str]) -> bool:
    """Every run of lines between `...` markers appears, in order and unbroken, in ``actual``."""
    position = 0
    segments: list[list[str]] = [[]]
    for line in expected:
        if line.strip() == "...":
            segments.append([])
        else:
            segments[-1].append(line)
    for segment in filter(None, segments):
        for start in range(position, len(actual) - len(segment) + 1):
            if actual[start : start + len(segment)] == segment:
                position = start + len(segment)
                break
        else:
            return False
    return True


def test_the_worked_example_passes_strict_validation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / WORKED_EXAMPLE
    path.write_text(_worked_example(_guide()), encoding="utf-8")
    assert main(["validate", "--strict", str(path)]) == 0, capsys.readouterr()


def test_the_worked_examples_sample_output_is_what_the_commands_print(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / WORKED_EXAMPLE).write_text(_worked_example(_guide()), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    sessions = _console_sessions(_guide())
    assert sessions
    for command, shown in sessions:
        assert command[0] == "trainer"
        main(command[1:])
        captured = capsys.readouterr()
        printed = (captured.out + captured.err).splitlines()
        assert _shown_in(shown, printed), f"$ {shlex.join(command)} prints:\n" + "\n".join(printed)
