"""``mops diff BASE [HEAD] [ROOT] [--format markdown|json] [--site-url URL]``

What changed in the catalog between two git revisions; HEAD defaults to the working tree.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands import existing_root

if TYPE_CHECKING:
    from generator.diff.compare import Side

FORMATS = ("json", "markdown")
"""The output formats (``generator.diff.report``'s renderers, imported when a diff runs)."""


def add_parser(sub):
    parser = sub.add_parser(
        "diff", help="what a change does to the catalog (the PR comment)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Compare the catalog at git revision BASE with HEAD: entities added,\n"
        "removed or renamed, lifecycle and owner changes, costs, integrations, RACI\n"
        "per playbook step, and the validation problems the change introduces.",
        epilog="examples:\n"
        "  mops diff origin/main              your edits against origin/main\n"
        "  mops diff origin/main HEAD         the last commit against origin/main\n"
        "  mops diff v1.0 v1.1 catalog-site   two tags; the catalog is in ./catalog-site")
    parser.add_argument("base", metavar="BASE", help="the older side: a branch, tag or "
                        "commit to compare against, e.g. origin/main")
    parser.add_argument("head", metavar="HEAD", nargs="?",
                        help="the newer side: a revision (default: the working tree, "
                        "uncommitted edits included)")
    parser.add_argument("root", metavar="ROOT", nargs="?", default=".",
                        help="the catalog's folder inside the repository (default: .); "
                        "to give ROOT, give HEAD too")
    parser.add_argument("--format", choices=FORMATS, default="markdown",
                        help="markdown for a comment, json for tools (default: markdown)")
    parser.add_argument("--site-url", default="", metavar="URL",
                        help="the published site's address, for links to the changed pages "
                        "(default: site_url in ROOT/mkdocs.yml; without either, names are not "
                        "linked)")
    parser.set_defaults(run=run)


def _side(root: Path, revision: str | None, folder: Path) -> Side:
    from generator.checks import validate
    from generator.diff.compare import Side
    from generator.diff.revisions import materialise

    if revision is None:
        catalog, problems = validate(root)
        return Side("working tree", catalog, problems)
    materialise(root, revision, folder)
    catalog, problems = validate(folder)
    return Side(revision, catalog, problems)


def run(args) -> int:
    from generator.commands.deployment import site_address
    from generator.diff import report
    from generator.diff.compare import compare
    from generator.diff.revisions import GitError, repository_prefix, resolve

    root = existing_root(args.root)
    if root is None:
        return 2
    try:
        repository_prefix(root)
        for revision in (args.base, args.head):
            if revision is not None:
                resolve(root, revision)
        with tempfile.TemporaryDirectory(prefix="mops-diff-") as temporary:
            base = _side(root, args.base, Path(temporary) / "base")
            head = _side(root, args.head, Path(temporary) / "head")
    except GitError as error:
        print(f"mops: error: {error}", file=sys.stderr)
        return 2
    site_url, directory_urls = site_address(root, args.site_url)
    render = report.as_json if args.format == "json" else report.markdown
    output = render(compare(base, head), site_url=site_url, directory_urls=directory_urls)
    sys.stdout.write(output)
    return 0
