# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class NationalityHoliday(models.Model):
    """A day that changes Vietnam's working-day calendar: a public holiday or
    compensatory day off (no work), or a Saturday/Sunday made a working day."""

    _name = "nationality.holiday"
    _description = "Public holiday or exceptional working day"
    _order = "date desc"

    name = fields.Char(required=True)
    date = fields.Date(required=True, index=True)
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    day_type = fields.Selection(
        [
            ("holiday", "Day off (holiday or compensatory day)"),
            ("working_day", "Working day (made up on a weekend)"),
        ],
        required=True,
        default="holiday",
    )
    legal_basis = fields.Char(help="e.g. the Government announcement that set a compensatory day.")

    _sql_constraints = [
        ("date_unique", "unique(date)", "A day can be listed only once in the calendar."),
    ]

    @api.depends("date")
    def _compute_year(self):
        for holiday in self:
            holiday.year = holiday.date.year if holiday.date else 0

    @api.constrains("date", "day_type")
    def _check_day_type(self):
        for holiday in self:
            if holiday.day_type == "working_day" and holiday.date.weekday() < 5:
                raise ValidationError(
                    _(
                        "%(date)s is already a working day; only a Saturday or Sunday "
                        "can be made one.",
                        date=holiday.date.strftime("%d/%m/%Y"),
                    )
                )
