"""Redo only the pages an edit can change: ``update_pages(before, after, pages, settings)``.

``mops serve`` keeps the last catalog and its pages. After an edit it compares the two catalogs
entity by entity and renders again only the pages that can show a changed entity:

* the changed entity's own page;
* the pages of every entity it refers to or that refers to it, in the old and the new catalog
  (their pages show its name, or lists built from its references);
* for a changed tool, the pages of the categories of those tools, and their integration maps
  (a category page tells whether its tools have flows; a map shows both ends of each flow);
* for a changed role, every team page (org charts skip roles outside the team, following
  ``reports_to`` further up) and the RACI and tasks pages; for a changed playbook, RACI;
* the overviews that summarise every tool or entity: home, stack maps, the tools index, the
  index page of every kind, the integrations index and the insights report.

A change to a list file's entities (layers, categories, tasks) reaches almost every page, so
it, like a change of settings, renders everything. The result always equals
``render_pages(after, settings)``: the tests compare the two for many kinds of edit.
"""

from __future__ import annotations

from collections import defaultdict

from generator.model.references import references
from generator.render.pages import KINDS_WITH_PAGES, Page, render_pages
from generator.render.page_sets.overviews import STACK_PAGES
from generator.render.urls import page_path

LIST_KINDS = ("layer", "category", "task")
"""Entities kept in list files; a change to any of them renders everything."""
OVERVIEWS = {"index.md", *STACK_PAGES, "integrations/index.md", "insights/index.md",
             *(f"{plural}/index.md" for plural in ("categories", "roles", "people", "teams",
                                                   "playbooks", "kpis"))}
"""Pages that summarise the whole catalog: rendered again after any change."""


def changed_entities(before, after) -> set[tuple[str, str]]:
    """``(kind, id)`` of every entity added, removed or changed between two catalogs."""
    changed = set()
    for kind, entities in after.entities.items():
        old = before.entities[kind]
        changed |= {(kind, i) for i in old.keys() ^ entities.keys()}
        changed |= {(kind, i) for i, entity in entities.items()
                    if i in old and old[i] != entity}
    return changed


def _documents(catalog) -> dict:
    return {kind: document for kind, (document, _) in catalog.documents.items()}


def affected_paths(before, after, changed: set | None = None,
                   refs: ReferenceCache | None = None) -> set[str] | None:
    """Every page path whose Markdown may differ between the two catalogs' sites (paths that
    only one of them has included); ``None`` when that is (nearly) every page. ``changed``:
    ``changed_entities(before, after)``, if already known; ``refs``: a cache kept between
    calls."""
    changed = changed_entities(before, after) if changed is None else changed
    refs = refs or ReferenceCache()
    if _documents(before) != _documents(after):  # acknowledgements: findings on any page
        return None
    if not changed:
        return set()
    if any(kind in LIST_KINDS for kind, _ in changed):
        return None
    kinds = {kind for kind, _ in changed}
    related = set(changed)
    for catalog in (before, after):
        referrers = refs.referrers(catalog, changed)
        for kind, entity_id in changed:
            if entity_id in catalog.entities[kind]:
                related |= set(refs.of(catalog, kind, entity_id))
            related |= referrers[(kind, entity_id)]
    tools = {entity_id for kind, entity_id in related if kind == "tool"}
    categories = {catalog.tools[t].category for catalog in (before, after) for t in tools
                  if t in catalog.tools}
    related |= {("category", c) for c in categories}
    paths = set(OVERVIEWS)
    paths |= {page_path(kind, entity_id) for kind, entity_id in related
              if kind in KINDS_WITH_PAGES}
    paths |= {f"integrations/{c}.md" for c in categories}
    if "role" in kinds:
        paths |= {"raci.md", "tasks.md"}
        paths |= {page_path("team", t) for catalog in (before, after) for t in catalog.teams}
    if "playbook" in kinds:
        paths.add("raci.md")
    return paths


class ReferenceCache:
    """The references each entity holds, kept while it comes from the same parsed file (the
    loader's ``ParseCache`` hands out the same parsed object while a file is unchanged), so
    finding what refers to an entity does not walk thousands of unchanged entities again."""

    def __init__(self):
        self._held: dict[tuple[str, str], tuple] = {}

    def of(self, catalog, kind: str, entity_id: str) -> list[tuple[str, str]]:
        """``(kind, id)`` of everything the entity refers to."""
        source = catalog.sources.get((kind, entity_id))
        held = self._held.get((kind, entity_id))
        if held and source and held[0] is source.parsed and held[1] == source.base:
            return held[2]
        found = [(target_kind, target) for _, target_kinds, target in
                 references(catalog.entities[kind][entity_id]) for target_kind in target_kinds]
        if source:
            self._held[(kind, entity_id)] = (source.parsed, source.base, found)
        return found

    def referrers(self, catalog, targets: set[tuple[str, str]]) -> dict[tuple[str, str], set]:
        """For each of ``targets``, the entities of ``catalog`` that refer to it."""
        found: dict[tuple[str, str], set] = defaultdict(set)
        for kind, entities in catalog.entities.items():
            for entity_id in entities:
                for target in self.of(catalog, kind, entity_id):
                    if target in targets:
                        found[target].add((kind, entity_id))
        return found


def own_paths(changed: set[tuple[str, str]]) -> set[str]:
    """The pages of the changed entities themselves (what their author is looking at)."""
    return {page_path(kind, entity_id) for kind, entity_id in changed
            if kind in KINDS_WITH_PAGES}


def rerender(catalog, pages: dict[str, Page], paths: set[str] | None,
             settings) -> dict[str, Page]:
    """``pages`` with the pages at ``paths`` rendered again from ``catalog`` (``None``: every
    page); a path ``catalog`` has no page for is dropped."""
    if paths is None:
        return render_pages(catalog, settings)
    if not paths:
        return pages
    kept = {path: page for path, page in pages.items() if path not in paths}
    return dict(sorted({**kept, **render_pages(catalog, settings, only=paths)}.items()))


def update_pages(before, after, pages: dict[str, Page], settings) -> dict[str, Page]:
    """The pages of ``after``, given ``pages``, the pages of ``before`` with the same settings:
    those an edit can change are rendered again, the others kept."""
    return rerender(after, pages, affected_paths(before, after), settings)
