"""Acknowledgements (``catalog/acknowledgements.yaml``): matching findings against them, and
I017 (an acknowledgement that matches no finding)."""

from __future__ import annotations

import dataclasses

from generator.analysis.insights.base import Acknowledged, Finding, Ref, Severity, insight
from generator.checks.examples import HUBSPOT
from generator.problem import Example

ACKNOWLEDGED = """\
acknowledgements:
  - code: I001
    subjects: [marketo, hubspot]
    reason: HubSpot runs the partner newsletter until the migration.
"""


def acknowledge(findings: list[Finding], entries, today) -> list[Finding]:
    """Each finding with the acknowledgement whose code and subjects (in any order) are the
    finding's; one whose ``until`` has passed leaves the finding open (``expired``)."""
    by_key = {(entry.code, frozenset(entry.subjects)): entry for entry in entries}
    marked = []
    for found in findings:
        entry = by_key.get((found.code, found.subjects))
        if entry is not None:
            found = dataclasses.replace(found, acknowledged=Acknowledged(
                entry.reason, entry.until, entry.by,
                expired=entry.until is not None and entry.until < today))
        marked.append(found)
    return marked


def _kind(catalog, entity_id: str) -> str:
    return next((kind for kind, entities in catalog.entities.items() if entity_id in entities),
                "tool")


@insight("I017", "acknowledgement-unmatched", "An acknowledgement matches no finding.",
         failing=(Example("catalog/acknowledgements.yaml", ACKNOWLEDGED),),
         passing=(Example("catalog/acknowledgements.yaml", ACKNOWLEDGED),
                  Example("catalog/tools/hubspot.yaml",
                          HUBSPOT + "capabilities: [email-marketing]\n")))
def unmatched_acknowledgement(context):
    """An entry of `catalog/acknowledgements.yaml` that has not expired matches no finding of
    this report: the overlap was resolved, a tool was renamed, a subject is misspelt, or the
    code is not an insight code (validation rules are turned off or made warnings under
    `codes:` in `mkdocs.yml` instead).

    Remove the entry, or correct its code or subjects; a finding it was meant for stays open
    meanwhile. Acknowledgements of insights that did not run (turned off, or left out of a
    wide-audience build) are not reported.
    """
    found = {(f.code, f.subjects) for f in context.findings}
    for entry in context.catalog.acknowledgements:
        if entry.until is not None and entry.until < context.today:
            continue
        subjects = [Ref(_kind(context.catalog, s), s) for s in sorted(entry.subjects)]
        entities = [(ref.kind, ref.id) for ref in subjects]
        if not entry.code.startswith("I"):
            yield context.finding("I017", Severity.LOW, entities, "code", action="remove",
                                  about=entry.code, subjects=subjects or "-")
        elif entry.code in context.ran and (entry.code, frozenset(entry.subjects)) not in found:
            yield context.finding("I017", Severity.LOW, entities, action="remove",
                                  about=entry.code, subjects=subjects or "-")
