"""The feedback panel's border follows the choice's kind without restyling everything inside it."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

from trainer.core.play.engine import Feedback
from trainer.tui.widgets.feedback_panel import FeedbackPanel

pytestmark = pytest.mark.asyncio


def feedback(kind: str, category: str, *, care: bool = False) -> Feedback:
    return Feedback(
        scene_id="start",
        choice_id="c1",
        category=category,
        label=category.title(),
        kind=kind,  # type: ignore[arg-type]
        points={"mistake": -2, "okay": 0, "good": 3}[kind],
        text="Why it landed that way.",
        care=care,
    )


class PanelApp(App[None]):
    def compose(self) -> ComposeResult:
        yield FeedbackPanel(id="feedback")


async def test_a_new_kind_restyles_the_panel_and_its_label_only(monkeypatch: pytest.MonkeyPatch) -> None:
    app = PanelApp()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(FeedbackPanel)
        panel.show_feedback(feedback("mistake", "weakness"))
        await pilot.pause()
        restyled: list[DOMNode] = []
        apply = Stylesheet.apply

        def spy(self: Stylesheet, node: DOMNode, *args: object, **kwargs: object) -> None:
            restyled.append(node)
            apply(self, node, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Stylesheet, "apply", spy)
        panel.show_feedback(feedback("good", "graceful"))
        await pilot.pause()

        assert panel.has_class("-good") and not panel.has_class("-mistake")
        assert panel.styles.border_top[1] == app.current_theme.to_color_system().success
        # The button, the text and the rest keep their styles: only the panel and the category label change.
        assert {node.id for node in restyled} == {"feedback", "feedback-category"}

        restyled.clear()
        panel.show_feedback(feedback("mistake", "self_blame", care=True))
        await pilot.pause()
        assert panel.has_class("-care") and not panel.has_class("-mistake") and not panel.has_class("-good")
        assert {node.id for node in restyled} == {"feedback", "feedback-category"}
