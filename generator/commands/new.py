"""``mops new tool|role|team|playbook|kpi ID [ROOT]``: a commented template to fill in."""

from __future__ import annotations

import re
import sys

from generator.commands import existing_root
from generator.load.files import YAML_SUFFIXES
from generator.model.catalog import ENTITY_MODELS
from generator.model.schema import ID_MAX_LENGTH, WINDOWS_RESERVED_IDS, is_id, reserved_id_message
from generator.scaffold.entity import entity_path, entity_template


def add_parser(sub):
    parser = sub.add_parser(
        "new", help="start a tool, role, person, team, playbook or KPI file",
        description="Write catalog/<kind>s/ID.yaml (playbooks/ID.yaml for a playbook): every "
        "field explained, required ones left empty. It refuses to overwrite a file.")
    parser.add_argument("kind", choices=list(ENTITY_MODELS), help="what to create")
    parser.add_argument("id", metavar="ID", help="the new id, e.g. hubspot: lowercase letters, "
                        "digits and hyphens")
    parser.add_argument("root", nargs="?", default=".", help="catalog root (default: .)")
    parser.set_defaults(run=run)


def run(args) -> int:
    root = existing_root(args.root)
    if root is None:
        return 2
    if args.id in WINDOWS_RESERVED_IDS:
        print(f"mops: error: {reserved_id_message(args.id)}", file=sys.stderr)
        return 2
    if not is_id(args.id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", args.id.lower()).strip("-")[:ID_MAX_LENGTH]
        if suggestion in WINDOWS_RESERVED_IDS:  # 'COM1' must not become the device name
            suggestion = f"{suggestion}-{args.kind}"
        print(f"mops: error: {args.id!r} is not a valid id (lowercase letters, digits and "
              f"single hyphens, at most {ID_MAX_LENGTH} characters)"
              + (f"; try '{suggestion}'" if suggestion else ""), file=sys.stderr)
        return 2
    relative = entity_path(args.kind, args.id)
    path = root / relative
    for existing in (path.with_suffix(suffix) for suffix in YAML_SUFFIXES):
        if existing.exists() or existing.is_symlink():
            print(f"mops: error: {existing} already exists; edit it, or pick another id",
                  file=sys.stderr)
            return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never replace a file
        file.write(entity_template(args.kind, args.id))
    print(f"wrote {path}: fill in the empty required fields, then run `mops validate`",
          file=sys.stderr)
    return 0
