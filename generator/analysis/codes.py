"""Every code that takes per-code settings (``generator.code_settings``): the validation rules'
and the insights', with the severities and options each accepts."""

from __future__ import annotations

from generator.analysis.insights import INSIGHTS
from generator.checks import RULE_CODES
from generator.code_settings import (INSIGHT_SEVERITIES, RULE_SEVERITIES, CodeSettings,
                                     Configurable, parse_code_settings)


def configurable_codes() -> dict[str, Configurable]:
    """The validation rules' codes, then the insights'."""
    codes = {code.code: Configurable(code.code, code.name, RULE_SEVERITIES, code.options)
             for code in RULE_CODES.values()}
    codes |= {item.code: Configurable(item.code, item.name, INSIGHT_SEVERITIES, item.options)
              for item in INSIGHTS.values()}
    return codes


def code_settings(raw) -> dict[str, CodeSettings]:
    """The ``codes`` plugin option, checked (``ValueError`` says what is wrong)."""
    return parse_code_settings(raw, configurable_codes())
