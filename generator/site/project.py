"""Finding the MkDocs configuration for a catalog root, for ``mops build`` and ``mops serve``.

A root with its own ``mkdocs.yml`` uses it. A bare catalog (just ``catalog/`` and
``playbooks/``) gets the package's default configuration, with the catalog root as the mops
plugin's ``root`` and ``ROOT/docs`` (or an empty folder) as the docs folder.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

DEFAULT_CONFIG = Path(__file__).parent / "default-mkdocs.yml"


@contextlib.contextmanager
def config_options(root: Path, site_dir: str | None = None):
    """``(config file, load_config keyword overrides)`` for the catalog at ``root``."""
    root = root.resolve()
    own = root / "mkdocs.yml"
    overrides: dict = {}
    if site_dir:
        overrides["site_dir"] = str(Path(site_dir).resolve())
    if own.is_file():
        yield str(own), overrides
        return
    overrides.setdefault("site_dir", str(root / "site"))
    overrides["plugins"] = ["search", {"mops": {"root": str(root)}}]
    docs = root / "docs"
    if docs.is_dir():
        yield str(DEFAULT_CONFIG), {**overrides, "docs_dir": str(docs)}
        return
    with tempfile.TemporaryDirectory(prefix="mops-docs-") as empty_docs:
        yield str(DEFAULT_CONFIG), {**overrides, "docs_dir": empty_docs}
