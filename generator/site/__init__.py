"""The site stage: the MkDocs plugin and its helpers."""
