"""One page per tool, category, role, team, playbook and KPI, plus each kind's index page."""

from __future__ import annotations

import re

from generator.analysis.links import accountable_roles
from generator.analysis.renewals import cancel_by
from generator.render import diagrams
from generator.render.page_sets.overviews import is_live
from generator.render.urls import page_path, relative_url

REVERSED = {"in": "out", "out": "in", "both": "both"}
SEARCH_BOOST = 4  # entity pages rank above overviews that merely mention the same names
# Keywords become Material search "tags", which outweigh titles: tools carry their name, vendor,
# capabilities and tags, roles their name; other pages rely on their title, so a playbook
# called "Reporting and dashboards" does not outrank the tool with the `dashboards` capability.


def name_boost(name: str) -> float:
    """Search boost for a page named ``name``: shorter names rank a little higher.

    Material's search scores without length normalisation, so "Marketing manager" would tie
    with "Marketing operations manager" on the title and lose on body text; the exact, shorter
    name should win. The factor (1 + 0.5/words) stays below what one more matched word adds.
    """
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    return SEARCH_BOOST * (1 + 0.5 / max(len(words), 1))


def _index_path(kind_plural: str) -> str:
    return f"{kind_plural}/index.md"


def tool_pages(r) -> dict:
    pages = {}
    for tool_id, tool in r.catalog.tools.items():
        path = page_path("tool", tool_id)
        if not r.wants(path):
            continue
        category = r.catalog.categories.get(tool.category)
        neighbours = _neighbours(r, tool_id, tool)
        diagram = diagrams.neighbourhood(
            node(r, path, "tool", tool_id),
            [node(r, path, "tool", n["tool"], direction=n["direction"], data=", ".join(n["data"]),
                  live=n["live"], lifecycle=r.catalog.tools[n["tool"]].lifecycle.value)
             for n in neighbours],
        ) if neighbours else ""
        title = r.t.text(tool.name)
        keywords = [title, tool.vendor, *tool.capabilities, *tool.tags]
        pages[path] = r.page(
            "tool.md.j2", path, title, edit_path=r.edit_path("tool", tool_id),
            tool=tool, tool_id=tool_id, category=category,
            layer=r.catalog.layers.get(category.layer) if category else None,
            cancel_by=cancel_by(tool.contract), neighbours=neighbours,
            carried=_carried(r, tool_id),
            steps=r.links.tool_steps[tool_id], diagram=diagram, keywords=keywords,
            boost=name_boost(title))
    return pages


def _neighbours(r, tool_id: str, tool) -> list[dict]:
    """The tools this one exchanges data with, one entry each, as this tool sees them: flows
    it declares and flows other tools declare towards it (both sides may declare one link).
    Linear in the integrations: a tool may list the same partner a thousand times. ``flows``
    keeps each declared flow apart (several may link the same two tools); a flow both tools
    declare is listed once."""
    found: dict[str, dict] = {}

    def add(other: str, direction: str, integration):
        entry = found.setdefault(other, {"tool": other, "directions": set(), "data": {},
                                         "via": None, "live": False, "flows": {}})
        key = (direction, tuple(integration.data), integration.via, integration.method,
               integration.frequency)
        entry["flows"].setdefault(key, {
            "direction": direction, "data": integration.data, "via": integration.via,
            "method": integration.method, "frequency": integration.frequency})
        entry["directions"].add(direction)
        entry["data"].update(dict.fromkeys(integration.data))  # an ordered set
        entry["via"] = entry["via"] or integration.via
        entry["live"] = entry["live"] or is_live(integration)

    for integration in tool.integrations:
        add(integration.tool, integration.direction.value, integration)
    # integrated_from names a tool once per integration it declares: visit each tool once
    for other in dict.fromkeys(r.links.integrated_from[tool_id]):
        for integration in r.catalog.tools[other].integrations:
            if integration.tool == tool_id:
                add(other, REVERSED[integration.direction.value], integration)
    for entry in found.values():
        directions = entry.pop("directions")
        entry["direction"] = directions.pop() if len(directions) == 1 else "both"
        entry["data"] = list(entry["data"])
        entry["flows"] = list(entry["flows"].values())
    return list(found.values())


def _carried(r, tool_id: str) -> list[dict]:
    """The flows between other tools that this one carries (it is their ``via``, e.g. an
    iPaaS), each from the tool the data leaves to the one it reaches."""
    rows = []
    for source, index in r.links.carried_by[tool_id]:
        flow = r.catalog.tools[source].integrations[index]
        incoming = flow.direction.value == "in"
        rows.append({"from": flow.tool if incoming else source,
                     "to": source if incoming else flow.tool,
                     "both": flow.direction.value == "both", "data": flow.data,
                     "frequency": flow.frequency})
    return rows


def node(r, here: str, kind: str, entity_id: str, **extra) -> dict:
    """A diagram node: its label and a link to its page from the page at ``here``."""
    return {"id": entity_id, "label": r.name(kind, entity_id),
            "href": relative_url(here, page_path(kind, entity_id)), **extra}


def category_pages(r) -> dict:
    pages = {}
    also_in: dict[str, list[str]] = {}  # category -> tools naming it among further categories
    for tool_id, tool in r.catalog.tools.items():
        for further in dict.fromkeys(tool.categories):
            if further != tool.category:
                also_in.setdefault(further, []).append(tool_id)
    for category_id, category in r.catalog.categories.items():
        if not r.wants(page_path("category", category_id)):
            continue
        tool_ids = r.links.tools_in_category[category_id]
        by_capability: dict[str, list[str]] = {}
        for tool_id in tool_ids:
            for capability in r.catalog.tools[tool_id].capabilities:
                by_capability.setdefault(capability, []).append(tool_id)
        overlaps = {c: tools for c, tools in sorted(by_capability.items()) if len(tools) > 1}
        path = page_path("category", category_id)
        title = r.t.text(category.name)
        pages[path] = r.page(
            "category.md.j2", path, title, edit_path=r.edit_path("category", category_id),
            category=category, category_id=category_id, tool_ids=tool_ids,
            also_ids=also_in.get(category_id, []),
            layer=r.catalog.layers.get(category.layer),
            overlaps=overlaps, has_flows=any(r.catalog.tools[t].integrations or
                                             r.links.integrated_from[t] for t in tool_ids))
    path = _index_path("categories")
    if r.wants(path):
        pages[path] = r.page("categories.md.j2", path, r.t("nav.categories"),
                             edit_path=_first_file(r, "category"))
    return pages


def role_pages(r) -> dict:
    pages = {}
    wanted = [role_id for role_id in r.catalog.roles if r.wants(page_path("role", role_id))]
    for role_id in wanted:
        role = r.catalog.roles[role_id]
        path = page_path("role", role_id)
        title = r.t.text(role.name)
        steps = r.raci.role_steps(role_id)
        pages[path] = r.page(
            "role.md.j2", path, title, edit_path=r.edit_path("role", role_id), role=role,
            role_id=role_id, steps=steps, keywords=[title], boost=name_boost(title))
    path = _index_path("roles")
    if r.wants(path):
        pages[path] = r.page("roles.md.j2", path, r.t("nav.roles"))
    return pages


def person_pages(r) -> dict:
    """A page per person (owners by name) and the people index, when there are people."""
    pages = {}
    for person_id, person in r.catalog.people.items():
        path = page_path("person", person_id)
        if not r.wants(path):
            continue
        title = r.t.text(person.name)
        pages[path] = r.page(
            "person.md.j2", path, title, edit_path=r.edit_path("person", person_id),
            person=person, person_id=person_id, keywords=[title], boost=name_boost(title))
    path = _index_path("people")
    if r.catalog.people and r.wants(path):
        pages[path] = r.page("people.md.j2", path, r.t("people.title"))
    return pages


def team_pages(r) -> dict:
    pages = {}
    for team_id, team in r.catalog.teams.items():
        path = page_path("team", team_id)
        if not r.wants(path):
            continue
        member_roles = [m.role for m in team.members]
        headcount = {m.role: m.headcount for m in team.members}
        overrides = {m.role: m.reports_to for m in team.members if m.reports_to}
        nodes = [node(r, path, "role", role_id,
                      parent=overrides.get(role_id) or _team_parent(r, role_id, member_roles),
                      sublabel=r.t("team.people" if headcount[role_id] > 1 else "team.person",
                                   count=headcount[role_id]))
                 for role_id in member_roles]
        title = r.t.text(team.name)
        pages[path] = r.page(
            "team.md.j2", path, title, edit_path=r.edit_path("team", team_id), team=team,
            team_id=team_id, org_chart=diagrams.org_chart(nodes), org_tree=diagrams.org_tree(nodes),
            total=sum(headcount.values()), keywords=[], boost=SEARCH_BOOST)
    path = _index_path("teams")
    if r.wants(path):
        pages[path] = r.page("teams.md.j2", path, r.t("nav.teams"))
    return pages


def _team_parent(r, role_id: str, member_roles: list[str]) -> str | None:
    """The nearest manager of ``role_id`` who is in the same team (skipping absent levels)."""
    seen = {role_id}
    boss = r.catalog.roles[role_id].reports_to if role_id in r.catalog.roles else None
    while boss and boss not in seen:
        if boss in member_roles:
            return boss
        seen.add(boss)
        boss = r.catalog.roles[boss].reports_to if boss in r.catalog.roles else None
    return None


def playbook_pages(r) -> dict:
    pages = {}
    wanted = [playbook_id for playbook_id in r.catalog.playbooks
              if r.wants(page_path("playbook", playbook_id))]
    for playbook_id in wanted:
        playbook = r.catalog.playbooks[playbook_id]
        matrix = r.raci.playbook_matrix(playbook_id)
        numbers = {step.id: index + 1 for index, step in enumerate(playbook.steps) if step.id}
        steps = [{"step": step, "number": index + 1,
                  "accountable": accountable_roles(step.raci),
                  "depends_on": [(numbers[d], playbook.steps[numbers[d] - 1].name)
                                 for d in step.depends_on if d in numbers]}
                 for index, step in enumerate(playbook.steps)]
        flow_steps = [{"label": s["step"].name, "sublabel": ", ".join(
            r.name("role", a) for a in s["step"].raci.responsible)} for s in steps]
        flow = {"wide": diagrams.flow(flow_steps), "narrow": diagrams.flow(flow_steps, per_row=1)}
        path = page_path("playbook", playbook_id)
        title = r.t.text(playbook.name)
        pages[path] = r.page(
            "playbook.md.j2", path, title, edit_path=r.edit_path("playbook", playbook_id),
            playbook=playbook, playbook_id=playbook_id, steps=steps, matrix=matrix, flow=flow,
            keywords=[], boost=SEARCH_BOOST)
    path = _index_path("playbooks")
    if r.wants(path):
        pages[path] = r.page("playbooks.md.j2", path, r.t("nav.playbooks"))
    return pages


def kpi_pages(r) -> dict:
    pages = {}
    for kpi_id, kpi in r.catalog.kpis.items():
        path = page_path("kpi", kpi_id)
        if not r.wants(path):
            continue
        title = r.t.text(kpi.name)
        pages[path] = r.page(
            "kpi.md.j2", path, title, edit_path=r.edit_path("kpi", kpi_id), kpi=kpi,
            kpi_id=kpi_id, keywords=[], boost=SEARCH_BOOST)
    path = _index_path("kpis")
    if r.wants(path):
        pages[path] = r.page("kpis.md.j2", path, r.t("nav.kpis"))
    return pages


def _first_file(r, kind: str) -> str | None:
    first = next(iter(r.catalog.entities[kind]), None)
    return r.edit_path(kind, first) if first else None
