# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attacks on the incoming register (sổ đăng ký văn bản đến): who reads an
arrival number, who writes one, and whether every addressee of a message
gets its own line."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.addons.nationality_dossier.models.nationality_dossier import simulated_clock
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .letters_common import EdxmlCase, LettersCase

# Naive UTC; Vietnam is seven hours ahead.
MAR_05_09H00 = datetime(2031, 3, 5, 2, 0)
MAR_06_10H00 = datetime(2031, 3, 6, 3, 0)


@tagged("post_install", "-at_install")
class TestArrivalReaders(LettersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An external agency's user kept in the Ministry's company, as a
        # database that hosts the agencies' users in its main company does.
        cls.bng_at_ministry = new_test_user(
            cls.env,
            login="t.bng.at.ministry",
            groups="base.group_user,nationality_exchange.group_agency_requester",
            company_id=cls.ministry.id,
            company_ids=[Command.set(cls.ministry.ids)],
            name="Hoàng Thị Ngọc Ánh",
            lang="en_US",
        )
        cls.bng_at_ministry.nationality_agency_id = cls.agency_bng
        cls.Arrival = cls.env["nationality.letter.arrival"]

    def letter_to_ministry_and_bng(self):
        with simulated_clock(MAR_05_09H00):
            letter = self.new_letter(
                self.hn_officer,
                receiving_agency_ids=[Command.set((self.agency_ministry | self.agency_bng).ids)],
                subject="V/v xác minh quốc tịch Việt Nam của ông Nguyễn Văn Đức",
            )
            letter.action_sign_and_send()
        return letter

    def test_agency_user_does_not_read_the_register_through_the_letter(self):
        """The register is closed to external agencies (no access right on
        its lines); the arrival number of the letter's computed field must
        not open it."""
        letter = self.letter_to_ministry_and_bng()
        with simulated_clock(MAR_06_10H00):
            self.as_user(letter, self.cuc_officer).action_register_receipt()
        self.assertTrue(self.as_user(letter, self.cuc_officer).arrival_info)
        with self.assertRaises(AccessError):
            self.as_user(self.Arrival, self.bng_at_ministry).search([])
        as_agency = self.as_user(letter, self.bng_at_ministry)
        self.assertFalse(as_agency.read(["arrival_info"])[0]["arrival_info"])

    def test_agency_user_cannot_write_the_ministrys_register(self):
        """A user without any right on the register cannot enter a letter in
        it (the receipt is written with sudo)."""
        letter = self.letter_to_ministry_and_bng()
        as_agency = self.as_user(letter, self.bng_at_ministry)
        self.assertFalse(as_agency.can_register_receipt)
        with simulated_clock(MAR_06_10H00), self.assertRaises(AccessError):
            as_agency.action_register_receipt()
        self.assertFalse(self.Arrival.sudo().search([("letter_id", "=", letter.id)]))
        self.assertEqual(letter.state, "sent")
        # The Ministry's own staff still register it, with its number 1.
        with simulated_clock(MAR_06_10H00):
            self.as_user(letter, self.cuc_officer).action_register_receipt()
        arrival = self.Arrival.sudo().search([("letter_id", "=", letter.id)])
        self.assertEqual((arrival.company_id, arrival.arrival_number), (self.ministry, 1))

    def test_new_year_on_vietnams_day_with_frozen_clock(self):
        """The real clock (not the simulated one): 23:59 on 31 December in Hà
        Nội is last year, 00:00 on 1 January is the new year."""
        letters = []
        for subject in ("V/v số 1", "V/v số 2", "V/v số 3"):
            letter = self.new_letter(self.hn_officer, subject=subject)
            with freeze_time("2031-12-30 03:00:00"):
                letter.action_sign_and_send()
            letters.append(letter)
        for moment, letter in zip(
            ("2031-12-31 16:59:59", "2031-12-31 17:00:00", "2032-01-01 02:00:00"),
            letters,
            strict=True,
        ):
            with freeze_time(moment):
                self.as_user(letter, self.cuc_officer).action_register_receipt()
        arrivals = [
            self.Arrival.sudo().search([("letter_id", "=", letter.id)]) for letter in letters
        ]
        self.assertEqual(
            [(arrival.year, arrival.arrival_number) for arrival in arrivals],
            [(2031, 1), (2032, 1), (2032, 2)],
        )


@tagged("post_install", "-at_install")
class TestEdxmlSecondAddressee(EdxmlCase):
    def test_second_addressee_of_a_message_registers_it_too(self):
        """A message sent by an agency outside the system to the Cục and to
        the Department of Hồ Chí Minh City: each imports it, each enters it in
        its own register once."""
        letter = self.signed_letter(
            receiving_agency_ids=[Command.set((self.agency_ministry | self.agency_hcm).ids)]
        )
        data = self.export(letter)
        self.forget(letter)
        with simulated_clock(MAR_05_09H00):
            received, created = self.import_as(self.cuc_officer, data)
        self.assertTrue(created)
        # An earlier paper letter: Hồ Chí Minh City's next arrival number is 2.
        with simulated_clock(MAR_05_09H00):
            paper = self.as_user(self.Letter, self.hcm_officer).create(
                {
                    "direction": "incoming",
                    "company_id": self.stp_hcm.id,
                    "issuing_agency_id": self.agency_bng.id,
                    "receiving_agency_ids": [Command.set(self.agency_hcm.ids)],
                    "number": 31,
                    "notation": "BNG-LS",
                    "letter_date": datetime(2031, 3, 1).date(),
                    "subject": "V/v trao đổi thông tin quốc tịch",
                }
            )
            paper.action_register_incoming()
        # The department reads the letter the Cục imported, as incoming.
        self.assertTrue(self.as_user(received, self.hcm_officer).is_incoming)
        with simulated_clock(MAR_06_10H00):
            again, created = self.import_as(self.hcm_officer, data)
        self.assertFalse(created)
        self.assertEqual(again, received)
        Arrival = self.env["nationality.letter.arrival"].sudo()
        lines = Arrival.search([("letter_id", "=", received.id)])
        self.assertEqual(lines.company_id, self.ministry | self.stp_hcm)
        hcm_line = lines.filtered(lambda line: line.company_id == self.stp_hcm)
        self.assertEqual((hcm_line.arrival_number, hcm_line.year), (2, 2031))
        self.assertEqual(hcm_line.registered_by_id, self.hcm_officer)
        self.assertEqual(
            self.as_user(received, self.hcm_officer).arrival_info,
            "Arrival no. 2 — 06/03/2031 10:00",
        )
        self.assertIn("Arrival no. 2 — 06/03/2031 10:00", received.message_ids[0].body)
        self.assertIn("000.00.21.H29", received.trace_ids.mapped("organ_code"))
        # The Cục's own line is unchanged; a third import adds nothing.
        self.assertEqual(
            lines.filtered(lambda line: line.company_id == self.ministry).arrival_number, 1
        )
        self.import_as(self.hcm_officer, data)
        self.import_as(self.cuc_officer, data)
        self.assertEqual(Arrival.search_count([("letter_id", "=", received.id)]), 2)

    def test_message_of_a_letter_sent_in_the_system_is_its_receipt(self):
        """The Cục imports the edXML message of a letter a department sent it
        in the system: the letter is received and registered once, as with
        the button."""
        letter = self.signed_letter()
        data = self.export(letter)
        with simulated_clock(MAR_06_10H00):
            again, created = self.import_as(self.cuc_officer, data)
        self.assertFalse(created)
        self.assertEqual(again, letter)
        self.assertEqual(letter.state, "received")
        Arrival = self.env["nationality.letter.arrival"].sudo()
        arrival = Arrival.search([("letter_id", "=", letter.id)])
        self.assertEqual((arrival.company_id, arrival.arrival_number), (self.ministry, 1))
        self.assertFalse(self.as_user(letter, self.cuc_officer).can_register_receipt)
        self.import_as(self.cuc_officer, data)
        self.assertEqual(Arrival.search_count([("letter_id", "=", letter.id)]), 1)
        # The sending department importing its own message changes nothing.
        with self.assertRaisesRegex(UserError, "not to"):
            self.import_as(self.hn_officer, data)


@tagged("post_install", "-at_install")
class TestDemoRegister(TransactionCase):
    def test_demo_proposals_answered_by_the_cuc_are_in_its_register(self):
        """The demo's Cục answers both departments' proposals: each is in its
        incoming register, numbered in the order of arrival."""
        letters = [
            self.env.ref(f"nationality_exchange.demo_letter_{key}", raise_if_not_found=False)
            for key in ("proposal_hn", "proposal_hcm")
        ]
        if not all(letters):
            self.skipTest("The demo data is not loaded.")
        ministry = self.env.ref("nationality_dossier.company_ministry")
        Arrival = self.env["nationality.letter.arrival"].sudo()
        for letter in letters:
            with self.subTest(letter=letter.name):
                self.assertEqual(letter.state, "answered")
                line = Arrival.search([("letter_id", "=", letter.id)])
                self.assertEqual(line.company_id, ministry)
        lines = Arrival.search([("company_id", "=", ministry.id)]).sorted("arrival_date")
        for year in set(lines.mapped("year")):
            numbers = lines.filtered(lambda line, year=year: line.year == year).mapped(
                "arrival_number"
            )
            self.assertEqual(numbers, list(range(1, len(numbers) + 1)))
