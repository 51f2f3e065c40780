# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class NationalityRecordCandidateMixin(models.AbstractModel):
    """A registry record found by a search, with its rank, its score and the
    reason of the match, and what the officer compares of it. Shared by the
    candidates kept for a looked-up person and by those of the search wizard."""

    _name = "nationality.record.candidate.mixin"
    _description = "Registry record found by a search"

    rank = fields.Integer()
    record_id = fields.Many2one("nationality.record", string="Record", required=True)
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
