"""``mops new``: a commented template per kind that validates once its blanks are filled."""

from __future__ import annotations

import posixpath
import re

import pytest

from generator.checks import validate
from generator.cli import main
from generator.model.catalog import ENTITY_MODELS

# values that fit the small fixture catalog, by field name
FILL = {
    "name": "Example", "vendor": "Acme", "category": "crm", "lifecycle": "piloting",
    "owner": "mops-manager", "archetype": "maestro", "summary": "Looks after things.",
    "company_size": "small", "operating_model": "one-person-band", "role": "mops-manager",
    "purpose": "Why it exists.", "responsible": "[automation-specialist]",
    "accountable": "mops-manager", "definition": "How it is counted.", "amount": "1200",
}
BLANK = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<key>\w+):$")


def blanks(text: str) -> list[tuple[int, str]]:
    """``(line number, field)`` of every required field left empty (not a parent key)."""
    lines = text.splitlines()
    found = []
    for index, line in enumerate(lines):
        match = BLANK.match(line)
        if not match:
            continue
        depth = len(match["lead"])
        below = next((l for l in lines[index + 1:] if l.strip() and not l.lstrip().startswith("#")),
                     "")
        below_depth = len(below) - len(below.lstrip(" -")) if below else 0
        if below_depth <= depth:
            found.append((index + 1, match["key"]))
    return found


def fill(text: str) -> str:
    lines = text.splitlines()
    for number, key in blanks(text):
        lines[number - 1] += f" {FILL[key]}"
    return "\n".join(lines) + "\n"


def new(capsys, *args) -> tuple[int, str]:
    code = main(["new", *args])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("kind", list(ENTITY_MODELS))
def test_template_fails_at_each_blank_then_validates_once_filled(small_catalog, capsys, kind):
    code, err = new(capsys, kind, "brand-new", str(small_catalog.root))
    assert code == 0, err
    relative = next(p for p in small_catalog.root.rglob("brand-new.yaml")).relative_to(
        small_catalog.root).as_posix()
    text = small_catalog.read(relative)
    required = blanks(text)
    assert required, "every kind has required fields"
    _, problems = validate(small_catalog.root)
    assert {p.line for p in problems if p.file == relative} == {n for n, _ in required}
    assert all(p.file == relative for p in problems)

    small_catalog.write(relative, fill(text))
    _, problems = validate(small_catalog.root)
    # a tool's owner is optional; without one the tool is flagged for review (a warning)
    assert [p.code for p in problems] == (["R015"] if kind == "tool" else [])


def test_every_field_is_explained(small_catalog, capsys):
    new(capsys, "tool", "hubspot", str(small_catalog.root))
    text = small_catalog.read("catalog/tools/hubspot.yaml")
    for field, info in ENTITY_MODELS["tool"].model_fields.items():
        assert re.search(rf"^(# )?{field}:", text, re.MULTILINE), field
        assert " ".join(info.description.split())[:40] in " ".join(
            line.lstrip("# ") for line in text.splitlines()), field
    assert "# Required: one of evaluating, piloting, adopted, sunsetting, retired." in text
    assert "# Optional: a number, at least 0." not in text  # amount is required inside cost
    assert "#   # Required: a number, at least 0.\n#   amount:\n" in text


def test_schema_comment_points_at_the_schema_file(small_catalog, capsys):
    for kind, relative in (("tool", "catalog/tools/x.yaml"), ("playbook", "playbooks/x.yaml")):
        new(capsys, kind, "x", str(small_catalog.root))
        first = small_catalog.read(relative).splitlines()[0]
        schema = first.removeprefix("# yaml-language-server: $schema=")
        assert posixpath.normpath(posixpath.join(posixpath.dirname(relative), schema)) == \
            f"schemas/{kind}.schema.json"


def test_an_optional_block_validates_when_uncommented(small_catalog, capsys):
    new(capsys, "tool", "hubspot", str(small_catalog.root))
    text = fill(small_catalog.read("catalog/tools/hubspot.yaml"))
    block = re.search(r"^# cost:\n(#   .*\n)+", text, re.MULTILINE).group(0)
    uncommented = "\n".join(line[2:] for line in block.splitlines()) + "\n"
    small_catalog.write("catalog/tools/hubspot.yaml",
                        fill(text.replace(block, uncommented)))
    catalog, problems = validate(small_catalog.root)
    assert [p.code for p in problems] == ["R015"]
    assert catalog.tools["hubspot"].cost.amount == 1200


def test_refuses_to_overwrite(small_catalog, capsys):
    before = small_catalog.read("catalog/tools/marketo.yaml")
    code, err = new(capsys, "tool", "marketo", str(small_catalog.root))
    assert code == 2 and "already exists" in err
    assert small_catalog.read("catalog/tools/marketo.yaml") == before
    small_catalog.write("catalog/roles/analyst.yml", "name: x\n")
    code, err = new(capsys, "role", "analyst", str(small_catalog.root))
    assert code == 2 and "analyst.yml already exists" in err


@pytest.mark.parametrize("bad", ["Hub_Spot", "x-", "a" * 64, "x--y", "abc\n", "abc\r\n"])
def test_rejects_an_invalid_id(small_catalog, capsys, bad):
    before = sorted(small_catalog.root.rglob("*"))
    code, err = new(capsys, "tool", bad, str(small_catalog.root))
    assert code == 2 and "is not a valid id" in err
    assert sorted(small_catalog.root.rglob("*")) == before


@pytest.mark.parametrize("reserved", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_rejects_a_name_windows_reserves(small_catalog, capsys, reserved):
    code, err = new(capsys, "kpi", reserved, str(small_catalog.root))
    assert code == 2 and "Windows" in err
    assert not (small_catalog.root / f"catalog/kpis/{reserved}.yaml").exists()


@pytest.mark.parametrize("given, suggested", [("COM1", "com1-tool"), ("Con", "con-tool"),
                                               ("My Tool", "my-tool")])
def test_the_suggested_id_is_one_new_accepts(small_catalog, capsys, given, suggested):
    """An uppercase Windows device name must not be 'corrected' into the device name."""
    code, err = new(capsys, "tool", given, str(small_catalog.root))
    assert code == 2 and f"try '{suggested}'" in err
    assert new(capsys, "tool", suggested, str(small_catalog.root))[0] == 0


def test_root_must_be_a_folder(tmp_path, capsys):
    code, err = new(capsys, "tool", "x", str(tmp_path / "missing"))
    assert code == 2 and "is not a folder" in err


def test_examples_of_new_fields_validate_when_uncommented(small_catalog, capsys):
    new(capsys, "tool", "hubspot", str(small_catalog.root))
    new(capsys, "person", "ana", str(small_catalog.root))
    tool = fill(small_catalog.read("catalog/tools/hubspot.yaml"))
    for field in ("custom", "departments", "owner"):
        tool = re.sub(rf"^# ({field}: .*)$", r"\1", tool, flags=re.MULTILINE)
    small_catalog.write("catalog/tools/hubspot.yaml",
                        tool.replace("owner: role-id", "owner: mops-manager"))
    person = small_catalog.read("catalog/people/ana.yaml").replace("\nname:\n", "\nname: Ana\n")
    small_catalog.write("catalog/people/ana.yaml",
                        re.sub(r"^# (email: .*)$", r"\1", person, flags=re.MULTILINE))
    catalog, problems = validate(small_catalog.root)
    assert problems == []
    assert catalog.tools["hubspot"].custom == {"cost centre": "MKT-200"}
    assert catalog.people["ana"].email == "name@example.com"
