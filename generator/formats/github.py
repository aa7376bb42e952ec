"""GitHub Actions workflow commands, shown as annotations on the pull request's changed lines."""

from generator.control_characters import visible


def _escape_data(text: str) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(text)  # other control characters: shown, not sent to the log


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(problems, root=None) -> str:
    lines = []
    for p in problems:
        level = "error" if p.severity.value == "error" else "warning"
        lines.append(f"::{level} file={_escape_property(p.file)},line={p.line},col={p.column},"
                     f"title={_escape_property(p.code)}::{_escape_data(p.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
