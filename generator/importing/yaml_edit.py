"""Catalog files changed in place: only the values an import changes are rewritten, every other
byte of a person's file (comments, key order, quoting, blank lines, indentation, ``~``, flow
lists) stays as it was.

The file is composed with the libyaml loader the catalog is read with, so every value's place
in the text is known (line and column); the values that differ between the file's data and the
new data are written over their place, new keys and list items are put after the last one of
their mapping or list, at its indentation. The result is read back and must give exactly the
new data, or :class:`EditError` is raised and nothing is written.

A general round-trip YAML library (ruamel.yaml) was tried first and set aside: dumping a file
again gives every list of the file one indentation, turns ``~`` and ``null`` into empty values
and closes up aligned values, so lines the import did not change would change too.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import Enum

import yaml

_INFINITE_WIDTH = 1_000_000
BOM = "\ufeff"


class EditError(Exception):
    """The new data could not be written into the file's text without rewriting more of it."""


# --------------------------------------------------------------------------- writing YAML


def plain(value):
    """Python values YAML writes as people do: enums as their value, 12.0 as 12."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value.isoformat()
    return value


class _Dumper(yaml.SafeDumper):
    """YAML as people write it in this repository: list items indented under their key, and
    multi-line text (Markdown descriptions) as ``|`` blocks."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def dump(data, width: int = 100) -> str:
    return yaml.dump(plain(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=width, default_flow_style=False)


def _flow(value) -> str:
    """``value`` written in flow style on one line (``[a, b]``, ``{a: 1}``)."""
    text = yaml.dump(plain(value), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=_INFINITE_WIDTH, default_flow_style=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _in_flow(value) -> str:
    """``value`` as written inside ``[...]`` or ``{...}`` (where a plain ``a, b`` would be
    two items, so it is quoted)."""
    return _flow([value])[1:-1]


# --------------------------------------------------------------------------- editing


def edit(text: str, old: dict, new: dict, order: list[str] | None = None) -> str:
    """``text`` (a YAML mapping whose data is ``old``) changed so that it reads as ``new``.

    ``order`` is the order top-level keys belong in: a new top-level key goes after the last
    key the file has that comes before it (default: after the file's last key). Nested keys
    and list items are added at the end of their mapping or list."""
    bom = text.startswith(BOM)
    crlf = "\r\n" in text
    body = text.removeprefix(BOM).replace("\r\n", "\n")
    try:
        root = yaml.compose(body, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as error:
        raise EditError("the file cannot be read as YAML") from error
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise EditError("the file is not a block mapping")
    if _has_aliases(root):
        raise EditError("it uses YAML anchors and aliases (&name, *name)")
    editor = _Editor(body)
    editor.mapping(root, plain(old), plain(new), order)
    result = editor.result()
    try:
        again = yaml.load(result, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as error:
        raise EditError("the changed text would not read as YAML") from error
    if not _same(plain(again), plain(new)):
        raise EditError("the changed text would not read back as the new values")
    if crlf:
        result = result.replace("\n", "\r\n")
    return (BOM if bom else "") + result


def _has_aliases(root) -> bool:
    """Whether a node appears twice (``*name`` gives the node ``&name`` marks)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


def _same(a, b) -> bool:
    """Equal, and of the same kind: ``True`` is not ``1``, ``'1'`` is not ``1``."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


class _Editor:
    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.starts.append(index + 1)
        self.edits: list[tuple[int, int, str]] = []
        self.ends_with_newline = text.endswith("\n") or not text

    # positions ------------------------------------------------------------------

    def at(self, mark) -> int:
        return self.starts[mark.line] + mark.column

    def start(self, node) -> int:
        return self.at(node.start_mark)

    def end(self, node) -> int:
        """Where ``node``'s own text ends (a block's trailing line breaks and the comments
        after a block collection are not part of it)."""
        if isinstance(node, yaml.ScalarNode):
            end = self.at(node.end_mark)
            if node.style in ("|", ">"):
                end = len(self.text[:end].rstrip("\n"))
            return end
        if node.flow_style or not node.value:
            return self.at(node.end_mark)
        last = node.value[-1]
        return self.end(last[1] if isinstance(node, yaml.MappingNode) else last)

    def line_after(self, index: int) -> int:
        """The start of the line after the one ``index`` is on."""
        newline = self.text.find("\n", index)
        if newline == -1:
            if not self.ends_with_newline:
                self.replace(len(self.text), len(self.text), "\n")
                self.ends_with_newline = True
            return len(self.text)
        return newline + 1

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def replace(self, start: int, end: int, new: str) -> None:
        self.edits.append((start, end, new))

    def replace_value(self, start: int, end: int, new: str) -> None:
        """Like :meth:`replace`, for a value: when ``new`` takes several lines, a comment after
        the old value moves to the end of its first line (below, it would be in the value)."""
        if "\n" in new:
            line_end = self.text.find("\n", end)
            line_end = len(self.text) if line_end == -1 else line_end
            tail = self.text[end:line_end]
            if tail.strip():
                first, rest = new.split("\n", 1)
                new, end = first + tail + "\n" + rest, line_end
        self.replace(start, end, new)

    def result(self) -> str:
        text = self.text
        edits = sorted(((start, end, number, new) for number, (start, end, new)
                        in enumerate(self.edits)), reverse=True)
        for (start, end, _, new), later in zip(edits, [None, *edits]):
            if later is not None and end > later[0]:
                raise EditError("two changes overlap")
            text = text[:start] + new + text[end:]
        return text

    # structure ------------------------------------------------------------------

    def mapping(self, node, old: dict, new: dict, order: list[str] | None = None) -> None:
        pairs = {key.value: (key, value) for key, value in node.value
                 if isinstance(key, yaml.ScalarNode)}
        for key in old:
            if key not in new:
                self.delete_pair(*self._pair(pairs, key))
        for key, value in new.items():
            if key in old and str(key) in pairs:
                key_node, value_node = pairs[str(key)]
                self.value(value_node, old[key], value, key_node)
            elif key in old:
                raise EditError(f"key {key!r} not found in the text")
        added = [key for key in new if key not in old]
        if not added:
            return
        column = node.value[0][0].start_mark.column
        for key in added:
            after = self._place(node, pairs, key, old, order)
            text = "".join(" " * column + line if line else line
                           for line in dump({key: new[key]}, _INFINITE_WIDTH)
                           .splitlines(keepends=True))
            self.replace(after, after, text)

    def _place(self, node, pairs, key, old: dict, order: list[str] | None) -> int:
        """Where a new ``key`` goes: after the value of the file's last key that comes before
        it in ``order`` (the file's last key when there is no order, or none comes before)."""
        last = node.value[-1][1]
        if order and key in order:
            before = [k for k in old if k in order and order.index(k) < order.index(key)
                      and str(k) in pairs]
            if before:
                last = pairs[str(max(before, key=order.index))][1]
        return self.line_after(self.end(last))

    @staticmethod
    def _pair(pairs, key):
        if str(key) not in pairs:
            raise EditError(f"key {key!r} not found in the text")
        return pairs[str(key)]

    def delete_pair(self, key_node, value_node) -> None:
        start = self.line_start(self.start(key_node))
        if self.text[start:self.start(key_node)].strip():
            raise EditError("the key shares its line with another")
        self.replace(start, self.line_after(self.end(value_node)), "")

    def value(self, node, old, new, key_node=None, flow: bool = False) -> None:
        """Make ``node`` (a mapping's value, after ``key_node``; or a list item) read ``new``;
        ``flow``: the node is inside a flow collection (``{...}``, ``[...]``)."""
        if _same(old, new):
            return
        mapping = isinstance(node, yaml.MappingNode) and bool(node.value) \
            and isinstance(old, dict) and isinstance(new, dict) and bool(new)
        sequence = isinstance(node, yaml.SequenceNode) and bool(node.value) \
            and isinstance(old, list) and isinstance(new, list) and bool(new)
        if mapping and not node.flow_style:
            self.mapping(node, old, new)
        elif mapping and all(key in new for key in old):
            self.flow_mapping(node, old, new)
        elif sequence and not node.flow_style:
            self.sequence(node, old, new)
        elif sequence and len(new) >= len(old):
            self.flow_sequence(node, old, new)
        elif flow or isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.flow_style \
                and isinstance(new, (dict, list)):
            self.scalar(node, new, key_node, flow=True)
        elif not isinstance(new, (dict, list)) or not new:
            self.scalar(node, new, key_node)
        elif isinstance(node, yaml.MappingNode) and not node.flow_style and node.value \
                and isinstance(new, list) and _same(old, new[0]):
            self.mapping_to_list(node, new)
        else:
            self.block(node, new, key_node)

    def flow_mapping(self, node, old: dict, new: dict) -> None:
        """``{a: 1, b: 2}`` changed value by value; new keys go before the ``}``."""
        pairs = {key.value: (key, value) for key, value in node.value
                 if isinstance(key, yaml.ScalarNode)}
        for key in old:
            key_node, value_node = self._pair(pairs, key)
            self.value(value_node, old[key], new[key], key_node, flow=True)
        added = [key for key in new if key not in old]
        if added:
            text = "".join(", " + _flow({key: new[key]})[1:-1] for key in added)
            self.replace(self.end(node.value[-1][1]), self.end(node.value[-1][1]), text)

    def flow_sequence(self, node, old: list, new: list) -> None:
        """``[a, b]`` changed item by item; new items go before the ``]``."""
        for item, before, after in zip(node.value, old, new):
            self.value(item, before, after, flow=True)
        if len(new) > len(old):
            end = self.end(node.value[-1])
            self.replace(end, end, "".join(", " + _in_flow(item) for item in new[len(old):]))

    def sequence(self, node, old: list, new: list) -> None:
        items = node.value
        for item, before, after in zip(items, old, new):
            self.value(item, before, after)
        if len(new) < len(old):
            for item in items[len(new):]:
                start = self.line_start(self.start(item))
                dash = self.text.rfind("-", start, self.start(item))
                if dash == -1 or self.text[start:dash].strip():
                    raise EditError("a list item shares its line with another")
                self.replace(start, self.line_after(self.end(item)), "")
        elif len(new) > len(old):
            column = node.start_mark.column
            after = self.line_after(self.end(items[-1]))
            text = "".join(" " * column + line if line else line
                           for line in dump(new[len(old):], _INFINITE_WIDTH)
                           .splitlines(keepends=True))
            self.replace(after, after, text)

    def mapping_to_list(self, node, new: list) -> None:
        """A mapping that becomes the first item of a list (a cost becoming cost lines): its
        lines are kept, moved under a dash, and the other items follow."""
        column = node.start_mark.column
        first = self.line_start(self.start(node))
        end = self.end(node)
        for number, line_start in enumerate(s for s in self.starts if first <= s < end):
            line = self.text[line_start:self.text.find("\n", line_start) % (len(self.text) + 1)]
            if number and (len(line) - len(line.lstrip(" ")) < column or not line.strip()):
                continue  # blank lines and comments further left stay where they are
            self.replace(line_start + column, line_start + column, "  " if number else "- ")
        after = self.line_after(end)
        text = "".join(" " * column + line if line else line
                       for line in dump(new[1:], _INFINITE_WIDTH).splitlines(keepends=True))
        self.replace(after, after, text)

    def scalar(self, node, new, key_node, flow: bool = False) -> None:
        """A plain value (or an empty list or mapping) written over ``node``; ``flow``: in
        flow style (inside ``{...}`` or ``[...]``, or replacing a flow collection)."""
        quote = node.style if isinstance(node, yaml.ScalarNode) else None
        if isinstance(new, str) and "\n" not in new and quote == "'" and new.isprintable():
            text = "'" + new.replace("'", "''") + "'"
        elif isinstance(new, str) and "\n" not in new and quote == '"':
            text = json.dumps(new, ensure_ascii=False)
        elif flow:
            text = _in_flow(new)
        else:
            text = self._rendered(new, node, key_node)
        start, end = self.start(node), self.end(node)
        if start == end:  # `key:` or `-` with nothing after it
            text = " " + text
        self.replace_value(start, end, text)

    def block(self, node, new, key_node) -> None:
        """A list or mapping written over ``node``, which held another kind of value."""
        if key_node is None:  # a list item: the block starts after its dash
            column = node.start_mark.column
            lines = dump([new], _INFINITE_WIDTH).splitlines(keepends=True)
            text = lines[0].removeprefix("- ") + "".join(
                " " * column + line[2:] for line in lines[1:])
            self.replace_value(self.start(node), self.end(node), text.removesuffix("\n"))
            return
        column = key_node.start_mark.column
        lines = dump({"k": new}, _INFINITE_WIDTH).splitlines(keepends=True)[1:]
        text = "\n" + "".join(" " * column + line for line in lines).removesuffix("\n")
        key_end = self.at(key_node.end_mark)
        colon = self.text.find(":", key_end)
        self.replace_value(colon + 1, self.end(node), text)

    def _rendered(self, value, node, key_node) -> str:
        """``value`` as PyYAML writes it after ``key:`` (or ``-``), re-indented for ``node``."""
        column = key_node.start_mark.column if key_node is not None else node.start_mark.column
        if key_node is not None:
            lines = dump({"k": value}, _INFINITE_WIDTH).splitlines(keepends=True)
            first = lines[0].removeprefix("k:").lstrip(" ")
        else:
            lines = dump([value], _INFINITE_WIDTH).splitlines(keepends=True)
            first = lines[0].removeprefix("- ").removeprefix("-")
            column -= 2
        rest = "".join(" " * column + line for line in lines[1:])
        return (first + rest).removesuffix("\n")
