"""Parse one YAML text into plain Python data plus the source position of every value.

libyaml (``CSafeLoader``) composes the node tree, which carries line and column marks; this
module then builds the data itself instead of using PyYAML's constructor, because it must also

* record the position of every value and every mapping key (for problem messages),
* report duplicate keys (PyYAML silently keeps the last one),
* reject tags that would build objects (``!!python/...``, ``!!binary``, custom ``!tags``),
* bound the work aliases can cause (a "billion laughs" file fails fast in bounded memory),
* remember the source text of scalars YAML 1.1 turned into non-strings (``no``, ``1.10``,
  ``2024-01-01``) so a type error can say "quote it",
* report texts too costly to convert as Markdown (``generator.load.markdown_cost``),
* report control characters (``"\\e"``, ``"\\v"`` in a double-quoted value; YAML itself
  refuses them written raw) and replace them, so nothing downstream (pages, spreadsheets, a
  terminal) ever gets one.

Paths are tuples of mapping keys and list indexes, e.g. ``("steps", 2, "raci", "accountable")``.

Speed: most files are ordinary (string keys, no aliases, merges or odd tags). Those are built by
a lean pass that records no positions; the positions are worked out from the kept text the first
time someone asks (a problem message needs them, which is rare). Any file the lean pass finds
unusual is built by the full builder at once, so problems are always found while parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator.control_characters import FORBIDDEN, describe, visible
from generator.load import codes
from generator.load.markdown_cost import markdown_cost
from generator.problem import Problem

try:  # libyaml is ~7x faster; fall back to the pure-Python loader where it is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

MAX_NODES = 100_000

Path = tuple
Position = tuple[int, int]

_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP = (
    _TAG + "str", _TAG + "null", _TAG + "bool", _TAG + "int", _TAG + "float", _TAG + "timestamp")
_MAP, _SEQ, _MERGE = _TAG + "map", _TAG + "seq", _TAG + "merge"
_scalars = SafeConstructor()
_CONVERT = {
    _BOOL: _scalars.construct_yaml_bool,
    _INT: _scalars.construct_yaml_int,
    _FLOAT: _scalars.construct_yaml_float,
    _TIMESTAMP: _scalars.construct_yaml_timestamp,
}
_WHAT = {_BOOL: "boolean", _INT: "whole number", _FLOAT: "number", _TIMESTAMP: "date"}


@dataclass
class Positions:
    """Where each value and mapping key of one file is, by path."""

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    implicit: dict[Path, str] = field(default_factory=dict)
    """Source text of plain scalars that YAML resolved to a non-string (bool, number, date, null)."""


@dataclass
class ParsedYaml:
    """What one file holds: ``data`` is ``None`` when the file could not be parsed."""

    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    text: str | None = field(default=None, repr=False)
    """The source, kept to work out positions when they are first needed."""
    where: Positions | None = field(default=None, repr=False)
    """The positions, once worked out (``None`` until then)."""

    def _positions(self) -> Positions:
        if self.where is None:  # a lean parse: work them out from the kept text now
            parsed = self.data is not None and self.text is not None
            self.where = _full_parse(self.text, "").where if parsed else Positions()
        return self.where

    @property
    def positions(self) -> dict[Path, Position]:
        return self._positions().values

    @property
    def key_positions(self) -> dict[Path, Position]:
        return self._positions().keys

    @property
    def implicit(self) -> dict[Path, str]:
        return self._positions().implicit

    def locate(self, path: Path, key: bool = False) -> Position:
        """Position of the value (or its key) at ``path``; the nearest known ancestor otherwise."""
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class _Abort(Exception):
    pass


class _Builder:
    def __init__(self, file: str, result: ParsedYaml):
        self.file = file
        self.result = result
        self.budget = MAX_NODES
        result.where = Positions()

    def problem(self, code, node, message):
        mark = node.start_mark
        self.result.problems.append(code.at(self.file, mark.line + 1, mark.column + 1, message))

    def build(self, node, path: Path):
        self.budget -= 1
        if self.budget < 0:
            self.problem(codes.TOO_MANY_NODES, node,
                         f"aliases expand to more than {MAX_NODES:,} values; write the values out "
                         "instead of nesting aliases")
            raise _Abort
        mark = node.start_mark
        self.result.where.values[path] = (mark.line + 1, mark.column + 1)
        tag = node.tag
        if isinstance(node, ScalarNode):
            if tag == _STR:
                return node.value
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            if tag != _SEQ:
                return self.unsupported(node)
            return [self.build(child, path + (index,)) for index, child in enumerate(node.value)]
        if tag != _MAP:
            return self.unsupported(node)
        return self.mapping(node, path)

    def scalar(self, node: ScalarNode, path: Path):
        tag = node.tag
        if tag == _NULL:
            value = None
        elif tag in _CONVERT:
            try:
                value = _CONVERT[tag](node)
            except ValueError as error:
                self.problem(codes.YAML_SYNTAX, node,
                             f"'{node.value}' looks like a {_WHAT[tag]} but is not a valid one "
                             f"({error}); fix it, or quote it if it is meant as text")
                return node.value
        else:
            return self.unsupported(node)
        if not node.style:  # plain (unquoted): '' from libyaml, None from the Python parser
            self.result.where.implicit[path] = node.value
        return value

    def mapping(self, node: MappingNode, path: Path) -> dict:
        result: dict = {}
        key_positions = self.result.where.keys
        for key_node, value_node in self.merged_pairs(node):
            if not isinstance(key_node, ScalarNode):
                self.problem(codes.YAML_SYNTAX, key_node,
                             "a mapping key must be a plain value, not a list or mapping")
                continue
            key = key_node.value if key_node.tag == _STR else self.scalar(key_node, path)
            if not isinstance(key, str):
                key = key_node.value  # `no: x` or `2024: x` as a key: keep the text as written
            if key in result:
                first = key_positions[path + (key,)]
                self.problem(codes.DUPLICATE_KEY, key_node,
                             f"duplicate key '{key}' (first defined at line {first[0]}); "
                             "YAML would silently keep only the last value: merge or rename them")
                continue
            mark = key_node.start_mark
            key_positions[path + (key,)] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, path + (key,))
        return result

    def merged_pairs(self, node: MappingNode):
        """The node's key/value pairs with ``<<: *anchor`` merges expanded (own keys win)."""
        pairs, merged = [], []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for source in sources:
                    if not isinstance(source, MappingNode):
                        self.problem(codes.YAML_SYNTAX, source, "'<<' can only merge mappings")
                        continue
                    self.budget -= len(source.value)
                    merged.extend(self.merged_pairs(source))
            else:
                pairs.append((key_node, value_node))
        if merged:
            own = {k.value for k, _ in pairs if isinstance(k, ScalarNode)}
            seen: set = set()
            inherited = []
            for key_node, value_node in merged:
                if key_node.value not in own and key_node.value not in seen:
                    seen.add(key_node.value)
                    inherited.append((key_node, value_node))
            pairs = inherited + pairs
        return pairs

    def unsupported(self, node):
        self.problem(codes.UNSUPPORTED_TAG, node,
                     f"the tag '{node.tag}' is not allowed in catalog files; remove it "
                     "(only plain strings, numbers, booleans, dates, lists and mappings)")
        return None


class _Unusual(Exception):
    """The lean pass met something only the full builder handles."""


def _lean(node, budget: list[int]):
    """Build the data of an ordinary node tree, recording nothing else; raise ``_Unusual`` on
    anything that could need a problem message (the full builder then redoes the file)."""
    tag = node.tag
    kind = type(node)
    if kind is ScalarNode:
        if tag == _STR:
            return node.value
        if tag == _NULL:
            return None
        convert = _CONVERT.get(tag)
        if convert is None:
            raise _Unusual
        try:
            return convert(node)
        except ValueError:
            raise _Unusual from None
    children = node.value
    budget[0] -= len(children)  # every node but the root is some container's child
    if budget[0] < 0:
        raise _Unusual
    if kind is SequenceNode and tag == _SEQ:
        return [_lean(child, budget) for child in children]
    if kind is not MappingNode or tag != _MAP:
        raise _Unusual
    result = {}
    for key_node, value_node in children:
        if type(key_node) is not ScalarNode or key_node.tag != _STR:
            raise _Unusual  # merges (<<), non-string and non-scalar keys
        key = key_node.value
        if key in result:
            raise _Unusual
        result[key] = _lean(value_node, budget)
    return result


_REPLACEMENT = "\ufffd"
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
_CONTROL_ESCAPE = re.compile(r"\\(?:[0abefvN]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")
"""The escapes of double-quoted YAML that can write a control character (the only way one
gets into a value: the YAML reader refuses them written raw)."""


def _clear_control_characters(result: ParsedYaml, file: str) -> None:
    """Report every value and key of ``result.data`` holding a control character, and replace
    the character with U+FFFD."""

    def report(text: str, path: Path, key: bool) -> str:
        match = FORBIDDEN.search(text)
        line, column = result.locate(path, key=key)
        before = visible(text[: match.start()])[-20:]
        what = "key" if key else "value"
        where = f" after '{before}'" if before else " at its start"
        result.problems.append(codes.CONTROL_CHARACTER.at(
            file, line, column, f"the {what} holds {describe(match.group())}{where}; remove it "
            "(a page cannot show it, a spreadsheet refuses it, a terminal acts on it)"))
        cleared = FORBIDDEN.sub(_REPLACEMENT, text)
        if key:  # what is under the key keeps its positions under the cleared key
            where = result._positions()
            for table in (where.values, where.keys, where.implicit):
                for old in [p for p in table if p[: len(path)] == path]:
                    table[path[:-1] + (cleared,) + old[len(path):]] = table[old]
        return cleared

    def clear(value, path: Path):
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    if FORBIDDEN.search(item):
                        value[index] = report(item, path + (index,), key=False)
                else:
                    clear(item, path + (index,))
        elif isinstance(value, dict):
            for key in list(value):
                item = value[key]
                if isinstance(item, str):
                    if FORBIDDEN.search(item):
                        value[key] = report(item, path + (key,), key=False)
                else:
                    clear(item, path + (key,))
            if any(isinstance(key, str) and FORBIDDEN.search(key) for key in value):
                items = list(value.items())
                value.clear()
                for key, item in items:
                    if isinstance(key, str) and FORBIDDEN.search(key):
                        key = report(key, path + (key,), key=True)
                    value[key] = item

    if isinstance(result.data, str):
        if FORBIDDEN.search(result.data):
            result.data = report(result.data, (), key=False)
    else:
        clear(result.data, ())


def _report_costly_markdown(result: ParsedYaml, file: str) -> None:
    """A warning at every string in ``result.data`` too costly to convert as Markdown."""

    def visit(value, path: Path):
        if isinstance(value, str):
            reason = markdown_cost(value)
            if reason:
                line, column = result.locate(path)
                result.problems.append(codes.MARKDOWN_TOO_COSTLY.at(
                    file, line, column, f"the text is too costly to convert as Markdown: "
                    f"{reason}; pages show it as plain text (shorten it or split it into "
                    "paragraphs)"))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, path + (index,))
        elif isinstance(value, dict):
            for key, item in value.items():
                visit(item, path + (key,))

    visit(result.data, ())


def _reader_problem(error: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """A character YAML refuses in the text itself, at its line and column."""
    character = chr(error.character) if isinstance(error.character, int) else ""
    index = text.find(character) if character else -1
    line, column = 1, 1
    if index >= 0:
        breaks = list(_LINE_BREAK.finditer(text, 0, index))
        line = len(breaks) + 1
        column = index - (breaks[-1].end() if breaks else 0) + 1
    if character and FORBIDDEN.match(character):
        return codes.CONTROL_CHARACTER.at(file, line, column, f"the file holds "
                                          f"{describe(character)}; remove it")
    return codes.YAML_SYNTAX.at(file, line, column, f"the character "
                                f"{visible(character) or '?'} (U+{ord(character or '?'):04X}) "
                                "is not allowed in YAML; remove it")


def _compose(text: str, file: str, result: ParsedYaml):
    """The node tree of ``text``, or ``None`` with a problem added to ``result``."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as error:
        result.problems.append(_reader_problem(error, text, file))
        return None
    except yaml.MarkedYAMLError as error:
        if error.context == "while scanning a simple key" and error.context_mark:
            # a line with no ':' after its first word: YAML reads on to the next lines, and
            # gives up where the key would have to end: the line to fix is where it started
            mark = error.context_mark
            message = ("this line is not `field: value`: is the ':' (and a space) after the "
                       "field name missing?")
        else:
            mark = error.problem_mark or error.context_mark
            context = f" ({error.context})" if error.context else ""
            message = (f"{error.problem or 'invalid YAML'}{context}; check the indentation and "
                       "quoting around here")
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        result.problems.append(codes.YAML_SYNTAX.at(file, line, column, message))
        return None
    except yaml.YAMLError as error:
        result.problems.append(codes.YAML_SYNTAX.at(file, 1, 1, f"invalid YAML: {error}"))
        return None
    if root is None:
        result.problems.append(codes.EMPTY_FILE.at(file, 1, 1, "the file is empty; fill in its "
                                                   "fields or delete it"))
    return root


def _build_full(root, file: str, result: ParsedYaml) -> ParsedYaml:
    builder = _Builder(file, result)
    try:
        result.data = builder.build(root, ())
    except _Abort:
        result.data = None
        result.where = Positions()
    except RecursionError:
        result.data = None
        result.problems.append(codes.TOO_MANY_NODES.at(file, 1, 1, "the data is nested too deeply"))
    return result


def _full_parse(text: str, file: str) -> ParsedYaml:
    result = ParsedYaml(text=text)
    root = _compose(text, file, result)
    return result if root is None else _build_full(root, file, result)


def parse_yaml(text: str, file: str) -> ParsedYaml:
    """Parse ``text`` (the contents of ``file``, used in problems) into data with positions."""
    result = ParsedYaml(text=text)
    root = _compose(text, file, result)
    if root is None:
        return result
    try:
        result.data = _lean(root, [MAX_NODES - 1])  # the root is the one node not counted
    except (_Unusual, RecursionError):
        _build_full(root, file, result)
    if result.data is not None and "\\" in text and _CONTROL_ESCAPE.search(text):
        _clear_control_characters(result, file)
    if result.data is not None and markdown_cost(text):  # only a long file may hold such text
        _report_costly_markdown(result, file)
    return result
