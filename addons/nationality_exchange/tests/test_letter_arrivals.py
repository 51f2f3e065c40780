# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The incoming register (sổ đăng ký văn bản đến): arrival numbers per
receiving company, restarting on 1 January of Vietnam's calendar."""

import importlib.util
from datetime import date, datetime
from pathlib import Path

from psycopg2 import IntegrityError

from odoo import Command
from odoo.addons.nationality_dossier.models.nationality_dossier import (
    simulated_clock,
    workflow_transition,
)
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .letters_common import EdxmlCase, LettersCase

# Naive UTC moments; Vietnam is seven hours ahead.
DEC_31_15H00 = datetime(2030, 12, 31, 8, 0)
DEC_31_23H45 = datetime(2030, 12, 31, 16, 45)
JAN_01_00H15 = datetime(2030, 12, 31, 17, 15)
JAN_02_09H30 = datetime(2031, 1, 2, 2, 30)


class ArrivalsCase(LettersCase):
    """Users of two departments and of the Ministry, and letters sent,
    received and entered on paper at given moments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Arrival = cls.env["nationality.letter.arrival"]
        # Works for both departments (a provincial officer seconded to the other).
        cls.two_stp_officer = new_test_user(
            cls.env,
            login="t.two.stp.officer",
            groups="nationality_dossier.group_processing_officer",
            company_id=cls.stp_hn.id,
            company_ids=[Command.set((cls.stp_hn | cls.stp_hcm).ids)],
            name="Đỗ Thị Lan",
            tz="Asia/Ho_Chi_Minh",
            lang="en_US",
        )
        cls.admin_user = new_test_user(
            cls.env,
            login="t.nationality.admin",
            groups="nationality_dossier.group_nationality_admin",
            company_id=cls.ministry.id,
            company_ids=[Command.set((cls.ministry | cls.stp_hn | cls.stp_hcm).ids)],
            name="Vũ Đức Thắng",
            tz="Asia/Ho_Chi_Minh",
            lang="en_US",
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def sent_letter(self, user, agencies, moment=DEC_31_15H00, **values):
        """A letter of ``user``'s company signed and sent to ``agencies`` at ``moment``."""
        values.setdefault("receiving_agency_ids", [Command.set(agencies.ids)])
        with simulated_clock(moment):
            letter = self.new_letter(user, **values)
            letter.action_sign_and_send()
        return letter

    def receive(self, letter, user, moment):
        with simulated_clock(moment):
            self.as_user(letter, user).action_register_receipt()

    def arrival(self, letter, company):
        return self.Arrival.sudo().search(
            [("letter_id", "=", letter.id), ("company_id", "=", company.id)]
        )

    def paper_letter(self, user, number, moment, subject="V/v trao đổi thông tin quốc tịch"):
        """A letter of the Ministry of Foreign Affairs received on paper by
        ``user``'s company and registered at ``moment``."""
        company = user.company_id
        letter = self.as_user(self.Letter, user).create(
            {
                "direction": "incoming",
                "company_id": company.id,
                "issuing_agency_id": self.agency_bng.id,
                "receiving_agency_ids": [Command.set(company.nationality_agency_id.ids)],
                "number": number,
                "notation": "BNG-LS",
                "letter_date": date(2030, 12, 29),
                "subject": subject,
            }
        )
        with simulated_clock(moment):
            letter.action_register_incoming()
        return letter


@tagged("post_install", "-at_install")
class TestLetterArrivals(ArrivalsCase):
    # ------------------------------------------------------------------
    # Numbering
    # ------------------------------------------------------------------
    def test_numbers_restart_on_vietnams_new_year(self):
        first = self.sent_letter(self.hn_officer, self.agency_ministry)
        second = self.sent_letter(
            self.hn_officer,
            self.agency_ministry,
            subject="V/v đề nghị cho nhập quốc tịch Việt Nam của ông Kim Min-jun",
        )
        third = self.sent_letter(
            self.hcm_officer,
            self.agency_ministry,
            subject="V/v đề nghị cho trở lại quốc tịch Việt Nam của bà Nguyễn Thị Mai Anh",
        )
        self.receive(first, self.cuc_officer, DEC_31_15H00)
        self.receive(second, self.cuc_officer, DEC_31_23H45)
        # 00:15 on 1 January in Hà Nội, still 31 December in UTC.
        self.receive(third, self.cuc_officer, JAN_01_00H15)
        numbers = [
            (
                self.arrival(letter, self.ministry).year,
                self.arrival(letter, self.ministry).arrival_number,
            )
            for letter in (first, second, third)
        ]
        self.assertEqual(numbers, [(2030, 1), (2030, 2), (2031, 1)])
        arrival = self.arrival(third, self.ministry)
        self.assertEqual(arrival.arrival_date, JAN_01_00H15)
        self.assertEqual(arrival.agency_id, self.agency_ministry)
        self.assertEqual(arrival.registered_by_id, self.cuc_officer)
        self.assertEqual(
            self.as_user(third, self.cuc_officer).arrival_info, "Arrival no. 1 — 01/01/2031 00:15"
        )
        self.assertEqual(
            self.as_user(second, self.cuc_officer).arrival_info,
            "Arrival no. 2 — 31/12/2030 23:45",
        )
        # The register, grouped by year.
        groups = self.as_user(self.Arrival, self.cuc_officer)._read_group(
            [("letter_id", "in", (first | second | third).ids)], ["year"], ["__count"]
        )
        self.assertEqual(sorted(groups), [(2030, 2), (2031, 1)])
        # Each receiving company numbers on its own: the department's first
        # letter of 2031 is its number 1 too.
        paper = self.paper_letter(self.hn_reception, 12, JAN_02_09H30)
        self.assertEqual(self.arrival(paper, self.stp_hn).arrival_number, 1)
        self.assertEqual(self.arrival(paper, self.stp_hn).year, 2031)

    def test_each_department_addressed_registers_its_own_arrival(self):
        letter = self.sent_letter(
            self.cuc_officer,
            self.agency_hn | self.agency_hcm,
            subject="V/v hướng dẫn thực hiện thủ tục quốc tịch năm 2031",
            moment=JAN_01_00H15,
        )
        # An earlier paper letter: Hà Nội's next arrival number is 2.
        self.paper_letter(self.hn_reception, 7, JAN_01_00H15)
        self.assertTrue(self.as_user(letter, self.hn_officer).can_register_receipt)
        self.assertTrue(self.as_user(letter, self.hcm_officer).can_register_receipt)

        self.receive(letter, self.hn_officer, JAN_02_09H30)
        self.assertEqual(letter.state, "received")
        self.assertEqual(letter.received_by_id, self.hn_officer)
        self.assertFalse(self.as_user(letter, self.hn_officer).can_register_receipt)
        # The first receipt does not close the letter for the other department.
        self.assertTrue(self.as_user(letter, self.hcm_officer).can_register_receipt)
        self.receive(letter, self.hcm_officer, datetime(2031, 1, 2, 3, 0))
        self.assertEqual(letter.state, "received")
        self.assertEqual(letter.received_by_id, self.hn_officer)
        self.assertEqual(letter.date_received, JAN_02_09H30)
        self.assertEqual(self.arrival(letter, self.stp_hn).arrival_number, 2)
        self.assertEqual(self.arrival(letter, self.stp_hcm).arrival_number, 1)
        self.assertEqual(
            letter.trace_ids.mapped("organ_code"),
            ["000.00.12.G12", "000.00.21.H26", "000.00.21.H29"],
        )
        self.assertIn("Arrival no. 1 — 02/01/2031 10:00", letter.message_ids[0].body)
        self.assertIn("Sở Tư pháp Thành phố Hồ Chí Minh (test)", letter.message_ids[0].body)
        self.assertEqual(
            self.as_user(letter, self.hn_reception).arrival_info,
            "Arrival no. 2 — 02/01/2031 09:30",
        )
        self.assertEqual(
            self.as_user(letter, self.hcm_officer).arrival_info,
            "Arrival no. 1 — 02/01/2031 10:00",
        )
        # The sender has no arrival of its own.
        self.assertFalse(self.as_user(letter, self.cuc_officer).arrival_info)
        self.assertFalse(self.as_user(letter, self.cuc_officer).can_register_receipt)

    def test_registering_twice_is_refused(self):
        letter = self.sent_letter(self.hn_officer, self.agency_ministry)
        with self.assertRaisesRegex(UserError, "not sent to your agency"):
            self.receive(letter, self.hn_officer, DEC_31_23H45)
        self.receive(letter, self.cuc_officer, DEC_31_23H45)
        self.assertFalse(self.as_user(letter, self.cuc_officer).can_register_receipt)
        with self.assertRaisesRegex(
            UserError,
            r"already in the incoming register of Cục Hành chính tư pháp \(test\) "
            r"\(Arrival no\. 1 — 31/12/2030 23:45\)",
        ):
            self.receive(letter, self.cuc_leader, JAN_02_09H30)
        self.assertEqual(len(self.Arrival.sudo().search([("letter_id", "=", letter.id)])), 1)

    def test_answered_letter_still_registered_by_the_other_addressee(self):
        letter = self.sent_letter(
            self.cuc_officer,
            self.agency_hn | self.agency_hcm,
            subject="V/v báo cáo tình hình giải quyết hồ sơ quốc tịch năm 2030",
        )
        self.receive(letter, self.hn_officer, DEC_31_23H45)
        with simulated_clock(JAN_02_09H30):
            reply = self.new_letter(
                self.hn_officer,
                subject="V/v báo cáo tình hình giải quyết hồ sơ quốc tịch năm 2030",
                response_for_id=letter.id,
            )
            reply.action_sign_and_send()
        self.assertEqual(letter.state, "answered")
        # Hồ Chí Minh City has not registered it yet: it still may, once.
        self.assertTrue(self.as_user(letter, self.hcm_officer).can_register_receipt)
        self.receive(letter, self.hcm_officer, JAN_02_09H30)
        self.assertEqual(letter.state, "answered")
        self.assertEqual(self.arrival(letter, self.stp_hcm).arrival_number, 1)
        self.assertEqual(self.arrival(letter, self.stp_hcm).year, 2031)
        with self.assertRaisesRegex(UserError, "already in the incoming register"):
            self.receive(letter, self.hcm_officer, JAN_02_09H30)
        # The Cục receives the reply in its own register.
        self.receive(reply, self.cuc_officer, JAN_02_09H30)
        self.assertEqual(self.arrival(reply, self.ministry).arrival_number, 1)

    def test_user_of_two_departments_registers_for_both(self):
        letter = self.sent_letter(
            self.cuc_officer,
            self.agency_hn | self.agency_hcm,
            subject="V/v rà soát hồ sơ xin thôi quốc tịch Việt Nam",
        )
        self.paper_letter(self.hn_reception, 3, DEC_31_15H00)
        self.receive(letter, self.two_stp_officer, DEC_31_23H45)
        self.assertEqual(self.arrival(letter, self.stp_hn).arrival_number, 2)
        self.assertEqual(self.arrival(letter, self.stp_hcm).arrival_number, 1)
        self.assertEqual(self.arrival(letter, self.stp_hn).registered_by_id, self.two_stp_officer)
        # The computed field shows the arrival of the current company.
        as_user = letter.with_user(self.two_stp_officer)
        self.assertEqual(
            as_user.with_context(allowed_company_ids=self.stp_hn.ids).arrival_info,
            "Arrival no. 2 — 31/12/2030 23:45",
        )
        self.assertEqual(
            as_user.with_context(allowed_company_ids=self.stp_hcm.ids).arrival_info,
            "Arrival no. 1 — 31/12/2030 23:45",
        )
        # Both companies in the session: both lines, the current company's first.
        both = as_user.with_context(allowed_company_ids=[self.stp_hcm.id, self.stp_hn.id])
        self.assertEqual(
            both.arrival_info,
            "Sở Tư pháp Thành phố Hồ Chí Minh (test): Arrival no. 1 — 31/12/2030 23:45; "
            "Sở Tư pháp thành phố Hà Nội (test): Arrival no. 2 — 31/12/2030 23:45",
        )
        self.assertFalse(both.can_register_receipt)

    # ------------------------------------------------------------------
    # Paper letters and edXML messages
    # ------------------------------------------------------------------
    def test_paper_letter_gets_an_arrival_number(self):
        first = self.paper_letter(self.cuc_officer, 215, DEC_31_15H00)
        second = self.paper_letter(
            self.cuc_officer,
            216,
            JAN_01_00H15,
            subject="V/v xác minh quốc tịch của công dân Việt Nam tại Nhật Bản",
        )
        third = self.paper_letter(self.cuc_officer, 217, JAN_02_09H30)
        self.assertEqual(second.state, "received")
        self.assertEqual(
            [
                self.arrival(letter, self.ministry).arrival_number
                for letter in (first, second, third)
            ],
            [1, 1, 2],
        )
        self.assertEqual(
            self.as_user(third, self.cuc_officer).arrival_info, "Arrival no. 2 — 02/01/2031 09:30"
        )
        self.assertIn("Arrival no. 2 — 02/01/2031 09:30", third.message_ids[0].body)
        # A paper letter is registered once.
        with self.assertRaisesRegex(UserError, "being entered"):
            third.with_user(self.cuc_officer).action_register_incoming()

    def test_letter_opened_from_the_register(self):
        letter = self.paper_letter(self.cuc_officer, 215, DEC_31_15H00)
        arrival = self.as_user(self.Arrival, self.cuc_officer).search(
            [("letter_id", "=", letter.id)]
        )
        self.assertEqual(arrival.letter_name, "215/BNG-LS")
        self.assertEqual(arrival.issuing_agency_id, self.agency_bng)
        self.assertEqual(arrival.letter_date, date(2030, 12, 29))
        self.assertEqual(arrival.subject, "V/v trao đổi thông tin quốc tịch")
        self.assertEqual(arrival.display_name, "Arrival no. 1/2030")
        action = arrival.action_open_letter()
        self.assertEqual((action["res_model"], action["res_id"]), ("nationality.letter", letter.id))

    # ------------------------------------------------------------------
    # Who reads and writes the register
    # ------------------------------------------------------------------
    def test_register_is_read_by_its_own_companies_only(self):
        letter = self.sent_letter(self.cuc_officer, self.agency_hn | self.agency_hcm)
        self.receive(letter, self.hn_officer, DEC_31_23H45)
        self.receive(letter, self.hcm_officer, DEC_31_23H45)
        hn_line = self.arrival(letter, self.stp_hn)
        hcm_line = self.arrival(letter, self.stp_hcm)
        domain = [("letter_id", "=", letter.id)]
        self.assertEqual(self.as_user(self.Arrival, self.hn_reception).search(domain), hn_line)
        self.assertEqual(self.as_user(self.Arrival, self.hcm_officer).search(domain), hcm_line)
        self.assertFalse(self.as_user(self.Arrival, self.cuc_officer).search(domain))
        with self.assertRaises(AccessError):
            self.as_user(hcm_line, self.hn_reception).read(["arrival_number"])
        # Through the letter, each department reads its own line only.
        self.assertEqual(self.as_user(letter, self.hn_reception).arrival_ids, hn_line)
        # A user of both departments reads the registers of the companies
        # allowed in the session.
        officer = self.Arrival.with_user(self.two_stp_officer)
        self.assertEqual(
            officer.with_context(allowed_company_ids=self.stp_hn.ids).search(domain), hn_line
        )
        self.assertEqual(
            officer.with_context(allowed_company_ids=(self.stp_hn | self.stp_hcm).ids).search(
                domain
            ),
            hn_line | hcm_line,
        )
        # External agencies do not read the registers; the letter still reads.
        with self.assertRaises(AccessError):
            self.as_user(self.Arrival, self.bng_user).search(domain)
        bng_letter = self.sent_letter(self.cuc_officer, self.agency_bng)
        self.assertFalse(
            self.as_user(bng_letter, self.bng_user).read(["arrival_info"])[0]["arrival_info"]
        )
        self.assertNotIn("arrival_ids", self.as_user(self.Letter, self.bng_user).fields_get())

    def test_users_cannot_write_the_register(self):
        letter = self.sent_letter(self.hn_officer, self.agency_ministry)
        self.receive(letter, self.cuc_officer, DEC_31_23H45)
        arrival = self.arrival(letter, self.ministry)
        values = {
            "letter_id": letter.id,
            "company_id": self.ministry.id,
            "arrival_number": 99,
            "year": 2030,
            "arrival_date": DEC_31_23H45,
        }
        for user in (self.cuc_officer, self.cuc_leader, self.admin_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.as_user(self.Arrival, user).create(dict(values))
                with self.assertRaises(AccessError):
                    self.as_user(arrival, user).write({"arrival_number": 5})
                with self.assertRaises(AccessError):
                    self.as_user(arrival, user).unlink()
        # Nor through the letter.
        with self.assertRaises(AccessError):
            self.as_user(letter, self.admin_user).write(
                {"arrival_ids": [Command.create(dict(values, company_id=self.stp_hcm.id))]}
            )
        self.assertEqual(arrival.arrival_number, 1)
        self.assertTrue(arrival.exists())
        # Even the exchange cannot register a letter twice or give a number twice.
        with self.assertRaisesRegex(UserError, "already in the incoming register"):
            self.Arrival._enter(letter, self.ministry, JAN_02_09H30)
        other = self.sent_letter(self.hn_officer, self.agency_ministry)
        for duplicate in (
            dict(values, letter_id=other.id, arrival_number=1),
            dict(values, arrival_number=2),
        ):
            with (
                self.subTest(duplicate=duplicate),
                mute_logger("odoo.sql_db"),
                self.assertRaises(IntegrityError),
                self.cr.savepoint(),
                workflow_transition(),
            ):
                self.Arrival.sudo().create(duplicate)
                self.env.flush_all()

    def test_views_load_for_every_reader(self):
        for user in (self.cuc_officer, self.hn_reception, self.bng_user):
            with self.subTest(user=user.login):
                views = self.as_user(self.Letter, user).get_views(
                    [
                        (
                            self.env.ref(
                                "nationality_exchange.nationality_letter_view_list_incoming"
                            ).id,
                            "list",
                        ),
                        (False, "form"),
                    ]
                )
                self.assertIn("arrival_info", views["views"]["list"]["arch"])
                self.assertEqual(
                    "arrival_ids" in views["views"]["form"]["arch"], user != self.bng_user
                )
        views = self.as_user(self.Arrival, self.cuc_officer).get_views(
            [(False, "list"), (False, "search")]
        )
        self.assertIn("action_open_letter", views["views"]["list"]["arch"])


@tagged("post_install", "-at_install")
class TestEdxmlArrival(EdxmlCase):
    def test_imported_message_gets_an_arrival_number(self):
        letter = self.signed_letter()
        data = self.export(letter)
        self.forget(letter)
        with simulated_clock(datetime(2031, 3, 5, 2, 0)):
            received, created = self.import_as(self.cuc_officer, data)
        self.assertTrue(created)
        arrival = (
            self.env["nationality.letter.arrival"].sudo().search([("letter_id", "=", received.id)])
        )
        self.assertEqual(arrival.company_id, self.ministry)
        self.assertEqual((arrival.year, arrival.arrival_number), (2031, 1))
        self.assertEqual(arrival.registered_by_id, self.cuc_officer)
        self.assertEqual(
            self.as_user(received, self.cuc_officer).arrival_info,
            "Arrival no. 1 — 05/03/2031 09:00",
        )
        self.assertIn("Arrival no. 1 — 05/03/2031 09:00", received.message_ids[0].body)
        # The same message again: recognised, no second line in the register.
        again, created = self.import_as(self.cuc_officer, data)
        self.assertFalse(created)
        self.assertEqual(again, received)
        self.assertEqual(arrival.search_count([("letter_id", "=", received.id)]), 1)


@tagged("post_install", "-at_install")
class TestArrivalsUpgrade(ArrivalsCase):
    """The upgrade that brought the registers (migrations/18.0.1.1.0) enters
    the letters received before, numbered in the order they arrived."""

    def run_upgrade_from(self, version):
        script = (
            Path(__file__).resolve().parent.parent / "migrations" / "18.0.1.1.0" / "post-migrate.py"
        )
        spec = importlib.util.spec_from_file_location("nationality_exchange_1_1_0", script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, version)
        self.env.invalidate_all()

    def forget_the_registers(self):
        """The database as the version before the registers left it, where
        each agency is one company (the demo data's companies stand aside)."""
        self.env["res.company"].search(
            [
                ("nationality_agency_id", "!=", False),
                ("id", "not in", (self.stp_hn | self.stp_hcm | self.ministry).ids),
            ]
        ).nationality_agency_id = False
        with workflow_transition():
            self.Arrival.sudo().search([]).unlink()
        self.env["nationality.counter"].sudo().search([("scope", "like", "arrival:%")]).unlink()

    def test_received_letters_take_their_numbers_in_the_order_of_arrival(self):
        first = self.sent_letter(self.hn_officer, self.agency_ministry | self.agency_hcm)
        paper = self.paper_letter(self.cuc_officer, 88, DEC_31_23H45)
        self.receive(first, self.cuc_officer, JAN_02_09H30)
        self.receive(first, self.hcm_officer, DEC_31_15H00)
        second = self.sent_letter(
            self.hcm_officer,
            self.agency_ministry,
            subject="V/v đề nghị cho trở lại quốc tịch Việt Nam của bà Nguyễn Thị Mai Anh",
        )
        self.receive(second, self.cuc_officer, JAN_01_00H15)
        draft = self.new_letter(self.hn_officer, subject="V/v dự thảo chưa gửi")
        ours = first | paper | second
        received = {
            (line.letter_id, line.company_id, line.arrival_date)
            for line in self.Arrival.sudo().search([("letter_id", "in", ours.ids)])
        }
        self.assertEqual(len(received), 4)
        self.forget_the_registers()
        self.run_upgrade_from(None)  # a new installation: nothing to enter
        self.assertFalse(self.Arrival.sudo().search([]))
        self.run_upgrade_from("18.0.1.0.0")
        lines = self.Arrival.sudo().search([("letter_id", "in", ours.ids)])
        self.assertEqual(
            {(line.letter_id, line.company_id, line.arrival_date) for line in lines}, received
        )
        # Numbered in the order of arrival (the receipts were recorded in
        # another order): the Ministry's paper letter on 31/12, then 2031's.
        self.assertEqual(
            [
                (line.letter_id, line.year, line.arrival_number)
                for line in lines.filtered(lambda line: line.company_id == self.ministry).sorted(
                    "arrival_date"
                )
            ],
            [(paper, 2030, 1), (second, 2031, 1), (first, 2031, 2)],
        )
        self.assertEqual(
            (
                self.arrival(first, self.stp_hcm).year,
                self.arrival(first, self.stp_hcm).arrival_number,
            ),
            (2030, 1),
        )
        self.assertFalse(self.arrival(draft, self.ministry))
        # Run again: nothing new, and new receipts go on from the numbers taken.
        everything = self.Arrival.sudo().search([])
        self.run_upgrade_from("18.0.1.0.0")
        self.assertEqual(self.Arrival.sudo().search([]), everything)
        third = self.sent_letter(self.hn_officer, self.agency_ministry, moment=JAN_02_09H30)
        self.receive(third, self.cuc_officer, JAN_02_09H30)
        self.assertEqual(self.arrival(third, self.ministry).arrival_number, 3)
