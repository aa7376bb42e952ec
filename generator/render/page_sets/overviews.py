"""Pages that look across the catalog: home, stack map views, RACI overview, integration map,
MOps tasks."""

from __future__ import annotations

from collections import defaultdict

from generator.analysis.raci import raci_matrix, role_load
from generator.model.schema import JourneyStage, Lifecycle
from generator.render import diagrams
from generator.render.urls import page_path, relative_url

PERIODS_PER_YEAR = {"month": 12, "year": 1}  # one-off costs are not part of the annual run rate
COUNTED_KINDS = ("tool", "category", "role", "team", "playbook", "kpi", "task")


def annual_costs(catalog) -> dict:
    """Annual run rate of tools still in use, per currency, and whether any figure is an
    example."""
    totals: dict[str, float] = defaultdict(float)
    examples = False
    for tool in catalog.tools.values():
        cost = tool.cost
        if cost is None or tool.lifecycle == Lifecycle.RETIRED:
            continue
        per_year = PERIODS_PER_YEAR.get(cost.period.value)
        if per_year is None:
            continue
        totals[cost.currency] += cost.amount * per_year
        examples = examples or cost.example
    return {"totals": dict(sorted(totals.items())), "examples": examples}


def home_page(r) -> dict:
    catalog = r.catalog
    counts = {kind: len(catalog.entities[kind]) for kind in COUNTED_KINDS}
    lifecycle_counts = {state.value: sum(t.lifecycle == state for t in catalog.tools.values())
                        for state in Lifecycle}
    costs = annual_costs(catalog)
    main_total = costs["totals"].get(r.settings.currency, 0.0)
    other_totals = {c: v for c, v in costs["totals"].items() if c != r.settings.currency}
    return {"index.md": r.page(
        "home.md.j2", "index.md", r.t("site.home"), counts=counts,
        lifecycle_counts=lifecycle_counts, main_total=main_total, other_totals=other_totals,
        cost_examples=costs["examples"])}


def stack_pages(r) -> dict:
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
    by_owner = [(r.name("role", role_id), relative_url(here, page_path("role", role_id)),
                 links.owned_tools[role_id]) for role_id in catalog.roles]
    all_tools = sorted(catalog.tools, key=lambda i: r.name("tool", i).casefold())
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
    load = role_load(r.catalog)
    chart = diagrams.stacked_bar_chart(
        [{"label": r.name("role", role_id), "href": relative_url("raci.md", page_path("role", role_id)),
          "values": {letter: int(load.loc[role_id, letter]) for letter in "RACI"}}
         for role_id in load.index],
        series=[(letter, r.t(f"raci.{name}")) for letter, name in
                zip("RACI", ("responsible", "accountable", "consulted", "informed"))],
    ) if len(load.index) else ""
    return {"raci.md": r.page("raci.md.j2", "raci.md", r.t("nav.raci"),
                              matrix=raci_matrix(r.catalog), load=load, chart=chart)}


def integration_pages(r) -> dict:
    """One page per layer (flows touching its tools) and an index of flows between layers."""
    catalog = r.catalog
    layer_of = {}
    for tool_id, tool in catalog.tools.items():
        category = catalog.categories.get(tool.category)
        layer_of[tool_id] = category.layer if category else None
    flows = [{"source": tool_id, "target": i.tool, "direction": i.direction.value,
              "data": i.data, "via": i.via}
             for tool_id, tool in catalog.tools.items() for i in tool.integrations
             if i.tool in catalog.tools]
    between: dict[tuple, int] = defaultdict(int)
    for flow in flows:
        between[(layer_of[flow["source"]], layer_of[flow["target"]])] += 1
    layer_ids = [layer_id for layer_id in catalog.layers
                 if any(layer_id in pair for pair in between)]
    pages = {}
    layer_pages = []
    for layer_id, layer in catalog.layers.items():
        touching = [f for f in flows
                    if layer_id in (layer_of[f["source"]], layer_of[f["target"]])]
        if not touching:
            continue
        path = f"integrations/{layer_id}.md"
        layer_pages.append((layer_id, path, len(touching)))
        tools_here = list(dict.fromkeys(t for f in touching for t in (f["source"], f["target"])))
        groups = defaultdict(list)
        for tool_id in tools_here:
            groups[layer_of[tool_id]].append(tool_id)
        diagram = diagrams.network(
            [{"id": g or "", "label": r.t.text(catalog.layers[g].name) if g in catalog.layers
              else "", "nodes": [{"id": t, "label": r.name("tool", t),
                                  "href": relative_url(path, page_path("tool", t))} for t in members]}
             for g, members in groups.items()],
            [{"source": f["source"], "target": f["target"], "direction": f["direction"],
              "label": ", ".join(f["data"])} for f in touching])
        pages[path] = r.page("integrations-layer.md.j2", path,
                             r.t("integrations.layer", layer=r.t.text(layer.name)),
                             layer=layer, flows=touching, diagram=diagram)
    pages["integrations/index.md"] = r.page(
        "integrations.md.j2", "integrations/index.md", r.t("nav.integrations"),
        layer_pages=layer_pages, between=dict(between), layer_ids=layer_ids, total=len(flows))
    return pages


def tasks_page(r) -> dict:
    tasks = r.catalog.tasks
    chart = diagrams.bar_chart(
        [{"label": r.t.text(task.name), "value": task.share} for task in tasks.values()
         if task.share is not None], unit="%") if tasks else ""
    sources = [task.source for task in tasks.values() if task.source]
    if tasks:  # the list file's own `source:` covers every task in it
        first = r.catalog.sources[("task", next(iter(tasks)))].parsed.data
        sources.insert(0, first.get("source") if isinstance(first, dict) else None)
    return {"tasks.md": r.page("tasks.md.j2", "tasks.md", r.t("nav.tasks"), tasks=tasks,
                               chart=chart, sources=[s for s in dict.fromkeys(sources) if s])}
