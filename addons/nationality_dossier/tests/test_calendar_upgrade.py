# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from datetime import date
from pathlib import Path

from odoo.tests import TransactionCase, tagged

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations" / "18.0.1.1.0"


def load_script(name):
    spec = importlib.util.spec_from_file_location(f"nationality_dossier_{name}", MIGRATIONS / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ship_old_fifth_day_of_tet_2030(env):
    """The 7 February 2030 of the calendar 18.0.1.0.0 shipped (a holiday the
    current calendar no longer has), with its external id."""
    holiday = env["nationality.holiday"].create(
        {"name": "Mùng năm Tết Nguyên Đán", "date": date(2030, 2, 7)}
    )
    env["ir.model.data"].create(
        {
            "module": "nationality_dossier",
            "name": "holiday_20300207",
            "model": "nationality.holiday",
            "res_id": holiday.id,
            "noupdate": True,
        }
    )
    return holiday


@tagged("post_install", "-at_install")
class TestCalendarUpgrade(TransactionCase):
    """The upgrade to 18.0.1.1.0 (migrations/18.0.1.1.0) ships new days of the
    calendar without breaking on days entered by hand, and moves Tết 2030."""

    def setUp(self):
        super().setUp()
        self.Holiday = self.env["nationality.holiday"]

    def test_a_day_entered_by_hand_becomes_the_shipped_one(self):
        self.env.ref("nationality_dossier.holiday_20260822").unlink()
        by_hand = self.Holiday.create(
            {
                "name": "Làm việc bù (Thông báo của UBND)",
                "date": date(2026, 8, 22),
                "day_type": "working_day",
            }
        )
        load_script("pre-migrate.py").migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(self.env.ref("nationality_dossier.holiday_20260822"), by_hand)
        self.assertEqual(by_hand.name, "Làm việc bù (Thông báo của UBND)")
        data = self.env["ir.model.data"].search(
            [("module", "=", "nationality_dossier"), ("name", "=", "holiday_20260822")]
        )
        self.assertTrue(data.noupdate)
        # Run twice, nothing more.
        load_script("pre-migrate.py").migrate(self.env.cr, "18.0.1.0.0")
        self.assertEqual(
            self.env["ir.model.data"].search_count(
                [("res_id", "=", by_hand.id), ("model", "=", "nationality.holiday")]
            ),
            1,
        )

    def test_tet_2030_moves_one_day_earlier(self):
        # The calendar as 18.0.1.0.0 shipped it.
        shifted = {}
        for day in range(1, 7):
            holiday = self.env.ref(f"nationality_dossier.holiday_203002{day:02d}")
            shifted[day] = holiday
        old_names = load_script("post-migrate.py").OLD_TET_2030
        for day, holiday in shifted.items():
            holiday.name = old_names[f"holiday_203002{day:02d}"]
        old_fifth = ship_old_fifth_day_of_tet_2030(self.env)
        # An administrator corrected one of them already: it stays as they wrote it.
        shifted[3].name = "Mùng hai Tết (đã sửa)"
        load_script("post-migrate.py").migrate(self.env.cr, "18.0.1.0.0")
        self.assertFalse(old_fifth.exists())
        self.assertEqual(shifted[2].name, "Tết Nguyên Đán")
        self.assertEqual(shifted[6].name, "Mùng năm Tết Nguyên Đán")
        self.assertEqual(shifted[3].name, "Mùng hai Tết (đã sửa)")
        calendar = self.env["nationality.working.calendar"]
        self.assertTrue(calendar.is_working_day(date(2030, 2, 7)))
        self.assertFalse(calendar.is_working_day(date(2030, 1, 31)))
