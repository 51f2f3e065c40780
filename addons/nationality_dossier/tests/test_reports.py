# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import json
import re
import unicodedata
from datetime import date
from urllib.parse import quote

from freezegun import freeze_time
from PyPDF2 import PdfReader

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import NationalityCase

RECEIPT = "nationality_dossier.action_report_dossier_receipt"
SUPPLEMENT = "nationality_dossier.action_report_dossier_supplement"
REFUSAL = "nationality_dossier.action_report_dossier_refusal"
REGISTER = "nationality_dossier.action_report_nationality_register"

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
REFUSAL_REASON = (
    "Người yêu cầu cư trú tại Thành phố Hồ Chí Minh; hồ sơ phải nộp tại Sở Tư pháp "
    "nơi người yêu cầu cư trú (Điều 5 Nghị định 191/2025/NĐ-CP)."
)
A4_PORTRAIT = (595, 842)  # points
SUPPLEMENT_NOTE = "Đề nghị nộp bản sao có chứng thực giấy khai sinh và xuất trình bản chính."


def read_pdf(pdf):
    """The text of a PDF as one NFC string with blanks collapsed, the names
    of the fonts its pages use, and the size of its first page in points.

    PyPDF2 separates the words of wkhtmltopdf's output with tabs and cuts the
    lines where the layout wraps them, so runs of blanks are collapsed before
    comparing. With DejaVu every Vietnamese letter is one precomposed glyph and
    comes out NFC already; a font lacking one would make Qt draw the base
    letter and its combining marks, extracted as separate code points, so the
    text is normalized to NFC to compare letters, not glyph sequences."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    box = reader.pages[0].mediabox
    size = (round(float(box.width)), round(float(box.height)))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)), fonts, size


@tagged("post_install", "-at_install")
class TestReports(NationalityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Unit = cls.env["nationality.admin.unit"]
        province = Unit.search([("unit_type", "=", "province"), ("code", "=", "01")])
        ward = Unit.search([("parent_id", "=", province.id), ("name", "=", "Phường Ba Đình")])
        # Restoration accepted on Thursday 03/12/2026 at 09:15 in Hà Nội; the
        # proof of former nationality was looked up in the population database.
        with freeze_time("2026-12-03 02:15:00"):
            cls.restoration = cls.new_dossier(
                "restoration",
                full_name="Trần Đức Việt Anh",
                gender="male",
                birth_date=date(1979, 1, 1),
                birth_date_precision="year",
                id_document_type="passport",
                id_document_number="18AB23456",
                # A French citizen returning to live in Hà Nội.
                nationality_ids=[(6, 0, cls.env.ref("base.fr").ids)],
                address_scheme="current",
                street="Số 18 ngõ 45 phố Hào Nam",
                province_id=province.id,
                ward_id=ward.id,
                phone="+33 6 12 34 56 78",
                email="vietanh.tran@example.fr",
            )
            cls.restoration.action_receive()
            lookup = cls.restoration.document_ids.filtered("lookup_allowed").filtered(
                lambda line: line.requirement == "required"
            )[:1]
            lookup.write(
                {
                    "lookup_source": "Cơ sở dữ liệu quốc gia về dân cư",
                    "lookup_reference": "KQ-2026-000187",
                }
            )
            lookup.action_record_lookup()
            cls.complete_checklist(cls.restoration)
            cls.restoration.write({"fee_paid": True})
            cls.restoration.action_accept()

        # A certificate dossier waiting for a supplement.
        with freeze_time("2026-12-07 03:00:00"):
            cls.supplement = cls.new_dossier(
                "nationality_certificate", full_name="Nguyễn Thị Hồng Nhung"
            )
            cls.supplement.action_receive()
            cls.supplement.action_request_supplement(note=SUPPLEMENT_NOTE)

        # A dossier refused at reception.
        with freeze_time("2026-12-08 08:30:00"):
            cls.refused = cls.new_dossier(
                "nationality_certificate",
                full_name="Lê Hoàng Bảo Ngọc",
                gender="female",
                birth_date=date(1995, 6, 1),
                birth_date_precision="month",
            )
            cls.refused.action_receive()
            cls.refused.action_refuse(REFUSAL_REASON)

        # The register: a certificate decided and delivered in December,
        # one accepted in November, and one at the other department.
        with freeze_time("2026-12-10 02:00:00"):
            cls.certificate = cls.accepted_certificate("Phạm Thị Thu Trang")
        with freeze_time("2026-12-14 03:00:00"):
            cls.as_user(cls.certificate, cls.hn_leader).action_decide(
                "granted", decision_number="125/QĐ-STP"
            )
            cls.certificate.action_deliver()
        with freeze_time("2026-11-20 02:00:00"):
            cls.november = cls.accepted_certificate("Đỗ Quang Huy")
        with freeze_time("2026-12-04 02:00:00"):
            cls.hcm_dossier = cls.accepted_certificate(
                "Võ Thị Kim Loan", company=cls.stp_hcm, user=cls.hcm_officer
            )

    @classmethod
    def new_dossier(cls, code, **values):
        # Drafts are all coded "/" and the code is unique per department: the
        # previous dossier's real code must reach the database before the next
        # draft is inserted.
        cls.env.flush_all()
        return cls.make_dossier(code, **values)

    @classmethod
    def accepted_certificate(cls, full_name, company=None, user=None):
        dossier = cls.new_dossier(
            "nationality_certificate", company=company, user=user, full_name=full_name
        )
        dossier.action_receive()
        cls.complete_checklist(dossier)
        dossier.write({"fee_paid": True})
        dossier.action_accept()
        return dossier

    def render_html(self, report, records, user=None, data=None):
        Report = self.as_user(self.env["ir.actions.report"], user or self.hn_reception)
        html, kind = Report._render_qweb_html(report, records.ids, data=data)
        self.assertEqual(kind, "html")
        return html.decode()

    def render_pdf(self, report, records, user=None, data=None):
        Report = self.as_user(self.env["ir.actions.report"], user or self.hn_reception)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report, records.ids, data=data
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf did not produce a PDF")
        text, fonts, size = read_pdf(pdf)
        # The paper is set in DejaVu (the whole Vietnamese alphabet), not in a
        # fallback font that might lack some letters.
        self.assertTrue(fonts, "the PDF has no text")
        self.assertTrue(all("DejaVu" in font for font in fonts), fonts)
        return text, size

    def assertNationalHeading(self, html):
        self.assertIn(NATIONAL_NAME, html)
        self.assertIn(MOTTO, html)

    def assertNoIsoDates(self, html):
        # Dates are printed dd/mm/yyyy, never as Odoo's default or ISO format.
        self.assertNotRegex(html, r"\b20\d\d-\d\d-\d\d\b")
        self.assertNotRegex(html, r"\b\d\d/\d\d/\d\d\b(?!\d)")

    # ------------------------------------------------------------------
    # Mẫu 01: receipt and appointment slip
    # ------------------------------------------------------------------
    def test_receipt_html(self):
        dossier = self.restoration
        self.assertEqual(dossier.state, "in_progress")
        html = self.render_html(RECEIPT, dossier)
        self.assertNationalHeading(html)
        self.assertIn("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", html)
        self.assertIn("SỞ TƯ PHÁP THÀNH PHỐ HÀ NỘI (TEST)", html)
        self.assertIn("Trần Đức Việt Anh", html)
        self.assertIn(dossier.name, html)
        self.assertIn("Hộ chiếu số 18AB23456", html)
        self.assertIn("vietanh.tran@example.fr", html)
        self.assertIn("Số 18 ngõ 45 phố Hào Nam, Phường Ba Đình, Thành phố Hà Nội", html)
        self.assertIn("Xin trở lại quốc tịch Việt Nam", html)
        self.assertIn("Hà Nội, ngày 03 tháng 12 năm 2026", html)
        self.assertIn("09 giờ 15 phút, ngày 03/12/2026", html)
        self.assertIn(dossier.date_appointment.strftime("%d/%m/%Y"), html)
        self.assertIn(f"Số: {dossier.register_number}/2026", html)
        self.assertIn(f"số thứ tự: {dossier.register_number}", html)
        self.assertIn("TP/QT-2025-STLHSQT", html)
        # Every document received is listed, the looked-up one with its source.
        for line in dossier.document_ids.filtered(
            lambda line: line.copies_received or line.lookup_done
        ):
            self.assertIn(line.name, html)
        self.assertIn("Khai thác dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư", html)
        # Statutory time from the planned stages; the clock-stopped stage does not count.
        lines = dossier.stage_line_ids
        working = sum(
            line.time_limit
            for line in lines
            if line.time_unit == "working_day" and not line.stage_id.clock_stopped
        )
        calendar = sum(
            line.time_limit
            for line in lines
            if line.time_unit == "calendar_day" and not line.stage_id.clock_stopped
        )
        self.assertIn(f"{working} ngày làm việc và {calendar} ngày", html)
        self.assertIn("không kể thời gian tạm dừng", html)
        # Signatures: the applicant and the receiving officer.
        self.assertIn("NGƯỜI NỘP HỒ SƠ", html)
        self.assertIn(self.hn_reception.name, html)
        # Luật Quốc tịch Art. 5(4): no foreign nationality on the paper.
        france = self.env.ref("base.fr")
        for name in {france.name, france.with_context(lang="vi_VN").name}:
            self.assertNotIn(name, html)
        self.assertNotIn("Quốc tịch", html)
        self.assertNoIsoDates(html)

    def test_receipt_pdf_keeps_vietnamese(self):
        text, size = self.render_pdf(RECEIPT, self.restoration)
        self.assertEqual(size, A4_PORTRAIT)
        self.assertIn(NATIONAL_NAME, text)
        self.assertIn("Trần Đức Việt Anh", text)
        self.assertIn("GIẤY TIẾP NHẬN HỒ SƠ", text)
        self.assertIn("03/12/2026", text)

    def test_receipt_needs_an_accepted_dossier(self):
        with self.assertRaisesRegex(UserError, "has not been accepted"):
            self.render_html(RECEIPT, self.supplement)
        with self.assertRaisesRegex(UserError, "has not been accepted"):
            self.render_html(RECEIPT, self.refused)

    def test_receipt_of_another_department_is_not_readable(self):
        with self.assertRaises(AccessError):
            self.render_html(RECEIPT, self.hcm_dossier)

    # ------------------------------------------------------------------
    # Mẫu 02: supplement request
    # ------------------------------------------------------------------
    def test_supplement_html(self):
        dossier = self.supplement
        missing = dossier.document_ids.filtered("requested_in_supplement")
        self.assertTrue(missing, "the supplement request must list documents")
        html = self.render_html(SUPPLEMENT, dossier)
        self.assertNationalHeading(html)
        self.assertIn("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", html)
        self.assertIn("Nguyễn Thị Hồng Nhung", html)
        self.assertIn(dossier.name, html)
        for line in missing:
            self.assertIn(line.name, html)
        not_requested = dossier.document_ids - missing
        for line in not_requested.filtered(lambda line: line.name not in missing.mapped("name")):
            self.assertNotIn(line.name, html)
        self.assertIn(SUPPLEMENT_NOTE, html)
        self.assertIn("Lý do:", html)
        self.assertIn("Cấp Giấy xác nhận có quốc tịch Việt Nam", html)
        self.assertIn("Hà Nội, ngày 07 tháng 12 năm 2026", html)
        self.assertIn("NGƯỜI HƯỚNG DẪN", html)
        self.assertIn("Bà liên hệ với", html)
        self.assertNoIsoDates(html)

    def test_supplement_pdf_keeps_vietnamese(self):
        text, size = self.render_pdf(SUPPLEMENT, self.supplement)
        self.assertEqual(size, A4_PORTRAIT)
        self.assertIn(NATIONAL_NAME, text)
        self.assertIn("Nguyễn Thị Hồng Nhung", text)
        self.assertIn("PHIẾU YÊU CẦU BỔ SUNG", text)

    def test_supplement_needs_a_request(self):
        with self.assertRaisesRegex(UserError, "no supplement request"):
            self.render_html(SUPPLEMENT, self.restoration)
        # Once supplied, the request can still be reprinted with its note.
        self.supplement.action_supplement_received()
        html = self.render_html(SUPPLEMENT, self.supplement)
        self.assertIn(SUPPLEMENT_NOTE, html)

    # ------------------------------------------------------------------
    # Mẫu 03: refusal slip
    # ------------------------------------------------------------------
    def test_refusal_html(self):
        html = self.render_html(REFUSAL, self.refused)
        self.assertNationalHeading(html)
        self.assertIn("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", html)
        self.assertIn("Lê Hoàng Bảo Ngọc", html)
        self.assertIn(self.refused.name, html)
        self.assertIn(REFUSAL_REASON, html)
        self.assertIn("Xin thông báo cho Bà Lê Hoàng Bảo Ngọc", html)
        # 08:30 UTC is 15:30 in Hà Nội.
        self.assertIn("15 giờ 30 phút, ngày 08/12/2026", html)
        self.assertIn("Hà Nội, ngày 08 tháng 12 năm 2026", html)
        self.assertNoIsoDates(html)

    def test_refusal_pdf_keeps_vietnamese(self):
        text, size = self.render_pdf(REFUSAL, self.refused)
        self.assertEqual(size, A4_PORTRAIT)
        self.assertIn(NATIONAL_NAME, text)
        self.assertIn("Lê Hoàng Bảo Ngọc", text)
        self.assertIn("PHIẾU TỪ CHỐI", text)
        self.assertIn("Nghị định 191/2025/NĐ-CP", text)

    def test_refusal_needs_a_refused_dossier(self):
        with self.assertRaisesRegex(UserError, "was not refused"):
            self.render_html(REFUSAL, self.restoration)

    # ------------------------------------------------------------------
    # Register of dossiers (sổ thụ lý)
    # ------------------------------------------------------------------
    def make_wizard(self, user, **values):
        with freeze_time("2026-12-15 03:00:00"):
            return self.as_user(self.env["nationality.register.report.wizard"], user).create(values)

    def test_register_wizard_defaults(self):
        wizard = self.make_wizard(self.hn_reception)
        self.assertEqual(wizard.date_from, date(2026, 12, 1))
        self.assertEqual(wizard.date_to, date(2026, 12, 31))
        self.assertEqual(wizard.company_id, self.stp_hn)
        # The Ministry receives no dossier: its officers list all they may read.
        self.assertFalse(self.make_wizard(self.cuc_officer).company_id)
        with self.assertRaises(ValidationError):
            self.make_wizard(
                self.hn_reception, date_from=date(2026, 12, 31), date_to=date(2026, 12, 1)
            )

    def test_register_html(self):
        wizard = self.make_wizard(self.hn_reception)
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "nationality_dossier.report_nationality_register")
        with freeze_time("2026-12-15 03:00:00"):
            html = self.render_html(REGISTER, wizard, data=action["data"])
        self.assertNationalHeading(html)
        self.assertIn("SỔ THỤ LÝ HỒ SƠ CÁC VIỆC VỀ QUỐC TỊCH", html)
        self.assertIn("Từ ngày 01/12/2026 đến ngày 31/12/2026", html)
        self.assertIn("Hà Nội, ngày 15 tháng 12 năm 2026", html)
        for dossier in (self.restoration, self.certificate):
            self.assertIn(dossier.name, html)
            self.assertIn(dossier.full_name, html)
        self.assertIn("Trần Đức Việt Anh", html)
        self.assertIn("Phạm Thị Thu Trang", html)
        # The decided certificate: decision date, result and number, delivery.
        self.assertIn("Được giải quyết, Số 125/QĐ-STP", html)
        self.assertIn("14/12/2026", html)
        self.assertIn(self.certificate.date_due.strftime("%d/%m/%Y"), html)
        self.assertIn("TP/QT-2025-STLHSQT", html)
        self.assertRegex(html, r"Tổng số: <span[^>]*>2</span> hồ sơ")
        # Outside the period, refused at reception, waiting at reception, or
        # at the other department: not in this register.
        for dossier in (self.november, self.refused, self.supplement, self.hcm_dossier):
            self.assertNotIn(dossier.full_name, html)
        self.assertNoIsoDates(html)

    def test_register_lists_only_readable_dossiers(self):
        # Even without choosing a department, an STP officer's register holds
        # only the dossiers of their department: the record rules decide.
        wizard = self.make_wizard(self.hn_reception, company_id=False)
        html = self.render_html(REGISTER, wizard, data=wizard._report_data())
        self.assertIn("Trần Đức Việt Anh", html)
        self.assertNotIn("Võ Thị Kim Loan", html)
        self.assertNotIn(self.hcm_dossier.name, html)
        # Asking for the other department's register is refused.
        data = dict(wizard._report_data(), company_id=self.stp_hcm.id)
        with self.assertRaises(AccessError):
            self.render_html(REGISTER, wizard, data=data)
        # The other department sees its own dossier and not Hà Nội's.
        hcm_wizard = self.make_wizard(self.hcm_officer)
        html = self.render_html(
            REGISTER, hcm_wizard, user=self.hcm_officer, data=hcm_wizard._report_data()
        )
        self.assertIn("Võ Thị Kim Loan", html)
        self.assertNotIn("Trần Đức Việt Anh", html)
        # The Ministry sees none of these: none reached it. (Other dossiers,
        # e.g. demo data forwarded to the Ministry, may be listed.)
        cuc_wizard = self.make_wizard(self.cuc_officer)
        html = self.render_html(
            REGISTER, cuc_wizard, user=self.cuc_officer, data=cuc_wizard._report_data()
        )
        self.assertNotIn("Võ Thị Kim Loan", html)
        self.assertNotIn("Trần Đức Việt Anh", html)
        self.assertNotIn(self.hcm_dossier.name, html)

    def test_register_filters(self):
        wizard = self.make_wizard(
            self.hn_reception, procedure_id=self.procedures["nationality_certificate"].id
        )
        html = self.render_html(REGISTER, wizard, data=wizard._report_data())
        self.assertIn("Phạm Thị Thu Trang", html)
        self.assertNotIn("Trần Đức Việt Anh", html)
        wizard = self.make_wizard(
            self.hn_reception,
            date_from=date(2026, 11, 1),
            date_to=date(2026, 11, 30),
        )
        html = self.render_html(REGISTER, wizard, data=wizard._report_data())
        self.assertIn("Đỗ Quang Huy", html)
        self.assertNotIn("Phạm Thị Thu Trang", html)

    def test_register_pdf_keeps_vietnamese(self):
        wizard = self.make_wizard(self.hn_reception)
        text, size = self.render_pdf(REGISTER, wizard, data=wizard._report_data())
        self.assertEqual(size, A4_PORTRAIT[::-1], "the register prints on A4 landscape")
        self.assertIn(NATIONAL_NAME, text)
        self.assertIn("SỔ THỤ LÝ HỒ SƠ CÁC VIỆC VỀ QUỐC TỊCH", text)
        self.assertIn("Phạm Thị Thu Trang", text)

    def test_register_needs_a_valid_period(self):
        wizard = self.make_wizard(self.hn_reception)
        data = dict(wizard._report_data(), date_from="2026-12-31", date_to="2026-12-01")
        with self.assertRaisesRegex(UserError, "after its end"):
            self.render_html(REGISTER, wizard, data=data)


@tagged("post_install", "-at_install")
class TestReportsHttp(HttpCase, NationalityCase):
    """The reports as the web client fetches them."""

    def test_reports_through_the_report_routes(self):
        hn = self.make_dossier("nationality_certificate", full_name="Hoàng Văn Thái")
        hn.action_receive()
        self.complete_checklist(hn)
        hn.write({"fee_paid": True})
        hn.action_accept()
        self.env.flush_all()
        hcm = self.make_dossier(
            "nationality_certificate",
            company=self.stp_hcm,
            user=self.hcm_officer,
            full_name="Huỳnh Thị Mỹ Duyên",
        )
        hcm.action_receive()
        self.complete_checklist(hcm)
        hcm.write({"fee_paid": True})
        hcm.action_accept()
        self.env.flush_all()

        self.authenticate(self.hn_reception.login, self.hn_reception.login)
        response = self.url_open(f"/report/html/nationality_dossier.report_dossier_receipt/{hn.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", response.text)
        self.assertIn("Hoàng Văn Thái", response.text)
        response = self.url_open(
            f"/report/html/nationality_dossier.report_dossier_receipt/{hcm.id}"
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("Huỳnh Thị Mỹ Duyên", response.text)

        # The register: the wizard's button returns the report action with its
        # values as data, which the web client sends as "options".
        wizard = self.as_user(self.env["nationality.register.report.wizard"], self.hn_reception)
        action = wizard.create({}).action_print()
        options = quote(json.dumps(action["data"]))
        context = quote(json.dumps({"allowed_company_ids": [self.stp_hn.id]}))
        response = self.url_open(
            "/report/html/nationality_dossier.report_nationality_register"
            f"?options={options}&context={context}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("SỔ THỤ LÝ HỒ SƠ CÁC VIỆC VỀ QUỐC TỊCH", response.text)
        self.assertIn("Hoàng Văn Thái", response.text)
        self.assertNotIn("Huỳnh Thị Mỹ Duyên", response.text)
