"""The deployment's settings for commands run outside MkDocs: the ``mops`` plugin options in
``ROOT/mkdocs.yml`` (currency, fiscal year start, thresholds, policy ages, audience), read the
way the plugin reads them, so ``mops report`` and ``mops export`` agree with the site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import yaml

from generator.checks import validate
from generator.analysis.codes import code_settings
from generator.code_settings import move_old_options
from generator.commands import catalog_root
from generator.formats import text
from generator.progress import Progress
from generator.settings import Settings, dated

SETTING_NAMES = {f.name for f in dataclasses.fields(Settings)} - {
    "extra", "repo_url", "language", "today_source", "commit_date"}


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name:`` and ``!ENV`` tags mean nothing here."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def deployment_settings(root: Path) -> tuple[Settings, str | None]:
    """The settings in ``root/mkdocs.yml``'s ``mops`` plugin options (defaults without one),
    and an error message when the file cannot be used."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return Settings(), None
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return Settings(), f"cannot read {path}: {error}"
    options = {}
    for plugin in (config.get("plugins") or []) if isinstance(config, dict) else []:
        if isinstance(plugin, dict) and isinstance(plugin.get("mops"), dict):
            options = plugin["mops"]
    options, warnings = move_old_options(options)
    for warning in warnings:
        print(f"mops: warning: {path}: {warning}", file=sys.stderr)
    values = {k: v for k, v in options.items() if k in SETTING_NAMES}
    if "renewal_windows" in values:
        values["renewal_windows"] = tuple(values["renewal_windows"] or ())
    theme = config.get("theme") if isinstance(config, dict) else None
    if isinstance(theme, dict) and isinstance(theme.get("language"), str):
        values["language"] = theme["language"]
    try:
        values["codes"] = code_settings(values.get("codes"))
        settings = Settings(**values)
        _check(settings)
    except (TypeError, ValueError) as error:
        return Settings(), f"{path}: mops plugin options: {error}"
    return settings, None


def site_address(root: Path, given: str = "") -> tuple[str, bool]:
    """``(site_url, use_directory_urls)`` for links to the published site from text pasted
    elsewhere: ``given`` (a ``--site-url``) or ``site_url`` in ``root/mkdocs.yml`` ("" when
    neither says), and whether pages are published as folders (MkDocs' default)."""
    config = _mkdocs_config(root)
    url = given or config.get("site_url") or ""
    return (url if isinstance(url, str) else ""), config.get("use_directory_urls") is not False


def docs_folder(root: Path) -> Path:
    """The docs folder ``root/mkdocs.yml`` names (``docs_dir``), else ``root/docs``."""
    docs = _mkdocs_config(root).get("docs_dir")
    return root / (docs if isinstance(docs, str) and docs else "docs")


def _mkdocs_config(root: Path) -> dict:
    """``root/mkdocs.yml`` as a mapping; empty when there is none or it cannot be read
    (``deployment_settings`` reports that)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        return {}
    return config if isinstance(config, dict) else {}


def _check(settings: Settings) -> None:
    if settings.audience not in ("internal", "wide"):
        raise ValueError(f"audience must be 'internal' or 'wide', not '{settings.audience}'")
    if not settings.renewal_windows or any(
            not isinstance(w, int) or w < 0 for w in settings.renewal_windows):
        raise ValueError("renewal_windows must be a list of whole numbers of days")
    if settings.today is not None and not isinstance(settings.today, dt.date):
        raise ValueError("today must be a date (YYYY-MM-DD)")


def catalog_and_settings(root_arg: str, verb: str, **overrides):
    """``(catalog, settings)`` for a command that needs a valid catalog: the catalog under
    ROOT and the deployment's settings with ``overrides`` (those not None) applied. When that
    fails, the reason is printed and the exit code returned instead (2 usage, 1 problems)."""
    root = catalog_root(root_arg)
    if root is None:
        return 2
    settings, error = deployment_settings(root)
    if error:
        print(f"mops: error: {error}", file=sys.stderr)
        return 2
    settings = dataclasses.replace(
        settings, **{name: value for name, value in overrides.items() if value is not None})
    if overrides.get("today") is not None:
        settings = dataclasses.replace(settings, today_source="flag")
    try:
        settings = dated(settings, root)
    except ValueError as error:
        print(f"mops: error: {error}", file=sys.stderr)
        return 2
    with Progress("reading catalog files") as progress:
        catalog, problems = validate(root, today=settings.today, progress=progress.update,
                                     codes=settings.codes)
    errors = [p for p in problems if p.severity.value == "error"]
    if errors:
        sys.stderr.write(text.render(errors, root))
        print(f"mops: error: fix the problems above before {verb}", file=sys.stderr)
        return 1
    return catalog, settings
