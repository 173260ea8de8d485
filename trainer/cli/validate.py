"""`trainer validate PATH...`: load every scenario file and report its diagnostics."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from trainer.core.authoring.lint import lint
from trainer.core.errors import Diagnostic, ScenarioError, TrainerError, display_path, sorted_diagnostics
from trainer.core.library import bundled_twin, scenario_files
from trainer.core.scenario.loader import Scenario, load_scenario
from trainer.core.text import quoted
from trainer.core.wording import counted


def collect_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(scenario_files(path))
        elif path.is_file():
            files.append(path)
        else:
            raise TrainerError(f"{path}: no such file or folder")
    return files


def diagnose(path: Path) -> list[Diagnostic]:
    """Every diagnostic of one file: its load errors, or else its lint warnings (empty when clean)."""
    try:
        loaded = load_scenario(path)
    except ScenarioError as exc:
        return exc.diagnostics
    return sorted_diagnostics([*lint(loaded), *_replaces_bundled(loaded)])


def _replaces_bundled(loaded: Scenario) -> list[Diagnostic]:
    """W101 when the file has a bundled scenario's id: in the user's library it is their version."""
    twin = bundled_twin(loaded)
    if twin is None:
        return []
    tree = loaded.source_tree()
    line, column = tree.at(["id"]) if tree is not None else (None, None)
    message = (
        f"the id {quoted(loaded.id)} is a bundled scenario's too ({display_path(twin)}): in your library this "
        "file replaces it, as your version; give it another id to keep both"
    )
    return [Diagnostic(loaded.shown_path, line, column, "W101", message, "warning")]


def run(args: argparse.Namespace) -> int:
    files = collect_files(args.paths)
    diagnostics = [d for path in files for d in diagnose(path)]
    if args.format == "json":
        print(json.dumps([d.as_dict() for d in diagnostics], indent=2))
    else:
        for diagnostic in diagnostics:
            print(diagnostic)
        errors = sum(d.severity == "error" for d in diagnostics)
        warnings = len(diagnostics) - errors
        summary = f"{counted(len(files), 'file')} checked: {counted(errors, 'error')}, {counted(warnings, 'warning')}"
        print(summary, file=sys.stderr)
    failed = any(d.severity == "error" or args.strict for d in diagnostics)
    if not files:
        print(f"no scenario files found in {', '.join(display_path(p) for p in args.paths)}", file=sys.stderr)
    return 1 if failed else 0
