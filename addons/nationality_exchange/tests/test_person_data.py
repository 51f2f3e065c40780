# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The identity data of the persons of the lookups and of the registry
records: the date of birth known to the day, the month or the year, shared
with the dossiers, and the normalisation of the texts typed."""

from datetime import date, timedelta

from odoo.addons.nationality_dossier.tests.common import NationalityCase
from odoo.addons.nationality_dossier.tools.dates import latest_today
from odoo.exceptions import ValidationError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestPersonData(NationalityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls.env["nationality.lookup.request"].create(
            {
                "company_id": cls.ministry.id,
                "requester_agency_id": cls.agency_hn.id,
                "purpose": "Xác minh quốc tịch để giải quyết hồ sơ trở lại quốc tịch",
            }
        )

    def new_person(self, **values):
        vals = {"request_id": self.request.id, "full_name": "Lê Văn Tám"}
        vals.update(values)
        return self.env["nationality.lookup.person"].create(vals)

    def new_record(self, **values):
        vals = {
            "full_name": "Lê Văn Tám",
            "event_type": "restoration",
            "decision_number": "918/QĐ-CTN",
        }
        vals.update(values)
        return self.env["nationality.record"].create(vals)

    def test_dates_of_birth_known_to_the_year_or_the_month(self):
        for make in (self.new_person, self.new_record):
            year_only = make(birth_date=date(1957, 1, 1), birth_date_precision="year")
            month = make(birth_date=date(1978, 6, 1), birth_date_precision="month")
            day = make(birth_date=date(1978, 6, 15))
            unknown = make()
            with self.subTest(model=year_only._name):
                self.assertEqual(
                    [(r.birth_year, r.birth_date_display) for r in year_only | month | day],
                    [(1957, "1957"), (1978, "06/1978"), (1978, "15/06/1978")],
                )
                self.assertEqual((unknown.birth_year, unknown.birth_date_display), (0, ""))
                self.assertEqual(unknown.birth_date_precision, "day")
        person = self.new_person(birth_date=date(1978, 6, 1), birth_date_precision="month")
        self.assertEqual(person._search_criteria()["birth_date"], "06/1978")
        record = self.new_record(birth_date=date(1957, 1, 1), birth_date_precision="year")
        self.assertEqual(record.display_name, "Lê Văn Tám (1957) – 918/QĐ-CTN")

    def test_impossible_dates_of_birth_are_refused(self):
        # The latest day it may be for the user typing (see tools/dates.py).
        today = latest_today(self.env)
        person = self.new_person(birth_date=date(1880, 1, 1))
        record = self.new_record(birth_date=date(1880, 1, 1))
        for target in (person, record):
            for impossible in (date(1879, 12, 31), today + timedelta(days=1)):
                with (
                    self.subTest(model=target._name, birth_date=impossible),
                    self.assertRaisesRegex(
                        ValidationError, "The date of birth of Lê Văn Tám is not possible"
                    ),
                ):
                    target.write({"birth_date": impossible})

    def test_texts_are_normalised_and_checked(self):
        decomposed = "Le\u0302 Va\u0306n  Ta\u0301m "
        for make in (self.new_person, self.new_record):
            target = make(
                full_name=decomposed,
                birth_place="  Thành phố   Hải Phòng ",
                id_number=" 0311 7800 4321 ",
                passport_number="b 7654321",
            )
            with self.subTest(model=target._name):
                self.assertEqual(target.full_name, "Lê Văn Tám")
                self.assertEqual(target.birth_place, "Thành phố Hải Phòng")
                self.assertEqual(target.id_number, "031178004321")
                self.assertEqual(target.passport_number, "B7654321")
                target.write({"passport_number": "  "})
                self.assertFalse(target.passport_number)
                with self.assertRaisesRegex(ValidationError, "Place of birth contains control"):
                    target.write({"birth_place": "Hải\u202ePhòng"})
                with self.assertRaisesRegex(ValidationError, "Place of birth is too long: 251"):
                    target.write({"birth_place": "x" * 251})
        request = self.request
        with self.assertRaisesRegex(ValidationError, "contains control"):
            request.write({"purpose": "Xác minh\x00"})
        request.write({"purpose": " Xa\u0301c minh quốc tịch "})
        self.assertEqual(request.purpose, "Xác minh quốc tịch")
