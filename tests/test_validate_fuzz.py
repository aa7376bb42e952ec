"""Property: whatever happens to the files, `mops validate` ends with 0, 1 or 2 and never raises."""

import contextlib
import io
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "small"
FILES = sorted(p.relative_to(FIXTURE).as_posix() for p in FIXTURE.rglob("*.yaml"))
SCALARS = ["no", "yes", "on", "1.10", "2024-02-30", "~", "[]", "{}", "- x", "&a x", "*a", "!!python/name:os.system",
           "'unclosed", "\"\\x\"", "-1", "1e999", "0x1F", "12:30:00", "<script>x</script>", "\t", ":", "|",
           "[a, [b, {c: d}]]", "!!binary aGk=", "2026-01-01T10:00:00Z"]

mutation = st.one_of(
    st.tuples(st.just("bytes"), st.integers(0, 2000), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("text"), st.integers(0, 2000), st.text(min_size=1, max_size=12)),
    st.tuples(st.just("scalar"), st.integers(0, 60), st.sampled_from(SCALARS)),
    st.tuples(st.just("indent"), st.integers(0, 60), st.integers(-4, 4)),
    st.tuples(st.just("duplicate-line"), st.integers(0, 60), st.just(None)),
    st.tuples(st.just("delete-line"), st.integers(0, 60), st.just(None)),
    st.tuples(st.just("rename-key"), st.integers(0, 60), st.sampled_from(
        ["nmae", "owner", "id", "steps", "raci", "<<", "? complex", "1", "null"])),
)


def mutate(data: bytes, kind, position, arg) -> bytes:
    lines = data.split(b"\n")
    line_no = position % max(len(lines), 1)
    if kind == "bytes":
        at = position % (len(data) + 1)
        return data[:at] + arg + data[at + len(arg):]
    if kind == "text":
        at = position % (len(data) + 1)
        return data[:at] + arg.encode("utf-8", "surrogatepass") + data[at:]
    line = lines[line_no]
    if kind == "scalar" and b":" in line:
        key = line.split(b":", 1)[0]
        lines[line_no] = key + b": " + arg.encode()
    elif kind == "indent":
        stripped = line.lstrip(b" ")
        lines[line_no] = b" " * max(0, len(line) - len(stripped) + arg) + stripped
    elif kind == "duplicate-line":
        lines.insert(line_no, line)
    elif kind == "delete-line":
        del lines[line_no]
    elif kind == "rename-key" and b":" in line:
        indent = line[: len(line) - len(line.lstrip(b" -"))]
        lines[line_no] = indent + arg.encode() + b":" + line.split(b":", 1)[1]
    return b"\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(FILES), mutation), min_size=1, max_size=4),
       st.sampled_from(["text", "json", "github"]))
def test_validator_never_raises(tmp_path_factory, mutations, fmt):
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    for file, (kind, position, arg) in mutations:
        path = root / file
        path.write_bytes(mutate(path.read_bytes(), kind, position, arg))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(root), "--format", fmt])
    assert code in (0, 1, 2)
    assert "Traceback" not in err.getvalue()
