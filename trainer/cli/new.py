"""`trainer new ID`: write a starter scenario that passes `validate --strict`, never over a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trainer.core.authoring.starter import schema_file, starter_text, write_new_file
from trainer.core.errors import display_path


def run(args: argparse.Namespace) -> int:
    output: Path = args.output or Path(f"{args.id}.yaml")
    if output.is_dir():
        output = output / f"{args.id}.yaml"
    # An absolute path keeps editor completion working wherever the author moves the file;
    # the format has no published URL yet.
    text = starter_text(args.id, str(schema_file()))
    write_new_file(output, text)
    shown = display_path(output)
    print(f"wrote {shown}: check it with `trainer validate {shown} --strict`", file=sys.stderr)
    return 0
