# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextvars

from odoo import api, models

# Set while one read of personal data is being logged: the reads it makes
# itself (``web_read`` calls ``read``; a form reads its lines) are part of it.
_read_logging = contextvars.ContextVar("nationality_read_logging", default=False)


def logs_reads(method):
    """Mark an override of a read method as writing (the access log): the
    web client then calls it on a read/write cursor instead of a read-only
    one that would fail on the log line and be retried. The flag must be
    False, not absent: the client looks for the first method of the class
    hierarchy that sets it, and Odoo's read methods set it to True."""
    method._readonly = False
    return method


class NationalityAccessLoggedMixin(models.AbstractModel):
    """Models holding personal data whose reads by staff are written to the
    personal data access log: one line per call of ``read``, ``search_read``
    or ``web_read`` (opening a form, a list view, an RPC read), never one per
    row. The models give ``_nationality_access_dossier()``.

    The overrides are read/write (``logs_reads``), unlike Odoo's read methods:
    they write the log."""

    _name = "nationality.access.logged.mixin"
    _description = "Personal data whose reads are logged"

    def _nationality_access_dossier(self):
        return self.env["nationality.dossier"]

    def _nationality_logged_read(self, read, fields, single_details=True):
        """Run ``read()`` (returning a list of dicts with their ids) and log
        the records it returned with ``fields``, unless an outer read being
        logged made this one."""
        if _read_logging.get():
            return read()
        token = _read_logging.set(True)
        try:
            result = read()
        finally:
            _read_logging.reset(token)
        if result and isinstance(result, list):
            records = self.browse([values["id"] for values in result if values.get("id")])
            if len(records) == 1 and not single_details:
                fields = None
            self.env["nationality.access.log"]._log_read(records, fields)
        return result

    @logs_reads
    def read(self, fields=None, load="_classic_read"):
        return self._nationality_logged_read(
            lambda: super(NationalityAccessLoggedMixin, self).read(fields, load),
            list(fields) if fields else "all",
        )

    @api.model
    @logs_reads
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        return self._nationality_logged_read(
            lambda: super(NationalityAccessLoggedMixin, self).search_read(
                domain, fields, offset, limit, order, **read_kwargs
            ),
            list(fields) if fields else "all",
        )

    @api.model
    @logs_reads
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        # Read/write: it logs the rows listed (through web_read).
        return super().web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

    @logs_reads
    def web_read(self, specification):
        if not set(specification) - {"id"}:
            # Only the ids, which the caller already has.
            return super().web_read(specification)
        # Opening a form reads one record ("open"); a list view reads several.
        return self._nationality_logged_read(
            lambda: super(NationalityAccessLoggedMixin, self).web_read(specification),
            list(specification),
            single_details=False,
        )
