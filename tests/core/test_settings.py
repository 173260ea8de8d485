"""Settings: one TOML file in the data folder, defaults when absent, located errors when broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.core.errors import ScenarioError
from trainer.core.settings import DEFAULT_SUPPORT_LINE, Settings, load_settings, save_settings, settings_path


def test_missing_settings_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()
    assert load_settings(tmp_path).support_line == DEFAULT_SUPPORT_LINE


def test_a_data_folder_path_that_is_not_a_folder_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    assert load_settings(tmp_path / "not-a-folder" / "data") == Settings()


def test_saved_settings_load_back(tmp_path: Path) -> None:
    chosen = Settings(theme="gruvbox", player_name="Ana", support_line="Call Jo on 555 0100.")
    save_settings(tmp_path, chosen)
    assert load_settings(tmp_path) == chosen
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".settings-")]


def test_default_support_line_is_not_written_so_a_new_default_reaches_old_files(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(theme="nord"))
    assert "support_line" not in settings_path(tmp_path).read_text(encoding="utf-8")


def test_a_hand_edited_support_line_is_used(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text('support_line = "Samaritans: 116 123"\n', encoding="utf-8")
    assert load_settings(tmp_path).support_line == "Samaritans: 116 123"


@pytest.mark.parametrize(
    ("text", "code"),
    [('theme = "nord\n', "S001"), ('colour = "red"\n', "S002"), ("theme = 3\n", "S003")],
)
def test_broken_settings_are_an_error_not_silently_reset(tmp_path: Path, text: str, code: str) -> None:
    settings_path(tmp_path).write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_settings(tmp_path)
    assert [d.code for d in caught.value.diagnostics] == [code]
