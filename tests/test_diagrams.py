"""The SVG diagram library: safety, determinism, embeddability and completeness."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import diagrams
from generator.render.diagrams.text import fit, safe_href, text_width, wrap
from tests import diagram_geometry as geometry

SVG = "{http://www.w3.org/2000/svg}"
REPO = Path(__file__).resolve().parent.parent
HOSTILE = '<script>alert(1)</script> "onmouseover=alert(1) *em* [x](javascript:alert(1)) :smile:'


def sample(label: str = "Marketo", href: str = "../tools/marketo/") -> dict[str, str]:
    """One small diagram of every kind, all carrying ``label`` and ``href`` somewhere."""
    return {
        "org_chart": diagrams.org_chart([
            dict(id="a", label=label, sublabel="x1", parent=None, href=href),
            dict(id="b", label="Analyst", sublabel="x2", parent="a", href=None),
            dict(id="c", label="Admin", sublabel="", parent="a", href="../roles/admin/"),
        ]),
        "flow": diagrams.flow([
            dict(label=label, sublabel="Owner", href=href),
            dict(label="Review", sublabel="Approver"),
            dict(label="Send", sublabel=""),
        ]),
        "neighbourhood": diagrams.neighbourhood(
            dict(label="Hub", href="hub/"),
            [dict(label=label, href=href, direction="in", data="leads"),
             dict(label="Warehouse", href=None, direction="out", data="activity")],
        ),
        "network": diagrams.network(
            [dict(label="Sources", nodes=[dict(id="s", label=label, href=href)]),
             dict(label="Core", nodes=[dict(id="c", label="CRM", href=None)])],
            [dict(source="s", target="c", direction="out", label="leads")],
        ),
        "bar_chart": diagrams.bar_chart(
            [dict(label=label, value=10, href=href, note="renews soon"), dict(label="Other", value=4)], "seats"),
        "stacked_bar_chart": diagrams.stacked_bar_chart(
            [dict(label=label, values={"R": 3, "A": 1}, href=href), dict(label="Other", values={"I": 2})],
            [("R", "Responsible"), ("A", "Accountable"), ("I", "Informed")]),
    }


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def titles(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}title")]


def hrefs(root: ET.Element) -> list[str]:
    return [element.get("href") for element in root.iter(f"{SVG}a")]


# --------------------------------------------------------------------------- shape of the output


@pytest.mark.parametrize("kind", list(sample()))
def test_output_is_one_accessible_svg_block(kind):
    svg = sample()[kind]
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert "\n\n" not in svg and all(line.strip() for line in svg.split("\n"))
    root = parse(svg)
    assert root.get("role") == "img" and root.get("aria-label")
    assert root.get("viewBox").startswith("0 0 ") and root.get("width") == "100%"
    assert "max-width" in root.get("style")
    assert f"mops-diagram mops-{kind.replace('_', '-')}" == root.get("class")
    assert root[0].tag == f"{SVG}title" and root[0].text == root.get("aria-label")


def test_same_input_gives_the_same_bytes_in_another_process():
    """Another process has another string hash seed: nothing may depend on set or dict order."""
    code = "from tests.test_diagrams import sample; import sys; sys.stdout.write(repr(sample()))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}, cwd=REPO).stdout
    assert other == repr(sample()) == repr(sample())


# --------------------------------------------------------------------------- escaping and links


@pytest.mark.parametrize("kind", list(sample()))
def test_hostile_labels_stay_text(kind):
    svg = sample(label=HOSTILE)[kind]
    root = parse(svg)  # still well-formed XML
    assert "<script" not in svg and '"onmouseover' not in svg and "javascript:" not in svg
    for element in root.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib)
    shown = " ".join(titles(root) + texts(root))
    assert "<script>alert(1)</script>" in shown  # shown as characters, not dropped


@pytest.mark.parametrize("kind", list(sample()))
def test_markdown_leaves_embedded_labels_alone(kind):
    """Python-Markdown runs inline patterns over text inside <svg>: none may fire."""
    page = markdown.markdown(f"Before\n\n{sample(label=HOSTILE)[kind]}\n\nAfter", extensions=["attr_list", "md_in_html"])
    assert "<em>" not in page and "<script" not in page and 'href="javascript' not in page


@pytest.mark.parametrize("kind", list(sample()))
def test_unsafe_hrefs_are_dropped_and_safe_ones_kept(kind):
    kept = hrefs(parse(sample()[kind]))
    assert "../tools/marketo/" in kept
    dropped = hrefs(parse(sample(href="javascript:alert(1)")[kind]))
    assert not any("javascript" in href.lower() for href in dropped)
    assert len(dropped) == len(kept) - 1


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)",
    "data:text/html,x", "vbscript:x", "//evil.example/x", "\\\\evil", "", None,
])
def test_safe_href_rejects(href):
    assert safe_href(href) is None


@pytest.mark.parametrize("href", ["../tools/marketo/", "marketo.md#setup", "#top", "https://example.com/a?b=1",
                                  "http://example.com", "?tab=2", "a/b:c"])
def test_safe_href_accepts_relative_and_http(href):
    assert safe_href(href) == href


# --------------------------------------------------------------------------- text measuring


def test_width_estimate_by_character_shape():
    assert text_width("日本", 10) == pytest.approx(20)
    assert text_width("마케", 10) == pytest.approx(20)
    assert text_width("ab", 10) == pytest.approx(11.6)
    assert text_width("il", 10) < text_width("ab", 10) < text_width("AB", 10) < text_width("MW", 10)


@pytest.mark.parametrize("draw", [
    lambda label: diagrams.flow([dict(label=label, sublabel=label)]),
    lambda label: diagrams.flow([dict(label=label, sublabel="")], per_row=1),
    lambda label: diagrams.org_chart([dict(id="a", label=label, sublabel=label, parent=None)]),
    lambda label: diagrams.network([dict(label=label, nodes=[dict(id="a", label=label), dict(id="b", label="B")])],
                                   [dict(source="a", target="b", direction="out", label=label)]),
    lambda label: diagrams.neighbourhood(dict(label=label), [dict(label=label, direction="in", data=label)]),
    lambda label: diagrams.bar_chart([dict(label=label, value=3)], ""),
])
def test_long_labels_are_wrapped_whole_never_shortened(draw):
    long = "Marketing Automation Administrator for the Europe, Middle East and Africa region"
    root = parse(draw(long))
    shown = " ".join(texts(root))
    assert "…" not in shown and all(word in shown.split() for word in long.split())
    assert any(long in title for title in titles(root))
    assert geometry.problems(draw(long)) == []


def test_fit_shortens_to_the_width_given():
    long = "Marketing Automation Administrator for the Europe, Middle East and Africa region"
    assert fit("short", 100, 10) == "short"
    assert text_width(fit(long, 100, 10), 10) <= 100


def test_wrap_prefers_spaces_then_hyphens_and_cjk_characters():
    assert wrap("Head of Marketing Operations", 140, 14, 2) == ["Head of Marketing", "Operations"]
    assert wrap("Head of Marketing Operations and Campaigns", 100, 14, 2) == ["Head of", "Marketing Op…"]
    assert wrap("マーケティングアナリスト", 60, 10, 2) == ["マーケティン", "グアナリスト"]
    assert wrap("Tool number 0-1", 100, 14, 2) == ["Tool number", "0-1"]  # spaces before hyphens
    assert wrap("Data-driven-campaigns", 100, 14, 2) == ["Data-driven-", "campaigns"]



def test_wrapping_a_long_label_measures_each_character_a_few_times(monkeypatch):
    """Linear: the label of 1,000 data flows merged into one edge (it took minutes)."""
    from generator.render.diagrams import text

    label = ", ".join(f"field-{n}" for n in range(2000))
    measured = []
    real = text._char_em
    monkeypatch.setattr(text, "_char_em", lambda char: measured.append(1) or real(char))
    lines = text.wrap(label, 120, 10, 100_000)
    assert " ".join(lines) == label
    assert len(measured) <= 3 * len(label)


# --------------------------------------------------------------------------- completeness


def test_org_chart_draws_every_node_even_with_cycles_and_unknown_parents():
    nodes = [dict(id="a", label="A", parent="c"), dict(id="b", label="B", parent="a"),
             dict(id="c", label="C", parent="b"), dict(id="d", label="D", parent="nobody"),
             *[dict(id=f"w{i}", label=f"W{i}", parent="d") for i in range(12)]]
    root = parse(diagrams.org_chart(nodes))
    assert sorted(texts(root)) == sorted(node["label"] for node in nodes)


def test_org_chart_stacks_wide_levels_below_their_manager_within_max_width():
    """Five managers with a report each are wider than the page side by side: they are stacked
    under the head, each connector running from the head's trunk to one manager, and each
    specialist's box below and right of its own manager's (never in a row under another)."""
    nodes = [dict(id="top", label="Top", parent=None)]
    for i in range(5):
        nodes += [dict(id=f"m{i}", label=f"Manager {i}", parent="top"),
                  dict(id=f"s{i}", label=f"Specialist {i}", parent=f"m{i}")]
    svg = diagrams.org_chart(nodes, max_width=500)
    root = parse(svg)
    assert float(root.get("viewBox").split()[2]) <= 500
    boxes = {g.find(f"{SVG}title").text: g.find(f"{SVG}rect") for g in root.iter(f"{SVG}g")
             if "node" in (g.get("class") or "")}
    top = {k: (float(r.get("x")), float(r.get("y"))) for k, r in boxes.items()}
    for i in range(5):
        manager, specialist = top[f"Manager {i}"], top[f"Specialist {i}"]
        assert specialist[0] > manager[0] and specialist[1] > manager[1]
        if i:
            assert manager[1] > top[f"Specialist {i - 1}"][1]  # the next manager comes after
    assert geometry.problems(svg) == []


def test_pit_crew_org_chart_indents_every_report_right_of_its_own_manager():
    """The bundled enterprise team (a VP over five managers, some with reports) is too wide side
    by side, so it is stacked: every box then sits right of its manager's box and each
    connector's elbow starts on its own manager's trunk, so no report stands in the column of
    its manager's peers (where readers took the specialists for the VP's direct reports)."""
    from types import SimpleNamespace

    from generator.checks import validate
    from generator.render.page_sets.entities import _team_parent

    catalog = validate(Path(__file__).parent.parent)[0]
    team = catalog.teams["marketing-pit-crew"]
    members = [m.role for m in team.members]
    r = SimpleNamespace(catalog=catalog)
    parent = {m.role: m.reports_to or _team_parent(r, m.role, members) for m in team.members}
    label = {role: catalog.roles[role].name for role in members}
    svg = diagrams.org_chart([dict(id=role, label=label[role], parent=parent[role]) for role in members])
    root = parse(svg)
    x = {g.find(f"{SVG}title").text: float(g.find(f"{SVG}rect").get("x")) for g in root.iter(f"{SVG}g")
         if "node" in (g.get("class") or "")}
    assert len(x) == len(members)
    reports = [role for role in members if parent[role]]
    assert len({parent[role] for role in reports}) > 1 and any(parent[parent[role]] for role in reports)
    for role in reports:
        assert x[label[role]] > x[label[parent[role]]], role
    trunks = {float(d.split()[1]) for d in (p.get("d") for p in root.iter(f"{SVG}path")) if d}
    for role in reports:  # an elbow from the manager's own trunk, left of the report's box
        manager_x = x[label[parent[role]]]
        assert any(manager_x < trunk < x[label[role]] for trunk in trunks), role
    assert geometry.problems(svg) == []


def test_org_tree_nests_reports_under_their_manager():
    nodes = [dict(id="a", label="A", parent=None), dict(id="b", label="B", parent="a"),
             dict(id="c", label="C", parent="b"), dict(id="d", label="D", parent="d")]
    tree = diagrams.org_tree(nodes)
    assert [(item["id"], [r["id"] for r in item["reports"]]) for item in tree] == [("a", ["b"]), ("d", [])]
    assert tree[0]["reports"][0]["reports"][0]["id"] == "c"


def test_network_gives_each_long_edge_its_own_track_and_busy_tools_room():
    """Twelve edges from one tool across a middle column: no two share a horizontal track
    through it, none runs through a box, and their ends on the busy tool are apart."""
    groups = [dict(label="A", nodes=[dict(id="hub", label="Hub")]),
              dict(label="B", nodes=[dict(id=f"m{i}", label=f"Middle {i}") for i in range(3)]),
              dict(label="C", nodes=[dict(id=f"t{i}", label=f"Target {i}") for i in range(12)])]
    edges = [dict(source="hub", target=f"t{i}", direction="out", label=f"data {i}") for i in range(12)]
    svg = diagrams.network(groups, edges)
    assert geometry.problems(svg) == []
    root = parse(svg)
    starts = sorted(float(p.get("d").split()[2]) for p in root.iter(f"{SVG}path"))
    assert min(b - a for a, b in zip(starts, starts[1:])) >= 8


def test_flow_numbers_every_step_and_links_them_with_arrows():
    steps = [dict(label=f"Step {i}", sublabel="") for i in range(7)]
    root = parse(diagrams.flow(steps))
    assert [t for t in texts(root) if t.isdigit()] == [str(i) for i in range(1, 8)]
    assert len(list(root.iter(f"{SVG}polygon"))) == 6


def test_neighbourhood_arrowheads_follow_direction():
    def heads(direction: str) -> int:
        root = parse(diagrams.neighbourhood(dict(label="Hub"), [dict(label="X", direction=direction, data="d")]))
        return len([p for p in root.iter(f"{SVG}polygon") if p.get("class") == "arrowhead"])

    assert (heads("in"), heads("out"), heads("both")) == (1, 1, 2)
    root = parse(diagrams.neighbourhood(dict(label="Hub"), [dict(label="X", direction="in", data="leads")]))
    assert "leads" in texts(root)


def test_network_draws_every_node_and_arrowheads_by_direction():
    groups = [dict(label=f"Layer {g}", nodes=[dict(id=f"n{g}-{i}", label=f"Tool {g}-{i}") for i in range(10)])
              for g in range(4)]
    edges = [dict(source=f"n0-{i}", target=f"n3-{i}", direction=["out", "in", "both"][i % 3], label=f"data {i}")
             for i in range(10)]
    edges.append(dict(source="n0-0", target="missing", direction="out", label="dropped"))
    root = parse(diagrams.network(groups, edges))
    node_labels = [t for t in texts(root) if t.startswith("Tool")]
    assert sorted(node_labels) == sorted(f"Tool {g}-{i}" for g in range(4) for i in range(10))
    assert len(list(root.iter(f"{SVG}polygon"))) == 4 * 1 + 3 * 1 + 3 * 2
    assert not any("dropped" in title for title in titles(root))


def test_bar_charts_show_every_row_and_value():
    root = parse(diagrams.bar_chart([dict(label="A", value=3), dict(label="B", value=1200, value_label="$1,200")], "seats"))
    assert {"A", "B", "3 seats", "$1,200"} <= set(texts(root))
    root = parse(diagrams.stacked_bar_chart([dict(label="Ops", values={"R": 2, "A": 1})], [("R", "Resp"), ("A", "Acc")]))
    assert {"Ops", "Resp", "Acc", "3"} <= set(texts(root))
    assert {"series-1", "series-2"} <= {g.get("class").split()[-1] for g in root.iter(f"{SVG}g") if g.get("class")}


def test_calendar_puts_each_date_in_its_month_with_today_marked():
    import datetime as dt
    day = dt.date
    events = [dict(date=day(2026, 3, 2), label="Last day to cancel X", kind="cancel-by", amount="$1,200", href="x/"),
              dict(date=day(2026, 3, 1), label="Y renews", kind="renewal", href="javascript:alert(1)"),
              dict(date=day(2027, 5, 1), label="Outside", kind="renewal")]
    html = diagrams.calendar(events, day(2026, 2, 20), day(2026, 12, 31), today=day(2026, 2, 20),
                             month_label=lambda d: f"M{d.month}", day_label=lambda d: f"D{d.day}",
                             today_label="Today", title="Renewals")
    root = ET.fromstring(html)
    months = root.findall("li")
    assert [m.find("strong").text for m in months] == [f"M{n}" for n in range(2, 13)]
    assert "current" in months[0].get("class") and "Today" in "".join(months[0].itertext())
    march = [("".join(li.itertext()), li.get("class")) for li in months[1].iter("li")][1:]
    assert march == [("D1 Y renews", "kind-renewal"), ("D2 Last day to cancel X $1,200", "kind-cancel-by")]
    assert "Outside" not in html and "javascript" not in html
    assert [a.get("href") for a in root.iter("a")] == ["x/"]
    assert "empty" in months[5].get("class")


@pytest.mark.parametrize("draw", [
    lambda: diagrams.org_chart([]), lambda: diagrams.flow([]), lambda: diagrams.network([], []),
    lambda: diagrams.neighbourhood(dict(label="Alone"), []), lambda: diagrams.bar_chart([], ""),
    lambda: diagrams.stacked_bar_chart([], []),
])
def test_empty_inputs_give_an_empty_diagram(draw):
    assert parse(draw()).get("role") == "img"


def test_missing_or_non_finite_values_draw_no_bar():
    root = parse(diagrams.bar_chart([dict(label="A", value=float("nan")), dict(label="B", value=None),
                                     dict(label="C", value=-3), dict(label="D", value=6)], ""))
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths[:3] == [0, 0, 0] and widths[3] > 0
    assert "nan" not in " ".join(texts(root)).lower()


# --------------------------------------------------------------------------- fuzzing


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=60), st.text(max_size=20))
def test_any_text_gives_well_formed_single_block_svg(label, href):
    for svg in sample(label=label, href=href).values():
        parse(svg)
        assert "\n\n" not in svg


@given(st.lists(st.tuples(st.floats(-50, 400), st.floats(-50, 400), st.floats(0, 150),
                          st.floats(0, 60)), max_size=30),
       st.tuples(st.floats(-50, 400), st.floats(-50, 400), st.floats(0, 150), st.floats(0, 60)))
@settings(max_examples=300, deadline=None)
def test_label_grid_finds_the_overlaps_a_full_scan_finds(placed, candidate):
    """Network labels are checked against the boxes near them only: same answer as checking
    every box."""
    from generator.render.diagrams.network import _overlaps, _Taken
    from generator.render.diagrams.svg import Box

    taken = _Taken()
    boxes = [Box(*numbers) for numbers in placed]
    for box in boxes:
        taken.add(box)
    box = Box(*candidate)
    assert taken.overlaps(box) == any(_overlaps(box, other) for other in boxes)


def test_network_orders_columns_so_edges_skip_the_fewest():
    groups = [dict(label=name, nodes=[dict(id=name, label=name)]) for name in ("A", "B", "C")]
    edges = [dict(source="A", target="C", direction="out", label="")] * 3 + [dict(source="B", target="C", direction="out", label="")]
    headers = [t for t in texts(parse(diagrams.network(groups, edges, order_groups=True))) if t in "ABC"]
    assert headers[:3] in (["A", "C", "B"], ["B", "C", "A"])  # C in the middle: nothing skips a column
    kept = [t for t in texts(parse(diagrams.network(groups, edges))) if t in "ABC"]
    assert kept[:3] == ["A", "B", "C"]


def test_banded_map_splits_a_band_into_senders_and_receivers_within_its_width():
    """Flows within one layer run across its band between two sub-columns (senders left)
    instead of bulging beside one column, as long as the map stays within the width given."""
    groups = [dict(label="Data", nodes=[dict(id=n, label=n.title()) for n in ("warehouse", "crm", "cdp", "etl")]),
              dict(label="Work", nodes=[dict(id="chat", label="Chat")])]
    edges = [dict(source="cdp", target="warehouse", direction="out", label="events"),
             dict(source="etl", target="warehouse", direction="out", label="records"),
             dict(source="warehouse", target="chat", direction="out", label="alerts")]
    svg = diagrams.network(groups, edges, bands_within=2000)
    root = parse(svg)
    x = {g.find(f"{SVG}title").text: float(g.find(f"{SVG}rect").get("x")) for g in root.iter(f"{SVG}g")
         if "node" in (g.get("class") or "")}
    assert x["Cdp"] == x["Etl"] < x["Warehouse"] < x["Chat"]
    assert len([r for r in root.iter(f"{SVG}rect") if r.get("class") == "band"]) == 2
    assert geometry.problems(svg) == []
    narrow = parse(diagrams.network(groups, edges, bands_within=300))
    x = {g.find(f"{SVG}title").text: float(g.find(f"{SVG}rect").get("x")) for g in narrow.iter(f"{SVG}g")
         if "node" in (g.get("class") or "")}
    assert x["Cdp"] == x["Warehouse"]  # no room for a second sub-column


def test_network_gives_up_on_a_tangle_when_asked():
    """Every tool of one column joined to every tool of the next, in reverse order: lines
    cross everywhere; with a limit on crossings per edge the map is left out ("")."""
    groups = [dict(label="A", nodes=[dict(id=f"a{i}", label=f"A{i}") for i in range(6)]),
              dict(label="B", nodes=[dict(id=f"b{i}", label=f"B{i}") for i in range(6)])]
    tangle = [dict(source=f"a{i}", target=f"b{j}", direction="out", label="") for i in range(6) for j in range(6)]
    assert diagrams.network(groups, tangle, most_crossings=3) == ""
    assert diagrams.network(groups, tangle).startswith("<svg")
    tidy = [dict(source=f"a{i}", target=f"b{i}", direction="out", label="") for i in range(6)]
    assert diagrams.network(groups, tidy, most_crossings=0).startswith("<svg")
