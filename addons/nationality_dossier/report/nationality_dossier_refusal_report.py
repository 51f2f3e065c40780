# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class ReportNationalityDossierRefusal(models.AbstractModel):
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ (TT 01/2018/TT-VPCP, Mẫu 03)."""

    _name = "report.nationality_dossier.report_dossier_refusal"
    _inherit = "nationality.dossier.slip.report"
    _description = "Refusal slip"

    def _is_printable(self, dossier):
        return dossier.state == "refused"

    def _not_printable_message(self, dossier):
        return _(
            "Dossier %(code)s was not refused at reception: there is no refusal slip to print.",
            code=dossier.display_name,
        )

    def _slip_values(self, dossier):
        return {
            "reason": dossier.refusal_reason or "",
            "time_received": self._time_and_date_vi(
                dossier, dossier.date_received or dossier.date_filed
            ),
            "officer": (dossier.refused_by_id or self.env.user).name,
            "place_date": self._place_and_date_vi(
                dossier.company_id, dossier, dossier.date_refused
            ),
        }
