"""What a change does to the catalog: ``mops diff`` and the pull-request summary comment.

``revisions`` copies a git revision's catalog files into a folder; the core loads and
validates each side; ``compare`` turns two catalogs into a ``CatalogDiff`` (plain data);
``report`` renders it as Markdown (``templates/diff.md.j2``) or JSON.
"""
