# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from ..models.nationality_letter import SIGNER_COMPETENCES


class NationalityDossierForwardWizard(models.TransientModel):
    _name = "nationality.dossier.forward.wizard"
    _description = "Forward dossiers to the Ministry with a proposal letter"

    dossier_ids = fields.Many2many(
        "nationality.dossier",
        "nationality_forward_wizard_dossier_rel",
        "wizard_id",
        "dossier_id",
        string="Dossiers",
        required=True,
    )
    company_id = fields.Many2one("res.company", compute="_compute_company_id")
    receiving_agency_id = fields.Many2one(
        "nationality.agency",
        string="Sent to",
        required=True,
        domain="[('agency_type', '=', 'ministry')]",
        default=lambda self: self.env["nationality.agency"].search(
            [("agency_type", "=", "ministry")], limit=1
        ),
    )
    notation = fields.Char(compute="_compute_letter_defaults", store=True, readonly=False)
    subject = fields.Char(compute="_compute_letter_defaults", store=True, readonly=False)
    note = fields.Text(
        string="Additional paragraph",
        help="Printed in the letter before the list of persons.",
    )
    signer_competence = fields.Selection(SIGNER_COMPETENCES, string="Signing authority", default="")
    signer_position = fields.Char(compute="_compute_letter_defaults", store=True, readonly=False)
    signer_name = fields.Char(compute="_compute_letter_defaults", store=True, readonly=False)

    @api.depends("dossier_ids")
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = wizard.dossier_ids.company_id[:1]

    @api.depends("dossier_ids")
    def _compute_letter_defaults(self):
        for wizard in self:
            company = wizard.dossier_ids.company_id[:1]
            procedures = ", ".join(wizard.dossier_ids.procedure_id.mapped("name"))
            wizard.notation = company.nationality_agency_id.letter_notation or False
            wizard.subject = procedures and _(
                "Proposal to settle nationality dossiers (%(procedures)s)", procedures=procedures
            )
            wizard.signer_position = company.nationality_signer_title or False
            wizard.signer_name = company.nationality_signer_name or False

    def action_confirm(self):
        self.ensure_one()
        letter = self.dossier_ids._forward_to_ministry(
            self.receiving_agency_id,
            notation=self.notation,
            subject=self.subject,
            note=self.note,
            signer_competence=self.signer_competence,
            signer_position=self.signer_position,
            signer_name=self.signer_name,
        )
        return letter._form_action()
