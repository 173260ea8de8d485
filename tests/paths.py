"""Where the tests' shared files are, for test modules to import (`from tests.paths import TINY`)."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FIXTURES = TESTS / "scenarios"
# The smallest complete scenario (two scenes of choices, then an ending), used across the suite.
TINY = FIXTURES / "tiny.yaml"
