# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.addons.nationality_dossier.tests.test_reports import read_pdf
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval, time

from .letters_common import LettersCase

LETTER_REPORT = "nationality_exchange.action_report_letter"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SUBJECT = "xác minh quốc tịch của bà Trần Thị Thu Hương"
BODY = (
    "<p>Sở Tư pháp thành phố Hà Nội đề nghị Cục Hành chính tư pháp xác minh "
    "tình trạng quốc tịch Việt Nam của bà Trần Thị Thu Hương, sinh năm 1962.</p>"
)


@tagged("post_install", "-at_install")
class TestLetterReport(LettersCase):
    def render_html(self, letter, user):
        Report = self.as_user(self.env["ir.actions.report"], user)
        html, kind = Report._render_qweb_html(LETTER_REPORT, letter.ids)
        self.assertEqual(kind, "html")
        return html.decode()

    def signed_letter(self, **values):
        vals = {
            "letter_date": date(2031, 4, 9),
            "letter_type": "lookup_request",
            "body": BODY,
            "receiving_agency_ids": [Command.set((self.agency_ministry | self.agency_bng).ids)],
        }
        vals.update(values)
        letter = self.new_letter(self.hn_officer, **vals)
        letter.action_sign_and_send()
        return letter

    def test_signed_letter(self):
        letter = self.signed_letter()
        self.assertEqual(letter.state, "sent")
        html = self.render_html(letter, self.hn_officer)
        # Heading: the issuing unit, its number and notation, the subject line,
        # the national name and motto, the place and date in words.
        self.assertIn(NATIONAL_NAME, html)
        self.assertIn(MOTTO, html)
        self.assertIn("SỞ TƯ PHÁP THÀNH PHỐ HÀ NỘI", html)
        # Under its governing agency, the city's People's Committee.
        self.assertEqual(self.agency_hn.governing_agency_name, "Ủy ban nhân dân thành phố Hà Nội")
        self.assertIn("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", html)
        self.assertRegex(letter.name, r"^\d{2,}/STP-HCTP$")
        self.assertIn(f"Số: {letter.name}", html)
        # The subject typed "V/v …" gets no second "V/v"; its diacritics stay.
        self.assertIn(f"V/v {SUBJECT}", html)
        self.assertNotIn("V/v V/v", html)
        self.assertIn("Hà Nội, ngày 09 tháng 04 năm 2031", html)
        # Two addressees: one per line with a dash.
        self.assertIn("Kính gửi:", html)
        self.assertIn("- Cục Hành chính tư pháp – Bộ Tư pháp;", html)
        self.assertIn("- Bộ Ngoại giao.", html)
        self.assertIn("tình trạng quốc tịch Việt Nam của bà Trần Thị Thu Hương", html)
        # Signature: the deputy signs for the Director.
        self.assertIn("KT. GIÁM ĐỐC", html)
        self.assertIn("PHÓ GIÁM ĐỐC", html)
        self.assertIn("Trần Văn Hùng", html)
        self.assertIn("Nơi nhận:", html)
        self.assertIn("- Bộ Ngoại giao;", html)
        self.assertIn("- Lưu: VT.", html)
        self.assertNotIn("DỰ THẢO", html)
        # The Ministry, to which the letter was sent, prints it too.
        self.assertIn(f"Số: {letter.name}", self.render_html(letter, self.cuc_officer))

    def test_the_text_loads_nothing_from_an_address(self):
        body = (
            "<p>Nội dung công văn <img src='http://169.254.169.254/latest/meta-data/x.png'>"
            "<a href='http://example.com/theo-doi'>xem thêm</a></p>"
            "<p style=\"background: url('http://example.com/t.png')\">Kính đề nghị.</p>"
            "<script>alert(1)</script>"
        )
        letter = self.new_letter(self.hn_officer, body=body)
        html = self.render_html(letter, self.hn_officer)
        self.assertIn("Nội dung công văn", html)
        self.assertIn("xem thêm", html)
        self.assertIn("Kính đề nghị.", html)
        for fetched in ("169.254.169.254", "example.com", "<script>alert"):
            self.assertNotIn(fetched, html)

    def test_signed_letter_pdf(self):
        letter = self.signed_letter()
        Report = self.as_user(self.env["ir.actions.report"], self.hn_officer)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            LETTER_REPORT, letter.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf did not produce a PDF")
        text, fonts, _size = read_pdf(pdf)
        # Set in DejaVu, which has every Vietnamese letter.
        self.assertTrue(fonts and all("DejaVu" in font for font in fonts), fonts)
        self.assertIn(NATIONAL_NAME, text)
        self.assertIn("Kính gửi", text)
        self.assertIn("Trần Văn Hùng", text)
        self.assertIn("ngày 09 tháng 04 năm 2031", text)

    def test_file_name_is_ascii(self):
        letter = self.signed_letter()
        report = self.env.ref(LETTER_REPORT)
        self.assertEqual(report.binding_model_id.model, "nationality.letter")
        number = letter.name.replace("/", "-")
        for lang, expected in (("en_US", "Official letter"), ("vi_VN", "Cong van")):
            with self.subTest(lang=lang):
                expression = report.with_context(lang=lang).print_report_name
                name = safe_eval(expression, {"object": letter, "time": time})
                self.assertEqual(name, f"{expected} - {number}")
                self.assertTrue(name.isascii())

    def test_draft_is_marked_and_unnumbered(self):
        letter = self.new_letter(self.hn_officer, body=BODY)
        self.assertEqual(letter.state, "draft")
        self.assertFalse(letter.number)
        html = self.render_html(letter, self.hn_officer)
        self.assertIn("DỰ THẢO", html)
        self.assertIn("Số: …/STP-HCTP", html)
        self.assertIn("Hà Nội, ngày … tháng … năm …", html)
        self.assertIn(f"V/v {SUBJECT}", html)
        # One addressee: on the line of "Kính gửi:".
        self.assertIn("Kính gửi:", html)
        self.assertIn("Cục Hành chính tư pháp – Bộ Tư pháp", html)

    def test_decision_letter_lists_its_persons(self):
        letter = self.new_letter(
            self.cuc_officer,
            letter_type="decision_notice",
            receiving_agency_ids=[Command.set(self.agency_hn.ids)],
            place="Hà Nội",
            letter_date=date(2031, 5, 20),
            signer_competence="KT.",
            signer_position="Phó Cục trưởng",
            signer_name="Nguyễn Thị Lan",
            subject="Thông báo kết quả giải quyết hồ sơ xin nhập quốc tịch Việt Nam",
            decision_number="1234/QĐ-CTN",
            body="<p>Cục Hành chính tư pháp thông báo kết quả giải quyết hồ sơ.</p>",
            person_ids=[
                Command.create(
                    {
                        "sequence": 1,
                        "full_name": "Kim Minh Tuấn",
                        "birth_date_display": "12/04/1988",
                        "dossier_code": "000.00.21.H26-310302-0001",
                        "result": "granted",
                    }
                ),
                Command.create(
                    {
                        "sequence": 2,
                        "full_name": "Lưu Đức Hải",
                        "birth_date_display": "1975",
                        "result": "refused",
                        "note": "Chưa đủ thời gian thường trú",
                    }
                ),
            ],
        )
        letter.action_sign_and_send()
        html = self.render_html(letter, self.cuc_officer)
        # The Cục under its Ministry.
        self.assertIn("BỘ TƯ PHÁP", html)
        self.assertIn("CỤC HÀNH CHÍNH TƯ PHÁP", html)
        self.assertNotIn("CỤC HÀNH CHÍNH TƯ PHÁP – BỘ TƯ PHÁP", html)
        self.assertIn(f"Số: {letter.name}", html)
        self.assertIn("V/v Thông báo kết quả giải quyết hồ sơ xin nhập quốc tịch Việt Nam", html)
        self.assertIn("Hà Nội, ngày 20 tháng 05 năm 2031", html)
        self.assertIn("KT. CỤC TRƯỞNG", html)
        self.assertIn("PHÓ CỤC TRƯỞNG", html)
        # The numbered list of persons.
        self.assertIn("Họ và tên", html)
        self.assertRegex(html, r'<td class="o_nat_num">1</td>\s*<td>Kim Minh Tuấn</td>')
        self.assertRegex(html, r'<td class="o_nat_num">2</td>\s*<td>Lưu Đức Hải</td>')
        self.assertIn("000.00.21.H26-310302-0001", html)
        self.assertIn("Được giải quyết", html)
        self.assertIn("Không được giải quyết", html)
        self.assertIn("Chưa đủ thời gian thường trú", html)
        # The department it was sent to prints the same list.
        self.assertIn("Lưu Đức Hải", self.render_html(letter, self.hn_officer))
        # Printing a letter about persons is in the personal data access log.
        printed = (
            self.env["nationality.access.log"]
            .sudo()
            .search(
                [
                    ("action", "=", "print"),
                    ("res_model", "=", "nationality.letter"),
                    ("res_id", "=", letter.id),
                ]
            )
        )
        self.assertEqual(len(printed), 2)

    def test_list_already_in_the_text_is_not_repeated(self):
        persons = [{"full_name": "Kim Minh Tuấn", "result": "proposed"}]
        letter = self.new_letter(
            self.hn_officer,
            letter_type="proposal",
            body=self.Letter._paragraphs("Đề nghị giải quyết hồ sơ.")
            + self.Letter._persons_table(persons),
            person_ids=[Command.create(persons[0])],
        )
        html = self.render_html(letter, self.hn_officer)
        self.assertEqual(html.count("Kim Minh Tuấn"), 1)
        self.assertNotIn("Họ và tên", html)

    def test_signing_authority_lines(self):
        Report = self.env["report.nationality_exchange.report_letter"]
        letter = self.new_letter(self.hn_officer)
        cases = [
            ("", "Giám đốc", ("", "GIÁM ĐỐC")),
            ("KT.", "Phó Giám đốc", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
            ("TL.", "Chánh Văn phòng", ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG")),
            ("Q.", "Quyền Giám đốc", ("Q. GIÁM ĐỐC", "")),
            ("TM.", "Giám đốc", ("TM. SỞ TƯ PHÁP", "GIÁM ĐỐC")),
        ]
        for competence, position, expected in cases:
            with self.subTest(competence=competence):
                letter.write({"signer_competence": competence, "signer_position": position})
                self.assertEqual(Report._signature_lines(letter, "Sở Tư pháp"), expected)

    def test_other_department_cannot_print(self):
        sent = self.signed_letter()
        draft = self.new_letter(self.hn_officer, body=BODY)
        # Hồ Chí Minh City's department reads neither of Hà Nội's letters.
        for letter in (sent, draft):
            with self.subTest(state=letter.state), self.assertRaises(AccessError):
                self.render_html(letter, self.hcm_officer)
        # The Ministry does not read a draft not yet sent to it.
        with self.assertRaises(AccessError):
            self.render_html(draft, self.cuc_officer)
        # An external agency prints the letter sent to it, nothing else.
        self.assertIn(f"Số: {sent.name}", self.render_html(sent, self.bng_user))
        other = self.signed_letter(receiving_agency_ids=[Command.set(self.agency_ministry.ids)])
        with self.assertRaises(AccessError):
            self.render_html(other, self.bng_user)
