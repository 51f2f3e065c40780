# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .nationality_dossier_slip_report import DECISION_RESULTS_VI


class ReportNationalityRegister(models.AbstractModel):
    """Sổ thụ lý hồ sơ các việc về quốc tịch: the dossiers accepted in a
    period, one table per register, in the order of their register lines."""

    _name = "report.nationality_dossier.report_nationality_register"
    _description = "Register of dossiers"

    @api.model
    def _get_report_values(self, docids, data=None):
        params = self._register_params(docids, data)
        Slip = self.env["nationality.dossier.slip.report"]
        lang = Slip._paper_lang()
        # As the current user, without sudo: the register lists only the
        # dossiers the record rules let this user read.
        dossiers = (
            self.env["nationality.dossier"]
            .with_context(lang=lang)
            .search(self._register_domain(params))
        )
        # The register lists every applicant of the period: personal data
        # seen, logged like a list of the dossiers.
        self.env["nationality.access.log"]._log_read(
            dossiers,
            action="print",
            extra_details={
                "report": self._name,
                "date_from": params["date_from"],
                "date_to": params["date_to"],
            },
        )
        several_companies = len(dossiers.company_id) > 1
        groups = {}
        for dossier in dossiers.sorted(
            lambda d: (
                d.procedure_id.register_id.code or "",
                d.register_year,
                d.register_number,
                d.date_accepted,
                d.id,
            )
        ):
            register = dossier.procedure_id.register_id
            group = groups.setdefault(
                register.id,
                {"name": register.name or "", "code": register.code or "", "rows": []},
            )
            group["rows"].append(self._register_row(dossier, several_companies))
        company = params["company"] or self.env.company
        Dossier = self.env["nationality.dossier"]
        return {
            "doc_ids": docids,
            "doc_model": "nationality.register.report.wizard",
            "docs": self.env["nationality.register.report.wizard"].browse(docids or []),
            "register": {
                "agency_name": (company.name or "").upper(),
                "date_from": Dossier._format_date(params["date_from"]),
                "date_to": Dossier._format_date(params["date_to"]),
                "groups": list(groups.values()),
                "count": len(dossiers),
                "place_date": Slip._place_and_date_vi(company, Dossier),
                "procedure": Slip._procedure_title_vi(params["procedure"]),
                "register_filter": params["register"].with_context(lang=lang).name or "",
            },
        }

    @api.model
    def _register_params(self, docids, data):
        """The period and filters, from ``data`` (the wizard's values as sent
        by the web client) or else from the wizard records ``docids``."""
        data = data or {}
        if data.get("date_from") or data.get("date_to"):
            values = data
        elif docids:
            wizard = self.env["nationality.register.report.wizard"].browse(docids)[:1]
            values = wizard._report_data()
        else:
            raise UserError(_("Choose the period of the register to print."))
        date_from = fields.Date.to_date(values.get("date_from"))
        date_to = fields.Date.to_date(values.get("date_to"))
        if not date_from or not date_to:
            raise UserError(_("Choose the first and the last day of the register's period."))
        if date_from > date_to:
            raise UserError(
                _(
                    "The period of the register starts on %(start)s, after its end %(end)s.",
                    start=date_from.strftime("%d/%m/%Y"),
                    end=date_to.strftime("%d/%m/%Y"),
                )
            )
        company = self.env["res.company"].browse(values.get("company_id") or [])
        # Raises when the user may not read that department: an STP officer
        # prints only the register of their own department.
        company.check_access("read")
        procedure = self.env["nationality.procedure"].browse(values.get("procedure_id") or [])
        register = self.env["nationality.register"].browse(values.get("register_id") or [])
        return {
            "date_from": date_from,
            "date_to": date_to,
            "company": company,
            "procedure": procedure,
            "register": register,
        }

    @api.model
    def _register_domain(self, params):
        """Dossiers with a register line, accepted between the first and the
        last day of the period (days of the user's time zone)."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")

        def utc(day):
            local = tz.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        domain = [
            ("register_number", ">", 0),
            ("date_accepted", ">=", utc(params["date_from"])),
            ("date_accepted", "<", utc(params["date_to"] + timedelta(days=1))),
        ]
        if params["company"]:
            domain.append(("company_id", "=", params["company"].id))
        if params["procedure"]:
            domain.append(("procedure_id", "=", params["procedure"].id))
        if params["register"]:
            domain.append(("procedure_id.register_id", "=", params["register"].id))
        return domain

    @api.model
    def _register_row(self, dossier, several_companies):
        Slip = self.env["nationality.dossier.slip.report"]
        received = Slip._local_date(dossier, dossier.date_received or dossier.date_accepted)
        accepted = Slip._local_date(dossier, dossier.date_accepted)
        decision = []
        if dossier.decision_result:
            decision.append(DECISION_RESULTS_VI[dossier.decision_result])
        if dossier.decision_number:
            decision.append(f"Số {dossier.decision_number}")
        notes = []
        if several_companies:
            # sudo: only the receiving department's name, which the user sees
            # on the dossier already; a ministry officer may not read the
            # company records of the departments.
            notes.append(dossier.company_id.sudo().name)
        if dossier.state == "supplement":
            notes.append("Đang chờ bổ sung hồ sơ")
        elif dossier.supplement_count:
            notes.append(f"Đã yêu cầu bổ sung {dossier.supplement_count} lần")
        if dossier.state == "withdrawn":
            notes.append(f"Rút hồ sơ ngày {dossier._format_date(dossier.date_withdrawn)}")
        if dossier.state == "in_progress" and dossier.is_overdue:
            notes.append("Đang quá hạn")
        if dossier.date_decided and dossier.date_due and not dossier.on_time:
            notes.append("Giải quyết quá hạn")
        return {
            "number": dossier.register_number,
            "code": dossier.name,
            "date_received": dossier._format_date(received),
            "date_accepted": (
                dossier._format_date(accepted) if accepted and accepted != received else ""
            ),
            "applicant": dossier.full_name,
            "procedure": Slip._procedure_title_vi(dossier.procedure_id),
            "date_due": dossier._format_date(dossier.date_due),
            "date_decided": dossier._format_date(dossier.decision_date),
            "decision": ", ".join(decision),
            "date_delivered": dossier._format_date(dossier.date_delivered),
            "notes": "; ".join(note for note in notes if note),
        }
