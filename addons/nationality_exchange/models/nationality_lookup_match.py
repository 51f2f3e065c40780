# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class NationalityLookupMatch(models.Model):
    """A candidate record found in the registry for a person of a lookup
    request, with its rank, score and the reason of the match."""

    _name = "nationality.lookup.match"
    _inherit = ["nationality.record.candidate.mixin"]
    _description = "Registry candidate for a looked-up person"
    _order = "person_id, rank, id"

    person_id = fields.Many2one(
        "nationality.lookup.person", required=True, ondelete="cascade", index=True
    )
    request_id = fields.Many2one(related="person_id.request_id", store=True, index=True)
    record_id = fields.Many2one(ondelete="cascade", index=True)
    is_confirmed = fields.Boolean(compute="_compute_is_confirmed", string="Confirmed")

    def _compute_is_confirmed(self):
        for match in self:
            match.is_confirmed = match.person_id.result_record_id == match.record_id

    def action_confirm(self):
        """This record is the person: take its event as the result."""
        self.ensure_one()
        self.person_id._confirm_record(self.record_id)
        return True
