"""Problem codes raised when a file's data does not fit the schema (the ``S`` codes)."""

from generator.load.codes import EXAMPLE_TOOL, tool_example
from generator.problem import Severity, register

ERROR = Severity.ERROR

UNKNOWN_FIELD = register(
    "S001", "unknown-field", ERROR, "A field the schema does not know.",
    """
    Usually a typo (`onwer` for `owner`); the message suggests the closest known field. Unknown
    fields are errors rather than being ignored, so that no data is lost without notice. The
    field reference lists every field of every kind.
    """,
    failing=tool_example(EXAMPLE_TOOL.replace("owner:", "onwer:")),
    passing=tool_example(),
)
WRONG_TYPE = register(
    "S002", "wrong-type", ERROR, "A value has the wrong type.",
    """
    For example a list where text belongs. YAML 1.1 reads some unquoted words as other types:
    `no`, `yes`, `on` and `off` become booleans, `1.10` becomes the number 1.1 and `2024-01-01`
    becomes a date. When that happens to a text field the message says so: put the value in
    quotes (`'no'`, `"1.10"`).
    """,
    failing=tool_example(EXAMPLE_TOOL + "capabilities: email-marketing\n"),
    passing=tool_example(EXAMPLE_TOOL + "capabilities: [email-marketing]\n"),
)
MISSING_FIELD = register(
    "S003", "missing-field", ERROR, "A required field is missing.",
    "Add the field. The field reference shows which fields each kind requires.",
    failing=tool_example(EXAMPLE_TOOL.replace("vendor: HubSpot\n", "")),
    passing=tool_example(),
)
INVALID_CHOICE = register(
    "S004", "invalid-choice", ERROR, "A value is not one of the allowed choices.",
    "Fields such as `lifecycle` or `archetype` take one of a fixed set of values; the message lists them.",
    failing=tool_example(EXAMPLE_TOOL.replace("lifecycle: adopted", "lifecycle: active")),
    passing=tool_example(),
)
OUT_OF_RANGE = register(
    "S005", "out-of-range", ERROR, "A number, text or list is outside the allowed range.",
    """
    Costs, licence counts, headcounts and notice periods cannot be negative; shares are 0-100;
    required lists (a playbook's steps, a step's responsible roles) cannot be empty.
    """,
    failing=tool_example(EXAMPLE_TOOL + "licences:\n  bought: -5\n  active: 3\n"),
    passing=tool_example(EXAMPLE_TOOL + "licences:\n  bought: 5\n  active: 3\n"),
)
INVALID_FORMAT = register(
    "S006", "invalid-format", ERROR, "Text does not have the required format.",
    """
    Ids are lowercase letters, digits and hyphens (at most 63 characters) and not a device name
    Windows reserves (`con`, `prn`, `aux`, `nul`, `com0`-`com9`, `lpt0`-`lpt9`); `url` must start with
    `http://` or `https://` (so `javascript:` and other schemes are rejected); currencies are
    three capital letters (ISO 4217).
    """,
    failing=tool_example(EXAMPLE_TOOL + "url: www.hubspot.com\n"),
    passing=tool_example(EXAMPLE_TOOL + "url: https://www.hubspot.com/\n"),
)
INVALID_VALUE = register(
    "S007", "invalid-value", ERROR, "A value is not valid for its field.",
    "The message says what the field expects.",
    failing=tool_example(EXAMPLE_TOOL + "contract:\n  term: month-to-month\n  renewal: 2027-01-31\n"),
    passing=tool_example(EXAMPLE_TOOL + "contract:\n  term: month-to-month\n"),
)
