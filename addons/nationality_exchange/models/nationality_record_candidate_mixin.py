# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.addons.nationality_dossier.models.nationality_dossier import _workflow_active
from odoo.exceptions import AccessError


class NationalityRecordCandidateMixin(models.AbstractModel):
    """A registry record found by a search, with its rank, its score and the
    reason of the match, and what the officer compares of it. Shared by the
    candidates kept for a looked-up person and by those of the search wizard.

    The related fields read the record as superuser (related fields are
    computed with sudo): whoever may search the registry sees what the search
    found, without reading the registry itself. So candidates are made only
    by a registry search (see ``registry_search``), never by hand: a made-up
    candidate would show any record."""

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
    authority = fields.Char(related="record_id.authority")

    @api.model_create_multi
    def create(self, vals_list):
        if not _workflow_active.get():
            raise AccessError(_("Candidates are found by a search of the registry only."))
        return super().create(vals_list)

    def write(self, vals):
        if "record_id" in vals and not _workflow_active.get():
            raise AccessError(_("Candidates are found by a search of the registry only."))
        return super().write(vals)
