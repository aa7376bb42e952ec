"""The generated pages (generator/render/pages.py and its page sets), without MkDocs."""

import re
from pathlib import Path

import pytest

from generator.checks import validate
from generator.model.catalog import PLURAL
from generator.checks import all_codes
from generator.render.pages import Page, render_pages
from generator.settings import Settings

from conftest import FIXTURES


@pytest.fixture(scope="module")
def small():
    catalog, problems = validate(FIXTURES / "small")
    assert not problems
    return catalog, render_pages(catalog, Settings())


def rows_of(markdown: str) -> list[list[str]]:
    """The rows of the HTML tables in a page, each a list of its cells' markup."""
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
            for row in re.findall(r"<tr>\n(.*?)\n</tr>", markdown, re.DOTALL)]


def links_of(page: Page) -> set[str]:
    return set(re.findall(r"\]\(([^)#]+\.md)", page.markdown)) | \
        set(re.findall(r'href="([^"#]+\.md)"', page.markdown))


def test_every_entity_and_section_has_a_page(small):
    catalog, pages = small
    for kind in ("tool", "role", "team", "playbook", "kpi", "category"):
        for entity_id in catalog.entities[kind]:
            assert f"{PLURAL[kind]}/{entity_id}.md" in pages
    for section in ("index.md", "stack/index.md", "stack/by-stage.md", "stack/by-owner.md",
                    "tools/index.md", "categories/index.md", "roles/index.md", "teams/index.md",
                    "playbooks/index.md", "kpis/index.md", "raci.md", "tasks.md",
                    "integrations/index.md", "reference/fields.md", "reference/rules.md"):
        assert section in pages


def test_titles_and_edit_paths_point_at_the_yaml_source(small):
    _, pages = small
    assert pages["tools/marketo.md"].title == "Marketo Engage"
    assert pages["tools/marketo.md"].edit_path == "catalog/tools/marketo.yaml"
    assert pages["playbooks/lead-handoff.md"].edit_path == "playbooks/lead-handoff.yaml"
    assert pages["categories/crm.md"].edit_path == "catalog/categories.yaml"
    assert pages["stack/index.md"].edit_path is None


def test_links_resolve_and_go_both_ways(small):
    _, pages = small
    import posixpath
    for path, page in pages.items():
        for link in links_of(page):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), link))
            assert target in pages, f"{path} links to missing {target}"
    pairs = [("tools/marketo.md", "roles/automation-specialist.md"),  # owner
             ("tools/marketo.md", "playbooks/lead-handoff.md"),       # step uses the tool
             ("tools/marketo.md", "categories/marketing-automation.md"),
             ("tools/marketo.md", "tools/salesforce.md"),             # integration
             ("playbooks/lead-handoff.md", "kpis/conversion-rate.md"),
             ("teams/small-team.md", "roles/mops-manager.md"),
             ("roles/mops-manager.md", "roles/automation-specialist.md")]  # reports
    for a, b in pairs:
        for source, target in ((a, b), (b, a)):
            resolved = {posixpath.normpath(posixpath.join(posixpath.dirname(source), link))
                        for link in links_of(pages[source])}
            assert target in resolved, f"{source} does not link to {target}"


def test_tool_facts_include_the_cancel_by_date(small):
    _, pages = small
    text = pages["tools/marketo.md"].markdown
    rows = rows_of(text)
    assert ["Cancel by", "<strong>Nov 1, 2026</strong>"] in rows  # 2026-12-31 minus 60 days
    assert "$36,000 per year" in text
    assert ["Vendor", "Adobe"] in rows


def test_wide_audience_sees_no_costs_or_contracts(small):
    catalog, _ = small
    pages = render_pages(catalog, Settings(audience="wide"))
    everything = "\n".join(p.markdown for p in pages.values())
    for hidden in ("36,000", "Cancel by", "Renewal", "Contract start", "annual cost"):
        assert hidden not in everything


def test_stack_map_shows_every_tool_with_its_lifecycle(small):
    catalog, pages = small
    text = pages["stack/index.md"].markdown
    for tool_id in catalog.tools:
        assert f'href="../tools/{tool_id}.md"' in text
    assert text.count("mops-card--adopted") == len(catalog.tools)
    assert "Lifecycle:" in text  # the legend


def test_playbook_page_has_flow_raci_matrix_and_steps(small):
    _, pages = small
    text = pages["playbooks/lead-handoff.md"].markdown
    assert '<table class="mops-raci-matrix">' in text
    assert 'mops-raci--r' in text and 'mops-raci--a' in text
    assert "<svg" in text  # the flow diagram
    assert "### 1. Agree the MQL definition" in text


def test_role_page_lists_tools_and_raci_steps(small):
    _, pages = small
    text = pages["roles/mops-manager.md"].markdown
    assert "**Owns:** [Salesforce Sales Cloud](../tools/salesforce.md)" in text
    assert "Agree the MQL definition" in text and "mops-raci--a" in text


def test_entity_pages_carry_search_keywords_and_boost(small):
    _, pages = small
    head = pages["tools/marketo.md"].markdown.split("\n---\n")[0]
    assert "boost: 5.0" in head  # 4 x (1 + 0.5 / two words in "Marketo Engage")
    assert '"Adobe"' in head and '"lead-scoring"' in head and '"Marketo Engage"' in head


def test_shorter_names_rank_a_little_higher():
    from generator.render.page_sets.entities import name_boost

    assert name_boost("Marketing manager") > name_boost("Marketing operations manager")
    # one more matching word (x1000 title weight) always outweighs the tie-break
    assert name_boost("Hotjar") / name_boost("Content manager") < 1.5


def test_reference_pages_come_from_the_code(small):
    from generator.model.schema import Tool
    _, pages = small
    fields = pages["reference/fields.md"].markdown
    for name in Tool.model_fields:
        assert f"<code>{name.replace('_', '&#95;')}</code>" in fields
    assert "## Contract" in fields and "Days of notice needed to cancel" in fields
    rules = pages["reference/rules.md"].markdown
    for code in (c.code for c in all_codes()):
        assert f"## {code}" in rules


def test_rendering_is_deterministic(small):
    catalog, pages = small
    assert render_pages(catalog, Settings()) == pages


def test_page_sets_compose(small):
    catalog, _ = small

    def extra(renderer):
        return {"extra.md": Page("# Extra\n", "Extra", None)}

    assert set(render_pages(catalog, Settings(), page_sets=[extra])) == {"extra.md"}
    with pytest.raises(ValueError, match="extra.md"):
        render_pages(catalog, Settings(), page_sets=[extra, extra])


def test_malicious_text_never_reaches_markdown_as_markup():
    catalog, problems = validate(FIXTURES / "malicious")
    assert not [p for p in problems if p.severity.value == "error"]
    pages = render_pages(catalog, Settings())
    for path, page in pages.items():
        lowered = page.markdown.lower()
        for bad in ("<script", "<b>", "<i>", "<u>", "<img", "<iframe", "<svg onload", "<details",
                    "](javascript", "]( javascript", "[bad]: javascript", "<a href=\"javascript"):
            assert bad not in lowered, f"{bad!r} in {path}"
    assert "Evil &#60;b&#62;Bold" in pages["tools/marketo.md"].markdown


def test_a_link_both_tools_declare_shows_once(small_catalog):
    small_catalog.write("catalog/tools/salesforce.yaml", """
        name: Salesforce Sales Cloud
        vendor: Salesforce
        category: crm
        lifecycle: adopted
        owner: mops-manager
        integrations:
          - tool: marketo
            direction: out
            data: [opportunities]
        """)
    catalog, _ = validate(small_catalog.root)
    text = render_pages(catalog, Settings())["tools/marketo.md"].markdown
    rows = [row for row in rows_of(text) if '"salesforce.md"' in "".join(row)]
    assert rows == [["exchanges with", '<a href="salesforce.md">Salesforce Sales Cloud</a>',
                     "leads, contacts", ""],
                    ["receives from", '<a href="salesforce.md">Salesforce Sales Cloud</a>',
                     "opportunities", ""]]  # two flows, each as declared
    small_catalog.edit("catalog/tools/salesforce.yaml", "direction: out\n    data: [opportunities]",
                       "direction: both\n    data: [leads, contacts]")
    catalog, _ = validate(small_catalog.root)
    text = render_pages(catalog, Settings())["tools/marketo.md"].markdown
    rows = [row for row in rows_of(text) if '"salesforce.md"' in "".join(row)]
    assert len(rows) == 1  # one flow both tools declare: once


def test_each_flow_shows_its_method_via_and_frequency():
    catalog, _ = validate(Path(__file__).parent / "fixtures" / "every_field")
    text = render_pages(catalog, Settings())["tools/marketo.md"].markdown
    rows = [row for row in rows_of(text) if '"salesforce.md"' in "".join(row)]
    assert [row[2:] for row in rows] == [
        ["leads, contacts", "native connector · real time"],
        ["campaign members", 'iPaaS · via <a href="zapier.md">Zapier</a> · daily']]


def test_custom_fields_show_as_written(small_catalog):
    """A company's own fields are often codes (a vendor number, a fiscal year): a whole number
    is shown as written, never grouped into '4,711' or '2,027'."""
    small_catalog.edit("catalog/tools/marketo.yaml", "owner: automation-specialist",
                       "owner: automation-specialist\ncustom:\n  SAP vendor number: 4711\n"
                       "  Fiscal year: 2027\n  Risk score: 3.5\n  SSO checked: true\n"
                       "  Last audit: 2026-05-01")
    catalog, problems = validate(small_catalog.root)
    assert not problems
    text = render_pages(catalog, Settings())["tools/marketo.md"].markdown
    rows = rows_of(text)
    assert ["SAP vendor number", "4711"] in rows and ["Fiscal year", "2027"] in rows
    assert ["Risk score", "3.5"] in rows and ["SSO checked", "yes"] in rows
    assert ["Last audit", "May 1, 2026"] in rows


def test_stack_by_owner_groups_by_role_or_person(small_catalog):
    """Owners are roles or people: the page says so and a person gets a group of their own."""
    small_catalog.write("catalog/people/ana-lima.yaml", "name: Ana Lima\n")
    small_catalog.edit("catalog/tools/marketo.yaml", "owner: automation-specialist",
                       "owner: ana-lima")
    catalog, problems = validate(small_catalog.root)
    assert not [p for p in problems if p.severity.value == "error"]
    text = render_pages(catalog, Settings())["stack/by-owner.md"].markdown
    assert "role or person accountable" in text
    assert "../people/ana-lima.md" in text and "Ana Lima" in text


def test_a_category_page_lists_the_tools_that_also_belong_to_it(small_catalog):
    """A tool's further `categories` put it on those categories' pages too (after the tools
    whose main category it is); the stack map still uses the main category only."""
    small_catalog.edit("catalog/tools/salesforce.yaml", "category: crm",
                       "category: crm\ncategories: [marketing-automation]")
    catalog, problems = validate(small_catalog.root)
    assert not problems
    pages = render_pages(catalog, Settings())
    text = pages["categories/marketing-automation.md"].markdown
    assert re.search(r"\*\*Also in this category\*\* .*another.*: "
                     r"\[Salesforce Sales Cloud\]\(\.\./tools/salesforce\.md\)", text)
    assert "Also in this category" not in pages["categories/crm.md"].markdown
    assert pages["stack/index.md"].markdown.count("salesforce.md") == 1


def test_a_thousand_integrations_to_one_tool_are_read_once_each(small_catalog, monkeypatch):
    """Linear, not quadratic: a tool listing the same partner 1,000 times (80 s to build once)."""
    from generator.render.page_sets import entities

    items = "".join(f"  - tool: salesforce\n    direction: {('in', 'out', 'both')[n % 3]}\n"
                    f"    data: [field-{n}]\n" for n in range(1000))
    small_catalog.edit("catalog/tools/marketo.yaml", (
        "  - tool: salesforce\n    direction: both\n    data: [leads, contacts]\n"), items)
    catalog, _ = validate(small_catalog.root)
    read = []

    class Counting(dict):
        def __getitem__(self, key):
            read.append(key)
            return super().__getitem__(key)

    monkeypatch.setattr(entities, "REVERSED", Counting(entities.REVERSED))
    pages = render_pages(catalog, Settings())
    assert len(read) == 1000  # salesforce's page reads each of marketo's flows once
    text = pages["tools/salesforce.md"].markdown
    rows = [row for row in rows_of(text) if '"marketo.md"' in "".join(row)]
    assert len(rows) == 1000  # each flow its own row (they carry different data)
    assert [(row[0], row[2]) for row in rows[:3]] == [
        ("sends to", "field-0"), ("receives from", "field-1"), ("exchanges with", "field-2")]


def test_tasks_page_cites_its_source(small):
    _, pages = small
    text = pages["tasks.md"].markdown
    assert "Source: 2020 career survey" in text
    assert "84.5%" in text and '<a href="roles/mops-manager.md">MOps manager</a>' in text


def test_raci_overview_has_one_matrix_per_playbook_with_only_its_roles():
    catalog, _ = validate(FIXTURES.parent.parent)  # the bundled catalog: many roles
    pages = render_pages(catalog)
    text = pages["raci.md"].markdown
    tables = text.split('<table class="mops-raci-matrix">')[1:]
    with_steps = [p for p in catalog.playbooks.values() if p.steps]
    assert len(tables) == len(with_steps)
    for playbook, table in zip(with_steps, tables):
        table = table.split("</table>")[0]
        columns = table.count('class="mops-raci-matrix__role"')
        involved = {role for step in playbook.steps for role in
                    (*step.raci.responsible, *step.raci.consulted, *step.raci.informed,
                     *([step.raci.accountable] if isinstance(step.raci.accountable, str)
                       else step.raci.accountable or []))}
        assert columns == len(involved) < len(catalog.roles), playbook.name
    assert text.count('class="mops-raci-legend"') == 1


def test_lists_follow_the_names_shown_not_the_ids():
    """Index pages, stack-map panels and lists of links are in the order of the names a
    reader sees (ids sort differently: `6sense` is "6sense Revenue AI", `hubspot` is
    "HubSpot Marketing Hub")."""
    from pathlib import Path
    repo = Path(__file__).resolve().parent.parent
    catalog, _ = validate(repo)
    pages = render_pages(catalog, Settings())
    names = [re.sub(r"<[^>]+>", "", row[0]) for row in rows_of(pages["roles/index.md"].markdown)[1:]]
    assert names == sorted(names, key=str.casefold) and len(names) == len(catalog.roles)
    stack = pages["stack/index.md"].markdown
    for panel in re.findall(r'<section class="mops-panel">(.*?)</section>', stack, re.S):
        cards = re.findall(r'<span class="mops-card__name">(.*?)</span>', panel)
        assert cards == sorted(cards, key=str.casefold)


def test_a_vendor_named_like_its_tool_is_not_shown_twice():
    from pathlib import Path
    repo = Path(__file__).resolve().parent.parent
    catalog, _ = validate(repo)
    same = [tool_id for tool_id, tool in catalog.tools.items() if tool.vendor.casefold() == str(tool.name).casefold()]
    assert same, "the bundled catalog has no such tool any more: the test tests nothing"
    pages = render_pages(catalog, Settings())
    tool_id = same[0]
    name = catalog.tools[tool_id].name
    card = re.search(rf'<span class="mops-card__name">{re.escape(name)}</span>(.*?)</a>',
                     pages["stack/index.md"].markdown).group(1)
    assert "mops-card__vendor" not in card
    subtitle = pages[f"tools/{tool_id}.md"].markdown.split("\n## ")[0]
    assert f"**{name}**" not in subtitle


def test_whole_stack_map_is_drawn_when_readable_and_left_for_the_category_maps_when_not(tmp_path):
    """The bundled stack gets its map; 50 tools whose flows join layers at random would be a
    tangle: the page says so instead, and still lists every category's map."""
    import subprocess
    import sys
    from pathlib import Path
    repo = Path(__file__).resolve().parent.parent
    catalog, _ = validate(repo)
    index = render_pages(catalog, Settings())["integrations/index.md"].markdown
    assert "mops-diagram mops-network" in index and "too many for one readable map" not in index
    subprocess.run([sys.executable, str(repo / "benchmarks" / "generate.py"), "50", str(tmp_path / "c")],
                   check=True, capture_output=True)
    catalog, _ = validate(tmp_path / "c")
    index = render_pages(catalog, Settings())["integrations/index.md"].markdown
    assert "mops-network" not in index and "too many for one readable map" in index
    linked = set(re.findall(r'<a href="(category-\d+)\.md">', index))
    with_flows = {tool.category for tool in catalog.tools.values() if tool.integrations}
    assert with_flows <= linked
