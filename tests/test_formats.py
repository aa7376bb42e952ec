"""The three problem formats: text (with caret), json, github annotations."""

import json

from generator.formats import FORMATS
from generator.problem import Problem, Severity

PROBLEMS = [
    Problem("catalog/tools/a.yaml", 2, 8, "R001", "unknown role 'x' in owner, really: 100%",
            Severity.ERROR),
    Problem("catalog/tools/a.yaml", 3, 1, "R008", "too many\nlines", Severity.WARNING),
]


def test_text_shows_source_line_and_caret(tmp_path):
    (tmp_path / "catalog/tools").mkdir(parents=True)
    (tmp_path / "catalog/tools/a.yaml").write_text("name: A\nowner: x\nlicences: {}\n")
    out = FORMATS["text"](PROBLEMS, tmp_path).splitlines()
    assert out[0] == ("catalog/tools/a.yaml:2:8: error R001 unknown role 'x' in owner, "
                      "really: 100%")
    assert out[1] == "    owner: x"
    assert out[2] == "           ^"
    assert out[-1] == "1 error, 1 warning in 1 file"


def test_text_never_prints_lines_from_outside_the_root(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("TOP SECRET\n")
    root = tmp_path / "root"
    (root / "catalog/tools").mkdir(parents=True)
    (root / "catalog/tools/a.yaml").symlink_to(outside)
    out = FORMATS["text"]([Problem("catalog/tools/a.yaml", 1, 1, "Y009", "link")], root)
    assert "TOP SECRET" not in out


def test_json_is_a_list_of_objects():
    data = json.loads(FORMATS["json"](PROBLEMS))
    assert data[0] == {"file": "catalog/tools/a.yaml", "line": 2, "column": 8,
                       "severity": "error", "code": "R001",
                       "message": "unknown role 'x' in owner, really: 100%"}
    assert data[1]["severity"] == "warning"


def test_github_annotations_are_escaped():
    lines = FORMATS["github"](PROBLEMS).splitlines()
    assert lines[0] == ("::error file=catalog/tools/a.yaml,line=2,col=8,title=R001::"
                        "unknown role 'x' in owner, really: 100%25")
    assert lines[1] == ("::warning file=catalog/tools/a.yaml,line=3,col=1,title=R008::"
                        "too many%0Alines")


def test_no_problems_prints_nothing():
    assert FORMATS["github"]([]) == ""
    assert FORMATS["json"]([]) == "[]\n"


def test_text_never_sends_a_control_character_to_the_terminal(tmp_path):
    (tmp_path / "catalog/tools").mkdir(parents=True)
    name = "catalog/tools/a\x1b]0;title\x07.yaml"
    (tmp_path / name).write_text("name: A\x1b[2J\x1b[1;1H\nowner: x\x0c\n")
    problems = [Problem(name, 1, 8, "Y010", "the file holds ESC (\x1b)", Severity.ERROR)]
    out = FORMATS["text"](problems + [Problem(name, 2, 9, "Y010", "m", Severity.ERROR)], tmp_path)
    assert "    owner: x\\x0c\n" in out  # a form feed does not start a line of its own
    assert not any(ord(c) < 32 and c != "\n" for c in out)
    lines = out.splitlines()
    assert lines[0] == ("catalog/tools/a\\x1b]0;title\\x07.yaml:1:8: error Y010 the file holds "
                        "ESC (\\x1b)")
    assert lines[1] == "    name: A\\x1b[2J\\x1b[1;1H"
    assert lines[2] == "           ^"  # under the escape that stands for the character
