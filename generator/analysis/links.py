"""Reverse links: for each entity, what points at it (computed once per catalog).

A role page lists the tools it owns and the steps it is R/A/C/I on; a tool page lists the
playbook steps that use it and the tools that integrate with it. All of that is here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

LETTERS = ("responsible", "accountable", "consulted", "informed")


def accountable_roles(raci) -> list[str]:
    return list(raci.accountable) if isinstance(raci.accountable, list) else [raci.accountable]


@dataclass(frozen=True)
class StepRef:
    playbook: str
    index: int  # 0-based position of the step in the playbook
    name: str

    def as_dict(self) -> dict:
        return {"playbook": self.playbook, "step": self.index + 1, "name": self.name}


@dataclass
class Links:
    owned_tools: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Role or person id -> tools it is the business owner of."""
    administered_tools: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Role or person id -> tools it is the technical owner of."""
    people_in_role: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    tools_in_extra_category: dict[str, list[str]] = field(
        default_factory=lambda: defaultdict(list))
    """Category id -> tools that list it among their further `categories`."""
    used_tools: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    owned_playbooks: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    direct_reports: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    teams_of_role: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    role_steps: dict[str, dict[str, list[StepRef]]] = field(
        default_factory=lambda: defaultdict(lambda: {letter: [] for letter in LETTERS}))
    tool_steps: dict[str, list[StepRef]] = field(default_factory=lambda: defaultdict(list))
    integrated_from: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    carried_by: dict[str, list[tuple[str, int]]] = field(
        default_factory=lambda: defaultdict(list))
    """A tool named as ``via`` -> ``(tool id, integration index)`` of the flows it carries."""
    tools_in_category: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    categories_in_layer: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    playbooks_of_kpi: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    replaced_by: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    roles_of_task: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def build_links(catalog) -> Links:
    links = Links()
    for tool_id, tool in catalog.tools.items():
        if tool.owner:
            links.owned_tools[tool.owner].append(tool_id)
        if tool.technical_owner:
            links.administered_tools[tool.technical_owner].append(tool_id)
        for category in dict.fromkeys(tool.categories):
            if category != tool.category:
                links.tools_in_extra_category[category].append(tool_id)
        for role in dict.fromkeys(tool.users):
            links.used_tools[role].append(tool_id)
        links.tools_in_category[tool.category].append(tool_id)
        for index, integration in enumerate(tool.integrations):
            links.integrated_from[integration.tool].append(tool_id)
            if integration.via:
                links.carried_by[integration.via].append((tool_id, index))
    for role_id, role in catalog.roles.items():
        if role.reports_to:
            links.direct_reports[role.reports_to].append(role_id)
        for task in role.tasks:
            links.roles_of_task[task].append(role_id)
    for person_id, person in catalog.people.items():
        if person.role:
            links.people_in_role[person.role].append(person_id)
    for team_id, team in catalog.teams.items():
        for member in team.members:
            if team_id not in links.teams_of_role[member.role]:
                links.teams_of_role[member.role].append(team_id)
    for category_id, category in catalog.categories.items():
        links.categories_in_layer[category.layer].append(category_id)
    for kpi_id, kpi in catalog.kpis.items():
        if kpi.replaces:
            links.replaced_by[kpi.replaces].append(kpi_id)
    for playbook_id, playbook in catalog.playbooks.items():
        links.owned_playbooks[playbook.owner].append(playbook_id)
        for kpi in playbook.kpis:
            links.playbooks_of_kpi[kpi].append(playbook_id)
        for index, step in enumerate(playbook.steps):
            ref = StepRef(playbook_id, index, step.name)
            raci = step.raci
            assigned = {"responsible": raci.responsible, "accountable": accountable_roles(raci),
                        "consulted": raci.consulted, "informed": raci.informed}
            for letter, roles in assigned.items():
                for role in dict.fromkeys(roles):
                    links.role_steps[role][letter].append(ref)
            for tool in dict.fromkeys(step.tools):
                links.tool_steps[tool].append(ref)
    return links
