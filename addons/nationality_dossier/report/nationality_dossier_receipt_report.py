# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models

# States of a dossier that was accepted (the file was complete and the clock
# started): the receipt and appointment slip exists from then on.
ACCEPTED_STATES = ("in_progress", "decided", "delivered")


class ReportNationalityDossierReceipt(models.AbstractModel):
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả (TT 01/2018/TT-VPCP, Mẫu 01)."""

    _name = "report.nationality_dossier.report_dossier_receipt"
    _inherit = "nationality.dossier.slip.report"
    _description = "Receipt and appointment slip"

    def _is_printable(self, dossier):
        if dossier.state in ACCEPTED_STATES:
            return True
        # A supplement asked for while the dossier was processed does not
        # undo its acceptance: the receipt can still be reprinted.
        return dossier.state == "supplement" and dossier.state_before_supplement == "in_progress"

    def _not_printable_message(self, dossier):
        return _(
            "Dossier %(code)s has not been accepted: a receipt and appointment slip is "
            "printed only once the file is complete and accepted.",
            code=dossier.display_name,
        )

    def _slip_values(self, dossier):
        register = dossier.procedure_id.register_id
        officer = dossier.accepted_by_id or dossier.received_by_id
        return {
            "documents": self._received_documents(dossier),
            "sets": "01",
            "statutory_time": self._statutory_time_vi(dossier),
            "time_received": self._time_and_date_vi(
                dossier, dossier.date_received or dossier.date_accepted
            ),
            "time_accepted": self._time_and_date_vi(dossier, dossier.date_accepted),
            "appointment": dossier._format_date(dossier.date_appointment or dossier.date_due),
            "register_name": register.name or "",
            "register_code": register.code or "",
            "register_year": dossier.register_year or "",
            "register_number": dossier.register_number or "",
            "number": (
                f"{dossier.register_number}/{dossier.register_year}"
                if dossier.register_number
                else ""
            ),
            "officer": officer.name or "",
            "place_date": self._place_and_date_vi(
                dossier.company_id, dossier, dossier.date_accepted or dossier.date_received
            ),
        }

    def _received_documents(self, dossier):
        """The documents received, as Mẫu 01 lists them: name, form, quantity."""
        rows = []
        for line in dossier.document_ids.sorted(lambda line: (line.sequence, line.id)):
            forms = []
            if line.lookup_done:
                source = line.lookup_source or line.checklist_item_id.lookup_source
                forms.append(
                    f"Khai thác dữ liệu từ {source}" if source else "Khai thác dữ liệu điện tử"
                )
            else:
                if line.copies_received:
                    forms.append(
                        "Bản sao (đã đối chiếu bản chính)" if line.original_seen else "Bản sao"
                    )
                elif line.original_seen:
                    forms.append("Bản chính")
                if line.attachment_ids:
                    forms.append("Bản điện tử")
            if not forms:
                continue
            quantity = line.copies_received or len(line.attachment_ids) or ""
            rows.append(
                {
                    "name": line.name,
                    "form": "; ".join(forms),
                    "quantity": f"{quantity:02d}" if quantity else "",
                    "note": line.note or "",
                }
            )
        return rows

    def _statutory_time_vi(self, dossier):
        """The statutory processing time from the dossier's planned stages (or
        its rule version's), in working days and calendar days; stages during
        which the clock stands still do not count."""
        stages = [
            (line.time_limit, line.time_unit, line.stage_id.clock_stopped)
            for line in dossier.stage_line_ids
        ] or [
            (stage.time_limit, stage.time_unit, stage.clock_stopped)
            for stage in dossier.rule_version_id.stage_ids
        ]
        working = sum(
            limit for limit, unit, stopped in stages if unit == "working_day" and not stopped
        )
        calendar = sum(
            limit for limit, unit, stopped in stages if unit == "calendar_day" and not stopped
        )
        parts = []
        if working:
            parts.append(f"{working} ngày làm việc")
        if calendar:
            parts.append(f"{calendar} ngày")
        text = " và ".join(parts)
        if text and any(stopped for __, __, stopped in stages):
            text += " (không kể thời gian tạm dừng theo quy định)"
        return text
