# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The upgrade to 18.0.1.1.0 with calendar days an administrator imported or
exported, or moved to a day the upgrade ships: each is adopted, and the
upgrade does not stop on the unique date."""

from datetime import date

from odoo.tests import TransactionCase, tagged
from odoo.tools import convert_file, mute_logger

from .test_calendar_upgrade import load_script, ship_old_fifth_day_of_tet_2030


@tagged("post_install", "-at_install")
class TestCalendarUpgradeAdoption(TransactionCase):
    def _day_entered_by_hand_with_xmlid(self, module, name):
        """2026-08-22 as 18.0.1.0.0 did not ship it, entered by an
        administrator, and given an external id by Odoo: ``__import__`` when
        the days were imported from a spreadsheet with an id column,
        ``__export__`` when the list was once exported for re-import."""
        self.env.ref("nationality_dossier.holiday_20260822").unlink()
        by_hand = self.env["nationality.holiday"].create(
            {
                "name": "Làm việc bù (Thông báo của UBND)",
                "date": date(2026, 8, 22),
                "day_type": "working_day",
            }
        )
        self.env["ir.model.data"].create(
            {"module": module, "name": name, "model": "nationality.holiday", "res_id": by_hand.id}
        )
        return by_hand

    def _upgrade_calendar(self):
        """The pre-migration script, then the shipped calendar loaded as an
        upgrade loads it (noupdate data, update mode)."""
        # The script reads the database as the administrator left it.
        self.env.flush_all()
        load_script("pre-migrate.py").migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                convert_file(
                    self.env,
                    "nationality_dossier",
                    "data/nationality_holiday_data.xml",
                    {},
                    mode="update",
                    noupdate=True,
                )
        except Exception as error:  # noqa: BLE001 - the upgrade stops on any error
            self.fail(f"the upgrade stops loading the calendar: {error}")

    def test_a_day_entered_by_hand_without_external_id_is_adopted(self):
        # The case the script handles (the harness loads the calendar fine).
        self.env.ref("nationality_dossier.holiday_20260822").unlink()
        by_hand = self.env["nationality.holiday"].create(
            {"name": "Làm việc bù", "date": date(2026, 8, 22), "day_type": "working_day"}
        )
        self._upgrade_calendar()
        self.assertEqual(self.env.ref("nationality_dossier.holiday_20260822"), by_hand)

    def test_an_imported_day_entered_by_hand_is_adopted(self):
        by_hand = self._day_entered_by_hand_with_xmlid("__import__", "vn_calendar_2026_08_22")
        self._upgrade_calendar()
        self.assertEqual(self.env.ref("nationality_dossier.holiday_20260822"), by_hand)

    def test_an_exported_day_entered_by_hand_is_adopted(self):
        by_hand = self._day_entered_by_hand_with_xmlid(
            "__export__", "nationality_holiday_7_0a1b2c3d"
        )
        self._upgrade_calendar()
        self.assertEqual(self.env.ref("nationality_dossier.holiday_20260822"), by_hand)

    def test_a_shipped_day_moved_by_hand_to_a_newly_shipped_date_is_adopted(self):
        """An administrator who knew Tết 2030 was a day late moved the shipped
        Mùng năm (7 February) to 29 Tết (31 January) before upgrading: the new
        shipped 31 January must not stop the upgrade."""
        self.env.ref("nationality_dossier.holiday_20300131").unlink()
        moved = self.env.ref("nationality_dossier.holiday_20300206")
        # As 18.0.1.0.0 shipped it, then moved.
        seventh = ship_old_fifth_day_of_tet_2030(self.env)
        seventh.write({"name": "29 Tết", "date": date(2030, 1, 31)})
        self.assertTrue(moved)
        self._upgrade_calendar()
        self.assertEqual(self.env.ref("nationality_dossier.holiday_20300131"), seventh)
