"""Building with a forked worker gives the same site as a serial build (generator/site/parallel.py)."""

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site import parallel
from conftest import REPO


def test_worker_returns_its_result_and_replays_its_log_records(caplog):
    def work():
        logging.getLogger("mkdocs.plugins.mops").warning("from the worker")
        return {"pages": 3}

    with caplog.at_level(logging.WARNING):
        assert parallel.Worker(work).wait() == {"pages": 3}
    assert [r.getMessage() for r in caplog.records] == ["from the worker"]


def test_a_failing_worker_fails_the_build_with_its_traceback():
    def work():
        raise ValueError("broken page")

    with pytest.raises(Exception, match="ValueError: broken page"):
        parallel.Worker(work).wait()


def test_split_leaves_the_worker_about_half_of_the_work():
    sizes = [10, 10, 10, 10, 60]
    assert parallel.split(sizes, lambda size: size) == 4  # the parent: 40, the worker: 60
    assert parallel.split([5] * 10, lambda size: size) == 5
    assert parallel.split([], lambda size: size) == 0


BUILD = """
import sys
from generator.cli import main
from generator.site import parallel
parallel.MIN_PAGES = int(sys.argv[1])
original = parallel.ParallelBuild.__init__
def announce(self, *args):
    print("worker used", file=sys.stderr)
    original(self, *args)
parallel.ParallelBuild.__init__ = announce
if len(sys.argv) > 4:  # the worker starts at this page
    parallel.split = lambda files, size: [f.src_uri for f in files].index(sys.argv[4])
raise SystemExit(main(["build", sys.argv[2], "--strict", "--site-dir", sys.argv[3]]))
"""


def _build(root: Path, site: str, min_pages: int, *worker_from: str, ok=True) -> str:
    """Build in a new process (this one may run threads, which turn the worker off)."""
    done = subprocess.run([sys.executable, "-c", BUILD, str(min_pages), str(root),
                           str(root / site), *worker_from], capture_output=True, text=True,
                          cwd=REPO)
    assert (done.returncode == 0) == ok, done.stderr
    return done.stderr


def _repository_copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for part in ("catalog", "playbooks", "docs"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_parallel_build_equals_serial_build(tmp_path):
    root = _repository_copy(tmp_path)
    assert "worker used" not in _build(root, "serial", 10**9)
    assert "worker used" in _build(root, "parallel", 1)

    serial, forked = root / "serial", root / "parallel"
    files = sorted(p.relative_to(serial) for p in serial.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(forked) for p in forked.rglob("*") if p.is_file())
    different = [str(f) for f in files
                 if (serial / f).read_bytes() != (forked / f).read_bytes()]
    assert different == []


def test_parallel_build_still_fails_strict_on_a_warning_from_the_worker(tmp_path):
    root = _repository_copy(tmp_path)
    # a page with a dangling link, and the worker takes it
    (root / "docs" / "dangling.md").write_text("# Dangling\n\n[gone](missing.md)\n",
                                               encoding="utf-8")
    errors = _build(root, "site", 1, "dangling.md", ok=False)
    assert "worker used" in errors
    assert "missing.md" in errors


def test_parallel_off_never_forks(tmp_path):
    root = _repository_copy(tmp_path)
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("      audience: internal\n",
                                                  "      audience: internal\n      parallel: off\n"),
                                     encoding="utf-8")
    assert "parallel: off" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "worker used" not in _build(root, "site", 1)
    assert (root / "site" / "tools" / "hubspot" / "index.html").is_file()


def test_no_worker_while_another_thread_runs(monkeypatch):
    config = type("Config", (), {"plugins": {"search": None, "mops": None}})()
    assert parallel.worth_it(config, 10**6) is parallel.can_fork()
    assert not parallel.worth_it(config, 10**6, "off")
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert not parallel.worth_it(config, 10**6)
