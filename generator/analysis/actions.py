"""The action list: the open findings a person should act on, most urgent first.

Urgency is the date a finding is due by (a cancel-by or renewal date): findings with a date
come first, earliest first, and on the same date the larger amount first, then the higher
severity; findings without a date follow, the higher severity first, then the larger amount.
Information-only findings (severity ``info``, or no action) and acknowledged ones are not
actions. One decision per contract: when several contract findings concern the same tool (its
renewal and its cancel-by date), only the most urgent is listed, and on the same date the most
specific (``CONTRACT_CODES`` order); the others stay in the details.

"Savings you can act on" adds the ``savings`` of the listed findings, each tool at most once
(at the largest amount any finding names for it), so a tool that is both unused and
overlapping is not counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.analysis.insights import Finding, Severity

CONTRACT_CODES = ("I012", "I006", "I016", "I005")
"""Findings about one tool's contract, the most specific first."""


@dataclass(frozen=True)
class ActionList:
    actions: list[Finding]
    savings: float
    """What acting on the list saves a year, in the deployment's currency."""
    acknowledged: list[Finding]
    """Findings known and accepted (until their acknowledgement expires)."""

    def as_dict(self) -> dict:
        return {"savings": self.savings,
                "actions": [f.as_dict() for f in self.actions],
                "acknowledged": [f.as_dict() for f in self.acknowledged]}


def _order(finding: Finding):
    if finding.due is None:
        return (1, 0, finding.severity.rank, -(finding.amount or 0), finding.code,
                finding.entities)
    return (0, finding.due.toordinal(), -(finding.amount or 0), finding.severity.rank,
            finding.code, finding.entities)


def _contract_choice(finding: Finding):
    return (finding.due.toordinal() if finding.due else 1 << 30,
            CONTRACT_CODES.index(finding.code))


def action_list(findings: list[Finding]) -> ActionList:
    candidates = [f for f in findings
                  if f.is_open and f.action_key and f.severity is not Severity.INFO]
    chosen: dict[str, Finding] = {}  # tool -> its one contract finding
    for found in candidates:
        if found.code in CONTRACT_CODES:
            tool = found.entities[0][1]
            if tool not in chosen or _contract_choice(found) < _contract_choice(chosen[tool]):
                chosen[tool] = found
    actions = sorted((f for f in candidates
                      if f.code not in CONTRACT_CODES or chosen[f.entities[0][1]] is f),
                     key=_order)
    saved: dict[str, float] = {}
    for found in actions:
        for tool, amount in found.savings:
            saved[tool] = max(saved.get(tool, 0.0), amount)
    return ActionList(actions, sum(saved.values()),
                      sorted((f for f in findings if f.acknowledged and not f.is_open), key=_order))
