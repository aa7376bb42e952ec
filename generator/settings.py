"""Per-deployment settings shared by the analysis and render stages (independent of MkDocs).

The MkDocs plugin fills them from its ``plugins: - mops:`` options in ``mkdocs.yml``; the CLI
from its flags. Defaults suit the bundled catalog.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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
    """Fixed "today" for reproducible reports; None means the build date."""
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
        return self.today or dt.date.today()
