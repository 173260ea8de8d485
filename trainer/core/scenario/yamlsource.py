"""Read a YAML file safely into plain data, keeping its text so errors can name line and column.

PyYAML's safe loader is not enough on its own: it accepts duplicate keys silently,
expands alias bombs, and raises half a dozen non-YAML exceptions on odd scalars.
We compose the node tree with the C parser and build the data ourselves.

The node tree costs about 19 bytes of memory per byte of YAML, more than everything a loaded
scenario keeps, and only errors and warnings need it (to place them): so it is dropped once the
data is built, and composed again from the text (`SourceTree`) when something asks for a position.
What the W014 check needs, every block of text with the mapping around it, is noted while building.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from trainer.core.collector import gc_paused
from trainer.core.errors import Diagnostic, ScenarioError
from trainer.core.scenario.locate import find_node, line_column
from trainer.core.text import quoted, shortened

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _BOOL, _NULL, _FLOAT = (_TAG + t for t in ("str", "int", "bool", "null", "float"))
_TIMESTAMP = _TAG + "timestamp"
_ALLOWED_SCALAR_TAGS = {_STR, _INT, _BOOL, _NULL, _FLOAT, _TIMESTAMP}
_SEQ, _MAP = _TAG + "seq", _TAG + "map"

# One constructor serves every file: its scalar methods are pure functions of the node.
_constructor = yaml.constructor.SafeConstructor()
_SCALAR_BUILDERS = {
    _INT: _constructor.construct_yaml_int,
    _BOOL: _constructor.construct_yaml_bool,
    _NULL: _constructor.construct_yaml_null,
    _FLOAT: _constructor.construct_yaml_float,
    _TIMESTAMP: _constructor.construct_yaml_timestamp,
}


class _PlacingLoader(_Loader):  # type: ignore[misc,valid-type]
    """The C loader with no tag resolution: placing needs each node's kind, text and marks, never its tag,
    and PyYAML resolves every scalar's tag in Python (a third of composing 10,000 scenes)."""

    _TAGS: ClassVar[dict[type[Node], str]] = {ScalarNode: _STR, SequenceNode: _SEQ, MappingNode: _MAP}

    def resolve(self, kind: type[Node], value: object, implicit: object) -> str:
        return self._TAGS[kind]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


# Where a top-level field or a scene is in the text: its key's line, index and column (0-based), and
# the index where its value ends. Noted while the data is built (about 100 bytes a scene, where the
# node tree costs 19 bytes per byte of YAML), so that placing a warning in one scene composes that
# scene's lines, not the whole file (at 10,000 scenes, `validate` composed 9 MB to place one warning).
Span = tuple[int, int, int, int]
Spans = dict[tuple[str, ...], Span]
# Past this many entries placed one by one, composing the whole tree once costs less.
MAX_PARTS = 16


class SourceTree:
    """The node tree of a YAML text that parsed once, composed again on first use and kept while this lives.

    Its scalars are all tagged as text (see `_PlacingLoader`): it places errors and warnings, and
    nothing reads a value's type from it. With the text's spans, `at` composes only the scene or
    top-level field a path is in, its marks moved to where that entry is in the whole text.
    """

    __slots__ = ("_parts", "_root", "spans", "text")

    def __init__(self, text: str, root: Node | None = None, spans: Spans | None = None) -> None:
        self.text = text
        self._root = root
        self.spans: Spans = spans or {}
        self._parts: dict[tuple[str, ...], MappingNode | None] = {}

    @property
    def root(self) -> Node:
        if self._root is None:
            with gc_paused():
                self._root = yaml.compose(self.text, Loader=_PlacingLoader)
        return self._root

    def at(self, path: Sequence[object], *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of ``path`` (see `find_node`)."""
        depth = 2 if len(path) >= 2 and path[0] == "scenes" else 1
        part = self._part(tuple(str(step) for step in path[:depth])) if len(path) >= depth else None
        if part is not None:  # a mapping of the entry alone: the path goes on from its key
            return line_column(find_node(part, path[depth - 1 :], key=key))
        return line_column(find_node(self.root, path, key=key))

    def _part(self, name: tuple[str, ...]) -> MappingNode | None:
        """The entry ``name`` (a scene, a top-level field) composed alone; None to use the whole tree."""
        if self._root is not None or name not in self.spans:
            return None
        if name not in self._parts:
            if len(self._parts) >= MAX_PARTS:
                return None
            self._parts[name] = self._compose_part(*self.spans[name])
        return self._parts[name]

    def _compose_part(self, line: int, index: int, column: int, end: int) -> MappingNode | None:
        start = index - column  # the start of the key's line: the entry's lines, columns as in the file
        if self.text[start:index].strip(" "):
            return None  # not the first thing on its line (a flow mapping, an explicit `? key`)
        try:
            with gc_paused():
                part = yaml.compose(self.text[start:end], Loader=_PlacingLoader)
        except yaml.YAMLError:
            return None
        if not isinstance(part, MappingNode) or len(part.value) != 1:
            return None
        _move_marks(part, start, line)
        return part


def _move_marks(root: Node, index: int, line: int) -> None:
    """Marks counted from a slice of the text that starts at a line's start, moved to the whole text's."""
    pending = [root]
    while pending:
        node = pending.pop()
        for name in ("start_mark", "end_mark"):
            mark = getattr(node, name)
            setattr(node, name, Mark(mark.name, mark.index + index, mark.line + line, mark.column, None, None))
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                pending += (key_node, value_node)
        elif isinstance(node, SequenceNode):
            pending += node.value


@dataclass(frozen=True, slots=True)
class BlockText:
    """A `>` or `|` block of text that is a mapping's value, with what the W014 check reads of that mapping."""

    mapping: tuple[object, ...]  # the mapping's path of keys and indexes, as validation errors give them
    keys: frozenset[str]  # the keys the mapping has
    key: str  # the block's own key
    key_column: int  # 0-based, as the parser counts
    first_line: int  # 0-based: the line of the indicator (`>-`)
    end_line: int  # 0-based line and column of the block's end (where the next key starts)
    end_column: int


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """The plain data of a file, its text and blocks of text; ``tree`` places errors (composed on demand)."""

    path: str
    data: object
    text: str  # the decoded source, to place an error inside a scalar (escapes, folded lines)
    blocks: tuple[BlockText, ...]
    spans: Spans  # where each top-level field and each scene is in the text
    tree: SourceTree


def parse_yaml(raw: bytes, shown: str) -> YamlDocument:
    """Parse bytes of a YAML file named ``shown`` into a YamlDocument."""
    text = _decode(raw, shown)
    with gc_paused():
        try:
            root: Node | None = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
            problem = shortened(exc.problem or exc.context or "invalid YAML")
            if "nesting depth" in problem:
                message = f"nesting is deeper than the YAML parser allows ({problem})"
                raise ScenarioError([Diagnostic(shown, line, column, "E105", message)]) from None
            hint = _colon_hint(text, mark.line) if mark and problem in _COLON_PROBLEMS else ""
            message = f"YAML syntax error: {problem}{hint}"
            raise ScenarioError([Diagnostic(shown, line, column, "E101", message)]) from None
        except yaml.reader.ReaderError as exc:
            raise ScenarioError([_unreadable_character(text, shown, exc)]) from None
        except yaml.YAMLError as exc:
            message = f"YAML syntax error: {shortened(str(exc).splitlines()[0])}"
            raise ScenarioError([Diagnostic(shown, None, None, "E101", message)]) from None
        except RecursionError:
            raise ScenarioError(
                [Diagnostic(shown, None, None, "E105", f"nesting is deeper than {MAX_DEPTH} levels")]
            ) from None
        if root is None:
            raise ScenarioError([Diagnostic(shown, 1, 1, "E106", "the file is empty: expected a scenario mapping")])
        if not isinstance(root, MappingNode):
            raise ScenarioError(
                [
                    _at(
                        shown,
                        root,
                        "E106",
                        "the top level must be a mapping of scenario fields (format, id, title, ...)",
                    )
                ]
            )
        builder = _Builder(shown)
        data = builder.build(root, 1)
        root = None  # the tree goes now, before validation builds the model (it is freed, not collected)
        if builder.saw_alias:
            builder.problems.insert(0, _first_alias(text, shown))
    if builder.problems:
        raise ScenarioError(builder.problems)
    return YamlDocument(shown, data, text, tuple(builder.blocks), builder.spans, SourceTree(text, spans=builder.spans))


# What the parser says when a value holds ": " unquoted (in a block mapping, in a {flow} one).
_COLON_PROBLEMS = {"mapping values are not allowed in this context", "did not find expected ',' or '}'"}
# A field whose plain (unquoted) value holds ": ", as in `line: Thanks: you look well`.
_VALUE_WITH_COLON = re.compile(
    r"([A-Za-z_][\w-]*):[ \t]+([^\s'\"{}\[\],#&*!|>%@`][^{}\[\],#]*?:[ \t][^{}\[\],#]*?)[ \t]*(?=[,}\]]|$)"
)


def _colon_hint(text: str, line: int) -> str:
    """How to quote the value on ``line`` (0-based) that holds a ": ", if there is one."""
    lines = text.splitlines()
    found = _VALUE_WITH_COLON.search(lines[line]) if line < len(lines) else None
    if found is None:
        return ""
    key, value = found.group(1), found.group(2).replace("\\", "\\\\").replace('"', '\\"')
    example = shortened(f'{key}: "{value}"', 80)
    return f" (a ': ' inside a value reads as a new field: put the value in quotes, as in {example})"


def _decode(raw: bytes, shown: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ScenarioError([Diagnostic(shown, 1, 1, "E100", "the file is UTF-16: save it as UTF-8")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        message = f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}): save it as UTF-8"
        raise ScenarioError([Diagnostic(shown, line, column, "E100", message)]) from None


def _unreadable_character(text: str, shown: str, exc: yaml.reader.ReaderError) -> Diagnostic:
    """A character YAML does not allow (a control character), placed at its line and column.

    The parser gives a byte offset into the UTF-8 text; lines and columns count characters.
    """
    before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    character = exc.character if isinstance(exc.character, int) else ord(exc.character or "?")
    message = (
        f"the character U+{character:04X} is not allowed in YAML ({exc.reason}): "
        "remove it, or write it as an escape such as \\x1b inside double quotes"
    )
    return Diagnostic(shown, line, column, "E101", message)


def _first_alias(text: str, shown: str) -> Diagnostic:
    """The first alias in the file: the node tree only knows where anchors are, the events know aliases."""
    aliases = [event for event in yaml.parse(text, Loader=_Loader) if isinstance(event, yaml.AliasEvent)]
    first = aliases[0].start_mark
    more = f" ({len(aliases) - 1} more after it)" if len(aliases) > 1 else ""
    message = f"YAML aliases (*{shortened(aliases[0].anchor)}) are not allowed in scenarios{more}: write the value out"
    return Diagnostic(shown, first.line + 1, first.column + 1, "E103", message)


def _at(shown: str, node: Node, code: str, message: str) -> Diagnostic:
    mark = node.start_mark
    return Diagnostic(shown, mark.line + 1, mark.column + 1, code, message)


class _Builder:
    """Turns a node tree into dicts, lists and scalars, collecting every problem on the way."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[Diagnostic] = []
        self.saw_alias = False
        self._too_deep = False
        self._seen: set[int] = set()
        self.blocks: list[BlockText] = []
        self.spans: Spans = {}
        self._path: list[object] = []  # keys and indexes down to the node being built

    def build(self, node: Node, depth: int) -> object:
        if depth > MAX_DEPTH:
            if not self._too_deep:
                self._too_deep = True
                self.problems.append(_at(self.shown, node, "E105", f"nesting is deeper than {MAX_DEPTH} levels"))
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        # An alias yields the very node object of its anchor: seeing a collection twice means an
        # alias, which is how alias bombs and self-references are made. Scenarios never need them.
        # (A scalar seen twice is harmless, and skipping the check on scalars halves its cost.)
        if id(node) in self._seen:
            self.saw_alias = True
            return None
        self._seen.add(id(node))
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self.problems.append(_at(self.shown, node, "E104", f"the tag {quoted(node.tag)} is not allowed"))
            path, items = self._path, []
            for index, item in enumerate(node.value):
                path.append(index)
                items.append(self.build(item, depth + 1))
                path.pop()
            return items
        if isinstance(node, MappingNode):
            return self._mapping(node, depth)
        raise AssertionError(f"unexpected node {node!r}")  # pragma: no cover

    def _mapping(self, node: MappingNode, depth: int) -> dict[object, object]:
        if node.tag != _MAP:
            self.problems.append(_at(self.shown, node, "E104", f"the tag {quoted(node.tag)} is not allowed"))
        result: dict[object, object] = {}
        first_line: dict[object, int] = {}
        path = self._path
        blocks: list[tuple[Node, Node]] = []
        # Spans of the entries of the file (depth 1) and of its scenes (depth 2; a key that is a mapping is deeper).
        spans = self.spans if depth == 1 or (depth == 2 and path == ["scenes"]) else None
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.problems.append(_at(self.shown, key_node, "E103", "YAML merge keys (<<) are not allowed"))
                continue
            if spans is not None and isinstance(key_node, ScalarNode):
                mark = key_node.start_mark  # the first of duplicate keys, as the locator keeps it
                spans.setdefault(
                    (*path, key_node.value), (mark.line, mark.index, mark.column, value_node.end_mark.index)
                )
            key = self.build(key_node, depth + 1)
            if not isinstance(key, (str, int, bool, float)) and key is not None:
                self.problems.append(_at(self.shown, key_node, "E104", "a mapping key must be a plain value"))
                continue
            path.append(key_node.value)
            value = self.build(value_node, depth + 1)
            path.pop()
            if isinstance(value_node, ScalarNode) and value_node.style in ("|", ">"):
                blocks.append((key_node, value_node))
            if key in result:
                self.problems.append(
                    _at(
                        self.shown,
                        key_node,
                        "E102",
                        f"duplicate key {quoted(key)} (first given on line {first_line[key]})",
                    )
                )
                continue
            result[key] = value
            first_line[key] = key_node.start_mark.line + 1
        if blocks:
            self._note_blocks(node, blocks)
        return result

    def _note_blocks(self, node: MappingNode, blocks: list[tuple[Node, Node]]) -> None:
        keys = frozenset(key.value for key, _ in node.value if isinstance(key, ScalarNode))
        mapping = tuple(self._path)
        for key, value in blocks:
            start, end = value.start_mark, value.end_mark
            self.blocks.append(
                BlockText(mapping, keys, key.value, key.start_mark.column, start.line, end.line, end.column)
            )

    def _scalar(self, node: ScalarNode) -> object:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag not in _ALLOWED_SCALAR_TAGS:
            self.problems.append(
                _at(self.shown, node, "E104", f"the tag {quoted(tag)} is not allowed (only plain YAML values)")
            )
            return None
        try:
            value = _SCALAR_BUILDERS[tag](node)
        except (ValueError, KeyError, IndexError, AttributeError, TypeError, OverflowError):
            kind = tag.removeprefix(_TAG)
            self.problems.append(_at(self.shown, node, "E104", f"{quoted(node.value)} is not a valid {kind}"))
            return None
        # A date is only ever text in a scenario (a title, a line): keep what the author wrote.
        return node.value if tag == _TIMESTAMP else value
