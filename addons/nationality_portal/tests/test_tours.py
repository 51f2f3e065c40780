# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import NationalityPortalCase


@tagged("post_install", "-at_install")
class TestPortalTours(NationalityPortalCase):
    """The citizen's journeys in headless Chromium."""

    def test_tour_new_user_files_a_restoration_with_uploads(self):
        self.start_tour("/nationality", "nationality_portal_signup_apply")
        user = self.env["res.users"].search([("login", "=", "tran.van.an@example.com")])
        self.assertTrue(user.share, "the citizen signed up as a portal user")
        dossier = self.env["nationality.dossier"].search([("applicant_user_id", "=", user.id)])
        self.assertEqual(len(dossier), 1)
        self.assertEqual(dossier.state, "submitted")
        self.assertEqual(dossier.procedure_id.code, "restoration")
        self.assertEqual(dossier.full_name, "Trần Văn An")
        self.assertEqual(dossier.birth_date_display, "1968")
        self.assertEqual(dossier.id_document_number, "18AA02468")
        self.assertEqual(dossier.member_ids.full_name, "Nguyễn Thị Hoa")
        self.assertTrue(dossier.ward_id and dossier.province_id == dossier.ward_id.parent_id)
        self.assertIn(dossier.company_id, dossier._portal_receiving_companies())
        files = dossier.document_ids.attachment_ids
        self.assertGreaterEqual(len(files), 6)
        self.assertTrue(all(f.mimetype == "application/pdf" for f in files))
        self.assertTrue(dossier.name and dossier.name != "/")

    def test_tour_sign_up_and_file_on_a_phone(self):
        """The steps the other phone tours do not cross: the sign-up form, the
        applicant, documents and filing steps and the confirmation page."""
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour("/web/signup", "nationality_portal_signup_on_a_phone")
        dossier = self.complete_draft(self.make_draft())
        self.start_tour(
            f"/nationality/apply/restoration/{dossier.id}/applicant",
            "nationality_portal_file_on_a_phone",
            login=self.applicant.login,
        )
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "submitted")
        self.assertEqual(dossier.channel, "online")

    def test_tour_resume_a_draft_on_a_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        dossier = self.make_draft()
        dossier._portal_save_step("questions", self.questions_form())
        self.start_tour(
            "/my/nationality", "nationality_portal_resume_draft", login=self.applicant.login
        )
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "draft")
        child = dossier.member_ids
        self.assertEqual(child.full_name, "Lê Minh Anh")
        self.assertTrue(child.applies_with_applicant)
        self.assertEqual(dossier.reasons, "Đoàn tụ gia đình tại Hà Nội.")
        self.assertEqual(dossier.vietnamese_name_requested, "Lê Hoàng Phúc")

    def test_tour_answer_a_supplement_request(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        dossier = self.submitted_dossier()
        reception = self.as_user(dossier, self.hn_reception)
        passport = reception.document_ids.filtered(
            lambda line: line.document_type_id.code == "birth_certificate_passport"
        )
        reception.action_request_supplement(
            note="Gửi lại bản chụp hộ chiếu rõ nét.", missing_lines=passport
        )
        self.assertEqual(dossier.state, "supplement")
        self.start_tour(
            "/my/nationality", "nationality_portal_answer_supplement", login=self.applicant.login
        )
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "submitted")
        self.assertTrue(passport.sudo().supplement_attachment_ids)
        self.assertTrue(dossier.date_supplement_answered)

    def test_tour_public_status_check_on_a_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        dossier = self.submitted_dossier()
        self.assertTrue(dossier.id_document_number.endswith("8213"))
        self.start_tour(
            f"/nationality/status?code={dossier.name}", "nationality_portal_status_check"
        )
        attempts = (
            self.env["nationality.rate.limit"].sudo().search([("scope", "=", "status_check")])
        )
        self.assertEqual(len(attempts), 1, "the tour checked once")
