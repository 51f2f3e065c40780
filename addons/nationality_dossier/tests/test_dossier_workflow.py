# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import NationalityCase
from .common_workflow import NationalityWorkflowCase


@tagged("post_install", "-at_install")
class TestDossierWorkflow(NationalityCase):
    def test_naturalization_from_reception_to_decision(self):
        with freeze_time("2026-02-12 09:00:00"):
            dossier = self.make_dossier(
                "naturalization",
                full_name="Kim Min-jun",
                vietnamese_name_requested="Kim Minh Tuấn",
                nationality_ids=[(6, 0, self.env.ref("base.kr").ids)],
            )
            self.assertEqual(dossier.state, "draft")
            self.assertEqual(
                dossier.rule_version_id,
                self.env.ref("nationality_dossier.rule_naturalization_2025"),
            )
            dossier.action_receive()
            self.assertRegex(dossier.name, r"^000\.00\.21\.H26-260212-\d{4}$")
            with self.assertRaisesRegex(UserError, "cannot be accepted yet"):
                dossier.action_accept()
            self.complete_checklist(dossier)
            dossier.write({"fee_paid": True})
            dossier.action_accept()
            self.assertEqual(dossier.state, "in_progress")
            self.assertEqual(dossier.stage_id.code, "police_request")
            # 5 working days from Thursday 12/02/2026, across the weekend and Tết (16-20/02).
            self.assertEqual(dossier.stage_date_due, date(2026, 2, 26))
            self.assertEqual(dossier.register_number, 1)
            self.assertTrue(dossier.date_appointment > date(2026, 5, 1))
        officer = self.as_user(dossier, self.hn_officer)
        for expected in (
            "police_verification",
            "stp_submission",
            "committee_review",
            "ministry_review",
        ):
            officer.action_complete_stage()
            self.assertEqual(dossier.stage_id.code, expected)
        self.assertTrue(dossier.reached_ministry)
        # The STP officer cannot complete the Ministry's stage; the Cục officer can.
        with self.assertRaises(AccessError):
            officer.action_complete_stage()
        cuc = self.as_user(dossier, self.cuc_officer)
        cuc.action_complete_stage()
        self.assertEqual(dossier.stage_id.code, "foreign_release")
        self.assertTrue(dossier.clock_paused_since)
        cuc.action_complete_stage()
        cuc.action_complete_stage()
        self.assertEqual(dossier.stage_id.code, "president_decision")
        with self.assertRaises(AccessError):
            cuc.action_decide("granted", decision_number="123/QĐ-CTN")
        self.as_user(dossier, self.cuc_leader).action_decide(
            "granted", decision_number="123/QĐ-CTN"
        )
        self.assertEqual(dossier.state, "decided")
        self.assertEqual(dossier.decision_result, "granted")
        self.assertEqual(set(dossier.stage_line_ids.mapped("state")), {"done"})

    def test_workflow_fields_cannot_be_written_directly(self):
        dossier = self.make_dossier("nationality_certificate")
        with self.assertRaises(AccessError):
            self.as_user(dossier, self.hn_leader).write({"state": "decided"})
        with self.assertRaises(AccessError):
            self.make_dossier("nationality_certificate", state="in_progress")

    def test_names_are_stored_nfc(self):
        nfd = "Nguye\u0302\u0303n Va\u0306n An"
        dossier = self.make_dossier("nationality_certificate", full_name=nfd)
        self.assertEqual(dossier.full_name, "Nguyễn Văn An")


@tagged("post_install", "-at_install")
class TestTransitionStamps(NationalityWorkflowCase):
    def test_supplement_and_withdrawal_record_who_and_when(self):
        with freeze_time("2026-03-03 02:00:00"):
            dossier = self.receive(
                self.make_dossier("nationality_certificate", full_name="Trịnh Thị Ngọc Ánh")
            )
            self.as_user(dossier, self.hn_reception).action_request_supplement(
                note="Bổ sung bản sao Giấy khai sinh."
            )
        self.assertEqual(dossier.supplement_requested_by_id, self.hn_reception)
        self.assertEqual(dossier.date_supplement_requested, date(2026, 3, 3))
        second_reception = self.hn_reception.copy(
            {"login": "t.hn.reception2", "name": "Hoàng Văn Thái"}
        )
        with freeze_time("2026-03-05 03:30:00"):
            self.as_user(dossier, second_reception).action_supplement_received()
        self.assertEqual(dossier.supplement_received_by_id, second_reception)
        self.assertEqual(dossier.date_supplement_received, datetime(2026, 3, 5, 3, 30))
        with freeze_time("2026-03-06 04:00:00"):
            self.as_user(dossier, self.hn_reception).action_withdraw(
                "Đơn xin rút hồ sơ ngày 06/03/2026."
            )
        self.assertEqual(dossier.withdrawn_by_id, self.hn_reception)
        self.assertEqual(dossier.date_withdrawn, datetime(2026, 3, 6, 4, 0))
        for field in ("supplement_requested_by_id", "supplement_received_by_id", "withdrawn_by_id"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.as_user(dossier, self.hn_leader).write({field: self.hn_leader.id})
