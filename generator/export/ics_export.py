"""iCalendar feed (RFC 5545) of contract renewal and cancel-by dates, for calendar apps to
subscribe to.

Written by hand, with no dependency: all-day events, one per date, UIDs that stay the same from
build to build (``renewal-<tool>@mops-catalog``, ``cancel-by-<tool>@mops-catalog``) so a
subscribed calendar updates events instead of duplicating them, ``DTSTAMP`` the build's date
(``Settings.reference_date``: never a future date, never the clock's time, so a day's builds
are identical), CRLF line ends, lines folded at 75 octets and text values escaped.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.analysis.renewals import CANCEL_BY, contract_dates
from generator.i18n import Translator

UID_DOMAIN = "mops-catalog"
PRODUCT_ID = "-//mops-catalog//renewals//EN"
MAX_OCTETS = 75


CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
"""Characters a TEXT value may not hold (RFC 5545 3.3.11: controls but tab; C1 as well):
left out."""


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines; other
    control characters left out."""
    text = (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))
    return CONTROL.sub("", text)


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character;
    continuation lines start with a space (RFC 5545 3.1)."""
    if len(line) * 4 <= MAX_OCTETS or len(line.encode("utf-8")) <= MAX_OCTETS:
        return line
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        limit = MAX_OCTETS if not pieces else MAX_OCTETS - 1  # the leading space counts
        if size + octets > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def _date(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def event_title(t, tool: str, item) -> str:
    """"Last day to cancel X", "X renews" or "X: contract ends" (also the renewals chart's
    labels)."""
    if item.kind == CANCEL_BY:
        return t("calendar.cancel_by", tool=tool)
    return t("calendar.renews" if item.auto_renew else "calendar.ends", tool=tool)


def ics_text(catalog, settings) -> str:
    """The whole calendar as text (empty of events for a wide-audience build, which leaves
    contract data out)."""
    t = Translator(settings.language)
    stamp = _date(settings.reference_date()) + "T000000Z"  # when the feed was made
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT_ID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(t('calendar.name'))}"]
    # a stale renewal date of an auto-renewing contract becomes the implied next one
    dates = (contract_dates(catalog, today=settings.reference_date()) if settings.shows_costs
             else [])
    for item in dates:
        tool = t.text(catalog.tools[item.tool].name)
        summary = event_title(t, tool, item)
        if item.kind == CANCEL_BY:
            detail = t("calendar.cancel_by_detail", tool=tool, days=item.notice_days,
                       renewal=item.renewal.isoformat())
        else:
            detail = t("calendar.renews_detail" if item.auto_renew else "calendar.ends_detail",
                       tool=tool)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{item.kind}-{item.tool}@{UID_DOMAIN}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_date(item.date)}",
            f"DTEND;VALUE=DATE:{_date(item.date + dt.timedelta(days=1))}",
            f"SUMMARY:{escape_text(summary)}",
            f"DESCRIPTION:{escape_text(detail)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
