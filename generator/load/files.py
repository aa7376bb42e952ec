"""Find the catalog's files under a root and read them as UTF-8 text, safely.

Where each kind lives is declared once in ``LOCATIONS``. Every file found is either read or
reported; nothing is skipped silently.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.load import codes
from generator.problem import Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")

# kind -> folder holding one file per entity, relative to the catalog root
ENTITY_FOLDERS = {
    "tool": "catalog/tools",
    "role": "catalog/roles",
    "person": "catalog/people",
    "team": "catalog/teams",
    "kpi": "catalog/kpis",
    "playbook": "playbooks",
}
# files holding lists of small entities
LIST_FILES = {
    "categories": "catalog/categories.yaml",
    "tasks": "catalog/tasks.yaml",
    "acknowledgements": "catalog/acknowledgements.yaml",
}


@dataclass
class SourceText:
    """One file's text, or ``None`` with the problems that stopped it being read."""

    kind: str
    path: str  # relative to the root, with forward slashes
    text: str | None
    problems: list[Problem]


def read_text(root: Path, relative: str, kind: str) -> SourceText:
    full = root / relative
    problems: list[Problem] = []
    try:
        link = outside_link(root, relative)
        if link == relative:
            return SourceText(kind, relative, None, [codes.OUTSIDE_ROOT.at(
                relative, 1, 1, f"the link points outside the repository ({os.readlink(full)}); "
                "copy the file into the repository instead")])
        if link is not None:
            return SourceText(kind, relative, None, [codes.OUTSIDE_ROOT.at(
                relative, 1, 1, f"the folder {link} is a link to a place outside the repository "
                f"({os.readlink(root / link)}); move the files into the repository")])
        size = full.stat().st_size
        if size > MAX_FILE_BYTES:
            return SourceText(kind, relative, None, [codes.FILE_TOO_LARGE.at(
                relative, 1, 1, f"the file is {size / 1048576:.1f} MiB; the limit is "
                f"{MAX_FILE_BYTES // 1048576} MiB per file: split it or move prose to docs/")])
        raw = full.read_bytes()
    except OSError as error:
        return SourceText(kind, relative, None, [codes.UNREADABLE.at(
            relative, 1, 1, f"cannot read the file: {error.strerror or error}")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problems.append(codes.BYTE_ORDER_MARK.at(
            relative, 1, 1, "the file starts with a byte-order mark; save it as UTF-8 without BOM"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        problems.append(codes.ENCODING.at(
            relative, line, column, f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file "
            "as UTF-8 (it may have been saved as Latin-1 or Windows-1252)"))
        return SourceText(kind, relative, None, problems)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(codes.ENCODING.at(relative, line, 1, "the file contains NUL bytes; it is "
                                          "binary or UTF-16: save it as UTF-8 text"))
        return SourceText(kind, relative, None, problems)
    return SourceText(kind, relative, text, problems)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def outside_link(root: Path, relative: str) -> str | None:
    """The first file or folder on ``relative``'s path that is a symbolic link to a place
    outside ``root`` (the path up to it), or None. A link on any folder of the path counts, not
    only on the last name: ``catalog/kpis -> /elsewhere`` would publish /elsewhere."""
    real_root = root.resolve()
    parts = Path(relative).parts
    for depth in range(1, len(parts) + 1):
        path = root.joinpath(*parts[:depth])
        if path.is_symlink() and not _inside(path.resolve(), real_root):
            return "/".join(parts[:depth])
    return None


def _outside_problem(root: Path, link: str) -> Problem:
    return codes.OUTSIDE_ROOT.at(
        link, 1, 1, f"this folder is a link to a place outside the repository "
        f"({os.readlink(root / link)}); move the files into the repository")


def discover(root: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """All catalog files as ``(kind, relative path)`` in a stable order, and stray-file problems."""
    found: list[tuple[str, str]] = []
    problems: list[Problem] = []
    links_reported: set[str] = set()

    def outside(relative: str) -> bool:
        """Whether a folder on ``relative``'s path links outside the root (reported once)."""
        link = outside_link(root, relative)
        if link is None or link == relative and not (root / relative).is_dir():
            return False  # a linked file: read_text reports it
        if link not in links_reported:
            links_reported.add(link)
            problems.append(_outside_problem(root, link))
        return True

    for kind, name in LIST_FILES.items():
        if ((root / name).exists() or (root / name).is_symlink()) and not outside(name):
            found.append((kind, name))
    real_root = root.resolve()
    for kind, folder in ENTITY_FOLDERS.items():
        base = root / folder
        if not base.is_dir() or outside(folder):
            continue
        walked = {base.resolve()}  # linked folders are followed, each real folder once
        for directory, subdirs, files in os.walk(base, onerror=None, followlinks=True):
            subdirs.sort()
            rel_dir = Path(directory).relative_to(root).as_posix()
            for sub in list(subdirs):
                if (Path(directory) / sub).is_symlink():
                    target = (Path(directory) / sub).resolve()
                    if not _inside(target, real_root):
                        problems.append(_outside_problem(root, f"{rel_dir}/{sub}"))
                        subdirs.remove(sub)
                    elif target in walked:
                        subdirs.remove(sub)  # a loop, or a folder read already
                    else:
                        walked.add(target)
            for name in sorted(files):
                relative = f"{rel_dir}/{name}"
                if name.startswith("."):
                    continue  # editor and OS files (.DS_Store, .swp) are not catalog content
                if name.endswith(YAML_SUFFIXES):
                    found.append((kind, relative))
                else:
                    problems.append(codes.STRAY_FILE.at(
                        relative, 1, 1, f"'{name}' is not a .yaml file and is not read; rename it "
                        "to .yaml or move it out of the catalog folders"))
    return found, problems
