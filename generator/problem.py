"""The one problem type every stage reports, and the registry of problem codes.

Like yamllint's ``LintProblem``: a problem knows where it is (file, line, column, all 1-based),
how bad it is, which stable code raised it and what to do about it. Formatters in
``generator.formats`` print lists of them; nothing else prints problems.

Every code is registered once, with its documentation, by the module that raises it
(``generator.load.codes`` for reading files and the schema, one module per rule in
``generator.checks.rules``). The docs' rule reference is generated from this registry.
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
class Code:
    """A stable problem code with the documentation shown on the rules page."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str = ""

    def at(self, file: str, line: int, column: int, message: str) -> Problem:
        return Problem(file, line, column, self.code, message, self.severity)


CODES: dict[str, Code] = {}


def register(code: str, name: str, severity: Severity, summary: str, doc: str = "") -> Code:
    if code in CODES:
        raise ValueError(f"problem code {code} registered twice")
    CODES[code] = Code(code, name, severity, summary, doc.strip())
    return CODES[code]


def sort_problems(problems) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.code, p.message))
