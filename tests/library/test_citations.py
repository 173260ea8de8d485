"""Nothing the repository ships cites a file the repository does not have.

The coaching model was written from an interview and a team brief that live outside the repository;
a reader of the author's guide, the docs or a scenario has neither, so they must never be pointed at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.library.conftest import FILES

ROOT = Path(__file__).parents[2]
DOCS = [ROOT / "README.md", ROOT / "scenarios" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHIPPED = [*DOCS, *FILES]
OUTSIDE = re.compile(r"domain\.md|PRODUCT\.md|coach-interview|\bshared/|\.\./shared|reference/", re.I)
CITED = re.compile(r"`([\w./-]+\.(?:md|txt|yaml|yml|json|py|toml))`|\]\(([^)#\s]+)\)")
_SKIP = {".venv", "node_modules", ".git"}
BUILT_BY_THE_READER = {"green-jumper.yaml"}  # the author's guide's worked example, written step by step


def _repository_files() -> set[str]:
    """Every file of the checkout as a path relative to the root, with '/' separators."""
    return {
        p.relative_to(ROOT).as_posix()
        for p in ROOT.rglob("*")
        if p.is_file() and not _SKIP & set(p.relative_to(ROOT).parts)
    }


def _resolves(cited: str, doc: Path, files: set[str]) -> bool:
    """A citation names a file beside the document, from the root, or by its tail anywhere in the tree."""
    if (doc.parent / cited).exists() or (ROOT / cited).exists():
        return True
    tail = cited.lstrip("./")
    return any(f == tail or f.endswith("/" + tail) for f in files)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_shipped_text_points_outside_the_repository(path: Path) -> None:
    found = sorted({m.group(0) for m in OUTSIDE.finditer(path.read_text(encoding="utf-8"))})
    assert not found, found


def test_every_file_the_docs_cite_is_in_the_repository() -> None:
    files = _repository_files()
    missing = []
    for doc in DOCS:
        prose = re.sub(r"```.*?```", "", doc.read_text(encoding="utf-8"), flags=re.DOTALL)
        for match in CITED.finditer(prose):
            cited = match.group(1) or match.group(2)
            if cited in BUILT_BY_THE_READER or "://" in cited or cited.startswith("mailto:"):
                continue
            if not _resolves(cited, doc, files):
                missing.append(f"{doc.relative_to(ROOT)}: {cited}")
    assert not missing, missing


def test_the_check_sees_a_citation_of_the_team_brief() -> None:
    assert OUTSIDE.search("The full reasoning is in `domain.md`.")
    assert OUTSIDE.search("see ../shared/reference/coach-interview.txt")
