"""Catalog -> ``{page path: Page}``: the whole site's generated Markdown, without MkDocs.

A *page set* is a function ``(renderer) -> {path: Page}``; ``PAGE_SETS`` lists them and
``render_pages`` merges their output. To add pages (insights, another view), write a page set
and pass ``page_sets=[*PAGE_SETS, yours]``. Templates live in ``templates/*.md.j2`` and see:

* ``t``: the translator (every label goes through it),
* ``h``: helpers bound to the page being written (links, escaping, money, dates),
* whatever the page set passes.

Every ``{{ value }}`` in a template is escaped as plain text unless it is ``Markup`` (what the
helpers return), so a value taken from YAML can never become markup by accident.

Tables are HTML blocks (the ``table`` macro in ``_macros.md.j2`` and ``h.row``), so their cells
link with the ``html_*`` helpers; the site plugin keeps them out of Markdown conversion, where
table cells cost the most (``generator/render/html_blocks.py``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.analysis.links import build_links
from generator.analysis.raci import Raci, raci
from generator.render import escape, formatting
from generator.i18n import Translator
from generator.render.page_sets import PAGE_SETS
from generator.render.urls import page_path, relative_url
from generator.settings import Settings

TEMPLATES = Path(__file__).parent / "templates"
KINDS_WITH_PAGES = ("tool", "role", "person", "team", "playbook", "kpi", "category")
OWNER_KINDS = ("role", "person")


@dataclass(frozen=True)
class Page:
    markdown: str
    title: str
    edit_path: str | None = None
    """The YAML file (relative to the catalog root) the "Edit this page" button opens."""


def _escape_unless_markup(value):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape.plain(value)


_ALIGNED = {"r": ' style="text-align: right;"', "c": ' style="text-align: center;"'}


def _percent_encoded(url: str) -> str:
    """An address with the characters Markdown or HTML would act on percent-encoded."""
    return "".join(f"%{ord(c):02X}" if c in "()<>|\"' " else c for c in url)


@functools.cache  # one per process: templates are compiled once (files are checked for edits)
def template_environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        finalize=_escape_unless_markup,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # with finalize above: macros return Markup, nothing is escaped twice
    )


class Renderer:
    """What every page set needs: the catalog, settings, labels, reverse links, templates.

    ``only`` limits the pages wanted (``None``: all of them); page sets skip the work for pages
    ``wants`` says no to (``render_pages`` drops any that are made anyway).
    """

    def __init__(self, catalog, settings: Settings, only: set[str] | None = None):
        self.catalog = catalog
        self.settings = settings
        self.only = only
        self.t = Translator(settings.language)
        self.links = build_links(catalog)
        self.env = template_environment()

    @functools.cached_property
    def raci(self) -> Raci:
        """The RACI assignments, worked out on first use (role, playbook and RACI pages share
        them)."""
        return raci(self.catalog)

    def wants(self, *paths: str) -> bool:
        """Whether any of ``paths`` is to be rendered."""
        return self.only is None or any(path in self.only for path in paths)

    def name(self, kind: str, entity_id: str) -> str:
        entity = self.catalog.entities[kind].get(entity_id)
        return self.t.text(entity.name) if entity is not None else entity_id

    def by_name(self, kind: str, ids) -> list[str]:
        """``ids`` in the order of the names the site shows for them (case-insensitive, in
        the site language), not of their ids."""
        return sorted(ids, key=lambda entity_id: (self.name(kind, entity_id).casefold(), entity_id))

    def edit_path(self, kind: str, entity_id: str) -> str | None:
        if (kind, entity_id) not in self.catalog.sources:
            return None
        return self.catalog.file_of(kind, entity_id)

    def page(self, template: str, path: str, title: str, *, edit_path: str | None = None,
             **context) -> Page:
        markdown = self.env.get_template(template).render(
            t=self.t, h=Helpers(self, path), settings=self.settings, catalog=self.catalog,
            links=self.links, title=title, **context)
        return Page(markdown, title, edit_path)


class Helpers:
    """Template helpers for one page: links are relative to it."""

    def __init__(self, renderer: Renderer, here: str):
        self.r = renderer
        self.here = here
        self.language = renderer.settings.language

    # links -----------------------------------------------------------------
    def url(self, path: str, anchor: str = "") -> str:
        return relative_url(self.here, path) + (f"#{anchor}" if anchor else "")

    def link_to(self, path: str, label, anchor: str = "") -> Markup:
        return Markup(f"[{_escape_unless_markup(label)}]({self.url(path, anchor)})")

    def link(self, kind: str | tuple[str, ...], entity_id: str) -> Markup:
        """The entity's name, linked to its page (kinds without pages: just the name)."""
        return self._entity_link(kind, entity_id, self.link_to)

    def _entity_link(self, kind, entity_id: str, link_to) -> Markup:
        if isinstance(kind, tuple):  # a reference that may name several kinds (an owner)
            kind = self.r.catalog.kind_of(kind, entity_id) or kind[0]
        label = escape.plain(self.r.name(kind, entity_id))
        if kind not in KINDS_WITH_PAGES or entity_id not in self.r.catalog.entities[kind]:
            return label
        return link_to(page_path(kind, entity_id), label)

    def by_name(self, kind: str, ids) -> list[str]:
        return self.r.by_name(kind, ids)

    def links(self, kind: str, ids) -> Markup:
        """The entities' linked names, in the order of their names."""
        return Markup(", ").join(self.link(kind, i) for i in self.r.by_name(kind, ids))

    # the same links as HTML, for inside HTML blocks (tables): the site plugin turns their
    # .md addresses into page URLs, as MkDocs does for Markdown links
    def html_link_to(self, path: str, label) -> Markup:
        return Markup(f'<a href="{escape.html_attribute(self.url(path))}">'
                      f'{_escape_unless_markup(label)}</a>')

    def html_link(self, kind: str | tuple[str, ...], entity_id: str) -> Markup:
        """``link`` as an HTML ``<a>``."""
        return self._entity_link(kind, entity_id, self.html_link_to)

    def html_links(self, kind: str, ids) -> Markup:
        return Markup(", ").join(self.html_link(kind, i) for i in self.r.by_name(kind, ids))

    def owner(self, entity_id: str) -> Markup:
        """An owner (a role or a person id) linked to its page."""
        return self.link(OWNER_KINDS, entity_id)

    def html_owner(self, entity_id: str | None) -> Markup:
        """``owner`` as an HTML ``<a>``; empty for no owner."""
        return self.html_link(OWNER_KINDS, entity_id) if entity_id else Markup("")

    def html_external(self, url: str) -> Markup:
        """A link to a schema-checked http(s) address, as an HTML ``<a>``."""
        return Markup(f'<a href="{escape.html_attribute(_percent_encoded(url))}">'
                      f'{_escape_unless_markup(url)}</a>')

    def row(self, *cells, align: str = "", cell: str = "td") -> Markup:
        """One row of an HTML table (the ``table`` macro), marked up as Python-Markdown's
        tables extension writes it; ``align`` has a letter per column: l(eft), r(ight) or
        c(entre). Cells that are not ``Markup`` are escaped as plain text."""
        lines = ["<tr>"]
        for index, value in enumerate(cells):
            side = _ALIGNED.get(align[index:index + 1], "")
            lines.append(f"<{cell}{side}>{_escape_unless_markup(value)}</{cell}>")
        lines.append("</tr>")
        return Markup("\n".join(lines))

    def href(self, kind: str, entity_id: str) -> Markup:
        """The page's address for an HTML ``href`` we write ourselves (an .md path MkDocs
        rewrites)."""
        return escape.html_attribute(self.url(page_path(kind, entity_id)))

    # text ------------------------------------------------------------------
    def text(self, value) -> Markup:
        return escape.plain(self.r.t.text(value))

    def md(self, value) -> Markup:
        return escape.markdown(self.r.t.text(value))

    def name(self, kind: str, entity_id: str) -> str:
        return self.r.name(kind, entity_id)

    def code(self, value) -> Markup:
        return Markup(f"<code>{escape.plain_code(str(value))}</code>")

    def svg(self, markup: str, view: str = "") -> Markup:
        """A diagram from ``generator.render.diagrams`` (already escaped there), as an HTML
        block of its own. ``view`` "wide" or "narrow": shown only on wide screens or only on
        phones (diagrams.css), for diagrams drawn once for each."""
        classes = f"mops-diagram mops-view-{view}" if view else "mops-diagram"
        return Markup(f'<div class="{classes}">\n{markup}\n</div>')

    def front_matter(self, boost: float | None = None, keywords=()) -> Markup:
        """YAML front matter: a search boost and the keywords search ranks highest (Material
        indexes ``tags`` with a large boost and shows them with innerHTML, hence escaped)."""
        lines = ["---"]
        if boost:
            lines += ["search:", f"  boost: {boost}"]
        words = [escape.html_attribute(w) for w in dict.fromkeys(keywords) if w]
        if words:
            lines.append(f"tags: {json.dumps(words, ensure_ascii=False)}")
        lines.append("---")
        return Markup("\n".join(lines) + "\n")

    # formats ---------------------------------------------------------------
    def money(self, amount: float, currency: str | None = None) -> str:
        return formatting.money(amount, currency or self.r.settings.currency, self.language)

    def date(self, value: dt.date | None) -> str:
        return formatting.date(value, self.language)

    def percent(self, value: float) -> str:
        return formatting.percent(value, self.language)

    def enum(self, group: str, value) -> str:
        """The label of an enum value, e.g. ``lifecycle.adopted``."""
        return self.r.t(f"{group}.{getattr(value, 'value', value)}")

    def custom_value(self, value) -> str:
        """A custom field's value: dates the site's way, booleans as yes / no, numbers as
        written (a whole number is often a code, a vendor number or a year: never grouped)."""
        if isinstance(value, bool):
            return self.r.t("answer.yes" if value else "answer.no")
        if isinstance(value, dt.date):
            return self.date(value)
        return str(value)  # text, and numbers as written (no grouping, no rounding)

    def enums(self, group: str, values) -> str:
        return ", ".join(self.enum(group, v) for v in values)

    def words(self, values) -> Markup:
        """A list of plain values (ids, data objects, tags), comma-separated."""
        return Markup(", ").join(escape.plain(v) for v in values)

    def raci(self, letters: str) -> Markup:
        """RACI letters as coloured badges, e.g. ``RA`` -> two badges."""
        names = {"R": "responsible", "A": "accountable", "C": "consulted", "I": "informed"}
        return Markup("").join(
            Markup(f'<span class="mops-raci mops-raci--{letter.lower()}" '
                   f'title="{escape.html_attribute(self.r.t("raci." + names[letter]))}">'
                   f'{letter}</span>') for letter in letters if letter in names)

    def raci_legend(self) -> Markup:
        return Markup(f'<p class="mops-raci-legend">'
                      f'{escape.html_attribute(self.r.t("raci.legend"))}</p>')

    def lifecycle(self, value) -> Markup:
        """A coloured lifecycle badge (the stack map's legend explains the colours)."""
        state = getattr(value, "value", value)
        return Markup(f'<span class="mops-badge mops-lifecycle--{state}">'
                      f'{escape.html_attribute(self.enum("lifecycle", state))}</span>')


def render_pages(catalog, settings: Settings | None = None, page_sets=None,
                 only: set[str] | None = None) -> dict[str, Page]:
    """Every generated page, by path relative to the docs folder; with ``only``, just those of
    its paths that exist (``generator.render.incremental`` uses it to redo part of a site)."""
    renderer = Renderer(catalog, settings or Settings(), only)
    pages: dict[str, Page] = {}
    for page_set in PAGE_SETS if page_sets is None else page_sets:
        for path, page in page_set(renderer).items():
            if path in pages:
                raise ValueError(f"two page sets both write {path}")
            if renderer.wants(path):
                pages[path] = page
    return dict(sorted(pages.items()))
