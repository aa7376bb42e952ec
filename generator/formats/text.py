"""``path:line:col: severity CODE message``, then the source line and a caret under the column."""

from pathlib import Path


def _source_line(root: Path, file: str, line: int, cache: dict) -> str | None:
    if file not in cache:
        cache[file] = None
        path = root / file
        try:  # never show a line from outside the repository (a symlink's target)
            inside = root.resolve() in path.resolve().parents
            if inside and path.is_file() and path.stat().st_size <= 2 * 1024 * 1024:
                cache[file] = path.read_text(encoding="utf-8-sig").splitlines()
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
        out.append(f"{p.file}:{p.line}:{p.column}: {p.severity.value} {p.code} {p.message}")
        source = _source_line(Path(root), p.file, p.line, cache)
        if source is not None and source.strip() and len(source) < 400:
            shown = source.replace("\t", " ")
            out.append(f"    {shown}")
            out.append("    " + " " * (min(p.column, len(shown) + 1) - 1) + "^")
    errors = sum(p.severity.value == "error" for p in problems)
    warnings = len(problems) - errors
    if problems:
        files = len({p.file for p in problems})
        out.append(f"{errors} error(s), {warnings} warning(s) in {files} file(s)")
    return "\n".join(out) + ("\n" if out else "")
