"""Insights: what a MOps lead asks first about a stack, answered from the catalog.

Each insight is a small function with a stable code (``I001``...) documented by its docstring,
in the module of its topic (overlaps, ownership, licences, contracts, reviews, flows, stack).
``INSIGHTS`` below is the registry: an insight runs, is configurable in ``mkdocs.yml``
(``codes:``) and is documented on the insight codes page because it is listed there.

``insights(catalog, settings)`` runs them all and returns the findings in a fixed order, each
matched against ``catalog/acknowledgements.yaml`` (a known and accepted finding is shown as
acknowledged, not open, until its acknowledgement expires). Insights that read cost or contract
data are ``restricted`` and skipped for a wide-audience build (``settings.shows_costs`` false).
``generator.analysis.actions`` turns the open findings into the action list.
"""

from __future__ import annotations

import dataclasses

from generator.analysis.insights import (acknowledgements, contracts, flows, licences, overlaps,
                                         ownership, reviews)
from generator.analysis.insights import stack as stack_module
from generator.analysis.insights.acknowledgements import acknowledge
from generator.analysis.insights.base import (Acknowledged, Context, Finding, Insight, Money, Ref,
                                              Severity)
from generator.analysis.insights.stack import stack_size
from generator.analysis.links import build_links
from generator.code_settings import enabled
from generator.i18n import Translator

__all__ = ["INSIGHTS", "Acknowledged", "Finding", "Insight", "Money", "Ref", "Severity",
           "insights", "stack_size"]

_REGISTERED: tuple[Insight, ...] = (
    overlaps.capability_overlap,
    ownership.owner_outside_teams,
    ownership.adopted_without_playbook,
    licences.under_used_licences,
    contracts.renewal_soon,
    contracts.cancel_by_soon,
    reviews.review_overdue,
    reviews.review_missing,
    flows.outgoing_tool_integrated,
    stack_module.stack_size,
    contracts.cost_in_other_currency,
    contracts.outgoing_tool_renews,
    contracts.renewal_date_past,
    flows.flow_via_outgoing_tool,
    overlaps.evaluation_overlaps,
    contracts.notice_period_unknown,
    acknowledgements.unmatched_acknowledgement,  # last: it reads the others' findings
)
INSIGHTS: dict[str, Insight] = {item.code: item for item in _REGISTERED}
if len(INSIGHTS) != len(_REGISTERED):
    raise ValueError("an insight code is registered twice")


def _names(catalog) -> dict[tuple[str, str], str]:
    english = Translator("en")
    return {(kind, entity_id): english.text(entity.name)
            for kind, entities in catalog.entities.items()
            for entity_id, entity in entities.items() if hasattr(entity, "name")}


def insights(catalog, settings) -> list[Finding]:
    """Every finding for the catalog, sorted by code, then the entities concerned."""
    context = Context(catalog, settings, build_links(catalog), settings.reference_date(),
                      {code: {o.name: o for o in item.options} for code, item in INSIGHTS.items()},
                      _names(catalog))
    for item in INSIGHTS.values():
        if (item.restricted and not settings.shows_costs) or not enabled(settings.codes, item.code):
            continue
        context.ran.add(item.code)
        wanted = settings.codes.get(item.code)
        for found in item.run(context):
            if wanted is not None and wanted.severity is not None:
                found = dataclasses.replace(found, severity=Severity(wanted.severity))
            context.findings.append(found)
    findings = acknowledge(context.findings, catalog.acknowledgements, context.today)
    return sorted(findings, key=lambda f: (f.code, f.entities, f.message))
