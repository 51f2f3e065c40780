# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import NationalityPortalCase, make_image, make_pdf


@tagged("post_install", "-at_install")
class TestPortalSupplement(NationalityPortalCase):
    def _line(self, dossier, code):
        return dossier.document_ids.filtered(lambda line: line.document_type_id.code == code)

    def _messages_to_applicant(self, dossier):
        dossier = dossier.sudo()
        dossier.invalidate_recordset()
        return dossier.message_ids.filtered(
            lambda m: self.applicant.partner_id in m.partner_ids
            and self.applicant.partner_id in m.notification_ids.res_partner_id
        )

    def test_supplement_answered_online(self):
        dossier = self.submitted_dossier()
        passport = self._line(dossier, "birth_certificate_passport")
        history = self._line(dossier, "personal_history")
        before = self._messages_to_applicant(dossier)
        reception = self.as_user(dossier, self.hn_reception)
        reception.action_request_supplement(
            note="Bản chụp hộ chiếu bị mờ, đề nghị gửi lại bản rõ nét.",
            missing_lines=self._line(reception, "birth_certificate_passport"),
        )
        self.assertEqual(dossier.state, "supplement")
        # The applicant is told what to send, by e-mail and on the portal.
        notice = self._messages_to_applicant(dossier) - before
        self.assertEqual(len(notice), 1)
        self.assertIn(passport.name, notice.body)
        self.assertIn("Bản chụp hộ chiếu bị mờ", notice.body)
        self.assertIn(f"/my/nationality/{dossier.id}", notice.body)
        self.assertFalse(notice.subtype_id.internal)

        self.login(self.applicant)
        page = self.url_open(f"/my/nationality/{dossier.id}")
        self.assertIn("o_nationality_supplement", page.text)
        self.assertIn("Bản chụp hộ chiếu bị mờ", page.text)
        self.assertIn(f'data-line="{passport.id}"', page.text)
        self.assertIn(f'name="file_{passport.id}"', page.text)
        self.assertNotIn(f'name="file_{history.id}"', page.text)
        # Sending without a new file is refused, the dossier keeps waiting.
        response = self.post(f"/my/nationality/{dossier.id}/supplement", {"nav": "resubmit"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Upload a new file for each requested document first", response.text)
        self.assertIn(passport.name, response.text)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "supplement")
        # A disguised file is refused with its reason.
        response = self.post(
            f"/my/nationality/{dossier.id}/supplement",
            {"nav": "resubmit"},
            files=[
                (
                    f"file_{passport.id}",
                    ("ho_chieu_moi.pdf", b"MZ\x90\x00binary", "application/pdf"),
                )
            ],
        )
        self.assertIn("ho_chieu_moi.pdf is not a PDF, JPEG or PNG file", response.text)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "supplement")
        # Lines that were not requested receive nothing.
        with self.assertRaises(UserError):
            history.with_user(self.applicant)._portal_add_files([("x.pdf", make_pdf())])
        # A good scan, then sending: the dossier resumes where it was.
        response = self.post(
            f"/my/nationality/{dossier.id}/supplement",
            {"nav": "upload"},
            files=[(f"file_{passport.id}", ("ho_chieu_moi.jpg", make_image("JPEG"), "image/jpeg"))],
        )
        self.assertEqual(response.status_code, 303)
        page = self.url_open(f"/my/nationality/{dossier.id}")
        self.assertIn("ho_chieu_moi.jpg", page.text)
        response = self.post(f"/my/nationality/{dossier.id}/supplement", {"nav": "resubmit"})
        self.assertEqual(response.status_code, 303)
        self.assertIn("resubmitted=1", response.headers["Location"])
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "submitted")
        self.assertFalse(passport.requested_in_supplement)
        self.assertTrue(dossier.date_supplement_answered)
        self.assertEqual(
            passport.sudo().supplement_attachment_ids.mapped("name"), ["ho_chieu_moi.jpg"]
        )
        self.assertIn("ho_chieu_moi.jpg", passport.sudo().attachment_ids.mapped("name"))
        confirmation = self._messages_to_applicant(dossier).filtered(
            lambda m: "supplement received" in (m.subject or "")
        )
        self.assertEqual(len(confirmation), 1)
        # The reception officer accepts the completed dossier.
        dossier.sudo().fee_paid = True
        self.as_user(dossier, self.hn_reception).action_accept()
        self.assertEqual(dossier.state, "in_progress")

    def test_supplement_restarts_the_clock(self):
        Calendar = self.env["nationality.working.calendar"]
        with freeze_time("2026-03-02 02:00:00"):
            dossier = self.submitted_dossier()
            dossier.sudo().fee_paid = True
            reception = self.as_user(dossier, self.hn_reception)
            before = self._messages_to_applicant(dossier)
            reception.action_accept()
            self.assertEqual(dossier.state, "in_progress")
            accepted = self._messages_to_applicant(dossier) - before
            self.assertEqual(len(accepted), 1)
            self.assertIn("was accepted on 02/03/2026", accepted.body)
            self.assertIn(dossier._format_date(dossier.date_appointment), accepted.body)
            due, appointment = dossier.date_due, dossier.date_appointment
        passport = self._line(dossier, "birth_certificate_passport")
        with freeze_time("2026-03-04 02:00:00"):
            reception.action_request_supplement(
                note="Thiếu bản dịch công chứng.",
                missing_lines=self._line(reception, "birth_certificate_passport"),
            )
            self.assertEqual(str(dossier.clock_paused_since), "2026-03-04")
        with freeze_time("2026-03-11 02:00:00"):
            own = dossier.with_user(self.applicant)
            with self.assertRaises(UserError):
                own.action_portal_resubmit_supplement()
            passport.with_user(self.applicant)._portal_add_files([("ban_dich.pdf", make_pdf())])
            own.action_portal_resubmit_supplement()
            self.assertEqual(dossier.state, "in_progress")
            self.assertFalse(dossier.clock_paused_since)
            paused = Calendar.working_days_between(date(2026, 3, 4), date(2026, 3, 11))
            self.assertEqual(paused, 5)
            self.assertEqual(dossier.date_due, Calendar.add_working_days(due, paused))
            self.assertEqual(
                dossier.date_appointment, Calendar.add_working_days(appointment, paused)
            )

    def test_applicant_is_told_of_every_decision(self):
        refused = self.submitted_dossier()
        before = self._messages_to_applicant(refused)
        self.as_user(refused, self.hn_reception).action_refuse(
            "Người nộp không thuộc trường hợp được trở lại quốc tịch Việt Nam."
        )
        notice = self._messages_to_applicant(refused) - before
        self.assertEqual(len(notice), 1)
        self.assertIn("không thuộc trường hợp", notice.body)

        withdrawn = self.submitted_dossier()
        before = self._messages_to_applicant(withdrawn)
        self.as_user(withdrawn, self.hn_reception).action_withdraw(
            "Đơn xin rút hồ sơ ngày 05/03/2026"
        )
        self.assertEqual(len(self._messages_to_applicant(withdrawn) - before), 1)

        # A certificate decided by the department, then handed over.
        certificate = self.make_draft(procedure=self.procedures["nationality_certificate"])
        certificate._portal_save_step("questions", {"residence_before_leaving": "Huế"})
        for line in certificate.document_ids.filtered("is_blocking"):
            line._portal_add_files([("giay_to.pdf", make_pdf())])
        certificate._portal_save_step(
            "filing", {"company_id": str(self.stp_hn.id), "declaration": "1"}
        )
        certificate.action_portal_submit(self.notice)
        certificate.sudo().fee_paid = True
        self.as_user(certificate, self.hn_reception).action_accept()
        officer = self.as_user(certificate, self.hn_officer)
        while certificate.stage_line_ids.filtered(lambda line: line.state == "planned"):
            officer.action_complete_stage()
        before = self._messages_to_applicant(certificate)
        self.as_user(certificate, self.hn_leader).action_decide(
            "granted", decision_number="15/XNQT"
        )
        decided = self._messages_to_applicant(certificate) - before
        self.assertEqual(len(decided), 1)
        self.assertIn("15/XNQT", decided.body)
        before = self._messages_to_applicant(certificate)
        self.as_user(certificate, self.hn_reception).action_deliver()
        delivered = self._messages_to_applicant(certificate) - before
        self.assertEqual(len(delivered), 1)
        self.assertIn("was handed over", delivered.body)
        # The applicant reads these messages on the portal page of the dossier.
        self.login(self.applicant)
        page = self.url_open(f"/my/nationality/{certificate.id}")
        self.assertIn("o_portal_chatter", page.text)
        self.assertIn("15/XNQT", page.text)

    def test_applicant_is_told_of_each_step_and_of_a_supplement_received_at_the_counter(self):
        dossier = self.submitted_dossier()
        dossier.sudo().fee_paid = True
        self.as_user(dossier, self.hn_reception).action_accept()
        officer = self.as_user(dossier, self.hn_officer)
        before = self._messages_to_applicant(dossier)
        officer.action_complete_stage()
        step = self._messages_to_applicant(dossier) - before
        self.assertEqual(len(step), 1)
        self.assertIn(dossier.stage_id.name, step.body)
        self.assertIn(dossier.stage_date_due.strftime("%d/%m/%Y"), step.body)

        self.as_user(dossier, self.hn_reception).action_request_supplement(
            note="Bổ sung bản sao Hộ chiếu có chứng thực."
        )
        before = self._messages_to_applicant(dossier)
        self.as_user(dossier, self.hn_reception).action_supplement_received()
        received = self._messages_to_applicant(dossier) - before
        self.assertEqual(len(received), 1)
        self.assertIn("were received on", received.body)
        self.assertEqual(dossier.state, "in_progress")

    def test_the_applicant_cannot_link_someone_elses_file(self):
        other = self.submitted_dossier(user=self.other_applicant)
        foreign_file = other.sudo().document_ids.attachment_ids[:1]
        own = self.make_draft()
        line = own.document_ids[:1].with_user(self.applicant)
        with self.assertRaises(AccessError):
            line.write({"attachment_ids": [(4, foreign_file.id)]})
        with self.assertRaises(AccessError):
            line.write({"attachment_ids": [(6, 0, [foreign_file.id])]})
        self.login(self.applicant)
        response = self.url_open(f"/my/nationality/{own.id}/file/{foreign_file.id}")
        self.assertEqual(response.status_code, 404)

    def test_notices_speak_the_applicant_language(self):
        self.applicant.lang = "vi_VN"
        dossier = self.submitted_dossier()
        submitted = self._messages_to_applicant(dossier)
        self.assertIn("đã được tiếp nhận trực tuyến", submitted.subject)
        self.assertIn("Kính gửi Ông/Bà", submitted.body)
        dossier.sudo().fee_paid = True
        self.as_user(dossier, self.hn_reception).with_context(lang="en_US").action_accept()
        accepted = self._messages_to_applicant(dossier) - submitted
        self.assertIn("đầy đủ và đã được tiếp nhận ngày", accepted.body)
        self.assertIn("Ngày dự kiến trả kết quả", accepted.body)
