# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common_workflow import NationalityWorkflowCase


def at(day, hour=9):
    """freeze_time at ``hour`` o'clock in Vietnam on ``day`` (a date)."""
    return freeze_time(f"{day.isoformat()} {hour - 7:02d}:00:00")


@tagged("post_install", "-at_install")
class TestClockStops(NationalityWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["nationality.working.calendar"]

    def test_supplement_during_processing_stops_and_restarts_the_clock(self):
        with at(date(2026, 2, 9)):  # Monday before Tết Bính Ngọ (16-20/02/2026)
            dossier = self.accept(self.make_dossier("naturalization", full_name="Kim Min-jun"))
            line = dossier.current_stage_line_id
            self.assertEqual(line.stage_id.code, "police_request")
            # 5 working days: 10, 11, 12, 13 and, after the weekend and Tết, 23/02.
            self.assertEqual(line.date_due, date(2026, 2, 23))
            due_before = dossier.date_due
        with at(date(2026, 2, 11)):
            dossier._refresh_deadline_status()
            days_left = dossier.days_left
            self.as_user(dossier, self.hn_reception).action_request_supplement(
                note="Bổ sung Phiếu lý lịch tư pháp số 2 đã hợp pháp hóa lãnh sự."
            )
            self.assertEqual(dossier.state, "supplement")
            self.assertEqual(dossier.state_before_supplement, "in_progress")
            self.assertEqual(dossier.clock_paused_since, date(2026, 2, 11))
        with at(date(2026, 2, 24)):
            # The stage date has passed, but the clock stands still.
            dossier._refresh_deadline_status()
            self.assertFalse(dossier.is_overdue)
            self.assertEqual(dossier.days_left, days_left)
        with at(date(2026, 2, 25)):
            self.as_user(dossier, self.hn_reception).action_supplement_received()
        # Paused: 12, 13, 23, 24 and 25 February = 5 working days (weekends and Tết do not count).
        self.assertEqual(
            self.calendar.working_days_between(date(2026, 2, 11), date(2026, 2, 25)), 5
        )
        self.assertEqual(dossier.state, "in_progress")
        self.assertFalse(dossier.clock_paused_since)
        self.assertEqual(dossier.paused_working_days, 5)
        self.assertEqual(line.paused_days, 5)
        self.assertEqual(line.date_due, date(2026, 3, 2))
        self.assertEqual(dossier.date_due, self.calendar.add_working_days(due_before, 5))
        self.assertEqual(dossier.days_left, days_left)
        self.assertFalse(dossier.is_overdue)
        self.assertTrue(
            dossier.message_ids.filtered(lambda m: "5 working days" in (m.body or "")),
            "the chatter says how long the clock stood still",
        )

    def test_supplement_at_reception_does_not_start_the_clock(self):
        with at(date(2026, 2, 13)):
            dossier = self.receive(self.make_dossier("naturalization", full_name="Sok Chanthou"))
            self.as_user(dossier, self.hn_reception).action_request_supplement(
                note="Bổ sung giấy tờ chứng minh thường trú."
            )
            self.assertEqual(dossier.state_before_supplement, "received")
            self.assertFalse(dossier.clock_paused_since)
        with at(date(2026, 2, 25)):
            self.as_user(dossier, self.hn_reception).action_supplement_received()
            self.assertEqual(dossier.state, "received")
            self.assertFalse(dossier.date_due)
            self.assertFalse(dossier.stage_line_ids)
        with at(date(2026, 2, 26)):
            self.accept(dossier)
        self.assertEqual(dossier.paused_working_days, 0)
        # The clock starts at acceptance: 27/02, 2, 3, 4 and 5/03.
        self.assertEqual(dossier.stage_date_due, date(2026, 3, 5))
        self.assertEqual(dossier.date_accepted.date(), date(2026, 2, 26))

    def walk_to_foreign_release(self, day):
        with at(day):
            dossier = self.walk_to(
                self.accept(self.make_dossier("naturalization", full_name="Zhang Wei")),
                "foreign_release",
            )
        return dossier

    def test_foreign_release_stage_stops_the_clock(self):
        dossier = self.walk_to_foreign_release(date(2026, 3, 2))
        line = dossier.current_stage_line_id
        self.assertTrue(line.stage_id.clock_stopped)
        self.assertFalse(line.date_due)
        self.assertEqual(dossier.clock_paused_since, date(2026, 3, 2))
        due, days_left = dossier.date_due, dossier.days_left
        with at(date(2026, 9, 1)):
            # Months later the dossier is still not overdue: the clock stands still.
            self.env["nationality.dossier"]._cron_deadline_watch()
            self.assertFalse(dossier.is_overdue)
            self.assertFalse(dossier.is_due_soon)
            self.assertEqual(dossier.days_left, days_left)
        resumed = date(2026, 9, 3)  # 1 and 2 September are days off
        with at(resumed):
            self.complete_stage(dossier)
        paused = self.calendar.working_days_between(date(2026, 3, 2), resumed)
        self.assertGreater(paused, 120)
        self.assertEqual(dossier.paused_working_days, paused)
        self.assertEqual(dossier.date_due, self.calendar.add_working_days(due, paused))
        self.assertFalse(dossier.clock_paused_since)
        self.assertEqual(dossier.stage_id.code, "president_submission")
        self.assertEqual(
            dossier.stage_date_due, self.calendar.add_working_days(resumed, 10)
        )  # 10 working days from the restart

    def test_supplement_at_a_clock_stopped_stage_keeps_the_clock_stopped(self):
        dossier = self.walk_to_foreign_release(date(2026, 3, 2))
        with at(date(2026, 4, 20)):
            self.as_user(dossier, self.cuc_officer).action_request_supplement(
                note="Bổ sung giấy xác nhận thôi quốc tịch Trung Quốc."
            )
        with at(date(2026, 4, 22)):
            self.as_user(dossier, self.hn_reception).action_supplement_received()
        self.assertEqual(dossier.state, "in_progress")
        self.assertEqual(dossier.stage_id.code, "foreign_release")
        self.assertEqual(dossier.clock_paused_since, date(2026, 3, 2))
        self.assertEqual(dossier.paused_working_days, 0)
        with at(date(2026, 5, 4)):
            self.complete_stage(dossier)
        self.assertEqual(
            dossier.paused_working_days,
            self.calendar.working_days_between(date(2026, 3, 2), date(2026, 5, 4)),
        )

    def test_calendar_days_ending_on_a_day_off_move_to_the_next_working_day(self):
        stage = self.env.ref("nationality_dossier.stage_naturalization_2025_police_verification")
        self.assertEqual((stage.time_limit, stage.time_unit), (30, "calendar_day"))
        with at(date(2026, 1, 12)):
            moved = self.accept(self.make_dossier("naturalization", full_name="Kim Min-jun"))
            kept = self.accept(self.make_dossier("naturalization", full_name="Sok Chanthou"))
        with at(date(2026, 1, 19)):
            self.complete_stage(moved)
        # 19/01 + 30 days = Wednesday 18/02/2026, in Tết: moved to Monday 23/02.
        self.assertEqual(moved.stage_date_due, date(2026, 2, 23))
        stage.extend_to_working_day = False
        with at(date(2026, 1, 19)):
            self.complete_stage(kept)
        self.assertEqual(kept.stage_date_due, date(2026, 2, 18))


@tagged("post_install", "-at_install")
class TestRuleVersionByFilingDate(NationalityWorkflowCase):
    def assert_rules(self, dossier, version):
        self.assertEqual(dossier.rule_version_id, version)
        self.assertLessEqual(
            dossier.document_ids.mapped("checklist_item_id"), version.checklist_item_ids
        )
        self.assertTrue(dossier.document_ids)
        if dossier.stage_line_ids:
            self.assertEqual(dossier.stage_line_ids.mapped("stage_id"), version.stage_ids)

    def test_filed_on_30_june_2025_keeps_the_2020_rules(self):
        old = self.env.ref("nationality_dossier.rule_restoration_2020")
        new = self.env.ref("nationality_dossier.rule_restoration_2025")
        with at(date(2025, 6, 30), 15):
            dossier = self.receive(
                self.make_dossier("restoration", full_name="Huỳnh Thị Bích Ngọc")
            )
            self.as_user(dossier, self.hn_reception).action_request_supplement(
                note="Bổ sung Phiếu lý lịch tư pháp."
            )
        with at(date(2025, 7, 3)):
            self.as_user(dossier, self.hn_reception).action_supplement_received()
            self.accept(dossier)
        self.assertEqual(dossier.date_accepted.date(), date(2025, 7, 3))
        self.assert_rules(dossier, old)
        self.assertFalse(dossier.document_ids.filtered("lookup_allowed"))

        # Filed the next day: the 2025 rules, and a look-up may replace the paper.
        with at(date(2025, 6, 30)):
            draft = self.make_dossier("restoration", full_name="Lê Hoàng Phúc")
        self.assert_rules(draft, old)
        with at(date(2025, 7, 1)):
            self.receive(draft)
        self.assert_rules(draft, new)
        self.assertTrue(self.line_of(draft, "former_nationality_proof").lookup_allowed)

    def test_the_filing_day_is_the_day_in_vietnam(self):
        # Filed online at 00:30 on 1 July 2025 in Hà Nội (17:30 UTC on 30 June).
        with freeze_time("2025-06-30 17:30:00"):
            dossier = self.make_dossier("restoration", channel="online")
            self.as_user(dossier, self.hn_reception).action_submit_online()
        self.assertEqual(dossier.name, "000.00.21.H26-250701-0001")
        self.assert_rules(dossier, self.env.ref("nationality_dossier.rule_restoration_2025"))


@tagged("post_install", "-at_install")
class TestDeadlineWatch(NationalityWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deadline_type = cls.env.ref("nationality_dossier.mail_activity_deadline")
        cls.overdue_type = cls.env.ref("nationality_dossier.mail_activity_overdue")

    def activities(self, dossier, activity_type):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "nationality.dossier"),
                ("res_id", "=", dossier.id),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    def watch(self):
        # As the scheduler runs it: no language in the context.
        self.env["nationality.dossier"].with_context(lang=None)._cron_deadline_watch()

    def test_flags_and_days_left(self):
        with at(date(2026, 3, 2)):
            dossier = self.accept(self.make_dossier("nationality_certificate"))
            # Examination: 5 working days, due Monday 09/03.
            self.assertEqual(dossier.stage_date_due, date(2026, 3, 9))
            self.assertEqual(
                (dossier.days_left, dossier.is_due_soon, dossier.is_overdue), (5, False, False)
            )
        for day, expected in (
            (date(2026, 3, 3), (4, False, False)),
            (date(2026, 3, 4), (3, True, False)),
            (date(2026, 3, 9), (0, True, False)),
            (date(2026, 3, 10), (-1, False, True)),
            (date(2026, 3, 16), (-5, False, True)),
        ):
            with self.subTest(day=day), at(day):
                dossier._refresh_deadline_status()
                self.assertEqual(
                    (dossier.days_left, dossier.is_due_soon, dossier.is_overdue), expected
                )
        self.env["ir.config_parameter"].set_param("nationality_dossier.due_soon_working_days", "5")
        with at(date(2026, 3, 2)):
            dossier._refresh_deadline_status()
            self.assertTrue(dossier.is_due_soon)

    def test_reminder_then_escalation_within_the_department(self):
        with at(date(2026, 3, 2)):
            hn = self.accept(self.make_dossier("nationality_certificate"))
            hcm = self.accept(
                self.make_dossier(
                    "nationality_certificate", company=self.stp_hcm, user=self.hcm_reception
                )
            )
            self.as_user(hn, self.hn_leader).write({"user_id": self.hn_officer.id})
            self.as_user(hcm, self.hcm_leader).write({"user_id": self.hcm_officer.id})
        with at(date(2026, 3, 4)):
            self.watch()
            self.watch()
        reminder = self.activities(hn, self.deadline_type)
        self.assertEqual(reminder.user_id, self.hn_officer)
        self.assertEqual(reminder.date_deadline, date(2026, 3, 9))
        self.assertEqual(self.activities(hcm, self.deadline_type).user_id, self.hcm_officer)
        self.assertFalse(self.activities(hn, self.overdue_type))

        with at(date(2026, 3, 10)):
            self.watch()
            self.watch()
        self.assertTrue(hn.is_overdue)
        self.assertTrue(hn.current_stage_line_id.escalated)
        self.assertEqual(self.activities(hn, self.overdue_type).user_id, self.hn_leader)
        self.assertEqual(self.activities(hcm, self.overdue_type).user_id, self.hcm_leader)
        self.assertEqual(len(self.activities(hn, self.deadline_type)), 1)
        # The leader reads the activity in their language (English here); the
        # department's note is in the language of its papers, Vietnamese,
        # stage name included, though the cron runs without a language.
        stage = hn.current_stage_line_id.stage_id
        overdue = self.activities(hn, self.overdue_type)
        self.assertEqual(overdue.summary, f"Overdue since 09/03/2026: {stage.name}")
        stage_vi = stage.with_context(lang="vi_VN").name
        self.assertNotEqual(stage_vi, stage.name)
        note = hn.message_ids.filtered(lambda m: "báo cáo lãnh đạo" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn(stage_vi, note.body)

    def test_overdue_ministry_stage_goes_to_the_ministry_leaders(self):
        with at(date(2026, 3, 2)):
            dossier = self.walk_to(
                self.accept(self.make_dossier("renunciation", full_name="Trần Thị Mai Anh")),
                "ministry_review",
            )
            self.as_user(dossier, self.cuc_leader).write({"ministry_user_id": self.cuc_officer.id})
        # Ministry review: 20 days, due Monday 23/03.
        self.assertEqual(dossier.stage_date_due, date(2026, 3, 23))
        with at(date(2026, 3, 19)):
            self.watch()
        self.assertEqual(self.activities(dossier, self.deadline_type).user_id, self.cuc_officer)
        with at(date(2026, 3, 24)):
            self.watch()
            self.watch()
        leaders = self.activities(dossier, self.overdue_type).user_id
        self.assertIn(self.cuc_leader, leaders)
        self.assertNotIn(self.hn_leader, leaders)
        # The administrator configures the system; escalations go to the leaders.
        self.assertNotIn(self.admin, leaders)
        self.assertTrue(
            all(user.has_group("nationality_dossier.group_ministry_leader") for user in leaders)
        )
        self.assertEqual(len(leaders), len(self.activities(dossier, self.overdue_type)))


@tagged("post_install", "-at_install")
class TestOnTimeRate(NationalityWorkflowCase):
    def decided_origin_certificate(self, full_name, filed_on, decided_on, number):
        with at(filed_on):
            dossier = self.accept(self.make_dossier("origin_certificate", full_name=full_name))
        with at(decided_on):
            self.walk_to(dossier, dossier.stage_line_ids.sorted("sequence")[-1].stage_id.code)
            self.decide(dossier, number=number)
        return dossier

    def test_the_rate_counts_decided_dossiers_only(self):
        on_time = [
            self.decided_origin_certificate(name, date(2026, 3, 2), date(2026, 3, 4), number)
            for name, number in (("Nguyễn Văn Hùng", "21/GXN-STP"), ("Lê Thị Hoa", "22/GXN-STP"))
        ]
        late = self.decided_origin_certificate(
            "Phạm Quốc Bảo", date(2026, 3, 2), date(2026, 6, 1), "23/GXN-STP"
        )
        with at(date(2026, 3, 2)):
            waiting = self.accept(self.make_dossier("origin_certificate", full_name="Đỗ Minh Châu"))
        self.assertEqual([dossier.on_time for dossier in on_time], [True, True])
        self.assertFalse(late.on_time)
        self.assertEqual(late.state, "decided")
        self.assertFalse(waiting.date_decided)

        ids = [dossier.id for dossier in (*on_time, late, waiting)]
        leader = self.env["nationality.dossier"].with_user(self.hn_leader)
        [(count, rate)] = leader._read_group(
            [("id", "in", ids)], aggregates=["__count", "on_time_rate:avg"]
        )
        self.assertEqual(count, 4)
        # Two of the three decided dossiers on time; the waiting one is not late.
        self.assertAlmostEqual(rate, 200 / 3)
        groups = leader.read_group([("id", "in", ids)], ["on_time_rate:avg"], ["procedure_id"])
        self.assertAlmostEqual(groups[0]["on_time_rate"], 200 / 3)
        [(none_decided,)] = leader._read_group(
            [("id", "=", waiting.id)], aggregates=["on_time_rate:avg"]
        )
        # No decided dossier: no rate at all (Odoo's empty value), not 0 %.
        self.assertIs(none_decided, False)

    def test_on_time_is_judged_on_vietnams_day(self):
        with at(date(2026, 3, 2)):
            dossier = self.accept(self.make_dossier("origin_certificate", full_name="Vũ Thị Lan"))
            self.walk_to(dossier, dossier.stage_line_ids.sorted("sequence")[-1].stage_id.code)
        due = dossier.date_due
        # 06:30 in Hà Nội the day after the due date is still the due date in UTC.
        with freeze_time(f"{due.isoformat()} 23:30:00"):
            self.decide(dossier, number="24/GXN-STP")
        self.assertFalse(dossier.on_time)
        self.assertEqual(dossier.on_time_rate, 0.0)
