# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unicodedata
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import NationalityPortalCase, make_image, make_pdf


def nfd(text):
    return unicodedata.normalize("NFD", text)


@tagged("post_install", "-at_install")
class TestPortalApply(NationalityPortalCase):
    def _own_dossiers(self, user=None):
        self.env.invalidate_all()
        return self.env["nationality.dossier"].search(
            [("applicant_user_id", "=", (user or self.applicant).id)]
        )

    # ------------------------------------------------------------------
    # Catalogue
    # ------------------------------------------------------------------
    def test_catalogue_lists_the_six_procedures_from_their_data(self):
        response = self.url_open("/nationality")
        self.assertEqual(response.status_code, 200)
        for code in self.procedures:
            self.assertIn(f'data-procedure="{code}"', response.text)
        # The documents come from the checklist of the rules in force.
        item = self.env.ref("nationality_dossier.check_restoration_2025_former_nationality_proof")
        self.assertIn(item.name, response.text)
        item.name = "Giấy tờ chứng minh đã từng có quốc tịch Việt Nam (đã sửa)"
        self.assertIn(item.name, self.url_open("/nationality").text)
        # Naturalization is filed in person: only a pre-registration is offered.
        page = response.text
        naturalization = page[page.index('data-procedure="naturalization"') :]
        naturalization = naturalization[: naturalization.index("</section>")]
        self.assertIn("o_nationality_prereg_button", naturalization)
        self.assertNotIn("o_nationality_apply_button", naturalization)
        restoration = page[page.index('data-procedure="restoration"') :]
        self.assertIn("o_nationality_apply_button", restoration[: restoration.index("</section>")])

    def test_website_speaks_vietnamese_by_default(self):
        website = self.env["website"].get_current_website()
        self.assertEqual(website.default_lang_id.code, "vi_VN")
        self.assertIn("en_US", website.language_ids.mapped("code"))
        response = self.url_open("/nationality", headers={"Accept-Language": "vi-VN,vi;q=0.9"})
        self.assertIn('lang="vi-VN"', response.text)

    def test_apply_requires_signing_in_and_allows_sign_up(self):
        response = self.url_open("/nationality/apply/restoration")
        self.assertIn("/web/login", response.url)
        self.assertIn("redirect=", response.url)
        self.assertEqual(self.env["website"].get_current_website().auth_signup_uninvited, "b2c")

    # ------------------------------------------------------------------
    # Drafts
    # ------------------------------------------------------------------
    def test_first_step_creates_an_owned_draft_with_nfc_names(self):
        self.login(self.applicant)
        form = self.applicant_form(
            full_name=nfd("Lê Hoàng Phúc"),
            birth_place=nfd("Xã Phú Xuân, huyện Phú Vang, tỉnh Thừa Thiên Huế"),
            id_document_number="19fr 48213",
            nationality_ids_list=[str(self.france.id)],
        )
        response = self.post_step("applicant", form, nav="next")
        self.assertEqual(response.status_code, 303)
        dossier = self._own_dossiers()
        self.assertEqual(len(dossier), 1)
        self.assertIn(
            f"/nationality/apply/restoration/{dossier.id}/family", response.headers["Location"]
        )
        self.assertEqual(dossier.state, "draft")
        self.assertEqual(dossier.full_name, "Lê Hoàng Phúc")
        self.assertTrue(unicodedata.is_normalized("NFC", dossier.full_name))
        self.assertEqual(dossier.birth_place, "Xã Phú Xuân, huyện Phú Vang, tỉnh Thừa Thiên Huế")
        self.assertEqual(dossier.birth_date, date(1972, 1, 1))
        self.assertEqual(dossier.birth_date_precision, "year")
        self.assertEqual(dossier.id_document_number, "19FR48213")
        self.assertEqual(dossier.partner_id, self.applicant.partner_id)
        self.assertEqual(dossier.nationality_ids, self.france)
        self.assertEqual(dossier.channel, "online")
        self.assertEqual(dossier.portal_step, "applicant")
        self.assertTrue(dossier.document_ids, "the checklist comes from the rules in force")

    def test_first_step_without_a_name_creates_nothing_and_keeps_the_input(self):
        self.login(self.applicant)
        response = self.post_step(
            "applicant", self.applicant_form(full_name="", occupation="Giáo viên tiếng Việt")
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Enter your full name", response.text)
        self.assertIn('value="Giáo viên tiếng Việt"', response.text)
        self.assertFalse(self._own_dossiers())

    def test_bad_dates_are_refused_and_the_rest_is_saved(self):
        dossier = self.make_draft()
        self.login(self.applicant)
        for text in ("31/02/1980", "1980-13", "năm 1980", "12/12/2999"):
            form = self.applicant_form(birth_date=text, occupation=f"Kỹ sư ({text})")
            response = self.post_step("applicant", form, dossier=dossier)
            self.assertEqual(response.status_code, 200, text)
            self.assertIn("o_nationality_errors", response.text)
            self.assertIn(text, response.text, "the typed value is shown again")
            dossier.invalidate_recordset()
            self.assertEqual(dossier.birth_date, date(1972, 1, 1), "the stored date is kept")
            self.assertEqual(dossier.occupation, f"Kỹ sư ({text})", "the other fields are saved")
        response = self.post_step(
            "applicant", self.applicant_form(birth_date="31/02/1980"), dossier=dossier
        )
        self.assertIn("31/02/1980 is not a date", response.text)
        # Day, month-year and year-only dates are accepted.
        for text, expected, precision in (
            ("05/09/1975", date(1975, 9, 5), "day"),
            ("09/1975", date(1975, 9, 1), "month"),
            ("1975", date(1975, 1, 1), "year"),
        ):
            response = self.post_step(
                "applicant", self.applicant_form(birth_date=text), dossier=dossier
            )
            self.assertEqual(response.status_code, 303)
            dossier.invalidate_recordset()
            self.assertEqual(
                (dossier.birth_date, dossier.birth_date_precision), (expected, precision)
            )
        # The issue date of the identity paper must be a full date.
        response = self.post_step(
            "applicant", self.applicant_form(id_document_issue_date="2019"), dossier=dossier
        )
        self.assertIn("2019 is not a full date", response.text)

    def test_identity_numbers_are_checked_by_type(self):
        dossier = self.make_draft()
        self.login(self.applicant)
        cases = (
            ("citizen_id", "12345", "A citizen ID number has exactly 12 digits."),
            ("citizen_id", "0012345678AB", "A citizen ID number has exactly 12 digits."),
            ("passport", "AB", "A passport number has 5 to 20 letters and digits"),
            ("passport", "ABCDEFG", "A passport number has 5 to 20 letters and digits"),
        )
        for kind, number, message in cases:
            response = self.post_step(
                "applicant",
                self.applicant_form(
                    id_document_type=kind, id_document_number=number, occupation=f"Nghề {number}"
                ),
                dossier=dossier,
            )
            self.assertEqual(response.status_code, 200, number)
            self.assertIn(message, response.text)
            self.assertIn(f'value="{number}"', response.text)
            dossier.invalidate_recordset()
            self.assertEqual(
                (dossier.id_document_type, dossier.id_document_number), ("passport", "19FR48213")
            )
            self.assertEqual(dossier.occupation, f"Nghề {number}")
        response = self.post_step(
            "applicant",
            self.applicant_form(
                id_document_type="citizen_id", id_document_number="001 072 012 345"
            ),
            dossier=dossier,
        )
        self.assertEqual(response.status_code, 303)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.id_document_number, "001072012345")
        response = self.post_step(
            "applicant",
            self.applicant_form(id_document_type="", id_document_number="001072012345"),
            dossier=dossier,
        )
        self.assertIn("Choose the type of identity paper.", response.text)

    def test_other_refusals_of_the_applicant_step(self):
        dossier = self.make_draft()
        other_province = self.env["nationality.admin.unit"].search(
            [("unit_type", "=", "province"), ("id", "!=", self.province.id)], limit=1
        )
        self.login(self.applicant)
        response = self.post_step(
            "applicant",
            self.applicant_form(
                email="phuc.example.com",
                phone="abc",
                province_id=str(other_province.id),
                street="Số 5 phố Huế",
            ),
            dossier=dossier,
        )
        self.assertIn("phuc.example.com is not an e-mail address.", response.text)
        self.assertIn("abc is not a telephone number", response.text)
        self.assertIn(f"{self.ward.name} is not in {other_province.name}", response.text)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.email, "phuc@example.com")
        self.assertEqual(dossier.street, "Số 5 phố Huế")
        self.assertEqual(dossier.province_id, other_province)
        self.assertFalse(dossier.ward_id)

    def test_family_members(self):
        dossier = self.make_draft()
        self.login(self.applicant)
        response = self.post_step(
            "family",
            {
                "member_new_full_name": nfd("Nguyễn Thị Mai"),
                "member_new_relation": "spouse",
                "member_new_birth_date": "1975",
                "member_new_nationality_id": str(self.env.ref("base.vn").id),
                "member_new_is_vietnamese_citizen": "1",
            },
            dossier=dossier,
        )
        self.assertEqual(response.status_code, 303)
        dossier.invalidate_recordset()
        spouse = dossier.member_ids
        self.assertEqual(spouse.full_name, "Nguyễn Thị Mai")
        self.assertEqual(
            (spouse.birth_date, spouse.birth_date_precision), (date(1975, 1, 1), "year")
        )
        self.assertTrue(spouse.is_vietnamese_citizen)
        # An adult cannot apply with the applicant; the refused new member stays on the page.
        response = self.post_step(
            "family",
            {
                f"member_{spouse.id}_full_name": "Nguyễn Thị Mai",
                f"member_{spouse.id}_relation": "spouse",
                f"member_{spouse.id}_birth_date": "1975",
                f"member_{spouse.id}_residence": "Hà Nội",
                "member_new_full_name": "Lê Minh Anh",
                "member_new_relation": "child",
                "member_new_birth_date": "02/03/1999",
                "member_new_applies_with_applicant": "1",
            },
            dossier=dossier,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Lê Minh Anh cannot apply with the applicant", response.text)
        self.assertIn('value="Lê Minh Anh"', response.text)
        dossier.invalidate_recordset()
        self.assertEqual(len(dossier.member_ids), 1)
        self.assertEqual(spouse.residence, "Hà Nội", "the existing member was saved")
        # A minor child may; then the spouse is removed.
        response = self.post_step(
            "family",
            {
                f"member_{spouse.id}_full_name": "Nguyễn Thị Mai",
                f"member_{spouse.id}_relation": "spouse",
                f"member_{spouse.id}_delete": "1",
                "member_new_full_name": "Lê Minh Anh",
                "member_new_relation": "child",
                "member_new_birth_date": "02/03/2015",
                "member_new_applies_with_applicant": "1",
                "member_new_vietnamese_name_requested": "Lê Minh Anh",
            },
            dossier=dossier,
        )
        self.assertEqual(response.status_code, 303)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.member_ids.mapped("full_name"), ["Lê Minh Anh"])
        self.assertTrue(dossier.member_ids.applies_with_applicant)
        parent_child = dossier.document_ids.filtered(
            lambda line: line.checklist_item_id.condition == "minor_children"
        )
        self.assertTrue(parent_child.is_applicable, "the conditional document now applies")

    # ------------------------------------------------------------------
    # Uploads
    # ------------------------------------------------------------------
    def _line(self, dossier, code):
        return dossier.document_ids.filtered(lambda line: line.document_type_id.code == code)

    def test_uploads_are_checked_by_content(self):
        dossier = self.make_draft()
        passport = self._line(dossier, "birth_certificate_passport")
        history = self._line(dossier, "personal_history")
        self.login(self.applicant)
        response = self.post_step(
            "documents",
            {},
            dossier=dossier,
            files=[
                (
                    f"file_{passport.id}",
                    ("ho_chieu.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
                ),
                (f"file_{passport.id}", ("anh_chup.png", make_image("PNG"), "image/png")),
                (f"file_{passport.id}", ("ho_chieu_trang_2.jpg", make_image("JPEG"), "image/jpeg")),
                (f"file_{history.id}", ("ly_lich.pdf", b"", "application/pdf")),
                (
                    f"file_{history.id}",
                    ("giả_ảnh.png", b"\x89PNG\r\n\x1a\nnot really an image", "image/png"),
                ),
                (f"file_{history.id}", ("ly_lich_that.pdf", make_pdf(), "application/pdf")),
            ],
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "ho_chieu.pdf is not a PDF, JPEG or PNG file (its content was checked, not its name).",
            response.text,
        )
        self.assertIn("ly_lich.pdf is empty.", response.text)
        self.assertIn("giả_ảnh.png is not a PDF, JPEG or PNG file", response.text)
        dossier.invalidate_recordset()
        self.assertEqual(
            sorted(passport.sudo().attachment_ids.mapped("name")),
            ["anh_chup.png", "ho_chieu_trang_2.jpg"],
        )
        self.assertEqual(
            sorted(passport.sudo().attachment_ids.mapped("mimetype")), ["image/jpeg", "image/png"]
        )
        self.assertEqual(history.sudo().attachment_ids.mapped("name"), ["ly_lich_that.pdf"])
        # A real PNG named .pdf is accepted for what it is.
        _files, errors = history.with_user(self.applicant)._portal_add_files(
            [("scan.pdf", make_image("PNG"))]
        )
        self.assertFalse(errors)
        self.assertIn("scan.png", history.sudo().attachment_ids.mapped("name"))

    def test_size_limits_per_file_and_per_dossier(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("nationality_portal.max_file_size_mb", "0.002")  # 2,097 bytes
        params.set_param("nationality_portal.max_dossier_size_mb", "0.003")  # 3,145 bytes
        dossier = self.make_draft()
        passport = self._line(dossier, "birth_certificate_passport")
        history = self._line(dossier, "personal_history")
        self.login(self.applicant)
        response = self.post_step(
            "documents",
            {},
            dossier=dossier,
            files=[
                (f"file_{passport.id}", ("ho_chieu_lon.pdf", make_pdf(3000), "application/pdf"))
            ],
        )
        self.assertIn("ho_chieu_lon.pdf is 3 KB; a file may be at most 2 KB.", response.text)
        response = self.post_step(
            "documents",
            {},
            dossier=dossier,
            files=[
                (f"file_{passport.id}", ("ho_chieu.pdf", make_pdf(1800), "application/pdf")),
                (f"file_{history.id}", ("ly_lich.pdf", make_pdf(1800), "application/pdf")),
            ],
        )
        self.assertIn(
            "ly_lich.pdf does not fit: the files of a dossier may total at most 3 KB and 2 KB are already used.",
            response.text,
        )
        dossier.invalidate_recordset()
        self.assertEqual(passport.sudo().attachment_ids.mapped("name"), ["ho_chieu.pdf"])
        self.assertFalse(history.sudo().attachment_ids)
        self.assertEqual(dossier.state, "draft")

    def test_remove_a_file_from_a_draft(self):
        dossier = self.make_draft()
        passport = self._line(dossier, "birth_certificate_passport")
        attachments, _errors = passport.with_user(self.applicant)._portal_add_files(
            [("ho_chieu.pdf", make_pdf())]
        )
        self.login(self.applicant)
        response = self.post_step(
            "documents", {"remove_file": str(attachments.id)}, dossier=dossier
        )
        self.assertEqual(response.status_code, 303)
        self.assertFalse(attachments.exists())

    # ------------------------------------------------------------------
    # Filing
    # ------------------------------------------------------------------
    def test_submit_needs_the_declaration_and_keeps_the_draft(self):
        dossier = self.complete_draft(self.make_draft(), company=self.stp_hcm, declaration=False)
        self.login(self.applicant)
        response = self.post_step(
            "filing", {"company_id": str(self.stp_hn.id)}, dossier=dossier, nav="submit"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Confirm the declaration that the information given is true and complete.",
            response.text,
        )
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "draft")
        self.assertEqual(dossier.company_id, self.stp_hn, "the choice of department was saved")
        self.assertEqual(len(dossier.sudo().document_ids.attachment_ids), 6)

    def test_submit_lists_what_is_missing(self):
        dossier = self.make_draft()
        self.login(self.applicant)
        response = self.post_step(
            "filing",
            {"company_id": str(self.stp_hn.id), "declaration": "1"},
            dossier=dossier,
            nav="submit",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Answer the question: Vietnamese name requested.", response.text)
        self.assertIn("Choose at least one ground of your request.", response.text)
        self.assertIn("Upload the document: Personal history statement.", response.text)
        self.assertNotIn("Upload the document: Proof that the applicant once had", response.text)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "draft")

    def test_submit_files_the_dossier_online(self):
        dossier = self.complete_draft(self.make_draft(), declaration=False)
        self.login(self.applicant)
        response = self.post_step(
            "filing",
            {
                "company_id": str(self.stp_hn.id),
                "declaration": "1",
                "privacy_notice_id": str(self.notice.id),
            },
            dossier=dossier,
            nav="submit",
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn(
            f"/nationality/apply/restoration/{dossier.id}/done", response.headers["Location"]
        )
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "submitted")
        self.assertEqual(dossier.channel, "online")
        self.assertEqual(dossier.company_id, self.stp_hn)
        self.assertRegex(dossier.name, r"^000\.00\.21\.H26-\d{6}-\d{4}$")
        self.assertTrue(dossier.date_filed and dossier.date_declaration)
        done = self.url_open(response.headers["Location"])
        self.assertIn(dossier.name, done.text)
        # The confirmation reaches the applicant by e-mail and on the portal chatter.
        message = dossier.sudo().message_ids.filtered(
            lambda m: self.applicant.partner_id in m.partner_ids
            and dossier.name in (m.subject or "")
        )
        self.assertEqual(len(message), 1)
        self.assertIn("received online", message.subject)
        self.assertEqual(message.author_id, self.stp_hn.partner_id)
        self.assertFalse(message.subtype_id.internal)
        notification = message.notification_ids.filtered(
            lambda n: n.res_partner_id == self.applicant.partner_id
        )
        self.assertEqual(notification.notification_type, "email")
        self.assertEqual(
            message.notification_ids.res_partner_id,
            self.applicant.partner_id,
            "only the applicant is notified, not the department",
        )
        # Filed dossiers are no longer edited on the portal.
        response = self.url_open(
            f"/en/nationality/apply/restoration/{dossier.id}/applicant", allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"/my/nationality/{dossier.id}", response.headers["Location"])
        response = self.post_step(
            "applicant", self.applicant_form(full_name="Tên khác"), dossier=dossier
        )
        self.assertEqual(response.status_code, 303)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.full_name, "Lê Hoàng Phúc")

    def test_naturalization_is_only_pre_registered(self):
        naturalization = self.procedures["naturalization"]
        self.login(self.applicant)
        page = self.url_open("/nationality/apply/naturalization")
        self.assertIn("o_nationality_prereg_notice", page.text)
        dossier = self.make_draft(procedure=naturalization)
        self.assertFalse(dossier.portal_preregistration, "not sent to a department yet")
        self.assertEqual(dossier.channel, "counter")
        page = self.url_open(f"/nationality/apply/naturalization/{dossier.id}/filing")
        self.assertNotIn("o_nationality_submit", page.text)
        response = self.post_step(
            "filing",
            {"company_id": str(self.stp_hn.id), "declaration": "1"},
            dossier=dossier,
            nav="submit",
            code="naturalization",
        )
        self.assertIn("is filed in person at the Department of Justice", response.text)
        with self.assertRaises(UserError):
            dossier.with_user(self.applicant).action_portal_submit()
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "draft")
        # The chosen department finds the pre-registration once it is sent;
        # an online draft stays private.
        dossier.with_user(self.applicant)._portal_save_step(
            "filing", {"company_id": str(self.stp_hn.id), "declaration": "1"}
        )
        Dossier = self.as_user(self.env["nationality.dossier"], self.hn_reception)
        self.assertNotIn(dossier, Dossier.search([("applicant_user_id", "=", self.applicant.id)]))
        dossier.with_user(self.applicant).action_portal_preregister(self.notice)
        self.assertTrue(dossier.portal_preregistration)
        online_draft = self.make_draft()
        online_draft.with_user(self.applicant)._portal_save_step(
            "filing", {"company_id": str(self.stp_hn.id)}
        )
        visible = self.as_user(self.env["nationality.dossier"], self.hn_reception).search(
            [("applicant_user_id", "=", self.applicant.id)]
        )
        self.assertIn(dossier, visible)
        self.assertNotIn(online_draft, visible)
        # At the counter it is received like any paper dossier.
        self.as_user(dossier, self.hn_reception).action_receive()
        self.assertEqual(dossier.state, "received")

    # ------------------------------------------------------------------
    # Resume and delete
    # ------------------------------------------------------------------
    def test_resume_and_delete_a_draft(self):
        dossier = self.make_draft()
        dossier._portal_save_step("questions", self.questions_form())
        self.login(self.applicant)
        listing = self.url_open("/my/nationality")
        self.assertRegex(listing.text, rf'href="(/en)?/nationality/apply/restoration/{dossier.id}"')
        start = self.url_open("/nationality/apply/restoration")
        self.assertIn("o_nationality_resume_link", start.text)
        resumed = self.url_open(f"/nationality/apply/restoration/{dossier.id}")
        self.assertIn('name="step" value="questions"', resumed.text)
        self.assertIn("Quyết định số 512/2001/QĐ-CTN", resumed.text)
        response = self.post(f"/my/nationality/{dossier.id}/delete")
        self.assertEqual(response.status_code, 303)
        self.assertFalse(dossier.exists())

    def test_filed_dossier_cannot_be_deleted(self):
        dossier = self.submitted_dossier()
        self.login(self.applicant)
        response = self.post(f"/my/nationality/{dossier.id}/delete")
        self.assertEqual(response.status_code, 403)
        self.assertTrue(dossier.exists())

    def test_portal_home_counts_the_applicant_dossiers(self):
        self.make_draft()
        self.submitted_dossier()
        self.make_draft(user=self.other_applicant)
        self.login(self.applicant)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["nationality_dossier_count"]}
        )
        self.assertEqual(counters["nationality_dossier_count"], 2)
        self.assertIn(
            'data-placeholder_count="nationality_dossier_count"', self.url_open("/my").text
        )
