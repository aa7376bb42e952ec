"""Contracts and what they cost: I005 (renewing soon), I006 (last day to cancel), I011 (a cost
in another currency), I012 (a tool on its way out whose contract renews), I013 (a renewal
date already past) and I016 (an auto-renewing contract whose notice period nobody knows).

Every date here is the contract's next renewal: the recorded one, or, when that has passed and
the contract renews by itself, the one implied by its term (``renewals.next_renewal``), so a
stale date never drops a tool out of the renewal insights.
"""

from __future__ import annotations

from generator.analysis.costs import cost_lines
from generator.analysis.insights.base import Ref, Severity, insight
from generator.analysis.insights.common import (ON_THE_WAY_OUT, lifecycle, renewal_of, urgency,
                                                window_of, yearly)
from generator.analysis.renewals import cancel_by, notice_days
from generator.checks.examples import HUBSPOT
from generator.problem import Example

RENEWING = """\
contract:
  renewal: {renewal}
  auto_renew: true
  notice_days: {notice}
"""
"""An auto-renewing contract, for the examples."""


def _outgoing_renewal(tool) -> bool:
    """A tool on its way out whose contract renews by itself: I012's, not I005/I006's."""
    return lifecycle(tool) in ON_THE_WAY_OUT and bool(tool.contract and tool.contract.auto_renew)


def _watched(context):
    """``(tool id, tool, next renewal, implied)`` for tools whose renewal I005/I006 watch."""
    for tool_id, tool in context.catalog.tools.items():
        if lifecycle(tool) == "retired" or _outgoing_renewal(tool):
            continue
        renewal, implied = renewal_of(tool.contract, context.today)
        if renewal is not None:
            yield tool_id, tool, renewal, implied


@insight("I005", "renewal-soon", "A contract renews within a renewal window.", restricted=True,
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + RENEWING.format(renewal="2026-06-20", notice=10)),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + RENEWING.format(renewal="2026-12-20", notice=10)),))
def renewal_soon(context):
    """A contract renews (or ends) within the renewal windows (30, 60 and 90 days ahead unless
    configured with `renewal_windows`).

    The nearest window is the most urgent. Decide whether to renew, renegotiate or replace
    before the date, and check the licence count first. A sunsetting tool whose contract ends
    is on track: let it end. The amount is the tool's yearly cost.
    """
    windows = context.settings.renewal_windows
    for tool_id, tool, renewal, implied in _watched(context):
        days = (renewal - context.today).days
        window = window_of(days, windows)
        if window is None:
            continue
        auto = tool.contract.auto_renew
        action = "decide" if auto else ("let_end" if lifecycle(tool) == "sunsetting" else "renew")
        yield context.finding(
            "I005", urgency(days, windows), [("tool", tool_id)], "renews" if auto else "ends",
            action=action, due=renewal, amount=yearly(context, tool_id),
            tool=Ref("tool", tool_id), date=renewal, days=days, window=window)


@insight("I006", "cancel-by-soon", "The last day to cancel an auto-renewing contract is near "
         "or has passed.", restricted=True,
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + RENEWING.format(renewal="2026-07-15", notice=30)),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + RENEWING.format(renewal="2027-03-01", notice=30)),))
def cancel_by_soon(context):
    """An auto-renewing contract's cancel-by date (renewal date less the notice period) falls
    within the renewal windows, or has passed while the renewal is still ahead.

    After the cancel-by date the contract renews for another term whatever the team decides:
    decide by then whether to give notice. The amount is the tool's yearly cost.
    """
    windows = context.settings.renewal_windows
    for tool_id, tool, renewal, implied in _watched(context):
        last_day = cancel_by(tool.contract, renewal)
        if last_day is None or renewal < context.today:
            continue
        days = (last_day - context.today).days
        common = dict(amount=yearly(context, tool_id), tool=Ref("tool", tool_id),
                      date=last_day, renewal=renewal)
        if days < 0:
            yield context.finding("I006", Severity.HIGH, [("tool", tool_id)], "passed",
                                  action="passed", due=renewal, **common)
            continue
        window = window_of(days, windows)
        if window is not None:
            yield context.finding("I006", urgency(days, windows), [("tool", tool_id)], "soon",
                                  action="notice", due=last_day, days=days, window=window,
                                  **common)


@insight("I011", "cost-in-other-currency", "A cost is in another currency and left out of the "
         "totals.", restricted=True,
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
cost:
  amount: 9000
  currency: EUR
"""),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
cost:
  amount: 9600
  currency: USD
"""),))
def cost_in_other_currency(context):
    """A tool still paid for has a cost in a currency other than the deployment's
    (`currency` setting).

    Totals only add costs in one currency; this cost is listed separately. Record it in the
    deployment currency if the totals should include it.
    """
    wanted = context.settings.currency
    for tool_id, tool in context.catalog.tools.items():
        if lifecycle(tool) == "retired":
            continue
        for currency in sorted({line.currency for line in cost_lines(tool)} - {wanted}):
            yield context.finding("I011", Severity.LOW, [("tool", tool_id)], action="convert",
                                  tool=Ref("tool", tool_id), currency=currency, wanted=wanted)


@insight("I012", "outgoing-tool-renews", "A sunsetting or retired tool's contract renews by "
         "itself.", restricted=True,
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT.replace("adopted", "retired") + """\
contract:
  renewal: 2026-09-01
  auto_renew: true
  notice_days: 30
"""),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT.replace("adopted", "retired") + """\
contract:
  renewal: 2026-09-01
  auto_renew: false
"""),))
def outgoing_tool_renews(context):
    """A tool that is sunsetting or retired has a contract that renews automatically.

    The most expensive mistake in a stack: a tool nobody uses any more is paid for another
    term because nobody gave notice. Give notice by the cancel-by date (the renewal date less
    the notice period; with no notice period, before the renewal date). When the notice period
    is unknown, find it out first. The amount is the tool's yearly cost, a saving; such
    tools stay in the cost totals and the renewal calendar until the contract is cancelled
    (then set `auto_renew: false`). High when the last day falls within the renewal windows.
    """
    windows = context.settings.renewal_windows
    for tool_id, tool in context.catalog.tools.items():
        if not _outgoing_renewal(tool):
            continue
        renewal, implied = renewal_of(tool.contract, context.today)
        if renewal is None:
            continue
        last_day = cancel_by(tool.contract, renewal)
        unknown = notice_days(tool.contract) is None
        if last_day is not None and last_day >= context.today:
            action, due = "cancel_by", last_day
        elif last_day is not None:
            action, due = "cancel_late", renewal
        else:
            action, due = ("notice_unknown" if unknown else "cancel_before"), renewal
        days = (due - context.today).days
        severity = Severity.HIGH if days <= max(windows) else Severity.MEDIUM
        amount = yearly(context, tool_id)
        yield context.finding(
            "I012", severity, [("tool", tool_id)], lifecycle(tool), action=action, due=due,
            amount=amount, savings=((tool_id, amount),) if amount else (),
            tool=Ref("tool", tool_id), date=due, renewal=renewal)


@insight("I013", "renewal-date-past", "A contract's renewal date has passed.", restricted=True,
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
contract:
  start: 2025-03-01
  renewal: 2026-03-01
  auto_renew: true
  notice_days: 30
"""),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
contract:
  start: 2026-03-01
  renewal: 2027-03-01
  auto_renew: true
  notice_days: 30
"""),))
def renewal_date_past(context):
    """A tool still in use (or a retired one whose contract renews by itself) has a renewal
    date in the past.

    The catalog's dates are stale. With auto-renewal the contract has most likely renewed: the
    message shows the implied next renewal (the date moved on by the contract's term, a year
    when the start is unknown), which the renewal insights and calendar use meanwhile. Without
    it, the contract has ended although the tool is still in use: record the new contract, or
    the tool's new lifecycle. Either way, ask for the real next date and record it.
    """
    for tool_id, tool in context.catalog.tools.items():
        contract = tool.contract
        if contract is None or contract.renewal is None or contract.renewal >= context.today:
            continue
        if lifecycle(tool) == "retired" and not contract.auto_renew:
            continue  # an ended contract of a retired tool is as it should be
        renewal, implied = renewal_of(contract, context.today)
        if renewal is None:
            continue  # month-to-month
        if implied:
            yield context.finding("I013", Severity.MEDIUM, [("tool", tool_id)], "renewed",
                                  action="confirm", tool=Ref("tool", tool_id),
                                  date=contract.renewal, next=renewal)
        else:
            yield context.finding("I013", Severity.MEDIUM, [("tool", tool_id)], "ended",
                                  action="record", amount=yearly(context, tool_id),
                                  tool=Ref("tool", tool_id), date=contract.renewal,
                                  lifecycle=lifecycle(tool))


@insight("I016", "notice-period-unknown", "An auto-renewing contract's notice period is unknown.",
         restricted=True,
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
contract:
  renewal: 2026-09-01
  auto_renew: true
"""),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + RENEWING.format(renewal="2026-09-01", notice=30)),))
def notice_period_unknown(context):
    """A contract renews automatically but its `notice_days` is not recorded, so nobody can
    say when the last day to cancel is (`notice_days: 0` means no notice is needed; leaving it
    out means unknown).

    Look it up in the contract or ask the vendor, and record it. Reported for tools still in
    use; a tool on its way out is reported by I012 instead.
    """
    windows = context.settings.renewal_windows
    for tool_id, tool, renewal, implied in _watched(context):
        if not tool.contract.auto_renew or notice_days(tool.contract) is not None:
            continue
        days = (renewal - context.today).days
        yield context.finding(
            "I016", urgency(days, windows) or Severity.LOW, [("tool", tool_id)],
            action="find", due=renewal, amount=yearly(context, tool_id),
            tool=Ref("tool", tool_id), renewal=renewal)
