"""The rule registry (generator/checks RULES): every rule is listed, documented, takes
``check(catalog, context)``, and its failing and passing examples do what the rules page says;
per-code settings (mkdocs.yml ``codes:``) turn rules off and change their severity."""

from __future__ import annotations

import datetime as dt
import inspect
import pkgutil

import pytest

import generator.checks.rules
from generator.checks import RULE_CODES, RULES, all_codes, run_checks, validate
from generator.analysis.codes import code_settings as parse_code_settings

TODAY = dt.date(2026, 6, 1)
EXAMPLES = [(code, kind, example) for code in all_codes()
            for kind, examples in (("failing", code.failing), ("passing", code.passing))
            for example in examples]


def test_every_rule_module_is_in_the_registry_once():
    modules = {m.name for m in pkgutil.iter_modules(generator.checks.rules.__path__)}
    assert sorted(m.__name__.rsplit(".", 1)[1] for m in RULES) == sorted(modules)
    for rule in RULES:
        assert list(inspect.signature(rule.check).parameters) == ["catalog", "context"]
        assert rule.CODES and all(code.code.startswith("R") for code in rule.CODES)


def test_every_rule_code_has_a_failing_and_a_passing_example():
    for code in RULE_CODES.values():
        assert code.failing and code.passing, code.code
        assert len(code.doc) > 40 and code.summary, code.code
    assert [c.code for c in all_codes()] == sorted(c.code for c in all_codes())


# Codes no short text file can show: bytes that are not UTF-8, an invisible byte-order mark,
# 2 MiB or 100,000 characters of text, a symbolic link, file permissions, an alias bomb.
WITHOUT_EXAMPLES = {"Y004", "Y005", "Y006", "Y008", "Y009", "Y011", "F003"}


def test_every_file_and_schema_code_has_a_failing_and_a_passing_example_if_a_file_can_show_it():
    """The rules page shows, for the codes reading and the schema raise too, a file that fails
    and one that passes (issue 15: a failing and a passing example per code)."""
    missing = [c.code for c in all_codes() if c.code[0] in "FSY"
               and c.code not in WITHOUT_EXAMPLES and not (c.failing and c.passing)]
    assert missing == []


def test_no_code_span_in_a_code_description_runs_on_into_the_text():
    """A backtick inside a code span (Y011's list of Markdown characters) turned a whole
    paragraph of the rules page into code."""
    import re

    import markdown

    runaway = {c.code: span for c in all_codes()
               for span in re.findall(r"<code>(.*?)</code>", markdown.markdown(c.doc), re.S)
               if len(span) > 50}
    assert runaway == {}


@pytest.mark.parametrize("code, kind, example", EXAMPLES,
                         ids=[f"{c.code}-{k}" for c, k, _ in EXAMPLES])
def test_examples_fail_and_pass_as_documented(small_catalog, code, kind, example):
    for other in (code.failing if kind == "failing" else code.passing):
        small_catalog.write(other.path, other.text)
    _, problems = validate(small_catalog.root, today=TODAY)
    raised = {p.code for p in problems}
    if kind == "failing":
        assert code.code in raised, problems
    else:
        assert not raised, problems  # a passing example is clean of every code, not only its own


def test_a_rule_can_be_turned_off_or_given_another_severity(small_catalog):
    for example in RULE_CODES["R008"].failing:
        small_catalog.write(example.path, example.text)
    catalog, problems = validate(small_catalog.root)
    assert [(p.code, p.severity.value) for p in problems] == [("R008", "warning")]
    as_error = parse_code_settings({"R008": {"severity": "error"}})
    assert [p.severity.value for p in run_checks(catalog, TODAY, as_error)] == ["error"]
    assert run_checks(catalog, TODAY, parse_code_settings({"R008": "disable"})) == []
    assert run_checks(catalog, TODAY, parse_code_settings({"licences": {"enabled": False}})) == []


@pytest.mark.parametrize("raw, message", [
    ({"R999": "disable"}, "'R999' is not a rule or insight code"),
    ({"licenses": "disable"}, "did you mean 'licences'?"),
    ({"R008": {"severity": "high"}}, "severity must be one of error, warning"),
    ({"I004": {"severity": "error"}}, "severity must be one of high, medium, low, info"),
    ({"I004": {"treshold": 0.5}}, "I004 has no setting 'treshold'; it takes enabled, severity, "
                                  "threshold"),
    ({"I004": {"threshold": 5}}, "must be a share between 0 and 1"),
    ({"R008": "off"}, "takes enable, disable or a mapping"),
    ({"R008": "disable", "licences": "enable"}, "configured twice"),
    (["R008"], "codes must be a mapping"),
])
def test_bad_code_settings_are_explained(raw, message):
    with pytest.raises(ValueError) as error:
        parse_code_settings(raw)
    assert message in str(error.value)


def test_the_plugin_option_is_checked_and_old_options_move_into_it():
    from mkdocs.config.base import load_config  # noqa: F401  (the plugin's config class below)

    from generator.site.config import MopsConfig

    config = MopsConfig()
    config.load_dict({"codes": {"R008": "disable"}, "licence_use_threshold": 0.5})
    errors, warnings = config.validate()
    assert errors == []
    assert config.codes["R008"].enabled is False
    assert config.codes["I004"].options == {"threshold": 0.5}
    assert any("licence_use_threshold" in str(w) for w in warnings)
    bad = MopsConfig()
    bad.load_dict({"codes": {"R008": {"severity": "fatal"}}})
    errors, _ = bad.validate()
    assert "severity must be one of error, warning" in str(errors)


def test_validate_reads_the_settings_from_mkdocs_yml(small_catalog, capsys):
    from generator.cli import main

    for example in RULE_CODES["R008"].failing:
        small_catalog.write(example.path, example.text)
    assert main(["validate", str(small_catalog.root)]) == 0  # a warning
    small_catalog.write("mkdocs.yml", "plugins:\n  - mops:\n      codes:\n        R008: {severity: error}\n")
    assert main(["validate", str(small_catalog.root)]) == 1
    assert "R008" in capsys.readouterr().out
    small_catalog.write("mkdocs.yml", "plugins:\n  - mops:\n      codes:\n        R8: disable\n")
    assert main(["validate", str(small_catalog.root)]) == 2
    assert "'R8' is not a rule or insight code" in capsys.readouterr().err
