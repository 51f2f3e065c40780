# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models


class NationalityLetterRequestWizard(models.TransientModel):
    _name = "nationality.letter.request.wizard"
    _description = "Ask a department for more documents"

    letter_id = fields.Many2one(
        "nationality.letter", string="Proposal", required=True, ondelete="cascade"
    )
    line_ids = fields.One2many(
        "nationality.letter.request.wizard.line", "wizard_id", string="Dossiers"
    )
    notation = fields.Char(help="Notation of the request letter, e.g. HCTP-QT.")
    subject = fields.Char()
    date_due = fields.Date(string="Documents expected by")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        letter = self.env["nationality.letter"].browse(values.get("letter_id"))
        if letter:
            company = letter._answering_company()
            values.setdefault("notation", company.nationality_agency_id.letter_notation)
            values.setdefault(
                "subject",
                _("Request for more documents (reply to letter %(letter)s)", letter=letter.name),
            )
            if "line_ids" in fields_list:
                dossiers = letter.dossier_ids.filtered(
                    lambda dossier: dossier.state == "in_progress"
                    and dossier.stage_id.is_ministry_stage
                )
                values["line_ids"] = [
                    fields.Command.create({"dossier_id": dossier.id}) for dossier in dossiers
                ]
        return values

    def action_confirm(self):
        self.ensure_one()
        answer = self.letter_id._request_documents(
            [(line.dossier_id, line.document_line_ids, line.note) for line in self.line_ids],
            notation=self.notation,
            subject=self.subject,
            date_due=self.date_due,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "nationality.letter",
            "res_id": answer.id,
            "view_mode": "form",
            "target": "current",
        }


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
