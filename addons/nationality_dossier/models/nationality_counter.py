# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class NationalityCounter(models.Model):
    """Gap-free counters for official numbers that restart per unit and per
    period (dossier codes per receiving unit and day, register lines and letter
    numbers per unit and year). One row per scope, incremented atomically."""

    _name = "nationality.counter"
    _description = "Official numbering counter"
    _log_access = False

    scope = fields.Char(required=True, index=True, readonly=True)
    value = fields.Integer(required=True, default=0, readonly=True)

    _sql_constraints = [
        ("scope_unique", "unique(scope)", "A counter scope must be unique."),
    ]

    @api.model
    def next_value(self, scope):
        """Increment the counter of ``scope`` and return its new value.

        The upsert takes a row lock held until the transaction ends, so two
        concurrent transactions never receive the same number, and a rolled
        back transaction gives its number back."""
        self.env.cr.execute(
            """
            INSERT INTO nationality_counter (scope, value) VALUES (%s, 1)
            ON CONFLICT (scope) DO UPDATE SET value = nationality_counter.value + 1
            RETURNING value
            """,
            (scope,),
        )
        return self.env.cr.fetchone()[0]
