"""``mops report [ROOT] [--format text|json|markdown] [--today DATE] [--audience internal|wide]``

Prints the insights: the action list first (what to do, by when, the amount at stake), then
every finding, the cost tables and the renewals ahead. Settings (currency, per-code thresholds,
audience) come from the ``mops`` plugin options in ``ROOT/mkdocs.yml`` when there is one; the
flags override them. The report's date is ``--today``, else ``MOPS_TODAY``, else the ``today``
option, else the date of the last commit, else the system date; every format says which.
Exit 0 whatever the findings (they are advice), 1 when the catalog has errors, 2 on usage
errors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.commands import date_argument
from generator.commands.deployment import catalog_and_settings, site_address
from generator.control_characters import visible_lines


def add_parser(sub):
    parser = sub.add_parser(
        "report", help="insights: overlaps, renewals, reviews, costs",
        description="Print what the catalog says about the stack: findings (each with a stable "
        "code), cost tables and the renewal and cancel-by dates ahead.")
    parser.add_argument("root", nargs="?", default=".", help="catalog root (default: .)")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                        help="text for a terminal, json for tools, markdown to paste into "
                        "Slack, Confluence or a pull request (default: text)")
    parser.add_argument("--today", type=date_argument, metavar="DATE",
                        help="the date to report from (YYYY-MM-DD); default: MOPS_TODAY, the "
                        "today option in mkdocs.yml, the date of the last commit, or today")
    parser.add_argument("--audience", choices=("internal", "wide"),
                        help="'wide' leaves cost and contract data out (default: the mops "
                        "plugin's audience in ROOT/mkdocs.yml, else internal)")
    parser.add_argument("--site-url", default="", metavar="URL",
                        help="the published site's address, for links in --format markdown "
                        "(default: site_url in ROOT/mkdocs.yml; without either, names are "
                        "not linked)")
    parser.set_defaults(run=run)


def run(args) -> int:
    loaded = catalog_and_settings(args.root, "reporting", today=args.today,
                                  audience=args.audience)
    if isinstance(loaded, int):
        return loaded
    catalog, settings = loaded
    output = FORMATS[args.format](catalog, settings)
    if args.format == "markdown":  # to paste: no entities, links absolute or none
        from generator.render.insights import REPORT_PAGE
        from generator.render.paste import pasteable

        output = pasteable(output, REPORT_PAGE, *site_address(Path(args.root), args.site_url))
    # JSON escapes what it must itself; text and Markdown are read in a terminal
    sys.stdout.write(output if args.format == "json" else visible_lines(output))
    return 0


# --------------------------------------------------------------------------- formats


def as_json(catalog, settings) -> str:
    from generator.render.insights import build_report

    report = build_report(catalog, settings)
    document = {
        "today": report.today.isoformat(),
        "today_source": report.today_source,
        "audience": settings.audience,
        "currency": settings.currency,
        "savings": report.actions.savings,
        "actions": [f.as_dict() for f in report.actions.actions],
        "findings": [f.as_dict() for f in report.findings],
    }
    if report.costs is not None:
        document["costs"] = report.costs.as_dict()
        document["renewals"] = [
            {"date": d.date.isoformat(), "tool": d.tool, "kind": d.kind,
             "renewal": d.renewal.isoformat(), "auto_renew": d.auto_renew,
             "implied": d.implied}
            for d in report.renewals]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_markdown(catalog, settings) -> str:
    from generator.render.insights import report_markdown
    from generator.render.pages import Renderer

    return report_markdown(Renderer(catalog, settings))


def as_text(catalog, settings) -> str:
    from generator.render.insights import build_report

    report = build_report(catalog, settings)
    lines = [f"Insights on {report.today.isoformat()} ({SOURCES[report.today_source]})", ""]
    actions = report.actions
    lines.append("Act on these first:" if actions.actions else "Nothing to act on.")
    for number, f in enumerate(actions.actions, start=1):
        due = f"{f.due.isoformat()}  " if f.due else ""
        amount = f"  ({settings.currency} {_amount(f.amount)} a year)" if f.amount else ""
        lines.append(f"{number:>3}. {f.severity.value.upper():<6}  {due}{f.action[:1].upper()}{f.action[1:]}{amount}  "
                     f"[{f.code}]")
    if actions.savings:
        lines.append(f"Savings you can act on: {settings.currency} {_amount(actions.savings)} "
                     "a year")
    for f in actions.acknowledged:
        reason = f.acknowledged.reason if f.acknowledged else ""
        lines.append(f"  acknowledged: {f.code}  {f.message} ({reason})")
    lines += ["", "Findings:"]
    findings = sorted(report.findings, key=lambda f: (f.severity.rank, f.code, f.entities))
    width = max((len(f.severity.value) for f in findings), default=0)
    lines += [f"{f.severity.value.upper():<{width}}  {f.code}  {f.message}"
              + ("" if f.is_open else " (acknowledged)") for f in findings]
    if not findings:
        lines.append("No findings.")
    if report.costs is not None:
        costs = report.costs
        lines += ["", f"Costs per year in {costs.currency} (tools still paid for): "
                  f"{_amount(costs.total_annual)} a year, {_amount(costs.total_one_off)} one-off"
                  + (f"; media spend apart: {_amount(costs.total_media)} a year"
                     if costs.total_media else "")]
        for dimension, table in costs.by.items() if not costs.tools.empty else ():
            lines += ["", f"  by {dimension}:", _cost_row(dimension.capitalize(), "Tools",
                                                          "Per year", "One-off")]
            lines += [_cost_row(row.group, row.tools, _amount(row.annual), _amount(row.one_off))
                      for row in table.itertuples()]
        for row in costs.other_currencies.itertuples():
            lines.append(f"  not in the totals: {row.tool} {_amount(row.annual)} {row.currency} "
                         "a year")
        horizon = max(settings.renewal_windows)
        lines += ["", f"Renewal and cancel-by dates in the next {horizon} days:"]
        lines += [f"  {d.date.isoformat()}  {d.kind:<9}  {d.tool}"
                  + ("  (implied: the recorded date has passed)" if d.implied else "")
                  for d in report.renewals]
        if not report.renewals:
            lines.append("  none")
    return "\n".join(lines) + "\n"


def _cost_row(group, tools, annual, one_off) -> str:
    """One line of a text cost table: the group, then right-aligned figures under headers."""
    return f"    {group:<32} {tools:>5}  {annual:>12}  {one_off:>12}"


def _amount(value: float) -> str:
    return f"{value:,.2f}".removesuffix(".00")


SOURCES = {"option": "the date set for reports", "environment": "the date set in MOPS_TODAY",
           "commit": "the date of the last commit", "system": "the date of the build"}

FORMATS = {"text": as_text, "json": as_json, "markdown": as_markdown}
