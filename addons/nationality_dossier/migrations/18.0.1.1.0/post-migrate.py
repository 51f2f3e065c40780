# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0 moves Tết 2030 one day earlier (the new moon of 2 February 2030
falls before midnight on Vietnam's clock): the shipped days keep their records
(noupdate), so the ones still as shipped take their new names and the day
that is no longer a holiday goes, unless an administrator changed it."""

from odoo import SUPERUSER_ID, api

OLD_TET_2030 = {
    "holiday_20300201": "29 Tết",
    "holiday_20300202": "Giao thừa Tết Nguyên Đán",
    "holiday_20300203": "Tết Nguyên Đán",
    "holiday_20300204": "Mùng hai Tết Nguyên Đán",
    "holiday_20300205": "Mùng ba Tết Nguyên Đán",
    "holiday_20300206": "Mùng bốn Tết Nguyên Đán",
    "holiday_20300207": "Mùng năm Tết Nguyên Đán",
}
NEW_TET_2030 = {
    "holiday_20300201": "Giao thừa Tết Nguyên Đán",
    "holiday_20300202": "Tết Nguyên Đán",
    "holiday_20300203": "Mùng hai Tết Nguyên Đán",
    "holiday_20300204": "Mùng ba Tết Nguyên Đán",
    "holiday_20300205": "Mùng bốn Tết Nguyên Đán",
    "holiday_20300206": "Mùng năm Tết Nguyên Đán",
}


def move_tet_2030(env):
    for xmlid, old_name in OLD_TET_2030.items():
        holiday = env.ref(f"nationality_dossier.{xmlid}", raise_if_not_found=False)
        if (
            not holiday
            or holiday.name != old_name
            or holiday.date.strftime("holiday_%Y%m%d") != xmlid
        ):
            continue
        if xmlid in NEW_TET_2030:
            holiday.name = NEW_TET_2030[xmlid]
        else:
            holiday.unlink()


def migrate(cr, version):
    if not version:
        return
    move_tet_2030(api.Environment(cr, SUPERUSER_ID, {}))
