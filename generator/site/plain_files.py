"""The whole generated site as plain files any MkDocs-compatible engine builds, without the
``mops`` plugin: ``mops render ROOT --out DIR`` (and ``mops build --engine zensical``).

``DIR`` gets:

* ``docs/``: every generated page as Markdown, the project's own docs pages, the downloads
  (JSON, CSV, XLSX, iCalendar) and the stylesheets (``assets/mops/``);
* ``overrides/``: the project's ``custom_dir`` (if any) plus two partials of ours where it has
  none: ``source.html`` (the repository link without the attribute that makes Material fetch
  star counts from GitHub) and ``actions.html`` (the "Edit this page" button opens the YAML a
  page comes from, named by its front matter's ``edit_url``);
* ``mkdocs.yml``: the project's configuration without the ``mops`` plugin, with the generated
  navigation (unless it has its own), the entity pages listed under ``not_in_nav``, our
  stylesheets, search's keyword weight and the Markdown extension that spares our HTML blocks
  Markdown parsing (``generator.render.html_blocks``; optional, the output is the same without
  it).

What the plugin does after rendering is done here on the files: for MkDocs, links inside HTML
blocks become page URLs (MkDocs resolves ``.md`` links only in Markdown; Zensical resolves them
in HTML too, and reads a page URL there as relative to the source file, so for Zensical they
stay ``.md`` links: ``engine``), the blocks are sanitized, page
titles are made inert for the ``<title>`` tag, edit links go into front matter. What cannot be
done without the plugin is listed in docs/engines.md (search segmentation of Japanese kanji,
diagrams kept out of the search index, faster builds).

``DIR`` must be empty, new, or a folder an earlier ``mops render`` wrote (it carries
``MARKER``): a folder with anything else in it is never overwritten.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import yaml

from generator.load.places import inside_protected
from generator.render.html_blocks import block_spans
from generator.render.navigation import nav_paths, navigation
from generator.render.paste import page_url as site_url_of
from generator.site.sanitize import sanitize

MARKER = ".mops-render"
MARKER_TEXT = ("This folder was written by `mops render`; the next `mops render` into it "
               "replaces everything in it.\n")
OVERRIDES = Path(__file__).parent / "plain_overrides"
ASSETS = [Path(__file__).parent / "assets", Path(__file__).parent.parent / "render" / "assets"]
ASSET_FOLDER = "assets/mops"
HTML_BLOCKS_EXTENSION = "generator.render.html_blocks"
TAGS_BOOST = 1000.0


class RenderError(Exception):
    """The output folder may not be written, or the configuration cannot be carried over."""


@dataclass
class Rendered:
    out: Path
    pages: int
    files: int


# ---------------------------------------------------------------------------------------------
# mkdocs.yml as written: tags such as !ENV or !!python/name are kept as they are

class _Tagged:
    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader, suffix, node):
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return _Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(tag, loader.construct_sequence(node, deep=True))
    return _Tagged(tag, loader.construct_mapping(node, deep=True))


def _represent_tagged(dumper, data: _Tagged):
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(_Tagged, _represent_tagged)


def read_config(path: Path) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    if not isinstance(data, dict):
        raise RenderError(f"{path} is not a mapping of settings")
    return data


# ---------------------------------------------------------------------------------------------

def check_out(out: Path, root: Path) -> None:
    """Raise ``RenderError`` unless ``out`` may be (re)written."""
    out, root = out.resolve(), root.resolve()
    if out == root or out in root.parents or inside_protected(out, root):
        raise RenderError(f"'{out}' is, holds or is inside the catalog (its folders, the docs "
                          "folder or the repository's .git); choose a folder of its "
                          f"own, such as '{root / 'rendered'}'")
    if out.exists() and not out.is_dir():
        raise RenderError(f"'{out}' is a file; choose a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise RenderError(f"'{out}' holds files `mops render` did not write; it is left alone. "
                          "Choose a new or empty folder")


def relative_url(target: str, source: str) -> str:
    """``target`` (a site-relative URL) as seen from the page at URL ``source``."""
    base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
    relative = posixpath.relpath(target or ".", base or ".")
    if relative == ".":
        return "./"
    if (target.endswith("/") or not target) and not relative.endswith("/"):
        relative += "/"
    return relative


def _url(path: str, directory_urls: bool) -> str:
    """The URL of the page at docs path ``path``, relative to the site root."""
    return site_url_of("index.md", path, directory_urls) or ""


MD_HREF = re.compile(r'href="([^"#:]*\.md)(#[^"]*)?"')


def links_to_urls(markdown: str, path: str, paths: set[str], directory_urls: bool,
                  engine: str = "material") -> str:
    """Sanitize the page's HTML blocks and, for MkDocs (``engine`` "material"), turn the
    ``.md`` links of its raw HTML into page URLs (links in Markdown syntax the engine resolves
    itself; Zensical resolves ``.md`` links in HTML as well)."""
    here = _url(path, directory_urls)
    folder = posixpath.dirname(path)

    def url(target: str) -> str | None:
        linked = posixpath.normpath(posixpath.join(folder, html.unescape(target)))
        if target.startswith("/") or linked not in paths:
            return None
        return relative_url(_url(linked, directory_urls), here)

    def resolve(href: str) -> str | None:
        target, _, anchor = href.partition("#")
        if engine != "material" or not target.endswith(".md") or "://" in target:
            return None
        found = url(target)
        return None if found is None else found + (f"#{anchor}" if anchor else "")

    def rewrite(match: re.Match) -> str:
        found = url(match.group(1))
        return match.group(0) if found is None else f'href="{found}{match.group(2) or ""}"'

    parts, position = [], 0
    for start, end in block_spans(markdown):
        parts += [markdown[position:start], sanitize(markdown[start:end], resolve)]
        position = end
    parts.append(markdown[position:])
    text = "".join(parts)
    return MD_HREF.sub(rewrite, text) if engine == "material" else text


ZENSICAL_INDEX_POSITIONS = 2 ** 30
"""Zensical (0.0.73) refuses to build when one section of a page holds more words than its
search index takes for one field: 2**30 positions shared by its items (sections of pages),
rounded up to a power of two (65,536 words for 12,151 items, 16,384 for 47,755). Pages with
such a section (the insights page of a catalog of thousands of tools, integration maps of big
categories) are left out of its search."""
ZENSICAL_MARGIN = 0.6
"""How much of that limit this estimate of a section's words may reach: its tokenizer counts
differently."""
_TAG = re.compile(r"<[^>]*>")
_TOKEN_SEPARATOR = re.compile(r"[\s\-_,:!=\[\]()\\\"`/|*#>]+")
_HEADING = re.compile(r"^#{1,6} ", re.MULTILINE)


def zensical_search_limit(sections: int) -> int:
    """The words one section may hold in Zensical's search index of ``sections`` items."""
    return int(ZENSICAL_INDEX_POSITIONS // (1 << max(sections - 1, 1).bit_length())
               * ZENSICAL_MARGIN)


def sections_of(markdown: str) -> int:
    return len(_HEADING.findall(markdown)) + 1


def too_long_for_zensical_search(markdown: str, limit: int) -> bool:
    """Whether a section of the page (text between headings) may hold more than ``limit``
    words."""
    for section in _HEADING.split(markdown):
        if len(section) // 2 < limit:
            continue  # too short to hold that many words
        if len(_TOKEN_SEPARATOR.split(_TAG.sub(" ", section))) > limit:
            return True
    return False


def left_out_of_search(markdown: str) -> str:
    """``markdown`` with ``search: exclude: true`` in its front matter."""
    if markdown.startswith("---\n"):
        head, _, rest = markdown[4:].partition("\n---\n")
        if "\nsearch:\n" in f"\n{head}\n":
            head = f"\n{head}".replace("\nsearch:\n", "\nsearch:\n  exclude: true\n", 1)[1:]
        else:
            head += "\nsearch:\n  exclude: true"
        return f"---\n{head}\n---\n{rest}"
    return "---\nsearch:\n  exclude: true\n---\n\n" + markdown


def inert_title(title: str) -> str:
    """A title safe where Material prints it (as the plugin makes it: escaped, and ``</``
    broken, because the ``<title>`` tag's ``striptags`` turns entities back into characters)."""
    return html.escape(html.unescape(title), quote=False).replace("&lt;/", "&lt;\u200b/")


def with_front_matter(markdown: str, fields: dict[str, str]) -> str:
    """``markdown`` with ``fields`` added to its YAML front matter (made if it has none)."""
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
                    for key, value in fields.items())
    if markdown.startswith("---\n"):
        return "---\n" + lines + markdown[len("---\n"):]
    return "---\n" + lines + "---\n\n" + markdown


def edit_url(repo_url: str, edit_uri: str, docs_dir: Path, root: Path, edit_path: str) -> str:
    """The address that edits ``edit_path`` (relative to the catalog root), worked out as
    MkDocs works out a docs page's (``repo_url`` + ``edit_uri`` + path from the docs folder)."""
    if not repo_url or not edit_uri:
        return ""
    base = urljoin(repo_url.rstrip("/") + "/", edit_uri)
    base = base if base.endswith("/") else base + "/"
    relative = posixpath.relpath((root / edit_path).resolve().as_posix(),
                                 docs_dir.resolve().as_posix())
    return urljoin(base, relative)


def write_site_files(out: Path, *, root: Path, config_file: Path, docs_dir: Path, pages: dict,
                     downloads: dict[str, bytes], language_t, directory_urls: bool = True,
                     repo_url: str = "", edit_uri: str | None = None,
                     engine: str = "material") -> Rendered:
    """Write the plain-files site into ``out`` (see the module's docstring)."""
    check_out(out, root)
    config = read_config(config_file)
    docs_pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")) \
        if docs_dir.is_dir() else []
    clash = sorted(set(pages) & set(docs_pages))
    if clash:
        raise RenderError(f"docs/{clash[0]} would replace a generated page; rename or remove it")
    if out.is_dir():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    if docs_dir.is_dir():
        shutil.copytree(docs_dir, docs, dirs_exist_ok=True)
    edit_uri = edit_uri or ""  # MkDocs' configuration fills it in for the hosts it knows
    paths = set(pages) | set(docs_pages)
    limit = zensical_search_limit(
        sum(sections_of(page.markdown) for page in pages.values())
        + sum(sections_of((docs_dir / path).read_text(encoding="utf-8")) for path in docs_pages))
    for path, page in pages.items():
        markdown = links_to_urls(page.markdown, path, paths, directory_urls, engine)
        fields = {"title": inert_title(page.title)}
        fields["edit_url"] = (edit_url(repo_url, edit_uri, docs_dir, root, page.edit_path)
                              if page.edit_path else "")
        markdown = with_front_matter(markdown, fields)
        if engine == "zensical" and too_long_for_zensical_search(markdown, limit):
            markdown = left_out_of_search(markdown)
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    for path, content in downloads.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    stylesheets = []
    for folder in ASSETS:
        for asset in sorted(folder.glob("*.css")):
            target = docs / ASSET_FOLDER / asset.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(asset, target)
            stylesheets.append(f"{ASSET_FOLDER}/{asset.name}")
    overrides = out / "overrides"
    raw_theme = config.get("theme")
    theme: dict = raw_theme if isinstance(raw_theme, dict) else {"name": raw_theme or "material"}
    custom = theme.get("custom_dir")
    if custom:
        shutil.copytree(config_file.parent / custom, overrides, dirs_exist_ok=True)
    for partial in sorted(OVERRIDES.rglob("*.html")):
        target = overrides / partial.relative_to(OVERRIDES)
        if not target.exists():  # the project's own partial wins
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(partial, target)
    in_nav = navigation(language_t, [*pages, *docs_pages])
    nav = config.get("nav") or in_nav
    listed = nav_paths(nav)
    out_of_nav = sorted(p for p in pages if p not in listed)
    config = _carried_over(config, theme, nav, out_of_nav, stylesheets, config_file)
    (out / "mkdocs.yml").write_text(
        "# Written by `mops render`: build with `mkdocs build` or `zensical build`.\n"
        + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8")
    files = sum(1 for p in out.rglob("*") if p.is_file())
    return Rendered(out, len(pages), files)


def _carried_over(config: dict, theme: dict, nav, out_of_nav: list[str], stylesheets,
                  config_file: Path) -> dict:
    """The project's configuration for the plain files: the plugin out, ours in."""
    result = dict(config)
    for key in ("docs_dir", "site_dir", "nav", "INHERIT"):
        result.pop(key, None)
    theme = dict(theme)
    theme["custom_dir"] = "overrides"
    result["theme"] = theme
    result["docs_dir"] = "docs"
    result["site_dir"] = "site"
    plugins = []
    raw_plugins = config.get("plugins", ["search"])
    items = raw_plugins.items() if isinstance(raw_plugins, dict) else \
        [(next(iter(p)), next(iter(p.values()))) if isinstance(p, dict) else (p, None)
         for p in raw_plugins]
    for name, options in items:
        if name == "mops":
            continue
        if name in ("search", "material/search"):
            options = dict(options or {})
            fields = dict(options.get("fields") or {})
            fields.setdefault("tags", {"boost": TAGS_BOOST})
            options["fields"] = fields
        plugins.append({name: options} if options else name)
    result["plugins"] = plugins
    extensions = list(config.get("markdown_extensions") or ["tables", "toc"])
    names = [next(iter(e)) if isinstance(e, dict) else e for e in extensions]
    if HTML_BLOCKS_EXTENSION not in names:
        extensions.append(HTML_BLOCKS_EXTENSION)
    result["markdown_extensions"] = extensions
    result["extra_css"] = [*stylesheets, *(config.get("extra_css") or [])]
    result["nav"] = nav
    patterns = [config["not_in_nav"]] if config.get("not_in_nav") else []
    # one pattern per folder: a pattern per page would make MkDocs' matching quadratic
    patterns += dict.fromkeys(f"/{p.split('/')[0]}/" if "/" in p else f"/{p}" for p in out_of_nav)
    result["not_in_nav"] = "\n".join(patterns)
    if "hooks" in config:  # relative to the original mkdocs.yml
        result["hooks"] = [str((config_file.parent / hook).resolve()) for hook in config["hooks"]]
    return result
