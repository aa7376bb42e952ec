"""``mops validate [ROOT] [--format text|json|github] [--strict]``"""

from __future__ import annotations

import sys

from generator.checks import validate
from generator.commands import catalog_root
from generator.commands.deployment import deployment_settings
from generator.formats import FORMATS
from generator.formats.counts import counted
from generator.model.catalog import PLURAL
from generator.progress import Progress


def add_parser(sub):
    parser = sub.add_parser("validate", help="check every catalog file; each problem with a fix",
                            description="Check every catalog file; print each problem with its "
                            "file, line and column. Exit 0 when clean, 1 on problems, 2 on "
                            "usage errors.")
    parser.add_argument("root", nargs="?", default=".", help="catalog root (default: .)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text",
                        help="text for people, json for tools, github for annotations in "
                        "GitHub Actions (default: text)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(run=run)


def exit_code(problems, strict: bool) -> int:
    if any(p.severity.value == "error" for p in problems):
        return 1
    return 1 if strict and problems else 0


def run(args) -> int:
    root = catalog_root(args.root)
    if root is None:
        return 2
    settings, error = deployment_settings(root)  # mkdocs.yml's per-code settings apply here too
    if error:
        print(f"mops: error: {error}", file=sys.stderr)
        return 2
    with Progress("reading catalog files") as progress:
        catalog, problems = validate(root, progress=progress.update, codes=settings.codes)
    sys.stdout.write(FORMATS[args.format](problems, root))
    if args.format == "text" and not problems:
        counts = ", ".join(counted(len(v), k, PLURAL[k]) for k, v in catalog.entities.items()
                           if v)
        print(f"catalog is valid: {counts or 'no entities'}", file=sys.stderr)
    return exit_code(problems, args.strict)
