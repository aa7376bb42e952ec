"""A JSON list of ``{file, line, column, severity, code, message}`` objects."""

import json


def render(problems, root=None) -> str:
    return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False) + "\n"
