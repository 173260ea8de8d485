"""One act, one label: the acts of the coaching model's table carry the same category in every scenario.

Each rule recognises an act by its wording (phrases a writer reaches for when a choice does that act)
and names the categories that act may carry. A choice whose text does the act under another label is
the drift the table exists to prevent: "tell me what I did, I'll fix it" scored as weakness in one
scenario and logic in the next. A choice that does two acts of the table with no label in common
("tell him from me I'll go to counselling") teaches two lessons under one label, so it fails too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import msgspec
import pytest

from tests.library.conftest import FILES, Placed, choices_of
from tests.library.pending import expect_library_pending, expect_pending
from trainer.core.scenario.loader import Scenario, load_scenario

# The category every scenario uses for a jab, sarcasm or a point-scoring defence aimed at the ex, and
# its one definition: a scenario that needs it declares it in its rubric exactly like this.
JAB = "jab"
JAB_DEFINITION = {"label": "Jab", "kind": "mistake", "points": -2}

_NEGATED = r"\b(don't|do not|not going to|won't|never|deserve to|instead of)\b[^.!?]*"


@dataclass(frozen=True)
class Act:
    """An act of the table: the phrases that do it, and the categories it may carry.

    ``unless`` phrases undo a match (a choice that says it will *not* ring him does not ring him);
    ``absorbs`` names acts this one carries inside it, which then do not count as a second act (an
    errand to find out how she is, passed through a friend, is the errand).
    """

    name: str
    phrases: tuple[str, ...]
    allowed: frozenset[str]
    unless: tuple[str, ...] = ()
    absorbs: tuple[str, ...] = ()

    def done_by(self, text: str) -> bool:
        folded = fold(text)
        if any(re.search(phrase, folded) for phrase in self.unless):
            return False
        return any(re.search(phrase, folded) for phrase in self.phrases)


def fold(text: str) -> str:
    return text.casefold().replace("\u2019", "'")


ERRAND = "a message, question or errand passed through someone else"
NEWS = "asking someone for news of the ex"
# A jab sent as a message or a comment is labelled by the channel: it opened contact.
JAB_ACT = "a jab, sarcasm or a point-scoring defence at the ex"

ACTS = (
    Act(
        ERRAND,
        (
            r"\bcheck on (her|him|them)\b",
            r"\bsee how (she|he|they)('s| is| are)\b",
            r"\bfind out (how|what|if|whether|who) (she|he|they)\b",
            r"\b(and|to) find out (what|how|if|whether|who)\b",
            r"\b(message|text|ring|call|ask|get) \w+ (and|to) (find out|ask|see|check)\b",
            r"\bgo and ask\b",
            r"\b(tell|ask|give|pass|send) (her|him|them|it|this) (on )?(for me|from me)\b",
            r"\bgive (her|him|them) (this|my|the letter|a message)\b",
            r"\btalk (some )?sense into\b",
            r"\bhelp (her|him|them) see\b",
            r"\bput in a (good )?word\b",
            r"\b(can|could|would) you (tell|ask|text|message|ring|call|talk to|have a word with) "
            r"(her|him|them|your \w+)\b",
            r"\b(she|he|they) (listens?|might listen|will listen|'d listen) to you\b",
        ),
        frozenset({"reaching_out"}),
        absorbs=(NEWS,),
    ),
    Act(
        NEWS,
        (
            r"\bwhat (did|does|has|had) (she|he|they|\w+) (say|said|been saying)\b",
            r"\bwhat (she|he|they|\w+) (has|have|had) been saying\b",
            r"\bwhat (she|he|they)('s| is| are) (been )?saying\b",
            r"\bhow (is|was|does|did) (she|he|they) (doing|seem|look|looking|sound)\b",
            r"\bhow (she|he|they)('s| is| are) (doing|getting on|holding up)\b",
            r"\b(does|did) (she|he|they) (ever )?(miss|ask about|mention) (me|us)\b",
            r"\bis there someone else\b",
            r"\bis (she|he) seeing someone\b",
        ),
        frozenset({"weakness"}),
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
        "calling or writing to the ex once the conversation is over",
        (
            r"\b(ring|ringing|call|calling|phone|phoning|text|texting|message|messaging|dm|email|write to) (her|him|them)\b",
            r"\bsend (it |this |that )?(to )?(her|him|them)\b",
        ),
        frozenset({"reaching_out", "pretext"}),
        unless=(_NEGATED + r"\b(ring|call|phone|text|message|write to|send)\b",),
        absorbs=(JAB_ACT,),
    ),
    Act(
        "commenting on or reacting to the ex's post",
        (
            r"\b(reply|replying|comment|commenting|react|reacting) (to|on|under) (the|her|his|their) "
            r"(story|post|photo|picture|status)\b",
            r"^comment\b",
            r"\bcomment on it\b",
            r"\btap a heart\b",
            r"\b(like|heart) (the|her|his|their) (post|photo|picture|story)\b",
        ),
        frozenset({"reaching_out"}),
        absorbs=(JAB_ACT,),
    ),
    Act(
        "an offer to repair, change or want less so they stay",
        (
            r"\b(i'll|i will|i can|i could|let me) (fix|change|be better|do better|work on)\b",
            r"\b(let's|we can|we could) fix\b",
            r"\btell me what (i did|i got wrong|went wrong|it is and i'll)\b",
            r"\bwhat did i (do|get) wrong\b",
            r"\bwhat it would take\b",
            r"\bkeep it light\b",
            r"\bdial it back\b",
            r"\btone it down\b",
            r"\bi (can|could|will|'ll) (want|need|ask for|expect) less\b",
            r"\bi won't (get in the way|ask for (much|anything)|need much)\b",
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
        JAB_ACT,
        (
            r"\bhow generous\b",
            r"\bdoing fine, then\b",
            r"\bif anyone (still )?(values|cares)\b",
            r"\bsorting (out )?the stuff already\b",
            r"\bwill you be bringing one\b",
            r"\bso why start now\b",
            r"\bpeople who move on fast\b",
            r"\byour side first\b",
        ),
        frozenset({JAB}),
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
_BY_NAME = {act.name: act for act in ACTS}


def acts_done(text: str) -> list[Act]:
    """The acts of the table this choice text does, after the ones another act carries are set aside."""
    done = [act for act in ACTS if act.done_by(text)]
    carried = {name for act in done for name in act.absorbs}
    return [act for act in done if act.name not in carried]


def mislabelled(placed: Placed) -> list[str]:
    """The acts this choice does under a label the table does not allow for them."""
    return [act.name for act in acts_done(placed.choice.text) if placed.choice.category not in act.allowed]


def two_acts(placed: Placed) -> list[str]:
    """Acts of the table done together by one choice with no label in common: one choice, two lessons."""
    done = acts_done(placed.choice.text)
    return [f"{a.name} + {b.name}" for i, a in enumerate(done) for b in done[i + 1 :] if not a.allowed & b.allowed]


@pytest.fixture(params=FILES, ids=[p.stem for p in FILES])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(request.param)


def test_every_act_of_the_table_carries_its_one_label(request: pytest.FixtureRequest, scenario: Scenario) -> None:
    expect_pending(request, "labels", scenario.id)
    wrong = [f"{placed}: {', '.join(acts)}" for placed in choices_of(scenario) if (acts := mislabelled(placed))]
    assert not wrong, "acts labelled against the table:\n" + "\n".join(wrong)


def test_no_choice_does_two_acts(request: pytest.FixtureRequest, scenario: Scenario) -> None:
    expect_pending(request, "two-acts", scenario.id)
    double = [f"{placed}: {', '.join(pairs)}" for placed in choices_of(scenario) if (pairs := two_acts(placed))]
    assert not double, "choices that do two acts of the table:\n" + "\n".join(double)


def test_a_jab_is_the_same_category_everywhere(scenario: Scenario) -> None:
    """The library's one category for jabs, defined alike wherever a scenario needs it."""
    if JAB in scenario.file.rubric:
        category = scenario.file.rubric[JAB]
        assert {"label": category.label, "kind": category.kind, "points": category.points} == JAB_DEFINITION
    jabs = [p for p in choices_of(scenario) if p.choice.category == JAB]
    assert not jabs or JAB in scenario.file.rubric


def test_the_acts_recognised_across_the_library_are_not_a_handful(library: list[Scenario]) -> None:
    """The phrases must keep recognising real choices, or the checks above pass by matching nothing."""
    recognised = {act.name for s in library for placed in choices_of(s) for act in acts_done(placed.choice.text)}
    assert len(recognised) >= 9, sorted(recognised)


def test_the_library_uses_one_category_for_jabs(request: pytest.FixtureRequest, library: list[Scenario]) -> None:
    expect_library_pending(request, "jab")
    with_jabs = [s.id for s in library if any(p.choice.category == JAB for p in choices_of(s))]
    assert len(with_jabs) >= 2, with_jabs
    retired = [s.id for s in library if "taking_the_bait" in s.file.rubric]
    assert not retired, f"jabs have one category, {JAB!r}: {retired}"


# Each act's own wording under a label the table forbids for it: the check must catch every one.
MISLABELLED = [
    ("Ask Kwame to check on her tonight.", "weakness"),
    ('"Could you tell him from me that I\'ll change?"', "logic"),
    ('"Yeah. Message Tash and find out what\'s going on."', "weakness"),
    ("Ask Dalia exactly what Noor has been saying about you.", "reaching_out"),
    ('"What did he say about me? Is he angry?"', "reaching_out"),
    ("\"I'll bring the keys round myself, it's no trouble.\"", "graceful"),
    ("Call her. You miss her voice; hearing it would make tonight bearable.", "weakness"),
    ("Step behind the van and ring her. A text breakup deserves a real talk.", "weakness"),
    ('Reply to the story: "Looks like you\'re doing fine, then."', "weakness"),
    ('Comment: "Looks like an amazing day!"', "weakness"),
    ('"Whatever I did, tell me what I did wrong and I\'ll fix it."', "weakness"),
    ('Reply "I can keep it light! No pressure, no labels, promise."', "weakness"),
    ('"Then why are you doing this? Tell me what it would take."', "weakness"),
    ('"I\'ll wait for you. However long it takes."', "weakness"),
    ("(To yourself) I wasn't enough for her. Nobody will love me like that again.", "weakness"),
    ('"Are you sure? Really sure?"', "graceful"),
    ('"Let\'s grab a coffee next week, like normal."', "graceful"),
    ('"Years? How generous."', "weakness"),
    ("Don't reply. She'll come back when she's ready.", "graceful"),
]


def _placed(library: list[Scenario], text: str, category: str) -> Placed:
    scenario = library[0]
    scene_id, scene = next((k, v) for k, v in scenario.file.scenes.items() if v.choices)
    return Placed(scenario, scene_id, msgspec.structs.replace(scene.choices[0], text=text, category=category))


@pytest.mark.parametrize(("text", "category"), MISLABELLED)
def test_the_check_catches_an_act_under_the_wrong_label(library: list[Scenario], text: str, category: str) -> None:
    assert mislabelled(_placed(library, text, category))


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ('"No, please don\'t call him. Can I come to yours on Saturday?"', "no_contact"),
        ('"Yeah. Message Tash and find out what\'s going on."', "reaching_out"),
        ("Ask Dalia exactly what Noor has been saying about you.", "weakness"),
        ("Reply \"Not really. But I'll be here when you've figured it out.\"", "love"),
    ],
)
def test_the_check_lets_the_right_label_pass(library: list[Scenario], text: str, category: str) -> None:
    assert not mislabelled(_placed(library, text, category))


@pytest.mark.parametrize(
    "text",
    [
        '"Would you tell him we\'ll go to counselling? Whatever he needs."',
        "\"Can you tell him I'm sorry and I'll be better? He listens to you.\"",
        'Text him: "I\'ll wait for you, however long it takes."',
    ],
)
def test_the_check_catches_two_acts_in_one_choice(library: list[Scenario], text: str) -> None:
    assert two_acts(_placed(library, text, "reaching_out"))
