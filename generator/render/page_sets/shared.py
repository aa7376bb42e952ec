"""What several page sets use, worked out once per build (per ``Renderer``) and shared."""

from __future__ import annotations

import weakref

from generator.analysis.raci import Raci, raci

_RACI: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def build_raci(r) -> Raci:
    """The RACI matrix and each playbook's and role's part of it, computed on first use by
    the renderer ``r`` (the role, playbook and RACI pages all need it)."""
    found = _RACI.get(r)
    if found is None:
        found = _RACI[r] = raci(r.catalog)
    return found
