"""One updating progress line on stderr for long commands, shown only on a terminal.

    with Progress("reading catalog files", total=len(files)) as progress:
        for file in files:
            ...
            progress.advance()

Code below the commands never draws a line itself: it takes a ``progress(done, total)``
callback, and the command hands it ``Progress.update``::

    with Progress("reading catalog files") as progress:
        validate(root, progress=progress.update)

On a terminal the line reads ``reading catalog files 4,120/9,034`` and is redrawn at most ten
times a second; it is erased when the work is done. When stderr is not a terminal (CI logs,
pipes, tests) nothing at all is written.
"""

from __future__ import annotations

import sys
import time

REDRAW_EVERY = 0.1  # seconds


class Progress:
    def __init__(self, label: str, total: int | None = None, stream=None):
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.shown = _is_terminal(self.stream)
        self._drawn_at: float | None = None  # never drawn yet
        self._width = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        if self.shown and (self._drawn_at is None
                           or time.monotonic() - self._drawn_at >= REDRAW_EVERY):
            self._draw()

    def update(self, done: int, total: int | None = None) -> None:
        """Set how much is done (and of how much): the ``progress(done, total)`` callback."""
        self.total = total if total is not None else self.total
        self.advance(done - self.done)

    def _draw(self) -> None:
        count = f"{self.done:,}" if self.total is None else f"{self.done:,}/{self.total:,}"
        line = f"{self.label} {count}"
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)
        self._drawn_at = time.monotonic()

    def close(self) -> None:
        """Erase the line (if one was drawn), leaving the terminal as it was."""
        if self.shown and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
