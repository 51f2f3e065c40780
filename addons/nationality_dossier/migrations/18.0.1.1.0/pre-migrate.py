# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0 ships more days of the working-day calendar (the Saturdays
worked in exchange for a day off, Vietnam Culture Day, the swaps of 2025 and
2026). A day an administrator already entered by hand would make the new
record break the unique date and stop the upgrade: that record becomes the
shipped one instead (kept as the administrator wrote it)."""

from pathlib import Path

from lxml import etree

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "nationality_holiday_data.xml"


def shipped_days():
    """(xml id, ISO date) of every day in the shipped calendar."""
    tree = etree.parse(str(DATA_FILE))
    return [
        (record.get("id"), record.findtext("field[@name='date']"))
        for record in tree.iterfind("record[@model='nationality.holiday']")
    ]


def adopt_days_entered_by_hand(cr):
    for xmlid, day in shipped_days():
        cr.execute(
            """
            INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
            SELECT 'nationality_dossier', %s, 'nationality.holiday', holiday.id, TRUE
              FROM nationality_holiday holiday
             WHERE holiday.date = %s
               AND NOT EXISTS (
                   SELECT 1 FROM ir_model_data data
                    WHERE data.module = 'nationality_dossier' AND data.name = %s
               )
            """,
            (xmlid, day, xmlid),
        )


def migrate(cr, version):
    if not version:
        return
    adopt_days_entered_by_hand(cr)
