"""The previous site is deleted by a detached process, without the build waiting for it
(generator/site/background_clean.py)."""

import subprocess
import sys
import time

from generator.site import background_clean


def old_site(tmp_path):
    site = tmp_path / ".site.mops-old-1234"
    (site / "tools" / "x").mkdir(parents=True)
    (site / "tools" / "x" / "index.html").write_text("old")
    (site / "index.html").write_text("old")
    return site


def test_the_folder_is_deleted_by_another_process(tmp_path):
    site = old_site(tmp_path)
    background_clean.discard(site)
    deleting = background_clean.running[-1]
    assert isinstance(deleting, subprocess.Popen) and deleting.args[0] == sys.executable
    background_clean.wait()
    assert not site.exists() and not background_clean.running


def test_the_deletion_outlives_the_process_that_started_it(tmp_path):
    site = old_site(tmp_path)
    code = ("import sys; from pathlib import Path; from generator.site import background_clean; "
            "background_clean.discard(Path(sys.argv[1]))")
    subprocess.run([sys.executable, "-c", code, str(site)], check=True, timeout=60)
    deadline = time.monotonic() + 60
    while site.exists():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_without_a_process_it_deletes_the_folder_itself(tmp_path, monkeypatch):
    def no_processes(*args, **kwargs):
        raise OSError("no more processes")

    monkeypatch.setattr(background_clean.subprocess, "Popen", no_processes)
    site = old_site(tmp_path)
    background_clean.discard(site)
    assert not site.exists()
