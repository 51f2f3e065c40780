# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        stream = super()._record_to_stream(record, field_name)
        # Downloads of a dossier's documents are personal data accesses.
        if record._name == "ir.attachment" and record.res_model and record.res_id:
            Model = self.env.get(record.res_model)
            if Model is not None and hasattr(Model, "_nationality_access_dossier"):
                owner = Model.browse(record.res_id).exists()
                if owner:
                    self.env["nationality.access.log"]._log(
                        "download", owner, details={"file": record.name}
                    )
        return stream
