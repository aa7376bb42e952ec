"""What the stack costs: every tool's cost made annual, then summed by category, layer, owner
and lifecycle (pandas).

Retired tools are left out (they are no longer paid for) unless their contract still renews by
itself: then they are paid for, and counted, until someone cancels. Monthly amounts count twelve
times, quarterly four times, yearly once; one-off amounts are kept in a column of their own and
never mixed into the annual figure; media (ad) spend is left out of the tables and reported as
a total of its own, so ad budgets do not swamp what the stack costs. Only costs in the deployment's currency (``settings.currency``) are summed; costs
in any other currency are listed separately, as they are, because converting them would need an
exchange rate the catalog does not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where it is used: commands that never need it start faster
    import pandas as pd

DIMENSIONS = ("category", "layer", "owner", "lifecycle")
COLUMNS = ["tool", "category", "layer", "owner", "lifecycle", "currency", "annual", "one_off",
           "example"]


@dataclass
class CostTables:
    currency: str
    tools: pd.DataFrame
    """One row per tool with a cost in ``currency``: the COLUMNS above."""
    other_currencies: pd.DataFrame
    """Tools whose cost is in another currency (same columns), never added to the totals."""
    by: dict[str, pd.DataFrame]
    """Dimension -> rows ``group, tools, annual, one_off``, largest annual cost first."""

    @property
    def total_annual(self) -> float:
        return float(self.tools["annual"].sum())

    @property
    def total_one_off(self) -> float:
        return float(self.tools["one_off"].sum())

    total_media: float = 0.0
    """Media (ad) spend a year in ``currency``, kept out of every other total."""

    def as_dict(self) -> dict:
        """JSON-ready: the totals and every table as a list of rows."""
        return {
            "currency": self.currency,
            "total_annual": self.total_annual,
            "total_one_off": self.total_one_off,
            "total_media": self.total_media,
            "by": {name: _records(table) for name, table in self.by.items()},
            "tools": _records(self.tools),
            "other_currencies": _records(self.other_currencies),
        }


MEDIA = "media"


def cost_lines(tool) -> list:
    """A tool's cost lines (``cost`` may be one line or a list)."""
    return list(tool.cost_lines)


def is_media(line) -> bool:
    """Ad / media spend: kept apart from what the stack costs."""
    return line.type.value == MEDIA


def yearly_cost(tool, currency: str) -> float | None:
    """What the tool costs a year in ``currency`` (media spend and one-off amounts left out);
    None when it has no such cost line."""
    amounts = [annual_amount(line)[0] for line in cost_lines(tool)
               if line.currency == currency and not is_media(line)]
    return sum(amounts) if amounts and any(amounts) else None


def seat_price(tool, currency: str) -> float | None:
    """The yearly price of one seat: the yearly cost of the tool's per-seat cost lines (or of
    all its lines when none says its basis) divided by the seats bought."""
    licences = tool.licences
    if licences is None or not licences.bought:
        return None
    lines = [line for line in cost_lines(tool) if line.currency == currency and not is_media(line)]
    per_seat = [line for line in lines if _basis(line) == "per-seat"]
    if per_seat:
        lines = per_seat
    elif any(_basis(line) for line in lines):
        return None  # priced per contact, per task...: seats do not drive the cost
    total = sum(annual_amount(line)[0] for line in lines)
    return total / licences.bought if total else None


def _basis(line) -> str | None:
    return line.basis.value if line.basis is not None else None


def annual_amount(cost) -> tuple[float, float]:
    """``(annual, one_off)`` for one ``Cost``: a month counts twelve times, a quarter four
    times, a one-off apart."""
    period = cost.period.value
    if period == "month":
        return cost.amount * 12, 0.0
    if period == "quarter":
        return cost.amount * 4, 0.0
    if period == "year":
        return cost.amount, 0.0
    return 0.0, cost.amount


def still_paid(tool) -> bool:
    """Whether the tool costs money: not retired, or retired with a contract that renews by
    itself (paid for until someone gives notice)."""
    return tool.lifecycle.value != "retired" or bool(tool.contract and tool.contract.auto_renew)


def cost_frame(catalog) -> pd.DataFrame:
    """One row per tool still paid for and currency of its cost lines (media spend aside), in
    catalog order."""
    import pandas as pd
    rows: list[dict] = []
    for tool_id, tool in catalog.tools.items():
        if not still_paid(tool):
            continue
        category = catalog.categories.get(tool.category)
        by_currency: dict[str, dict] = {}
        for line in cost_lines(tool):
            if is_media(line):
                continue
            row = by_currency.setdefault(line.currency, {
                "tool": tool_id, "category": tool.category,
                "layer": category.layer if category else "",
                "owner": tool.owner or "", "lifecycle": tool.lifecycle.value,
                "currency": line.currency, "annual": 0.0, "one_off": 0.0, "example": False})
            annual, one_off = annual_amount(line)
            row["annual"] += annual
            row["one_off"] += one_off
            row["example"] = row["example"] or line.example
        rows.extend(by_currency.values())
    return pd.DataFrame(rows, columns=COLUMNS)


def cost_tables(catalog, settings) -> CostTables:
    frame = cost_frame(catalog)
    in_currency = frame[frame["currency"] == settings.currency].reset_index(drop=True)
    others = frame[frame["currency"] != settings.currency].reset_index(drop=True)
    by = {dimension: _group(in_currency, dimension) for dimension in DIMENSIONS}
    media = sum(sum(annual_amount(line)) for tool in catalog.tools.values() if still_paid(tool)
                for line in cost_lines(tool)
                if is_media(line) and line.currency == settings.currency)
    return CostTables(settings.currency, in_currency, others, by, float(media))


def _group(frame: pd.DataFrame, dimension: str) -> pd.DataFrame:
    grouped = (frame.groupby(dimension, sort=True)
               .agg(tools=("tool", "count"), annual=("annual", "sum"), one_off=("one_off", "sum"))
               .reset_index()
               .rename(columns={dimension: "group"}))
    # largest first; ties by name, so the order never depends on the input order
    return grouped.sort_values(["annual", "group"], ascending=[False, True],
                               kind="mergesort").reset_index(drop=True)


def _records(table: pd.DataFrame) -> list[dict]:
    records = []
    for row in table.to_dict(orient="records"):
        records.append({key: _plain(value) for key, value in row.items()})
    return records


def _plain(value):
    """numpy scalars -> Python numbers, so ``json.dumps`` takes them."""
    return value.item() if hasattr(value, "item") else value
