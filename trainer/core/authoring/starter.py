"""The starter scenario `trainer new` writes: small, but it shows every feature and lints clean."""

from __future__ import annotations

import json
import os
import re
import tempfile
from importlib.resources import files
from pathlib import Path

from trainer.core.errors import TrainerError
from trainer.core.scenario.model import SLUG_PATTERN, reserved_name_problem
from trainer.core.text import quoted

SCHEMA_NAME = "scenario-v1.schema.json"
_SLUG = re.compile(SLUG_PATTERN)


def schema_file() -> Path:
    """The committed JSON Schema: inside the installed package, or at the top of a checkout."""
    packaged = Path(str(files("trainer"))) / "schema" / SCHEMA_NAME
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "schema" / SCHEMA_NAME


def starter_text(scenario_id: str, schema: str) -> str:
    """The starter scenario with id ``scenario_id``, its modeline pointing editors at ``schema``."""
    # fullmatch: with match, the pattern's `$` also matches before a trailing newline ("abc\n").
    if not _SLUG.fullmatch(scenario_id) or len(scenario_id) > 64:
        raise TrainerError(
            f"{quoted(scenario_id)} is not a valid scenario id: use lower-case letters, digits, '-' and '_', "
            "starting with a letter or digit"
        )
    reserved = reserved_name_problem(scenario_id)
    if reserved is not None:
        raise TrainerError(f"not a scenario id: {reserved}")
    title = scenario_id.replace("-", " ").replace("_", " ").strip().capitalize()
    # json.dumps gives a YAML double-quoted string: an id such as `123` or `no` stays text.
    return _TEMPLATE.format(schema=schema, id=json.dumps(scenario_id), title=json.dumps(title))


def write_new_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` only if nothing is there, so a half-written file is never seen.

    The text goes to a temporary file in the same folder, which is then hard-linked into place:
    the link fails if ``path`` exists (even if it appeared a moment ago), and is atomic.
    """
    folder = path.parent
    if path.exists() or path.is_symlink():
        raise TrainerError(f"{path} already exists: not overwriting it (choose another --output)")
    if not folder.is_dir():
        raise TrainerError(f"{folder}: no such folder")
    try:
        _write_new(path, text)
    except OSError as exc:  # a read-only folder or file system, a full disk
        raise TrainerError(f"cannot write {path}: {exc.strerror or exc}") from None


def _write_new(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a scenario is not
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise TrainerError(f"{path} already exists: not overwriting it (choose another --output)") from None
        except OSError:
            # A filesystem without hard links: exclusive create is still never an overwrite.
            with open(path, "x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
    finally:
        os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A starter scenario. Check it with `trainer validate FILE --strict`, see its story with
# `trainer graph FILE`, count its runs with `trainer analyze FILE`, and play it while you edit
# with `trainer play FILE --watch`. Default categories: weakness, logic, love, reaching_out,
# self_blame (mistakes), pushback (okay), graceful, no_contact, reframe (good); add your own
# under `rubric:`. Endings must tell the truth: no good ending below 60%, no bad one above 40%.
format: 1
id: {id}
title: {title}
summary: Alex asks to meet for coffee and ends the relationship. A short first practice.
difficulty: 1
characters:
  alex: {{name: Alex}}
meters:
  # A bounded number the story tracks: effects change it, `if:` conditions read it.
  composure: {{start: 0, min: -3, max: 3, label: Your composure}}
  # A flag (0 or 1) records a fact for later: the debrief says "you asked once" only if you did.
  asked: {{start: 0, min: 0, max: 1, label: You asked once}}
start: coffee
scenes:
  coffee:
    text: Alex stirs a coffee that has gone cold and will not quite meet your eyes.
    say: {{who: alex, line: "I've been thinking a lot. I don't want to be in this relationship any more."}}
    choices:
      - id: accept
        text: "That hurts to hear. But I hear you."
        category: graceful
        feedback: Accepting the decision with dignity keeps your worth your own and makes the breakup real.
        effects: {{composure: 1}}
        goto: goodbye
      - id: ask_once
        text: "Are you sure? Is this really what you want?"
        category: pushback
        feedback: One calm question is natural. It only hurts when it turns into a campaign.
        effects: {{asked: 1}}
        goto: alex_is_sure
      - id: plead
        text: "Please, give me one more chance. I'll change, I promise."
        category: weakness
        feedback: Pleading hands Alex all the power. Name the hurt and accept the decision instead.
        effects: {{composure: -2}}
        goto: goodbye
  alex_is_sure:
    say: {{who: alex, line: "I'm sure. I've thought about it for weeks."}}
    choices:
      - id: accept_answer
        text: "Okay. Thank you for being honest with me."
        category: graceful
        feedback: You asked once and let the answer stand. That is how pushback stays healthy.
        effects: {{composure: 1}}
        goto: goodbye
      - id: ask_again
        text: "But are you really sure? Maybe you're just tired."
        category: weakness
        feedback: A second push turns a fair question into a campaign. Thank Alex for the honest answer instead.
        effects: {{composure: -2}}
        goto: goodbye
  goodbye:
    say: {{who: alex, line: "I should go."}}
    choices:
      - id: leave_well
        if: "composure >= 0"
        text: "\\"Take care of yourself.\\" You pay for your coffee and leave first."
        category: graceful
        feedback: Leaving first, calmly, shows you will be all right, and lets the loss be felt.
        goto: [{{if: "composure >= 1", goto: clean_break}}, {{goto: quiet_exit}}]
      - id: breathe
        if: "composure < 0"
        text: "You take a slow breath. \\"I'm hurting, but I'll be okay.\\""
        category: reframe
        feedback: Naming the pain as loss, not as proof of love, steadies you after a wobble.
        goto: quiet_exit
      - id: argue
        text: "But we just booked the summer trip!"
        category: logic
        feedback: Plans and reasons cannot argue a feeling back. Let the decision stand and go.
        # An ending follows the whole run, not only this choice: after a steady start, one
        # argument is a wobble (mixed); after a shaky one, it is the pattern (bad).
        goto: [{{if: "composure >= 1", goto: quiet_exit}}, {{goto: hard_exit}}]
  clean_break:
    text: You walk out into the cold air, sad and steady.
    ending:
      title: A clean break
      outcome: good
      # A list of parts: a part with `if:` shows only on runs where it holds.
      debrief:
        - You accepted the decision and left with your dignity, so the breakup could be real.
        - if: "asked >= 1"
          text: Asking once, then letting Alex's answer stand, was pushback done well.
  quiet_exit:
    text: You leave a little shaken, but you leave.
    ending:
      title: Shaken but standing
      outcome: mixed
      debrief: You wobbled, then found your feet. Next time, accept sooner and leave first.
  hard_exit:
    text: Alex sighs and reaches for a coat.
    ending:
      title: Arguing the case
      outcome: bad
      debrief: Reasons cannot argue attraction back; arguing only shows how much you need them to stay.
"""
