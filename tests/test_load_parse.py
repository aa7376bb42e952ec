"""Parsing every catalog file (generator/load/parse.py): forked workers give what one process
gives, in the same order; progress is reported through the callback; forking only when safe."""

from __future__ import annotations

import threading

from generator.forking import can_fork
from generator.load.files import discover
from generator.load.parse import parse_files
from generator.model.catalog import load_catalog


def test_workers_parse_what_one_process_parses_in_the_same_order(small_catalog):
    root = small_catalog.root
    found, _ = discover(root)
    assert len(found) >= 4
    alone = [(kind, relative, parsed.data) for kind, relative, parsed in
             parse_files(root, found, workers=1)]
    shared = [(kind, relative, parsed.data) for kind, relative, parsed in
              parse_files(root, found, workers=2)]
    assert shared == alone
    assert [(kind, relative) for kind, relative, _ in alone] == found


def test_progress_is_reported_after_every_file(small_catalog):
    calls = []
    catalog, _ = load_catalog(small_catalog.root, progress=lambda done, total: calls.append(
        (done, total)))
    found, _ = discover(small_catalog.root)
    assert calls == [(done, len(found)) for done in range(1, len(found) + 1)]
    assert catalog.tools


def test_no_fork_while_another_thread_runs():
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not can_fork()
    finally:
        release.set()
        other.join()
