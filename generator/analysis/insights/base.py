"""What every insight shares: the ``Finding`` it yields, the ``Insight`` that documents it, and
the ``Context`` it reads (catalog, settings, reverse links, today).

A finding says what is wrong in English (``message``, for the command line) and by message key
(pages show it in the site's language), and, where the data allows, what to do about it: the
``action`` (``action.<code>...`` key), the date it is ``due`` by and the ``amount`` at stake in
the deployment's currency (``saving`` when acting on it stops a payment).
"""

from __future__ import annotations

import datetime as dt
import inspect
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Iterator

from generator.code_settings import Option, option_value
from generator.i18n import Translator
from generator.problem import Example

EXAMPLE_DAY = dt.date(2026, 6, 1)
"""The day the insights' examples are reported on (their dates are relative to it)."""


class Severity(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


ENGLISH = Translator("en")


@dataclass(frozen=True)
class Ref:
    """An entity named in a message: pages show its name linked to its page, the command line
    its name."""

    kind: str
    id: str


@dataclass(frozen=True)
class Money:
    """An amount in a message, in the deployment's currency."""

    amount: float
    currency: str

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,.2f}".removesuffix(".00")


@dataclass(frozen=True)
class Acknowledged:
    """The acknowledgement (``catalog/acknowledgements.yaml``) a finding matched."""

    reason: str
    until: dt.date | None = None
    by: str | None = None
    expired: bool = False
    """True when ``until`` has passed: the finding is open again."""

    def as_dict(self) -> dict:
        return {"reason": self.reason, "until": self.until.isoformat() if self.until else None,
                "by": self.by, "expired": self.expired}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    """In English (the command line's language); pages show ``key`` in the site's language."""
    entities: tuple[tuple[str, str], ...] = ()
    """``(kind, id)`` pairs the finding concerns, e.g. ``("tool", "marketo")``."""
    key: str = ""
    """The message's key in the message catalogs (``finding.I005.renews``)."""
    values: dict = field(default_factory=dict, compare=False, hash=False)
    """The values the message's placeholders take (dates as ``datetime.date``)."""
    action_key: str = ""
    """What to do, as a message key (``action.I012.cancel``); empty for information only."""
    due: dt.date | None = None
    """The last day to act (a cancel-by or renewal date); None when no date applies."""
    amount: float | None = None
    """Money at stake a year, in the deployment's currency; None when unknown."""
    savings: tuple[tuple[str, float], ...] = ()
    """``(tool id, amount a year)`` that acting on the finding stops paying: counted, at most
    once per tool, in "savings you can act on"."""
    acknowledged: Acknowledged | None = field(default=None, compare=False, hash=False)
    action: str = field(default="", compare=False)
    """The action in English (empty for information only)."""

    @property
    def subjects(self) -> frozenset[str]:
        """The ids the finding is about, as acknowledgements name them."""
        return frozenset(entity_id for _, entity_id in self.entities)

    @property
    def is_open(self) -> bool:
        return self.acknowledged is None or self.acknowledged.expired

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity.value, "message": self.message,
                "entities": [{"kind": kind, "id": entity_id} for kind, entity_id in self.entities],
                "action": self.action or None,
                "due": self.due.isoformat() if self.due else None,
                "amount": self.amount,
                "savings": [{"tool": tool, "amount": amount} for tool, amount in self.savings],
                "status": "open" if self.is_open else "acknowledged",
                "acknowledged": self.acknowledged.as_dict() if self.acknowledged else None}


def english(values: dict, names: dict | None = None) -> dict:
    """Placeholder values for an English message: entities by name (``names``: ``{(kind, id):
    name}``; the id without it), dates as ISO dates, lists joined with commas."""
    return {key: _plain(value, names or {}) for key, value in values.items()}


def _plain(value, names: dict):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Ref):
        return names.get((value.kind, value.id), value.id)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_plain(v, names)) for v in value)
    return str(value) if isinstance(value, Money) else value


@dataclass(frozen=True)
class Insight:
    code: str
    name: str
    summary: str
    doc: str
    run: Callable[..., Iterator[Finding]]
    restricted: bool = False
    """True when it reads cost or contract data (left out of a wide-audience build)."""
    options: tuple[Option, ...] = ()
    """Thresholds it takes in ``mkdocs.yml`` (``codes:``) besides enable and severity."""
    failing: tuple[Example, ...] = ()
    """Catalog files that raise it (written over the small example catalog, on ``EXAMPLE_DAY``)."""
    passing: tuple[Example, ...] = ()
    """The same files changed so that it is not raised."""

    def __call__(self, context):
        return self.run(context)


def insight(code: str, name: str, summary: str, restricted: bool = False,
            options: tuple[Option, ...] = (), failing=(), passing=()):
    """Make the decorated function insight ``code``; its docstring is the documentation. The
    insight runs once it is listed in ``generator.analysis.insights.INSIGHTS``."""

    def make(function) -> Insight:
        return Insight(code, name, summary, inspect.cleandoc(function.__doc__ or ""), function,
                       restricted, options, tuple(failing), tuple(passing))

    return make


@dataclass
class Context:
    """What every insight may read: the catalog, the settings, reverse links and 'today'."""

    catalog: Any
    settings: Any
    links: Any
    today: dt.date
    options: dict = field(default_factory=dict)
    """``{code: {option name: Option}}`` of the registered insights."""

    names: dict = field(default_factory=dict)
    """``{(kind, id): English name}`` for the command line's messages."""
    ran: set = field(default_factory=set)
    """The codes run so far."""
    findings: list = field(default_factory=list)
    """The findings so far (I017 runs last and reads them)."""

    def option(self, code: str, name: str):
        """Insight ``code``'s option ``name``: configured in ``codes:``, else its default."""
        return option_value(self.settings.codes, code, self.options[code][name])

    def finding(self, code: str, severity: Severity, entities, variant: str = "", *,
                action: str = "", due: dt.date | None = None, amount: float | None = None,
                savings=(), **values) -> Finding:
        """A finding whose message is ``finding.<code>[.<variant>]`` in the message catalogs and
        whose action, if any, is ``action.<code>.<action>``. ``values`` may hold ``Ref``,
        ``Money``, dates and lists of them."""
        key = f"finding.{code}" + (f".{variant}" if variant else "")
        action_key = f"action.{code}.{action}" if action else ""
        plain = english(values, self.names)
        return Finding(code, severity, ENGLISH(key, **plain), tuple(entities), key, values,
                       action_key, due, amount, tuple(savings),
                       action=ENGLISH(action_key, **plain) if action_key else "")
