"""The tally chart's bars: proportional to the largest count, never empty for a non-zero count."""

from __future__ import annotations

from trainer.tui.widgets.tally_chart import BAR_CELLS, bar


def test_bars_are_proportional_with_at_least_one_block() -> None:
    assert bar(3, 3) == "█" * BAR_CELLS
    assert bar(1, 3) == "█" * (BAR_CELLS // 3)
    assert bar(1, 1000) == "█"
    assert bar(0, 3) == ""
