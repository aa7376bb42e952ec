"""The site folder: which folder a build may write, and replacing the site without losing it.

A build replaces everything in its site folder, so a wrong ``--site-dir`` (or ``site_dir:`` in
``mkdocs.yml``) must never reach the disk. ``check`` is the one check ``mops build``,
``mops serve``, ``mkdocs build`` and ``mkdocs serve`` (through the plugin) all make, before
anything is written. It refuses a site folder that

* is, holds or is inside the catalog's folders (``catalog/``, ``playbooks/``), the docs folder
  or the repository's ``.git``;
* is or holds the catalog root, the folder of ``mkdocs.yml``, the repository root (the folder
  holding ``.git``, looked for upwards from the catalog root), the home folder or the file
  system root;
* is not empty and was not written by a build: a build writes ``MARKER`` into the site, and
  only a folder holding it (or one holding nothing but hidden entries) is ever cleaned.

Hidden entries of a site folder (a ``.git`` of a checked-out ``gh-pages`` branch, say) are the
user's, as MkDocs itself treats them: they are kept.

``Replacement`` makes a full build safe to interrupt: the site is built into a hidden sibling
folder, and only a build that ends well (in strict mode: without warnings) swaps it in, with
one atomic rename (Linux' ``RENAME_EXCHANGE``; elsewhere two renames). The previous site stays
whole until then, and is deleted afterwards without waiting for it
(``generator.site.background_clean``). The plugin does this for ``mops build``, ``mkdocs
build`` and ``mkdocs gh-deploy`` alike (it points MkDocs at the sibling in ``on_pre_build`` and
back at the site when the build ends). Builds that keep the site between builds write in
place: ``mops serve`` / ``mkdocs serve`` (into a temporary folder of their own), ``mkdocs build
--dirty``, and a build whose ``on_startup`` was never called; the check and the marker still
apply to them. A build leaving a sibling behind (killed) has it cleared by the next build.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import stat
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.load.places import homes, protected_folders, repository_root
from generator.site import background_clean

MARKER = ".mops-site"
MARKER_TEXT = ("This folder is a site written by `mops build` (or `mkdocs build` with the mops "
               "plugin).\nThe next build replaces everything in it except hidden entries.\n")
"""The same text in every build, so two builds stay byte-identical."""
NEW = ".mops-new-"
OLD = ".mops-old-"


class SiteFolderError(PluginError):
    """The site folder may not be written; the message says why and what to do."""


def check(site_dir: str | Path, *, root: Path, docs_dir: str | Path | None = None,
          config_file: str | Path | None = None) -> None:
    """Raise ``SiteFolderError`` unless a build may replace what is in ``site_dir``."""
    site = Path(site_dir).resolve()
    problem = (_place_problem(site, root.resolve(), docs_dir, config_file)
               or _content_problem(site))
    if problem:
        raise SiteFolderError(f"{problem} {_advice(root.resolve())}")


def mark(folder: str | Path) -> None:
    """Write the marker that lets later builds clean ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _advice(root: Path) -> str:
    return (f"Choose a folder of its own for the site, such as '{root / 'site'}' "
            "(`--site-dir`, or `site_dir:` in mkdocs.yml).")


def _place_problem(site: Path, root: Path, docs_dir, config_file) -> str | None:
    places = {Path(site.anchor): "the file system root"}  # neither the site nor inside it
    for home in homes():
        places.setdefault(home, "your home folder")
    repository = repository_root(root)
    if repository is not None:
        places.setdefault(repository, "the repository's root folder")
    places.setdefault(root, "the catalog root")
    if config_file:
        places.setdefault(Path(config_file).resolve().parent,
                          "the folder of the MkDocs configuration")
    folders = protected_folders(root, docs_dir)  # neither the site, nor inside it, nor holding it
    for place, name in (*places.items(), *folders.items()):
        if site == place:
            return f"The site folder '{site}' is {name}: a build would replace what it holds."
    for folder, name in folders.items():
        if folder in site.parents:
            return f"The site folder '{site}' is inside {name}."
    for place, name in (*places.items(), *folders.items()):
        if site in place.parents:
            return f"The site folder '{site}' holds {name}: a build would delete it."
    return None


def _content_problem(site: Path) -> str | None:
    if not site.exists():
        return None
    if not site.is_dir():
        return f"The site folder '{site}' is a file, not a folder."
    if (site / MARKER).is_file():
        return None
    foreign = sorted(entry.name for entry in site.iterdir())
    if not foreign:
        return None
    shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
    return (f"The site folder '{site}' holds files a build did not write ({shown}). A build "
            f"replaces what is in its site folder, so it writes only into an empty folder or "
            f"one an earlier build wrote (it holds a '{MARKER}' file; a site built by an older "
            f"mops has none: delete that site once). Empty the folder yourself if nothing in "
            f"it is needed.")


class Replacement:
    """A full build into a hidden sibling of the site folder, swapped in when it succeeds.

    ``folder`` is where MkDocs writes. When no sibling can be made on the site's file system
    (a read-only parent, the site folder a mount point) it is the site folder itself and the
    build replaces it in place, as MkDocs does.
    """

    def __init__(self, site_dir: str | Path):
        self.site = Path(site_dir).resolve()
        _recover(self.site)
        self.staging: Path | None = None
        try:
            self.site.parent.mkdir(parents=True, exist_ok=True)
            staging = _new_folder(self.site.parent, f".{self.site.name}{NEW}")
        except OSError:
            return
        if self.site.exists() and (os.path.ismount(self.site)
                                   or self.site.stat().st_dev != staging.stat().st_dev):
            staging.rmdir()
            return
        if self.site.is_dir():  # the new folder gets the old one's permissions
            staging.chmod(stat.S_IMODE(self.site.stat().st_mode))
        self.staging = staging

    @property
    def folder(self) -> Path:
        return self.staging or self.site

    def finish(self) -> None:
        """Put the new site in place of the old one, and delete the old one."""
        staging, self.staging = self.staging, None
        if staging is None:
            return
        if not self.site.exists():
            os.rename(staging, self.site)
            return
        if _exchange(staging, self.site):
            old = staging.with_name(staging.name.replace(NEW, OLD, 1))
            os.rename(staging, old)  # it holds the old site now
        else:
            old = _replace_entries(staging, self.site)
        _give_back_hidden(old, self.site)
        background_clean.discard(old)

    def abandon(self) -> None:
        """The build failed: the old site stays as it is; the half-built one goes."""
        staging, self.staging = self.staging, None
        if staging is not None:
            background_clean.discard(staging)


def _new_folder(parent: Path, prefix: str) -> Path:
    """A new folder with a random name, made with the usual permissions (``mkdtemp`` would
    make it private, and a web server could not read the site)."""
    while True:
        folder = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue


def _give_back_hidden(old: Path, site: Path) -> None:
    """Move the hidden entries of an old site (but the marker) into the site where it has
    none of that name: they are the user's."""
    if not site.is_dir():
        return
    for entry in sorted(old.iterdir()):
        if (entry.name.startswith(".") and entry.name != MARKER
                and not (site / entry.name).exists()):
            os.rename(entry, site / entry.name)


def _recover(site: Path) -> None:
    """Clear what interrupted builds left beside ``site``. The newest old site goes back in
    place when a build was stopped between moving it away and moving the new one in."""
    names = (f".{site.name}{NEW}", f".{site.name}{OLD}")
    try:
        left = sorted((entry for folder in (site.parent, site) if folder.is_dir()
                       for entry in folder.iterdir()
                       if entry.name.startswith(names) and entry.is_dir()
                       and not entry.is_symlink()), key=lambda entry: entry.stat().st_mtime)
        old = [entry for entry in left
               if entry.parent == site.parent and entry.name.startswith(names[1])]
        if old and not site.exists():
            os.rename(old[-1], site)
            left.remove(old[-1])
        for entry in left:
            if entry.parent == site.parent:
                _give_back_hidden(entry, site)
            background_clean.discard(entry)
    except OSError:  # a deletion still under way, say: the next build tries again
        pass


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(new: Path, site: Path) -> bool:
    """Swap two folders in one step; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):  # not Linux, or an old C library
        return False
    return renameat2(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(site),
                     RENAME_EXCHANGE) == 0


def _replace_entries(new: Path, site: Path) -> Path:
    """Without an atomic swap: the old site aside with one rename, the new one in with
    another; where even that fails (the site folder a mount point, folders that cannot be
    renamed), entry by entry inside the site folder. Returns what holds the old site."""
    old = new.with_name(new.name.replace(NEW, OLD, 1))
    try:
        os.rename(site, old)
    except OSError:
        pass
    else:
        os.rename(new, site)
        return old
    old = site / old.name
    old.mkdir()
    for entry in sorted(site.iterdir()):
        if not entry.name.startswith(".") or entry.name == MARKER:
            shutil.move(entry, old / entry.name)
    for entry in sorted(new.iterdir()):
        if not (site / entry.name).exists():  # a hidden entry of the user's stays
            shutil.move(entry, site / entry.name)
    background_clean.discard(new)
    return old
