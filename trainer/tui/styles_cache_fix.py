"""A workaround for Textual 8.2.8 keeping a thousand dead widgets' drawn lines alive.

`StylesCache.get_inner_outer` is an `lru_cache` on what was meant to be a class method, so its
cache is keyed on the `StylesCache` instance: it keeps the styles cache of the last 1,024 widgets
it saw, with every line each one drew, long after the widgets are gone (Textualize/textual#6665).
Every choice and take-back makes new widgets (footer keys, transcript blocks, the notice), so
over the first sixty or so cycles the cache filled with dead ones: most of a long session's memory
growth. Only the two colours decide its answer, so the same function is cached on them alone.
"""

from __future__ import annotations

from functools import _lru_cache_wrapper, lru_cache

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style


def cache_inner_outer_on_colours() -> bool:
    """Key `StylesCache.get_inner_outer`'s cache on its colours, not on the instance; False when
    this Textual already does (nothing to change)."""
    method = StylesCache.__dict__.get("get_inner_outer")
    if not isinstance(method, _lru_cache_wrapper):
        return False
    keyed_on_instance = method.__wrapped__

    @lru_cache(1024)
    def inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
        return keyed_on_instance(StylesCache, base_background, background)

    StylesCache.get_inner_outer = staticmethod(inner_outer)  # type: ignore[method-assign, assignment]
    return True
