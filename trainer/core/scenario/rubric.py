"""The default rubric: the coaching model of domain.md as scored categories."""

from __future__ import annotations

from collections.abc import Mapping

from trainer.core.scenario.model import Category

DEFAULT_RUBRIC: Mapping[str, Category] = {
    "weakness": Category(
        label="Weakness",
        kind="mistake",
        points=-3,
        about="Begging, pleading or bargaining hands the other person all the power and pushes them further away.",
    ),
    "logic": Category(
        label="Arguing logically",
        kind="mistake",
        points=-2,
        about="Attraction is a feeling, not a conclusion: reasons, shared plans and promises cannot argue it back.",
    ),
    "love": Category(
        label="Proving love",
        kind="mistake",
        points=-2,
        about="They already know how you feel; what decides this is how they feel, and proof cannot change that.",
    ),
    "reaching_out": Category(
        label="Breaking no contact",
        kind="mistake",
        points=-3,
        about="Checking in feels like action but keeps you on a treadmill, and it spares them from missing you.",
    ),
    "self_blame": Category(
        label="Self-blame",
        kind="mistake",
        points=-1,
        about=(
            "Their decision does not set your worth, and the pain of losing someone is not proof you are worth "
            "less. It is a gentle mistake: name it as loss, and be as kind to yourself as to a friend."
        ),
    ),
    "pushback": Category(
        label="Brief pushback",
        kind="okay",
        points=0,
        about="One calm 'are you sure?' is natural and healthy; it only hurts when it turns into a campaign.",
    ),
    "graceful": Category(
        label="Graceful",
        kind="good",
        points=3,
        about="Accepting the decision with dignity and leaving makes the breakup real, so they feel the loss.",
    ),
    "no_contact": Category(
        label="No contact",
        kind="good",
        points=3,
        about="Silence lets them feel the breakup and stops you spinning your wheels.",
    ),
    "reframe": Category(
        label="Reframe",
        kind="good",
        points=2,
        about="Naming the pain as loss, not proof of love, and keeping your worth your own.",
    ),
}


# Choices of these categories voice despair about one's own worth: beside their feedback the app shows
# the player's support line (settings.toml), calmly, once per such choice.
CARE_CATEGORIES = frozenset({"self_blame"})


def effective_rubric(overrides: Mapping[str, Category]) -> dict[str, Category]:
    """The default rubric with a scenario's own categories added or replacing defaults."""
    return {**DEFAULT_RUBRIC, **overrides}
