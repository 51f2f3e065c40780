# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html
import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from .common import NationalityPortalCase, make_pdf


@tagged("post_install", "-at_install")
class TestPortalAccess(NationalityPortalCase):
    """An applicant reaches only their own drafts, dossiers and files."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Trần Thị Lan's dossiers, that Lê Hoàng Phúc tries to reach.
        cls.lan_draft = cls.make_class_draft(cls.other_applicant, full_name="Trần Thị Lan")
        cls.lan_filed = cls.make_class_draft(cls.other_applicant, full_name="Trần Thị Lan")

    @classmethod
    def make_class_draft(cls, user, **overrides):
        Dossier = cls.env["nationality.dossier"].with_user(user)
        form = {
            "full_name": "Trần Thị Lan",
            "birth_date": "14/02/1980",
            "id_document_type": "citizen_id",
            "id_document_number": "001180012345",
            "email": "lan@example.com",
            "address_scheme": "abroad",
            "address_abroad": "12 rue de Rivoli, Paris",
            "residence_country_id": str(cls.env.ref("base.fr").id),
            **overrides,
        }
        dossier, errors = Dossier._portal_create_draft(cls.procedures["restoration"], form)
        assert not errors, errors
        return dossier

    def setUp(self):
        super().setUp()
        lan = self.lan_filed
        self.complete_draft(lan)
        lan.action_portal_submit(self.notice)
        self.lan_file = lan.sudo().document_ids.attachment_ids[:1]
        self.lan_draft_file, _errors = self.lan_draft.document_ids[:1]._portal_add_files(
            [("ho_chieu_lan.pdf", make_pdf())]
        )
        self.own = self.make_draft()
        self.own_file, _errors = self.own.document_ids[:1]._portal_add_files(
            [("ho_chieu_phuc.pdf", make_pdf())]
        )

    def assertNotReached(self, response):
        self.assertIn(response.status_code, (403, 404), response.url)
        self.assertNotIn("Trần Thị Lan", response.text)

    def test_page_titles_speak_the_page_language(self):
        self.login(self.applicant)
        listing = self.url_open("/vi/my/nationality")
        self.assertRegex(listing.text, r"<title>\s*Hồ sơ quốc tịch")
        detail = self.url_open(f"/vi/my/nationality/{self.own.id}")
        self.assertRegex(detail.text, r"<title>\s*(Trở lại quốc tịch Việt Nam|000\.)")

    def test_other_dossiers_by_url(self):
        self.login(self.applicant)
        self.assertEqual(self.url_open(f"/my/nationality/{self.own.id}").status_code, 200)
        for dossier in (self.lan_draft, self.lan_filed):
            self.assertNotReached(self.url_open(f"/my/nationality/{dossier.id}"))
            self.assertNotReached(self.url_open(f"/nationality/apply/restoration/{dossier.id}"))
            self.assertNotReached(
                self.url_open(f"/nationality/apply/restoration/{dossier.id}/applicant")
            )
            self.assertNotReached(
                self.url_open(f"/nationality/apply/restoration/{dossier.id}/done")
            )
        self.assertNotReached(self.url_open("/my/nationality/999999999"))
        listing = self.url_open("/my/nationality")
        self.assertNotIn("Trần Thị Lan", listing.text)
        # Signed out, nothing is shown either.
        self.authenticate(None, None)
        response = self.url_open(f"/my/nationality/{self.own.id}")
        self.assertIn("/web/login", response.url)

    def test_other_files_by_attachment_id(self):
        self.login(self.applicant)
        own = self.url_open(f"/my/nationality/{self.own.id}/file/{self.own_file.id}")
        self.assertEqual(own.status_code, 200)
        self.assertTrue(own.content.startswith(b"%PDF-"))
        for attachment in (self.lan_file, self.lan_draft_file):
            # Another dossier's file through one's own dossier, or through theirs.
            self.assertNotReached(
                self.url_open(f"/my/nationality/{self.own.id}/file/{attachment.id}")
            )
            self.assertNotReached(
                self.url_open(f"/my/nationality/{attachment.res_id}/file/{attachment.id}")
            )
            for dossier in (self.lan_filed, self.lan_draft):
                self.assertNotReached(
                    self.url_open(f"/my/nationality/{dossier.id}/file/{attachment.id}")
                )
            # The generic download routes refuse too.
            response = self.url_open(f"/web/content/{attachment.id}?download=true")
            self.assertIn(response.status_code, (403, 404))
            self.assertFalse(response.content.startswith(b"%PDF-"))
            response = self.url_open(f"/web/content/ir.attachment/{attachment.id}/datas")
            self.assertIn(response.status_code, (403, 404))
        # Not even one's own file is served by the generic route: only by the dossier page.
        with self.assertRaises(AccessError):
            self.own_file.with_user(self.applicant).read(["datas"])

    def test_access_tokens_do_not_open_dossiers(self):
        lan = self.lan_filed.sudo()
        token = lan._portal_ensure_token()
        own_token = self.own.sudo()._portal_ensure_token()
        self.login(self.applicant)
        for value in (token, own_token):
            self.assertNotReached(self.url_open(f"/my/nationality/{lan.id}?access_token={value}"))
            self.assertNotReached(
                self.url_open(
                    f"/my/nationality/{lan.id}/file/{self.lan_file.id}?access_token={value}"
                )
            )
        # Nor the chatter of the dossier, signed in or not.
        lan.message_post(body="Thông tin riêng của hồ sơ", message_type="comment")
        for login in (self.applicant, None):
            if login:
                self.login(login)
            else:
                self.authenticate(None, None)
            try:
                result = self.make_jsonrpc_request(
                    "/mail/thread/messages",
                    {"thread_model": "nationality.dossier", "thread_id": lan.id, "token": token},
                )
            except JsonRpcException as error:
                # The route refuses (not found, or a session is needed).
                self.assertNotIn("Thông tin riêng", str(error))
                continue
            self.assertNotIn("Thông tin riêng", str(result))

    def test_other_drafts_cannot_be_edited_or_deleted(self):
        self.login(self.applicant)
        response = self.post_step(
            "applicant", self.applicant_form(full_name="Kẻ xâm nhập"), dossier=self.lan_draft
        )
        self.assertEqual(response.status_code, 404)
        response = self.post_step(
            "documents",
            {},
            dossier=self.lan_draft,
            files=[
                (
                    f"file_{self.lan_draft.document_ids[:1].id}",
                    ("x.pdf", make_pdf(), "application/pdf"),
                )
            ],
        )
        self.assertEqual(response.status_code, 404)
        response = self.post_step(
            "documents", {"remove_file": str(self.lan_draft_file.id)}, dossier=self.own
        )
        self.assertEqual(response.status_code, 404)
        response = self.post(f"/my/nationality/{self.lan_draft.id}/delete")
        self.assertEqual(response.status_code, 404)
        response = self.post(f"/my/nationality/{self.lan_filed.id}/supplement", {"nav": "resubmit"})
        self.assertEqual(response.status_code, 404)
        self.lan_draft.invalidate_recordset()
        self.assertTrue(self.lan_draft.exists())
        self.assertEqual(self.lan_draft.full_name, "Trần Thị Lan")
        self.assertTrue(self.lan_draft_file.exists())

    def test_a_draft_goes_only_to_a_receiving_department(self):
        draft = self.make_draft().with_user(self.applicant)
        for company in (self.ministry, self.env.ref("base.main_company")):
            with self.assertRaises(ValidationError, msg=company.name):
                draft.write({"company_id": company.id})
            with self.assertRaises(ValidationError, msg=company.name):
                self.env["nationality.dossier"].with_user(self.applicant).create(
                    {"procedure_id": draft.procedure_id.id, "company_id": company.id}
                )
        draft.write({"company_id": self.stp_hcm.id})
        self.assertEqual(draft.sudo().company_id, self.stp_hcm)

    def test_record_rules_without_the_controllers(self):
        Dossier = self.env["nationality.dossier"].with_user(self.applicant)
        self.assertEqual(Dossier.search([]), self.own)
        with self.assertRaises(AccessError):
            self.lan_draft.with_user(self.applicant).read(["full_name"])
        with self.assertRaises(AccessError):
            self.lan_draft.with_user(self.applicant).write({"full_name": "Kẻ xâm nhập"})
        with self.assertRaises(AccessError):
            self.lan_draft.with_user(self.applicant).unlink()
        with self.assertRaises(AccessError):
            self.lan_draft.with_user(self.applicant)._portal_save_step("applicant", {})
        with self.assertRaises(AccessError):
            self.lan_filed.document_ids[:1].with_user(self.applicant)._portal_add_files(
                [("x.pdf", make_pdf())]
            )
        members = self.env["nationality.dossier.member"].with_user(self.applicant)
        with self.assertRaises(AccessError):
            members.create(
                {"dossier_id": self.lan_draft.id, "full_name": "Kẻ xâm nhập", "relation": "other"}
            )
        lines = self.env["nationality.dossier.document"].with_user(self.applicant)
        self.assertFalse(lines.search([("dossier_id", "=", self.lan_draft.id)]))
        # Workflow, fee and staff fields stay out of reach of one's own draft.
        own = self.own.with_user(self.applicant)
        for vals in (
            {"state": "submitted"},
            {"fee_paid": True},
            {"note": "<p>ghi chú</p>"},
            {"user_id": self.hn_reception.id},
            {"applicant_user_id": self.other_applicant.id},
            {"partner_id": self.other_applicant.partner_id.id},
            {"document_ids": [(5, 0, 0)]},
        ):
            with self.assertRaises(AccessError, msg=str(vals)):
                own.write(vals)
        with self.assertRaises(AccessError):
            own.document_ids[:1].write({"lookup_done": True})
        with self.assertRaises(AccessError):
            own.document_ids[:1].write({"original_seen": True})
        with self.assertRaises(AccessError):
            Dossier.create(
                {
                    "procedure_id": self.restoration.id,
                    "company_id": self.stp_hn.id,
                    "full_name": "Lê Hoàng Phúc",
                    "fee_paid": True,
                }
            )
        # Filing without the checks of the portal method is not possible either.
        with self.assertRaises(AccessError):
            own.action_submit_online()
        # A filed dossier is read-only for its applicant.
        self.complete_draft(own)
        own.action_portal_submit(self.notice)
        with self.assertRaises(AccessError):
            own.write({"full_name": "Tên khác"})
        with self.assertRaisesRegex(UserError, "Files can no longer be added"):
            own.document_ids[:1]._portal_add_files([("x.pdf", make_pdf())])
        with self.assertRaises(UserError):
            own.action_portal_resubmit_supplement()
        with self.assertRaises(AccessError):
            self.lan_filed.with_user(self.applicant).action_portal_resubmit_supplement()

    def test_status_check_reveals_no_personal_data_and_is_rate_limited(self):
        lan = self.lan_filed
        self.authenticate(None, None)
        # The same answer for an unknown code and for wrong digits.
        wrong_digits = self.post("/en/nationality/status", {"code": lan.name, "digits": "9999"})
        unknown = self.post(
            "/en/nationality/status", {"code": "000.00.21.H26-000000-0000", "digits": "2345"}
        )
        for response in (wrong_digits, unknown):
            self.assertEqual(response.status_code, 200)
            self.assertIn("No dossier matches this code and these characters.", response.text)
            self.assertNotIn("o_nationality_status_result", response.text)
        found = self.post("/en/nationality/status", {"code": lan.name.lower(), "digits": "2345"})
        self.assertIn("o_nationality_status_result", found.text)
        self.assertIn("Received online", found.text)
        self.assertIn(lan.procedure_id.name, found.text)
        for personal in ("Trần Thị Lan", "001180012345", "lan@example.com", "Rivoli", "14/02/1980"):
            self.assertNotIn(personal, found.text)
        # A pattern does not match several dossiers.
        pattern = self.post("/en/nationality/status", {"code": "%", "digits": "2345"})
        self.assertNotIn("o_nationality_status_result", pattern.text)
        # 10 attempts per 15 minutes and per address: the 4 above and 6 more.
        for _attempt in range(6):
            response = self.post("/en/nationality/status", {"code": lan.name, "digits": "0000"})
            self.assertEqual(response.status_code, 200)
        blocked = self.post("/en/nationality/status", {"code": lan.name, "digits": "2345"})
        self.assertEqual(blocked.status_code, 429)
        self.assertIn("Too many attempts", blocked.text)
        self.assertNotIn("o_nationality_status_result", blocked.text)
        attempts = (
            self.env["nationality.rate.limit"].sudo().search([("scope", "=", "status_check")])
        )
        self.assertEqual(len(attempts), 10)
        self.assertNotIn("127.0.0.1", attempts.mapped("client_key"), "addresses are stored hashed")
        # Another client address is not affected, and the window slides.
        RateLimit = self.env["nationality.rate.limit"]
        self.assertTrue(RateLimit._consume("status_check", "203.0.113.7"))
        self.assertFalse(RateLimit._consume("status_check", "127.0.0.1"))
        attempts.write({"attempted_at": "2020-01-01 00:00:00"})
        self.assertTrue(RateLimit._consume("status_check", "127.0.0.1"))
        # The limits are configuration.
        self.env["ir.config_parameter"].sudo().set_param(
            "nationality_portal.rate_limit.status_check.attempts", "1"
        )
        self.assertFalse(RateLimit._consume("status_check", "127.0.0.1"))

    def test_status_check_of_a_dossier_in_progress_gives_its_stage_and_due_date(self):
        dossier = self.submitted_dossier()
        dossier.sudo().fee_paid = True
        self.as_user(dossier, self.hn_reception).action_accept()
        self.as_user(dossier, self.hn_officer).action_complete_stage()
        self.assertEqual(dossier.state, "in_progress")
        self.authenticate(None, None)
        found = self.post("/en/nationality/status", {"code": dossier.name, "digits": "8213"})
        result = re.search(r"<div[^>]*o_nationality_status_result.*?</dl>", found.text, re.S)
        self.assertTrue(result, found.text[:2000])
        answer = html.unescape(result.group(0))
        self.assertIn("In progress", answer)
        self.assertIn(dossier.stage_id.name, answer)
        self.assertIn(dossier.stage_date_due.strftime("%d/%m/%Y"), answer)
        self.assertIn(dossier.date_appointment.strftime("%d/%m/%Y"), answer)
        self.assertNotIn(dossier.full_name, found.text)

    def test_applicant_answers_in_the_chatter_of_their_own_dossier_only(self):
        own = self.complete_draft(self.own)
        own.action_portal_submit(self.notice)
        self.login(self.applicant)
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "nationality.dossier",
                "thread_id": own.id,
                "post_data": {
                    "body": "Tôi xin gửi thêm bản dịch hộ chiếu.",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            },
        )
        self.assertIn(
            "Tôi xin gửi thêm bản dịch hộ chiếu.",
            "".join(own.sudo().message_ids.mapped("body")),
        )
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "nationality.dossier",
                    "thread_id": self.lan_filed.id,
                    "post_data": {"body": "Xâm nhập", "message_type": "comment"},
                },
            )
        self.assertNotIn("Xâm nhập", "".join(self.lan_filed.sudo().message_ids.mapped("body")))
