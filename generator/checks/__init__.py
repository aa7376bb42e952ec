"""Rules that look across entities, one module per rule (``generator/checks/rules``).

Each rule module registers its code(s) with a docstring that documents the rule and defines
``check(catalog)``, which yields problems. ``run_checks`` runs them all.
"""

from __future__ import annotations

import datetime as dt
import inspect

from generator.checks.rules import (
    duplicate_name,
    impossible_date,
    licences,
    raci,
    reporting_cycle,
    retired_tool_in_use,
    self_integration,
    team_reporting,
    text_language,
    unknown_reference,
)
from generator.problem import Problem, sort_problems

RULES = [unknown_reference, duplicate_name, reporting_cycle, self_integration, raci,
         impossible_date, licences, retired_tool_in_use, text_language, team_reporting]


def run_checks(catalog, today: dt.date | None = None) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES:
        if "today" in inspect.signature(rule.check).parameters:
            problems.extend(rule.check(catalog, today=today))
        else:
            problems.extend(rule.check(catalog))
    return sort_problems(problems)


def validate(root, today: dt.date | None = None, workers: int | None = None, cache=None,
             progress=None):
    """Load the catalog under ``root`` and run every rule: ``(catalog, all problems)``.
    ``cache`` (a ``generator.load.parse.ParseCache``) spares parsing unchanged files;
    ``progress(done, total)`` is called as files are read."""
    from generator.model.catalog import load_catalog

    catalog, problems = load_catalog(root, workers=workers, cache=cache, progress=progress)
    return catalog, sort_problems(problems + run_checks(catalog, today=today))
