"""``mops build`` options (generator/commands/build.py) not covered with the site folder
(tests/test_site_site_dir.py): the report date of a build."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import FIXTURES

pytestmark = pytest.mark.slow  # builds sites


def build(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "build", *args],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def test_today_sets_the_date_the_insights_page_is_counted_from(tmp_path):
    """Issue 15: "today" for a build is --today, or MOPS_TODAY, or the last commit's date;
    --today wins over MOPS_TODAY, and the page says which date it used."""
    site = tmp_path / "site"
    done = build(str(FIXTURES / "insights-actions"), "--site-dir", str(site),
                 "--today", "2027-01-15", env={"MOPS_TODAY": "2026-06-01"})
    assert done.returncode == 0, done.stderr
    page = (site / "insights" / "index.html").read_text(encoding="utf-8")
    assert "on Jan 15, 2027" in page and "Jun 1, 2026" not in page


def test_a_today_that_is_no_date_is_a_usage_error(tmp_path):
    done = build(str(FIXTURES / "insights-actions"), "--site-dir", str(tmp_path / "site"),
                 "--today", "2027-02-30")
    assert done.returncode == 2 and "'2027-02-30' is not a date" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "site").exists()
