"""``mops render ROOT --out DIR`` (generator/commands/render.py, generator/site/plain_files.py):
plain files that MkDocs + Material build without the mops plugin; the output folder is safe."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO
from generator.cli import main
from generator.site.plain_files import MARKER, relative_url
from test_site_plugin import project


def mkdocs_build(out: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                           str(out / "mkdocs.yml"), "-d", str(site)],
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    root = project(tmp_path_factory.mktemp("render"))
    out = root.parent / "rendered"
    assert main(["render", str(root), "--out", str(out)]) == 0
    done = mkdocs_build(out, out / "site")
    assert done.returncode == 0, done.stderr
    return out


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_the_configuration_needs_no_mops_plugin(rendered):
    config = yaml.safe_load((rendered / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert names == ["search"]
    assert config["theme"]["custom_dir"] == "overrides" and config["docs_dir"] == "docs"
    assert "generator.render.html_blocks" in config["markdown_extensions"]
    assert config["nav"][0] == {"Home": "index.md"}
    assert (rendered / MARKER).is_file()


def test_every_page_is_built(rendered):
    site = rendered / "site"
    sources = [p.relative_to(rendered / "docs").as_posix()
               for p in (rendered / "docs").rglob("*.md")]
    assert len(sources) > 20 and "tools/marketo.md" in sources
    for source in sources:
        page = source.removesuffix(".md").removesuffix("index").rstrip("/")
        assert (site / page / "index.html").is_file(), source
    assert (site / "downloads" / "catalog.json").is_file()
    assert (site / "assets" / "mops" / "mops.css").is_file()


def test_links_in_html_blocks_are_page_urls(rendered):
    for page in (rendered / "site").rglob("*.html"):
        links = re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8"))
        assert [link for link in links if re.search(r"\.md(#|$)", link)
                and "://" not in link] == [], page
    html = read(rendered / "site", "stack")
    assert 'href="../tools/marketo/"' in html


def test_edit_button_opens_the_yaml_source(rendered):
    html = read(rendered / "site", "tools/marketo")
    assert 'href="https://github.com/example-org/mops-catalog/edit/main/catalog/tools/' \
           'marketo.yaml"' in html
    assert 'rel="edit"' not in read(rendered / "site", "stack")  # made from no single file
    assert "edit/main/docs/writing-descriptions.md" in read(rendered / "site",
                                                           "writing-descriptions")


def test_the_repository_link_fetches_nothing(rendered):
    html = read(rendered / "site", "tools/marketo")
    assert 'class="md-source"' in html and 'data-md-component="source"' not in html


def test_page_relative_urls():
    assert relative_url("roles/b/", "tools/a/") == "../../roles/b/"
    assert relative_url("tools/", "") == "tools/"
    assert relative_url("", "tools/a/") == "../../"
    assert relative_url("roles/b.html", "tools/a.html") == "../roles/b.html"


def test_a_folder_with_other_files_is_never_overwritten(tmp_path, capsys):
    root = tmp_path / "catalog-root"
    shutil.copytree(FIXTURES / "small", root)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["render", str(root), "--out", str(out)]) == 2
    assert "left alone" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert main(["render", str(root), "--out", str(root / "catalog" / "x")]) == 2
    assert not (root / "catalog" / "x").exists()


def test_rendering_again_replaces_the_last_output(tmp_path):
    root = tmp_path / "catalog-root"
    shutil.copytree(FIXTURES / "small", root)
    out = tmp_path / "out"
    assert main(["render", str(root), "--out", str(out)]) == 0
    (root / "catalog" / "tools" / "marketo.yaml").unlink()
    stale = out / "docs" / "tools" / "marketo.md"
    assert stale.is_file()
    code = main(["render", str(root), "--out", str(out)])
    assert code in (0, 1)
    if code == 0:  # the catalog still validates: the page of the deleted tool is gone
        assert not stale.exists()


def test_catalog_errors_stop_it_with_validate_messages(tmp_path, capsys):
    root = tmp_path / "catalog-root"
    shutil.copytree(FIXTURES / "small", root)
    (root / "catalog" / "tools" / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    assert main(["render", str(root), "--out", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert "catalog/tools/broken.yaml:" in captured.out
    assert not (tmp_path / "out").exists()


def test_a_projects_own_partials_win(tmp_path):
    root = project(tmp_path)
    (root / "overrides" / "partials").mkdir(parents=True)
    (root / "overrides" / "partials" / "source.html").write_text("<a>OUR OWN LINK</a>",
                                                                  encoding="utf-8")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
        encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(root), "--out", str(out)]) == 0
    assert (out / "overrides/partials/source.html").read_text(encoding="utf-8") == \
        "<a>OUR OWN LINK</a>"
    assert (out / "overrides/partials/actions.html").is_file()  # ours where it has none


def test_the_repository_renders(tmp_path):
    """The bundled catalog, as CI builds it."""
    out = tmp_path / "out"
    assert main(["render", str(REPO), "--out", str(out)]) == 0
    done = mkdocs_build(out, tmp_path / "site")
    assert done.returncode == 0, done.stderr


def test_zensical_engine_without_zensical_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    from generator.commands import build

    monkeypatch.setattr(build, "zensical_installed", lambda: False)
    root = tmp_path / "catalog-root"
    shutil.copytree(FIXTURES / "small", root)
    assert main(["build", str(root), "--engine", "zensical", "--site-dir",
                 str(tmp_path / "site")]) == 2
    assert "pip install 'mops-catalog[zensical]'" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_section_too_long_for_zensicals_search_leaves_the_page_out_of_it():
    from generator.site.plain_files import (
        left_out_of_search,
        too_long_for_zensical_search,
        zensical_search_limit,
    )

    # Zensical's limits as it reported them: 65,536 words at 12,151 items, 16,384 at 47,755
    assert zensical_search_limit(12_151) <= 65_536 and zensical_search_limit(47_755) <= 16_384
    assert zensical_search_limit(12_151) > zensical_search_limit(47_755) > 5_000
    long = "---\ntitle: \"I\"\n---\n\n# I\n\n## Act\n\n" + "1. renew [x](x.md) now\n" * 20_000
    assert too_long_for_zensical_search(long, 30_000)
    assert not too_long_for_zensical_search(long[:50_000], 30_000)
    out = left_out_of_search(long)
    assert yaml.safe_load(out.split("---\n")[1]) == {"title": "I", "search": {"exclude": True}}
    boosted = left_out_of_search("---\nsearch:\n  boost: 2\n---\n\n# T\n")
    assert yaml.safe_load(boosted.split("---\n")[1]) == {"search": {"exclude": True, "boost": 2}}
