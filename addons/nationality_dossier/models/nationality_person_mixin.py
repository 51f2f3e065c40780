# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.dates import latest_today
from ..tools.language import user_language_env
from ..tools.person_input import (
    IDENTITY_NUMBER,
    PASSPORT_NUMBER,
    UNREADABLE_CHAR,
    has_control_characters,
    has_letters,
    name_problem,
    normalize_id_number,
    normalize_text,
    quote_input,
)

ID_DOCUMENT_TYPES = [
    ("citizen_id", "Citizen identity card (12-digit personal ID)"),
    ("identity_card", "Former identity card (CMND)"),
    ("passport", "Passport"),
    ("residence_card", "Permanent or temporary residence card"),
    ("travel_document", "Travel document or substitute paper"),
    ("other", "Other identity paper"),
]

# Personal identification numbers on Vietnam's citizen ID card: 12 digits.
_CITIZEN_ID = re.compile(r"^[0-9]{12}\Z")
_GENERIC_ID = re.compile(r"^[A-Z0-9][A-Z0-9/\-. ]{1,39}\Z")

# Longest values accepted for a person's identity data, in characters: generous
# for real names and places, but bounded.
PERSON_TEXT_LIMITS = {
    "full_name": 150,
    "other_names": 250,
    "birth_place": 250,
    "ethnicity": 60,
    "religion": 60,
    "id_document_number": 40,
    "id_document_issuer": 250,
    "occupation": 150,
    "workplace": 250,
}
# Fields that hold a person's name: they need at least one visible letter.
PERSON_NAME_FIELDS = frozenset({"full_name", "other_names"})


class NationalityPersonMixin(models.AbstractModel):
    """Identity data of a person as the nationality forms ask for it. Shared by
    the applicant of a dossier and by the family members listed in it."""

    _name = "nationality.person.mixin"
    _inherit = ["nationality.birth.date.mixin"]
    _description = "Person identity data"

    full_name = fields.Char(
        required=True,
        index="trigram",
        help="As in the passport or identity paper, with diacritics.",
    )
    other_names = fields.Char(help="Other names used, if any.")
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    # The date of birth comes from nationality.birth.date.mixin; here its year
    # is indexed too.
    birth_year = fields.Integer(index=True)
    birth_place = fields.Char(string="Place of birth")
    nationality_ids = fields.Many2many("res.country", string="Current nationalities")
    stateless = fields.Boolean()
    ethnicity = fields.Char()
    religion = fields.Char()
    id_document_type = fields.Selection(ID_DOCUMENT_TYPES, string="Identity paper")
    id_document_number = fields.Char(string="Identity paper number", index=True)
    id_document_issue_date = fields.Date(string="Issued on")
    id_document_issuer = fields.Char(string="Issued by")
    occupation = fields.Char()
    workplace = fields.Char()

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = latest_today(self.env)
        for person in self:
            if person._has_impossible_birth_date(today):
                raise ValidationError(
                    _(
                        "The date of birth of %(name)s (%(date)s) is not possible.",
                        name=person.full_name,
                        date=person.birth_date_display,
                    )
                )

    @api.constrains("id_document_type", "id_document_number")
    def _check_id_document_number(self):
        for person in self:
            number = person.id_document_number
            if not number:
                continue
            kind = person.id_document_type
            if kind == "citizen_id" and not _CITIZEN_ID.match(number):
                message = _("A citizen ID number has exactly 12 digits.")
            elif kind == "identity_card" and not IDENTITY_NUMBER.match(number):
                message = _("A former identity card number has 9 or 12 digits.")
            elif kind == "passport" and not PASSPORT_NUMBER.match(number):
                message = _(
                    "A passport number has 5 to 20 letters and digits, with at least one digit."
                )
            elif kind not in ("citizen_id", "identity_card", "passport") and not _GENERIC_ID.match(
                number
            ):
                message = _("An identity paper number has letters, digits, '/', '-' or '.' only.")
            else:
                continue
            raise ValidationError(
                _(
                    "%(name)s: %(number)s is not valid. %(rule)s",
                    name=person.full_name,
                    number=quote_input(number),
                    rule=message,
                )
            )

    @api.constrains("id_document_issue_date", "birth_date")
    def _check_id_document_issue_date(self):
        today = latest_today(self.env)
        for person in self.filtered("id_document_issue_date"):
            issued = person.id_document_issue_date
            if person.birth_date and issued < person.birth_date:
                raise ValidationError(
                    _(
                        "%(name)s: the identity paper cannot have been issued on %(issued)s, "
                        "before the date of birth (%(born)s).",
                        name=person.full_name,
                        issued=issued.strftime("%d/%m/%Y"),
                        born=person.birth_date_display,
                    )
                )
            if issued > today:
                raise ValidationError(
                    _(
                        "%(name)s: the identity paper issue date %(issued)s is in the future.",
                        name=person.full_name,
                        issued=issued.strftime("%d/%m/%Y"),
                    )
                )

    @api.model
    def _name_fields(self):
        """The text fields that hold a person's name; models add their own."""
        return set(PERSON_NAME_FIELDS)

    @api.model
    def _text_limits(self):
        """``{field name: longest value in characters}`` of the text fields
        people type; models add their own fields."""
        return dict(PERSON_TEXT_LIMITS)

    @api.model
    def _check_text_value(self, name, value):
        """Why ``value`` cannot be stored in the text field ``name``, or None.

        Control and invisible formatting characters are refused in every text
        field (line breaks and tabs are allowed in multi-line fields), a name
        without a visible letter counts as no name, an accent of a name must
        be on a letter and not piled on it, and the fields of
        ``_text_limits`` have a maximum length."""
        field = self._fields.get(name)
        if field is None or field.type not in ("char", "text") or not isinstance(value, str):
            return None
        label = field.get_description(self.env)["string"]
        if UNREADABLE_CHAR in value:
            return _(
                "%(field)s holds characters that could not be read (the text did not "
                "arrive as UTF-8): type it again.",
                field=label,
            )
        if has_control_characters(value, multiline=field.type == "text"):
            return _(
                "%(field)s contains control or invisible formatting characters: "
                "type it again without them.",
                field=label,
            )
        if name in self._name_fields() and value.strip() and not has_letters(value):
            # Punctuation, digits or blank-looking characters only: no name.
            return _(
                "%(field)s is required: type the name in letters, as in the identity paper.",
                field=label,
            )
        if name in self._name_fields():
            problem = name_problem(value, label)
            if problem:
                return user_language_env(self.env)._(problem)
        limit = self._text_limits().get(name)
        if limit and len(value) > limit:
            return _(
                "%(field)s is too long: %(length)s characters, at most %(limit)s.",
                field=label,
                length=len(value),
                limit=limit,
            )
        return None

    @api.model
    def _normalize_person_vals(self, vals):
        """NFC-normalize every text value about to be stored on this model
        (look-alike spaces and letters folded, runs of spaces made one in
        single-line fields), and refuse control characters, misplaced accents
        in names and values over the length limits."""
        normalized = dict(vals)
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or not isinstance(value, str):
                continue
            if name == "id_document_number":
                normalized[name] = normalize_id_number(value)
            elif field.type in ("char", "text"):
                normalized[name] = normalize_text(value, single_line=field.type == "char")
            problem = self._check_text_value(name, normalized[name])
            if problem:
                raise ValidationError(problem)
        return normalized

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalize_person_vals(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._normalize_person_vals(vals))

    def _age_on(self, on_date):
        """Age in full years on ``on_date``. A year-only date of birth is stored
        as 1 January of that year, so the age is the highest it can be."""
        self.ensure_one()
        if not self.birth_date:
            return None
        born = self.birth_date
        return on_date.year - born.year - ((on_date.month, on_date.day) < (born.month, born.day))
