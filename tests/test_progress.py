"""The progress line: drawn and erased on a terminal, silent everywhere else."""

import io

from generator import progress
from generator.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_silent_when_not_a_terminal():
    stream = io.StringIO()
    with Progress("reading", total=3, stream=stream) as line:
        for _ in range(3):
            line.advance()
    assert stream.getvalue() == ""


def test_draws_count_on_a_terminal_and_erases_it(monkeypatch):
    monkeypatch.setattr(progress, "REDRAW_EVERY", 0)
    stream = Terminal()
    with Progress("reading catalog files", total=1200, stream=stream) as line:
        line.advance(1000)
        assert stream.getvalue() == "\rreading catalog files 1,000/1,200"
    assert stream.getvalue().endswith("\r" + " " * len("reading catalog files 1,000/1,200") + "\r")


def test_redraws_are_throttled(monkeypatch):
    monkeypatch.setattr(progress, "REDRAW_EVERY", 3600)
    stream = Terminal()
    line = Progress("parsing", stream=stream)
    for _ in range(50):
        line.advance()
    assert stream.getvalue().count("\r") == 1  # the first draw only
    assert "parsing 1" in stream.getvalue()


def test_closed_stream_counts_as_not_a_terminal():
    stream = io.StringIO()
    stream.close()
    assert Progress("x", stream=stream).shown is False
