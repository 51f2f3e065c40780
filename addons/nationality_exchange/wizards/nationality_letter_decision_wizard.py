# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class NationalityLetterDecisionWizard(models.TransientModel):
    _name = "nationality.letter.decision.wizard"
    _inherit = ["nationality.letter.answer.wizard"]
    _description = "Record a decision and notify the department"

    decision_number = fields.Char(required=True, help="Number and notation, e.g. 1234/QĐ-CTN.")
    decision_date = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many(
        "nationality.letter.decision.wizard.line", "wizard_id", string="List of persons"
    )
    notation = fields.Char(help="Notation of the notice letter, e.g. HCTP-QT.")
    subject = fields.Char(help="Left empty, the subject names the decision and the proposal.")

    @api.model
    def _default_line_values(self, dossier):
        return dict(super()._default_line_values(dossier), result="granted")

    def action_confirm(self):
        self.ensure_one()
        answer = self.letter_id._notify_decision(
            self.decision_number,
            self.decision_date,
            [(line.dossier_id, line.result, line.note) for line in self.line_ids],
            notation=self.notation,
            subject=self.subject,
        )
        return answer._form_action()


class NationalityLetterDecisionWizardLine(models.TransientModel):
    _name = "nationality.letter.decision.wizard.line"
    _description = "Decision on one dossier"

    wizard_id = fields.Many2one(
        "nationality.letter.decision.wizard", required=True, ondelete="cascade"
    )
    dossier_id = fields.Many2one("nationality.dossier", required=True)
    full_name = fields.Char(related="dossier_id.full_name")
    result = fields.Selection(
        [("granted", "Granted"), ("refused", "Not granted")], required=True, default="granted"
    )
    note = fields.Char(string="Reasons or remarks")

    @api.model_create_multi
    def create(self, vals_list):
        # The line shows the applicant's name (a related field, read as
        # superuser): only for a dossier the user may read, as on the letter
        # the decision is notified with.
        Person = self.env["nationality.letter.person"]
        for vals in vals_list:
            Person._check_dossier_readable(vals)
        return super().create(vals_list)

    def write(self, vals):
        self.env["nationality.letter.person"]._check_dossier_readable(vals, self)
        return super().write(vals)
