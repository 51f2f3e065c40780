# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools.person_input import format_birth_date, is_possible_birth_date

# How much of a date of birth is known.
BIRTH_DATE_PRECISIONS = [("day", "Full date"), ("month", "Month and year"), ("year", "Year only")]


class NationalityBirthDateMixin(models.AbstractModel):
    """A date of birth known to the day, to the month or only to the year (a
    year-only or month-only date is stored on its first day), with its year
    and its display as people write it. Shared by the persons of the dossiers,
    of the nationality lookups and of the nationality records."""

    _name = "nationality.birth.date.mixin"
    _description = "Date of birth known to the day, month or year"

    birth_date = fields.Date(string="Date of birth")
    birth_date_precision = fields.Selection(
        BIRTH_DATE_PRECISIONS,
        string="Known part of the date of birth",
        default="day",
        required=True,
    )
    birth_year = fields.Integer(string="Year of birth", compute="_compute_birth_year", store=True)
    birth_date_display = fields.Char(string="Born", compute="_compute_birth_date_display")

    @api.depends("birth_date")
    def _compute_birth_year(self):
        for person in self:
            person.birth_year = person.birth_date.year if person.birth_date else 0

    @api.depends("birth_date", "birth_date_precision")
    def _compute_birth_date_display(self):
        for person in self:
            person.birth_date_display = format_birth_date(
                person.birth_date, person.birth_date_precision
            )

    def _has_impossible_birth_date(self, today):
        """True when the date of birth is known and after ``today`` or too
        far in the past to be true (a typing mistake)."""
        self.ensure_one()
        return bool(self.birth_date) and not is_possible_birth_date(self.birth_date, today)
