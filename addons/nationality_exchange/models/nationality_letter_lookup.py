# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class NationalityLetter(models.Model):
    """Answer letters close the lookup requests they answer."""

    _inherit = "nationality.letter"

    lookup_request_ids = fields.One2many(
        "nationality.lookup.request", "answer_letter_id", string="Lookup requests answered"
    )

    def _on_sent(self):
        result = super()._on_sent()
        if self.letter_type == "lookup_answer" and self.lookup_request_ids:
            self.lookup_request_ids._on_answer_sent(self)
        return result
