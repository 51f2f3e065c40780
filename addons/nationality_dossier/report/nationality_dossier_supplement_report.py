# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class ReportNationalityDossierSupplement(models.AbstractModel):
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (TT 01/2018/TT-VPCP, Mẫu 02)."""

    _name = "report.nationality_dossier.report_dossier_supplement"
    _inherit = "nationality.dossier.slip.report"
    _description = "Supplement request"

    def _is_printable(self, dossier):
        if dossier.state == "supplement":
            return True
        # Reprint of the last request of a dossier that had one, while what it
        # asked for is still on record.
        return bool(
            dossier.supplement_count
            and (
                dossier.supplement_note or dossier.document_ids.filtered("requested_in_supplement")
            )
        )

    def _not_printable_message(self, dossier):
        return _(
            "Dossier %(code)s has no supplement request to print: request a supplement first.",
            code=dossier.display_name,
        )

    def _slip_values(self, dossier):
        return {
            "missing": [
                self._missing_document_vi(line)
                for line in dossier.document_ids.filtered("requested_in_supplement").sorted(
                    lambda line: (line.sequence, line.id)
                )
            ],
            "note": dossier.supplement_note or "",
            "date_requested": dossier._format_date(dossier.date_supplement_requested),
            "officer": self.env.user.name,
            "place_date": self._place_and_date_vi(
                dossier.company_id, dossier, dossier.date_supplement_requested
            ),
        }

    def _missing_document_vi(self, line):
        """One document to add or correct, and what is wrong with it."""
        if (
            (line.attachment_ids or line.copies_received)
            and line.original_required
            and not line.original_seen
        ):
            what = "Xuất trình bản chính để đối chiếu"
        elif line.attachment_ids or line.copies_received:
            what = "Bổ sung, hoàn thiện theo yêu cầu"
        else:
            copies = line.copies_required or 1
            what = f"Chưa nộp; cần nộp {copies:02d} bản"
            if line.original_required:
                what += ", xuất trình bản chính để đối chiếu"
        if line.lookup_allowed and not line.lookup_done:
            source = line.lookup_source or line.checklist_item_id.lookup_source
            if source:
                what += f" (hoặc cho phép khai thác dữ liệu từ {source})"
        return {"name": line.name, "what": what, "note": line.note or ""}
