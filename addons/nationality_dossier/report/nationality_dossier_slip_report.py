# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.dates import place_and_date_vi

# The one-stop papers (Thông tư 01/2018/TT-VPCP) are legal Vietnamese documents:
# they are printed in Vietnamese whatever the language of the officer, so their
# fixed wording lives here and in the templates, untranslated.
PROCEDURE_TITLES_VI = {
    "naturalization": "Xin nhập quốc tịch Việt Nam",
    "restoration": "Xin trở lại quốc tịch Việt Nam",
    "renunciation": "Xin thôi quốc tịch Việt Nam",
    "nationality_certificate": "Cấp Giấy xác nhận có quốc tịch Việt Nam",
    "origin_certificate": "Cấp Giấy xác nhận là người gốc Việt Nam",
    "foreign_nationality_notice": "Thông báo có quốc tịch nước ngoài",
}
ID_DOCUMENT_TYPES_VI = {
    "citizen_id": "Thẻ căn cước / Căn cước công dân",
    "identity_card": "Chứng minh nhân dân",
    "passport": "Hộ chiếu",
    "residence_card": "Thẻ thường trú / tạm trú",
    "travel_document": "Giấy tờ có giá trị đi lại quốc tế",
    "other": "Giấy tờ tùy thân",
}
DECISION_RESULTS_VI = {
    "granted": "Được giải quyết",
    "refused": "Không được giải quyết",
}
VI_LANG = "vi_VN"


class NationalityDossierSlipReport(models.AbstractModel):
    """What the three one-stop slips of a dossier share: who may print which
    slip when, the paper's language, and the values formatted as the forms
    write them (dd/mm/yyyy, 'ngày … tháng … năm …'). Each slip is a report
    model ``report.nationality_dossier.<template>`` inheriting this one."""

    _name = "nationality.dossier.slip.report"
    _description = "One-stop slip of a nationality dossier"

    # ------------------------------------------------------------------
    # To be defined by each slip
    # ------------------------------------------------------------------
    def _is_printable(self, dossier):
        """Whether the slip can be printed for ``dossier`` in its present state."""
        return False

    def _not_printable_message(self, dossier):
        return _(
            "This paper cannot be printed for dossier %(code)s.",
            code=dossier.display_name,
        )

    def _slip_values(self, dossier):
        """Values of one slip, besides the common ones."""
        return {}

    # ------------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------------
    @api.model
    def _get_report_values(self, docids, data=None):
        # As the current user, without sudo: record rules decide which
        # dossiers may be printed (reading another department's dossier raises).
        docs = self.env["nationality.dossier"].browse(docids)
        docs.check_access("read")
        for dossier in docs:
            if not self._is_printable(dossier):
                raise UserError(self._not_printable_message(dossier))
        self.env["nationality.access.log"]._log("print", docs, details={"report": self._name})
        docs = docs.with_context(lang=self._paper_lang())
        slips = {}
        for dossier in docs:
            values = self._common_values(dossier)
            values.update(self._slip_values(dossier))
            slips[dossier.id] = values
        return {
            "doc_ids": docs.ids,
            "doc_model": "nationality.dossier",
            "docs": docs,
            "slips": slips,
        }

    @api.model
    def _paper_lang(self):
        """Vietnamese when it is installed (translated data such as register
        names then print in Vietnamese), else the current language."""
        return self.env["res.lang"]._get_code(VI_LANG) or self.env.lang or "en_US"

    # ------------------------------------------------------------------
    # Formatting helpers, also used by the register
    # ------------------------------------------------------------------
    @api.model
    def _local_date(self, record, value):
        """The calendar day of ``value`` (a date or a UTC datetime) where the user is."""
        if not value:
            return False
        if isinstance(value, datetime):
            return fields.Datetime.context_timestamp(record._in_local_tz(), value).date()
        return value

    @api.model
    def _time_and_date_vi(self, record, value):
        """'09 giờ 15 phút, ngày 03/12/2026' for a UTC datetime."""
        if not value:
            return ""
        local = fields.Datetime.context_timestamp(record._in_local_tz(), value)
        return f"{local.hour:02d} giờ {local.minute:02d} phút, ngày {local.strftime('%d/%m/%Y')}"

    @api.model
    def _place_and_date_vi(self, company, record, value=None):
        """'Hà Nội, ngày 03 tháng 12 năm 2026', the dating line of official papers."""
        day = self._local_date(record, value) if value else False
        return place_and_date_vi(
            company.nationality_place_name or company.city, day or record._today()
        )

    @api.model
    def _procedure_title_vi(self, procedure):
        """What is requested, as the papers word it: the legal name of the
        procedure (its code is the stable contract), else its name."""
        if not procedure:
            return ""
        return (
            PROCEDURE_TITLES_VI.get(procedure.code)
            or procedure.with_context(lang=self._paper_lang()).name
        )

    @api.model
    def _honorific_vi(self, dossier):
        return {"male": "Ông", "female": "Bà"}.get(dossier.gender, "Ông/Bà")

    @api.model
    def _identity_paper_vi(self, dossier):
        if not dossier.id_document_number:
            return ""
        label = ID_DOCUMENT_TYPES_VI.get(dossier.id_document_type, "Giấy tờ tùy thân")
        text = f"{label} số {dossier.id_document_number}"
        if dossier.id_document_issue_date:
            text += f", cấp ngày {dossier._format_date(dossier.id_document_issue_date)}"
        if dossier.id_document_issuer:
            text += f", nơi cấp: {dossier.id_document_issuer}"
        return text

    @api.model
    def _representative_vi(self, dossier):
        if not (dossier.represented and dossier.representative_name):
            return ""
        if dossier.representative_relation:
            return f"{dossier.representative_name} ({dossier.representative_relation})"
        return dossier.representative_name

    def _common_values(self, dossier):
        """What every slip prints. Never the person's nationalities: papers
        issued by Vietnamese authorities must not show a foreign nationality
        (Luật Quốc tịch, Art. 5(4))."""
        company = dossier.company_id
        return {
            "agency_name": (company.name or "").upper(),
            "company": company,
            "code": dossier.name if dossier.name and dossier.name != "/" else "",
            "applicant": dossier.full_name or "",
            "honorific": self._honorific_vi(dossier),
            "identity": self._identity_paper_vi(dossier),
            "address": dossier.residence_address or "",
            "phone": dossier.phone or "",
            "email": dossier.email or "",
            "procedure": self._procedure_title_vi(dossier.procedure_id),
            "representative": self._representative_vi(dossier),
            "agency_phone": company.phone or "",
        }
