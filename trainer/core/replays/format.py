"""The replay file format (version 1): JSON Lines, a header then one event per line.

The writer emits one fixed layout per event type, and the reader decodes the same types with
msgspec, which is about ten times faster than `json.loads` and checks every field's type on the
way, so batch scoring can afford to read millions of lines.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from trainer.core.errors import Diagnostic

FORMAT_VERSION = 1


class Header(msgspec.Struct, tag_field="event", tag="header", forbid_unknown_fields=True):
    """The first line: which scenario (id, file hash, path) was played, by whom, when, and the run's seed."""

    format: int
    scenario: str
    sha256: str
    path: str
    app: str
    started: str
    player: str | None = None
    seed: int | None = None  # absent in replays recorded before runs had one


class ChoiceMade(msgspec.Struct, tag_field="event", tag="choice", forbid_unknown_fields=True):
    """The player chose ``choice`` in ``scene``; ``step`` is its position in the run (1 = first)."""

    step: int
    scene: str
    choice: str


class TakenBack(msgspec.Struct, tag_field="event", tag="take_back", forbid_unknown_fields=True):
    """The player took back step ``step`` (the choice ``choice`` made in ``scene``)."""

    step: int
    scene: str
    choice: str


class EndingReached(msgspec.Struct, tag_field="event", tag="ending", forbid_unknown_fields=True):
    """The run reached the ending scene ``scene`` after ``step`` choices."""

    step: int
    scene: str


class RunAbandoned(msgspec.Struct, tag_field="event", tag="abandoned", forbid_unknown_fields=True):
    """The run was left for good after ``step`` choices: a live preview restarted it on a changed scenario.

    Always the last line. An abandoned run is not offered for resuming.
    """

    step: int


Event = ChoiceMade | TakenBack | EndingReached | RunAbandoned

_encoder = msgspec.json.Encoder()
# Only the format is read first, so a header of another version is named as such, not as malformed.
_version_decoder = msgspec.json.Decoder(dict[str, object])
header_decoder = msgspec.json.Decoder(Header)
event_decoder = msgspec.json.Decoder(Event)


def encode(record: Header | Event) -> bytes:
    """One line of a replay, newline included."""
    return _encoder.encode(record) + b"\n"


def new_header(
    scenario_id: str,
    sha256: str,
    path: str,
    app: str,
    started: datetime,
    player: str | None = None,
    seed: int | None = None,
) -> Header:
    return Header(FORMAT_VERSION, scenario_id, sha256, path, app, started.isoformat(), player or None, seed)


def format_of(line: bytes) -> object:
    """The ``format`` field of a header line (raises msgspec.DecodeError if it is not a JSON object)."""
    return _version_decoder.decode(line).get("format")


# Stable codes for replay problems: tests and users refer to them, so never renumber.
CODES: dict[str, str] = {
    "R101": "the replay cannot be read or is not UTF-8 text",
    "R102": "a line is not JSON",
    "R103": "the header line is truncated",
    "R104": "a line is not a replay event of the expected shape",
    "R105": "the header has an unknown format version",
    "R106": "not a regular file (a folder, FIFO, device, socket or symlink loop)",
    "R107": "the replay, or one of its lines, is larger than the limit",
    "R201": "unknown scenario",
    "R202": "unknown scene",
    "R203": "unknown choice",
    "R204": "a choice not offered at that point",
    "R205": "an event out of sequence with the run",
    "W301": "the scenario file changed since the run was recorded",
    "W302": "an entry of a replays folder that is not a regular file was skipped",
    "W303": "the last line was cut off; the complete lines before it were kept",
}


class InvalidReplay(Exception):
    """Raised when a replay cannot be scored; carries the one error that stopped it."""

    def __init__(self, error: Diagnostic) -> None:
        self.error = error
        super().__init__(str(error))
