"""Contract dates: each tool's renewal date and, for auto-renewing contracts, its cancel-by date
(the renewal date less the notice period). The renewals table, timeline, calendar feed and the
contract insights all come from here.

A renewal date already past is stale data. When the contract renews by itself it has most
likely renewed: ``next_renewal`` rolls the date forward by the contract's term (from ``start``
to ``renewal``; a year when the start is unknown) to the first renewal from today, and the
calendar shows that date marked as implied. Tools no longer used (retired) are in the calendar
only while their contract still renews by itself: that is when a date matters most.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

RENEWAL = "renewal"
CANCEL_BY = "cancel-by"
YEAR = 365


@dataclass(frozen=True, order=True)
class ContractDate:
    date: dt.date
    tool: str
    kind: str
    """``renewal`` or ``cancel-by``."""
    renewal: dt.date
    """The renewal date this date belongs to (itself, for a renewal)."""
    auto_renew: bool
    notice_days: int | None
    """None when the notice period is unknown."""
    start: dt.date | None
    implied: bool = False
    """True when the recorded renewal date has passed and this one is worked out from it."""


def notice_days(contract) -> int | None:
    """The notice period in days; None when unknown."""
    return contract.notice_days


def is_fixed_term(contract) -> bool:
    """False for month-to-month contracts (they have no renewal date to watch)."""
    return contract.term.value != "month-to-month"


def cancel_by(contract, renewal: dt.date | None = None) -> dt.date | None:
    """The last day to give notice on an auto-renewing contract (for its renewal on ``renewal``,
    by default the recorded date), or None: no auto-renewal, no notice needed (then the
    renewal date is the last day), or a notice period nobody knows."""
    renewal = renewal or (contract.renewal if contract is not None else None)
    if contract is None or renewal is None or not contract.auto_renew:
        return None
    notice = notice_days(contract)
    if not notice:
        return None
    return renewal - dt.timedelta(days=notice)


def term_days(contract) -> int:
    """The length of one term: start to renewal when both are known, else a year."""
    if contract.start and contract.renewal and contract.renewal > contract.start:
        return (contract.renewal - contract.start).days
    return YEAR


def next_renewal(contract, today: dt.date) -> dt.date | None:
    """The first renewal on or after ``today`` implied by a past renewal date of an
    auto-renewing contract; None when the recorded date is not past or the contract does not
    renew by itself."""
    if contract is None or contract.renewal is None or contract.renewal >= today:
        return None
    if not contract.auto_renew:
        return None
    start = contract.start or (contract.renewal - dt.timedelta(days=YEAR))
    date = contract.renewal
    terms = 0
    while date < today:
        terms += 1
        date = _add_terms(contract.renewal, start, terms)
    return date


def _add_terms(renewal: dt.date, start: dt.date, terms: int) -> dt.date:
    """``renewal`` moved ``terms`` terms on; whole-year and whole-month terms keep the day of
    the month (a yearly contract renewing on Mar 1 keeps renewing on Mar 1)."""
    months = (renewal.year - start.year) * 12 + renewal.month - start.month
    if months > 0 and renewal.day == start.day:
        total = renewal.month - 1 + months * terms
        year, month = renewal.year + total // 12, total % 12 + 1
        return dt.date(year, month, min(renewal.day, _days_in(year, month)))
    return renewal + dt.timedelta(days=(renewal - start).days * terms)


def _days_in(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def in_calendar(tool) -> bool:
    """Tools whose dates matter: every tool but retired ones whose contract does not renew."""
    contract = tool.contract
    return (contract is not None and contract.renewal is not None and is_fixed_term(contract)
            and (tool.lifecycle.value != "retired" or contract.auto_renew))


def contract_dates(catalog, start: dt.date | None = None, end: dt.date | None = None,
                   today: dt.date | None = None) -> list[ContractDate]:
    """Renewal and cancel-by dates from ``start`` to ``end`` (inclusive; open-ended when None),
    by date. With ``today``, a stale renewal date of an auto-renewing contract is replaced by
    the implied next one."""
    dates = []
    for tool_id, tool in catalog.tools.items():
        if not in_calendar(tool):
            continue
        contract = tool.contract
        renewal, implied = contract.renewal, False
        if today is not None:
            upcoming = next_renewal(contract, today)
            if upcoming is not None:
                renewal, implied = upcoming, True
        common = dict(tool=tool_id, renewal=renewal, auto_renew=contract.auto_renew,
                      notice_days=notice_days(contract), start=contract.start, implied=implied)
        dates.append(ContractDate(date=renewal, kind=RENEWAL, **common))
        last_day = cancel_by(contract, renewal)
        if last_day is not None:
            dates.append(ContractDate(date=last_day, kind=CANCEL_BY, **common))
    return sorted(d for d in dates
                  if (start is None or d.date >= start) and (end is None or d.date <= end))


def fiscal_quarter(date: dt.date, first_month: int) -> str:
    """``FY2027 Q1``: fiscal years are named after the calendar year they end in."""
    months_in = (date.month - first_month) % 12
    year = date.year + (1 if first_month > 1 and date.month >= first_month else 0)
    return f"FY{year} Q{months_in // 3 + 1}"
