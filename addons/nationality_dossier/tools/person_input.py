# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks and normalisation of what people type about a person, shared by the
back office, the portal and the exchange: text without control characters,
names in Unicode NFC, identity numbers, dates of birth known to the day, the
month or only the year."""

import re
import unicodedata
from datetime import date

# Characters refused in text typed by people or sent by other systems: C0 and
# C1 control characters (PostgreSQL cannot even store NUL), lone surrogates
# (they cannot be encoded in UTF-8), and the bidirectional overrides and
# isolates that make text display in another order than it is stored (e.g.
# U+202E). Tabs and line breaks are not in it: multi-line text keeps them.
CONTROL_CHARS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_LINE_CHARS = re.compile(r"[\t\n\r]")
# Identity numbers: the personal identification number of the citizen ID card
# has 12 digits, the former identity card (CMND) had 9 digits, later 12.
IDENTITY_NUMBER = re.compile(r"^(\d{9}|\d{12})$")
# Passports: Vietnamese ones are a letter and 7 digits; foreign ones vary, so
# accept 5 to 20 capital letters and digits, with at least one digit.
PASSPORT_NUMBER = re.compile(r"^(?=.*\d)[A-Z0-9]{5,20}$")
# Dates of birth before this year are typing mistakes.
EARLIEST_BIRTH_YEAR = 1880


def has_control_characters(value, multiline=False):
    """True when ``value`` holds characters refused in text typed by people
    (see CONTROL_CHARS); line breaks and tabs are allowed when ``multiline``."""
    if multiline:
        value = _LINE_CHARS.sub("", value)
    return bool(CONTROL_CHARS.search(value) or _LINE_CHARS.search(value))


def normalize_text(value):
    """Return ``value`` in Unicode NFC with surrounding blanks removed, so that
    Vietnamese names typed on different systems (NFD on macOS, NFC elsewhere)
    are stored identically. Other types are returned unchanged."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    return value


def normalize_id_number(value):
    if not value:
        return value
    return re.sub(r"\s+", "", normalize_text(value)).upper()


def is_possible_birth_date(birth_date, today):
    """False for a date of birth after ``today`` or before EARLIEST_BIRTH_YEAR."""
    return not (birth_date > today or birth_date.year < EARLIEST_BIRTH_YEAR)


def format_birth_date(birth_date, precision):
    """The date of birth as people write it: dd/mm/yyyy, mm/yyyy or yyyy as far
    as it is known (``precision``: day, month or year); "" without a date."""
    if not birth_date:
        return ""
    if precision == "year":
        return f"{birth_date.year:04d}"
    if precision == "month":
        return f"{birth_date.month:02d}/{birth_date.year:04d}"
    return birth_date.strftime("%d/%m/%Y")


def parse_birth_date(text):
    """Parse a date of birth typed as dd/mm/yyyy, mm/yyyy or yyyy.

    Returns ``(date, precision)``; raises ValueError with a reason otherwise.
    Year-only and month-only dates are stored on their first day."""
    text = (normalize_text(text) or "").replace("-", "/").replace(".", "/")
    parts = [part for part in text.split("/") if part]
    if not parts or not all(part.isdigit() for part in parts):
        raise ValueError("not a date")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            value, precision = date(int(parts[0]), 1, 1), "year"
        elif len(parts) == 2 and len(parts[1]) == 4:
            value, precision = date(int(parts[1]), int(parts[0]), 1), "month"
        elif len(parts) == 3 and len(parts[2]) == 4:
            value, precision = date(int(parts[2]), int(parts[1]), int(parts[0])), "day"
        else:
            raise ValueError("not a date")
    except (ValueError, OverflowError) as error:
        # OverflowError: a day or month of dozens of digits.
        raise ValueError("not a date") from error
    return value, precision
