# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The helpers the three addons share: hand-made PDF files, whole-number
settings and the dates of birth known to the day, the month or the year."""

import io
import re
from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from ..tools.config_param import int_param
from ..tools.dates import latest_today
from ..tools.pdf import text_pdf
from .common import NationalityCase


@tagged("post_install", "-at_install")
class TestSharedTools(NationalityCase):
    def test_text_pdf_is_a_valid_one_page_pdf(self):
        pdf = text_pdf(["Hồ sơ xin trở lại quốc tịch", "Lê Hoàng Phúc (1972) \\ Đà Nẵng"])
        self.assertTrue(pdf.startswith(b"%PDF-1.4\n") and pdf.endswith(b"%%EOF\n"))
        # Every offset of the cross-reference table points at its object.
        xref = int(re.search(rb"startxref\n(\d+)\n", pdf).group(1))
        self.assertTrue(pdf[xref:].startswith(b"xref\n0 6\n"))
        offsets = re.findall(rb"(\d{10}) 00000 n ", pdf[xref:])
        self.assertEqual(len(offsets), 5)
        for number, offset in enumerate(offsets, start=1):
            self.assertTrue(pdf[int(offset) :].startswith(b"%d 0 obj\n" % number))
        reader = PdfFileReader(io.BytesIO(pdf), strict=True)
        self.assertEqual(len(reader.pages), 1)
        # Standard PDF fonts have no Vietnamese glyphs: the text is in ASCII,
        # parentheses and backslashes escaped.
        self.assertEqual(
            reader.pages[0].extract_text().splitlines(),
            ["Ho so xin tro lai quoc tich", "Le Hoang Phuc (1972) \\ Da Nang"],
        )

    def test_int_param_falls_back_and_stays_within_bounds(self):
        params = self.env["ir.config_parameter"].sudo()
        key = "nationality_dossier.test_int_param"
        self.assertEqual(int_param(self.env, key, 12), 12)
        for value, minimum, maximum, expected in (
            ("7", 0, None, 7),
            (" 7 ", 0, None, 7),
            ("-3", 0, None, 0),
            ("0", 1, None, 1),
            ("250", 0, 100, 100),
            ("sáu", 0, None, 12),
            ("1.5", 0, None, 12),
        ):
            params.set_param(key, value)
            with self.subTest(value=value):
                self.assertEqual(int_param(self.env, key, 12, minimum, maximum), expected)
        # Users without access to the parameters read them too.
        self.assertEqual(int_param(self.env(user=self.hn_reception), key, 12), 12)

    def test_impossible_dates_of_birth_of_applicants_and_members(self):
        dossier = self.make_dossier(
            "restoration",
            full_name="Trần Văn Lộc",
            birth_date=date(1880, 1, 1),
            birth_date_precision="year",
        )
        self.assertEqual((dossier.birth_year, dossier.birth_date_display), (1880, "1880"))
        # The latest day it may be for the officer typing, not the test runner's.
        today = latest_today(self.as_user(dossier, self.hn_reception).env)
        for impossible in (date(1879, 12, 31), today + timedelta(days=1)):
            shown = impossible.strftime("%d/%m/%Y")
            with (
                self.subTest(birth_date=impossible),
                self.assertRaisesRegex(
                    ValidationError,
                    rf"The date of birth of Trần Văn Lộc \({shown}\) is not possible",
                ),
            ):
                self.as_user(dossier, self.hn_reception).write(
                    {"birth_date": impossible, "birth_date_precision": "day"}
                )
