"""Deleting a previous site without waiting for it.

A full build is written beside the site folder and swapped in at the end
(``generator.site.site_dir.Replacement``); the previous site is then one folder to delete. For
an 8,000-tool site that is 18,000 files, 3 to 4 s of waiting on the disk, so a detached process
deletes it while the build ends (and the next step of a CI job starts): the new site is already
in place, only a hidden sibling (``.site.mops-old-…``) lingers for those seconds. Only folders a
build made are given here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

DELETE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
running: list[subprocess.Popen] = []
"""The deleting processes this process started (``wait`` is for tests)."""


def discard(folder: Path) -> None:
    """Delete ``folder`` in a detached process (in this one if none can be started)."""
    try:
        running.append(subprocess.Popen(
            [sys.executable, "-c", DELETE, str(folder)], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def wait() -> None:
    """Wait for every deletion this process started."""
    while running:
        running.pop().wait()
