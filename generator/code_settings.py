"""Per-code settings: each validation rule (``R`` codes) and insight (``I`` codes) can be turned
off, given another severity, and given its own thresholds, in the ``codes`` option of the
``mops`` plugin in ``mkdocs.yml`` (in the manner of yamllint's ``rules``):

    plugins:
      - mops:
          codes:
            R009: disable                    # or: {enabled: false}
            R008: {severity: error}          # rules: error or warning
            I003: {severity: medium}         # insights: high, medium, low or info
            I004: {threshold: 0.5}           # the options a code documents
            under-used-licences: {threshold: 0.5}   # a code's name works too

A code declares its options (``Option``) where it is defined; this module reads the raw
mapping, checks every key and value against those declarations, and says exactly what is wrong
(``ValueError``), so a typo never silently leaves a default in place.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Mapping

MOVED = {"licence_use_threshold": ("I004", "threshold"),
         "review_max_age_days": ("I007", "max_age_days")}
"""Plugin options of earlier versions, now per-code settings (still read, with a warning)."""
RULE_SEVERITIES = ("error", "warning")
INSIGHT_SEVERITIES = ("high", "medium", "low", "info")
SWITCHES = {"enable": True, "disable": False}


@dataclass(frozen=True)
class Option:
    """A setting one code takes, e.g. I004's ``threshold``."""

    name: str
    default: Any
    doc: str
    kind: str = "number"
    """``number`` (int or float), ``whole`` (int >= 0), ``share`` (0-1), ``days`` (list of whole
    numbers), ``words`` (list of texts)."""

    @property
    def shown(self) -> str:
        """The default as it would be written in mkdocs.yml."""
        if isinstance(self.default, (tuple, list)):
            return "[" + ", ".join(str(v) for v in self.default) + "]"
        return str(self.default)

    def check(self, code: str, value) -> Any:
        where = f"codes: {code}: {self.name}"
        if self.kind == "share":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise ValueError(f"{where} must be a share between 0 and 1, not {value!r}")
            return float(value)
        if self.kind == "whole":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{where} must be a whole number of 0 or more, not {value!r}")
            return value
        if self.kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"{where} must be a number of 0 or more, not {value!r}")
            return value
        if self.kind == "days":
            if (not isinstance(value, list) or not value
                    or any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in value)):
                raise ValueError(f"{where} must be a list of whole numbers of days, "
                                 f"not {value!r}")
            return tuple(sorted(set(value)))
        if self.kind == "words":
            if not isinstance(value, list) or any(not isinstance(v, str) or not v for v in value):
                raise ValueError(f"{where} must be a list of texts, not {value!r}")
            return tuple(value)
        raise AssertionError(self.kind)


@dataclass(frozen=True)
class Configurable:
    """What the settings need to know about one code."""

    code: str
    name: str
    severities: tuple[str, ...]
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class CodeSettings:
    """One code's settings as configured (everything left out keeps the code's default)."""

    enabled: bool = True
    severity: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


def parse_code_settings(raw, known: Mapping[str, Configurable]) -> dict[str, CodeSettings]:
    """The ``codes`` option's mapping, checked against ``known`` (every configurable code:
    ``generator.analysis.codes.configurable_codes()``): ``{code: CodeSettings}``. Raises
    ``ValueError`` with a message that names the code and the setting."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ValueError("codes must be a mapping of codes to settings "
                         "(e.g. `I004: {threshold: 0.5}` or `R009: disable`)")
    by_name = {item.name: item.code for item in known.values()}
    parsed: dict[str, CodeSettings] = {}
    for key, value in raw.items():
        code = key if key in known else by_name.get(key)
        if code is None:
            raise ValueError(f"codes: '{key}' is not a rule or insight code{_hint(key, known)}")
        if code in parsed:
            raise ValueError(f"codes: {code} is configured twice (as a code and as a name)")
        parsed[code] = _one(known[code], value)
    return dict(sorted(parsed.items()))


def _one(item: Configurable, value) -> CodeSettings:
    if isinstance(value, str) and value in SWITCHES:
        return CodeSettings(enabled=SWITCHES[value])
    if value is None:
        return CodeSettings()
    if not isinstance(value, Mapping):
        raise ValueError(f"codes: {item.code} takes enable, disable or a mapping of settings, "
                         f"not {value!r}")
    enabled, severity, options = True, None, {}
    declared = {option.name: option for option in item.options}
    for name, setting in value.items():
        if name == "enabled":
            if not isinstance(setting, bool):
                raise ValueError(f"codes: {item.code}: enabled must be true or false")
            enabled = setting
        elif name in ("severity", "level"):  # `level` is yamllint's word for it
            if setting not in item.severities:
                raise ValueError(f"codes: {item.code}: severity must be one of "
                                 f"{', '.join(item.severities)}, not {setting!r}")
            severity = setting
        elif name in declared:
            options[name] = declared[name].check(item.code, setting)
        else:
            takes = ", ".join(["enabled", "severity", *declared]) or "enabled, severity"
            raise ValueError(f"codes: {item.code} has no setting '{name}'; it takes {takes}")
    return CodeSettings(enabled, severity, options)


def _hint(key, known) -> str:
    names = [*known, *(item.name for item in known.values())]
    close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else " (see the rules and insights pages)"


def move_old_options(options: dict) -> tuple[dict, list[str]]:
    """``options`` (the plugin's) with the ``MOVED`` ones put under ``codes``, and a warning
    for each."""
    options = dict(options)
    warnings = []
    for old, (code, name) in MOVED.items():
        if old in options:
            codes = dict(options.get("codes") or {})
            codes[code] = {**(codes.get(code) or {}), name: options.pop(old)}
            options["codes"] = codes
            warnings.append(f"the mops option '{old}' is now 'codes: {code}: {{{name}: ...}}'")
    return options, warnings


def option_value(settings: Mapping[str, CodeSettings], code: str, option: Option):
    """The configured value of ``option`` for ``code``, else its default."""
    configured = settings.get(code)
    if configured is not None and option.name in configured.options:
        return configured.options[option.name]
    return option.default


def enabled(settings: Mapping[str, CodeSettings], code: str) -> bool:
    configured = settings.get(code)
    return configured is None or configured.enabled
