"""Counted nouns as people write them: "1 choice", "3 choices", never a hedged plural."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun in the form that fits it."""
    noun = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {noun}"
