"""The JSON export and the audience setting."""

from __future__ import annotations

import json
from pathlib import Path

from generator.checks import validate
from generator.export.json_export import catalog_document, render_json
from generator.settings import Settings

CRAFTED = Path(__file__).parent / "fixtures" / "insights"


def test_wide_audience_leaves_cost_and_contract_out():
    catalog = validate(CRAFTED)[0]
    internal = {t["id"]: t for t in catalog_document(catalog, Settings())["tools"]}
    assert internal["marketo"]["cost"]["amount"] == 36000
    wide_text = render_json(catalog, Settings(audience="wide"))
    wide = {t["id"]: t for t in json.loads(wide_text)["tools"]}
    assert "cost" not in wide["marketo"] and "contract" not in wide["marketo"]
    assert "36000" not in wide_text and "2026-06-21" not in wide_text
    assert wide["marketo"]["licences"] == {"bought": 10, "active": 10, "example": False}


def test_people_and_their_tools():
    import json
    from pathlib import Path

    from generator.checks import validate
    from generator.export.json_export import render_json

    catalog, _ = validate(Path(__file__).parent / "fixtures" / "every_field")
    document = json.loads(render_json(catalog))
    people = {p["id"]: p for p in document["people"]}
    assert people["ana-lopez"]["tools_owned"] == ["marketo"]
    assert people["raj-patel"]["tools_administered"] == ["marketo"]
    roles = {r["id"]: r for r in document["roles"]}
    assert roles["mops-manager"]["people"] == ["ana-lopez"]
    [marketo] = [t for t in document["tools"] if t["id"] == "marketo"]
    assert len(marketo["cost"]) == 4 and marketo["custom"]["cost centre"] == "MKT-200"
