# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class NationalityDossierReasonWizard(models.TransientModel):
    _name = "nationality.dossier.reason.wizard"
    _description = "Refuse or withdraw a nationality dossier"

    dossier_id = fields.Many2one("nationality.dossier", required=True, ondelete="cascade")
    action = fields.Selection(
        [("refuse", "Refuse at reception"), ("withdraw", "Withdrawal by the applicant")],
        required=True,
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.action == "refuse":
            self.dossier_id.action_refuse(self.reason)
        else:
            self.dossier_id.action_withdraw(self.reason)
        return {"type": "ir.actions.act_window_close"}
