"""Finding the MkDocs configuration for a catalog root, for ``mops build`` and ``mops serve``.

A root with its own ``mkdocs.yml`` uses it. A bare catalog (just ``catalog/`` and
``playbooks/``) gets the package's default configuration, written to a temporary folder with
the catalog root as the mops plugin's ``root`` and ``ROOT/docs`` (or an empty folder) as the
docs folder. MkDocs' own check that the site folder does not hold the docs folder sees only
that temporary folder then; the plugin's ``generator.site.site_dir.check`` guards the
catalog, the repository and the home folder whatever the configuration.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import yaml

DEFAULT_CONFIG = Path(__file__).parent / "default-mkdocs.yml"


@contextlib.contextmanager
def config_options(root: Path, site_dir: str | None = None):
    """``(config file, load_config keyword overrides)`` for the catalog at ``root``."""
    root = root.resolve()
    overrides = {"site_dir": str(Path(site_dir).resolve())} if site_dir else {}
    own = root / "mkdocs.yml"
    if own.is_file():
        yield str(own), overrides
        return
    with tempfile.TemporaryDirectory(prefix="mops-site-") as temporary:
        config = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
        docs = root / "docs"
        if not docs.is_dir():
            docs = Path(temporary) / "docs"
            docs.mkdir()
        config.update(docs_dir=str(docs), site_dir=str(root / "site"),
                      plugins=["search", {"mops": {"root": str(root)}}])
        config_file = Path(temporary) / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        yield str(config_file), overrides
