"""The player's settings: one small TOML file in the data folder that a person can also edit by hand.

Theme, display name and the support line shown beside `self_blame` feedback live here, so the
TUI, `--plain` and the web server read the same values. A missing file means the defaults; a
broken one is reported with its line and column and play goes on with the defaults, but the file
is never silently replaced.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from trainer.core.errors import Diagnostic, ScenarioError
from trainer.core.wording import did_you_mean

SETTINGS_NAME = "settings.toml"

# Generic on purpose: helplines depend on the country, so the player can set their own number.
DEFAULT_SUPPORT_LINE = (
    "This is practice, not therapy. If these thoughts feel heavy, please talk to someone you trust "
    "or to a local support line."
)


@dataclass(frozen=True, slots=True)
class Settings:
    """What the player chose; ``None`` means "not set, use the app's default"."""

    theme: str | None = None
    player_name: str | None = None
    support_line: str = DEFAULT_SUPPORT_LINE

    def updated(self, **changes: str | None) -> Settings:
        return replace(self, **changes)


def settings_path(base: Path) -> Path:
    return base / SETTINGS_NAME


def load_settings(base: Path) -> Settings:
    """The settings in data folder ``base``; defaults when there is no file yet."""
    path = settings_path(base)
    try:
        raw = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):  # no file, or no data folder yet: the defaults
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([Diagnostic(str(path), None, None, "S001", f"cannot read settings: {exc}")]) from None
    import tomllib  # only when there is a file: the app's first frame often has none to read

    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError([Diagnostic(str(path), None, None, "S001", f"not valid TOML: {exc}")]) from None
    known = {f.name for f in fields(Settings)}
    problems = [
        Diagnostic(
            str(path),
            None,
            None,
            "S002",
            f"unknown setting '{key}'{did_you_mean(key, known)} (known: {', '.join(sorted(known))})",
        )
        for key in data
        if key not in known
    ]
    problems += [
        Diagnostic(str(path), None, None, "S003", f"setting '{key}' must be a string")
        for key, value in data.items()
        if key in known and not isinstance(value, str)
    ]
    if problems:
        raise ScenarioError(problems)
    return Settings(**data)


def settings_or_defaults(base: Path) -> tuple[Settings, ScenarioError | None]:
    """The settings of ``base``, or the defaults and the error when the file is broken.

    Play goes on with a broken settings file (the caller says so); the file is left as it is.
    """
    try:
        return load_settings(base), None
    except ScenarioError as error:
        return Settings(), error


def support_line_in(base: Path) -> str:
    """The support line of data folder ``base``: the player's own, or the default.

    It points someone in distress to help, so a settings file that cannot be read never takes it
    away: the default is shown then (the broken file is reported where settings are loaded).
    """
    return settings_or_defaults(base)[0].support_line


def save_settings(base: Path, settings: Settings) -> None:
    """Write the settings atomically (a crash leaves the old file or the new one, never half of one)."""
    import tomli_w

    values = {key: value for key, value in asdict(settings).items() if value is not None}
    if values.get("support_line") == DEFAULT_SUPPORT_LINE:
        del values["support_line"]
    base.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=base, prefix=".settings-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            tomli_w.dump(values, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, settings_path(base))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
