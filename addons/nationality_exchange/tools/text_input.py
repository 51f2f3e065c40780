# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks of the text that people and other systems send to the exchange
(API payloads, imported files, registry records): Unicode NFC, no control
characters, bounded lengths. Refusals are ValidationErrors naming the field."""

import re
import unicodedata

from odoo.exceptions import ValidationError

# Characters refused in text received: C0 and C1 control characters
# (PostgreSQL cannot even store NUL), lone surrogates (they cannot be encoded
# in UTF-8), and the bidirectional overrides and isolates that make text
# display in another order than it is stored (e.g. U+202E). Tabs and line
# breaks are blanks: kept in multi-line text, made spaces elsewhere.
CONTROL_CHARS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# Longest part of a refused value repeated in an error message.
SHOWN_LENGTH = 60


def text_problem(env, value, label, limit=None):
    """Why the text ``value`` of the field ``label`` is refused, or None."""
    if CONTROL_CHARS.search(value):
        return env._(
            "%(field)s contains control or invisible formatting characters; "
            "remove them and try again.",
            field=label,
        )
    if limit and len(value) > limit:
        return env._(
            "%(field)s is too long: %(length)s characters, at most %(limit)s.",
            field=label,
            length=len(value),
            limit=limit,
        )
    return None


def check_text(env, value, label, limit=None, multiline=False):
    """``value`` in Unicode NFC without surrounding blanks (runs of blanks
    made one space unless ``multiline``); ValidationError naming ``label``
    when it is not a text, holds control characters or is longer than
    ``limit`` characters."""
    if not isinstance(value, str):
        raise ValidationError(env._("%(field)s must be a text.", field=label))
    text = unicodedata.normalize("NFC", value).strip()
    if not multiline:
        text = " ".join(text.split())
    problem = text_problem(env, text, label, limit)
    if problem:
        raise ValidationError(problem)
    return text


def shown(value):
    """``value`` as it may be repeated in a message: without control
    characters and shortened."""
    text = CONTROL_CHARS.sub("\ufffd", str(value))
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


# First characters that make a spreadsheet read a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as a cell of a CSV file that a spreadsheet shows as text and
    never runs as a formula (CSV injection, e.g. ``=HYPERLINK(…)``): a text
    starting with = + - @, a tab or a carriage return gets a leading
    apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
