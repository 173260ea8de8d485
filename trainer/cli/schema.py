"""`trainer schema`: the JSON Schema of the scenario format, generated from the model."""

from __future__ import annotations

import argparse
import json

from trainer.core.scenario.schema import json_schema


def schema_text() -> str:
    """The schema as committed in schema/scenario-v1.schema.json (a test keeps them equal)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    print(schema_text(), end="")
    return 0
