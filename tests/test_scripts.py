"""The repository's scripts (scripts/), run as a new contributor runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parent.parent


def fake_apt(folder: Path, exit_code: int, message: str) -> Path:
    """An ``apt-get`` that records its arguments and fails as apt does with the lock held."""
    folder.mkdir()
    script = folder / "apt-get"
    script.write_text(f"#!/bin/sh\necho \"$@\" >> {folder}/calls\n"
                      f"echo '{message}' >&2\nexit {exit_code}\n")
    script.chmod(0o755)
    return folder


def run_tests(tmp_path: Path, apt: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{apt}:{os.environ['PATH']}",
           "MOPS_CHROMIUM": str(tmp_path / "no-chromium"), "MOPS_APT_LOCK_WAIT": "7"}
    return subprocess.run(["bash", str(REPO / "scripts/run-tests"), "--version"], env=env,
                          capture_output=True, text=True, timeout=600)


def test_run_tests_waits_for_the_package_lock_and_says_when_chromium_is_missing(tmp_path):
    if os.geteuid() != 0:
        return  # the script installs only as root; a user is told to install it
    apt = fake_apt(tmp_path / "bin", 100, "E: Could not get lock /var/lib/dpkg/lock-frontend. "
                   "It is held by process 4242 (unattended-upgr)")
    done = run_tests(tmp_path, apt)
    assert done.returncode == 0, done.stderr  # the tests still run (browser tests skip)
    calls = (apt / "calls").read_text().splitlines()
    assert calls and all("-o DPkg::Lock::Timeout=7" in call for call in calls)
    assert "It is held by process 4242" in done.stderr
    assert "could not install chromium" in done.stderr
    assert "browser tests will be skipped" in done.stderr
    assert "pytest" in done.stdout + done.stderr  # then pytest ran (--version)


def test_the_package_builds_without_warnings_of_its_own(tmp_path):
    """setuptools deprecated ``license = { text = ... }``: an install printed its warning three
    times (one SPDX string now)."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w",
                           str(tmp_path), str(REPO)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    assert "Deprecat" not in output, output
    assert "SetuptoolsWarning" not in output
