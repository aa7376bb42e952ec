"""The ``mops`` command line: one module per command in ``generator.commands``.

Exit codes: 0 success (warnings allowed), 1 the catalog has problems (or warnings under
``--strict``), 2 usage or I/O errors. No command prints a traceback for bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {"validate": "validate", "build": "build", "render": "render", "serve": "serve",
            "new": "new", "diff": "diff", "report": "report", "export": "export",
            "import": "import_", "schema": "schema", "init": "init"}
"""Command -> its module in ``generator.commands``, in the order ``mops --help`` lists them:
the daily loop first, set-up last. Only the module of the command being run is imported (a
command's module imports what it needs when it runs), so ``mops validate`` starts fast."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with a one-line message
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with ``only`` (a command), the other commands are left bare: their
    modules are not imported, and only ``only`` could be parsed."""
    parser = _Parser(prog="mops", description="Validate and publish a marketing-operations "
                     "catalog (tools, roles, teams, playbooks).",
                     epilog="`mops COMMAND --help` explains a command. Exit codes: 0 done, "
                     "1 the catalog has problems, 2 usage or I/O errors.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, module in COMMANDS.items():
        if only is None or name == only:
            importlib.import_module(f"generator.commands.{module}").add_parser(sub)
        else:
            sub.add_parser(name)
    return parser


def _command(argv: list[str]) -> str | None:
    """The command ``argv`` runs, when it names one before any option."""
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    if first is None or first != (argv[0] if argv else None):
        return None
    return first if first in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(_command(argv))
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:
        print(f"mops: error: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
