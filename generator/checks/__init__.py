"""Rules that look across entities, one module per rule (``generator/checks/rules``).

``RULES`` below is the registry: importing a module registers nothing; a rule runs, and is
documented on the rules page, because it is listed here. Each rule module defines

* ``CODES``: the codes it raises (a stable code, a name, a default severity, its
  documentation, and a failing and a passing example file), and
* ``check(catalog, context)``: yields problems; ``context`` is a ``Context`` (today's
  date and the code's settings).

To add a rule: write the module, add it to ``RULES``, and it is run, configurable in
``mkdocs.yml`` (``codes:``, see ``generator.code_settings``), documented and tested against its
examples (tests/test_checks_registry.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from types import ModuleType
from typing import Mapping

from generator.checks.rules import (
    duplicate_name,
    impossible_date,
    licences,
    owner_kind,
    raci,
    reporting_cycle,
    retired_tool_in_use,
    self_integration,
    step_dependencies,
    team_reporting,
    text_language,
    tool_owner,
    unknown_reference,
)
from generator.code_settings import CodeSettings, enabled, option_value
from generator.problem import CODES, Code, Problem, Severity, sort_problems

RULES: tuple[ModuleType, ...] = (
    unknown_reference,
    duplicate_name,
    reporting_cycle,
    self_integration,
    raci,
    impossible_date,
    licences,
    retired_tool_in_use,
    text_language,
    team_reporting,
    tool_owner,
    owner_kind,
    step_dependencies,
)


def _rule_codes() -> dict[str, Code]:
    codes: dict[str, Code] = {}
    for rule in RULES:
        for code in rule.CODES:
            if code.code in codes or code.code in CODES:
                raise ValueError(f"problem code {code.code} defined twice ({rule.__name__})")
            codes[code.code] = code
    return dict(sorted(codes.items()))


RULE_CODES: dict[str, Code] = _rule_codes()
"""Every validation rule's code, by code."""


def all_codes() -> list[Code]:
    """Every problem code, sorted: reading files and the schema, then the rules."""
    import generator.load.codes  # noqa: F401  (the Y and F codes)
    import generator.model.codes  # noqa: F401  (the S codes)

    return sorted([*CODES.values(), *RULE_CODES.values()], key=lambda c: c.code)


@dataclass(frozen=True)
class Context:
    """What a rule may read besides the catalog."""

    today: dt.date
    """The date reviews must not be later than."""
    codes: Mapping[str, CodeSettings] = field(default_factory=dict)
    """Per-code settings from ``mkdocs.yml``."""

    def option(self, code: Code, name: str):
        """The value of ``code``'s option ``name`` (configured, else its default)."""
        declared = next(o for o in code.options if o.name == name)
        return option_value(self.codes, code.code, declared)


def run_checks(catalog, today: dt.date | None = None,
               codes: Mapping[str, CodeSettings] | None = None) -> list[Problem]:
    """Every enabled rule's problems, with the severities ``codes`` sets."""
    codes = codes or {}
    context = Context(today or dt.date.today(), codes)
    problems: list[Problem] = []
    for rule in RULES:
        if not any(enabled(codes, code.code) for code in rule.CODES):
            continue
        for problem in rule.check(catalog, context):
            if not enabled(codes, problem.code):
                continue
            wanted = codes.get(problem.code)
            if wanted is not None and wanted.severity is not None:
                problem = dataclasses.replace(problem, severity=Severity(wanted.severity))
            problems.append(problem)
    return sort_problems(problems)


def validate(root, today: dt.date | None = None, workers: int | None = None, cache=None,
             progress=None, codes: Mapping[str, CodeSettings] | None = None):
    """Load the catalog under ``root`` and run every rule: ``(catalog, all problems)``.
    ``cache`` (a ``generator.load.parse.ParseCache``) spares parsing unchanged files;
    ``progress(done, total)`` is called as files are read; ``codes`` are the per-code settings
    (``generator.code_settings``)."""
    from generator.model.catalog import load_catalog

    catalog, problems = load_catalog(root, workers=workers, cache=cache, progress=progress)
    return catalog, sort_problems(problems + run_checks(catalog, today=today, codes=codes))
