"""``path:line:col: severity CODE message``, then the source line and a caret under the column.

Everything printed goes through ``visible``: a control character in a file name, a message or
a source line is shown as ``\\x1b``, never sent to the terminal to act on.
"""

import re
from pathlib import Path

from generator.control_characters import visible
from generator.formats.counts import counted

YAML_LINE_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
"""Where YAML counts a new line (``str.splitlines`` also splits at form feeds and others,
which would show the wrong line)."""


def _source_line(root: Path, file: str, line: int, cache: dict) -> str | None:
    if file not in cache:
        cache[file] = None
        path = root / file
        try:  # never show a line from outside the repository (a symlink's target)
            inside = root.resolve() in path.resolve().parents
            if inside and path.is_file() and path.stat().st_size <= 2 * 1024 * 1024:
                cache[file] = YAML_LINE_BREAK.split(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            pass
    lines = cache[file]
    if lines is None or not 1 <= line <= len(lines):
        return None
    return lines[line - 1]


def render(problems, root: Path) -> str:
    out: list[str] = []
    cache: dict = {}
    for p in problems:
        out.append(f"{visible(p.file)}:{p.line}:{p.column}: {p.severity.value} {p.code} "
                   f"{visible(p.message)}")
        source = _source_line(Path(root), p.file, p.line, cache)
        if source is not None and source.strip() and len(source) < 400:
            source = source.replace("\t", " ")
            shown = visible(source)
            out.append(f"    {shown}")
            column = len(visible(source[: max(p.column - 1, 0)])) + 1
            out.append("    " + " " * (min(column, len(shown) + 1) - 1) + "^")
    errors = sum(p.severity.value == "error" for p in problems)
    warnings = len(problems) - errors
    if problems:
        files = len({p.file for p in problems})
        out.append(f"{counted(errors, 'error')}, {counted(warnings, 'warning')} in "
                   f"{counted(files, 'file')}")
    return "\n".join(out) + ("\n" if out else "")
