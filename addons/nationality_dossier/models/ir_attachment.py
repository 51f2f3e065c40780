# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.osv import expression

from .nationality_access_logged_mixin import logs_reads

# The fields that hold a file's content.
CONTENT_FIELDS = frozenset({"datas", "raw", "db_datas"})
# What a file answers with when downloaded: its content, or the address it
# redirects to.
SERVED_FIELDS = CONTENT_FIELDS | {"type", "url"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _nationality_reads_content(self, fields):
        """Whether reading ``fields`` (None: all of them) returns the content
        of the files, not only their size (the web client asks for sizes)."""
        if self.env.context.get("bin_size") or self.env.context.get("bin_size_datas"):
            return False
        return fields is None or bool(CONTENT_FIELDS & set(fields))

    def write(self, vals):
        result = super().write(vals)
        if SERVED_FIELDS & set(vals):
            self._check_checklist_content()
        return result

    def _check_checklist_content(self):
        """A file of a dossier's checklist that gets new content is checked
        like a file newly put on the line (a clean scan cannot be swapped for
        an active one once linked)."""
        # sudo: only which lines hold these files, whatever the user may read.
        Line = self.env["nationality.dossier.document"].sudo()
        domain = expression.OR([[(name, "in", self.ids)] for name in Line._scanned_file_fields()])
        lines = Line.search(domain)
        if lines:
            Line._scan_files(lines._scanned_files() & self)

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
