# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..tools.synthetic_registry import IMPORT_COLUMNS

TEMPLATE_ROWS = (
    (
        "Nguyễn Văn An",
        "",
        "male",
        "12/03/1980",
        "Hà Nội",
        "001080012345",
        "C1234567",
        "DE",
        "renunciation",
        "1234/QĐ-CTN",
        "15/06/2015",
        "Chủ tịch nước",
        "",
    ),
    (
        "Trần Thị Bích Ngọc",
        "",
        "female",
        "1975",
        "Huế",
        "",
        "",
        "",
        "Giấy xác nhận có quốc tịch Việt Nam",
        "59/2019/XNCQT",
        "02/10/2019",
        "Sở Tư pháp thành phố Huế",
        "",
    ),
)


class NationalityRecordImportWizard(models.TransientModel):
    """Upload a historic register (CSV or XLSX) into the nationality records."""

    _name = "nationality.record.import.wizard"
    _description = "Import a nationality register"

    file = fields.Binary(required=True)
    filename = fields.Char(string="File name")
    template_file = fields.Binary(
        string="Template", readonly=True, default=lambda self: self._template()
    )
    template_filename = fields.Char(
        string="Template file name", default="nationality_records_template.csv", readonly=True
    )

    def _template(self):
        lines = [",".join(IMPORT_COLUMNS)]
        for row in TEMPLATE_ROWS:
            lines.append(",".join(f'"{value}"' if "," in value else value for value in row))
        return base64.b64encode(("\n".join(lines) + "\n").encode("utf-8-sig"))

    def action_import(self):
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose the file to import."))
        batch = self.env["nationality.record.import"].import_file(
            base64.b64decode(self.file), self.filename or "register.csv"
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Register import"),
            "res_model": "nationality.record.import",
            "res_id": batch.id,
            "view_mode": "form",
            "target": "current",
        }
