# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import itertools

from odoo.addons.nationality_dossier.tests.common import NationalityCase
from odoo.addons.nationality_exchange.tools.synthetic_registry import (
    IMPORT_COLUMNS,
    RegistryGenerator,
)
from odoo.tests import new_test_user


def register_row(**values):
    row = dict.fromkeys(IMPORT_COLUMNS, "")
    row.update(values)
    return row


# The persons the tests look for, and their look-alikes. Dates and numbers
# differ from the demo register so that both can live in the same database.
TARGET = register_row(
    full_name="Nguyễn Văn Bình",
    gender="male",
    birth_date="15/06/1978",
    birth_place="Nam Định",
    id_number="036078004321",
    passport_number="B7654321",
    nationality="DE",
    event_type="renunciation",
    decision_number="2345/QĐ-CTN",
    decision_date="10/10/2014",
    authority="Chủ tịch nước",
)
FIXTURE_ROWS = (
    TARGET,
    # Same letters, other diacritics, same year of birth.
    register_row(
        full_name="Nguyễn Văn Bính",
        gender="male",
        birth_date="03/02/1978",
        birth_place="Thái Bình",
        event_type="nationality_certificate",
        decision_number="301/2020/XNCQT",
        decision_date="11/05/2020",
        authority="Sở Tư pháp tỉnh Thái Bình",
    ),
    # The same name, another person born thirteen years earlier.
    register_row(
        full_name="Nguyễn Văn Bình",
        gender="male",
        birth_date="1965",
        birth_place="Hà Nam",
        event_type="restoration",
        decision_number="918/QĐ-CTN",
        decision_date="02/03/2011",
        authority="Chủ tịch nước",
    ),
    # One letter away (Bình → Vinh), same year, another day.
    register_row(
        full_name="Nguyễn Văn Vinh",
        gender="male",
        birth_date="21/11/1978",
        birth_place="Nghệ An",
        event_type="renunciation",
        decision_number="1611/QĐ-CTN",
        decision_date="19/08/2015",
        authority="Chủ tịch nước",
    ),
    register_row(
        full_name="Trần Thị Ngọc Ánh",
        gender="female",
        birth_date="1969",
        birth_place="Thừa Thiên Huế",
        event_type="nationality_certificate",
        decision_number="88/2018/XNCQT",
        decision_date="07/06/2018",
        authority="Sở Tư pháp tỉnh Thừa Thiên Huế",
    ),
    register_row(
        full_name="Lê Đức Đạt",
        gender="male",
        birth_date="22/12/1990",
        birth_place="Hà Nội",
        passport_number="C9081726",
        event_type="restoration",
        decision_number="1777/QĐ-CTN",
        decision_date="30/01/2022",
        authority="Chủ tịch nước",
    ),
    register_row(
        full_name="Kim Min-jun",
        former_name="김민준",
        gender="male",
        birth_date="04/07/1985",
        birth_place="Seoul",
        passport_number="M12345678",
        nationality="KR",
        event_type="naturalization",
        decision_number="3001/QĐ-CTN",
        decision_date="12/12/2019",
        authority="Chủ tịch nước",
    ),
)


class LookupCase(NationalityCase):
    """The Departments of Justice and the Ministry of NationalityCase, two
    overseas missions with a user each (one allowed to search the registry),
    and a register of a couple of thousand persons loaded with the importer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.agency_ministry.company_id = cls.ministry
        Agency = env["nationality.agency"]
        cls.mission_berlin = Agency.create(
            {
                "name": "Đại sứ quán Việt Nam tại Cộng hòa Liên bang Đức (test)",
                "short_name": "ĐSQ",
                "agency_type": "mission",
                "country_id": env.ref("base.de").id,
            }
        )
        cls.mission_tokyo = Agency.create(
            {
                "name": "Đại sứ quán Việt Nam tại Nhật Bản (test)",
                "short_name": "ĐSQ",
                "agency_type": "mission",
                "country_id": env.ref("base.jp").id,
            }
        )
        cls.berlin_user = new_test_user(
            env,
            login="t.mission.berlin",
            name="Phạm Thu Trang",
            groups="nationality_exchange.group_agency_requester,"
            "nationality_exchange.group_registry_search",
        )
        cls.berlin_user.nationality_agency_id = cls.mission_berlin
        cls.tokyo_user = new_test_user(
            env,
            login="t.mission.tokyo",
            name="Đỗ Minh Quân",
            groups="nationality_exchange.group_agency_requester",
        )
        cls.tokyo_user.nationality_agency_id = cls.mission_tokyo
        (
            cls.berlin_user
            | cls.tokyo_user
            | cls.cuc_officer
            | cls.cuc_leader
            | cls.hn_reception
            | cls.hn_officer
            | cls.hcm_officer
            | cls.plain_user
        ).write({"lang": "en_US"})
        cls.Record = env["nationality.record"]
        cls.registry_import = cls.load_registry(background=1500)

    @classmethod
    def load_registry(cls, background=0, rows=FIXTURE_ROWS, seed=7):
        """Import ``rows`` and ``background`` synthetic persons as the Ministry."""
        generator = RegistryGenerator(seed=seed)
        persons = itertools.chain(rows, generator.rows(background))
        lines = itertools.chain(
            [(1, list(IMPORT_COLUMNS))],
            (
                (line, [person[column] for column in IMPORT_COLUMNS])
                for line, person in enumerate(persons, start=2)
            ),
        )
        return (
            cls.env["nationality.record.import"]
            .with_user(cls.cuc_officer)
            .import_rows(lines, "test_register.csv")
        )

    def search_registry(self, user=None, limit=10, **criteria):
        Record = self.Record.with_user(user) if user else self.Record
        return Record.registry_search(criteria, limit=limit)

    def record_named(self, full_name, decision_number):
        return self.Record.search(
            [("full_name", "=", full_name), ("decision_number", "=", decision_number)]
        )
