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
    licence_use_threshold: float = 0.7
    """Active / bought licences below this share is reported as under-used."""
    review_max_age_days: int = 365
    """Security and privacy reviews older than this are reported as overdue."""
    renewal_windows: tuple[int, ...] = (30, 60, 90)
    """Days ahead the renewals report looks."""
    today: dt.date | None = None
    """Fixed "today" for reproducible reports; None means the build date."""
    repo_url: str = ""
    """Repository URL, for links to sources (the plugin takes it from mkdocs.yml)."""
    extra: dict = field(default_factory=dict)

    @property
    def shows_costs(self) -> bool:
        return self.audience != "wide"

    def reference_date(self) -> dt.date:
        return self.today or dt.date.today()
