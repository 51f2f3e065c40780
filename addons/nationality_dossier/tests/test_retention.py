# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.addons.nationality_dossier.models.nationality_dossier import simulated_clock
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import NationalityCase


@tagged("post_install", "-at_install")
class TestRetention(NationalityCase):
    def _closed_dossier(self, when):
        with simulated_clock(when):
            dossier = self.make_dossier(
                "origin_certificate", full_name="Trịnh Gia Bảo", id_document_number="B9876543"
            )
            dossier.action_receive()
            dossier.action_refuse("Không thuộc thẩm quyền của Sở Tư pháp thành phố Hà Nội.")
        return dossier

    def test_closed_dossiers_are_flagged_after_the_retention_period_and_nothing_is_deleted(self):
        procedure = self.procedures["origin_certificate"]
        procedure.retention_years = 5
        old = self._closed_dossier(datetime(2020, 3, 2, 3, 0))
        recent = self._closed_dossier(datetime(2025, 3, 2, 3, 0))
        self.assertEqual(old.date_closed, date(2020, 3, 2))
        self.assertEqual(old.retention_due_date, date(2025, 3, 2))
        files = old.document_ids
        self.env["nationality.dossier"]._cron_retention_review()
        self.assertTrue(old.retention_flagged)
        self.assertFalse(recent.retention_flagged)
        self.assertTrue(old.exists() and files.exists())
        activity_users = old.activity_ids.mapped("user_id")
        self.assertIn(self.hn_leader, activity_users)

        # Officers cannot review; the leader decides and the next review moves on.
        with self.assertRaises(AccessError):
            self.as_user(old, self.hn_officer).action_retention_keep()
        self.as_user(old, self.hn_leader).action_retention_keep()
        self.assertFalse(old.retention_flagged)
        self.assertEqual(old.retention_decision, "keep")
        self.assertEqual(old.retention_reviewed_by_id, self.hn_leader)
        self.assertGreater(old.retention_due_date, date.today())

    def test_the_other_departments_leader_cannot_review(self):
        self.procedures["origin_certificate"].retention_years = 1
        old = self._closed_dossier(datetime(2021, 5, 4, 3, 0))
        self.env["nationality.dossier"]._cron_retention_review()
        hcm_leader = self.env["res.users"].create(
            {
                "name": "Lãnh đạo Sở TP.HCM",
                "login": "t.hcm.leader.retention",
                "company_id": self.stp_hcm.id,
                "company_ids": [(6, 0, self.stp_hcm.ids)],
                "groups_id": [(6, 0, self.env.ref("nationality_dossier.group_stp_leader").ids)],
            }
        )
        with self.assertRaises(AccessError):
            self.as_user(old, hcm_leader).action_retention_archive()
        self.assertTrue(old.retention_flagged)
