"""The ``mops`` plugin's options in ``mkdocs.yml`` and how they become ``Settings``.

    plugins:
      - search
      - mops:
          root: .                 # catalog root (folder holding catalog/ and playbooks/)
          currency: USD
          audience: internal      # or "wide": no costs or contracts anywhere on the site
          codes:                  # per-code settings of rules and insights
            R009: disable
            I004: {threshold: 0.5}
          parallel: auto          # or "off": never fork a worker to share a large build
          enabled: true           # false: build the hand-written pages alone (MkDocs' own
                                  # option for every plugin: the plugin is not loaded at all)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from generator.analysis.codes import code_settings
from generator.settings import Settings, dated


class CodesOption(c.BaseConfigOption):
    """``codes:``: per-code settings, checked against the rules' and insights' declarations."""

    def __init__(self):
        super().__init__()
        self.default = {}

    def run_validation(self, value):
        try:
            return code_settings(value)
        except ValueError as error:
            raise c.ValidationError(str(error)) from None


class _OnOff(c.Choice):
    """``auto`` or ``off``; YAML reads a bare ``off`` as false (and ``on`` as true), so those
    are taken as written."""

    def run_validation(self, value):
        if isinstance(value, bool):
            value = "auto" if value else "off"
        return super().run_validation(value)


class MopsConfig(base.Config):
    root = c.Type(str, default=".")
    """The catalog root, relative to mkdocs.yml."""
    currency = c.Type(str, default="USD")
    fiscal_year_start = c.Type(int, default=1)
    audience = c.Choice(("internal", "wide"), default="internal")
    renewal_windows = c.ListOfItems(c.Type(int), default=[30, 60, 90])
    licence_use_threshold = c.Deprecated(moved_to="codes.I004.threshold")
    review_max_age_days = c.Deprecated(moved_to="codes.I007.max_age_days")
    codes = CodesOption()
    """Per-code settings of validation rules and insights (``generator.code_settings``)."""
    today = c.Optional(c.Type(dt.date))
    """A fixed "today" (YYYY-MM-DD) so date-based pages are reproducible."""
    parallel = _OnOff(("auto", "off"), default="auto")
    """``auto``: a forked worker shares a large build where that is safe
    (``generator.site.parallel``); ``off``: every build runs in one process."""


def catalog_root(options: MopsConfig, config_file_path: str | None) -> Path:
    base_dir = Path(config_file_path).parent if config_file_path else Path.cwd()
    return (base_dir / options.root).resolve()


def settings_from(options: MopsConfig, mkdocs_config) -> Settings:
    """The settings of the build; raises ``ValueError`` when ``MOPS_TODAY`` is not a date."""
    theme_language = mkdocs_config.theme.get("language") if mkdocs_config.theme else None
    settings = Settings(
        language=theme_language or "en",
        currency=options.currency,
        fiscal_year_start=options.fiscal_year_start,
        audience=options.audience,
        renewal_windows=tuple(options.renewal_windows),
        today=options.today,
        codes=options.codes,
        repo_url=mkdocs_config.repo_url or "",
    )
    try:
        return dated(settings, catalog_root(options, mkdocs_config.config_file_path))
    except ValueError as error:
        raise PluginError(f"mops: {error}") from None
