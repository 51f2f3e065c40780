# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common_workflow import NationalityWorkflowCase


@tagged("post_install", "-at_install")
class TestBackOfficeTour(NationalityWorkflowCase, HttpCase):
    """A naturalization dossier taken through the back office in headless
    Chromium, from reception at the counter to the State President's decision,
    each step by the person whose job it is."""

    def open_for(self, user, tour, dossier):
        self.start_tour(
            f"/odoo/action-nationality_dossier.nationality_dossier_action/{dossier.id}",
            tour,
            login=user.login,
        )
        dossier.invalidate_recordset()

    def test_naturalization_from_the_counter_to_the_decision(self):
        dossier = self.make_dossier(
            "naturalization",
            full_name="Kim Min-jun",
            gender="male",
            birth_date=date(1984, 7, 3),
            birth_place="Seoul, Hàn Quốc",
            id_document_number="M12345678",
            vietnamese_name_requested="Kim Minh Tuấn",
            nationality_ids=[Command.set(self.env.ref("base.kr").ids)],
        )
        # The clerk enters what the applicant brought at the counter; one
        # document is left for the tour to tick off on the form.
        blocking = dossier.document_ids.filtered("is_blocking").sorted("sequence")
        self.assertGreater(len(blocking), 1)
        for line in blocking[:-1]:
            line.write({"copies_received": max(line.copies_required, 1), "original_seen": True})
        last = blocking[-1]
        last.write({"original_seen": True})
        self.assertFalse(last.copies_received)

        self.open_for(self.hn_reception, "nationality_dossier_reception", dossier)
        self.assertEqual(dossier.state, "in_progress")
        self.assertEqual(last.copies_received, 2)
        self.assertEqual(dossier.fee_receipt_number, "BL 0012345")
        self.assertEqual(dossier.received_by_id, self.hn_reception)
        self.assertEqual(dossier.accepted_by_id, self.hn_reception)
        calendar = self.env["nationality.working.calendar"]
        first = dossier.current_stage_line_id
        # 5 working days on Vietnam's calendar: weekends and holidays skipped.
        self.assertEqual(first.date_due, calendar.add_working_days(first.date_start, 5))
        self.assertTrue(calendar.is_working_day(first.date_due))

        self.open_for(self.hn_officer, "nationality_dossier_department_stages", dossier)
        self.assertEqual(dossier.stage_id.code, "ministry_review")
        self.assertTrue(dossier.reached_ministry)
        department_lines = dossier.stage_line_ids.filtered(lambda line: line.state == "done")
        self.assertEqual(len(department_lines), 4)
        self.assertEqual(set(department_lines.done_by_id), {self.hn_officer})

        self.open_for(self.cuc_officer, "nationality_dossier_ministry_stages", dossier)
        self.assertEqual(dossier.stage_id.code, "president_decision")

        self.open_for(self.cuc_leader, "nationality_dossier_decision", dossier)
        self.assertEqual(dossier.state, "decided")
        self.assertEqual(dossier.decision_result, "granted")
        self.assertEqual(dossier.decision_number, "1520/QĐ-CTN")
        self.assertEqual(dossier.decided_by_id, self.cuc_leader)
        self.assertEqual(set(dossier.stage_line_ids.mapped("state")), {"done"})
        # Each transition is in the chatter, by the person who made it.
        tracked = dossier.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        self.assertEqual(
            {(value.mail_message_id.author_id, value.new_value_char) for value in tracked},
            {
                (self.hn_reception.partner_id, "Received, being checked"),
                (self.hn_reception.partner_id, "In progress"),
                (self.cuc_leader.partner_id, "Decided"),
            },
        )
