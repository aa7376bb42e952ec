"""The default navigation lists section pages only (generator/render/navigation.py)."""

from generator.i18n import Translator
from generator.render.navigation import nav_paths, navigation


def test_navigation_lists_sections_not_entities():
    available = ["index.md", "stack/index.md", "tools/index.md", "tools/marketo.md",
                 "roles/index.md", "roles/cmo.md", "raci.md", "playbooks/index.md",
                 "reference/fields.md", "writing-descriptions.md"]
    nav = navigation(Translator("en"), available)
    assert nav[0] == {"Home": "index.md"}
    listed = nav_paths(nav)
    assert "tools/marketo.md" not in listed and "roles/cmo.md" not in listed
    assert {"stack/index.md", "tools/index.md", "raci.md", "reference/fields.md",
            "writing-descriptions.md"} <= listed


def test_missing_pages_are_skipped():
    nav = navigation(Translator("en"), ["index.md"])
    assert nav == [{"Home": "index.md"}]


def test_section_index_page_comes_first():
    nav = navigation(Translator("en"), ["playbooks/index.md", "raci.md", "kpis/index.md"])
    assert nav == [{"Playbooks": ["playbooks/index.md", "raci.md", "kpis/index.md"]}]
