# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks and normalisation of what people type about a person, shared by the
back office, the portal and the exchange: text without control characters,
names in Unicode NFC, identity numbers, dates of birth known to the day, the
month or only the year."""

import re
import unicodedata
from datetime import date

# Characters refused in text typed by people or sent by other systems, by
# Unicode category: control characters (Cc: C0 and C1; PostgreSQL cannot even
# store NUL), formatting characters (Cf: zero-width spaces and joiners, the
# bidirectional marks, overrides and isolates that make text display in
# another order than it is stored, the byte order mark, the soft hyphen, tag
# characters...), private-use characters (Co), lone surrogates (Cs: they cannot
# be encoded in UTF-8) and the line and paragraph separators (Zl, Zp); plus the
# letters and symbols that display as nothing at all (the Hangul fillers, the
# blank Braille pattern, the combining grapheme joiner, the Khmer inherent
# vowels), with which a "name" can look empty or two names look alike. Tabs
# and line breaks are not in it: multi-line text keeps them.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
BLANK_LOOKING_CHARS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
_LINE_CHARS = re.compile(r"[\t\n\r]")


def _refused_ranges():
    """``[(first, last)]`` code point ranges of the refused characters."""
    points = {ord(char) for char in BLANK_LOOKING_CHARS}
    # Controls, formatting characters and separators live in planes 0, 1 and
    # 14; the private-use and surrogate blocks are whole ranges.
    for code in (*range(0x20000), *range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(code)) in REFUSED_CATEGORIES and chr(code) not in "\t\n\r":
            points.add(code)
    ranges = [(0xD800, 0xDFFF), (0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD)]
    ranges += [(code, code) for code in points]
    ranges.sort()
    merged = []
    for first, last in ranges:
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


CONTROL_CHARS = re.compile(
    "["
    + "".join(
        re.escape(chr(first))
        if first == last
        else f"{re.escape(chr(first))}-{re.escape(chr(last))}"
        for first, last in _refused_ranges()
    )
    + "]"
)
# Identity numbers: the personal identification number of the citizen ID card
# has 12 digits, the former identity card (CMND) had 9 digits, later 12. Only
# ASCII digits: "\d" would also take full-width or Arabic-Indic digits.
IDENTITY_NUMBER = re.compile(r"^([0-9]{9}|[0-9]{12})\Z")
# Passports: Vietnamese ones are a letter and 7 digits; foreign ones vary, so
# accept 5 to 20 capital letters and digits, with at least one digit.
PASSPORT_NUMBER = re.compile(r"^(?=.*[0-9])[A-Z0-9]{5,20}\Z")
# Separators people type between the groups of digits of a number.
_DIGIT_GROUP_SEPARATORS = re.compile(r"[\s.\-]+")
# What separates the day, month and year of a typed date.
_DATE_SEPARATORS = re.compile(r"[\s/.\-]+")
# Dates of birth before this year are typing mistakes.
EARLIEST_BIRTH_YEAR = 1880
# Longest typed value a message quotes back to the user.
QUOTED_INPUT_LENGTH = 40


def has_control_characters(value, multiline=False):
    """True when ``value`` holds characters refused in text typed by people
    (see CONTROL_CHARS); line breaks and tabs are allowed when ``multiline``."""
    if multiline:
        value = _LINE_CHARS.sub("", value)
    return bool(CONTROL_CHARS.search(value) or _LINE_CHARS.search(value))


def has_letters(value):
    """True when ``value`` holds at least one visible letter: a name made only
    of punctuation, digits, spaces or blank-looking characters is no name."""
    return any(
        unicodedata.category(char).startswith("L") and char not in BLANK_LOOKING_CHARS
        for char in value or ""
    )


def quote_input(value, limit=QUOTED_INPUT_LENGTH):
    """``value`` as a message may quote it back: at most ``limit`` characters
    (then an ellipsis), refused characters replaced by U+FFFD, so that a
    hostile input of thousands of characters is not echoed whole."""
    text = CONTROL_CHARS.sub("\ufffd", _LINE_CHARS.sub(" ", str(value or "")))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def normalize_text(value):
    """Return ``value`` in Unicode NFC with surrounding blanks removed, so that
    Vietnamese names typed on different systems (NFD on macOS, NFC elsewhere)
    are stored identically. Other types are returned unchanged."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    return value


def normalize_id_number(value):
    """An identity, passport or document number as it is stored and compared:
    compatibility forms folded (NFKC: full-width letters and digits become
    ASCII), every decimal digit written in ASCII (Arabic-Indic digits too),
    blanks removed, capital letters. A number made only of digits loses the
    dots and dashes people type between groups (``001.080.023.456``)."""
    if not value or not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value)
    text = "".join(
        str(unicodedata.decimal(char)) if char.isdecimal() and not char.isascii() else char
        for char in text
    )
    text = re.sub(r"\s+", "", text.strip()).upper()
    digits = _DIGIT_GROUP_SEPARATORS.sub("", text)
    if digits.isascii() and digits.isdigit():
        return digits
    return text


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
    """Parse a date of birth typed as dd/mm/yyyy, mm/yyyy or yyyy (with
    slashes, dots, dashes or spaces between the parts), or in the ISO form
    yyyy-mm-dd or yyyy-mm.

    Returns ``(date, precision)``; raises ValueError with a reason otherwise.
    Year-only and month-only dates are stored on their first day."""
    text = unicodedata.normalize("NFKC", text) if isinstance(text, str) else ""
    if len(text) > QUOTED_INPUT_LENGTH:
        raise ValueError("not a date")
    parts = [part for part in _DATE_SEPARATORS.split(text) if part]
    if not parts or not all(part.isascii() and part.isdigit() for part in parts):
        raise ValueError("not a date")
    # ISO order: the year first.
    if len(parts) in (2, 3) and len(parts[0]) == 4 and all(len(part) <= 2 for part in parts[1:]):
        parts = parts[::-1]
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            value, precision = date(int(parts[0]), 1, 1), "year"
        elif len(parts) == 2 and len(parts[1]) == 4 and len(parts[0]) <= 2:
            value, precision = date(int(parts[1]), int(parts[0]), 1), "month"
        elif len(parts) == 3 and len(parts[2]) == 4 and max(map(len, parts[:2])) <= 2:
            value, precision = date(int(parts[2]), int(parts[1]), int(parts[0])), "day"
        else:
            raise ValueError("not a date")
    except ValueError as error:
        raise ValueError("not a date") from error
    return value, precision
