"""The places of a catalog repository that commands writing files must leave alone.

``mops build`` (its site folder), ``mops render``, ``mops export`` and ``mops schema`` write
where the user points them. None of them may write into the catalog's own folders
(``catalog/``, ``playbooks/``), the docs folder or the repository's ``.git``: a file written
there would become catalog data, a page, or damage the repository. ``protected_folders`` names
them; ``inside_protected`` says whether a path is one of them or inside one.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.load.files import ENTITY_FOLDERS, LIST_FILES


def repository_root(root: Path) -> Path | None:
    """The folder holding ``.git``, looked for from ``root`` upwards; None outside a repository."""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            return folder
    return None


def homes() -> list[Path]:
    """The home folder as ``$HOME`` says and as the user database says."""
    found = []
    try:
        found.append(Path.home().resolve())
    except (RuntimeError, KeyError):
        pass
    try:
        import pwd

        found.append(Path(pwd.getpwuid(os.getuid()).pw_dir).resolve())
    except (ImportError, KeyError, AttributeError):
        pass
    return found


def protected_folders(root: Path, docs_dir: str | Path | None = None) -> dict[Path, str]:
    """``{folder: what it is}``: the catalog's folders under ``root`` (resolved), the docs
    folder (``root/docs`` and ``docs_dir`` when given) and the repository's ``.git``."""
    root = root.resolve()
    folders = {}
    for location in sorted({Path(p).parts[0] for p in
                            (*ENTITY_FOLDERS.values(), *LIST_FILES.values())}):
        folders[root / location] = f"the catalog's '{location}' folder"
    folders.setdefault(root / "docs", "the docs folder")  # a catalog without mkdocs.yml's
    if docs_dir:
        folders.setdefault(Path(docs_dir).resolve(), "the docs folder")
    repository = repository_root(root)
    if repository is not None:
        folders[repository / ".git"] = "the repository's .git folder"
    return folders


def inside_protected(path: Path, root: Path, docs_dir: str | Path | None = None) -> str | None:
    """What protected folder ``path`` is or lies inside (``"the docs folder"``), else None."""
    path = path.resolve()
    for folder, name in protected_folders(root, docs_dir).items():
        if path == folder or folder in path.parents:
            return name
    if ".git" in path.parts:  # another repository's, or one the catalog root is not in
        return "a repository's .git folder"
    return None
