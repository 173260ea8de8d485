"""How messages word things: counted nouns ("3 choices", never a hedged plural) and suggestions for typos."""

from __future__ import annotations

from collections.abc import Iterable


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun in the form that fits it."""
    noun = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {noun}"


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """ ": did you mean 'x'?" when one of ``known`` is close to ``word`` (a typo), else ""."""
    from difflib import get_close_matches

    from trainer.core.text import quoted

    close = get_close_matches(str(word), [str(name) for name in known], n=1)
    return f": did you mean {quoted(close[0])}?" if close else ""
