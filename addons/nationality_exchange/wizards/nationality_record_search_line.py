# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class NationalityRecordSearchLine(models.TransientModel):
    _name = "nationality.record.search.line"
    _inherit = ["nationality.record.candidate.mixin"]
    _description = "Candidate of a registry search"
    _order = "rank"

    wizard_id = fields.Many2one(
        "nationality.record.search.wizard", required=True, ondelete="cascade"
    )
