# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models


class NationalityLetterRequestWizard(models.TransientModel):
    _name = "nationality.letter.request.wizard"
    _inherit = ["nationality.letter.answer.wizard"]
    _description = "Ask a department for more documents"

    line_ids = fields.One2many(
        "nationality.letter.request.wizard.line", "wizard_id", string="Dossiers"
    )
    notation = fields.Char(help="Notation of the request letter, e.g. HCTP-QT.")
    date_due = fields.Date(string="Documents expected by")

    @api.model
    def _default_subject(self, letter):
        return _("Request for more documents (reply to letter %(letter)s)", letter=letter.name)

    def action_confirm(self):
        self.ensure_one()
        answer = self.letter_id._request_documents(
            [(line.dossier_id, line.document_line_ids, line.note) for line in self.line_ids],
            notation=self.notation,
            subject=self.subject,
            date_due=self.date_due,
        )
        return answer._form_action()


class NationalityLetterRequestWizardLine(models.TransientModel):
    _name = "nationality.letter.request.wizard.line"
    _description = "Documents asked for one dossier"

    wizard_id = fields.Many2one(
        "nationality.letter.request.wizard", required=True, ondelete="cascade"
    )
    dossier_id = fields.Many2one("nationality.dossier", required=True)
    document_line_ids = fields.Many2many(
        "nationality.dossier.document",
        "nationality_request_wizard_document_rel",
        "line_id",
        "document_id",
        string="Documents missing or to correct",
        domain="[('dossier_id', '=', dossier_id)]",
    )
    note = fields.Char(string="What must be supplied")
