# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The applicant's notices of the back-office transitions: what they say,
who signs them, and in which language."""

from odoo.tests import tagged

from .common import NationalityPortalCase


@tagged("post_install", "-at_install")
class TestApplicantNotices(NationalityPortalCase):
    def _messages_to_applicant(self, dossier):
        dossier = dossier.sudo()
        dossier.invalidate_recordset()
        return dossier.message_ids.filtered(
            lambda m: self.applicant.partner_id in m.notification_ids.res_partner_id
        )

    def _accepted(self):
        dossier = self.submitted_dossier()
        dossier.sudo().fee_paid = True
        self.as_user(dossier, self.hn_reception).action_accept()
        return dossier

    def _walk_to_a_ministry_stage(self, dossier):
        for _step in range(10):
            if dossier.stage_id.is_ministry_stage:
                return dossier
            self.as_user(dossier, self.hn_officer).action_complete_stage()
        raise AssertionError("the restoration never reaches a Ministry stage")

    def test_a_ministry_stage_notice_does_not_give_the_ministry_officer(self):
        """The notice of a step done at the Ministry is signed by the Department
        that received the dossier, never with the Cục officer\'s name and e-mail."""
        self.cuc_officer.email = "officer.cuc@moj.example"
        dossier = self._walk_to_a_ministry_stage(self._accepted())
        before = self._messages_to_applicant(dossier)
        self.as_user(dossier, self.cuc_officer).action_complete_stage()
        notice = self._messages_to_applicant(dossier) - before
        self.assertEqual(len(notice), 1)
        self.assertIn("moved on to the next step", notice.body)
        self.assertNotIn("officer.cuc@moj.example", notice.email_from or "")
        self.assertNotEqual(notice.author_id, self.cuc_officer.partner_id)
        self.assertEqual(notice.author_id, dossier.company_id.partner_id)

    def test_a_supplement_request_is_worded_in_the_applicants_language(self):
        """The officer works in Vietnamese, the applicant reads English: the
        whole notice is in English."""
        self.assertEqual(self.applicant.partner_id.lang, "en_US")
        dossier = self._accepted()
        before = self._messages_to_applicant(dossier)
        reception = self.as_user(dossier, self.hn_reception).with_context(lang="vi_VN")
        reception.action_request_supplement(note="Bổ sung bản sao hộ chiếu.")
        notice = self._messages_to_applicant(dossier) - before
        self.assertEqual(len(notice), 1)
        self.assertIn("needs additional documents", notice.body)
        self.assertNotIn("cần bổ sung giấy tờ", notice.body)

    def test_a_decision_is_worded_in_the_applicants_language(self):
        """The same for the decision recorded by the Cục leader."""
        dossier = self._walk_to_a_ministry_stage(self._accepted())
        self.assertTrue(dossier.procedure_id.decided_by_ministry)
        before = self._messages_to_applicant(dossier)
        # A refusal may be recorded at any stage.
        leader = self.as_user(dossier, self.cuc_leader).with_context(lang="vi_VN")
        leader.action_decide("refused")
        notice = self._messages_to_applicant(dossier) - before
        self.assertEqual(len(notice), 1, notice.mapped("body"))
        self.assertIn("The result is handed over at", notice.body)
        self.assertIn("A decision was taken on your dossier", notice.body)
