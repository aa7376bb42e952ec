"""``mops import FILE.csv|FILE.xlsx --kind tools [ROOT] [--force]``

Turns a spreadsheet inventory into catalog YAML files, one per row. Columns are matched by
header name: the headers ``mops export`` writes (``name``, ``cost.amount``,
``contract.renewal``, ...) and common synonyms ("Tool", "Product", "Supplier", "Annual cost",
"Renewal date", ...). Without an ``id`` column the id is made from the name.

Every row either becomes a file or is reported with its row number and the reason it was
skipped (missing or invalid values, a bad or repeated id, a file that exists already). Existing
files are only replaced with ``--force``. Exit 0 when every row was imported, 1 when any row was
skipped, 2 when the file cannot be read or has no column for a required field.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import pandas as pd
import yaml
from pydantic import ValidationError

from generator.export.columns import CellError, cell_text, columns_of, row_data, unguard
from generator.load.files import ENTITY_FOLDERS
from generator.model.catalog import ENTITY_MODELS, ID_RE, PLURAL
from generator.model.schema import ID_MAX_LENGTH
from generator.model.schema_errors import path_is_tag
from generator.progress import Progress

KINDS_BY_PLURAL = {PLURAL[kind]: kind for kind in ENTITY_MODELS}

SYNONYMS = {
    "id": ["slug", "key", "identifier"],
    "name": ["tool", "product", "tool name", "product name", "application", "app", "title",
             "role", "job title", "metric", "kpi", "team"],
    "vendor": ["supplier", "provider", "company", "vendor name", "manufacturer"],
    "category": ["tool category", "type"],
    "lifecycle": ["status", "lifecycle status", "state"],
    "owner": ["owner role", "owned by", "business owner", "accountable"],
    "users": ["used by", "user roles"],
    "capabilities": ["features", "capability"],
    "stages": ["journey stages", "funnel stages"],
    "url": ["website", "web site", "homepage", "link"],
    "tags": ["labels"],
    "description": ["notes", "comments"],
    "cost.amount": ["cost", "annual cost", "yearly cost", "price", "amount", "spend",
                    "annual spend"],
    "cost.currency": ["currency"],
    "cost.period": ["billing period", "period", "billing frequency"],
    "licences.bought": ["licences", "licenses", "seats", "licenses bought", "seats bought",
                        "licenses purchased", "licences purchased", "purchased seats"],
    "licences.active": ["active licenses", "active licences", "active seats", "seats used",
                        "licenses used", "licences used", "active users"],
    "contract.start": ["start date", "contract start", "contract start date"],
    "contract.renewal": ["renewal", "renewal date", "contract end", "end date",
                         "contract renewal", "contract end date"],
    "contract.auto_renew": ["auto renew", "auto renewal", "auto renews", "autorenew"],
    "contract.notice_days": ["notice days", "notice period", "notice period days", "notice"],
    "data.personal_data": ["personal data", "pii", "holds personal data"],
    "reviews.security": ["security review", "last security review"],
    "reviews.privacy": ["privacy review", "last privacy review"],
}


def normalise(header: str) -> str:
    """``Renewal_Date `` -> ``renewal date``: case, spaces, underscores and hyphens ignored."""
    return re.sub(r"[\s_\-]+", " ", str(header)).strip().lower()


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    """``(row number as the spreadsheet shows it, reason)``."""
    ignored_columns: list[str] = field(default_factory=list)


class UnreadableInput(Exception):
    """The file as a whole cannot be imported (exit 2)."""


# --------------------------------------------------------------------------- reading


def read_table(path: Path, kind: str) -> tuple[list[str], list[dict[str, str]]]:
    """The headers and rows of a CSV file or an XLSX sheet, rows as ``{header: text}``."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                                sep=_delimiter(path))
            return [str(h) for h in frame.columns], [
                {str(h): unguard(v) for h, v in row.items()}
                for row in frame.to_dict(orient="records")]
        if suffix == ".xlsx":
            sheets = pd.ExcelFile(path, engine="openpyxl").sheet_names
            sheet = PLURAL[kind] if PLURAL[kind] in sheets else sheets[0]
            frame = pd.read_excel(path, sheet_name=sheet, dtype=object, engine="openpyxl")
            return [str(h) for h in frame.columns], [
                {str(h): "" if pd.isna(v) else cell_text(_python(v)) for h, v in row.items()}
                for row in frame.to_dict(orient="records")]
    except UnicodeDecodeError:
        raise UnreadableInput(f"'{path}' is not UTF-8 text; save it as \"CSV UTF-8\" "
                              "(Excel) or export it from your spreadsheet as UTF-8") from None
    except (OSError, ValueError, pd.errors.ParserError) as error:
        raise UnreadableInput(f"cannot read '{path}': {error}") from None
    except Exception as error:  # openpyxl raises its own types for damaged workbooks
        raise UnreadableInput(f"cannot read '{path}' as a workbook: {error}") from None
    raise UnreadableInput(f"'{path}' is neither a .csv nor an .xlsx file")


def _delimiter(path: Path) -> str:
    """``,`` unless the header line is separated by ``;`` or tabs (as spreadsheets in many
    European locales write CSV)."""
    with open(path, encoding="utf-8-sig") as file:
        header = file.readline()
    return max((",", ";", "\t"), key=header.count) if header.count(",") == 0 else ","


def _python(value):
    """Spreadsheet cell types -> plain Python (Timestamp -> datetime, numpy -> int/float)."""
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


# --------------------------------------------------------------------------- headers


def header_map(kind: str, headers: list[str]) -> tuple[dict[str, str], list[str]]:
    """``({file header: export header}, ignored headers)``; two headers meaning one field is
    an error."""
    known = {"id": "id"}
    for column in columns_of(kind):
        known[normalise(column.header)] = column.header
    for target, names in SYNONYMS.items():
        if normalise(target) in known:
            for name in names:
                known.setdefault(normalise(name), target)
    text_fields = [c.header for c in columns_of(kind) if c.shape == "text"]
    mapping, ignored, used = {}, [], {}
    for header in headers:
        key = normalise(header)
        target = known.get(key)
        if target is None:
            target = next((f"{f}.{key[len(f) + 1:]}" for f in text_fields
                           if key.startswith(f + ".") and ID_LANGUAGE.match(key[len(f) + 1:])),
                          None)
        if target is None:
            ignored.append(header)
            continue
        if target in used:
            raise UnreadableInput(f"the columns '{used[target]}' and '{header}' both mean "
                               f"'{target}'; keep one of them")
        used[target] = header
        mapping[header] = target
    return mapping, ignored


ID_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z]{2,4})?$")


def _required(kind: str) -> list[str]:
    return [name for name, info in ENTITY_MODELS[kind].model_fields.items() if info.is_required()]


# --------------------------------------------------------------------------- rows


def slug(text: str) -> str:
    """An id from a name: ``Marketo Engage`` -> ``marketo-engage`` (accents dropped)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _reason(error: ValidationError, data: dict) -> str:
    reasons = []
    items = error.errors()
    for item in items:
        if _other_union_branch(item, items):
            continue
        location = ".".join(str(part) for part in item["loc"]
                            if not isinstance(part, int) and not path_is_tag(str(part)))
        if item["type"] == "missing":
            reasons.append(f"no value for '{location}'")
        else:
            reasons.append(f"'{location}': {item['msg'].lower()} (got {item['input']!r})")
    return "; ".join(dict.fromkeys(reasons))


def _other_union_branch(item: dict, items: list[dict]) -> bool:
    """A ``list`` branch of a one-or-many field that failed only because the value was one
    object (the object branch's error says what is wrong)."""
    return item["type"] == "list_type" and any(
        other is not item and other["loc"][:1] == item["loc"][:1] for other in items)


def _entity_id(cells: dict[str, str], data: dict) -> str:
    given = cells.get("id", "").strip()
    if given:
        return given
    name = data.get("name")
    if isinstance(name, dict):
        name = name.get("en") or next(iter(name.values()))
    return slug(name or "")


def to_yaml(entity) -> str:
    data = entity.model_dump(mode="python", exclude_unset=True)
    return yaml.dump(_yaml_ready(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100, default_flow_style=False)


def _yaml_ready(value):
    if isinstance(value, dict):
        return {k: _yaml_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_yaml_ready(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class _Dumper(yaml.SafeDumper):
    """YAML as people write it in this repository: list items indented under their key, and
    multi-line text (Markdown descriptions) as ``|`` blocks."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def import_rows(kind: str, headers: list[str], table: list[dict[str, str]], root: Path,
                force: bool) -> Outcome:
    model = ENTITY_MODELS[kind]
    outcome = Outcome()
    mapping, outcome.ignored_columns = header_map(kind, headers)
    missing = [f for f in _required(kind) if not any(
        t == f or t.startswith(f + ".") for t in mapping.values())]
    if missing:
        raise UnreadableInput(f"no column for {', '.join(repr(m) for m in missing)}; accepted "
                           f"headers are those `mops export` writes, e.g. "
                           f"{', '.join(repr(c.header) for c in columns_of(kind)[:5])}")
    folder = root / ENTITY_FOLDERS[kind]
    seen: dict[str, int] = {}
    with Progress(f"importing {kind}", total=len(table)) as progress:
        for index, raw in enumerate(table):
            progress.advance()
            number = index + 2  # the header is row 1
            cells = {mapping[h]: v for h, v in raw.items() if h in mapping}
            if not any(v.strip() for v in cells.values()):
                outcome.skipped.append((number, "the row is empty"))
                continue
            try:
                data = row_data(kind, cells)
            except CellError as error:
                outcome.skipped.append((number, str(error)))
                continue
            entity_id = _entity_id(cells, data)
            if not entity_id:
                outcome.skipped.append((number, "no id, and no name to make one from"))
                continue
            if not ID_RE.fullmatch(entity_id) or len(entity_id) > ID_MAX_LENGTH:
                outcome.skipped.append((number, f"'{entity_id}' is not a valid id (lowercase "
                                        "letters, digits and hyphens, at most 63 characters)"))
                continue
            if entity_id in seen:
                outcome.skipped.append((number, f"the id '{entity_id}' is already used by row "
                                        f"{seen[entity_id]}"))
                continue
            seen[entity_id] = number
            try:
                entity = model.model_validate(data)
            except ValidationError as error:
                outcome.skipped.append((number, _reason(error, data)))
                continue
            target = folder / f"{entity_id}.yaml"
            if target.exists() and not force:
                outcome.skipped.append((number, f"{target.relative_to(root).as_posix()} exists "
                                        "already (--force replaces it)"))
                continue
            folder.mkdir(parents=True, exist_ok=True)
            target.write_text(to_yaml(entity), encoding="utf-8")
            outcome.written.append(target)
    return outcome


# --------------------------------------------------------------------------- command


def add_parser(sub):
    parser = sub.add_parser(
        "import", help="turn a CSV or XLSX inventory into catalog YAML files",
        description="Create one YAML file per spreadsheet row, matching columns by header "
        "name. Every skipped row is reported with its number and the reason.")
    parser.add_argument("file", type=Path, help="a .csv file or an .xlsx workbook")
    parser.add_argument("root", nargs="?", help="catalog root (default: .)")
    parser.__class__ = _root_after_options(type(parser))
    parser.add_argument("--kind", required=True, choices=sorted(KINDS_BY_PLURAL),
                        help="what the rows are")
    parser.add_argument("--force", action="store_true", help="replace files that exist")
    parser.set_defaults(run=run)


def _root_after_options(parser_class):
    """Python before 3.12 gives an optional positional nothing when options separate it from
    the first one (``FILE --kind tools ROOT``); take ROOT from what is left over instead."""

    class Parser(parser_class):
        def parse_known_args(self, args=None, namespace=None):
            namespace, extras = super().parse_known_args(args, namespace)
            if namespace.root is None and extras and not extras[0].startswith("-"):
                namespace.root = extras.pop(0)
            return namespace, extras

    return Parser


def run(args) -> int:
    file, root = args.file, Path(args.root or ".")
    if not root.is_dir():
        print(f"mops: error: '{root}' is not a folder; give the catalog's root folder",
              file=sys.stderr)
        return 2
    if not file.is_file():
        print(f"mops: error: '{file}' is not a file", file=sys.stderr)
        return 2
    kind = KINDS_BY_PLURAL[args.kind]
    try:
        outcome = import_rows(kind, *read_table(file, kind), root, args.force)
    except UnreadableInput as error:
        print(f"mops: error: {error}", file=sys.stderr)
        return 2
    for header in outcome.ignored_columns:
        print(f"{file}: column '{header}' is not a {kind} field; ignored", file=sys.stderr)
    for number, reason in outcome.skipped:
        print(f"{file}: row {number} skipped: {reason}", file=sys.stderr)
    print(f"imported {len(outcome.written)} {args.kind} into "
          f"{(root / ENTITY_FOLDERS[kind]).as_posix()}"
          + (f"; skipped {len(outcome.skipped)} rows" if outcome.skipped else ""),
          file=sys.stderr)
    return 1 if outcome.skipped else 0
