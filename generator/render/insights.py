"""The insights section: the action list, findings, costs and renewals (``insights/``), the
list of insight codes, and the downloads page.

``insight_pages`` is a page set (see ``generator.render.pages``). ``report_markdown`` is what
``mops report --format markdown`` prints: the same report the site shows, without the charts.
A wide-audience build (``settings.shows_costs`` false) gets no cost or contract section.

Findings are written in the site's language from their message keys, with every tool or role
named (linked to its page), dates and money formatted the site's way (``say``).
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

from markupsafe import Markup

from generator.analysis.actions import ActionList, action_list
from generator.analysis.costs import DIMENSIONS, CostTables, cost_tables
from generator.analysis.insights import INSIGHTS, Finding, Money, Ref, insights
from generator.analysis.insights.base import EXAMPLE_DAY
from generator.analysis.renewals import CANCEL_BY, ContractDate, contract_dates, fiscal_quarter
from generator.export.downloads import FOLDER as DOWNLOADS_FOLDER
from generator.export.downloads import download_paths
from generator.export.ics_export import event_title
from generator.render import diagrams, escape, formatting
from generator.render.urls import page_path, relative_url

REPORT_PAGE = "insights/index.md"
CODES_PAGE = "insights/codes.md"
DOWNLOADS_PAGE = f"{DOWNLOADS_FOLDER}/index.md"
TIMELINE_DAYS = 365  # the renewals chart shows the year ahead; the table, the renewal windows
GROUP_KIND = {"category": "category", "layer": "layer", "owner": ("role", "person")}  # -> kind
ACTIONS_SHOWN = 25
"""The site lists this many of the most urgent actions, then says how many more there are (all
of them are in the findings by code on the same page and in ``mops report``). The savings
total counts every action, listed or not."""


@dataclass
class Report:
    """Everything the report shows, computed once."""

    today: dt.date
    today_source: str
    """``option``, ``environment``, ``commit`` or ``system`` (see ``Settings.dated``)."""
    findings: list[Finding]
    actions: ActionList
    costs: CostTables | None
    """None for a wide-audience build."""
    renewals: list[ContractDate]
    """Renewal and cancel-by dates from today to the end of the last renewal window."""

    def by_code(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.code, []).append(finding)
        return grouped


def build_report(catalog, settings) -> Report:
    today = settings.reference_date()
    source = settings.today_source or ("option" if settings.today else "system")
    found = insights(catalog, settings)
    if not settings.shows_costs:
        return Report(today, source, found, action_list(found), None, [])
    horizon = today + dt.timedelta(days=max(settings.renewal_windows))
    return Report(today, source, found, action_list(found), cost_tables(catalog, settings),
                  contract_dates(catalog, today, horizon, today=today))


def window_of(report: Report, settings, date: dt.date) -> int:
    days = (date - report.today).days
    return min(w for w in settings.renewal_windows if w >= days)


class Say:
    """Writes findings and actions in the site's language on one page: ``say(finding)``,
    ``say.action(finding)``, ``say.badge(severity)``, ``say.amount(finding)``."""

    def __init__(self, r, h, link: bool = True):
        self.r, self.h, self.link = r, h, link

    def __call__(self, finding: Finding) -> Markup:
        return self.text(finding.key, finding.values)

    def action(self, finding: Finding) -> Markup:
        return self.text(finding.action_key, finding.values) if finding.action_key else Markup("")

    def text(self, key: str, values: dict) -> Markup:
        parts = []
        for literal, name, _, _ in string.Formatter().parse(self.r.t(key)):
            parts.append(Markup(escape.plain_code(literal)))
            if name is not None:
                parts.append(self.value(values[name]))
        text = Markup("").join(parts)
        return text[:1].upper() + text[1:] if text[:1].islower() else text

    def value(self, value) -> Markup:
        if isinstance(value, Ref):
            return self.h.link(value.kind, value.id) if self.link else \
                escape.plain(self.r.name(value.kind, value.id))
        if isinstance(value, (list, tuple)):
            return Markup(", ").join(self.value(v) for v in value)
        if isinstance(value, dt.date):
            return escape.plain(self.h.date(value))
        if isinstance(value, Money):
            return escape.plain(self.h.money(value.amount, value.currency))
        return escape.plain(value)

    def badge(self, severity) -> Markup:
        """The severity as a coloured badge."""
        value = getattr(severity, "value", severity)
        return Markup(f'<span class="mops-badge mops-severity mops-severity--{value}">'
                      f'{escape.html_attribute(self.h.enum("severity", value))}</span>')

    def amount(self, finding: Finding) -> str:
        return self.h.money(finding.amount) if finding.amount else ""


def _context(r, report: Report, path: str, link: bool = True,
             actions_shown: int | None = ACTIONS_SHOWN) -> dict:
    """``actions_shown``: how many actions the list shows (None: all of them)."""
    return dict(report=report, dimensions=DIMENSIONS, group_kind=GROUP_KIND,
                actions=report.actions.actions[:actions_shown],
                window_of=lambda d: window_of(report, r.settings, d),
                fiscal_quarter=lambda d: fiscal_quarter(d, r.settings.fiscal_year_start),
                say_for=lambda h: Say(r, h, link), CODES_PAGE=CODES_PAGE,
                insight_names={code: item.name for code, item in INSIGHTS.items()})


def report_markdown(renderer) -> str:
    report = build_report(renderer.catalog, renderer.settings)
    return renderer.page("insights/report.md.j2", REPORT_PAGE, renderer.t("insights.title"),
                         charts={}, **_context(renderer, report, REPORT_PAGE,
                                                       actions_shown=None)).markdown


def insight_pages(r) -> dict:
    downloads = {path: path.rsplit("/", 1)[1] for path in download_paths(r.settings)}
    pages = {}
    if r.wants(REPORT_PAGE):  # the only one of the three that depends on the catalog
        report = build_report(r.catalog, r.settings)
        pages[REPORT_PAGE] = r.page("insights/report.md.j2", REPORT_PAGE, r.t("insights.title"),
                                    in_nav=True, charts=_charts(r, report),
                                    **_context(r, report, REPORT_PAGE))
    if r.wants(CODES_PAGE):
        pages[CODES_PAGE] = r.page("insights/codes.md.j2", CODES_PAGE,
                                   r.t("insights.codes.title"), in_nav=True, insights=INSIGHTS,
                                   example_day=EXAMPLE_DAY)
    if r.wants(DOWNLOADS_PAGE):
        pages[DOWNLOADS_PAGE] = r.page("insights/downloads.md.j2", DOWNLOADS_PAGE,
                                       r.t("downloads.title"), in_nav=True, downloads=downloads)
    return pages


def _charts(r, report: Report) -> dict[str, str]:
    """Inline SVG charts by name (``costs``, ``renewals``), for the sections that have data."""
    if report.costs is None:
        return {}
    charts = {}
    by_category = report.costs.by["category"]
    if not by_category.empty:
        charts["costs"] = diagrams.bar_chart(
            [{"label": r.name("category", row.group), "value": row.annual,
              "value_label": formatting.money(row.annual, report.costs.currency,
                                              r.settings.language),
              "href": relative_url(REPORT_PAGE, page_path("category", row.group))}
             for row in by_category.itertuples()],
            title=r.t("insights.costs.chart"))
    end = report.today + dt.timedelta(days=TIMELINE_DAYS)
    annual = dict(zip(report.costs.tools["tool"], report.costs.tools["annual"]))
    language = r.settings.language
    events = [{"date": item.date, "label": event_title(r.t, r.name("tool", item.tool), item),
               "kind": item.kind if item.kind == CANCEL_BY else "renewal" if item.auto_renew else "ends",
               "amount": formatting.money(annual[item.tool], report.costs.currency, language)
               if annual.get(item.tool) else "",
               "href": relative_url(REPORT_PAGE, page_path("tool", item.tool))}
              for item in contract_dates(r.catalog, report.today, end, today=report.today)]
    if events:
        charts["renewals"] = diagrams.calendar(
            events, report.today, end, today=report.today, title=r.t("insights.renewals.chart"),
            month_label=lambda day: formatting.month(day, language),
            day_label=lambda day: formatting.day(day, language),
            today_label=r.t("insights.renewals.today"))
    return charts
