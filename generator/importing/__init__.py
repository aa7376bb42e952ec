"""``mops import``: spreadsheets as SaaS-management, procurement and finance tools export them
(and as people keep them by hand) turned into catalog files.

The steps, one module each: ``tables`` reads a CSV or XLSX file into header and rows (encoding,
delimiter, sheet; duplicate headers and ragged rows reported); ``headers`` maps the file's
headers to schema fields (normalised synonyms, a ``--map`` file, everything else into custom
fields); ``values`` reads the cells people write (money, dates, yes/no, statuses); ``rows``
turns each row into entity data, creating categories and people it names; ``upsert`` matches
rows to existing entities, merges duplicate rows and writes the files (or, with ``--dry-run``,
only says what it would do); ``yaml_edit`` changes an existing file in place, only where its
values change.
"""
