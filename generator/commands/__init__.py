"""One module per ``mops`` command: ``add_parser(subparsers)`` registers it, ``run`` does it."""

from __future__ import annotations

import sys
from pathlib import Path


def existing_root(path: str) -> Path | None:
    """The catalog root, or None (after printing why) when it is not a folder."""
    root = Path(path)
    if not root.is_dir():
        print(f"mops: error: '{path}' is not a folder; give the catalog's root folder",
              file=sys.stderr)
        return None
    return root
