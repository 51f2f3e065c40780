# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestWorkingCalendar(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["nationality.working.calendar"]

    def test_tet_2026_is_off(self):
        # Tết Bính Ngọ: Monday 16 to Friday 20 February 2026 (holidays.VN).
        for day in range(16, 21):
            self.assertFalse(self.calendar.is_working_day(date(2026, 2, day)), day)
        self.assertTrue(self.calendar.is_working_day(date(2026, 2, 23)))

    def test_five_working_days_across_tet_and_weekends(self):
        # Friday 13/02/2026 + 5 working days: the weekend of 14-15, Tết 16-20
        # and the weekend of 21-22 are skipped; 23, 24, 25, 26, 27 count.
        self.assertEqual(self.calendar.add_working_days(date(2026, 2, 13), 5), date(2026, 2, 27))

    def test_working_days_skip_a_plain_weekend(self):
        # Thursday 5/11/2026 + 3 working days = Tuesday 10/11/2026.
        self.assertEqual(self.calendar.add_working_days(date(2026, 11, 5), 3), date(2026, 11, 10))

    def test_calendar_days_ending_on_a_holiday_move_to_the_next_working_day(self):
        # 20 calendar days from 31/01/2026 end on Friday 20/02 (Tết): moved to Monday 23/02.
        self.assertEqual(self.calendar.add_calendar_days(date(2026, 1, 31), 20), date(2026, 2, 23))
        self.assertEqual(
            self.calendar.add_calendar_days(date(2026, 1, 31), 20, extend_to_working_day=False),
            date(2026, 2, 20),
        )

    def test_national_day_and_its_adjacent_day(self):
        # 1 and 2 September 2026 are days off; 31/08 + 1 working day = 03/09.
        self.assertEqual(self.calendar.add_working_days(date(2026, 8, 31), 1), date(2026, 9, 3))

    def test_shipped_working_day_swaps(self):
        # 2025: Friday 02/05 off, worked on Saturday 26/04 instead; 2026:
        # Monday 31/08 off, worked on Saturday 22/08 (holidays.VN).
        swaps = ((date(2025, 5, 2), date(2025, 4, 26)), (date(2026, 8, 31), date(2026, 8, 22)))
        for day_off, worked in swaps:
            self.assertFalse(self.calendar.is_working_day(day_off), day_off)
            self.assertTrue(self.calendar.is_working_day(worked), worked)
        # Friday 25/04/2025 + 1 working day is that Saturday; from it, 28 and
        # 29/04 count, 30/04-02/05 and the weekend are skipped: Monday 05/05.
        self.assertEqual(self.calendar.add_working_days(date(2025, 4, 25), 1), date(2025, 4, 26))
        self.assertEqual(self.calendar.add_working_days(date(2025, 4, 26), 3), date(2025, 5, 5))

    def test_vietnam_culture_day_is_off_from_2026(self):
        self.assertFalse(self.calendar.is_working_day(date(2026, 11, 24)))
        self.assertTrue(self.calendar.is_working_day(date(2025, 11, 24)))

    def test_working_days_between_counts_only_working_days(self):
        self.assertEqual(
            self.calendar.working_days_between(date(2026, 2, 13), date(2026, 2, 27)), 5
        )
        self.assertEqual(
            self.calendar.working_days_between(date(2026, 2, 27), date(2026, 2, 13)), -5
        )

    def test_a_weekend_made_a_working_day_counts(self):
        saturday = date(2027, 1, 9)
        self.assertFalse(self.calendar.is_working_day(saturday))
        self.env["nationality.holiday"].create(
            {"name": "Làm bù", "date": saturday, "day_type": "working_day"}
        )
        self.assertTrue(self.calendar.is_working_day(saturday))
        # Friday 08/01/2027 + 1 working day is now that Saturday.
        self.assertEqual(self.calendar.add_working_days(date(2027, 1, 8), 1), saturday)

    def test_an_added_holiday_moves_deadlines(self):
        self.assertEqual(self.calendar.add_working_days(date(2027, 3, 1), 1), date(2027, 3, 2))
        self.env["nationality.holiday"].create({"name": "Nghỉ bù", "date": date(2027, 3, 2)})
        self.assertEqual(self.calendar.add_working_days(date(2027, 3, 1), 1), date(2027, 3, 3))

    def test_only_a_weekend_day_can_be_made_a_working_day(self):
        with self.assertRaises(ValidationError):
            self.env["nationality.holiday"].create(
                {"name": "Sai", "date": date(2027, 1, 6), "day_type": "working_day"}
            )
