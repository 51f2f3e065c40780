# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which day is "today" for typed dates ("not in the future"): the later of
Vietnam's day and the user's, never the server's UTC day; at the edges of
Vietnam's day, and with time zones a caller may send that do not exist."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools.dates import latest_today
from .common import NationalityCase


@tagged("post_install", "-at_install")
class TestTypedDatesToday(NationalityCase):
    def issue(self, issued, tz):
        dossier = self.as_user(self.env["nationality.dossier"], self.hn_reception)
        return dossier.with_context(tz=tz).create(
            {
                "procedure_id": self.procedures["nationality_certificate"].id,
                "company_id": self.stp_hn.id,
                "full_name": "Đặng Thị Mỹ Duyên",
                "gender": "female",
                "birth_date": date(2001, 2, 17),
                "id_document_type": "citizen_id",
                "id_document_number": "001301012345",
                "id_document_issue_date": issued,
            }
        )

    def test_first_and_last_minute_of_a_day_in_vietnam(self):
        # 04/12/2026 00:01 in Hà Nội (03/12 17:01 UTC); then 23:59 (16:59 UTC).
        for moment in ("2026-12-03 17:01:00", "2026-12-04 16:59:00"):
            for tz in (False, "Asia/Ho_Chi_Minh", "America/Los_Angeles", "Europe/Paris"):
                with self.subTest(moment=moment, tz=tz), freeze_time(moment):
                    self.assertEqual(
                        self.issue(date(2026, 12, 4), tz).id_document_issue_date.day, 4
                    )
                    with self.assertRaisesRegex(ValidationError, "05/12/2026 is in the future"):
                        self.issue(date(2026, 12, 5), tz)

    def test_time_zones_that_do_not_exist_fall_back_to_vietnam(self):
        # The user's time zone cannot be written wrong through the ORM; an old
        # value or an SQL import may still hold one.
        self.env.cr.execute(
            "UPDATE res_partner SET tz = 'Mars/Olympus' WHERE id = %s",
            [self.hn_reception.partner_id.id],
        )
        self.hn_reception.invalidate_recordset()
        self.hn_reception.partner_id.invalidate_recordset()
        with freeze_time("2026-12-03 17:01:00"):
            for tz in (None, "Mars/Olympus", "", 123, "../../etc/localtime", "x" * 5000):
                env = self.as_user(self.env["res.users"], self.hn_reception).env
                if tz is not None:
                    env = env(context=dict(env.context, tz=tz))
                with self.subTest(tz=str(tz)[:20]):
                    self.assertEqual(latest_today(env), date(2026, 12, 4))
            with self.assertRaisesRegex(ValidationError, "05/12/2026 is in the future"):
                self.issue(date(2026, 12, 5), "Mars/Olympus")

    def env_in(self, tz):
        user = self.hn_reception
        user.tz = tz
        return self.as_user(self.env["res.users"], user).with_context(tz=tz).env

    def test_the_later_of_vietnam_and_the_users_day(self):
        # 03/12/2026 20:00 UTC is 04/12 03:00 in Hà Nội.
        with freeze_time("2026-12-03 20:00:00"):
            self.assertEqual(latest_today(self.env_in(False)), date(2026, 12, 4))
            self.assertEqual(latest_today(self.env_in("America/Los_Angeles")), date(2026, 12, 4))
        # 03/12/2026 12:00 UTC is 19:00 in Hà Nội and already 04/12 in Auckland.
        with freeze_time("2026-12-03 12:00:00"):
            self.assertEqual(latest_today(self.env_in(False)), date(2026, 12, 3))
            self.assertEqual(latest_today(self.env_in("Pacific/Auckland")), date(2026, 12, 4))

    def test_a_paper_issued_today_in_vietnam_is_accepted_before_7_am(self):
        """An identity paper issued today, typed at 06:30 in Hà Nội by a user
        without a time zone (an integrator, a citizen), was refused as issued
        "in the future" because the UTC day was still yesterday."""
        self.hn_reception.tz = False
        with freeze_time("2026-12-03 23:30:00"):
            dossier = self.issue(date(2026, 12, 4), False)
            self.assertEqual(dossier.id_document_issue_date, date(2026, 12, 4))
            with self.assertRaisesRegex(ValidationError, "05/12/2026 is in the future"):
                dossier.write({"id_document_issue_date": date(2026, 12, 5)})
