# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Findings of the December 2026 review of the online service, each kept as
a test that failed before its fix."""

import json
from urllib.parse import quote
from xmlrpc.client import Fault

from odoo import http
from odoo.addons.nationality_dossier.tools.person_input import has_control_characters
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import NationalityPortalCase, make_pdf


@tagged("post_install", "-at_install")
class TestReviewFindings(NationalityPortalCase):
    def _json_rpc(self, route, params):
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_internal_notes_are_not_readable_by_the_applicant(self):
        dossier = self.submitted_dossier()
        dossier.sudo().write(
            {"note": "<p>Nghi vấn giấy khai sinh không khớp sổ hộ tịch, đang xác minh.</p>"}
        )
        mine = dossier.with_user(self.applicant)
        self.assertEqual(mine.read(["state"])[0]["state"], "submitted")
        with self.assertRaises(AccessError):
            mine.read(["note"])
        with self.assertRaises(AccessError):
            mine.search_read([("note", "ilike", "xác minh")], ["name"])
        with self.assertRaises(AccessError):
            mine.read(["retention_note"])
        # Over JSON-RPC as the signed-in applicant, and on the portal page.
        self.login(self.applicant)
        answer = self._json_rpc(
            "/web/dataset/call_kw",
            {
                "model": "nationality.dossier",
                "method": "read",
                "args": [[dossier.id], ["note"]],
                "kwargs": {},
            },
        )
        self.assertIn("error", answer)
        self.assertNotIn("xác minh", json.dumps(answer, ensure_ascii=False))
        page = self.url_open(f"/my/nationality/{dossier.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("xác minh", page.text)
        # The department's officers still read and write it.
        reception = self.as_user(dossier, self.hn_reception)
        self.assertIn("xác minh", reception.note)

    def test_a_step_refused_as_a_whole_does_not_claim_it_was_saved(self):
        dossier = self.make_draft(birth_date="01/02/1980", occupation="Kỹ sư")
        self.login(self.applicant)
        # The issue date before the birth date breaks a rule of the dossier:
        # nothing of the step is stored, and the page says so.
        response = self.post_step(
            "applicant",
            self.applicant_form(
                birth_date="01/02/1980",
                id_document_issue_date="01/01/1970",
                occupation="Giáo viên tiếng Pháp",
            ),
            dossier=dossier,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Nothing on this page was saved yet", response.text)
        self.assertNotIn("Everything else on this page was saved", response.text)
        # What was typed stays in the form to be corrected.
        self.assertIn("Giáo viên tiếng Pháp", response.text)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.occupation, "Kỹ sư")
        # A value refused on its own leaves the others saved, as the page says.
        response = self.post_step(
            "applicant",
            self.applicant_form(birth_date="31/02/1980", occupation="Giáo viên tiếng Pháp"),
            dossier=dossier,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Everything else on this page was saved", response.text)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.occupation, "Giáo viên tiếng Pháp")

    def test_no_message_on_a_closed_dossier(self):
        dossier = self.submitted_dossier()
        self.login(self.applicant)
        params = {
            "thread_model": "nationality.dossier",
            "thread_id": dossier.id,
            "post_data": {"body": "Xin hỏi tình trạng hồ sơ của tôi.", "message_type": "comment"},
        }
        answer = self._json_rpc("/mail/message/post", params)
        self.assertNotIn("error", answer)
        self.as_user(dossier, self.hn_reception).action_withdraw(
            "Người nộp hồ sơ có đơn xin rút ngày 02/12/2026."
        )
        dossier.invalidate_recordset()
        before = dossier.sudo().message_ids
        answer = self._json_rpc("/mail/message/post", params)
        self.assertIn(
            "is closed: messages can no longer be sent", answer["error"]["data"]["message"]
        )
        with self.assertRaisesRegex(UserError, "is closed"):
            dossier.with_user(self.applicant).message_post(
                body="Tôi muốn hỏi thêm.", message_type="comment"
            )
        dossier.invalidate_recordset()
        # (The withdrawal's tracking line is written at the end of the transaction.)
        new = (dossier.sudo().message_ids - before).filtered(
            lambda message: message.author_id == self.applicant.partner_id
        )
        self.assertFalse(new)
        # The department still writes to the applicant about a closed dossier.
        self.as_user(dossier, self.hn_reception).message_post(
            body="Sở Tư pháp đã nhận đơn xin rút hồ sơ.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def test_text_that_did_not_arrive_as_utf8_is_refused(self):
        dossier = self.make_draft()
        self.assertTrue(has_control_characters("Nguy\ufffd\ufffdn Văn An"))
        with self.assertRaisesRegex(ValidationError, "could not be read"):
            dossier.with_user(self.applicant).write({"full_name": "Nguy\ufffd\ufffdn Văn An"})
        self.login(self.applicant)
        fields = {
            "csrf_token": http.Request.csrf_token(self),
            "step": "applicant",
            "nav": "save",
            "dossier_id": str(dossier.id),
            "gender": "male",
            "birth_date": "1972",
        }
        # "Nguyễn" sent in Windows-1258 bytes, which are not UTF-8.
        body = "&".join(f"{key}={quote(value)}" for key, value in fields.items())
        body += "&full_name=Nguy%EA%DEn+V%E3n+An"
        response = self.url_open(
            "/nationality/apply/restoration/save",
            data=body.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("could not be read", response.text)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.full_name, "Lê Hoàng Phúc")

    def test_upload_methods_are_not_callable_remotely(self):
        dossier = self.make_draft()
        line = dossier.document_ids.filtered("is_blocking")[:1]
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, self.applicant.login, self.applicant.login, {}
        )
        for method, args in (
            ("_portal_add_files", [[line.id], [["a.pdf", "%PDF-1.4 hello"]]]),
            ("portal_add_files", [[line.id], [["a.pdf", "%PDF-1.4 hello"]]]),
            ("_portal_remove_file", [[line.id], 1]),
        ):
            with self.subTest(method=method), self.assertRaises(Fault) as caught:
                self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname,
                    uid,
                    self.applicant.login,
                    "nationality.dossier.document",
                    method,
                    args,
                )
            self.assertNotIn("TypeError", caught.exception.faultString)
        for method in ("_portal_create_draft", "_portal_save_step", "_portal_unlink_draft"):
            with self.subTest(method=method), self.assertRaisesRegex(Fault, "Private methods"):
                self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname,
                    uid,
                    self.applicant.login,
                    "nationality.dossier",
                    method,
                    [[dossier.id], "applicant", {}],
                )
        line.invalidate_recordset()
        self.assertFalse(line.sudo().attachment_ids)
        # The form still takes the file.
        _attachments, errors = line.with_user(self.applicant)._portal_add_files(
            [("ho_chieu.pdf", make_pdf())]
        )
        self.assertFalse(errors)
