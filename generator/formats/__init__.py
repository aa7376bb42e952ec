"""Output formats for problems, like yamllint's formatters: each module has ``render``."""

from generator.formats import github, json_format, text

FORMATS = {"text": text.render, "json": json_format.render, "github": github.render}
