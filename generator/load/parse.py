"""Parse every catalog file, in parallel when there are many, and keep parsed files between loads.

``parse_files(root, found)`` yields ``(kind, relative, parsed)`` in the order of ``found`` (as
``generator.load.files.discover`` lists them). ``ParseCache`` remembers parsed files by their
modification time, size and inode, so a reload (``mops serve`` after every edit) parses only the
files that changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.forking import can_fork, cores
from generator.load.files import read_text
from generator.load.yaml_source import ParsedYaml, parse_yaml

PARALLEL_THRESHOLD = 600  # files; below it a second process costs more than it saves

Parsed = tuple[str, str, ParsedYaml]


def _parse_one(root: Path, kind: str, relative: str) -> Parsed:
    source = read_text(root, relative, kind)
    if source.text is None:
        return kind, relative, ParsedYaml(problems=source.problems)
    parsed = parse_yaml(source.text, relative)
    parsed.problems[:0] = source.problems
    return kind, relative, parsed


def _parse_many(root: Path, jobs: list[tuple[str, str]]) -> list[Parsed]:
    return [_parse_one(root, kind, relative) for kind, relative in jobs]


def parse_files(root: Path, found: list[tuple[str, str]],
                workers: int | None = None) -> Iterator[Parsed]:
    """Parse every file, yielding ``(kind, relative, parsed)`` in the order of ``found``.

    With enough files, other processes parse the later parts while this one parses (and its
    caller validates) the first part. Their results come back pickled, which costs about a
    fifth of what parsing them here would, so it only pays above ``PARALLEL_THRESHOLD`` files.
    Workers are forked, which is only safe while no other thread runs (``can_fork``), so while
    other threads run every file is parsed in this process.
    """
    if workers is None:
        workers = cores() if can_fork() and len(found) >= PARALLEL_THRESHOLD else 1
    if workers <= 1 or len(found) < workers:
        for kind, relative in found:
            yield _parse_one(root, kind, relative)
        return
    size = -(-len(found) // workers)
    first, *rest = [found[start:start + size] for start in range(0, len(found), size)]
    with ProcessPoolExecutor(max_workers=len(rest)) as pool:
        later = [pool.submit(_parse_many, root, part) for part in rest]
        for kind, relative in first:
            yield _parse_one(root, kind, relative)
        for part in later:
            yield from part.result()


class ParseCache:
    """Parsed files kept between loads of one catalog (``mops serve`` reloads it after every
    edit), by path and the file's modification time, size and inode: only files that changed
    are read and parsed again. A parsed file is never changed once made, so sharing it between
    catalogs is safe."""

    def __init__(self) -> None:
        self._parsed: dict[tuple[str, str], tuple[tuple | None, ParsedYaml]] = {}

    def parse_files(self, root: Path, found: list[tuple[str, str]],
                    workers: int | None = None) -> Iterator[Parsed]:
        """``parse_files`` with the cache: ``(kind, relative, parsed)`` in the order of
        ``found``."""
        stamps = {(kind, relative): _stamp(root / relative) for kind, relative in found}
        stale = [key for key in found
                 if self._parsed.get(key, (None,))[0] != stamps[key] or stamps[key] is None]
        fresh = {(kind, relative): parsed
                 for kind, relative, parsed in parse_files(root, stale, workers)}
        # stamps were taken before reading: a file saved meanwhile is parsed again next time
        self._parsed = {key: (stamps[key], fresh[key] if key in fresh else self._parsed[key][1])
                        for key in found}
        for kind, relative in found:
            yield kind, relative, self._parsed[(kind, relative)][1]


def _stamp(path: Path) -> tuple | None:
    try:
        link, target = os.lstat(path), os.stat(path)
    except OSError:
        return None
    return (link.st_mtime_ns, link.st_ino, target.st_mtime_ns, target.st_size, target.st_ino)
