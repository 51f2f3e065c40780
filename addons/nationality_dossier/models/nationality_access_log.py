# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib
import contextvars
import json
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.http import request
from odoo.tools import sql

_logger = logging.getLogger(__name__)

ACCESS_ACTIONS = [
    ("open", "Opened"),
    ("list", "Listed"),
    ("download", "Downloaded a document"),
    ("print", "Printed"),
    ("export", "Exported"),
    ("lookup", "Ran a nationality lookup"),
    ("send", "Sent to another agency"),
]


# The client's address during an XML-RPC or JSON-RPC call, when Odoo hides the
# HTTP request from the models (see controllers/rpc.py).
_rpc_client_address = contextvars.ContextVar("nationality_rpc_client_address", default=None)


@contextlib.contextmanager
def rpc_client_address(address):
    token = _rpc_client_address.set(address)
    try:
        yield
    finally:
        _rpc_client_address.reset(token)


class NationalityAccessLog(models.Model):
    """Append-only log of who accessed personal data, when, from where and why
    (personal data protection law 91/2025/QH15). Lines are written by the
    system only; nobody edits or deletes them through the ORM, and a database
    trigger refuses UPDATE and DELETE as well."""

    _name = "nationality.access.log"
    _description = "Personal data access log"
    _order = "access_date desc, id desc"
    _log_access = False

    access_date = fields.Datetime(string="When", required=True, readonly=True, index=True)
    # ondelete="restrict": the log outlives nothing it points to, and the
    # append-only trigger would refuse the UPDATE of a "set null" anyway.
    user_id = fields.Many2one(
        "res.users", string="Who", required=True, readonly=True, index=True, ondelete="restrict"
    )
    user_company_id = fields.Many2one(
        "res.company",
        string="Agency of the user",
        readonly=True,
        ondelete="restrict",
        help="The company (Department of Justice, Ministry…) the user worked for.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Owner of the data",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The Department of Justice or Ministry that holds the record accessed.",
    )
    action = fields.Selection(ACCESS_ACTIONS, required=True, readonly=True, index=True)
    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    res_id = fields.Integer(string="Record ID", readonly=True, index=True)
    record_name = fields.Char(string="Record", readonly=True)
    # A plain id, not a foreign key: a draft dossier may be deleted, its log stays.
    dossier_res_id = fields.Integer(string="Dossier ID", readonly=True, index=True)
    ip_address = fields.Char(string="IP address", readonly=True)
    reason = fields.Char(readonly=True, help="The reason given where one is asked.")
    details = fields.Text(readonly=True, help="e.g. the search criteria, the fields exported.")

    def init(self):
        # Append-only at the database level too: no UPDATE, no DELETE.
        self.env.cr.execute(
            """
            CREATE OR REPLACE FUNCTION nationality_access_log_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'nationality_access_log is append-only';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        if not sql.table_exists(self.env.cr, "nationality_access_log"):
            return
        self.env.cr.execute(
            """
            DROP TRIGGER IF EXISTS nationality_access_log_append_only ON nationality_access_log;
            CREATE TRIGGER nationality_access_log_append_only
                BEFORE UPDATE OR DELETE ON nationality_access_log
                FOR EACH ROW EXECUTE FUNCTION nationality_access_log_append_only();
            """
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(_("Access log lines are written by the system only."))
        return super().create(vals_list)

    def write(self, vals):
        if self:
            raise AccessError(_("The personal data access log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(_("The personal data access log cannot be deleted."))

    @api.model
    def _line_values(self, action, res_model, record_name, reason=None, details=None, company=None):
        """The values of a line for the current user and request (who, when,
        from which address, why), or None when the user is not logged.

        The system itself (cron, install: the superuser) is not logged: the
        log is about people looking at personal data. Applicants reading their
        own dossier on the portal are not staff accessing personal data: only
        internal users are logged."""
        user = self.env.user
        if user._is_superuser() or user.share:
            return None
        if isinstance(details, dict | list):
            details = json.dumps(details, ensure_ascii=False, default=str)
        ip_address = _rpc_client_address.get()
        if not ip_address and request and getattr(request, "httprequest", None):
            ip_address = request.httprequest.remote_addr
        return {
            "access_date": fields.Datetime.now(),
            "user_id": user.id,
            "user_company_id": self.env.company.id,
            "company_id": company.id if company else False,
            "action": action,
            "res_model": res_model,
            "res_id": 0,
            "record_name": record_name,
            "dossier_res_id": 0,
            "ip_address": ip_address,
            "reason": reason or False,
            "details": details or False,
        }

    @api.model
    def _log_event(self, action, res_model, description, reason=None, details=None, company=None):
        """Write one line not tied to a record, e.g. a search of the records
        of ``res_model`` described by ``description`` (its criteria go in
        ``details``); ``company`` is the agency that holds the data."""
        values = self._line_values(action, res_model, description, reason, details, company)
        # sudo: writing the log is the system's job; users never write it themselves.
        return self.sudo().create(values) if values else self.browse()

    @api.model
    def _log_export(self, records, fields_to_export, company=None):
        """Log the export of ``records``: one line each, with the exported
        fields and how many records were exported."""
        return self._log(
            "export",
            records,
            details={"fields": fields_to_export, "count": len(records)},
            company=company,
        )

    @api.model
    def _log_read(self, records, fields=None, company=None, action=None, extra_details=None):
        """Log that the current user read ``records`` (dossiers, their family
        members, their checklist lines...) through ``read``, ``search_read``
        or the web client: an "open" line for one record; for several, one
        "list" line per call and per department owning the records, with
        their ids and the fields read (``None``: not given, ``"all"``: every
        field), so that a list view does not write a line per row.

        ``action`` names another way of seeing them (e.g. "print" for a
        register listing them), ``extra_details`` is added to each line.

        Reads by the system itself (``sudo``: computes, reports, mails), by
        the superuser and by portal users are not logged."""
        if not records or records.env.su:
            return self.browse()
        if len(records) == 1:
            details = dict(extra_details or {})
            if fields is not None:
                details["fields"] = fields
            return self._log(action or "open", records, details=details or None, company=company)
        base = self._line_values(action or "list", records._name, False, company=company)
        if not base:
            return self.browse()
        by_owner = {}
        # sudo: only the owner and the dossier of records the user just read.
        for record in records.sudo():
            owner = record["company_id"] if "company_id" in record._fields else False
            by_owner.setdefault(owner.id if owner else base["company_id"], []).append(record.id)
        values = []
        for owner_id, ids in by_owner.items():
            listed = records.sudo().browse(ids)
            dossiers = (
                listed._nationality_access_dossier()
                if hasattr(listed, "_nationality_access_dossier")
                else self.env["nationality.dossier"]
            )
            details = dict(extra_details or {}, ids=ids, count=len(ids))
            if fields is not None:
                details["fields"] = fields
            values.append(
                dict(
                    base,
                    company_id=owner_id,
                    record_name=_("%(count)s records", count=len(ids)),
                    dossier_res_id=dossiers.id if len(dossiers) == 1 else 0,
                    details=json.dumps(details, ensure_ascii=False, default=str),
                )
            )
        # sudo: writing the log is the system's job; users never write it themselves.
        return self.sudo().create(values)

    @api.model
    def _log_attachment_downloads(self, attachments):
        """Log a "download" line per file of ``attachments`` that belongs to a
        record holding personal data (a dossier, one of its checklist lines, a
        letter...), on that record."""
        lines = self.browse()
        if attachments.env.su:
            return lines
        # sudo: which record a file the user may read belongs to.
        for attachment in attachments.sudo():
            if not (attachment.res_model and attachment.res_id):
                continue
            Model = self.env.get(attachment.res_model)
            if Model is None or not hasattr(Model, "_nationality_access_dossier"):
                continue
            owner = Model.browse(attachment.res_id).exists()
            if owner:
                lines |= self._log("download", owner, details={"file": attachment.name})
        return lines

    @api.model
    def _log(self, action, records, reason=None, details=None, company=None):
        """Write one line per record of ``records`` for the current user.
        The owner of the data is the record's company, else ``company``."""
        if not records:
            return self.browse()
        base = self._line_values(action, records._name, False, reason, details, company)
        if not base:
            return self.browse()
        values = []
        for record in records:
            dossier = (
                record._nationality_access_dossier()
                if hasattr(record, "_nationality_access_dossier")
                else self.env["nationality.dossier"]
            )
            owner = record["company_id"] if "company_id" in record._fields else False
            values.append(
                dict(
                    base,
                    company_id=owner.id if owner else base["company_id"],
                    res_id=record.id,
                    record_name=record.sudo().display_name,
                    dossier_res_id=dossier.id,
                )
            )
        # sudo: writing the log is the system's job; users never write it themselves.
        return self.sudo().create(values)
