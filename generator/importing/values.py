"""Cells as people write them, read into schema values.

Money (``$12,000.00``, ``12.000,00 EUR``, ``12k``, ``USD 1,200``), dates (``12/31/2026``,
``31.12.2026``, ``2026-12-31``, Excel serial numbers), yes/no answers (``Yes``, ``TRUE``, ``1``,
``x``) and whole numbers (``1,200``). A cell that cannot be read raises ``ValueError`` with a
message that says what was expected; formulas (``=SUM(B2:B4)``) are never evaluated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW",
                    "₹": "INR", "A$": "AUD", "C$": "CAD", "CHF": "CHF", "R$": "BRL", "kr": "SEK"}
MULTIPLIERS = {"k": 1_000, "m": 1_000_000, "mm": 1_000_000, "bn": 1_000_000_000}
EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_RANGE = (20_000, 80_000)  # Excel serials from 1954 to 2119: plausible contract dates
DATE_ORDERS = ("mdy", "dmy", "ymd")

TRUE_WORDS = {"yes", "y", "true", "t", "1", "x", "✓", "✔", "on", "enabled", "active", "ja",
              "oui", "si", "sí"}
FALSE_WORDS = {"no", "n", "false", "f", "0", "off", "disabled", "inactive", "nein", "non", "-",
               "none"}


def is_formula(text: str) -> bool:
    """A spreadsheet formula (kept as text, never evaluated)."""
    return text.strip().startswith("=") and len(text.strip()) > 1


def _formula_error(text: str) -> ValueError:
    return ValueError(f"'{text}' is a formula; formulas are not evaluated, so the value is kept "
                      "as text")


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str | None
    """The currency the cell names (symbol or code), None when it names none."""


def parse_money(value) -> Money:
    """``$12,000.00`` -> 12000 USD; ``12.000,00 EUR`` -> 12000 EUR; ``12k`` -> 12000."""
    if isinstance(value, bool):
        raise ValueError(f"{value} is not an amount")
    if isinstance(value, (int, float)):
        return Money(float(value), None)
    text = str(value).strip()
    if is_formula(text):
        raise _formula_error(text)
    currency = None
    rest = text
    code = re.search(r"(?<![A-Za-z])([A-Za-z]{3})(?![A-Za-z])", rest)
    if code and code.group(1).upper() not in ("K", "M"):
        currency = code.group(1).upper()
        rest = rest[:code.start()] + rest[code.end():]
    for symbol in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if symbol in rest:
            currency = currency or CURRENCY_SYMBOLS[symbol]
            rest = rest.replace(symbol, "")
            break
    rest = rest.replace("\u00a0", " ").strip()
    negative = rest.startswith("-") or (rest.startswith("(") and rest.endswith(")"))
    rest = rest.strip("-() ")
    match = re.fullmatch(r"([0-9][0-9.,' ]*)\s*(k|m|mm|bn)?", rest, re.IGNORECASE)
    if not match:
        raise ValueError(f"'{text}' is not an amount such as 12000, $12,000.00, "
                         "12.000,00 EUR or 12k")
    number = parse_number_text(match.group(1), text)
    if match.group(2):
        number *= MULTIPLIERS[match.group(2).lower()]
    if negative:
        raise ValueError(f"'{text}' is a negative amount; costs cannot be negative")
    return Money(number, currency)


def parse_number_text(digits: str, original: str = "") -> float:
    """``12,000.50``, ``12.000,50``, ``12 000``, ``12'000`` and ``1,5`` as numbers: the last
    separator followed by exactly three digits is a thousands separator, else the decimal
    point."""
    digits = digits.replace(" ", "").replace("'", "")
    separators = [c for c in digits if c in ".,"]
    if not separators:
        return float(digits)
    last = max(digits.rfind("."), digits.rfind(","))
    head, tail = digits[:last], digits[last + 1:]
    if len(set(separators)) == 2:  # both: the last one is the decimal point
        return float(re.sub(r"[.,]", "", head) + "." + tail)
    if len(separators) > 1 or len(tail) == 3:  # 1,200,000 / 12.000 : thousands
        if not all(len(group) == 3 for group in re.split(r"[.,]", digits)[1:]):
            raise ValueError(f"'{original or digits}' is not a number")
        return float(re.sub(r"[.,]", "", digits))
    return float(head + "." + tail)


def parse_int(value) -> int:
    """A count: ``1,200``, ``50``, ``50.0``."""
    if isinstance(value, bool):
        raise ValueError(f"{value} is not a number")
    if isinstance(value, (int, float)):
        if float(value).is_integer():
            return int(value)
        raise ValueError(f"{value} is not a whole number")
    text = str(value).strip()
    if is_formula(text):
        raise _formula_error(text)
    try:
        number = parse_number_text(text, text)
    except ValueError:
        raise ValueError(f"'{text}' is not a whole number") from None
    if not number.is_integer():
        raise ValueError(f"'{text}' is not a whole number")
    return int(number)


def parse_days(value) -> int:
    """A notice period: ``60``, ``60 days``, ``8 weeks``, ``3 months`` (30 days each)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return parse_int(value)
    text = str(value).strip().casefold()
    match = re.fullmatch(r"(\d+)\s*(d|days?|w|wks?|weeks?|m|mos?|months?)?\.?", text)
    if not match:
        raise ValueError(f"'{value}' is not a number of days such as 60, '60 days' or "
                         "'3 months'")
    number, unit = int(match[1]), (match[2] or "d")[0]
    return number * {"d": 1, "w": 7, "m": 30}[unit]


def parse_bool(value) -> bool:
    """``Yes``/``No``, ``TRUE``/``FALSE``, ``1``/``0``, ``x``, ``enabled``..."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().casefold()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(f"'{value}' is not a yes / no answer (yes, no, true, false, 1, 0)")


@dataclass(frozen=True)
class ReadDate:
    date: dt.date
    ambiguous: bool = False
    """Day and month could be swapped (``03/04/2026``): read in the column's order."""


def parse_date(value, order: str | None = None) -> ReadDate:
    """A date from ISO text, ``12/31/2026`` (order ``mdy``), ``31.12.2026`` / ``31/12/2026``
    (``dmy``), an Excel serial number or a spreadsheet date. ``order`` settles day and month;
    without it, dots mean day first and slashes month first (US exports)."""
    if isinstance(value, dt.datetime):
        return ReadDate(value.date())
    if isinstance(value, dt.date):
        return ReadDate(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ReadDate(_serial(value, str(value)))
    text = str(value).strip()
    if is_formula(text):
        raise _formula_error(text)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return ReadDate(_serial(float(text), text))
    iso = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+Z?)?", text)
    if iso:
        return ReadDate(_date(int(iso[1]), int(iso[2]), int(iso[3]), text))
    parts = re.fullmatch(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})", text)
    if parts:
        first, second, year = int(parts[1]), int(parts[3]), int(parts[4])
        year += 2000 if year < 100 else 0
        chosen = order or ("dmy" if parts[2] == "." else "mdy")
        if first > 12 and second <= 12:
            chosen = "dmy"
        elif second > 12 and first <= 12:
            chosen = "mdy"
        ambiguous = first <= 12 and second <= 12 and first != second and order is None
        month, day = (first, second) if chosen == "mdy" else (second, first)
        return ReadDate(_date(year, month, day, text), ambiguous)
    named = _named_month(text)
    if named:
        return ReadDate(named)
    raise ValueError(f"'{text}' is not a date such as 2026-12-31, 12/31/2026 or 31.12.2026")


MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}


def _named_month(text: str) -> dt.date | None:
    """``Dec 31, 2026``, ``31 December 2026``, ``31-Dec-2026``."""
    words = re.findall(r"[A-Za-z]+|\d+", text)
    if len(words) != 3:
        return None
    months = [w for w in words if w.lower() in MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    if len(months) != 1 or len(numbers) != 2:
        return None
    year = max(numbers)
    day = min(numbers)
    if year < 100:
        return None
    try:
        return dt.date(year, MONTHS[months[0].lower()], day)
    except ValueError:
        return None


def _serial(number: float, text: str) -> dt.date:
    if not SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
        raise ValueError(f"'{text}' is not a date (as an Excel date number it would be outside "
                         "1954-2119)")
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def _date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a date that exists") from None


LIFECYCLE_WORDS = {
    "evaluating": ("evaluating", "evaluation", "in evaluation", "under review", "in review",
                   "proposed", "requested", "considering", "pending", "prospect", "rfp",
                   "pending approval"),
    "piloting": ("piloting", "pilot", "trial", "in trial", "poc", "proof of concept", "testing",
                 "onboarding", "implementing", "implementation"),
    "adopted": ("adopted", "active", "in use", "live", "approved", "production", "sanctioned",
                "deployed", "current", "managed", "in production"),
    "sunsetting": ("sunsetting", "sunset", "deprecated", "phasing out", "being replaced",
                   "retiring", "to be retired", "offboarding", "not renewing", "cancelling",
                   "canceling", "replacing"),
    "retired": ("retired", "inactive", "cancelled", "canceled", "terminated", "decommissioned",
                "churned", "expired", "removed", "archived", "unused", "ended"),
}
LIFECYCLE_OF = {word: state for state, words in LIFECYCLE_WORDS.items() for word in words}


def parse_lifecycle(value) -> str:
    """A status column's word (``Active``, ``Trial``, ``Cancelled``...) as a lifecycle."""
    text = re.sub(r"[\s_\-]+", " ", str(value)).strip().casefold()
    if text in LIFECYCLE_OF:
        return LIFECYCLE_OF[text]
    raise ValueError(f"'{value}' is not a status this import knows (e.g. active, trial, "
                     "deprecated, cancelled); it is kept in the custom fields")


PERIOD_WORDS = {"month": ("month", "monthly", "mo", "per month", "/month", "mtm"),
                "quarter": ("quarter", "quarterly", "qtr", "per quarter"),
                "year": ("year", "yearly", "annual", "annually", "yr", "per year", "/year",
                         "annum", "per annum", "12 months"),
                "one-off": ("one-off", "one off", "once", "one time", "one-time", "onetime")}
PERIOD_OF = {word: period for period, words in PERIOD_WORDS.items() for word in words}


def parse_period(value) -> str:
    text = str(value).strip().casefold()
    if text in PERIOD_OF:
        return PERIOD_OF[text]
    raise ValueError(f"'{value}' is not a billing period (month, quarter, year, one-off)")
