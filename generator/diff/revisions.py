"""The catalog files of a git revision, copied into a temporary folder the core can load.

``git ls-tree`` lists the catalog files the revision holds and ``git cat-file --batch`` reads
them all in one process, so a diff costs two git calls per revision however large the catalog.
Every git failure becomes a ``GitError`` with a sentence a person can act on.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.load.files import ENTITY_FOLDERS, LIST_FILES

CATALOG_PATHS = sorted({*ENTITY_FOLDERS.values(), *LIST_FILES.values()})
REGULAR_FILE_MODES = ("100644", "100755")


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision does not exist."""


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=data,
                                capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH); mops diff needs it") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return result.stdout


def repository_prefix(root: Path) -> str:
    """The catalog root's path inside its repository (``""`` at the top), or GitError."""
    try:
        return _git(root, "rev-parse", "--show-prefix").decode().strip()
    except GitError:
        raise GitError(f"'{root}' is not inside a git repository; mops diff compares git "
                       "revisions, so run it in a clone of the catalog repository") from None


def resolve(root: Path, revision: str) -> str:
    """The commit id ``revision`` names, or GitError saying it is unknown."""
    if revision.startswith("-"):
        raise GitError(f"'{revision}' is not a revision")
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                    f"{revision}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"unknown revision '{revision}': give a branch, tag or commit that "
                       "exists in this repository (fetch it first if it is on a remote)") from None


def materialise(root: Path, revision: str, into: Path) -> None:
    """Write the catalog files of ``revision`` under ``into``, laid out as under ``root``."""
    commit = resolve(root, revision)
    prefix = repository_prefix(root)
    listing = _git(root, "ls-tree", "-r", "-z", "--full-name", commit, "--", *CATALOG_PATHS)
    blobs = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, path = entry.decode("utf-8", "surrogateescape").split("\t", 1)
        mode, kind, sha = meta.split()
        if kind == "blob" and mode in REGULAR_FILE_MODES and path.startswith(prefix):
            blobs.append((sha, path[len(prefix):]))
    contents = _read_blobs(root, [sha for sha, _ in blobs])
    for (sha, relative), content in zip(blobs, contents):
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _read_blobs(root: Path, shas: list[str]) -> list[bytes]:
    if not shas:
        return []
    output = _git(root, "cat-file", "--batch", data="".join(f"{s}\n" for s in shas).encode())
    contents, position = [], 0
    for _ in shas:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split()[2])
        start = header_end + 1
        contents.append(output[start:start + size])
        position = start + size + 1  # the content is followed by a newline
    return contents
