"""Problem codes raised while finding, reading and parsing catalog files (the ``Y`` and ``F`` codes)."""

from generator.problem import Example, Severity, register

ERROR, WARNING = Severity.ERROR, Severity.WARNING

EXAMPLE_TOOL = """\
name: HubSpot Marketing Hub
vendor: HubSpot
category: marketing-automation
lifecycle: adopted
owner: mops-manager
"""
"""A valid tool file for the small catalog the rules page's examples are written over."""
TOOL_FILE = "catalog/tools/hubspot.yaml"


def tool_example(text: str = EXAMPLE_TOOL, path: str = TOOL_FILE) -> tuple[Example, ...]:
    """One example file (the valid tool unless ``text`` says otherwise)."""
    return (Example(path, text),)


YAML_SYNTAX = register(
    "Y001", "yaml-syntax", ERROR, "The file is not valid YAML.",
    """
    The parser stopped at the position shown. Common causes: a tab used for indentation, a
    colon followed by text inside an unquoted value (`title: Step 1: plan`), an unclosed quote or
    bracket, or several documents (`---`) in one file. Quote values that contain `: ` or `#`.
    """,
    failing=tool_example(EXAMPLE_TOOL + "description: Step 1: plan the email\n"),
    passing=tool_example(EXAMPLE_TOOL + 'description: "Step 1: plan the email"\n'),
)
DUPLICATE_KEY = register(
    "Y002", "duplicate-key", ERROR, "The same key appears twice in one mapping.",
    """
    YAML parsers silently keep the last value, so the first one would be lost. Merge the two
    entries or rename one of them.
    """,
    failing=tool_example(EXAMPLE_TOOL + "vendor: HubSpot Inc.\n"),
    passing=tool_example(),
)
UNSUPPORTED_TAG = register(
    "Y003", "unsupported-tag", ERROR, "A YAML tag such as `!!python/object` or `!!binary` is used.",
    """
    Catalog files hold plain data: strings, numbers, booleans, dates, lists and mappings. Tags
    that would build other objects are rejected and never run. Remove the tag.
    """,
    failing=tool_example(EXAMPLE_TOOL.replace("vendor: HubSpot", "vendor: !!binary SHViU3BvdA==")),
    passing=tool_example(),
)
TOO_MANY_NODES = register(
    "Y004", "too-many-nodes", ERROR, "Anchors and aliases expand to too many values (an alias bomb).",
    """
    A file may expand to at most 100,000 values after resolving aliases (`*name`). Files that
    exceed it are almost always an attack ("billion laughs"); write the values out instead.
    """,
)
ENCODING = register(
    "Y005", "encoding", ERROR, "The file is not UTF-8 text.",
    """
    Save the file as UTF-8. The message shows the line and column of the first byte that is not
    UTF-8 (often a file saved as Latin-1 or Windows-1252 from a spreadsheet).
    """,
)
BYTE_ORDER_MARK = register(
    "Y006", "byte-order-mark", WARNING, "The file starts with a UTF-8 byte-order mark.",
    """
    The file is read correctly, but some tools show the mark as a stray character. Save it as
    "UTF-8" rather than "UTF-8 with BOM".
    """,
)
EMPTY_FILE = register(
    "Y007", "empty-file", ERROR, "The file holds no data.",
    "Fill in the fields (`mops new KIND ID` writes a template) or delete the file.",
    failing=tool_example("# HubSpot: to be filled in\n"),
    passing=tool_example(),
)
FILE_TOO_LARGE = register(
    "Y008", "file-too-large", ERROR, "The file is larger than the limit for one catalog file.",
    """
    One entity per file rarely needs more than a few kilobytes; the limit is 2 MiB. Split the file
    or move long prose into `docs/`.
    """,
)
OUTSIDE_ROOT = register(
    "Y009", "outside-root", ERROR, "A symbolic link points outside the repository.",
    """
    Catalog files must live inside the repository: a linked file, or a file in a linked folder
    (`catalog/kpis -> /elsewhere`, or `catalog` itself), whose target is outside it is not read,
    so a build never publishes files from elsewhere on the machine. Copy the files in instead of
    linking them. Links that stay inside the repository are followed.
    """,
)
CONTROL_CHARACTER = register(
    "Y010", "control-character", ERROR, "A value holds an invisible control character.",
    """
    Characters such as ESC, vertical tab, backspace or NUL (written `"\\e"`, `"\\v"`,
    `"\\x1b"` in a double-quoted value, or pasted in from a terminal or a PDF) show as nothing
    on a page, make spreadsheets refuse the export and act on a terminal that prints them.
    Remove them; use a space or a new line instead. Tabs and line breaks in multi-line text are
    fine. Until fixed, the character is shown as the replacement character ``\ufffd``.
    """,
    failing=tool_example(EXAMPLE_TOOL.replace("vendor: HubSpot", 'vendor: "Hub\\eSpot"')),
    passing=tool_example(),
)
MARKDOWN_TOO_COSTLY = register(
    "Y011", "markdown-too-costly", WARNING,
    "A text would take too long to convert as Markdown; pages show it as plain text.",
    """
    Python-Markdown slows down sharply on long paragraphs full of Markdown characters (a 20 KB
    run of `[` took minutes). A text whose paragraphs' length times their Markdown characters
    (``[ ] < & ` * _`` ...) adds up to more than 20,000,000, or that is longer than 100,000
    characters, is shown as plain text instead, so that one file cannot stall a build. Usually
    the text was pasted from a log or an export by mistake: shorten it, split it into
    paragraphs, or move long prose into `docs/`.
    """,
)
BAD_FILE_NAME = register(
    "F001", "bad-file-name", ERROR, "A file name is not a valid id.",
    """
    An entity's id is its file name without `.yaml`: lowercase letters, digits and hyphens, at
    most 63 characters, e.g. `marketing-automation-specialist.yaml`, and not a device name Windows
    reserves (`con`, `nul`, `aux`, `prn`, `com1`, `lpt1`...), which no one could check out there.
    Rename the file.
    """,
    failing=tool_example(path="catalog/tools/HubSpot.yaml"),
    passing=tool_example(),
)
STRAY_FILE = register(
    "F002", "stray-file", WARNING, "A file in a catalog folder is not a YAML file and is not read.",
    "Give catalog files the `.yaml` extension, or move other files out of the catalog folders.",
    failing=tool_example(path="catalog/tools/hubspot.yaml.bak"),
    passing=tool_example(),
)
UNREADABLE = register(
    "F003", "unreadable", ERROR, "A file or folder could not be read.",
    "Check the file's permissions.",
)
