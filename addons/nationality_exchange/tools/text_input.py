# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks of the text that people and other systems send to the exchange
(API payloads, imported files, registry records): Unicode NFC, no control
characters, bounded lengths. Refusals are ValidationErrors naming the field."""

from odoo.addons.nationality_dossier.tools.language import user_language_env
from odoo.addons.nationality_dossier.tools.person_input import (
    CONTROL_CHARS,
    has_control_characters,
    name_problem,
    normalize_id_number,
    normalize_text,
)
from odoo.exceptions import ValidationError

# Longest part of a refused value repeated in an error message.
SHOWN_LENGTH = 60
# Fields of the persons of lookups and records that hold a name: their accents
# must be on letters (``name_problem``, the rule of nationality_dossier).
PERSON_NAME_FIELDS = ("full_name", "former_name")


def has_refused_characters(value):
    """True when ``value`` holds characters that no text of the exchange
    accepts: control characters, invisible formatting characters (zero-width
    spaces, bidirectional marks, byte order marks...) and the others refused
    by the shared check of nationality_dossier (``has_control_characters``).
    Tabs and line breaks are blanks here, not refused characters."""
    return has_control_characters(value, multiline=True)


def text_problem(env, value, label, limit=None):
    """Why the text ``value`` of the field ``label`` is refused, or None.
    Tabs and line breaks are blanks, not control characters: ``check_text``
    keeps them in multi-line text and makes them spaces elsewhere."""
    if has_refused_characters(value):
        return user_language_env(env)._(
            "%(field)s contains control or invisible formatting characters; "
            "remove them and try again.",
            field=label,
        )
    if limit and len(value) > limit:
        return user_language_env(env)._(
            "%(field)s is too long: %(length)s characters, at most %(limit)s.",
            field=label,
            length=len(value),
            limit=limit,
        )
    return None


def check_text(env, value, label, limit=None, multiline=False):
    """``value`` in Unicode NFC without surrounding blanks, look-alike spaces
    and letters folded (``normalize_text``), runs of blanks made one space
    unless ``multiline``; ValidationError naming ``label``
    when it is not a text, holds control characters or is longer than
    ``limit`` characters."""
    if not isinstance(value, str):
        raise ValidationError(user_language_env(env)._("%(field)s must be a text.", field=label))
    text = normalize_text(value)
    if not multiline:
        text = " ".join(text.split())
    problem = text_problem(env, text, label, limit)
    if problem:
        raise ValidationError(problem)
    return text


def check_field_texts(model, vals, limits):
    """Refuse, with a ValidationError naming the field, a text of ``vals``
    (values about to be written on ``model``) that holds control characters
    or is longer than its limit in ``limits`` ({field name: characters})."""
    for name, limit in limits.items():
        if isinstance(vals.get(name), str):
            label = model._fields[name]._description_string(model.env)
            problem = text_problem(model.env, vals[name], label, limit)
            if problem:
                raise ValidationError(problem)


def normalize_person_texts(model, vals, single_line, limits):
    """A copy of ``vals`` (values about to be written on ``model``, the person
    of a lookup or of a record) with the texts of ``single_line`` in Unicode
    NFC with single spaces and the identity and passport numbers normalised
    (False when empty), checked by ``check_field_texts`` with ``limits`` and
    the names of PERSON_NAME_FIELDS by ``name_problem``."""
    vals = dict(vals)
    for name in single_line:
        if isinstance(vals.get(name), str):
            vals[name] = " ".join(normalize_text(vals[name]).split())
    for name in ("id_number", "passport_number"):
        if isinstance(vals.get(name), str):
            vals[name] = normalize_id_number(vals[name]) or False
    check_field_texts(model, vals, limits)
    for name in PERSON_NAME_FIELDS:
        if isinstance(vals.get(name), str):
            label = model._fields[name]._description_string(model.env)
            problem = name_problem(vals[name], label)
            if problem:
                raise ValidationError(user_language_env(model.env)._(problem))
    return vals


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
