"""A choice that only just fits the width is shown whole, not cut off behind a scrollbar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from trainer.tui.app import TrainerApp

pytestmark = pytest.mark.asyncio

# 72 characters: "3. " plus this fills 75 of the 76 columns inside the box at 80x24, so it fits
# only if the list is not narrowed by a scrollbar (the case that used to hide its last words).
EDGE = "Nothing to pass on. And I'd rather not hear how she's doing for a while."
# The scene before offers long choices, so the list is tall when the short one replaces them.
LONG = "A long answer that wraps onto a second line in the box, " * 2

SCENARIO = f"""\
format: 1
id: edge
title: Edge
summary: A choice as long as the box is wide.
difficulty: 1
shuffle: false  # the layout depends on which choice is where
characters:
  kim: {{name: Kim}}
start: first
scenes:
  first:
    say: {{who: kim, line: Hi.}}
    choices:
      - {{id: a, text: "{LONG}", category: graceful, feedback: Good., goto: second}}
      - {{id: b, text: "{LONG}", category: weakness, feedback: Not so good., goto: second}}
      - {{id: f, text: "{LONG}", category: logic, feedback: Not so good., goto: second}}
      - {{id: g, text: "{LONG}", category: love, feedback: Not so good., goto: second}}
  second:
    text: Kim asks if there is anything to pass on.
    choices:
      - {{id: c, text: "Tell her I'm doing great.", category: logic, feedback: Hm., goto: end}}
      - {{id: d, text: "Ask if she misses me.", category: weakness, feedback: Hm., goto: end}}
      - {{id: e, text: "{EDGE}", category: graceful, feedback: Yes., goto: end}}
  end:
    ending: {{title: Done, outcome: good, debrief: Done.}}
"""


@pytest.mark.parametrize("size", [(80, 24), (79, 24), (78, 24)])
async def test_a_choice_that_only_just_fits_is_never_cut_off(
    new_app: Callable[..., TrainerApp], read_screen, tmp_path: Path, size: tuple[int, int], settle
) -> None:
    path = tmp_path / "edge.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    app = new_app(start_scenario=path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        words = " ".join(read_screen(app).replace("│", " ").split())
        assert EDGE in words
        choices = app.screen.query_one("#choices")
        assert choices.virtual_size.height <= choices.scrollable_content_region.height


# A list too tall for its box: the scrollbar that appears narrows it, and the first choice wraps onto
# one more line at the narrower width (at some width near 60 columns with the meters open).
LAST_WORD = "periwinkle."
TALL = f"""\
format: 1
id: tall
title: Tall
summary: More choices than the box holds.
difficulty: 1
shuffle: false  # the layout depends on which choice is where
characters:
  kim: {{name: Kim}}
start: first
scenes:
  first:
    say: {{who: kim, line: Hi.}}
    choices:
      - {{id: a, text: "Text her: \\"Are you awake?\\" Nothing more than {LAST_WORD}", category: weakness,
          feedback: Hm., goto: end}}
      - {{id: b, text: "{LONG}", category: graceful, feedback: Good., goto: end}}
      - {{id: c, text: "{LONG}", category: logic, feedback: Hm., goto: end}}
      - {{id: d, text: "{LONG}", category: love, feedback: Hm., goto: end}}
      - {{id: e, text: "{LONG}", category: weakness, feedback: Hm., goto: end}}
  end:
    ending: {{title: Done, outcome: good, debrief: Done.}}
"""


@pytest.mark.parametrize("width", [60, 62])
async def test_a_choice_keeps_its_last_line_when_the_scrollbar_appears(
    new_app: Callable[..., TrainerApp], read_screen, tmp_path: Path, width: int, settle
) -> None:
    path = tmp_path / "tall.yaml"
    path.write_text(TALL, encoding="utf-8")
    app = new_app(start_scenario=path)
    async with app.run_test(size=(width, 20)) as pilot:
        await settle(pilot)
        await pilot.press("m")  # the meters narrow the choices; they are wrapped again
        await settle(pilot)
        choices = app.screen.query_one("#choices")
        assert choices.show_vertical_scrollbar, "the list is taller than its box"
        assert LAST_WORD in read_screen(app)
