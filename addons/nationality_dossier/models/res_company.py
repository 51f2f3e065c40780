# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.dates import vietnam_today

DEFAULT_DOSSIER_CODE_FORMAT = "{unit}-{yymmdd}-{seq:04d}"


class ResCompany(models.Model):
    _inherit = "res.company"

    nationality_agency_id = fields.Many2one(
        "nationality.agency",
        string="Nationality agency",
        help="The agency this company is in the nationality system: a Department "
        "of Justice or the Ministry.",
    )
    nationality_unit_code = fields.Char(
        related="nationality_agency_id.code", string="Electronic identifier"
    )
    nationality_dossier_code_format = fields.Char(
        string="Dossier code format",
        default=DEFAULT_DOSSIER_CODE_FORMAT,
        required=True,
        help="Placeholders: {unit} electronic identifier, {yymmdd} {yyyy} {mm} {dd} "
        "date received, {seq} number of the day (e.g. {seq:04d}).",
    )
    nationality_place_name = fields.Char(
        string="Place name on papers", help="e.g. Hà Nội, for 'Hà Nội, ngày … tháng … năm …'."
    )
    nationality_signer_title = fields.Char(string="Signer's title on papers")
    nationality_signer_name = fields.Char(string="Signer's name on papers")

    @api.constrains("nationality_dossier_code_format")
    def _check_nationality_dossier_code_format(self):
        for company in self:
            samples = set()
            for seq in (1, 2):
                try:
                    samples.add(
                        company.nationality_dossier_code_format.format(
                            unit="000.00.00.H00",
                            yymmdd="250701",
                            yyyy="2025",
                            mm="07",
                            dd="01",
                            seq=seq,
                        )
                    )
                except (KeyError, IndexError, ValueError) as error:
                    raise ValidationError(
                        _("The dossier code format is not valid: %(error)s", error=error)
                    ) from error
            # Two dossiers of the same day must get different codes.
            if len(samples) < 2:
                raise ValidationError(_("The dossier code format must contain {seq}."))

    def _nationality_next_dossier_code(self, on_date=None):
        """Next dossier code of this receiving unit for ``on_date`` (default: today),
        in the one-stop format <unit>-<yymmdd>-<number of the day>."""
        self.ensure_one()
        on_date = on_date or vietnam_today(self.env)
        unit = self.nationality_unit_code or f"C{self.id:03d}"
        # sudo: the counter is internal bookkeeping; callers include portal users.
        seq = (
            self.env["nationality.counter"]
            .sudo()
            .next_value(f"dossier:{self.id}:{on_date.isoformat()}")
        )
        return self.nationality_dossier_code_format.format(
            unit=unit,
            yymmdd=on_date.strftime("%y%m%d"),
            yyyy=on_date.strftime("%Y"),
            mm=on_date.strftime("%m"),
            dd=on_date.strftime("%d"),
            seq=seq,
        )
