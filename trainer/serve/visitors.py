"""Who a visitor is: an unguessable id in a cookie, and the folder that holds their runs and settings.

The id is the only thing from the browser that ever reaches a path, so it is checked strictly: the
exact shape `secrets.token_urlsafe` makes, and a folder the server created for it. Anything else
(a forged value, one from another server, one whose folder was removed) gets a fresh identity.
"""

from __future__ import annotations

import re
import secrets
import stat
from pathlib import Path

COOKIE_NAME = "trainer_visitor"
# 32 random bytes: 43 characters of the URL-safe base64 alphabet.
ID_BYTES = 32
_ID_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")
# The longest lifetime browsers keep a cookie for (Chrome caps Max-Age at 400 days).
COOKIE_MAX_AGE = 400 * 24 * 3600


def visitors_dir(data: Path) -> Path:
    """DATA/visitors: every visitor's folder, and what `trainer score DATA/visitors --summary` reads."""
    return data / "visitors"


def is_well_formed(value: str | None) -> bool:
    return value is not None and _ID_SHAPE.fullmatch(value) is not None


def known_visitor(data: Path, value: str | None) -> str | None:
    """The visitor id in ``value`` when it is well formed and the server made its folder, else None."""
    if not is_well_formed(value):
        return None
    assert value is not None
    try:
        mode = visitor_dir(data, value).lstat().st_mode
    except OSError:
        return None
    # A real folder, never a link someone planted to lead elsewhere.
    return value if stat.S_ISDIR(mode) else None


def new_visitor(data: Path) -> str:
    """A fresh identity and its (private, empty) folder."""
    folder = visitors_dir(data)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    while True:
        visitor = secrets.token_urlsafe(ID_BYTES)
        try:
            visitor_dir(data, visitor).mkdir(mode=0o700)
        except FileExistsError:  # pragma: no cover - 2**256 ids
            continue
        return visitor


def visitor_dir(data: Path, visitor: str) -> Path:
    """The data folder of one visitor's app: replays/ and settings.toml, as `--data-dir` for the app."""
    if not is_well_formed(visitor):
        raise ValueError("not a visitor id")
    return visitors_dir(data) / visitor
