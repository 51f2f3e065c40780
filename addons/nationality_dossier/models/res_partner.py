# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression


class ResPartner(models.Model):
    """The applicants' contacts are personal data: the record rules of
    ``security/res_partner_rules.xml`` show them to internal users only
    through the dossiers these users may read. The two fields below are the
    searchable conditions of those rules (res.users inherits them through its
    partner, so the portal logins follow the same rules)."""

    _inherit = "res.partner"

    nationality_applicant = fields.Boolean(
        string="Nationality applicant",
        compute="_compute_nationality_applicant",
        search="_search_nationality_applicant",
        help="The contact of a portal (citizen) account, or the applicant contact of a "
        "nationality dossier; internal users see it only through the dossiers they may read.",
    )
    nationality_dossier_readable = fields.Boolean(
        string="Applicant of a dossier I may read",
        compute="_compute_nationality_dossier_readable",
        search="_search_nationality_dossier_readable",
    )

    @api.model
    def _nationality_applicant_domain(self):
        """Contacts without internal user that own a portal account or are the
        applicant contact of a dossier; the companies' own contacts excepted."""
        # sudo: which contacts are applicants is decided on every portal account,
        # dossier and company, whoever asks; only their ids are used, in a
        # subquery of the record rule (itself evaluated as superuser by the ORM).
        users = self.env["res.users"].sudo().with_context(active_test=False)
        dossiers = self.env["nationality.dossier"].sudo().with_context(active_test=False)
        companies = self.env["res.company"].sudo().with_context(active_test=False)
        portal_query = users._search([("share", "=", True)])
        dossier_query = dossiers._search([("partner_id", "!=", False)])
        company_query = companies._search([])
        return [
            ("partner_share", "=", True),
            (
                "id",
                "not in",
                company_query.subselect(
                    companies._field_to_sql(companies._table, "partner_id", company_query)
                ),
            ),
            "|",
            (
                "id",
                "in",
                portal_query.subselect(
                    users._field_to_sql(users._table, "partner_id", portal_query)
                ),
            ),
            (
                "id",
                "in",
                dossier_query.subselect(
                    dossiers._field_to_sql(dossiers._table, "partner_id", dossier_query)
                ),
            ),
        ]

    @api.model
    def _nationality_dossier_readable_domain(self):
        """Contacts that are the applicant of a dossier the current user may
        read: the dossiers' own record rules decide (department, Ministry,
        administrators, online drafts kept private...)."""
        # sudo(False): record rules are evaluated as superuser; the dossiers
        # must be searched with the real user's rights.
        dossiers = self.env["nationality.dossier"].sudo(False)
        if not dossiers.has_access("read"):
            return expression.FALSE_DOMAIN
        query = dossiers._search([("partner_id", "!=", False)])
        return [
            (
                "id",
                "in",
                query.subselect(dossiers._field_to_sql(dossiers._table, "partner_id", query)),
            )
        ]

    @staticmethod
    def _nationality_boolean_search(domain, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(f"Unsupported search: {operator} {value!r}")
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]

    def _search_nationality_applicant(self, operator, value):
        return self._nationality_boolean_search(
            self._nationality_applicant_domain(), operator, value
        )

    def _search_nationality_dossier_readable(self, operator, value):
        return self._nationality_boolean_search(
            self._nationality_dossier_readable_domain(), operator, value
        )

    def _compute_nationality_applicant(self):
        # sudo: see _nationality_applicant_domain.
        applicants = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "in", self.ids), *self._nationality_applicant_domain()])
        )
        for partner in self:
            partner.nationality_applicant = partner.id in applicants.ids

    def _compute_nationality_dossier_readable(self):
        # sudo: only filters these contacts by the dossiers the user may read.
        readable = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "in", self.ids), *self._nationality_dossier_readable_domain()])
        )
        for partner in self:
            partner.nationality_dossier_readable = partner.id in readable.ids
