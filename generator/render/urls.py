"""Where each generated page lives (paths relative to the docs root), in one place."""

import functools
import posixpath

from generator.model.catalog import PLURAL


def page_path(kind: str, entity_id: str) -> str:
    """``tools/marketo.md`` for a tool, ``roles/mops-manager.md`` for a role, and so on."""
    return f"{PLURAL[kind]}/{entity_id}.md"


def relative_url(here: str, path: str) -> str:
    """``path`` (a page path like ``tools/x.md``) as a link from the page at ``here``.

    Links inside raw HTML (cards, diagrams) keep this ``.md`` form too; the site plugin turns
    them into page URLs, as MkDocs does for Markdown links."""
    return _relative(path, _folder(here))


@functools.lru_cache(maxsize=1 << 14)
def _folder(here: str) -> str:
    return posixpath.dirname(here) or "."


@functools.lru_cache(maxsize=1 << 16)
def _relative(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)``, memoised (a build asks for the same few thousand
    links from the same few folders over and over) and without its two ``abspath`` calls
    when both paths are relative and stay inside the docs root, where the working folder
    they would prefix cancels out."""
    path_parts, start_parts = _inside_parts(path), _inside_parts(start)
    if path_parts is None or start_parts is None:  # absolute, or above the root: the library
        return posixpath.relpath(path, start)
    common = 0
    for mine, theirs in zip(path_parts, start_parts):
        if mine != theirs:
            break
        common += 1
    parts = [posixpath.pardir] * (len(start_parts) - common) + path_parts[common:]
    return posixpath.join(*parts) if parts else posixpath.curdir


def _inside_parts(path: str) -> list[str] | None:
    """The folders and name of a relative path that stays inside its root, normalised as
    ``abspath`` would; None for an absolute path or one climbing above its root."""
    if not path or path.startswith("/"):
        return None
    normal = posixpath.normpath(path)
    if normal == posixpath.pardir or normal.startswith(posixpath.pardir + "/"):
        return None
    return [part for part in normal.split("/") if part and part != posixpath.curdir]
