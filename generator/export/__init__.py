"""Exports of the resolved catalog (JSON; spreadsheets and calendars build on the same document)."""
