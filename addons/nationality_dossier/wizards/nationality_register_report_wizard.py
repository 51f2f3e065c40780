# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import date_utils


class NationalityRegisterReportWizard(models.TransientModel):
    """Print the register of dossiers (sổ thụ lý) of a period."""

    _name = "nationality.register.report.wizard"
    _description = "Print the register of nationality dossiers"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_date_to())
    company_id = fields.Many2one(
        "res.company",
        string="Receiving department",
        default=lambda self: self._default_company_id(),
        help="Leave empty to list every dossier you may read, whatever its department.",
    )
    procedure_id = fields.Many2one("nationality.procedure", string="Procedure")
    register_id = fields.Many2one("nationality.register", string="Register")

    @api.model
    def _default_date_from(self):
        return date_utils.start_of(fields.Date.context_today(self), "month")

    @api.model
    def _default_date_to(self):
        return date_utils.end_of(fields.Date.context_today(self), "month")

    @api.model
    def _default_company_id(self):
        # The Ministry receives no dossier itself: its officers list the
        # dossiers of every department that reached them.
        company = self.env.company
        if company.nationality_agency_id.agency_type == "ministry":
            return False
        return company

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from and wizard.date_to and wizard.date_from > wizard.date_to:
                raise ValidationError(_("The period must start before it ends."))

    def _report_data(self):
        """The wizard's values as the register report reads them (JSON-safe)."""
        self.ensure_one()
        return {
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
            "company_id": self.company_id.id,
            "procedure_id": self.procedure_id.id,
            "register_id": self.register_id.id,
        }

    def action_print(self):
        self.ensure_one()
        return self.env.ref("nationality_dossier.action_report_nationality_register").report_action(
            # config=False: the register has its own heading, not the
            # company's document layout, so there is nothing to configure.
            self,
            data=self._report_data(),
            config=False,
        )
