"""Per-deployment settings shared by the analysis and render stages (independent of MkDocs).

The MkDocs plugin fills them from its ``plugins: - mops:`` options in ``mkdocs.yml``; the CLI
from its flags. Defaults suit the bundled catalog.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

TODAY_VARIABLE = "MOPS_TODAY"
"""The environment variable that sets "today" for a build or report (YYYY-MM-DD)."""


@dataclass(frozen=True)
class Settings:
    language: str = "en"
    """The site language (Material's ``theme.language``): labels and formats follow it."""
    currency: str = "USD"
    """Currency totals are reported in; costs in other currencies are listed separately."""
    fiscal_year_start: int = 1
    """Month (1-12) the fiscal year starts in."""
    audience: str = "internal"
    """``internal`` shows everything; ``wide`` leaves cost and contract data out of the build."""
    renewal_windows: tuple[int, ...] = (30, 60, 90)
    """Days ahead the renewals report looks."""
    today: dt.date | None = None
    """A "today" set on purpose (``--today``, ``MOPS_TODAY`` or the ``today`` option); None:
    the date of the last commit, else the system date (see ``dated``)."""
    today_source: str = ""
    """Where the report's date comes from: ``option``, ``environment``, ``commit`` or
    ``system``."""
    commit_date: dt.date | None = None
    """The date of the catalog repository's last commit (when ``today`` is not set)."""
    codes: dict = field(default_factory=dict)
    """Per-code settings (``{code: generator.code_settings.CodeSettings}``): rules and insights
    turned off, given another severity or other thresholds (the ``codes`` plugin option)."""
    repo_url: str = ""
    """Repository URL, for links to sources (the plugin takes it from mkdocs.yml)."""
    extra: dict = field(default_factory=dict)

    @property
    def shows_costs(self) -> bool:
        return self.audience != "wide"

    def reference_date(self) -> dt.date:
        """The date reports are made on: ``today``, else the last commit's, else the system's."""
        return self.today or self.commit_date or dt.date.today()


def dated(settings: Settings, root: Path | None, environ=None) -> Settings:
    """``settings`` with their report date worked out, so a build is reproducible: a ``today``
    already set (``--today``) wins, then ``MOPS_TODAY``, then the ``today`` option (already in
    ``settings`` when no flag was given), then the date of the last git commit under ``root``,
    then the system date. Raises ``ValueError`` for a ``MOPS_TODAY`` that is not a date."""
    environ = os.environ if environ is None else environ
    if settings.today_source == "flag":
        return dataclasses.replace(settings, today_source="option")
    value = environ.get(TODAY_VARIABLE, "").strip()
    if value:
        try:
            return dataclasses.replace(settings, today=dt.date.fromisoformat(value),
                                       today_source="environment")
        except ValueError:
            raise ValueError(f"{TODAY_VARIABLE}='{value}' is not a date (YYYY-MM-DD)") from None
    if settings.today is not None:
        return dataclasses.replace(settings, today_source="option")
    commit = last_commit_date(root) if root is not None else None
    if commit is not None:
        return dataclasses.replace(settings, commit_date=commit, today_source="commit")
    return dataclasses.replace(settings, today_source="system")


def last_commit_date(root: Path) -> dt.date | None:
    """The committer date of the last commit of the git repository holding ``root``; None
    outside a repository or without git."""
    try:
        done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%cs"],
                              capture_output=True, text=True, timeout=30, check=False)
        return dt.date.fromisoformat(done.stdout.strip()) if done.returncode == 0 else None
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
