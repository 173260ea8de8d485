"""What the library lists of each scenario file, kept between starts so its first frame loads no scenario.

Loading the thirteen bundled scenarios (YAML, validation, compilation, state space) takes about
0.4 s of CPU; the library's list needs only each file's id, title, difficulty and summary, or its
first error. So those are kept in ``<data dir>/cache/library-index.json``, one row per file, keyed
by the file's path and the SHA-256 of its bytes. Nothing in it is trusted: every file is read and
hashed at each start, and one whose bytes differ makes the whole index unused for that start. The
full load still runs behind the first frame (play, the statistics and the history use only what
it loaded) and rewrites the index when anything changed. Written atomically; an index that cannot
be read, has the wrong shape, or was written by other loading rules is ignored and rewritten; a
data folder that cannot be written only means no index.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from trainer.core.errors import Diagnostic

VERSION = 1


class Listing(NamedTuple):
    """What the library shows of a scenario file that loads."""

    id: str
    title: str
    difficulty: int
    summary: str
    scenes: int
    # Where the id is written, for the error of a second user file with the same id.
    id_line: int | None
    id_column: int | None


class IndexRow(NamedTuple):
    """One scenario file as last loaded: its bytes' size, time and digest, and its listing or first error."""

    size: int
    mtime_ns: int
    sha256: str
    listing: Listing | None
    first_error: Diagnostic | None
    errors: int  # how many the file had (only the first is kept)


def index_path(base: Path) -> Path:
    return base / "cache" / "library-index.json"


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def rules_fingerprint() -> str:
    """The loading rules the index was written under: the package's version and its loader's sources.

    A trainer whose validation changed could list a file as loading that now does not (or the
    reverse); its sources' sizes and times differ, so it ignores an index written by another.
    """
    from trainer import __version__

    scenario = Path(__file__).with_name("scenario")
    parts = [__version__]
    for source in sorted([*scenario.glob("*.py"), Path(__file__).with_name("library.py")]):
        try:
            status = source.stat()
        except OSError:
            continue
        parts.append(f"{source.name}:{status.st_size}:{status.st_mtime_ns}")
    return digest("\n".join(parts).encode())


def read_index(base: Path) -> dict[str, IndexRow]:
    """The rows by file path; empty when the index is missing, unreadable, malformed or from other rules."""
    try:
        data = json.loads(index_path(base).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION or data.get("rules") != rules_fingerprint():
        return {}
    files = data.get("files")
    if not isinstance(files, dict):
        return {}
    rows: dict[str, IndexRow] = {}
    for path, row in files.items():
        parsed = _parsed_row(row)
        if parsed is None:
            return {}  # one row not of ours: the file is not what we wrote, none of it is used
        rows[path] = parsed
    return rows


def _parsed_row(row: object) -> IndexRow | None:
    if not isinstance(row, list) or len(row) != 6:
        return None
    size, mtime_ns, sha256, listing, first_error, errors = row
    if not (type(size) is int and type(mtime_ns) is int and isinstance(sha256, str) and type(errors) is int):
        return None
    parsed_listing = _parsed_listing(listing) if listing is not None else None
    parsed_error = _parsed_error(first_error) if first_error is not None else None
    if (listing is not None and parsed_listing is None) or (first_error is not None and parsed_error is None):
        return None
    if (parsed_listing is None) == (errors == 0):  # a file either loads, or has errors
        return None
    return IndexRow(size, mtime_ns, sha256, parsed_listing, parsed_error, errors)


def _parsed_listing(fields: object) -> Listing | None:
    if not isinstance(fields, list) or len(fields) != 7:
        return None
    scenario_id, title, difficulty, summary, scenes, line, column = fields
    texts = all(isinstance(text, str) for text in (scenario_id, title, summary))
    numbers = type(difficulty) is int and type(scenes) is int and _place(line) and _place(column)
    return Listing(scenario_id, title, difficulty, summary, scenes, line, column) if texts and numbers else None


def _parsed_error(fields: object) -> Diagnostic | None:
    if not isinstance(fields, list) or len(fields) != 7:
        return None
    path, line, column, code, message, severity, step = fields
    texts = all(isinstance(text, str) for text in (path, code, message))
    if not (texts and _place(line) and _place(column) and _place(step) and severity in ("error", "warning")):
        return None
    return Diagnostic(path, line, column, code, message, severity, step)


def _place(value: object) -> bool:
    return value is None or type(value) is int


def write_index(base: Path, rows: Mapping[str, IndexRow]) -> None:
    """Replace the index atomically; a data folder that cannot be written only means no index."""
    files = {
        path: [
            row.size,
            row.mtime_ns,
            row.sha256,
            None if row.listing is None else list(row.listing),
            None if row.first_error is None else _error_fields(row.first_error),
            row.errors,
        ]
        for path, row in rows.items()
    }
    target = index_path(base)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".library-index-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": VERSION, "rules": rules_fingerprint(), "files": files}, out, separators=(",", ":"))
        os.replace(temporary, target)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def _error_fields(error: Diagnostic) -> list[object]:
    return [error.path, error.line, error.column, error.code, error.message, error.severity, error.step]


def rows_for(paths: Iterable[Path], rows: Mapping[str, IndexRow]) -> dict[Path, IndexRow] | None:
    """The index's row of each file whose bytes are still those it recorded; None if any file differs,
    is new, or cannot be read (then the library is loaded in full before it is listed)."""
    found: dict[Path, IndexRow] = {}
    for path in paths:
        row = rows.get(str(path))
        if row is None:
            return None
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        if len(raw) != row.size or digest(raw) != row.sha256:
            return None
        found[path] = row
    return found
