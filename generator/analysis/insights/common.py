"""Helpers the insights share: lifecycles, urgency from dates, what a tool costs, departments."""

from __future__ import annotations

import datetime as dt

from generator.analysis.costs import yearly_cost
from generator.analysis.insights.base import Severity
from generator.analysis.renewals import cancel_by, is_fixed_term, next_renewal

IN_USE = ("piloting", "adopted")
RUNNING = ("piloting", "adopted", "sunsetting")
"""Tools that run today: what the stack is (evaluating ones are not in it yet)."""
ON_THE_WAY_OUT = ("sunsetting", "retired")
MARKETING = "marketing"


def lifecycle(tool) -> str:
    return tool.lifecycle.value


def urgency(days: int, windows) -> Severity | None:
    """The severity of a date ``days`` ahead: within the first renewal window high, within the
    second medium, within any later one low; None beyond them (past dates are high)."""
    if days < 0:
        return Severity.HIGH
    for position, window in enumerate(sorted(windows)):
        if days <= window:
            return (Severity.HIGH, Severity.MEDIUM, Severity.LOW)[min(position, 2)]
    return None


def window_of(days: int, windows) -> int | None:
    """The smallest renewal window ``days`` falls in."""
    return next((w for w in sorted(windows) if 0 <= days <= w), None)


def renewal_of(contract, today: dt.date) -> tuple[dt.date | None, bool]:
    """The contract's next renewal date and whether it is implied (the recorded one has passed
    and the contract renews by itself); ``(None, False)`` for month-to-month contracts or none
    recorded."""
    if contract is None or contract.renewal is None or not is_fixed_term(contract):
        return None, False
    implied = next_renewal(contract, today)
    return (implied, True) if implied is not None else (contract.renewal, False)


def decision_date(contract, today: dt.date) -> dt.date | None:
    """The last day to decide about the next renewal: the cancel-by date while it is ahead,
    else the renewal date; None without an upcoming renewal."""
    renewal, _ = renewal_of(contract, today)
    if renewal is None or renewal < today:
        return None
    last_day = cancel_by(contract, renewal)
    return last_day if last_day is not None and last_day >= today else renewal


def yearly(context, tool_id: str) -> float | None:
    """What the tool costs a year in the deployment's currency; None when unknown or when the
    build does not show costs."""
    if not context.settings.shows_costs:
        return None
    return yearly_cost(context.catalog.tools[tool_id], context.settings.currency)


def department(context, owner_id: str | None) -> str | None:
    """The department of a role or person (a person's own, else their role's); None means the
    marketing team."""
    catalog = context.catalog
    person = catalog.people.get(owner_id) if owner_id else None
    if person is not None:
        if person.department:
            return person.department
        owner_id = person.role
    role = catalog.roles.get(owner_id) if owner_id else None
    return role.department if role is not None else None


def in_marketing(department_name: str | None) -> bool:
    return department_name is None or department_name.strip().casefold() == MARKETING
