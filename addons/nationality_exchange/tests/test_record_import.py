# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
import unicodedata
from datetime import date, datetime

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .lookups_common import LookupCase

HEADER = (
    "full_name,gender,birth_date,birth_place,id_number,passport_number,nationality,"
    "event_type,decision_number,decision_date,authority"
)


def csv_bytes(*lines, header=HEADER):
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def rejected_rows(batch):
    text = base64.b64decode(batch.rejected_file).decode("utf-8-sig")
    return {int(row["line"]): row for row in csv.DictReader(io.StringIO(text))}


@tagged("post_install", "-at_install")
class TestRecordImport(LookupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Import = cls.env["nationality.record.import"].with_user(cls.cuc_officer)

    def test_csv_valid_and_rejected_rows(self):
        nfd_name = unicodedata.normalize("NFD", "Đoàn Thị Hải Yến")
        content = csv_bytes(
            # 2: valid, typed on a Mac (NFD), spaces to clean
            f"{nfd_name} ,nữ,05/05/1991,Hải Phòng,031191000777,,VN,Thôi quốc tịch,"
            "1444/QĐ-CTN,01/04/2020,Chủ tịch nước",
            # 3: valid, year only, Vietnamese event label, passport
            "Phan Văn Tài,nam,1948,Quảng Nam,,c 1122334,FR,Trở lại quốc tịch Việt Nam,"
            "202/QĐ-CTN,15/08/2012,Chủ tịch nước",
            # 4: a date that does not exist
            "Hồ Thị Lan,female,31/02/1980,Huế,,,,renunciation,9/QĐ-CTN,,",
            # 5: unknown event
            "Hồ Thị Lan,female,1980,Huế,,,,marriage,9/QĐ-CTN,,",
            # 6: no name
            ",male,1980,Huế,,,,renunciation,9/QĐ-CTN,,",
            # 7: identity number with a wrong length
            "Hồ Văn Lâm,male,1980,Huế,12345,,,renunciation,9/QĐ-CTN,,",
            # 8: passport number without a digit
            "Hồ Văn Lâm,male,1980,Huế,,ABCDEF,,renunciation,9/QĐ-CTN,,",
            # 9: unknown country
            "Hồ Văn Lâm,male,1980,Huế,,,Atlantis,renunciation,9/QĐ-CTN,,",
            # 10: decision in the future
            "Hồ Văn Lâm,male,1980,Huế,,,,renunciation,9/QĐ-CTN,01/01/2999,",
            # 11: digits in the name
            "Hồ Văn Lâm 2,male,1980,Huế,,,,renunciation,9/QĐ-CTN,,",
            # 12: no decision number
            "Hồ Văn Lâm,male,1980,Huế,,,,renunciation,,,",
            # 13: same person, year and decision as line 2
            "Doan Thi Hai Yen,female,1991,Hải Phòng,,,,renunciation,1444/QD-CTN,,",
            # 14: decision before the birth
            "Hồ Văn Lâm,male,12/12/1980,Huế,,,,renunciation,9/QĐ-CTN,01/01/1970,",
            # 15: gender not understood
            "Hồ Văn Lâm,x,1980,Huế,,,,renunciation,9/QĐ-CTN,,",
        )
        batch = self.Import.import_file(content, "so_dang_ky_2012.csv")
        self.assertEqual(batch.state, "done")
        self.assertEqual((batch.rows_read, batch.rows_imported, batch.rows_rejected), (14, 2, 12))
        self.assertEqual(batch.rejected_filename, "so_dang_ky_2012_rejected_rows.csv")
        rejected = rejected_rows(batch)
        self.assertEqual(set(rejected), set(range(4, 16)))
        expected = {
            4: "birth_date: 31/02/1980 is not a valid date",
            5: "event_type: unknown event marriage",
            6: "full_name: missing",
            7: "id_number: 12345 does not have 9 or 12 digits",
            8: "passport_number: ABCDEF",
            9: "nationality: unknown country Atlantis",
            10: "decision_date: 01/01/2999 is in the future",
            11: "full_name: contains digits",
            12: "decision_number: missing",
            13: "duplicate of line 2",
            14: "decision_date: before the date of birth",
            15: "gender: x is not male/female",
        }
        for line, reason in expected.items():
            self.assertIn(reason, rejected[line]["reason"], line)
        # The report keeps the row as it was written.
        self.assertEqual(rejected[5]["event_type"], "marriage")
        self.assertEqual(rejected[4]["full_name"], "Hồ Thị Lan")

        records = self.Record.search([("import_id", "=", batch.id)], order="source_line")
        self.assertEqual(records.mapped("source_line"), [2, 3])
        yen, tai = records
        self.assertEqual(yen.full_name, "Đoàn Thị Hải Yến")
        self.assertTrue(unicodedata.is_normalized("NFC", yen.full_name))
        self.assertEqual(yen.name_key, "doan thi hai yen")
        self.assertEqual(yen.name_sorted_key, "doan hai thi yen")
        self.assertEqual(yen.decision_number_key, "1444/QD-CTN")
        self.assertEqual(yen.gender, "female")
        self.assertEqual(yen.birth_date, date(1991, 5, 5))
        self.assertEqual(yen.country_id, self.env.ref("base.vn"))
        self.assertEqual(yen.create_uid, self.cuc_officer)
        self.assertTrue(yen.create_date)
        self.assertEqual(tai.event_type, "restoration")
        self.assertEqual(tai.birth_date_precision, "year")
        self.assertEqual(tai.birth_date_display, "1948")
        self.assertEqual(tai.passport_number, "C1122334")
        self.assertEqual(batch.record_count, 2)
        # Imported rows are found at once, also by a word new to the registry.
        matches = self.Record.registry_search({"name": "Doan Thi Hai Yen", "birth_date": "1991"})
        self.assertEqual(matches[0]["record"], yen)

    def test_rows_already_in_the_registry_are_not_imported_twice(self):
        content = csv_bytes(
            "Nguyen Van Binh,male,15/06/1978,Nam Định,,,,renunciation,2345/QD-CTN,,",
            "Nguyễn Văn Bình,male,15/06/1979,Nam Định,,,,renunciation,2345/QĐ-CTN,,",
        )
        batch = self.Import.import_file(content, "lan_2.csv")
        self.assertEqual((batch.rows_imported, batch.rows_rejected), (1, 1))
        target = self.record_named("Nguyễn Văn Bình", "2345/QĐ-CTN").filtered(
            lambda record: record.birth_year == 1978
        )
        self.assertIn(
            f"already in the registry (record {target.id})", rejected_rows(batch)[2]["reason"]
        )

    def test_vietnamese_header_and_semicolons(self):
        content = "\n".join(
            [
                "Họ và tên;Ngày sinh;Nơi sinh;Loại sự kiện;Số quyết định;Ngày quyết định;Cột lạ",
                "Lý Thị Mỹ Duyên;07/2001;Cần Thơ;Tước quốc tịch;17/QĐ-CTN;09/09/2021;x",
            ]
        ).encode("utf-8-sig")
        batch = self.Import.import_file(content, "danh_sach.csv")
        self.assertEqual((batch.rows_imported, batch.rows_rejected), (1, 0))
        self.assertEqual(batch.ignored_columns, "Cột lạ")
        record = self.Record.search([("import_id", "=", batch.id)])
        self.assertEqual(record.event_type, "deprivation")
        self.assertEqual(record.birth_date_precision, "month")
        self.assertEqual(record.birth_date_display, "07/2001")

    def test_xlsx(self):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(HEADER.split(","))
        sheet.append(
            [
                "Vũ Thị Kim Oanh",
                "female",
                datetime(1983, 11, 20),
                "Hà Nội",
                "001183000555",
                None,
                "CZ",
                "renunciation",
                "2701/QĐ-CTN",
                datetime(2018, 3, 1),
                "Chủ tịch nước",
            ]
        )
        sheet.append(
            [
                *("Đinh Văn Hậu", "male", 1962, "Ninh Bình", None, None, None),
                *("restoration", "88/QĐ-CTN", None, None),
            ]
        )
        # An identity number typed as a number loses its leading zeros.
        sheet.append(
            [
                *("Đinh Văn Hòa", "male", 1964, "Ninh Bình", 1064000123, None, None),
                *("restoration", "88/QĐ-CTN", None, None),
            ]
        )
        stream = io.BytesIO()
        workbook.save(stream)
        batch = self.Import.import_file(stream.getvalue(), "register.xlsx")
        self.assertEqual((batch.rows_read, batch.rows_imported, batch.rows_rejected), (3, 2, 1))
        self.assertIn("format the column as text", rejected_rows(batch)[4]["reason"])
        oanh, hau = self.Record.search([("import_id", "=", batch.id)], order="source_line")
        self.assertEqual(oanh.birth_date, date(1983, 11, 20))
        self.assertEqual(oanh.decision_date, date(2018, 3, 1))
        self.assertEqual(oanh.id_number, "001183000555")
        self.assertEqual(hau.birth_date_precision, "year")
        self.assertEqual(hau.birth_year, 1962)

    def test_unusable_files(self):
        with self.assertRaisesRegex(UserError, "lacks the required columns: event_type"):
            self.Import.import_file(b"full_name,decision_number\nA,1\n", "x.csv")
        with self.assertRaisesRegex(UserError, "UTF-8"):
            self.Import.import_file(HEADER.encode() + "\nNguyễn".encode("utf-16"), "x.csv")
        with self.assertRaisesRegex(UserError, "empty"):
            self.Import.import_file(b"", "x.csv")
        with self.assertRaisesRegex(UserError, "not a readable XLSX"):
            self.Import.import_file(b"PK\x03\x04garbage", "x.xlsx")
        with self.assertRaisesRegex(UserError, "appears twice"):
            self.Import.import_file(b"full_name,ho_ten,event_type,decision_number\n", "x.csv")

    def test_nothing_valid(self):
        batch = self.Import.import_file(csv_bytes(",,,,,,,,,,"), "x.csv")
        self.assertEqual(batch.rows_read, 0)
        batch = self.Import.import_file(csv_bytes("A1,,,,,,,renunciation,1/QĐ-CTN,,"), "x.csv")
        self.assertEqual((batch.state, batch.rows_rejected), ("rejected", 1))

    def test_only_the_ministry_imports(self):
        for user in (self.hn_officer, self.berlin_user):
            with self.assertRaises(AccessError):
                self.env["nationality.record.import"].with_user(user).import_file(
                    csv_bytes("Lê Văn Tám,male,1950,Hà Nội,,,,renunciation,1/QĐ-CTN,,"), "x.csv"
                )

    def test_wizard_and_template(self):
        wizard = (
            self.env["nationality.record.import.wizard"]
            .with_user(self.cuc_officer)
            .create(
                {
                    "file": base64.b64encode(
                        csv_bytes("Tạ Quang Bửu,male,1910,Nghệ An,,,,renunciation,5/QĐ-CTN,,")
                    ),
                    "filename": "mau.csv",
                }
            )
        )
        template = base64.b64decode(wizard.template_file).decode("utf-8-sig")
        self.assertTrue(template.startswith("full_name,former_name,gender,birth_date"))
        action = wizard.action_import()
        batch = self.env["nationality.record.import"].browse(action["res_id"])
        self.assertEqual(batch.rows_imported, 1)
        # The template itself imports cleanly.
        wizard.file = wizard.template_file
        batch = self.env["nationality.record.import"].browse(wizard.action_import()["res_id"])
        self.assertEqual((batch.rows_imported, batch.rows_rejected), (2, 0))
