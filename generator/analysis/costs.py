"""What the stack costs: every tool's cost made annual, then summed by category, layer, owner
and lifecycle (pandas).

Retired tools are left out (they are no longer paid for). A tool's cost lines are added up per
currency; media spend (cost lines of type ``media``, the ad budget bought through a tool) is
left out of every total, so it cannot swamp what the stack itself costs. Monthly amounts count
twelve times, quarterly four times, yearly amounts once; one-off amounts are kept in a column of
their own and never mixed into the annual figure. Only costs in the deployment's currency (``settings.currency``) are summed; costs
in any other currency are listed separately, as they are, because converting them would need an
exchange rate the catalog does not have.
"""

from __future__ import annotations

from dataclasses import dataclass

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

    def as_dict(self) -> dict:
        """JSON-ready: the totals and every table as a list of rows."""
        return {
            "currency": self.currency,
            "total_annual": self.total_annual,
            "total_one_off": self.total_one_off,
            "by": {name: _records(table) for name, table in self.by.items()},
            "tools": _records(self.tools),
            "other_currencies": _records(self.other_currencies),
        }


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


def stack_cost_lines(tool) -> list:
    """The tool's cost lines that count towards the stack's cost: all but media spend."""
    return [line for line in tool.cost_lines if line.type.value != "media"]


def cost_frame(catalog) -> pd.DataFrame:
    """Every tool that has a cost (media spend aside) and is not retired, one row per tool
    and currency, in catalog order."""
    rows = []
    for tool_id, tool in catalog.tools.items():
        if tool.lifecycle.value == "retired":
            continue
        per_currency: dict[str, dict] = {}
        for line in stack_cost_lines(tool):
            annual, one_off = annual_amount(line)
            row = per_currency.setdefault(line.currency, {"annual": 0.0, "one_off": 0.0,
                                                          "example": False})
            row["annual"] += annual
            row["one_off"] += one_off
            row["example"] = row["example"] or line.example
        category = catalog.categories.get(tool.category)
        for currency, sums in per_currency.items():
            rows.append({
                "tool": tool_id, "category": tool.category,
                "layer": category.layer if category else "",
                "owner": tool.owner or "", "lifecycle": tool.lifecycle.value,
                "currency": currency, **sums,
            })
    return pd.DataFrame(rows, columns=COLUMNS)


def cost_tables(catalog, settings) -> CostTables:
    frame = cost_frame(catalog)
    in_currency = frame[frame["currency"] == settings.currency].reset_index(drop=True)
    others = frame[frame["currency"] != settings.currency].reset_index(drop=True)
    by = {dimension: _group(in_currency, dimension) for dimension in DIMENSIONS}
    return CostTables(settings.currency, in_currency, others, by)


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
