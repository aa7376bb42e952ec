"""One module per ``mops`` command: ``add_parser(subparsers)`` registers it, ``run`` does it."""

from __future__ import annotations

import argparse
import datetime as dt
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


CATALOG_FOLDERS = ("catalog", "playbooks")
"""A catalog root holds at least one of these folders."""


def catalog_root(path: str) -> Path | None:
    """The catalog root, or None (after printing why) when it is not a folder or holds no
    catalog: reading an empty place would report a valid catalog with nothing in it."""
    root = existing_root(path)
    if root is None:
        return None
    if not any((root / folder).is_dir() for folder in CATALOG_FOLDERS):
        print(f"mops: error: no catalog in '{root.resolve()}': it has no catalog/ or "
              "playbooks/ folder. Give the catalog's root folder, or start a catalog with "
              "`mops init DIR`", file=sys.stderr)
        return None
    return root


def site_root(path: str) -> Path | None:
    """The root to build or serve: a folder with its own ``mkdocs.yml`` (which says where its
    catalog is), else one holding a catalog (see ``catalog_root``); None after printing why."""
    root = existing_root(path)
    if root is None or (root / "mkdocs.yml").is_file():
        return root
    return catalog_root(path)


def date_argument(value: str) -> dt.date:
    """A ``--today DATE`` value (YYYY-MM-DD), or argparse's usage error."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None
