# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        stream = super()._record_to_stream(record, field_name)
        # The files of an official letter (the list of persons, its edXML
        # message, the files received with it) carry the personal data of the
        # letter's dossiers or persons: downloading one is logged like the
        # download of a dossier's document. The dossiers' own files that a
        # proposal carries stay attached to their checklist lines and are
        # logged by nationality_dossier.
        if (
            record._name == "ir.attachment"
            and record.res_model == "nationality.letter"
            and record.res_id
        ):
            letter = self.env["nationality.letter"].browse(record.res_id).exists()
            if letter:
                letter._log_personal_data("download", event="download", file=record.name)
        return stream
