"""Contract dates: each tool's renewal date and, for auto-renewing contracts, its cancel-by date
(the renewal date less the notice period). The renewals table, calendar and calendar feed all
come from ``contract_dates``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

RENEWAL = "renewal"
CANCEL_BY = "cancel-by"


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


def cancel_by(contract) -> dt.date | None:
    """The last day to give notice on an auto-renewing contract, or None (also when no notice
    is needed, the renewal date then being the last day, and when the notice period is
    unknown)."""
    if (contract is None or contract.renewal is None or not contract.auto_renew
            or not contract.notice_days):
        return None
    return contract.renewal - dt.timedelta(days=contract.notice_days)


def contract_dates(catalog, start: dt.date | None = None,
                   end: dt.date | None = None) -> list[ContractDate]:
    """Renewal and cancel-by dates of tools that are not retired, from ``start`` to ``end``
    (inclusive; open-ended when None), by date."""
    dates = []
    for tool_id, tool in catalog.tools.items():
        contract = tool.contract
        if contract is None or contract.renewal is None or tool.lifecycle.value == "retired":
            continue
        common = dict(tool=tool_id, renewal=contract.renewal, auto_renew=contract.auto_renew,
                      notice_days=contract.notice_days, start=contract.start)
        dates.append(ContractDate(date=contract.renewal, kind=RENEWAL, **common))
        last_day = cancel_by(contract)
        if last_day is not None:
            dates.append(ContractDate(date=last_day, kind=CANCEL_BY, **common))
    return sorted(d for d in dates
                  if (start is None or d.date >= start) and (end is None or d.date <= end))


def fiscal_quarter(date: dt.date, first_month: int) -> str:
    """``FY2027 Q1``: fiscal years are named after the calendar year they end in."""
    months_in = (date.month - first_month) % 12
    year = date.year + (1 if first_month > 1 and date.month >= first_month else 0)
    return f"FY{year} Q{months_in // 3 + 1}"
