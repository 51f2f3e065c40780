# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.addons.nationality_dossier.models.nationality_dossier import _workflow_active
from odoo.exceptions import AccessError


class NationalityLetterTrace(models.Model):
    """One step of a letter's way between agencies (edXML TraceHeader):
    the agency's electronic identifier and when the letter passed it.
    Written by the exchange only, as the letter is sent, received or
    imported; never changed afterwards."""

    _name = "nationality.letter.trace"
    _description = "Official letter trace"
    _order = "letter_id, timestamp, id"

    letter_id = fields.Many2one("nationality.letter", required=True, ondelete="cascade", index=True)
    organ_code = fields.Char(string="Electronic identifier", required=True)
    agency_id = fields.Many2one("nationality.agency", string="Agency")
    timestamp = fields.Datetime(required=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not _workflow_active.get():
            raise AccessError(_("The trace of a letter is written by the exchange only."))
        return super().create(vals_list)

    def write(self, vals):
        if not _workflow_active.get():
            raise AccessError(_("The trace of a letter is written by the exchange only."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_the_exchange(self):
        if not _workflow_active.get():
            raise AccessError(_("The trace of a letter is written by the exchange only."))
