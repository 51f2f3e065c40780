# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class NationalityDossierSupplementWizard(models.TransientModel):
    _name = "nationality.dossier.supplement.wizard"
    _description = "Request a supplement to a nationality dossier"

    dossier_id = fields.Many2one("nationality.dossier", required=True, ondelete="cascade")
    line_ids = fields.Many2many(
        "nationality.dossier.document",
        "nationality_supplement_wizard_line_rel",
        "wizard_id",
        "line_id",
        string="Missing or incorrect documents",
        domain="[('dossier_id', '=', dossier_id)]",
    )
    note = fields.Text(string="What must be supplemented or corrected")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        dossier = self.env["nationality.dossier"].browse(values.get("dossier_id"))
        if dossier and "line_ids" in fields_list:
            values["line_ids"] = [
                fields.Command.set(dossier.document_ids.filtered("is_blocking").ids)
            ]
        return values

    def action_confirm(self):
        self.ensure_one()
        self.dossier_id.action_request_supplement(note=self.note, missing_lines=self.line_ids)
        return {"type": "ir.actions.act_window_close"}
