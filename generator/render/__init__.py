"""Render stage: catalog + analysis -> ``{page path: Markdown}``, through Jinja templates.

Independent of MkDocs: ``generator.site`` only adapts the result into virtual files.
"""
