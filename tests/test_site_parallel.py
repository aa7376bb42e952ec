"""Building with a forked worker gives the same site as a serial build (generator/site/parallel.py)."""

import logging
import shutil

import pytest

from generator.cli import main
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


def test_parallel_build_equals_serial_build(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    for part in ("catalog", "playbooks", "docs"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    used = []
    original = parallel.ParallelBuild.__init__

    def spy(self, *args):
        used.append(True)
        original(self, *args)

    monkeypatch.setattr(parallel.ParallelBuild, "__init__", spy)
    monkeypatch.setattr(parallel, "MIN_PAGES", 10**9)
    assert main(["build", str(root), "--strict", "--site-dir", str(root / "serial")]) == 0
    assert not used
    monkeypatch.setattr(parallel, "MIN_PAGES", 1)
    assert main(["build", str(root), "--strict", "--site-dir", str(root / "parallel")]) == 0
    assert used, "the worker was not used"

    serial, forked = root / "serial", root / "parallel"
    files = sorted(p.relative_to(serial) for p in serial.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(forked) for p in forked.rglob("*") if p.is_file())
    different = [str(f) for f in files
                 if (serial / f).read_bytes() != (forked / f).read_bytes()]
    assert different == []


def test_parallel_build_still_fails_strict_on_a_warning_from_the_worker(tmp_path, monkeypatch,
                                                                         capsys):
    root = tmp_path / "repo"
    for part in ("catalog", "playbooks", "docs"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    # a page with a dangling link, and the worker takes it
    (root / "docs" / "dangling.md").write_text("# Dangling\n\n[gone](missing.md)\n",
                                               encoding="utf-8")
    monkeypatch.setattr(parallel, "split", lambda files, size:
                        [f.src_uri for f in files].index("dangling.md"))
    monkeypatch.setattr(parallel, "MIN_PAGES", 1)
    assert main(["build", str(root), "--strict", "--site-dir", str(root / "site")]) != 0
    assert "missing.md" in capsys.readouterr().err
