"""Whether this process may fork workers: the one check every forking part of mops makes.

Forking copies only the calling thread; a lock another thread held at that moment stays locked
in the child for ever. So mops forks only while this process runs a single thread (``mkdocs
serve`` runs several: there, everything stays in this process) and where ``os.fork`` exists.
"""

from __future__ import annotations

import os
import threading


def can_fork() -> bool:
    """True where ``os.fork`` exists and no other thread runs in this process."""
    return hasattr(os, "fork") and threading.active_count() == 1


def cores() -> int:
    """How many processes can usefully run at once: at most two (the machines mops is built
    for), at least one."""
    return max(1, min(2, os.cpu_count() or 1))
