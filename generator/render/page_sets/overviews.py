"""Pages that look across the catalog: home, stack map views, RACI overview, integration map,
MOps tasks."""

from __future__ import annotations

from collections import defaultdict

from generator.analysis.costs import cost_tables
from generator.analysis.raci import role_load
from generator.model.schema import JourneyStage, Lifecycle
from generator.render import diagrams
from generator.render.urls import page_path, relative_url

COUNTED_KINDS = ("tool", "category", "role", "team", "playbook", "kpi", "task")


STACK_PAGES = ("stack/index.md", "stack/by-stage.md", "stack/by-owner.md", "tools/index.md")


def home_page(r) -> dict:
    if not r.wants("index.md"):
        return {}
    catalog = r.catalog
    counts = {kind: len(catalog.entities[kind]) for kind in COUNTED_KINDS}
    lifecycle_counts = {state.value: sum(t.lifecycle == state for t in catalog.tools.values())
                        for state in Lifecycle}
    costs = cost_tables(catalog, r.settings)
    others = costs.other_currencies
    other_totals = {currency: float(others[others["currency"] == currency]["annual"].sum())
                    for currency in sorted(set(others["currency"]))}
    examples = bool(costs.tools["example"].any() or others["example"].any())
    return {"index.md": r.page(
        "home.md.j2", "index.md", r.t("site.home"), counts=counts,
        lifecycle_counts=lifecycle_counts, main_total=costs.total_annual,
        other_totals={c: v for c, v in other_totals.items() if v}, cost_examples=examples)}


def stack_pages(r) -> dict:
    if not r.wants(*STACK_PAGES):
        return {}
    catalog, links = r.catalog, r.links
    here = "stack/index.md"
    layers = []
    for layer_id, layer in catalog.layers.items():
        panels = [(r.name("category", c), relative_url(here, page_path("category", c)),
                   links.tools_in_category[c])
                  for c in links.categories_in_layer[layer_id] if links.tools_in_category[c]]
        layers.append({"layer": layer, "categories": panels})
    by_stage = [(r.t(f"stage.{stage.value}"), None,
                 [i for i, t in catalog.tools.items() if stage in t.stages])
                for stage in JourneyStage]
    no_stage = [(r.t("stack.no_stage"), None, [i for i, t in catalog.tools.items()
                                               if not t.stages])]
    by_owner = sorted(((r.name(kind, owner_id), relative_url(here, page_path(kind, owner_id)),
                        links.owned_tools[owner_id])
                       for kind in ("role", "person") for owner_id in catalog.entities[kind]),
                      key=lambda group: (group[0].casefold(), group[1]))
    all_tools = r.by_name("tool", catalog.tools)
    return {
        here: r.page("stack-map.md.j2", here, r.t("nav.stack"), layers=layers,
                     total=len(catalog.tools)),
        "stack/by-stage.md": r.page("stack-groups.md.j2", "stack/by-stage.md",
                                    r.t("stack.by_stage"), intro=r.t("stack.by_stage.intro"),
                                    groups=[g for g in by_stage + no_stage if g[2]]),
        "stack/by-owner.md": r.page("stack-groups.md.j2", "stack/by-owner.md",
                                    r.t("stack.by_owner"), intro=r.t("stack.by_owner.intro"),
                                    groups=[g for g in by_owner if g[2]]),
        "tools/index.md": r.page("tools.md.j2", "tools/index.md", r.t("nav.tools"),
                                 tool_ids=all_tools),
    }


def raci_page(r) -> dict:
    if not r.wants("raci.md"):
        return {}
    load = role_load(r.catalog)
    chart = diagrams.stacked_bar_chart(
        [{"label": r.name("role", role_id), "href": relative_url("raci.md", page_path("role", role_id)),
          "values": {letter: int(load.loc[role_id, letter]) for letter in "RACI"}}
         for role_id in load.index],
        series=[(letter, r.t(f"raci.{name}")) for letter, name in
                zip("RACI", ("responsible", "accountable", "consulted", "informed"))],
    ) if len(load.index) else ""
    return {"raci.md": r.page("raci.md.j2", "raci.md", r.t("nav.raci"),
                              matrices=_playbook_matrices(r), load=load, chart=chart)}


def _playbook_matrices(r) -> list[tuple[str, object]]:
    """Each playbook's steps x only the roles with a part in it: one small table per playbook
    reads at a glance, where one table of every step x every role grows with the square of
    the catalog (400 roles wide at 8,000 tools)."""
    matrices = [(playbook_id, r.raci.playbook_matrix(playbook_id))
                for playbook_id in r.catalog.playbooks]
    return [(playbook_id, matrix) for playbook_id, matrix in matrices if matrix.columns]


def integration_pages(r) -> dict:
    """One page per category (every flow touching its tools, drawn with the tools sending data
    to it on the left and those receiving on the right), so each map stays small however big
    the stack; and an index with the whole-stack map (layers as bands; left out for more than
    ``MAP_MOST_TOOLS`` tools or ``MAP_MOST_CROSSINGS`` crossings per flow, when the page says
    so and links the category maps) and the flows between layers."""
    catalog, links = r.catalog, r.links
    if not r.wants("integrations/index.md", *(f"integrations/{c}.md" for c in catalog.categories)):
        return {}
    category_of = {tool_id: tool.category for tool_id, tool in catalog.tools.items()}
    layer_of = {tool_id: getattr(catalog.categories.get(c), "layer", None)
                for tool_id, c in category_of.items()}
    flows = [{"source": tool_id, "target": i.tool, "direction": i.direction.value,
              "data": i.data, "via": i.via, "live": is_live(i)}
             for tool_id, tool in catalog.tools.items() for i in tool.integrations
             if i.tool in catalog.tools]
    between: dict[tuple, int] = defaultdict(int)
    for flow in flows:
        between[(layer_of[flow["source"]], layer_of[flow["target"]])] += 1
    touching_category: dict[str, list[dict]] = defaultdict(list)  # in flow order, once each
    for flow in flows:
        for category_id in dict.fromkeys((category_of[flow["source"]],
                                          category_of[flow["target"]])):
            touching_category[category_id].append(flow)
    pages = {}
    counts: dict[str, int] = {}
    for category_id, category in catalog.categories.items():
        members = links.tools_in_category[category_id]
        touching = touching_category.get(category_id, [])
        if not touching:
            continue
        counts[category_id] = len(touching)
        path = f"integrations/{category_id}.md"
        if not r.wants(path):
            continue
        pages[path] = r.page(
            "integrations-category.md.j2", path,
            r.t("integrations.category", category=r.t.text(category.name)),
            category_id=category_id, flows=touching,
            diagram=_integration_diagram(r, path, category, members, touching, layer_of))
    if not r.wants("integrations/index.md"):
        return pages
    mapped = {tool_id for flow in flows for tool_id in (flow["source"], flow["target"])}
    pages["integrations/index.md"] = r.page(
        "integrations.md.j2", "integrations/index.md", r.t("nav.integrations"), counts=counts,
        stack_map=_stack_map(r, flows, mapped, layer_of) if len(mapped) <= MAP_MOST_TOOLS else "",
        mapped=len(mapped),
        between=dict(between), total=len(flows),
        layer_ids=[layer_id for layer_id in catalog.layers
                   if any(layer_id in pair for pair in between)])
    return pages


WIDE_PAGE = 940  # px: Material's content column at 1440 px with no table of contents
MAP_MOST_TOOLS = 60
"""The whole-stack map draws at most this many tools (about 15 a layer): beyond, its columns
grow too tall to follow a line across, and the page links each category's map instead."""
MAP_MOST_CROSSINGS = 10
"""... and at most this many crossings of its lines per flow. The bundled 42-tool stack has
about 6; 50 tools whose flows join layers at random (benchmarks/generate.py) have 18, a
tangle no reader can follow."""


def is_live(integration) -> bool:
    """False for a one-off migration (``frequency: one-off``): not a flow that keeps running."""
    frequency = getattr(integration, "frequency", None)
    return str(getattr(frequency, "value", frequency) or "") != "one-off"


def _stack_map(r, flows, mapped, layer_of) -> str:
    """Every tool with a flow, one column per stack layer (tools ordered by category, then
    name), one edge per pair of tools (their flows merged), labelled with the data."""
    here = "integrations/index.md"
    pairs: dict[tuple[str, str], dict] = {}
    for flow in flows:
        key = tuple(sorted((flow["source"], flow["target"])))
        direction = flow["direction"] if key == (flow["source"], flow["target"]) else \
            {"in": "out", "out": "in", "both": "both"}[flow["direction"]]
        pair = pairs.setdefault(key, {"source": key[0], "target": key[1], "direction": direction,
                                      "data": {}, "live": False})
        if pair["direction"] != direction:
            pair["direction"] = "both"
        pair["data"].update(dict.fromkeys(flow["data"]))  # an ordered set: linear in the flows
        pair["live"] = pair["live"] or flow["live"]
    category_order = {c: n for n, c in enumerate(r.catalog.categories)}

    def order(tool_id: str):
        return (category_order.get(r.catalog.tools[tool_id].category, len(category_order)),
                r.name("tool", tool_id).casefold(), tool_id)

    groups = []
    for layer_id, layer in r.catalog.layers.items():
        tools = sorted((t for t in mapped if layer_of[t] == layer_id), key=order)
        if tools:
            groups.append((r.t.text(layer.name), tools))
    unlayered = sorted((t for t in mapped if layer_of[t] not in r.catalog.layers), key=order)
    if unlayered:
        groups.append(("", unlayered))
    for pair in pairs.values():
        pair["data"] = list(pair["data"])
    return _tool_network(r, here, groups, list(pairs.values()), title=r.t("integrations.map"),
                         whole_stack=True)


def _tool_network(r, here: str, groups, flows, title: str | None = None,
                  sublabels: bool = False, whole_stack: bool = False) -> str:
    """``groups`` ((label, tool ids) pairs) as columns, ``flows`` as edges labelled with data;
    with ``sublabels`` each tool box names the tool's category too. ``whole_stack``: the
    groups are the stack's layers, drawn as bands in the order with the fewest long edges,
    and the data is left to the edges' tooltips (there are too many flows to label them)."""
    def sublabel(tool_id: str) -> str:
        category = r.catalog.tools[tool_id].category
        return r.name("category", category) if sublabels and category in r.catalog.categories else ""

    return diagrams.network(
        [{"label": label, "nodes": [{"id": t, "label": r.name("tool", t), "sublabel": sublabel(t),
                                     "lifecycle": r.catalog.tools[t].lifecycle.value,
                                     "href": relative_url(here, page_path("tool", t))}
                                    for t in tool_ids]} for label, tool_ids in groups],
        [{"source": f["source"], "target": f["target"], "direction": f["direction"],
          "label": ", ".join(f["data"]), "live": f["live"]} for f in flows],
        title=title, order_groups=whole_stack, edge_labels=not whole_stack,
        bands_within=WIDE_PAGE / 0.85 if whole_stack else None,  # diagrams.css: shown at 85 % or more
        most_crossings=MAP_MOST_CROSSINGS if whole_stack else None)


def _integration_diagram(r, here, category, members, flows, layer_of) -> str:
    """The category's tools in the middle; the tools that send them data on the left, those
    that receive it on the right (two-way partners on the side with fewer), each named with
    its category. Three columns fit the page at full size however many layers take part."""
    inward: dict[str, int] = defaultdict(int)  # other tool -> flows in minus flows out
    for flow in flows:
        for end, sign in ((flow["source"], 1), (flow["target"], -1)):
            if end not in members:
                inward[end] += sign if flow["direction"] == "out" else -sign if flow["direction"] == "in" else 0
    layer_order = {layer_id: n for n, layer_id in enumerate(r.catalog.layers)}
    others = sorted(inward, key=lambda t: (layer_order.get(layer_of[t], len(layer_order)),
                                           r.name("tool", t).casefold(), t))
    left = [t for t in others if inward[t] > 0]
    right = [t for t in others if inward[t] < 0]
    for tool_id in others:
        if inward[tool_id] == 0:
            (left if len(left) <= len(right) else right).append(tool_id)
    groups = [(r.t("integrations.sources"), left), (r.t.text(category.name), members),
              (r.t("integrations.targets"), right)]
    return _tool_network(r, here, [g for g in groups if g[1]], flows, sublabels=True)


def tasks_page(r) -> dict:
    if not r.wants("tasks.md"):
        return {}
    tasks = r.catalog.tasks
    chart = diagrams.bar_chart(
        [{"label": r.t.text(task.name), "value": task.share} for task in tasks.values()
         if task.share is not None], unit="%") if tasks else ""
    sources = [task.source for task in tasks.values() if task.source]
    if tasks:  # the list file's own `source:` covers every task in it
        first = r.catalog.sources[("task", next(iter(tasks)))].parsed.data
        sources.insert(0, first.get("source") if isinstance(first, dict) else None)
    edit_path = r.edit_path("task", next(iter(tasks))) if tasks else None
    return {"tasks.md": r.page("tasks.md.j2", "tasks.md", r.t("nav.tasks"), tasks=tasks,
                               chart=chart, sources=[s for s in dict.fromkeys(sources) if s],
                               edit_path=edit_path)}
