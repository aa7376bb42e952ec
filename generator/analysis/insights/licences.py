"""Seats: I004 (licences bought but not used)."""

from __future__ import annotations

from generator.analysis.costs import seat_price
from generator.analysis.insights.base import Money, Ref, Severity, insight
from generator.analysis.insights.common import ON_THE_WAY_OUT, decision_date, lifecycle
from generator.code_settings import Option
from generator.checks.examples import HUBSPOT
from generator.problem import Example


SEATS = """\
cost:
  amount: 9600
  basis: per-seat
licences:
  bought: 10
  active: {active}
"""


@insight("I004", "under-used-licences", "Fewer licences are in use than the threshold share.",
         options=(Option("threshold", 0.7, "Active / bought licences below this share are "
                         "reported.", "share"),),
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + SEATS.format(active=5)),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + SEATS.format(active=9)),))
def under_used_licences(context):
    """A tool in use (not sunsetting or retired: those seats go with the tool) has active
    licences, as a share of those bought, below the threshold (the `threshold` option, 0.7
    unless configured).

    Unused seats are money spent on nothing: reduce the count at the next renewal (by the
    cancel-by date, when the contract has one) or get people using them. The amount is the
    unused seats times the price of one seat (the tool's per-seat cost a year over the seats
    bought), when the cost is known and not priced per contact or per task.
    """
    threshold = context.option("I004", "threshold")
    for tool_id, tool in context.catalog.tools.items():
        licences = tool.licences
        if licences is None or licences.bought == 0 or lifecycle(tool) in ON_THE_WAY_OUT:
            continue
        share = licences.active / licences.bought
        if share >= threshold:
            continue
        unused = licences.bought - licences.active
        price = seat_price(tool, context.settings.currency) if context.settings.shows_costs \
            else None
        amount = unused * price if price else None
        due = decision_date(tool.contract, context.today) if context.settings.shows_costs \
            else None
        yield context.finding(
            "I004", Severity.MEDIUM, [("tool", tool_id)],
            action=("seat" if unused == 1 else "seats") + ("_by" if due else ""),
            due=due, amount=amount, savings=((tool_id, amount),) if amount else (),
            tool=Ref("tool", tool_id), active=licences.active, bought=licences.bought,
            unused=unused, share=f"{share:.0%}", threshold=f"{threshold:.0%}",
            **({"date": due} if due else {}),
            **({"price": Money(price, context.settings.currency)} if price else {}))
