"""A date cannot be right: a contract renews before it starts, or a review is in the future.

A contract's `renewal` must come after its `start`; the cancel-by date (renewal minus
`notice_days`) must not fall before the start. Review dates record reviews that happened, so
they cannot be later than today. Dates that do not exist at all (`2025-02-30`) are reported
while reading the file (Y001).
"""

import datetime as dt

from generator.checks.examples import HUBSPOT
from generator.problem import Code, Example, Severity

CODE = Code(
    "R007", "impossible-date", Severity.ERROR, "A date is impossible: renewal before start, or a review in the future.", __doc__,
    failing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
contract:
  start: 2026-03-01
  renewal: 2026-01-31
reviews:
  security: 2099-01-15
"""),),
    passing=(Example("catalog/tools/hubspot.yaml", HUBSPOT + """\
contract:
  start: 2026-03-01
  renewal: 2027-02-28
reviews:
  security: 2026-01-15
"""),),
)

CODES = (CODE,)


def check(catalog, context):
    today = context.today
    for tool_id, tool in catalog.checkable("tool"):  # files with schema errors too
        contract = tool.contract
        if contract and contract.start and contract.renewal:
            if contract.renewal <= contract.start:
                yield CODE.at(*catalog.locate("tool", tool_id, ("contract", "renewal")),
                              f"renewal {contract.renewal} is not after start {contract.start}; "
                              "fix one of the dates")
            elif (contract.notice_days is not None and contract.renewal
                  - dt.timedelta(days=contract.notice_days) < contract.start):
                yield CODE.at(*catalog.locate("tool", tool_id, ("contract", "notice_days")),
                              f"a notice period of {contract.notice_days} days puts the cancel-by "
                              f"date before the contract start {contract.start}; check it")
        if tool.reviews:
            for which in ("security", "privacy"):
                when = getattr(tool.reviews, which)
                if when and when > today:
                    yield CODE.at(*catalog.locate("tool", tool_id, ("reviews", which)),
                                  f"the {which} review date {when} is in the future; record the "
                                  "date the review happened")
