"""The YAML reader: data, positions, duplicate keys, tags, alias bombs, YAML 1.1 scalars."""

import time
import tracemalloc

from generator.load.yaml_source import parse_yaml


def codes(parsed):
    return [p.code for p in parsed.problems]


def test_positions_of_values_keys_and_list_items():
    parsed = parse_yaml("name: A\nusers:\n  - x\n  - y\nnested:\n  key: 3\n", "f.yaml")
    assert parsed.data == {"name": "A", "users": ["x", "y"], "nested": {"key": 3}}
    assert parsed.locate(("name",)) == (1, 7)
    assert parsed.locate(("name",), key=True) == (1, 1)
    assert parsed.locate(("users", 1)) == (4, 5)
    assert parsed.locate(("nested", "key")) == (6, 8)
    assert parsed.locate(("nested", "missing")) == (6, 3)  # nearest ancestor


def test_duplicate_key_reported_at_second_key_and_first_kept():
    parsed = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    [problem] = parsed.problems
    assert (problem.code, problem.line, problem.column) == ("Y002", 3, 1)
    assert "first defined at line 1" in problem.message
    assert parsed.data == {"a": 1, "b": 2}


def test_python_tags_are_rejected_and_never_run(tmp_path):
    marker = tmp_path / "pwned"
    text = f'name: !!python/object/apply:os.system ["touch {marker}"]\n'
    parsed = parse_yaml(text, "f.yaml")
    assert codes(parsed) == ["Y003"]
    assert (parsed.problems[0].line, parsed.problems[0].column) == (1, 7)
    assert not marker.exists()


def test_custom_and_binary_tags_rejected():
    assert codes(parse_yaml("a: !secret x\n", "f")) == ["Y003"]
    assert codes(parse_yaml("a: !!binary aGVsbG8=\n", "f")) == ["Y003"]
    assert codes(parse_yaml("a: !!set {x}\n", "f")) == ["Y003"]


def billion_laughs(levels=9):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_fails_fast_in_bounded_memory():
    tracemalloc.start()
    started = time.perf_counter()
    parsed = parse_yaml(billion_laughs(), "bomb.yaml")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert codes(parsed) == ["Y004"]
    assert parsed.data is None
    assert peak < 100 * 1024 * 1024
    assert elapsed < 5  # generous: the point is that it ends, not how fast


def test_recursive_alias_is_an_error_not_a_crash():
    parsed = parse_yaml("a: &x [*x]\n", "f")
    assert parsed.data is None and codes(parsed) == ["Y004"]


def test_yaml11_scalars_are_remembered_for_hints():
    parsed = parse_yaml("a: no\nb: 1.10\nc: 2024-01-01\nd: 'no'\n", "f")
    assert parsed.data["a"] is False and parsed.data["b"] == 1.1
    assert parsed.implicit[("a",)] == "no"
    assert parsed.implicit[("b",)] == "1.10"
    assert parsed.implicit[("c",)] == "2024-01-01"
    assert ("d",) not in parsed.implicit


def test_impossible_date_reported_where_it_is():
    parsed = parse_yaml("x: 1\nrenewal: 2025-02-30\n", "f")
    [problem] = parsed.problems
    assert (problem.code, problem.line, problem.column) == ("Y001", 2, 10)
    assert "date" in problem.message


def test_syntax_error_has_position():
    parsed = parse_yaml("name: x\n  bad: indent\n", "f")
    [problem] = parsed.problems
    assert problem.code == "Y001" and problem.line == 2


def test_a_line_without_its_colon_is_the_line_reported():
    """YAML reads a line without ``:`` on into the next lines and gives up further down (here
    at a comment two lines on): the problem is where that line starts."""
    text = "name: Mailchimp\nlifecycle: piloting\nvendor Intuit\n\n# Owner.\nowner: x\n"
    [problem] = parse_yaml(text, "f").problems
    assert (problem.code, problem.line, problem.column) == ("Y001", 3, 1)
    assert "':'" in problem.message and "field name missing" in problem.message


def test_multiple_documents_rejected():
    assert codes(parse_yaml("a: 1\n---\nb: 2\n", "f")) == ["Y001"]


def test_empty_and_comment_only_files():
    assert codes(parse_yaml("", "f")) == ["Y007"]
    assert codes(parse_yaml("# nothing here\n", "f")) == ["Y007"]


def test_merge_keys_expand_and_own_keys_win():
    text = "base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\n"
    assert parse_yaml(text, "f").data["item"] == {"x": 1, "y": 3}


def test_control_characters_are_reported_where_they_are_and_replaced():
    text = ('name: "Sales\\eforce"\n'          # ESC written as an escape
            'tags: [ok, "a\\vb", "\\u009b2J"]\n'  # vertical tab; C1 CSI
            '"ke\\x07y": 1\n'                   # BEL in a key
            'notes: "tab\\there\\nnew line"\n'  # tab and newline stay allowed
            'block: |\n  two\n  lines\n')
    parsed = parse_yaml(text, "f.yaml")
    found = [(p.code, p.line, p.column, p.message) for p in parsed.problems]
    assert [f[:3] for f in found] == [("Y010", 1, 7), ("Y010", 2, 12), ("Y010", 2, 20),
                                      ("Y010", 3, 1)]
    assert "ESC (\\x1b) after 'Sales'" in found[0][3]
    assert "vertical tab (\\x0b)" in found[1][3] and "\\x9b" in found[2][3]
    assert "the key holds BEL (\\x07)" in found[3][3]
    assert parsed.data == {"name": "Sales\ufffdforce", "tags": ["ok", "a\ufffdb", "\ufffd2J"],
                           "ke\ufffdy": 1, "notes": "tab\there\nnew line",
                           "block": "two\nlines\n"}
    assert parsed.locate(("ke\ufffdy",), key=True) == (3, 1)


def test_a_raw_control_character_is_reported_at_its_line_and_column():
    parsed = parse_yaml("name: A\nvendor: Acme\x1b[2J\n", "f.yaml")
    [(code, line, column, message)] = [(p.code, p.line, p.column, p.message)
                                       for p in parsed.problems]
    assert (code, line, column) == ("Y010", 2, 13) and "ESC (\\x1b)" in message
    assert parsed.data is None


def test_text_too_costly_for_markdown_is_reported_where_it_is():
    prose = "\n\n".join(f"Paragraph {n} has a [link](https://example.com/{n}) and *emphasis*."
                        for n in range(1200))  # 83 KB of ordinary Markdown
    parsed = parse_yaml(f"name: A\nnotes: |\n  {prose.replace(chr(10), chr(10) + '  ')}\n"
                        f"description: '{'[' * 20000}'\n", "f.yaml")
    [(code, severity, line, column, message)] = [
        (p.code, p.severity.value, p.line, p.column, p.message) for p in parsed.problems]
    assert (code, severity, line, column) == ("Y011", "warning", 2 + 2 * 1200, 14)
    assert "20,000 characters holds 20,000 Markdown characters" in message
    assert parsed.data["description"] == "[" * 20000  # kept: pages show it as plain text
