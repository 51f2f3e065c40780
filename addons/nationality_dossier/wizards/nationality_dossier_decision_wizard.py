# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class NationalityDossierDecisionWizard(models.TransientModel):
    _name = "nationality.dossier.decision.wizard"
    _description = "Record the decision on a nationality dossier"

    dossier_id = fields.Many2one("nationality.dossier", required=True, ondelete="cascade")
    result = fields.Selection([("granted", "Granted"), ("refused", "Not granted")], required=True)
    decision_number = fields.Char(help="Number and notation, e.g. 1234/QĐ-CTN.")
    decision_date = fields.Date(default=fields.Date.context_today, required=True)
    note = fields.Text(string="Reasons or remarks")

    def action_confirm(self):
        self.ensure_one()
        self.dossier_id.action_decide(
            self.result,
            decision_number=self.decision_number,
            decision_date=self.decision_date,
            note=self.note,
        )
        return {"type": "ir.actions.act_window_close"}
