# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who receives the Department's notices on a dossier: its applicant (and the
Department's own staff), never a partner the applicant made follow it."""

import json

from odoo.tests import tagged

from .common import NationalityPortalCase


@tagged("post_install", "-at_install")
class TestNoticeFollowers(NationalityPortalCase):
    def _call_kw(self, model, method, args, kwargs=None):
        """A JSON-RPC call of the web client, as the signed-in user."""
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def _draft_with_strangers_subscribed(self):
        """A complete draft whose applicant asked, over JSON-RPC, to subscribe
        another applicant and an officer of another Department to it."""
        draft = self.complete_draft(self.make_draft())
        strangers = self.other_applicant.partner_id | self.hcm_officer.partner_id
        self.login(self.applicant)
        self._call_kw(
            "nationality.dossier", "message_subscribe", [draft.ids], {"partner_ids": strangers.ids}
        )
        draft.invalidate_recordset()
        return draft, strangers

    def test_an_applicant_cannot_subscribe_others_to_their_draft(self):
        """The applicant may edit their draft, which lets Odoo's
        message_subscribe add any partner as a follower: another applicant or
        another Department's officer must never become one."""
        draft, strangers = self._draft_with_strangers_subscribed()
        self.assertFalse(draft.sudo().message_partner_ids & strangers)

    def test_department_notices_reach_no_partner_the_applicant_added(self):
        """The confirmation of the filing and the notice of the acceptance,
        posted as the Department, are e-mailed to the applicant only; an
        officer of another Department reads none of the dossier's messages."""
        draft, strangers = self._draft_with_strangers_subscribed()
        draft.action_portal_submit(self.notice)
        draft.sudo().fee_paid = True
        self.as_user(draft, self.hn_reception).action_accept()
        draft.invalidate_recordset()
        notices = draft.sudo().message_ids.filtered(
            lambda message: self.applicant.partner_id in message.notification_ids.res_partner_id
        )
        self.assertTrue(any("was accepted" in notice.body for notice in notices))
        self.assertFalse(notices.notification_ids.res_partner_id & strangers)
        Message = self.as_user(self.env["mail.message"], self.hcm_officer)
        self.assertFalse(
            Message.search([("model", "=", "nationality.dossier"), ("res_id", "=", draft.id)])
        )
