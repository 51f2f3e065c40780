# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .nationality_access_logged_mixin import logs_reads

# The fields that hold a file's content.
CONTENT_FIELDS = frozenset({"datas", "raw", "db_datas"})


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _nationality_reads_content(self, fields):
        """Whether reading ``fields`` (None: all of them) returns the content
        of the files, not only their size (the web client asks for sizes)."""
        if self.env.context.get("bin_size") or self.env.context.get("bin_size_datas"):
            return False
        return fields is None or bool(CONTENT_FIELDS & set(fields))

    @logs_reads
    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields, load)
        # Reading the content of a dossier's file over RPC is a download.
        if self._nationality_reads_content(fields):
            self.env["nationality.access.log"]._log_attachment_downloads(self)
        return result

    @api.model
    @logs_reads
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        result = super().search_read(domain, fields, offset, limit, order, **read_kwargs)
        if result and self._nationality_reads_content(fields):
            read = self.browse([values["id"] for values in result])
            self.env["nationality.access.log"]._log_attachment_downloads(read)
        return result
