# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        stream = super()._record_to_stream(record, field_name)
        # Downloads of a dossier's documents are personal data accesses. The
        # attachment may come back as sudo (a file opened with its access
        # token): the download is still the requesting user's.
        if record._name == "ir.attachment":
            self.env["nationality.access.log"]._log_attachment_downloads(record.with_env(self.env))
        return stream
