"""The mops MkDocs plugin and `mops build`, on small fixtures (generator/site/plugin.py)."""

import gzip
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from conftest import FIXTURES, REPO


def project(tmp_path: Path, fixture: str = "small") -> Path:
    """A repository like ours: a catalog fixture plus the real mkdocs.yml and docs/."""
    root = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("site"))
    assert main(["build", str(root), "--strict", "--site-dir", str(root / "one")]) == 0
    assert main(["build", str(root), "--strict", "--site-dir", str(root / "two")]) == 0
    return root


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_strict_build_writes_every_generated_page(built):
    site = built / "one"
    for page in ("", "stack", "tools/marketo", "roles/mops-manager", "teams/small-team",
                 "playbooks/lead-handoff", "kpis/conversion-rate", "categories/crm", "raci",
                 "tasks", "integrations", "reference/fields", "reference/rules",
                 "writing-descriptions"):
        assert (site / page / "index.html").is_file(), page


def test_every_folder_of_pages_and_downloads_has_an_index_page(built):
    """A folder's address shows a page, never a server's directory listing (or a 404)."""
    site = built / "one"
    folders = {p.parent for p in site.rglob("*") if p.is_file()} - {site / "assets", site}
    folders = {f for f in folders if "assets" not in f.relative_to(site).parts
               and f.relative_to(site).parts[0] != "search"}
    missing = sorted(str(f.relative_to(site)) for f in folders if not (f / "index.html").is_file())
    assert missing == []
    reference = read(site, "reference")
    assert 'href="fields/"' in reference and 'href="rules/"' in reference
    assert "<code>mops validate</code>" in reference
    csv = read(site, "downloads/csv")
    assert 'href="tools.csv"' in csv and 'href="../"' in csv


def test_the_performance_page_is_for_developers_not_the_catalog_site(built):
    assert not (built / "one" / "performance").exists()
    assert "performance" not in read(built / "one", "").lower().split("<nav", 1)[1]
    assert (REPO / "PERFORMANCE.md").is_file() and not (REPO / "docs/performance.md").exists()


def test_edit_button_opens_the_yaml_source(built):
    html = read(built / "one", "tools/marketo")
    assert 'href="https://github.com/example-org/mops-catalog/edit/main/catalog/tools/' \
           'marketo.yaml"' in html
    assert "edit/main/playbooks/lead-handoff.yaml" in read(built / "one",
                                                           "playbooks/lead-handoff")


def test_two_builds_are_byte_identical(built):
    one, two = built / "one", built / "two"
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for relative in files:
        assert (one / relative).read_bytes() == (two / relative).read_bytes(), relative
    sitemap = gzip.decompress((one / "sitemap.xml.gz").read_bytes()).decode()
    assert "<lastmod>" not in sitemap and "tools/marketo/" in sitemap


def test_site_loads_nothing_from_other_hosts(built):
    for path in (built / "one").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'<(script|img|iframe)[^>]+src="(https?:)?//', html), path
        for link in re.findall(r"<link[^>]*>", html):  # rel=canonical names, never loads
            assert "canonical" in link or not re.search(r'href="(https?:)?//', link), link
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert 'data-md-component="source"' not in html  # would fetch GitHub repo facts


def test_raw_html_links_become_page_urls(built):
    html = read(built / "one", "stack")
    assert 'href="../tools/marketo/"' in html
    assert ".md\"" not in html


def test_entity_pages_stay_out_of_the_navigation(built):
    html = read(built / "one", "")
    nav = re.findall(r'<a href="([^"#]*)" class="md-nav__link', html)
    assert {"stack/", "raci/", "roles/", "writing-descriptions/"} <= set(nav)
    assert "tools/marketo/" not in nav and "roles/mops-manager/" not in nav


def test_catalog_errors_stop_the_build_with_validate_messages(tmp_path, capsys):
    root = project(tmp_path)
    (root / "catalog/tools/marketo.yaml").write_text(
        (root / "catalog/tools/marketo.yaml").read_text().replace(
            "owner: automation-specialist", "owner: nobody-here"))
    assert main(["validate", str(root)]) == 1
    expected = capsys.readouterr().out
    assert "nobody-here" in expected
    assert main(["build", str(root), "--site-dir", str(tmp_path / "site")]) == 1
    out, err = capsys.readouterr()
    assert out == expected
    assert "the catalog has errors" in err and "Traceback" not in err
    assert not (tmp_path / "site" / "index.html").exists()


def test_bare_catalog_builds_with_the_default_configuration(tmp_path):
    root = tmp_path / "bare"
    shutil.copytree(FIXTURES / "small", root)
    assert main(["build", str(root), "--strict"]) == 0
    assert (root / "site" / "tools" / "marketo" / "index.html").is_file()


def test_plain_mkdocs_build_needs_only_the_plugin(tmp_path):
    root = tmp_path / "plain"
    shutil.copytree(FIXTURES / "small", root)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(
        "site_name: Plain\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n  - mops\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
                            cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "stack" / "index.html").is_file()
    assert "mops.css" in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_serve_watches_the_catalog_and_playbooks(tmp_path):
    from mkdocs.config import load_config

    root = project(tmp_path)
    config = load_config(config_file=str(root / "mkdocs.yml"))
    plugin = config.plugins["mops"]
    plugin.on_config(config)

    class Server:
        watched: list[str] = []

        def watch(self, path):
            self.watched.append(path)

    server = Server()
    assert plugin.on_serve(server, config=config, builder=None) is server
    assert sorted(server.watched) == [str(root / "catalog"), str(root / "playbooks")]


def test_strict_build_fails_on_a_broken_link(tmp_path, capsys):
    root = project(tmp_path)
    (root / "docs" / "writing-descriptions.md").write_text(
        "# Writing\n\nSee [the guide](no-such-page.md).\n", encoding="utf-8")
    assert main(["build", str(root), "--strict", "--site-dir", str(tmp_path / "s")]) == 1
    err = capsys.readouterr().err
    assert "no-such-page.md" in err and "strict" in err and "Traceback" not in err


def _build_output(root: Path, site: Path, on_terminal: bool) -> str:
    """What `mops build` writes to stderr, with stderr a terminal (a pty) or a pipe."""
    command = [sys.executable, "-m", "generator", "build", str(root), "--site-dir", str(site)]
    if not on_terminal:
        return subprocess.run(command, capture_output=True, text=True, timeout=300).stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the build ended and closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=300)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_build_shows_progress_on_a_terminal_only(tmp_path):
    root = project(tmp_path)
    assert "building pages" in _build_output(root, tmp_path / "site1", on_terminal=True)
    assert "building pages" not in _build_output(root, tmp_path / "site2", on_terminal=False)


def test_a_build_collects_garbage_less_often_and_then_restores_the_thresholds():
    import gc

    from generator.site.plugin import GC_THRESHOLD, MopsPlugin

    before = gc.get_threshold()
    mops = MopsPlugin()
    mops.on_startup(command="build", dirty=False)
    assert gc.get_threshold() == GC_THRESHOLD
    mops.on_shutdown()
    assert gc.get_threshold() == before


def test_a_projects_own_partials_are_not_shadowed(tmp_path):
    root = project(tmp_path)
    partials = root / "overrides" / "partials"
    partials.mkdir(parents=True)
    (partials / "source.html").write_text('<a class="md-source">OUR OWN LINK</a>',
                                          encoding="utf-8")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("  name: material\n",
                                                  "  name: material\n  custom_dir: overrides\n"),
                                     encoding="utf-8")
    assert main(["build", str(root), "--site-dir", str(root / "site")]) == 0
    for page in ("", "tools/marketo"):
        html = read(root / "site", page)
        assert "OUR OWN LINK" in html, page


def test_the_repository_link_fetches_nothing(built):
    html = read(built / "one", "tools/marketo")
    assert 'class="md-source"' in html and 'data-md-component="source"' not in html
    assert "example-org/mops-catalog" in html


def test_a_disabled_plugin_builds_the_hand_written_pages_alone(tmp_path):
    root = project(tmp_path)
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("      root: .\n", "      root: .\n      enabled: false\n"),
                                     encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                           str(root / "mkdocs.yml"), "-d", str(root / "site")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (root / "site" / "writing-descriptions" / "index.html").is_file()
    assert not (root / "site" / "tools").exists()
