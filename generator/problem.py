"""The one problem type every stage reports, and the registry of problem codes.

Like yamllint's ``LintProblem``: a problem knows where it is (file, line, column, all 1-based),
how bad it is, which stable code raised it and what to do about it. Formatters in
``generator.formats`` print lists of them; nothing else prints problems.

Every code is defined once, with its documentation, by the module that raises it: reading
files (``generator.load.codes``) and the schema (``generator.model.codes``) register theirs in
``CODES``; the validation rules (one module per rule in ``generator.checks.rules``) are listed
in the explicit registry ``generator.checks.RULES``. ``all_codes`` (in ``generator.checks``)
gives both, for the docs' rule reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True)
class Example:
    """A catalog file as the reference pages show it under a code: ``text`` is the whole file
    at ``path`` (relative to the catalog root). The tests write it over a small valid catalog
    and check that the code is raised (a failing example) or not (a passing one)."""

    path: str
    text: str


@dataclass(frozen=True)
class Code:
    """A stable problem code with the documentation shown on the rules page."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str = ""
    failing: tuple[Example, ...] = ()
    """Files that raise the code (ruff's rule pages are the model: one that fails, one that
    passes)."""
    passing: tuple[Example, ...] = ()
    """The same files corrected."""
    options: tuple = ()
    """The ``generator.code_settings.Option`` settings the code takes besides enable and severity."""

    def __post_init__(self):
        object.__setattr__(self, "doc", _cleandoc(self.doc))

    def at(self, file: str, line: int, column: int, message: str) -> Problem:
        return Problem(file, line, column, self.code, message, self.severity)


CODES: dict[str, Code] = {}


def register(code: str, name: str, severity: Severity, summary: str, doc: str = "", *,
             failing: tuple[Example, ...] = (), passing: tuple[Example, ...] = ()) -> Code:
    if code in CODES:
        raise ValueError(f"problem code {code} registered twice")
    CODES[code] = Code(code, name, severity, summary, doc, failing, passing)
    return CODES[code]


def _cleandoc(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc or "")


def sort_problems(problems) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.code, p.message))
