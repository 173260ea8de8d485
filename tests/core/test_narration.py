"""Narration that follows the run: conditional parts of scene text, `say` lines and debriefs."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.core.errors import ScenarioError
from trainer.core.play.engine import Run
from trainer.core.play.narration import SpokenLine, debrief_text, narrate
from trainer.core.scenario.loader import load_scenario
from trainer.core.scenario.rubric import DEFAULT_RUBRIC

NARRATION = Path(__file__).parents[1] / "scenarios" / "narration.yaml"
TEXT = NARRATION.read_text(encoding="utf-8")


def played(*choices: str) -> Run:
    session = load_scenario(NARRATION).new_run()
    for choice in choices:
        session.choose(choice)
    return session


def test_a_part_shows_only_on_runs_where_its_condition_holds() -> None:
    called = played("call_graham")
    texted = played("text_mo")
    assert narrate(called.scenario, called.state).text == (
        "It is nearly midnight. Graham's laugh is still in your ears. The kettle clicks off."
    )
    # A part ending in a line break (a `|` block) starts the next one on a new line.
    assert narrate(texted.scenario, texted.state).text == (
        "It is nearly midnight. Your message to Mo sits unanswered. The kettle clicks off."
    )


def test_a_say_line_with_if_is_spoken_only_when_it_holds() -> None:
    called = played("call_graham")
    texted = played("text_mo")
    quiet = played("sit_with_it")
    assert narrate(called.scenario, called.state).lines == (SpokenLine("Graham", "Glad you rang. Sleep, yeah?"),)
    assert narrate(texted.scenario, texted.state).lines == (SpokenLine("Mo", "Please stop texting me."),)
    assert narrate(quiet.scenario, quiet.state).lines == ()


def test_plain_text_and_a_single_line_still_read_as_before() -> None:
    start = played()
    shown = narrate(start.scenario, start.state)
    assert shown.text == "The flat is quiet after the call."
    assert shown.lines == (SpokenLine("Graham", "Ring me tonight if you need to."),)


def test_the_debrief_claims_only_what_the_run_did() -> None:
    called = played("call_graham", "sleep")
    quiet = played("sit_with_it", "sleep")
    assert called.ending is not None and called.ending.title == "Through the night"
    assert (
        debrief_text(called.scenario, called.state) == "You got through the first night. You rang Graham instead of Mo."
    )
    assert debrief_text(quiet.scenario, quiet.state) == "You got through the first night."
    texted = played("text_mo", "sleep")
    assert (
        debrief_text(texted.scenario, texted.state) == "The message to Mo kept the night open. Tomorrow is another go."
    )
    restless = played("sit_with_it", "wait_up")
    assert debrief_text(restless.scenario, restless.state) == "Tomorrow is another go."


def test_a_scene_that_is_not_an_ending_has_no_debrief() -> None:
    start = played()
    assert debrief_text(start.scenario, start.state) == ""


def test_a_part_whose_text_ends_in_a_line_break_puts_the_next_on_a_new_line(write_yaml) -> None:
    path = write_yaml(TEXT.replace("        text: |-\n", "        text: |\n"))
    session = load_scenario(path).new_run()
    session.choose("text_mo")
    assert narrate(session.scenario, session.state).text == (
        "It is nearly midnight. Your message to Mo sits unanswered.\nThe kettle clicks off."
    )


# (what the author wrote instead of the first scene's text, code, line, column, words of the message)
BAD_PARTS = [
    ("text: 5", "E203", 16, 11, "expected text or a list of parts"),
    ("text: [5]", "E203", 16, 12, "expected a part: text or {if, text}"),
    ("text: [{if: 'x > 1', text: a}]", "E303", 16, 18, "unknown meter 'x'"),
    ("text: [{if: 'called >', text: a}]", "E306", 16, 26, "condition 'called >'"),
    (
        "text: [{if: 'called > 0', txt: a}]",
        "E201",
        16,
        31,
        "unknown key 'txt': did you mean 'text'? (expected one of: if, text)",
    ),
    ("text: [{if: 'called > 0'}]", "E202", 16, 12, "missing required field 'text' in a part of 'text'"),
    ("text: [{if: 'called > 0', text: 5}]", "E203", 16, 37, "expected text"),
]


@pytest.mark.parametrize(("written", "code", "line", "column", "words"), BAD_PARTS)
def test_a_broken_part_is_an_error_at_its_line_and_column(
    write_yaml, written: str, code: str, line: int, column: int, words: str
) -> None:
    path = write_yaml(TEXT.replace("text: The flat is quiet after the call.", written, 1))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    found = [(d.code, d.line, d.column, d.message) for d in caught.value.diagnostics]
    assert any(f[:3] == (code, line, column) and words in f[3] for f in found), found


def test_a_bad_condition_on_a_say_line_or_debrief_part_is_located(write_yaml) -> None:
    say = TEXT.replace('line: "Please stop texting me.", if: "texted >= 1"', 'line: "Stop.", if: "texted >= x1"')
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write_yaml(say))
    [d] = caught.value.diagnostics
    assert (d.code, d.line, d.column) == ("E303", 47, 49)
    debrief = TEXT.replace('        - if: "texted >= 1"', '        - if: "texted >>= 1"')
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write_yaml(debrief))
    [d] = caught.value.diagnostics
    assert (d.code, d.line) == ("E306", 80)


def test_an_empty_debrief_list_is_an_error(write_yaml) -> None:
    path = write_yaml(
        TEXT.replace("      debrief:\n        - You got through", "      debrief: []\n      x:\n        - Y")
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert ("E203", 71, 16) in [(d.code, d.line, d.column) for d in caught.value.diagnostics]


def test_shuffle_false_is_accepted_on_the_scenario_and_on_a_scene(write_yaml) -> None:
    written = TEXT.replace("\nshuffle: false\n", "\n")  # the fixture keeps its order written for other tests
    text = written.replace("start: evening", "shuffle: false\nstart: evening").replace(
        "  night:\n", "  night:\n    shuffle: true\n"
    )
    loaded = load_scenario(write_yaml(text))
    assert loaded.file.shuffle is False
    assert loaded.file.scenes["night"].shuffle is True
    assert loaded.file.scenes["evening"].shuffle is None


def test_self_blame_is_a_gentle_default_mistake() -> None:
    self_blame = DEFAULT_RUBRIC["self_blame"]
    assert (self_blame.label, self_blame.kind, self_blame.points) == ("Self-blame", "mistake", -1)
    assert "worth" in self_blame.about
