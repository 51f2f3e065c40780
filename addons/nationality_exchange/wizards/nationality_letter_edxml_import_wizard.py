# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import binascii

from odoo import _, fields, models
from odoo.exceptions import UserError


class NationalityLetterEdxmlImportWizard(models.TransientModel):
    _name = "nationality.letter.edxml.import.wizard"
    _description = "Import an edXML message"

    file = fields.Binary(string="edXML file", required=True, attachment=False)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        try:
            data = base64.b64decode(self.file or b"", validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(_("The uploaded file could not be read.")) from error
        letter, created = self.env["nationality.edxml"]._import_message(data)
        if created:
            message = _("Letter %(letter)s was recorded as received.", letter=letter.name)
        else:
            message = _(
                "This message was already recorded as letter %(letter)s; nothing was added.",
                letter=letter.name,
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if created else "warning",
                "message": message,
                "sticky": False,
                "next": {
                    "type": "ir.actions.act_window",
                    "res_model": "nationality.letter",
                    "res_id": letter.id,
                    "view_mode": "form",
                    "views": [(False, "form")],
                    "target": "current",
                },
            },
        }
