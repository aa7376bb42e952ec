"""Insights: what a MOps lead asks first about a stack, answered from the catalog.

Each insight is a small function registered with a stable code (``I001``...) and documented by
its docstring; the docs page that lists them is generated from ``INSIGHTS``. An insight yields
``Finding`` objects; ``insights(catalog, settings)`` runs them all and returns the findings in a
fixed order. Insights that read cost or contract data are marked ``restricted`` and are skipped
for a wide-audience build (``settings.shows_costs`` is false).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
from collections import defaultdict
from dataclasses import dataclass, field
from enum import Enum
from typing import Callable, Iterator

from generator.analysis.links import build_links
from generator.analysis.renewals import cancel_by
from generator.code_settings import Option, enabled, option_value
from generator.i18n import Translator

IN_USE = ("piloting", "adopted")
ON_THE_WAY_OUT = ("sunsetting", "retired")
SMALL_MID_RANGE = (25, 50)
ENTERPRISE_FROM = 250
STACK_SIZE_SOURCE = "CabinetM"


class Severity(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


WINDOW_SEVERITY = (Severity.HIGH, Severity.MEDIUM, Severity.LOW)  # nearest window first


ENGLISH = Translator("en")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    """In English (the command line's language); pages show ``key`` in the site's language."""
    entities: tuple[tuple[str, str], ...] = ()
    """``(kind, id)`` pairs the finding concerns, e.g. ``("tool", "marketo")``."""
    key: str = ""
    """The message's key in the message catalogs (``finding.I005.renews``)."""
    values: dict = field(default_factory=dict, compare=False, hash=False)
    """The values the message's placeholders take."""

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity.value, "message": self.message,
                "entities": [{"kind": kind, "id": entity_id} for kind, entity_id in self.entities]}


@dataclass(frozen=True)
class Insight:
    code: str
    name: str
    summary: str
    doc: str
    run: Callable[..., Iterator[Finding]]
    restricted: bool = False
    """True when it reads cost or contract data (left out of a wide-audience build)."""
    options: tuple[Option, ...] = ()
    """Thresholds it takes in ``mkdocs.yml`` (``codes:``) besides enable and severity."""


INSIGHTS: dict[str, Insight] = {}


def insight(code: str, name: str, summary: str, restricted: bool = False,
            options: tuple[Option, ...] = ()):
    """Register the decorated function as insight ``code``; its docstring is the documentation."""

    def register(function):
        if code in INSIGHTS:
            raise ValueError(f"insight code {code} registered twice")
        doc = inspect.cleandoc(function.__doc__ or "")
        INSIGHTS[code] = Insight(code, name, summary, doc, function, restricted, options)
        return function

    return register


@dataclass
class Context:
    """What every insight may read: the catalog, the settings, reverse links and 'today'."""

    catalog: object
    settings: object
    links: object
    today: dt.date

    def option(self, code: str, name: str):
        """Insight ``code``'s option ``name``: configured in ``codes:``, else its default."""
        declared = next(o for o in INSIGHTS[code].options if o.name == name)
        return option_value(self.settings.codes, code, declared)


def finding(code: str, severity: Severity, entities, variant: str = "", **values) -> Finding:
    """A finding whose message is ``finding.<code>[.<variant>]`` in the message catalogs."""
    key = f"finding.{code}" + (f".{variant}" if variant else "")
    return Finding(code, severity, ENGLISH(key, **values), tuple(entities), key, values)


def insights(catalog, settings) -> list[Finding]:
    """Every finding for the catalog, sorted by code, then the entities concerned."""
    context = Context(catalog, settings, build_links(catalog), settings.reference_date())
    findings: list[Finding] = []
    for item in INSIGHTS.values():
        if (item.restricted and not settings.shows_costs) or not enabled(settings.codes, item.code):
            continue
        wanted = settings.codes.get(item.code)
        for found in item.run(context):
            if wanted is not None and wanted.severity is not None:
                found = dataclasses.replace(found, severity=Severity(wanted.severity))
            findings.append(found)
    return sorted(findings, key=lambda f: (f.code, f.entities, f.message))


# --------------------------------------------------------------------------- the insights


@insight("I001", "capability-overlap", "Two or more tools in use share a capability.")
def capability_overlap(context: Context):
    """Two or more tools that are adopted or being piloted list the same capability.

    Overlapping tools cost twice and confuse people about which one to use. Decide which tool
    owns the capability and plan to consolidate, or record why both are needed.
    """
    holders: dict[str, list[str]] = defaultdict(list)
    for tool_id, tool in context.catalog.tools.items():
        if tool.lifecycle.value in IN_USE:
            for capability in dict.fromkeys(tool.capabilities):
                holders[capability].append(tool_id)
    for capability, tools in sorted(holders.items()):
        if len(tools) >= 2:
            tools = sorted(tools)
            yield finding("I001", Severity.MEDIUM, [("tool", t) for t in tools],
                          count=len(tools), capability=capability, tools=", ".join(tools))


@insight("I002", "owner-outside-teams", "A tool's owner role is in no team structure.")
def owner_outside_teams(context: Context):
    """A tool (not retired) is owned by a role that no team structure includes.

    Nobody in the team as designed would administer, budget for or renew the tool. Add the role
    to a team, or give the tool an owner who is in one.
    """
    in_teams = {member.role for team in context.catalog.teams.values() for member in team.members}
    roles = context.catalog.roles
    for tool_id, tool in context.catalog.tools.items():
        # owners outside marketing (a role with a department) and people are not team roles
        if (tool.lifecycle.value != "retired" and tool.owner in roles
                and roles[tool.owner].department is None and tool.owner not in in_teams):
            yield finding("I002", Severity.MEDIUM, [("tool", tool_id), ("role", tool.owner)],
                          tool=tool_id, role=tool.owner)


@insight("I003", "adopted-tool-without-playbook", "An adopted tool is used in no playbook step.")
def adopted_without_playbook(context: Context):
    """An adopted tool appears in no step of any playbook.

    Either the tool is shelfware (most teams use only a fraction of what they own) or the
    processes that use it are not written down. Add it to the steps that use it, or plan to
    sunset it.
    """
    for tool_id, tool in context.catalog.tools.items():
        if tool.lifecycle.value == "adopted" and not context.links.tool_steps.get(tool_id):
            yield finding("I003", Severity.LOW, [("tool", tool_id)], tool=tool_id)


@insight("I004", "under-used-licences", "Fewer licences are in use than the threshold share.",
         options=(Option("threshold", 0.7, "Active / bought licences below this share are "
                         "reported.", "share"),))
def under_used_licences(context: Context):
    """A tool's active licences, as a share of those bought, are below the threshold.

    The threshold is the ``threshold`` option (0.7 unless configured). Unused seats
    are money spent on nothing: reduce the count at the next renewal or get people using them.
    """
    threshold = context.option("I004", "threshold")
    for tool_id, tool in context.catalog.tools.items():
        licences = tool.licences
        if licences is None or licences.bought == 0 or tool.lifecycle.value == "retired":
            continue
        share = licences.active / licences.bought
        if share < threshold:
            yield finding("I004", Severity.MEDIUM, [("tool", tool_id)], tool=tool_id,
                          active=licences.active, bought=licences.bought, share=f"{share:.0%}",
                          threshold=f"{threshold:.0%}")


def _window(days: int, windows) -> tuple[int, Severity] | None:
    """The smallest renewal window ``days`` falls in, and the severity that goes with it."""
    for position, window in enumerate(sorted(windows)):
        if 0 <= days <= window:
            return window, WINDOW_SEVERITY[min(position, len(WINDOW_SEVERITY) - 1)]
    return None


@insight("I005", "renewal-soon", "A contract renews within a renewal window.", restricted=True)
def renewal_soon(context: Context):
    """A contract renews (or ends) within the renewal windows (30, 60 and 90 days ahead unless
    configured with ``renewal_windows``).

    The nearest window is the most urgent. Decide whether to renew, renegotiate or replace
    before the date, and check the licence count first.
    """
    for tool_id, tool in context.catalog.tools.items():
        contract = tool.contract
        if contract is None or contract.renewal is None or tool.lifecycle.value == "retired":
            continue
        days = (contract.renewal - context.today).days
        found = _window(days, context.settings.renewal_windows)
        if found:
            window, severity = found
            yield finding("I005", severity, [("tool", tool_id)],
                          "renews" if contract.auto_renew else "ends", tool=tool_id,
                          date=contract.renewal.isoformat(), days=days, window=window)


@insight("I006", "cancel-by-soon", "The last day to cancel an auto-renewing contract is near "
         "or has passed.", restricted=True)
def cancel_by_soon(context: Context):
    """An auto-renewing contract's cancel-by date (renewal date less the notice period) falls
    within the renewal windows, or has passed while the renewal is still ahead.

    After the cancel-by date the contract renews for another term whatever the team decides.
    """
    for tool_id, tool in context.catalog.tools.items():
        last_day = cancel_by(tool.contract)
        if last_day is None or tool.lifecycle.value == "retired":
            continue
        days = (last_day - context.today).days
        if days < 0 <= (tool.contract.renewal - context.today).days:
            yield finding("I006", Severity.HIGH, [("tool", tool_id)], "passed", tool=tool_id,
                          date=last_day.isoformat(), renewal=tool.contract.renewal.isoformat())
            continue
        found = _window(days, context.settings.renewal_windows)
        if found:
            window, severity = found
            yield finding("I006", severity, [("tool", tool_id)], "soon", tool=tool_id,
                          date=last_day.isoformat(), days=days, window=window,
                          renewal=tool.contract.renewal.isoformat())


@insight("I007", "review-overdue", "A security or privacy review is older than the policy age.",
         options=(Option("max_age_days", 365, "Reviews older than this many days are reported.",
                         "whole"),))
def review_overdue(context: Context):
    """A tool's last security or privacy review is older than the policy age
    (the ``max_age_days`` option, 365 unless configured).

    Tools change, and so do their terms and sub-processors: review them again.
    """
    max_age = context.option("I007", "max_age_days")
    for tool_id, tool in context.catalog.tools.items():
        if tool.reviews is None or tool.lifecycle.value == "retired":
            continue
        for kind in ("security", "privacy"):
            reviewed = getattr(tool.reviews, kind)
            if reviewed is not None and (context.today - reviewed).days > max_age:
                yield finding("I007", Severity.MEDIUM, [("tool", tool_id)], kind, tool=tool_id,
                              age=(context.today - reviewed).days, date=reviewed.isoformat(),
                              max_age=max_age)


@insight("I008", "review-missing", "A tool holding personal data has no security or privacy "
         "review.")
def review_missing(context: Context):
    """A tool (not retired) holds personal data but has no security review, no privacy review,
    or neither.

    Personal data needs both: record the dates under ``reviews`` once they are done.
    """
    for tool_id, tool in context.catalog.tools.items():
        if tool.data is None or not tool.data.personal_data or tool.lifecycle.value == "retired":
            continue
        reviews = tool.reviews
        missing = [kind for kind in ("security", "privacy")
                   if reviews is None or getattr(reviews, kind) is None]
        if missing:
            yield finding("I008", Severity.HIGH, [("tool", tool_id)],
                          "both" if len(missing) == 2 else missing[0], tool=tool_id)


@insight("I009", "outgoing-tool-integrated", "A sunsetting or retired tool is still integrated.")
def outgoing_tool_integrated(context: Context):
    """A tool that is sunsetting or retired still has integrations, in its own list or in
    another tool's.

    Data still flows through a tool on its way out: move those flows before it is switched off.
    """
    catalog = context.catalog
    for tool_id, tool in catalog.tools.items():
        if tool.lifecycle.value not in ON_THE_WAY_OUT:
            continue
        partners = sorted({i.tool for i in tool.integrations}
                          | set(context.links.integrated_from.get(tool_id, [])))
        partners = [p for p in partners if p != tool_id]
        if partners:
            severity = Severity.HIGH if tool.lifecycle.value == "retired" else Severity.MEDIUM
            yield finding("I009", severity, [("tool", tool_id)] + [("tool", p) for p in partners],
                          tool.lifecycle.value, tool=tool_id, partners=", ".join(partners))


@insight("I010", "stack-size", "How many tools are in use, against common stack sizes.")
def stack_size(context: Context):
    """The number of tools in use (every tool not retired), set against the ranges CabinetM
    reports: small and mid-size companies commonly run 25-50 marketing applications,
    enterprises 250 or more.

    Informational: a stack far above its range often hides overlaps and shelfware.
    """
    count = sum(1 for tool in context.catalog.tools.values() if tool.lifecycle.value != "retired")
    low, high = SMALL_MID_RANGE
    if count < low:
        where = "below"
    elif count <= high:
        where = "within"
    elif count < ENTERPRISE_FROM:
        where = "between"
    else:
        where = "enterprise"
    yield finding("I010", Severity.INFO, [], where, count=count, low=low, high=high,
                  enterprise=ENTERPRISE_FROM, source=STACK_SIZE_SOURCE)


@insight("I011", "cost-in-other-currency", "A cost is in another currency and left out of the "
         "totals.", restricted=True)
def cost_in_other_currency(context: Context):
    """A tool (not retired) has its cost in a currency other than the deployment's
    (``currency`` setting).

    Totals only add costs in one currency; this cost is listed separately. Record it in the
    deployment currency if the totals should include it.
    """
    wanted = context.settings.currency
    for tool_id, tool in context.catalog.tools.items():
        currencies = dict.fromkeys(line.currency for line in tool.cost_lines
                                   if line.currency != wanted)
        if tool.lifecycle.value != "retired":
            for currency in currencies:
                yield finding("I011", Severity.LOW, [("tool", tool_id)], tool=tool_id,
                              currency=currency, wanted=wanted)
