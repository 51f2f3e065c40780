# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Department's notices are signed by its partner: an applicant must not
be able to post a message that reads as one of them."""

import base64
import json

from odoo.tests import tagged

from .common import NationalityPortalCase


@tagged("post_install", "-at_install")
class TestNoticeForgery(NationalityPortalCase):
    def _call_kw(self, model, method, args, kwargs=None):
        """A JSON-RPC call of the web client, as the signed-in user."""
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def test_an_applicant_cannot_post_as_the_department(self):
        """Over JSON-RPC the applicant may call message_post on their own
        draft: naming the Department's partner as the author (and its address
        as the sender) must neither sign the message with the Department's
        name nor let a file through that the chatter refuses to the applicant."""
        draft = self.complete_draft(self.make_draft())
        department = self.stp_hn.partner_id
        self.login(self.applicant)
        executable = base64.b64encode(b"MZ\x90\x00" + b"\x00" * 60).decode()
        for extra in ({}, {"attachments": [["le_phi.exe", executable]]}):
            with self.subTest(attachments=bool(extra)):
                self._call_kw(
                    "nationality.dossier",
                    "message_post",
                    [draft.ids],
                    {
                        "body": "Sở Tư pháp: nộp lệ phí tại http://le-phi.example",
                        "message_type": "comment",
                        "subtype_xmlid": "mail.mt_comment",
                        "author_id": department.id,
                        "email_from": "stphn@hanoi.gov.vn",
                        **extra,
                    },
                )
                draft.invalidate_recordset()
                messages = draft.sudo().message_ids
                self.assertFalse(messages.filtered(lambda m: m.author_id == department))
                self.assertFalse(messages.attachment_ids)
