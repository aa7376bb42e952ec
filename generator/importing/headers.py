"""Which field each column of a sheet holds.

A header is compared after normalising it: case, punctuation, ``&`` and a parenthesised note
are ignored, so ``Annual Contract Value (USD)``, ``annual_contract_value`` and ``ANNUAL
CONTRACT VALUE`` are one header. It matches, in this order: a ``--map`` file's entry; a header
``mops export`` writes (``cost.amount``, ``custom.cost centre``, ``name.ko``); a synonym from
``SYNONYMS`` (what SaaS-management, procurement and finance tools and hand-kept sheets call
the field); for ``Vendor/Supplier``-style headers, either half. The parenthesised note still
counts where it says something: a currency code (``(USD)``) sets the currency of the amounts,
and ``monthly`` / ``quarterly`` in a cost header sets the billing period.

Columns that match no field go into each tool's custom fields under their own header (kinds
without custom fields report them as not imported). Two columns meaning one field are an
error, unless a ``--map`` file says which one to use.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.export.columns import columns_of
from generator.importing.tables import UnreadableInput

# field -> what sheets call it (normalised: lowercase words)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("slug", "key", "identifier", "tool id", "mops id"),
    "name": ("tool", "tool name", "application", "application name", "app", "app name",
             "product", "product name", "software", "software name", "service", "service name",
             "platform", "system", "saas application", "title"),
    "vendor": ("supplier", "provider", "company", "vendor name", "supplier name", "manufacturer",
               "publisher", "developer", "vendor supplier", "seller"),
    "category": ("type", "category type", "tool category", "app category",
                 "application category", "software category", "function", "segment",
                 "category name"),
    "lifecycle": ("status", "lifecycle status", "state", "app status", "application status",
                  "tool status", "lifecycle stage"),
    "owner": ("business owner", "app owner", "application owner", "owned by", "accountable",
              "owner name", "budget owner", "business owner name", "tool owner", "product owner"),
    "owner.email": ("owner email", "business owner email", "app owner email",
                    "application owner email", "owner e mail", "owner mail", "email"),
    "technical_owner": ("it owner", "admin", "administrator", "system owner", "technical contact",
                        "it contact", "app admin", "system administrator", "technical owner name",
                        "it admin"),
    "technical_owner.email": ("technical owner email", "it owner email", "admin email",
                              "administrator email", "it contact email"),
    "departments": ("department", "dept", "depts", "team", "teams", "business unit",
                    "business units", "division", "divisions", "used by team", "used by teams",
                    "owning department", "departments using"),
    "capabilities": ("features", "capability", "functions"),
    "stages": ("journey stages", "funnel stages", "customer journey stage"),
    "url": ("website", "web site", "homepage", "link", "web address", "site", "app url",
            "login url", "domain"),
    "tags": ("labels", "tag", "keywords"),
    "description": ("notes", "comments", "comment", "purpose", "use case", "what it is for",
                    "summary", "details"),
    "cost.amount": ("cost", "annual cost", "yearly cost", "price", "amount", "spend",
                    "annual spend", "annual contract value", "acv", "contract value",
                    "annual value", "license cost", "licence cost", "annual license cost",
                    "subscription cost", "yearly spend", "arr", "annual price", "annual fee",
                    "monthly cost", "mrr", "monthly spend", "monthly fee", "monthly price",
                    "quarterly cost", "quarterly spend", "total cost", "cost per year"),
    "cost.currency": ("currency", "currency code"),
    "cost.period": ("billing period", "period", "billing frequency", "billing cycle",
                    "payment frequency", "billing", "cost period"),
    "cost.type": ("cost type", "spend type", "expense type"),
    "cost.basis": ("pricing model", "pricing basis", "pricing", "price basis", "billing basis"),
    "licences.bought": ("licenses", "licences", "seats", "licenses purchased",
                        "licences purchased", "seats purchased", "purchased licenses",
                        "purchased seats", "total licenses", "license count", "licence count",
                        "seats bought", "contracted seats", "licenses bought", "paid seats",
                        "number of licenses", "no of licenses"),
    "licences.active": ("active users", "active licenses", "active licences", "active seats",
                        "seats used", "licenses used", "licences used", "used seats",
                        "users", "licenses in use", "assigned licenses", "assigned seats",
                        "monthly active users"),
    "contract.start": ("contract start", "contract start date", "start date",
                       "subscription start", "subscription start date", "term start"),
    "contract.renewal": ("renewal", "renewal date", "contract end", "contract end date",
                         "end date", "expiry date", "expiration date", "contract renewal",
                         "next renewal", "next renewal date", "renewal due", "term end",
                         "subscription end", "subscription end date", "contract expiry"),
    "contract.auto_renew": ("auto renew", "auto renewal", "auto renews", "autorenew",
                            "automatic renewal", "evergreen", "auto renewing"),
    "contract.notice_days": ("notice days", "notice period", "notice period days", "notice",
                             "cancellation notice", "cancellation notice days",
                             "termination notice"),
    "contract.term": ("contract term", "term type", "contract type"),
    "access.sso": ("sso", "sso enabled", "single sign on", "saml", "sso status", "sso integrated",
                   "sso supported"),
    "access.scim": ("scim", "scim enabled", "provisioning", "auto provisioning",
                    "user provisioning", "scim provisioning"),
    "data.personal_data": ("personal data", "pii", "holds personal data", "contains pii",
                           "processes personal data", "stores pii"),
    "data.categories": ("data categories", "personal data categories", "data types"),
    "data.residency": ("data residency", "data location", "hosting region", "data region",
                       "data center location", "hosting location"),
    "reviews.security": ("security review", "last security review", "security assessment",
                         "last security assessment", "security review date"),
    "reviews.privacy": ("privacy review", "last privacy review", "dpia date",
                        "privacy assessment", "privacy review date"),
    "email": ("e mail", "email address", "work email", "mail"),
    "department": ("dept", "division", "business unit"),
}
NAME_SYNONYMS: dict[str, tuple[str, ...]] = {
    "role": ("role", "job title", "position"), "kpi": ("metric", "kpi"), "team": ("team",),
    "person": ("person", "full name"), "playbook": ("playbook", "process")}
"""What a sheet of one kind calls the name (a tools sheet's ``Team`` column is the teams
that use each tool, not its name)."""
PERSON_PARTS = ("owner.email", "technical_owner.email")
"""Import-only targets: the e-mail address of the owner a row names (a person)."""
CUSTOM = "custom"
NO_MATCH = "no matching field"
IGNORE = "ignore"
CURRENCY_NOTE = re.compile(r"\(\s*([A-Za-z]{3})\s*\)|\b(USD|EUR|GBP|JPY|CHF|CAD|AUD|KRW|INR)\b")
PERIOD_NOTE = {"monthly": "month", "month": "month", "mrr": "month", "quarterly": "quarter",
               "quarter": "quarter", "annual": "year", "yearly": "year", "acv": "year",
               "arr": "year", "per year": "year"}


def normalise(header: str) -> str:
    """``Annual Contract Value (USD)`` -> ``annual contract value``."""
    text = str(header).replace("&", " and ")
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"[^\w]+", " ", text.lower(), flags=re.UNICODE).replace("_", " ")
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Column:
    """One column of the sheet and where its values go."""

    header: str
    target: str
    """A field path (``cost.amount``), ``owner.email``, ``custom`` or ``ignore``."""
    how: str
    """Why: ``export header``, ``synonym``, ``--map``, ``no matching field``."""
    custom_key: str = ""
    """For ``custom``: the key the values are kept under."""
    currency: str | None = None
    """A currency the header names (``(USD)``)."""
    period: str | None = None
    """A billing period the header names (``Monthly cost``)."""


@dataclass
class Mapping:
    columns: list[Column]
    unused: list[str] = field(default_factory=list)
    """Headers that go nowhere (kinds without custom fields, or ``ignore`` in the map)."""

    def target_of(self, header: str) -> Column:
        return next(c for c in self.columns if c.header == header)

    def targets(self) -> set[str]:
        return {c.target for c in self.columns}


def fields_of(kind: str) -> list[str]:
    """The field paths a sheet of ``kind`` may fill: the export's headers (plus ``id``)."""
    found = ["id"]
    for column in columns_of(kind):
        if column.shape == "custom":
            continue
        found.append(column.header)
    if kind == "tool":
        found += list(PERSON_PARTS)
    return found


def has_custom(kind: str) -> bool:
    return any(c.shape == "custom" for c in columns_of(kind))


def _text_fields(kind: str) -> list[str]:
    return [c.header for c in columns_of(kind) if c.shape == "text"]


def read_map(path: Path, kind: str) -> dict[str, str]:
    """A ``--map`` file: ``header: field`` lines (``field`` may also be ``custom`` or
    ``ignore``)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise UnreadableInput(f"cannot read the map file '{path}': {error.strerror}") from None
    except yaml.YAMLError as error:
        raise UnreadableInput(f"the map file '{path}' is not valid YAML: {error}") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise UnreadableInput(f"the map file '{path}' must be a mapping of header: field lines, "
                              "e.g. \"Annual Contract Value (USD)\": cost.amount")
    known = fields_of(kind)
    result = {}
    for header, target in data.items():
        target = str(target).strip() if target is not None else IGNORE
        if target not in known and target not in (CUSTOM, IGNORE) and not (
                target.startswith("custom.") and has_custom(kind)):
            hint = difflib.get_close_matches(target, known, n=1, cutoff=0.6)
            raise UnreadableInput(
                f"the map file '{path}' maps '{header}' to '{target}', which is no {kind} field"
                + (f"; did you mean '{hint[0]}'?" if hint else
                   f"; fields are {', '.join(known)}, or custom, or ignore"))
        result[header] = target
    return result


def _matcher(kind: str, given: dict[str, str] | None):
    """A function: header -> the :class:`Column` it is."""
    given = given or {}
    known = {normalise(f): f for f in fields_of(kind)}
    exact = {f: f for f in fields_of(kind)}
    synonyms: dict[str, str] = dict.fromkeys(NAME_SYNONYMS.get(kind, ()), "name")
    for target, names in SYNONYMS.items():
        if target in fields_of(kind):
            for name in names:
                synonyms.setdefault(name, target)
    text_fields = _text_fields(kind)
    return lambda header: _match(kind, header, given, exact, known, synonyms, text_fields)


def recognised(kind: str, given: dict[str, str] | None = None):
    """A function telling whether a header is one this import knows for ``kind`` (a field,
    a synonym, an export header, a ``--map`` entry): how the header row of a sheet is found."""
    match = _matcher(kind, given)
    return lambda header: match(header).how != NO_MATCH


def map_headers(kind: str, headers: list[str], given: dict[str, str] | None = None) -> Mapping:
    """Where each header's values go; two headers for one field is an error."""
    given = given or {}
    match = _matcher(kind, given)
    columns: list[Column] = []
    unused: list[str] = []
    for header in headers:
        column = match(header)
        if column.target == IGNORE:
            unused.append(header)
            continue
        if column.target == CUSTOM and not has_custom(kind):
            unused.append(header)
            continue
        columns.append(column)
    _no_two_for_one(columns, given)
    return Mapping(columns, unused)


def _match(kind, header, given, exact, known, synonyms, text_fields) -> Column:
    notes = _notes(header)
    if header in given:
        target = given[header]
        if target.startswith("custom."):
            return Column(header, CUSTOM, "--map", target[len("custom."):], **notes)
        return Column(header, target, "--map", header if target == CUSTOM else "", **notes)
    lowered = header.strip().lower()
    if header.strip() in exact:  # exactly as the export writes it
        return Column(header, exact[header.strip()], "export header")
    if header.startswith("custom.") and len(header.strip()) > len("custom.") and has_custom(kind):
        return Column(header, CUSTOM, "export header", header.strip()[len("custom."):])
    for text_field in text_fields:  # name.ko: a text in one language
        prefix = text_field + "."
        if lowered.startswith(prefix) and re.fullmatch(r"[a-z]{2,3}(-[a-z]{2,4})?",
                                                       lowered[len(prefix):]):
            return Column(header, text_field + "." + header.strip()[len(prefix):],
                          "export header")
    key = normalise(header)
    if key in known:
        return Column(header, known[key], "field name", **notes)
    if key in synonyms:
        return Column(header, synonyms[key], "synonym", **notes)
    parts = [normalise(p) for p in re.split(r"[/|]", re.sub(r"\([^)]*\)", "", header))]
    for part in parts if len(parts) > 1 else []:
        if part in known:
            return Column(header, known[part], "field name", **notes)
        if part in synonyms:
            return Column(header, synonyms[part], "synonym", **notes)
    return Column(header, CUSTOM, NO_MATCH, header.strip())


def _notes(header: str) -> dict:
    currency = CURRENCY_NOTE.search(header)
    key = normalise(header)
    period = next((p for word, p in PERIOD_NOTE.items() if re.search(rf"\b{word}\b", key)),
                  None)
    return {"currency": (currency.group(1) or currency.group(2)).upper() if currency else None,
            "period": period}


def _no_two_for_one(columns: list[Column], given: dict[str, str]) -> None:
    by_target: dict[str, list[Column]] = {}
    for column in columns:
        if column.target != CUSTOM:
            by_target.setdefault(column.target, []).append(column)
    for target, same in by_target.items():
        chosen = [c for c in same if c.how == "--map"]
        if len(same) > 1 and len(chosen) == 1:  # the map says which; the others stay custom
            for column in same:
                if column is not chosen[0]:
                    column.target, column.how = CUSTOM, f"{target} is taken by --map"
                    column.custom_key = column.header
            continue
        if len(same) > 1:
            headers = " and ".join(f"'{c.header}'" for c in same)
            raise UnreadableInput(
                f"the columns {headers} both mean '{target}'; say which one to use with a "
                f"--map file (e.g. \"{same[1].header}\": custom, to keep the other as a custom "
                "field)")
    # custom fields are keyed exactly as written: an export's ``custom.Cost Centre`` and
    # ``custom.Cost centre`` are two fields (two tools wrote them), never a collision; other
    # headers that differ only in case are one field written two ways
    keys: dict[str, str] = {}
    for column in columns:
        if column.target != CUSTOM:
            continue
        exact = column.how == "export header" and column.header.startswith("custom.")
        key = column.custom_key if exact else column.custom_key.casefold()
        taken = keys.get(key) or (None if exact else keys.get(column.custom_key))
        if taken:
            raise UnreadableInput(f"the columns '{taken}' and '{column.header}' would both be "
                                  f"the custom field '{column.custom_key}'; rename one")
        keys[key] = column.header


def describe(mapping: Mapping) -> list[str]:
    """The mapping as the import prints it, one line per column."""
    lines = []
    for column in mapping.columns:
        if column.target == CUSTOM:
            lines.append(f"  {column.header!r} -> custom field '{column.custom_key}'"
                         + ("" if column.how == "export header" else f" ({column.how})"))
            continue
        extra = []
        if column.currency:
            extra.append(f"amounts in {column.currency}")
        if column.period and column.target == "cost.amount":
            extra.append(f"per {column.period}")
        lines.append(f"  {column.header!r} -> {column.target} ({column.how}"
                     + (", " + ", ".join(extra) if extra else "") + ")")
    for header in mapping.unused:
        lines.append(f"  {header!r} -> not imported")
    return lines
