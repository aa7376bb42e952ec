"""Two catalogs in, the changes between them out, as plain data (rendering lives elsewhere).

``compare(base, head)`` takes the two sides as ``Side`` (a catalog and its problems) and
returns a ``CatalogDiff``: entities added, removed, renamed or changed (with lifecycle and
owner changes, integrations added, removed or changed (frequency, method, direction, data or
carrier, per flow) and RACI changes per playbook step), cost changes per tool with annual
totals per currency, and the validation problems the change introduces.

An entity whose file is broken on one side is neither added nor removed (its problems say
why). A removed entity and an added one of the same kind count as a rename when their content is
equal, or failing that when their names are equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.analysis.costs import annual_amount
from generator.model.catalog import KINDS
from generator.problem import Problem

# the order changes are listed in: what reviewers care about most first
KIND_ORDER = ("tool", "role", "person", "team", "playbook", "kpi", "category", "layer",
              "task")
assert set(KIND_ORDER) == set(KINDS)
TRACKED_FIELDS = ("lifecycle", "owner", "technical_owner")
"""Fields whose old and new values are shown; other changed fields are only named."""
REPORTED_APART = {"id", "cost", "integrations", "steps"}
"""Fields shown in their own way (a changed id is the rename itself)."""
INTEGRATION_FIELDS = ("direction", "method", "frequency", "via", "data")
"""An integration's settings compared between the sides of a flow to the same tool."""
RACI_ASSIGNMENTS = ("responsible", "accountable", "consulted", "informed")


@dataclass
class Side:
    """One side of the comparison: a catalog and the problems validation found in it."""

    label: str
    catalog: object
    problems: list[Problem]


@dataclass
class FieldChange:
    field: str
    before: object
    after: object


@dataclass
class RaciChange:
    assignment: str
    """``responsible``, ``accountable``, ``consulted`` or ``informed``."""
    added: list[str]
    removed: list[str]


@dataclass
class StepChange:
    step: str
    change: str
    """``added``, ``removed`` or ``changed``."""
    raci: list[RaciChange] = field(default_factory=list)
    other_fields: list[str] = field(default_factory=list)


@dataclass
class IntegrationChange:
    """One flow between a tool and another that exists on both sides with other settings."""

    tool: str
    """The tool whose file lists the flow."""
    other: str
    """The tool at the other end."""
    direction: str
    """The flow's direction on the newer side: ``out`` (from ``tool`` to ``other``), ``in``
    or ``both``."""
    fields: list[FieldChange]
    """What changed, in the order of ``INTEGRATION_FIELDS``; ``data`` as lists."""


@dataclass
class EntityChange:
    kind: str
    id: str
    change: str
    """``added``, ``removed``, ``renamed`` or ``changed``."""
    name: object
    """The entity's ``name`` (a string or ``{language: text}``) on the newer side."""
    old_id: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    other_fields: list[str] = field(default_factory=list)
    integrations_added: list[str] = field(default_factory=list)
    integrations_removed: list[str] = field(default_factory=list)
    integrations_changed: list[IntegrationChange] = field(default_factory=list)
    steps: list[StepChange] = field(default_factory=list)
    steps_reordered: bool = False


@dataclass
class CostChange:
    tool: str
    before: dict | None
    """``{amount, currency, period}``, ``{lines: [{amount, currency, period, type}, ...]}``
    (several lines, or media spend), or None when the tool had no cost (or did not exist)."""
    after: dict | None


@dataclass
class CostTotal:
    """What all tools cost in one currency, per year (one-off amounts apart)."""

    currency: str
    annual_before: float
    annual_after: float
    one_off_before: float
    one_off_after: float


@dataclass
class CatalogDiff:
    base: str
    head: str
    entities: list[EntityChange]
    costs: list[CostChange]
    totals: list[CostTotal]
    new_problems: list[Problem]
    fixed_problems: list[Problem]

    @property
    def is_empty(self) -> bool:
        return not (self.entities or self.costs or self.new_problems or self.fixed_problems)


def compare(base: Side, head: Side) -> CatalogDiff:
    entities, renamed = [], {}
    for kind in KIND_ORDER:
        changes = _compare_kind(kind, base.catalog, head.catalog)
        entities.extend(changes)
        if kind == "tool":
            renamed = {c.old_id: c.id for c in changes if c.change == "renamed"}
    costs = _cost_changes(base.catalog.tools, head.catalog.tools, renamed)
    totals = _cost_totals(base.catalog.tools, head.catalog.tools) if costs else []
    new_problems = _problems_only_in(head.problems, base.problems)
    fixed_problems = _problems_only_in(base.problems, head.problems)
    return CatalogDiff(base.label, head.label, entities, costs, totals, new_problems,
                       fixed_problems)


# --------------------------------------------------------------------------- entities


def _dump(entity) -> dict:
    return entity.model_dump(mode="json")


def _compare_kind(kind: str, base, head) -> list[EntityChange]:
    """An entity whose file exists on both sides but fails validation on one is left out: the
    problems section tells what is wrong with it."""
    before, after = base.entities[kind], head.entities[kind]
    removed = [i for i in before if i not in head.known[kind]]
    added = [i for i in after if i not in base.known[kind]]
    renames = _match_renames(removed, added, before, after)
    changes = []
    for old_id, new_id in renames.items():
        change = _compare_entity(kind, new_id, before[old_id], after[new_id])
        change.change, change.old_id = "renamed", old_id
        changes.append(change)
    for entity_id in added:
        if entity_id not in renames.values():
            changes.append(EntityChange(kind, entity_id, "added", after[entity_id].name))
    for entity_id in removed:
        if entity_id not in renames:
            changes.append(EntityChange(kind, entity_id, "removed", before[entity_id].name))
    for entity_id in after:
        if entity_id in before and _dump(before[entity_id]) != _dump(after[entity_id]):
            changes.append(_compare_entity(kind, entity_id, before[entity_id], after[entity_id]))
    return sorted(changes, key=lambda c: c.id)


def _match_renames(removed, added, before, after) -> dict[str, str]:
    """``{old id: new id}``: equal content first, then equal names."""
    renames: dict[str, str] = {}
    for same in (lambda a, b: _dump(a) == _dump(b), lambda a, b: a.name == b.name):
        for old_id in removed:
            if old_id in renames:
                continue
            for new_id in added:
                if new_id not in renames.values() and same(before[old_id], after[new_id]):
                    renames[old_id] = new_id
                    break
    return renames


def _compare_entity(kind: str, entity_id: str, old, new) -> EntityChange:
    change = EntityChange(kind, entity_id, "changed", new.name)
    old_data, new_data = _dump(old), _dump(new)
    for name in TRACKED_FIELDS:
        if name in new_data and old_data.get(name) != new_data.get(name):
            change.fields.append(FieldChange(name, old_data.get(name), new_data.get(name)))
    tracked = {f.field for f in change.fields}
    change.other_fields = [name for name in new_data if name not in tracked | REPORTED_APART
                           and old_data.get(name) != new_data.get(name)]
    if kind == "tool":
        added, removed, changed = _compare_integrations(entity_id, old.integrations,
                                                         new.integrations)
        change.integrations_added = [_flow_key(i) for i in added]
        change.integrations_removed = [_flow_key(i) for i in removed]
        change.integrations_changed = changed
        if old_data["integrations"] != new_data["integrations"] and not (
                added or removed or changed):
            change.other_fields.append("integrations")  # the same flows, in another order
    if kind == "playbook":
        change.steps, change.steps_reordered = _compare_steps(old.steps, new.steps)
    return change


def _flow_key(integration) -> str:
    """``salesforce``, or ``salesforce via zapier`` for a flow carried by another tool."""
    return f"{integration.tool} via {integration.via}" if integration.via else integration.tool


def _flow_settings(integration) -> dict:
    data = integration.model_dump(mode="json")
    return {name: data.get(name) for name in INTEGRATION_FIELDS}


def _likeness(before: dict, after: dict) -> int:
    """Settings two flows share (unset ones say nothing), data objects counted one by one."""
    shared = sum(1 for name in INTEGRATION_FIELDS if name != "data"
                 and before[name] is not None and before[name] == after[name])
    return shared + len(set(before["data"]) & set(after["data"]))


def _compare_integrations(tool_id: str, old_flows, new_flows):
    """Flows added, removed and changed, matched per tool at the other end: equal flows first,
    then each remaining old flow with the remaining new flow sharing most settings and data
    objects (several flows to one tool may differ in data, direction or method)."""
    added, removed, changed = [], [], []
    others = list(dict.fromkeys([i.tool for i in old_flows] + [i.tool for i in new_flows]))
    for other in others:
        old = [i for i in old_flows if i.tool == other]
        new = [i for i in new_flows if i.tool == other]
        for flow in list(old):
            twin = next((i for i in new if _flow_settings(i) == _flow_settings(flow)), None)
            if twin is not None:
                old.remove(flow)
                new.remove(twin)
        while old and new:
            flow = old.pop(0)
            before = _flow_settings(flow)
            twin = max(new, key=lambda i: _likeness(before, _flow_settings(i)))
            new.remove(twin)
            after = _flow_settings(twin)
            changed.append(IntegrationChange(
                tool_id, other, after["direction"],
                [FieldChange(name, before[name], after[name]) for name in INTEGRATION_FIELDS
                 if before[name] != after[name]]))
        added.extend(new)
        removed.extend(old)
    return added, removed, changed


def _compare_steps(old_steps, new_steps) -> tuple[list[StepChange], bool]:
    old_by_name = {s.name: s for s in reversed(old_steps)}  # the first of equal names wins
    new_by_name = {s.name: s for s in reversed(new_steps)}
    changes = []
    for step in new_steps:
        if step.name not in old_by_name:
            changes.append(StepChange(step.name, "added"))
        elif new_by_name[step.name] is step:
            changed = _compare_step(old_by_name[step.name], step)
            if changed.raci or changed.other_fields:
                changes.append(changed)
    changes.extend(StepChange(s.name, "removed") for s in old_steps if s.name not in new_by_name)
    kept_old = [s.name for s in old_steps if s.name in new_by_name]
    kept_new = [s.name for s in new_steps if s.name in old_by_name]
    return changes, kept_old != kept_new


def _compare_step(old, new) -> StepChange:
    change = StepChange(new.name, "changed")
    for assignment in RACI_ASSIGNMENTS:
        before = _roles(getattr(old.raci, assignment))
        after = _roles(getattr(new.raci, assignment))
        added = [r for r in after if r not in before]
        removed = [r for r in before if r not in after]
        if added or removed:
            change.raci.append(RaciChange(assignment, added, removed))
    old_data, new_data = _dump(old), _dump(new)
    change.other_fields = [name for name in new_data if name not in ("name", "raci")
                           and old_data.get(name) != new_data.get(name)]
    return change


def _roles(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


# --------------------------------------------------------------------------- costs


def _cost_dict(tool) -> dict | None:
    """The tool's cost lines (one line: its amount, currency, period). Media spend is among
    them, marked by its type, so a change to it is shown; the totals leave it out."""
    lines = list(tool.cost_lines) if tool is not None else []
    if not lines:
        return None
    if len(lines) == 1 and lines[0].type.value != "media":
        return {"amount": lines[0].amount, "currency": lines[0].currency,
                "period": lines[0].period.value}
    return {"lines": [{"amount": line.amount, "currency": line.currency,
                       "period": line.period.value, "type": line.type.value}
                      for line in lines]}


def _cost_changes(before: dict, after: dict, renamed: dict[str, str]) -> list[CostChange]:
    """Per tool id on the newer side (a renamed tool's cost is compared with its cost under
    the old id); ``renamed`` is ``{old id: new id}``, like ``_match_renames``."""
    old_id_of = {new_id: old_id for old_id, new_id in renamed.items()}
    changes = []
    for tool_id in sorted((set(before) - set(renamed)) | set(after)):
        old = _cost_dict(before.get(old_id_of.get(tool_id, tool_id)))
        new = _cost_dict(after.get(tool_id))
        if old != new:
            changes.append(CostChange(tool_id, old, new))
    return changes


def _sums(tools: dict) -> dict[str, tuple[float, float]]:
    sums: dict[str, tuple[float, float]] = {}
    for tool in tools.values():
        for line in tool.cost_lines:
            if line.type.value == "media":
                continue  # ad spend is kept apart from the stack's cost
            annual, one_off = annual_amount(line)
            total = sums.get(line.currency, (0.0, 0.0))
            sums[line.currency] = (total[0] + annual, total[1] + one_off)
    return sums


def _cost_totals(before: dict, after: dict) -> list[CostTotal]:
    old, new = _sums(before), _sums(after)
    totals = []
    for currency in sorted(set(old) | set(new)):
        (annual_before, one_off_before) = old.get(currency, (0.0, 0.0))
        (annual_after, one_off_after) = new.get(currency, (0.0, 0.0))
        totals.append(CostTotal(currency, annual_before, annual_after, one_off_before,
                                one_off_after))
    return totals


# --------------------------------------------------------------------------- problems

_LINE_NUMBER = re.compile(r"\bline \d+")


def _problem_key(problem: Problem) -> tuple[str, str, str]:
    """What makes two problems the same across revisions: not where in the file they are."""
    return problem.code, problem.file, _LINE_NUMBER.sub("line N", problem.message)


def _problems_only_in(these: list[Problem], others: list[Problem]) -> list[Problem]:
    known = {_problem_key(p) for p in others}
    return [p for p in these if _problem_key(p) not in known]
