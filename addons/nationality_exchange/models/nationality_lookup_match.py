# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class NationalityLookupMatch(models.Model):
    """A candidate record found in the registry for a person of a lookup
    request, with its rank, score and the reason of the match."""

    _name = "nationality.lookup.match"
    _description = "Registry candidate for a looked-up person"
    _order = "person_id, rank, id"

    person_id = fields.Many2one(
        "nationality.lookup.person", required=True, ondelete="cascade", index=True
    )
    request_id = fields.Many2one(related="person_id.request_id", store=True, index=True)
    rank = fields.Integer()
    record_id = fields.Many2one(
        "nationality.record", string="Record", required=True, ondelete="cascade", index=True
    )
    score = fields.Integer(
        help="0 to 100: the share of the evidence given that the record matches."
    )
    reason = fields.Char(string="Why it matches")
    full_name = fields.Char(related="record_id.full_name")
    birth_date_display = fields.Char(related="record_id.birth_date_display", string="Born")
    birth_place = fields.Char(related="record_id.birth_place")
    event_type = fields.Selection(related="record_id.event_type")
    decision_number = fields.Char(related="record_id.decision_number")
    decision_date = fields.Date(related="record_id.decision_date")
    is_confirmed = fields.Boolean(compute="_compute_is_confirmed", string="Confirmed")

    def _compute_is_confirmed(self):
        for match in self:
            match.is_confirmed = match.person_id.result_record_id == match.record_id

    def action_confirm(self):
        """This record is the person: take its event as the result."""
        self.ensure_one()
        self.person_id._confirm_record(self.record_id)
        return True
