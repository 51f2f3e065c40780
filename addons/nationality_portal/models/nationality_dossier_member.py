# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import AccessError

# What an applicant may write on a family member of their own draft.
PORTAL_MEMBER_FIELDS = frozenset(
    {
        "full_name",
        "other_names",
        "gender",
        "birth_date",
        "birth_date_precision",
        "birth_place",
        "nationality_ids",
        "stateless",
        "id_document_type",
        "id_document_number",
        "relation",
        "is_vietnamese_citizen",
        "residence",
        "applies_with_applicant",
        "vietnamese_name_requested",
        "sequence",
    }
)


class NationalityDossierMember(models.Model):
    _inherit = "nationality.dossier.member"

    def _portal_restricted(self):
        return self.env.user.share and not self.env.su

    def _portal_check_fields(self, names):
        forbidden = set(names) - PORTAL_MEMBER_FIELDS
        if forbidden:
            raise AccessError(
                _(
                    "You cannot set these fields of a family member: %(fields)s",
                    fields=", ".join(sorted(forbidden)),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if self._portal_restricted():
            for vals in vals_list:
                self._portal_check_fields(set(vals) - {"dossier_id"})
            dossier_ids = [vals.get("dossier_id") for vals in vals_list if vals.get("dossier_id")]
            self.env["nationality.dossier"].browse(dossier_ids)._portal_check_not_sent()
        return super().create(vals_list)

    def write(self, vals):
        if self._portal_restricted():
            self._portal_check_fields(vals)
            self.sudo().dossier_id.with_env(self.env)._portal_check_not_sent()
        return super().write(vals)

    def unlink(self):
        if self._portal_restricted():
            self.sudo().dossier_id.with_env(self.env)._portal_check_not_sent()
        return super().unlink()
