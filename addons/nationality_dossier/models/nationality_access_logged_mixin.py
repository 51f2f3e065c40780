# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextvars
import re

from odoo import _, api, models

# Set while one read of personal data is being logged: the reads it makes
# itself (``web_read`` calls ``read``; a form reads its lines) are part of it.
_read_logging = contextvars.ContextVar("nationality_read_logging", default=False)

# Fields that group or count the records without showing a person: the
# workflow, the organisation, statistics a dashboard shows. Grouping by any
# other field (a name, a number, a day of birth; the creator, who is the
# applicant of a dossier filed online) lists personal data.
OPERATIONAL_FIELDS = frozenset(
    {
        "id",
        "__count",
        "create_date",
        "write_date",
        "company_id",
        "state",
        "stage_id",
        "stage_agency_type",
        "procedure_id",
        "procedure_code",
        "rule_version_id",
        "channel",
        "user_id",
        "ministry_user_id",
        "received_by_id",
        "accepted_by_id",
        "date_filed",
        "date_received",
        "date_accepted",
        "date_appointment",
        "date_due",
        "stage_date_due",
        "days_left",
        "is_overdue",
        "is_due_soon",
        "reached_ministry",
        "register_id",
        "register_year",
        "fee_paid",
        "decision_result",
        "decision_date",
        "gender",
        "nationality_ids",
        "stateless",
        "residence_country_id",
        "province_id",
        "foreign_country_id",
        "sequence",
        "requirement",
        "condition",
        "checklist_item_id",
        "document_type_id",
        "is_applicable",
        "is_satisfied",
        "is_blocking",
        "relation",
        "is_minor",
        "applies_with_applicant",
        "event_type",
        "authority",
    }
)
# A read_group field ("name", "name:agg", "alias:agg(name)") or groupby
# ("name", "name:granularity", "path.name") specification.
_GROUP_SPEC = re.compile(r"^\s*([\w.]+)(?::(\w+)(?:\(([\w.]+)\))?)?\s*$")


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

    @api.model
    def _nationality_log_company(self):
        """The agency that holds these records in the access log, when the
        records do not say it themselves (``company_id``)."""
        return None

    @api.model
    def _nationality_personal_group_fields(self, specs):
        """The fields named by read_group ``specs`` that show a person."""
        names = set()
        for spec in specs or ():
            if not isinstance(spec, str):
                continue
            match = _GROUP_SPEC.match(spec)
            if match:
                name = (match.group(3) or match.group(1)).split(".")[0]
            else:
                name = spec.split(":")[0].split(".")[0].strip()
            if name in self._fields and name not in OPERATIONAL_FIELDS:
                names.add(name)
        return names

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
            self.env["nationality.access.log"]._log_read(
                records, fields, company=self._nationality_log_company()
            )
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

    @api.model
    @logs_reads
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        # Grouping by a name or a number, or aggregating them (array_agg),
        # lists personal data without reading a record: one line per call.
        result = super().read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
        )
        groupby_specs = [groupby] if isinstance(groupby, str) else list(groupby or ())
        personal = self._nationality_personal_group_fields(list(fields or ()) + groupby_specs)
        if personal and result and not _read_logging.get():
            self.env["nationality.access.log"]._log_event(
                "list",
                self._name,
                _(
                    "%(model)s grouped by personal data (%(groups)s groups)",
                    model=self._description,
                    groups=len(result),
                ),
                details={
                    "domain": domain,
                    "fields": list(fields or ()),
                    "groupby": groupby_specs,
                    "personal_fields": sorted(personal),
                },
                company=self._nationality_log_company() or self.env.company,
            )
        return result

    @api.model
    @logs_reads
    def web_read_group(
        self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True
    ):
        # Read/write: it may log a grouping by personal data (read_group).
        return super().web_read_group(
            domain, fields, groupby, limit=limit, offset=offset, orderby=orderby, lazy=lazy
        )
