# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks and normalisation of what people type about a person, shared by the
back office, the portal and the exchange: text without control or invisible
characters, look-alike spaces and letters folded, names in Unicode NFC with
their accents on letters, identity numbers, dates of birth known to the day,
the month or only the year."""

import re
import unicodedata
from datetime import date

from odoo.tools.translate import LazyTranslate

# Messages defined here are terms of nationality_dossier, whichever addon
# shows them: ``str(message)`` in a method of a model, or ``env._(message)``.
_lt = LazyTranslate(__name__)

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
# Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt;
# Python's unicodedata does not expose it): the code points a text renderer
# shows as nothing when it does not support them. Most are formatting
# characters (Cf, above); the others are the variation selectors
# (U+FE00-FE0F, U+E0100-E01EF), the Mongolian free variation selectors and
# vowel separator (U+180B-180F), the fillers and inherent vowels of
# BLANK_LOOKING_CHARS and code points reserved for future invisible
# characters (U+2065, U+FFF0-FFF8, the rest of U+E0000-E0FFF).
#
# They are refused, not folded: there is no visible character to fold them
# to, so a refusal tells the person that the pasted text carries something
# hidden (often pasted from a web page or a chat, or put there so that two
# names that look the same are stored differently), and dropping them
# silently could change a name in the scripts where they do mean something:
# the joiners in Persian or Indic names, the ideographic variation selectors
# that pick a glyph of a Chinese or Japanese name, the Mongolian ones. The
# person retypes the name as the identity paper prints it. The rule is the
# same for every text field (the bidirectional controls were refused
# everywhere already), so the exchange gets it through the same check.
DEFAULT_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_LINE_CHARS = re.compile(r"[\t\n\r]")

# Look-alike forms folded to the ordinary character they display as, one
# character for one: every Unicode space (no-break, ideographic, en and em,
# thin, narrow no-break...) becomes a plain space, the full-width forms of
# ASCII (U+FF01-FF5E, typed in the full-width mode of Chinese, Japanese and
# Korean input methods) become ASCII, and so do the Latin ligatures (U+FB00-
# FB06, pasted from PDF files) and the mathematical letters and digits
# (U+1D400-1D7FF, the "bold" or "script" text of fancy-text generators).
# Folded rather than refused: each has a visible ordinary twin that is what
# the person meant, so the name is stored and matched as it displays.
# NFKC is used for these ranges only, never for the whole text: it would also
# rewrite characters that are not look-alikes (superscripts, fractions,
# half-width katakana, ...); Vietnamese letters are left in NFC as typed.
_FOLDED = {code: " " for code in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)}
_FOLDED.update({code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)})
for _code in (*range(0xFB00, 0xFB07), *range(0x1D400, 0x1D800)):
    if unicodedata.normalize("NFKC", chr(_code)) != chr(_code):
        _FOLDED[_code] = unicodedata.normalize("NFKC", chr(_code))
del _code
_SPACE_RUNS = re.compile(" {2,}")

# Combining marks (accents, tone marks, vowel signs) belong on a letter. In
# NFC every Vietnamese letter is one precomposed character; written out
# (NFD) it has at most two marks: one vowel mark (breve, circumflex, horn)
# and one tone mark (ệ, ướ). Two also cover the Latin and Cyrillic letters of
# other languages that have no precomposed form (Yoruba ẹ́). Other scripts
# stack more on a letter: Burmese and Tibetan up to four, polytonic Greek
# three. More than that, or the same mark twice on one letter, only makes a
# name look like another one or overflow its line ("zalgo" text).
MAX_MARKS_ON_LATIN = 2
MAX_MARKS = 4


# What a decoder puts where the bytes it was given were not valid text (a
# form or file sent in another encoding than UTF-8): a value holding it has
# already lost its real characters, so it is refused rather than stored.
UNREADABLE_CHAR = "\ufffd"


def _refused_ranges():
    """``[(first, last)]`` code point ranges of the refused characters."""
    points = {ord(char) for char in BLANK_LOOKING_CHARS} | {ord(UNREADABLE_CHAR)}
    # Controls, formatting characters and separators live in planes 0, 1 and
    # 14; the private-use and surrogate blocks are whole ranges.
    for code in (*range(0x20000), *range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(code)) in REFUSED_CATEGORIES and chr(code) not in "\t\n\r":
            points.add(code)
    ranges = [(0xD800, 0xDFFF), (0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD)]
    ranges += list(DEFAULT_IGNORABLE_RANGES)
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


def fold_lookalikes(text):
    """``text`` with its look-alike spaces and letters (see _FOLDED) replaced
    by the ordinary characters they display as."""
    return text.translate(_FOLDED)


def normalize_text(value, single_line=False):
    """Return ``value`` with its look-alike spaces and letters folded (see
    _FOLDED), in Unicode NFC and with surrounding blanks removed, so that
    Vietnamese names typed on different systems (NFD on macOS, NFC elsewhere)
    are stored identically; runs of spaces are made one when ``single_line``.
    Other types are returned unchanged."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFC", fold_lookalikes(value)).strip()
    return _SPACE_RUNS.sub(" ", text) if single_line else text


def _is_mark(char):
    return unicodedata.category(char).startswith("M")


def _marks_problem(letter, marks):
    """True when the combining ``marks`` after ``letter`` are too many for one
    letter or repeat a mark (see MAX_MARKS)."""
    decomposed = unicodedata.normalize("NFD", letter + marks)
    # Spacing marks (Mc: vowel signs of Indic and Southeast Asian scripts)
    # take their own room; only the marks drawn over or under a letter pile up.
    stacked = [char for char in decomposed if unicodedata.category(char) in ("Mn", "Me")]
    latin = unicodedata.name(decomposed[0], "").startswith(("LATIN ", "CYRILLIC "))
    limit = MAX_MARKS_ON_LATIN if latin else MAX_MARKS
    return len(stacked) > limit or len(set(stacked)) < len(stacked)


def name_problem(value, label):
    """Why ``value`` cannot be the name ``label`` of a person because of its
    combining marks, as a message to translate (``str(message)`` in a model
    method, ``env._(message)`` elsewhere), or None: a mark that is not on a
    letter (a name or a word starting with an accent) or too many marks on
    one letter (see MAX_MARKS). Control and invisible characters are
    checked by has_control_characters."""
    letter, marks = None, ""
    for char in f"{value or ''} ":
        if _is_mark(char):
            if letter is None:
                return _lt(
                    "%(field)s has an accent or other mark that is not on a letter: "
                    "type the name again as in the identity paper.",
                    field=label,
                )
            marks += char
            continue
        if marks and _marks_problem(letter, marks):
            return _lt(
                "%(field)s has too many accents or marks on one letter: "
                "type the name again as in the identity paper.",
                field=label,
            )
        letter = char if unicodedata.category(char).startswith("L") else None
        marks = ""
    return None


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
