"""One act, one label: the acts of the coaching model's table carry the same category in every scenario.

Each rule recognises an act by its wording (phrases a writer reaches for when a choice does that act)
and names the categories that act may carry. A choice whose text does the act under another label is
the drift the table exists to prevent: "tell me what I did, I'll fix it" scored as weakness in one
scenario and logic in the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from tests.library.conftest import Placed, choices_of
from trainer.core.scenario.loader import Scenario


@dataclass(frozen=True)
class Act:
    """An act of the table: the phrases that do it, and the categories it may carry."""

    name: str
    phrases: tuple[str, ...]
    allowed: frozenset[str]

    def done_by(self, text: str) -> bool:
        folded = text.casefold().replace("\u2019", "'")
        return any(re.search(phrase, folded) for phrase in self.phrases)


ACTS = (
    Act(
        "a message or question passed through a friend or relative",
        (
            r"\bcheck on (her|him|them)\b",
            r"\bsee how (she|he|they)('s| is| are)\b",
            r"\bfind out (how|what|if|whether) (she|he|they)\b",
            r"\bwhat (she|he|they)('s| is| are) saying\b",
            r"\b(tell|ask|give|pass|send) (her|him|them|it|this) (on )?(for me|from me)\b",
            r"\bgive (her|him|them) (this|my|the letter|a message)\b",
            r"\btalk (some )?sense into\b",
            r"\bhelp (her|him|them) see\b",
            r"\bput in a (good )?word\b",
            r"\b(can|could|would) you (tell|ask|text|message|ring|call|talk to) (her|him|them)\b",
            r"\b(she|he|they) (listens?|might listen|will listen|'d listen) to you\b",
        ),
        frozenset({"reaching_out"}),
    ),
    Act(
        "a practical errand stretched into a reason to meet",
        (
            r"\b(bring|drop|deliver|come|swing|pop|run)\b[^.!?]*\b(myself|in person|and (get|grab|pick up|collect))\b",
            r"\bi'll (bring|drop|deliver) (it|them|this|the \w+|your \w+)( \w+)? (round|over|myself)\b",
        ),
        frozenset({"reaching_out", "pretext"}),
    ),
    Act(
        "an offer to repair or change",
        (
            r"\b(i'll|i will|i can|i could|let me) (fix|change|be better|do better|work on)\b",
            r"\b(let's|we can|we could) fix\b",
            r"\btell me what (i did|i got wrong|went wrong|it is and i'll)\b",
            r"\bwhat did i (do|get) wrong\b",
        ),
        frozenset({"logic"}),
    ),
    Act(
        "a declaration of lasting love or of waiting",
        (
            r"\bi'?ll wait\b(?! up)",
            r"\bi will wait\b(?! up)",
            r"\bwait for you\b",
            r"\b(i'll|i will) (always |still )?love you\b",
            r"\b(always|never stop) lov(e|ing) you\b",
            r"\b(no one|nobody) (else )?(will|could) (ever )?love you\b",
            r"\blove you like (i do|this)\b",
            r"\bi'll be (here|there) when\b",
        ),
        frozenset({"love"}),
    ),
    Act(
        "a despairing thought about one's own worth",
        (
            r"\b(wasn't|was not|am not|i'm not|never be|not) (good )?enough (for|to)\b",
            r"\bnobody (else )?(is going to|will|would) (ever )?(love|want) me\b",
            r"\bno one (else )?(is going to|will|would) (ever )?(love|want) me\b",
            r"\b(my|the) (one|only|last) chance\b",
            r"\bwrong with me\b",
            r"\bi ruin\b",
            r"\bunlovable\b",
            r"\bi wasn't worth\b",
            r"\bi'm (always )?too much\b",
            r"\bi'm exhausting\b",
            r"\b(she's|he's|they're) better off\b",
            r"\b(that )?easy to forget\b",
        ),
        frozenset({"self_blame", "reframe"}),
    ),
    Act(
        "asking whether they are sure, or suggesting counselling",
        (r"\bare you (really |absolutely )?sure\b", r"\bcounsell?(ing|or)\b", r"\btalk to someone with me\b"),
        frozenset({"pushback", "weakness", "logic"}),
    ),
    Act(
        "proposing to meet up as friends straight away",
        (
            r"\blet's (get|grab|have|go for) (a |some )?(coffee|drink|drinks|dinner|lunch|a bite)\b",
            r"\b(fancy|how about|up for) (a |one )?(coffee|drink)\b",
            r"\bdrinks? next week\b",
        ),
        frozenset({"reaching_out"}),
    ),
    Act(
        "leaving bait unanswered",
        (
            r"^(don't|do not) (reply|answer|respond)\b",
            r"^leave (it|the message|her message|his message|their message|the text) unanswered\b",
            r"^say nothing\b",
        ),
        frozenset({"no_contact"}),
    ),
)


def mislabelled(placed: Placed) -> list[str]:
    """The acts this choice does under a label the table does not allow for them.

    A message passed through someone else is labelled by its channel, whatever it says: "tell him
    I'll change" through a friend is reaching out, not an offer to change made to the ex.
    """
    done = [act for act in ACTS if act.done_by(placed.choice.text)]
    if done and done[0] is ACTS[0]:
        done = done[:1]
    return [act.name for act in done if placed.choice.category not in act.allowed]


def test_every_act_of_the_table_carries_its_one_label(library: list[Scenario]) -> None:
    wrong = [
        f"{placed}: {', '.join(acts)}" for s in library for placed in choices_of(s) if (acts := mislabelled(placed))
    ]
    assert not wrong, "acts labelled against the table:\n" + "\n".join(wrong)


def test_the_acts_recognised_across_the_library_are_not_a_handful(library: list[Scenario]) -> None:
    """The phrases must keep recognising real choices, or the check above passes by matching nothing."""
    recognised = {
        act.name for s in library for placed in choices_of(s) for act in ACTS if act.done_by(placed.choice.text)
    }
    assert len(recognised) >= 6, sorted(recognised)


# Each act's own wording under a label the table forbids for it: the check must catch every one.
MISLABELLED = [
    ("Ask Kwame to check on her tonight.", "weakness"),
    ('"Could you tell him from me that I\'ll change?"', "logic"),
    ("\"I'll bring the keys round myself, it's no trouble.\"", "graceful"),
    ('"Whatever I did, tell me what I did wrong and I\'ll fix it."', "weakness"),
    ('"I\'ll wait for you. However long it takes."', "weakness"),
    ("(To yourself) I wasn't enough for her. Nobody will love me like that again.", "weakness"),
    ('"Are you sure? Really sure?"', "graceful"),
    ('"Let\'s grab a coffee next week, like normal."', "graceful"),
    ("Don't reply. She'll come back when she's ready.", "graceful"),
]


@pytest.mark.parametrize(("text", "category"), MISLABELLED)
def test_the_check_catches_an_act_under_the_wrong_label(library: list[Scenario], text: str, category: str) -> None:
    scenario = library[0]
    scene_id, scene = next((k, v) for k, v in scenario.file.scenes.items() if v.choices)
    choice = scene.choices[0].model_copy(update={"text": text, "category": category})
    assert mislabelled(Placed(scenario, scene_id, choice))
