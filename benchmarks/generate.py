"""Write a synthetic, valid catalog of N tools for the benchmarks.

    python benchmarks/generate.py 2000 /tmp/catalog-2000

Everything else scales with the number of tools, roughly like a real landscape: one role per
20 tools, one playbook per 20 tools, one KPI per 40, one team per 250, capabilities shared by
about eight tools each, up to four integrations per tool. The output is the same for the same
N (fixed seed) and passes ``mops validate --strict``: names are unique, reporting lines form a
tree, RACI letters never overlap, dates are consistent and playbooks use no retired tool.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

import yaml

SEED = 2020  # the year of the landscape the largest size imitates

LAYERS = [
    ("advertising", "Advertising and promotion"),
    ("content", "Content and experience"),
    ("social", "Social and relationships"),
    ("commerce", "Commerce and sales"),
    ("data", "Data"),
    ("management", "Management"),
]
TASKS = [
    "run-campaigns", "manage-automation", "report-performance", "manage-data-quality",
    "administer-crm", "evaluate-tools", "integrate-systems", "score-leads",
    "manage-budget", "train-users", "ensure-compliance", "plan-strategy",
]
ARCHETYPES = ["maestro", "modeler", "maker", "marketer", "manager"]
LIFECYCLES = ["adopted"] * 6 + ["piloting", "evaluating", "sunsetting", "retired"]
STAGES = ["awareness", "consideration", "conversion", "retention", "advocacy"]
DATA_OBJECTS = ["leads", "contacts", "accounts", "opportunities", "campaign members",
                "events", "orders", "segments", "consent records"]
SYLLABLES = ["mar", "ket", "flow", "lead", "data", "sync", "pulse", "cast", "signal", "hub",
             "spark", "loop", "scope", "nova", "grid", "beam", "wave", "craft", "mint", "vox"]
SIZES = ["small", "mid-size", "enterprise"]
MODELS = ["one-person-band", "supporting-marketing", "strategic-partner"]

PARAGRAPH = (
    "The team uses {name} for {what}. Requests go through the MOps queue; the owner reviews "
    "changes to shared assets before they go live, and every change is noted in the change log."
)


def counts(tools: int) -> dict[str, int]:
    """How many entities of each kind a catalog of ``tools`` tools gets."""
    return {
        "tool": tools,
        "role": max(5, tools // 20),
        "playbook": max(2, tools // 20),
        "kpi": max(3, tools // 40),
        "team": max(1, tools // 250),
        "category": min(49, max(4, tools // 5)),
        "capability": max(10, tools // 8),
    }


def _product_name(rng: random.Random, index: int) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
    return f"{word} {rng.choice(['Cloud', 'Suite', 'IQ', 'One', 'Studio', 'Engage'])} {index}"


def _distinct(rng: random.Random, pool: list[str], k: int, avoid=()) -> list[str]:
    choices = [item for item in pool if item not in avoid]
    return rng.sample(choices, min(k, len(choices)))


def build(tools: int) -> dict[str, object]:
    """The catalog as ``{relative path: data}``."""
    rng = random.Random(SEED)
    n = counts(tools)
    files: dict[str, object] = {}

    categories = [f"category-{i:02d}" for i in range(n["category"])]
    files["catalog/categories.yaml"] = {
        "layers": [{"id": lid, "name": name} for lid, name in LAYERS],
        "categories": [
            {"id": cid, "name": f"Category {i}", "layer": LAYERS[i % len(LAYERS)][0],
             "description": f"Tools of kind {i} in the {LAYERS[i % len(LAYERS)][1]} layer."}
            for i, cid in enumerate(categories)
        ],
    }
    files["catalog/tasks.yaml"] = {
        "source": "synthetic benchmark data",
        "tasks": [{"id": tid, "name": tid.replace("-", " ").capitalize(),
                   "share": round(90 - 6.5 * i, 1)} for i, tid in enumerate(TASKS)],
    }

    roles = [f"role-{i:04d}" for i in range(n["role"])]
    for i, rid in enumerate(roles):
        role = {"name": f"Role {i}", "archetype": ARCHETYPES[i % len(ARCHETYPES)],
                "summary": f"Covers area {i} of marketing operations."}
        if i:
            role["reports_to"] = roles[(i - 1) // 4]  # a tree: no reporting loops
        role["responsibilities"] = [f"Own process area {i}", "Keep documentation current"]
        role["skills"] = _distinct(rng, ["SQL", "email", "CRM", "analytics", "HTML", "budgeting",
                                         "project management", "APIs"], 3)
        role["tasks"] = _distinct(rng, TASKS, rng.randint(1, 4))
        files[f"catalog/roles/{rid}.yaml"] = role

    kpis = [f"kpi-{i:04d}" for i in range(n["kpi"])]
    for i, kid in enumerate(kpis):
        kpi = {"name": f"Metric {i}", "definition": f"Count of outcome {i} per month."}
        if i % 5 == 1:
            kpi["replaces"] = kpis[i - 1]
        if i % 5 == 0:
            kpi["vanity"] = True
        files[f"catalog/kpis/{kid}.yaml"] = kpi

    for i in range(n["team"]):
        members = [{"role": rid, "headcount": rng.randint(1, 3)}
                   for rid in _distinct(rng, roles, rng.randint(2, 6))]
        files[f"catalog/teams/team-{i:03d}.yaml"] = {
            "name": f"Team structure {i}", "company_size": SIZES[i % 3],
            "operating_model": MODELS[i % 3], "members": members,
            "description": "How the team splits the work between its members.",
        }

    capabilities = [f"capability-{i:04d}" for i in range(n["capability"])]
    tool_ids = [f"tool-{i:05d}" for i in range(tools)]
    in_use = []  # tools that playbooks may name (not retired)
    for i, tid in enumerate(tool_ids):
        name = _product_name(rng, i)
        lifecycle = rng.choice(LIFECYCLES)
        if lifecycle != "retired":
            in_use.append(tid)
        tool = {
            "name": name,
            "vendor": f"Vendor {i // 3}",
            "category": rng.choice(categories),
            "lifecycle": lifecycle,
            "owner": rng.choice(roles),
            "users": _distinct(rng, roles, rng.randint(1, 4)),
            "capabilities": _distinct(rng, capabilities, rng.randint(1, 5)),
            "stages": _distinct(rng, STAGES, rng.randint(1, 3)),
        }
        targets = [tool_ids[t] for t in rng.sample(range(i), min(i, rng.randint(0, 4)))]
        if targets:
            tool["integrations"] = [
                {"tool": target, "direction": rng.choice(["in", "out", "both"]),
                 "data": _distinct(rng, DATA_OBJECTS, rng.randint(1, 3))}
                for target in targets
            ]
        if i % 2 == 0:
            bought = rng.randint(5, 500)
            tool["cost"] = {"amount": rng.randint(1, 200) * 600, "currency": "USD",
                            "period": "year", "example": True}
            tool["licences"] = {"bought": bought, "active": rng.randint(1, bought)}
            start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 365))
            tool["contract"] = {"start": start, "renewal": start + dt.timedelta(days=365),
                                "auto_renew": rng.random() < 0.5,
                                "notice_days": rng.choice([30, 60, 90])}
        if i % 3 == 0:
            tool["data"] = {"personal_data": True, "categories": ["contact details"]}
            tool["reviews"] = {"security": dt.date(2025, 3, 1) + dt.timedelta(days=i % 200)}
        tool["url"] = f"https://example.com/products/{tid}"
        tool["tags"] = _distinct(rng, ["core", "legacy", "regional", "pilot", "shared"], 2)
        tool["description"] = "\n\n".join([
            PARAGRAPH.format(name=name, what=f"capability group {i % 97}"),
            f"- Admin guide: see the internal wiki, page {i}\n- Support: vendor portal",
        ])
        files[f"catalog/tools/{tid}.yaml"] = tool

    for i in range(n["playbook"]):
        steps = []
        for s in range(rng.randint(3, 8)):
            people = _distinct(rng, roles, 5)
            step = {
                "name": f"Step {s + 1} of process {i}",
                "raci": {"responsible": people[:2], "accountable": people[0],
                         "consulted": people[2:3], "informed": people[3:5]},
                "tools": _distinct(rng, in_use, rng.randint(1, 3)),
                "outputs": [f"Deliverable {s + 1}"],
                "description": "Do the work, check it against the brief and hand it on.",
            }
            steps.append(step)
        files[f"playbooks/playbook-{i:04d}.yaml"] = {
            "name": f"Process {i}", "purpose": f"Run recurring process {i} the same way each time.",
            "owner": rng.choice(roles), "cadence": rng.choice(["weekly", "monthly", "quarterly"]),
            "steps": steps, "kpis": _distinct(rng, kpis, rng.randint(1, 3)),
        }
    return files


def write(tools: int, out: Path) -> int:
    """Write the catalog under ``out``; returns the number of files written."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    files = build(tools)
    for folder in {(out / relative).parent for relative in files}:
        folder.mkdir(parents=True, exist_ok=True)
    for relative, data in files.items():
        path = out / relative
        path.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True,
                                  width=100), encoding="utf-8")
    return len(files)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic valid catalog of N tools.")
    parser.add_argument("tools", type=int, help="number of tools (e.g. 250, 2000, 8000)")
    parser.add_argument("out", type=Path, help="folder to write the catalog into")
    args = parser.parse_args(argv)
    if args.tools < 2:
        parser.error("need at least 2 tools")
    if args.out.exists() and any(args.out.iterdir()):
        print(f"error: {args.out} is not empty; choose a new folder", file=sys.stderr)
        return 2
    written = write(args.tools, args.out)
    print(f"wrote {written} files for {args.tools} tools to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
