"""The ``mops`` command line: one module per command in ``generator.commands``.

Exit codes: 0 success (warnings allowed), 1 the catalog has problems (or warnings under
``--strict``), 2 usage or I/O errors. No command prints a traceback for bad input.
"""

from __future__ import annotations

import argparse
import sys

from generator.commands import (build, diff, export, import_, init, new, render, report, schema,
                                serve, validate)

COMMANDS = [validate, build, render, serve, new, diff, report, export, import_, schema, init]
"""In the order ``mops --help`` lists them: the daily loop first, set-up last."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with a one-line message
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mops", description="Validate and publish a marketing-operations "
                     "catalog (tools, roles, teams, playbooks).",
                     epilog="`mops COMMAND --help` explains a command. Exit codes: 0 done, "
                     "1 the catalog has problems, 2 usage or I/O errors.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
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
