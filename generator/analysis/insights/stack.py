"""The stack as a whole: I010 (its size against common ranges)."""

from __future__ import annotations

from generator.analysis.insights.base import Severity, insight
from generator.analysis.insights.common import RUNNING, lifecycle

SMALL_MID_RANGE = (25, 50)
ENTERPRISE_FROM = 250
STACK_SIZE_SOURCE = "CabinetM"


@insight("I010", "stack-size", "How many tools are in use, against common stack sizes.")
def stack_size(context):
    """The number of tools running (piloting, adopted or sunsetting: the ones the team pays for
    and supports today; tools being evaluated are not in the stack yet and retired ones are
    gone), set against the ranges CabinetM reports: small and mid-size companies commonly run
    25-50 marketing applications, enterprises 250 or more.

    Informational: a stack far above its range often hides overlaps and shelfware.
    """
    count = sum(1 for tool in context.catalog.tools.values() if lifecycle(tool) in RUNNING)
    low, high = SMALL_MID_RANGE
    if count < low:
        where = "below"
    elif count <= high:
        where = "within"
    elif count < ENTERPRISE_FROM:
        where = "between"
    else:
        where = "enterprise"
    yield context.finding("I010", Severity.INFO, [], where, count=count, low=low, high=high,
                          enterprise=ENTERPRISE_FROM, source=STACK_SIZE_SOURCE)
