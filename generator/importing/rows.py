"""One sheet row -> the data of one entity, as the schema wants it.

Columns headed the way ``mops export`` writes them are read exactly as the export wrote them
(so an export imports back unchanged). Other columns are read the way people write: money,
dates in the column's order, yes/no words, status words, lists separated by ``;`` or ``,``.

For tools, what a row names but the catalog lacks is created, not refused: a category that
matches no existing one (by id, name or close spelling) becomes a new category in the
``unsorted`` layer; an owner given by name or e-mail becomes a person (``catalog/people/``)
unless a role or person of that name exists. A value that cannot be read is kept, as written,
in the tool's custom fields under its column's header, and the row says so: nothing a sheet
holds is dropped.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from generator.export.columns import CellError, cell_text, columns_of, row_data, unguard
from generator.importing import values
from generator.importing.headers import CUSTOM, Column, Mapping

UNSORTED_LAYER = "unsorted"
UNSORTED_LAYER_NAME = "Unsorted (imported)"
UNCATEGORISED = "uncategorised"

BOOL_FIELDS = {"contract.auto_renew", "access.sso", "access.scim", "data.personal_data",
               "vanity"}
INT_FIELDS = {"licences.bought", "licences.active", "contract.notice_days"}
DATE_FIELDS = {"contract.start", "contract.renewal", "reviews.security", "reviews.privacy"}
ID_LIST_FIELDS = {"capabilities", "tags", "users", "categories"}
LIST_FIELDS = ID_LIST_FIELDS | {"departments", "stages", "data.categories", "data.residency",
                                "responsibilities", "skills", "tasks", "kpis"}


def slug(text: str) -> str:
    """An id from a name: ``Marketo Engage`` -> ``marketo-engage`` (accents dropped)."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:63].strip("-")


def name_key(text: str) -> str:
    """Names compared the way people mean them: case, accents and punctuation ignored."""
    return " ".join(slug(text).split("-"))


@dataclass
class RowResult:
    number: int
    data: dict | None
    """The entity data, or None when the row is skipped."""
    id_given: str | None = None
    reason: str = ""
    """Why the row is skipped."""
    notes: list[str] = field(default_factory=list)
    """What the reader should know: values kept as custom fields, ambiguous dates, created
    categories and people."""
    ambiguous_dates: bool = False
    """A date in the row could be read day first or month first (no --date-order, and the
    column's other dates do not settle it)."""
    defaults: dict = field(default_factory=dict)
    """Values for fields the row lacks, used only if it creates an entity (an update keeps
    what the file has): the ``--lifecycle`` state, the ``uncategorised`` category."""


@dataclass
class NewCategory:
    id: str
    name: str
    first_row: int


@dataclass
class NewPerson:
    id: str
    data: dict
    first_row: int


class Resolver:
    """Categories and owners a sheet names, matched against the catalog or created (once)."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.new_categories: dict[str, NewCategory] = {}
        self.new_people: dict[str, NewPerson] = {}
        self.unsorted_layer_exists = UNSORTED_LAYER in catalog.known["layer"]
        self._category_names = {name_key(_text(c.name)): cid
                                for cid, c in catalog.categories.items()}
        # roles and people whose file has errors count too (``checkable`` gives the valid part
        # of their file): an owner naming one is not created a second time
        roles = list(catalog.checkable("role"))
        people = list(catalog.checkable("person"))
        self._role_names = {name_key(_text(getattr(r, "name", None))): rid for rid, r in roles
                            if getattr(r, "name", None)}
        self._people_names = {name_key(_text(getattr(p, "name", None))): pid
                              for pid, p in people if getattr(p, "name", None)}
        self._people_emails = {p.email.casefold(): pid for pid, p in people
                               if getattr(p, "email", None)}

    # categories ---------------------------------------------------------------
    def category(self, text: str, number: int, notes: list[str]) -> str:
        text = str(text).strip()
        known = self.catalog.known["category"] | set(self.new_categories)
        if text in known:
            return text
        key = name_key(text)
        if key in self._category_names:
            return self._category_names[key]
        if slug(text) in known:
            return slug(text)
        names = {**self._category_names,
                 **{name_key(c.name): c.id for c in self.new_categories.values()}}
        close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.85)
        if close:
            notes.append(f"category '{text}' read as the existing '{names[close[0]]}' "
                         "(close spelling)")
            return names[close[0]]
        wider = self._wider_category(text)
        if wider:
            notes.append(f"category '{text}' read as the existing '{wider}' (its name or id "
                         "holds every word of it)")
            return wider
        new_id = slug(text) or UNCATEGORISED
        self.new_categories.setdefault(new_id, NewCategory(new_id, text, number))
        if self.new_categories[new_id].first_row == number:
            notes.append(f"category '{text}' is new: created as '{new_id}' in the "
                         f"'{UNSORTED_LAYER}' layer (move it to its layer later)")
        return new_id

    def _wider_category(self, text: str) -> str | None:
        """The one existing category whose id starts with the text (``CRM`` -> ``crm-cdp``)
        or whose name has every word of it (``Reverse ETL`` -> ``ETL and reverse ETL``)."""
        words = {_stem(w) for w in name_key(text).split()} - {"and", "or", "the", "of"}
        if not words:
            return None
        found = {cid for cid in self.catalog.categories if cid.startswith(slug(text) + "-")}
        found |= {cid for cid, category in self.catalog.categories.items()
                  if words <= {_stem(w) for w in name_key(_text(category.name)).split()}}
        return found.pop() if len(found) == 1 else None

    def uncategorised(self, number: int, notes: list[str]) -> str:
        if UNCATEGORISED in self.catalog.known["category"]:
            return UNCATEGORISED
        self.new_categories.setdefault(UNCATEGORISED,
                                       NewCategory(UNCATEGORISED, "Uncategorised", number))
        notes.append(f"no category: put in '{UNCATEGORISED}' ({UNSORTED_LAYER} layer)")
        return UNCATEGORISED

    # owners -------------------------------------------------------------------
    def owner(self, text: str, email: str | None, department: str | None, number: int,
              notes: list[str], what: str) -> str | None:
        """A role or person id for an owner named by id, name or e-mail (a person is created
        when none matches)."""
        text = str(text or "").strip()
        email = (email or "").strip() or None
        if text and "@" in text and email is None:
            text, email = "", text
        if email and not values_email(email):
            notes.append(f"'{email}' is not an e-mail address: not recorded on the {what}")
            email = None
        if text in self.catalog.known["role"] or text in self.catalog.known["person"]:
            return text
        if text in self.new_people:
            return text
        key = name_key(text)
        if key and key in self._role_names:
            return self._role_names[key]
        if key and key in self._people_names:
            return self._people_names[key]
        if email and email.casefold() in self._people_emails:
            return self._people_emails[email.casefold()]
        if not text and not email:
            return None
        name = text or _name_from_email(email or "")
        new_id = slug(name) or slug((email or "").split("@")[0]) or "person"
        while new_id in self.catalog.known["role"] or (
                new_id in self.new_people and name_key(self.new_people[new_id].data["name"])
                != name_key(name)):
            new_id = f"{new_id}-2" if not new_id[-1].isdigit() else new_id[:-1] + str(
                int(new_id[-1]) + 1)
        if new_id not in self.new_people:
            data: dict = {"name": name}
            if email:
                data["email"] = email
            if department:
                data["department"] = department
            self.new_people[new_id] = NewPerson(new_id, data, number)
            self._people_names[key or name_key(name)] = new_id
            if email:
                self._people_emails[email.casefold()] = new_id
            notes.append(f"{what} '{name}' is new: created as person '{new_id}'")
        elif email and "email" not in self.new_people[new_id].data:
            self.new_people[new_id].data["email"] = email
        return new_id


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def values_email(text: str) -> bool:
    return re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text) is not None


def _name_from_email(email: str) -> str:
    local = email.split("@")[0]
    words = [w for w in re.split(r"[._\-+]+", local) if w]
    return " ".join(w.capitalize() for w in words) or email


def _text(value) -> str:
    if isinstance(value, dict):
        return value.get("en") or next(iter(value.values()), "")
    return value or ""


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class Options:
    date_order: str | None = None
    """``mdy``, ``dmy`` or ``ymd``; None: from the column (dots: day first; else month first
    unless a value shows otherwise)."""
    lifecycle: str = "adopted"
    """The lifecycle of rows without one."""


DAY_MONTH = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2\d{2,4}")


def column_date_orders(mapping: Mapping, rows, options: Options) -> dict:
    """For each date column and separator, the order its values show: one ``31/12/2026``
    settles ``/`` dates of that column as day first, one ``12/31/2026`` as month first.
    ``--date-order`` settles every column."""
    orders: dict = {"--date-order": options.date_order} if options.date_order else {}
    for column in mapping.columns:
        if column.target not in DATE_FIELDS or column.how == "export header":
            continue
        for row in rows:
            parts = DAY_MONTH.fullmatch(str(row.cells.get(column.header, "")).strip())
            if not parts or (column.header, parts[2]) in orders:
                continue
            if int(parts[1]) > 12:
                orders[(column.header, parts[2])] = "dmy"
            elif int(parts[3]) > 12:
                orders[(column.header, parts[2])] = "mdy"
    return orders


def read_row(kind: str, row, mapping: Mapping, resolver: Resolver | None, options: Options,
             orders: dict[str, str | None]) -> RowResult:
    """The entity data for ``row`` (a ``tables.Row``)."""
    result = RowResult(row.number, None, notes=list(row.notes))
    if row.problem:
        result.reason = row.problem
        return result
    present = [c for c in mapping.columns if not blank(row.cells.get(c.header))]
    if not present:
        result.reason = "the row is empty"  # upsert.EMPTY_ROW
        return result
    exported = {c.target: _export_cell(c, row.cells[c.header]) for c in present
                if c.how == "export header" and c.target != CUSTOM}
    exported.update({f"custom.{c.custom_key}": _unguarded(row.cells[c.header]) for c in present
                     if c.how == "export header" and c.target == CUSTOM})
    try:
        data = row_data(kind, exported)
    except CellError as error:
        result.reason = str(error)
        return result
    custom: dict = data.pop("custom", {}) if kind == "tool" else {}
    if row.typed:  # a workbook's text cell is text, even when it reads like a number
        custom.update({c.custom_key: _unguarded(row.cells[c.header]) for c in present
                       if c.how == "export header" and c.target == CUSTOM
                       and isinstance(row.cells[c.header], str)})
    result.id_given = str(exported.get("id", "")).strip() or None
    others = [c for c in present if c.how != "export header"]
    if kind == "tool":
        _tool_cells(row, others, data, custom, resolver, options, orders, result)
    else:
        for column in others:
            if column.target == CUSTOM:
                continue
            value = row.cells[column.header]
            try:
                _put(data, column.target, _generic(column, value, orders, result))
            except ValueError as error:
                result.reason = f"column '{column.header}': {error}"
                return result
    if "id" in data:  # a column named like an id ("Tool ID", "Key")
        result.id_given = str(data.pop("id")).strip() or None
    if custom:
        data["custom"] = custom
    result.data = data
    return result


def _export_cell(column: Column, value) -> str:
    text = value if isinstance(value, str) else cell_text(value)
    return unguard(text)


def _unguarded(value):
    """A custom field's cell from an export: text without the export's formula guard, other
    values (XLSX numbers, dates, booleans) as they are."""
    return unguard(value) if isinstance(value, str) else value


def _put(data: dict, path: str, value) -> None:
    keys = path.split(".")
    target = data
    for key in keys[:-1]:
        target = target.setdefault(key, {})
    target[keys[-1]] = value


def _get(data: dict, path: str):
    for key in path.split("."):
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _split_list(column: Column, value) -> list[str]:
    parts = [p.strip() for p in re.split(r"[;,\n]", str(value)) if p.strip()]
    if column.target in ID_LIST_FIELDS:
        parts = [slug(p) for p in parts if slug(p)]
    return list(dict.fromkeys(parts))


def _generic(column: Column, value, orders: dict, result: RowResult):
    """A value for a field read the way people write it."""
    target = column.target
    if target in BOOL_FIELDS:
        return values.parse_bool(value)
    if target == "contract.notice_days":
        return values.parse_days(value)
    if target in INT_FIELDS:
        return values.parse_int(value)
    if target in DATE_FIELDS:
        parts = DAY_MONTH.fullmatch(str(value).strip())
        order = orders.get("--date-order") or (orders.get((column.header, parts[2]))
                                               if parts else None)
        read = values.parse_date(value, order)
        if read.ambiguous:
            order = "month/day" if _order_used(value, read.date) == "mdy" else "day/month"
            result.ambiguous_dates = True
            result.notes.append(f"column '{column.header}': '{value}' could be day/month or "
                                f"month/day; read as {order} ({read.date.isoformat()}); "
                                "--date-order settles it")
        return read.date
    if target in LIST_FIELDS:
        return _split_list(column, value)
    if target == "cost.amount":
        return values.parse_money(value).amount
    if target == "cost.period":
        return values.parse_period(value)
    if target == "lifecycle":
        return values.parse_lifecycle(value)
    if target == "id":
        return str(value).strip()
    return value.strip() if isinstance(value, str) else cell_text(value)


def _order_used(value, date: dt.date) -> str:
    first = int(re.findall(r"\d+", str(value))[0])
    return "mdy" if first == date.month else "dmy"


def _tool_cells(row, columns: list[Column], data: dict, custom: dict, resolver: Resolver | None,
                options: Options, orders, result: RowResult) -> None:
    assert resolver is not None
    cells = row.cells

    def keep(column: Column, why: str) -> None:
        raw = cells[column.header]
        custom[column.header] = raw if not isinstance(raw, str) else raw.strip()
        result.notes.append(f"column '{column.header}': {why}; kept as custom field "
                            f"'{column.header}'")

    people: dict[str, Column] = {}
    for column in columns:
        value = cells[column.header]
        target = column.target
        if target == CUSTOM:
            custom[column.custom_key] = value.strip() if isinstance(value, str) else value
            continue
        if target in ("owner", "technical_owner", "owner.email", "technical_owner.email",
                      "category"):
            people[target] = column
            continue
        try:
            if target == "cost.amount":
                money = values.parse_money(value)
                _put(data, "cost.amount", money.amount)
                currency = money.currency or column.currency
                if currency:
                    _put(data, "cost.currency", currency)
                if column.period:
                    _put(data, "cost.period", column.period)
                continue
            if target == "cost.currency":
                _put(data, target, str(value).strip().upper())
                continue
            _put(data, target, _generic(column, value, orders, result))
        except ValueError as error:
            keep(column, str(error))
    if isinstance(data.get("cost"), dict) and "amount" not in data["cost"]:
        for key in list(data["cost"]):
            source = next((c for c in columns if c.target == f"cost.{key}"), None)
            if source:
                keep(source, "there is no amount in this row to go with it")
        data.pop("cost")
    if isinstance(data.get("licences"), dict) and not {"bought", "active"} <= set(
            data["licences"]):
        for key in list(data["licences"]):
            source = next(c for c in columns if c.target == f"licences.{key}")
            other = "active" if key == "bought" else "bought"
            keep(source, f"licences need both counts and the {other} count is blank")
        data.pop("licences")
    # what a new tool needs and the row may lack: used only when the row creates a tool
    if "lifecycle" not in data:
        result.defaults["lifecycle"] = options.lifecycle
    if "category" in people:
        data["category"] = resolver.category(cells[people["category"].header], row.number,
                                             result.notes)
    elif "category" not in data:
        result.defaults["category"] = UNCATEGORISED
    elif data["category"] not in resolver.catalog.known["category"]:
        data["category"] = resolver.category(data["category"], row.number, result.notes)
    department = (data.get("departments") or [None])[0]
    for field_name in ("owner", "technical_owner"):
        name_column = people.get(field_name)
        email_column = people.get(f"{field_name}.email")
        name = cells[name_column.header] if name_column else None
        email = cells[email_column.header] if email_column else None
        if name_column is None and email_column is None:
            continue
        what = "owner" if field_name == "owner" else "technical owner"
        names = [n.strip() for n in re.split(r";|/|\s&\s|\sand\s", str(name or "")) if n.strip()]
        if len(names) > 1 and name_column is not None:  # one owner: the first; all kept
            custom[name_column.header] = str(name).strip()
            result.notes.append(f"column '{name_column.header}' names {len(names)} people: the "
                                f"first is the {what}; the whole cell is kept as custom field "
                                f"'{name_column.header}'")
        found = resolver.owner(names[0] if names else "", str(email or "") or None, department,
                               row.number, result.notes, what)
        if found:
            data[field_name] = found
    if "owner" in data and data["owner"] not in (resolver.catalog.known["role"]
                                                 | resolver.catalog.known["person"]
                                                 | set(resolver.new_people)):
        data["owner"] = resolver.owner(data["owner"], None, department, row.number,
                                       result.notes, "owner")


def salvage(kind: str, data: dict, error, mapping: Mapping, row, result: RowResult) -> bool:
    """Move the fields ``error`` (a pydantic ``ValidationError``) names into custom fields,
    so the rest of the row can be imported; False when that cannot help (a required field is
    missing or wrong, or the kind has no custom fields)."""
    if kind != "tool":
        return False
    moved = False
    for item in error.errors():
        loc = [p for p in item["loc"] if isinstance(p, str) and not p[:1].isupper()
               and "[" not in p]
        if not loc or item["type"] == "missing":
            return False
        top = loc[0]
        if top in ("name", "vendor", "category", "lifecycle"):
            return False
        if top not in data:
            continue
        source = [c for c in mapping.columns if c.target.split(".")[0] == top
                  and not blank(row.cells.get(c.header))]
        custom = data.setdefault("custom", {})
        for column in source:
            raw = row.cells[column.header]
            custom[column.header] = raw.strip() if isinstance(raw, str) else raw
            result.notes.append(f"column '{column.header}': {item['msg'].lower()}; kept as "
                                f"custom field '{column.header}'")
        if not source:
            result.notes.append(f"'{top}' {item['msg'].lower()}; left out")
        data.pop(top)
        moved = True
    return moved


def columns_with_defaults(kind: str) -> list[str]:
    return [c.header for c in columns_of(kind)]
