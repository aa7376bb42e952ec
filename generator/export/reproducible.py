"""Exports that do not depend on when they were made: the same catalog gives the same bytes.

Calendar stamps and spreadsheet metadata take the build's date (``Settings.reference_date``:
the date set for reports, else the last commit's, else today), never the clock's time, and zip
archives (XLSX files) get fixed member timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

def fixed_zip(data: bytes, stamp: dt.date) -> bytes:
    """``data`` (a zip archive) with every member dated ``stamp`` and the Office document
    properties' created/modified times set to it."""
    when = f"{stamp.isoformat()}T00:00:00Z"
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in sorted(source.infolist(), key=lambda m: m.filename):
            content = source.read(member.filename)
            if member.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                                 lambda m: m.group(1) + when.encode(), content)
            info = zipfile.ZipInfo(member.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return out.getvalue()
