"""Security and privacy reviews: I007 (older than the policy) and I008 (missing)."""

from __future__ import annotations

from generator.analysis.insights.base import Ref, Severity, insight
from generator.analysis.insights.common import lifecycle
from generator.code_settings import Option
from generator.checks.examples import HUBSPOT
from generator.problem import Example


@insight("I007", "review-overdue", "A security or privacy review is older than the policy age.",
         options=(Option("max_age_days", 365, "Reviews older than this many days are reported.",
                         "whole"),),
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
reviews:
  security: 2024-01-10
"""),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
reviews:
  security: 2026-01-10
"""),))
def review_overdue(context):
    """A tool's last security or privacy review is older than the policy age (the
    `max_age_days` option, 365 unless configured).

    Tools change, and so do their terms and sub-processors: review them again.
    """
    max_age = context.option("I007", "max_age_days")
    for tool_id, tool in context.catalog.tools.items():
        if tool.reviews is None or lifecycle(tool) == "retired":
            continue
        for kind in ("security", "privacy"):
            reviewed = getattr(tool.reviews, kind)
            if reviewed is not None and (context.today - reviewed).days > max_age:
                yield context.finding(
                    "I007", Severity.MEDIUM, [("tool", tool_id)], kind, action=kind,
                    tool=Ref("tool", tool_id),
                    age=(context.today - reviewed).days, date=reviewed, max_age=max_age)


@insight("I008", "review-missing", "A tool holding personal data has no security or privacy "
         "review.",
         failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
data:
  personal_data: true
reviews:
  security: 2026-01-10
"""),),
         passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
data:
  personal_data: true
reviews:
  security: 2026-01-10
  privacy: 2026-02-01
"""),))
def review_missing(context):
    """A tool (not retired) holds personal data but has no security review, no privacy review,
    or neither.

    Personal data needs both: do them, and record the dates under `reviews`.
    """
    for tool_id, tool in context.catalog.tools.items():
        if tool.data is None or not tool.data.personal_data or lifecycle(tool) == "retired":
            continue
        reviews = tool.reviews
        missing = [kind for kind in ("security", "privacy")
                   if reviews is None or getattr(reviews, kind) is None]
        if missing:
            variant = "both" if len(missing) == 2 else missing[0]
            yield context.finding("I008", Severity.HIGH, [("tool", tool_id)], variant,
                                  action=variant, tool=Ref("tool", tool_id))
