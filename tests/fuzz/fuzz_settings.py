"""How hard the fuzz tests try: a few seconds by default (every run of the suite, CI included), far
longer for a nightly run with ``HYPOTHESIS_PROFILE=nightly``.

The default is derandomized: the same inputs on every run, so a landing is never blocked by a
random draw; the nightly profile draws new inputs each time and keeps failures in .hypothesis/.
Applied per test (``@FUZZ``) rather than loaded globally, so other property tests keep their own.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "fuzz", max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=_SLOW_IS_FINE
)
settings.register_profile("nightly", max_examples=3_000, deadline=None, suppress_health_check=_SLOW_IS_FINE)

PROFILE = "nightly" if os.environ.get("HYPOTHESIS_PROFILE") == "nightly" else "fuzz"
FUZZ = settings(settings.get_profile(PROFILE))


def scaled(examples: int) -> settings:
    """``FUZZ`` with ``examples`` by default (a costly test tries fewer), nightly's own count at night."""
    if PROFILE == "nightly":
        return FUZZ
    return settings(FUZZ, max_examples=examples)
