# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Drafting unit of nationality matters per agency type, used in the default
# notation of letters (e.g. 123/STP-HCTP). [U] Each agency names its own
# units; the administrator corrects the notation per agency.
DEFAULT_DRAFTING_UNITS = {"stp": "HCTP", "ministry": "QT"}


class NationalityAgency(models.Model):
    _inherit = "nationality.agency"

    letter_notation = fields.Char(
        string="Notation of official letters",
        compute="_compute_letter_notation",
        store=True,
        readonly=False,
        help="Notation printed after the number of the agency's official letters: "
        "the agency's abbreviation and the drafting unit's, upper case, joined by '-' "
        "(e.g. STP-HCTP gives 123/STP-HCTP).",
    )
    nationality_company_ids = fields.Many2many(
        "res.company",
        string="Companies in this system",
        compute="_compute_nationality_company_ids",
        search="_search_nationality_company_ids",
        help="The companies that work in this system for this agency; their staff "
        "read the letters addressed to it.",
    )

    @api.depends("short_name", "agency_type")
    def _compute_letter_notation(self):
        for agency in self:
            if agency.letter_notation:
                # Set by the administrator: keep it.
                agency.letter_notation = agency.letter_notation
                continue
            short = (agency.short_name or "").strip().upper()
            unit = DEFAULT_DRAFTING_UNITS.get(agency.agency_type)
            if short and unit:
                agency.letter_notation = f"{short}-{unit}"
            else:
                agency.letter_notation = short or False

    def _compute_nationality_company_ids(self):
        # sudo: the record rules on letters ask which companies act for an
        # agency; the answer must not depend on the companies the reader may
        # see (a plain one2many would be filtered by the company rule).
        companies = (
            self.env["res.company"].sudo().search([("nationality_agency_id", "in", self.ids)])
        )
        for agency in self:
            agency.nationality_company_ids = companies.filtered(
                lambda company, agency=agency: company.nationality_agency_id == agency
            )

    def _search_nationality_company_ids(self, operator, value):
        if operator not in ("in", "="):
            raise UserError(_("This search on the agencies' companies is not supported."))
        ids = list(value) if isinstance(value, list | tuple | set) else [value]
        # sudo: same reason as the compute above.
        companies = self.env["res.company"].sudo().browse([i for i in ids if i])
        return [("id", "in", companies.exists().nationality_agency_id.ids)]
