"""One word for one thing, in proper plurals: "3 choices", never "choice(s)"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trainer.core.wording import counted

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 choices"), (1, "1 choice"), (2, "2 choices"), (12000, "12,000 choices")],
)
def test_a_count_takes_the_noun_form_that_fits_it(count: int, expected: str) -> None:
    assert counted(count, "choice") == expected


def test_an_irregular_plural_is_given() -> None:
    assert counted(2, "replay is", "replays are") == "2 replays are"


def test_no_message_hedges_a_plural_with_parentheses() -> None:
    hedged = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "trainer").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"[a-z]\(s\)", line)
    ]
    assert not hedged, f"write counted(n, noun) instead of 'noun(s)': {hedged}"
