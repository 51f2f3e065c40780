# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class NationalityRecordSearchLine(models.TransientModel):
    _name = "nationality.record.search.line"
    _description = "Candidate of a registry search"
    _order = "rank"

    wizard_id = fields.Many2one(
        "nationality.record.search.wizard", required=True, ondelete="cascade"
    )
    rank = fields.Integer()
    record_id = fields.Many2one("nationality.record", string="Record", required=True)
    score = fields.Integer()
    reason = fields.Char(string="Why it matches")
    full_name = fields.Char(related="record_id.full_name")
    birth_date_display = fields.Char(related="record_id.birth_date_display", string="Born")
    birth_place = fields.Char(related="record_id.birth_place")
    event_type = fields.Selection(related="record_id.event_type")
    decision_number = fields.Char(related="record_id.decision_number")
    decision_date = fields.Date(related="record_id.decision_date")
