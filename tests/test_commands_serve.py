"""``mops serve`` as a user runs it: a subprocess serving a new catalog on a free loopback port,
edited while it runs (generator/commands/serve.py, generator/site/serve_errors.py)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.cli import main

BANNER = "The site could not be rebuilt."
BUILDING = "Building documentation..."


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """``mops serve ROOT --dev-addr 127.0.0.1:PORT`` running; its log in a file."""

    def __init__(self, root: Path, log: Path, until: str = "Serving on"):
        self.port = free_port()
        self.log = log
        self.output = open(log, "w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", str(root),
             "--dev-addr", f"127.0.0.1:{self.port}"],
            stdout=self.output, stderr=subprocess.STDOUT, cwd=root,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.wait_for(until, 90)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def builds(self) -> int:
        return self.text().count(BUILDING)

    def wait_for(self, text: str, timeout: float, after: int = 0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if text in self.text()[after:]:
                return
            assert self.process.poll() is None, self.text()
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not seen within {timeout} s:\n{self.text()}")

    def page(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=15) as answer:
            assert answer.status == 200
            return answer.read().decode("utf-8")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.output.close()


@pytest.fixture
def new_catalog(tmp_path) -> Path:
    root = tmp_path / "our-catalog"
    assert main(["init", str(root)]) == 0
    return root


@pytest.fixture
def served(new_catalog, tmp_path):
    session = Served(new_catalog, tmp_path / "serve.log")
    yield session
    session.stop()


def test_a_broken_file_builds_once_and_the_last_good_site_stays_served(served, new_catalog):
    tool = new_catalog / "catalog/tools/salesforce.yaml"
    good = tool.read_text(encoding="utf-8")
    assert BANNER not in served.page("tools/salesforce/")
    builds = served.builds()
    mark = len(served.text())

    tool.write_text(good + "name: [unclosed\n", encoding="utf-8")  # a save mid-edit
    served.wait_for("the site was not rebuilt", 30, after=mark)
    time.sleep(4)  # events from the failed build's own reads would start build after build
    assert served.builds() - builds == 1, served.text()[mark:]
    log = served.text()[mark:]
    assert "catalog/tools/salesforce.yaml:" in log and "Y001" in log
    assert "Traceback" not in log

    page = served.page("tools/salesforce/")  # answers at once: no request waits for a build
    assert BANNER in page
    assert "catalog/tools/salesforce.yaml:" in page and "Y001" in page
    assert "Salesforce" in page and "Edited Salesforce" not in page  # the last good page
    assert BANNER in served.page("")

    mark = len(served.text())
    tool.write_text(good.replace("\nname: ", "\nname: Edited ", 1), encoding="utf-8")
    served.wait_for("the site builds again", 30, after=mark)
    served.wait_for("Reloading browsers", 10, after=mark)
    page = served.page("tools/salesforce/")
    assert BANNER not in page
    assert "Edited Salesforce" in page
    time.sleep(2)
    assert served.builds() - builds <= 3, served.text()  # the fix, and polling's second look


def test_a_burst_of_saves_is_one_build(served, new_catalog):
    """An editor's save (or a formatter run on save) writes several times in a row: the
    writes settle into one build, plus the follow-up build of the other pages showing the
    tool (the edited page goes first), and MkDocs' polling may notice the same save once more;
    never a build per write."""
    tool = new_catalog / "catalog/tools/salesforce.yaml"
    good = tool.read_text(encoding="utf-8")
    builds = served.builds()
    mark = len(served.text())
    for number in range(10):
        tool.write_text(good.replace("\nname: ", f"\nname: Save {number} ", 1), encoding="utf-8")
        time.sleep(0.01)
    served.wait_for("Reloading browsers", 30, after=mark)
    time.sleep(3)
    assert 1 <= served.builds() - builds <= 3, served.text()[mark:]
    assert "Save 9 " in served.page("tools/salesforce/")


def test_a_schema_error_shows_its_message_on_the_page(served, new_catalog):
    tool = new_catalog / "catalog/tools/hubspot-marketing.yaml"
    text = tool.read_text(encoding="utf-8")
    lifecycle = next(line for line in text.splitlines() if line.startswith("lifecycle:"))
    mark = len(served.text())
    tool.write_text(text.replace(lifecycle, "lifecycle: <b>maybe</b>"), encoding="utf-8")
    served.wait_for("the site was not rebuilt", 30, after=mark)
    page = served.page("tools/hubspot-marketing/")
    assert BANNER in page and "catalog/tools/hubspot-marketing.yaml:" in page
    assert "<b>maybe</b>" not in page.split(BANNER)[1]  # the error's text is escaped


def test_a_catalog_broken_at_the_start_is_served_once_fixed(new_catalog, tmp_path):
    tool = new_catalog / "catalog/tools/salesforce.yaml"
    good = tool.read_text(encoding="utf-8")
    tool.write_text(good.replace("\nvendor: ", "\nvendor ", 1), encoding="utf-8")
    session = Served(new_catalog, tmp_path / "serve.log", until="waiting for a fix")
    try:
        log = session.text()
        assert "catalog/tools/salesforce.yaml:" in log and "Y001" in log
        assert log.count("Y001") == 1 and "Traceback" not in log
        time.sleep(2)
        assert session.builds() == 1  # waiting, not retrying
        tool.write_text(good, encoding="utf-8")
        session.wait_for("Serving on", 60)
        assert BANNER not in session.page("tools/salesforce/")
    finally:
        session.stop()


def test_a_busy_port_is_named_with_the_option_to_change_it(new_catalog):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        address = f"127.0.0.1:{busy.getsockname()[1]}"
        done = subprocess.run([sys.executable, "-m", "generator", "serve", str(new_catalog),
                               "--dev-addr", address], capture_output=True, text=True,
                              timeout=60)
    assert done.returncode == 2
    assert address in done.stderr and "--dev-addr" in done.stderr
    assert "already in use" in done.stderr
    assert "Traceback" not in done.stderr and BUILDING not in done.stderr
