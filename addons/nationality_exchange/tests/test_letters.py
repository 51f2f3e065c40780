# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .letters_common import LettersCase


@tagged("post_install", "-at_install")
class TestLetterNumbering(LettersCase):
    def test_numbers_per_issuing_unit_and_year(self):
        hn_first = self.new_letter(self.hn_officer, letter_date=date(2031, 3, 2))
        hn_second = self.new_letter(self.hn_officer, letter_date=date(2031, 12, 31))
        hcm_first = self.new_letter(self.hcm_officer, letter_date=date(2031, 6, 15))
        hn_next_year = self.new_letter(self.hn_officer, letter_date=date(2032, 1, 2))
        for letter in (hn_first, hn_second, hcm_first, hn_next_year):
            letter.action_sign_and_send()
        self.assertEqual(hn_first.number, 1)
        self.assertEqual(hn_first.name, "01/STP-HCTP")
        self.assertEqual(hn_second.name, "02/STP-HCTP")
        # Hồ Chí Minh City numbers on its own.
        self.assertEqual(hcm_first.name, "01/STP-HCTP")
        # Numbers restart on 1 January.
        self.assertEqual(hn_next_year.name, "01/STP-HCTP")
        self.assertEqual(hn_first.state, "sent")
        self.assertEqual(hn_first.sent_by_id, self.hn_officer)
        self.assertEqual(hn_first.trace_ids.organ_code, "000.00.21.H26")

    def test_numbers_from_ten_have_no_leading_zero(self):
        letters = [
            self.new_letter(self.hn_officer, letter_date=date(2033, 5, day)) for day in range(1, 11)
        ]
        for letter in letters:
            letter.action_sign_and_send()
        self.assertEqual(letters[8].name, "09/STP-HCTP")
        self.assertEqual(letters[9].name, "10/STP-HCTP")

    def test_letter_takes_todays_date_when_signed(self):
        letter = self.new_letter(self.hn_officer)
        self.assertFalse(letter.letter_date)
        self.assertEqual(letter.name, "STP-HCTP")
        letter.action_sign_and_send()
        self.assertTrue(letter.letter_date)
        self.assertTrue(letter.name.endswith("/STP-HCTP"))

    def test_notation_is_normalised_and_checked(self):
        letter = self.new_letter(self.hn_officer, notation=" stp-hctp ")
        self.assertEqual(letter.notation, "STP-HCTP")
        letter = self.new_letter(self.hn_officer, notation="qyđ-stp")
        self.assertEqual(letter.notation, "QyĐ-STP")
        for wrong in ("STP HCTP", "STP--HCTP", "STP/HCTP", "-STP"):
            with self.assertRaises(ValidationError, msg=wrong):
                self.new_letter(self.hn_officer, notation=wrong)

    def test_outgoing_letter_is_issued_by_its_company(self):
        with self.assertRaises(ValidationError):
            self.new_letter(self.hn_officer, issuing_agency_id=self.agency_hcm.id)

    def test_sign_needs_a_draft_with_receivers(self):
        letter = self.new_letter(self.hn_officer, receiving_agency_ids=[Command.clear()])
        with self.assertRaisesRegex(UserError, "which agencies"):
            letter.action_sign_and_send()
        letter.receiving_agency_ids = self.agency_ministry
        letter.action_sign_and_send()
        with self.assertRaisesRegex(UserError, "Only an outgoing draft"):
            letter.action_sign_and_send()


@tagged("post_install", "-at_install")
class TestLetterAccess(LettersCase):
    def test_sent_letter_is_read_only(self):
        letter = self.new_letter(self.hn_officer)
        letter.write({"subject": "V/v đề nghị xác minh"})
        letter.action_sign_and_send()
        with self.assertRaises(AccessError):
            letter.write({"subject": "Sửa sau khi gửi"})
        with self.assertRaises(AccessError):
            letter.unlink()
        with self.assertRaisesRegex(UserError, "Only draft letters"):
            letter.sudo().unlink()

    def test_drafts_stay_with_their_company(self):
        letter = self.new_letter(self.hn_officer)
        cuc = self.as_user(self.Letter, self.cuc_officer)
        self.assertFalse(cuc.search([("id", "=", letter.id)]))
        letter.action_sign_and_send()
        self.assertEqual(cuc.search([("id", "=", letter.id)]), letter)

    def test_each_side_sees_only_its_letters(self):
        to_cuc = self.new_letter(self.hn_officer)
        to_bng = self.new_letter(
            self.hn_officer, receiving_agency_ids=[Command.set(self.agency_bng.ids)]
        )
        (to_cuc | to_bng).action_sign_and_send()
        ids = (to_cuc | to_bng).ids

        def visible(user):
            return self.as_user(self.Letter, user).search([("id", "in", ids)])

        self.assertEqual(visible(self.hn_reception), to_cuc | to_bng)
        self.assertEqual(visible(self.cuc_officer), to_cuc)
        self.assertEqual(visible(self.bng_user), to_bng)
        self.assertFalse(visible(self.hcm_officer))
        with self.assertRaises(AccessError):
            self.as_user(to_cuc, self.hcm_officer).read(["subject"])
        # The addressee cannot change the letter either.
        with self.assertRaises(AccessError):
            self.as_user(to_cuc, self.cuc_officer).write({"subject": "Đổi trích yếu"})

    def test_external_agency_user_cannot_write(self):
        with self.assertRaises(AccessError):
            self.new_letter(self.bng_user)

    def test_incoming_flag_depends_on_the_reader(self):
        letter = self.new_letter(self.hn_officer)
        letter.action_sign_and_send()
        for user, incoming in ((self.hn_officer, False), (self.cuc_officer, True)):
            letters = self.as_user(self.Letter, user)
            self.assertEqual(letters.browse(letter.id).is_incoming, incoming)
            self.assertEqual(
                bool(letters.search([("id", "=", letter.id), ("is_incoming", "=", True)])),
                incoming,
            )
            self.assertEqual(
                bool(letters.search([("id", "=", letter.id), ("is_incoming", "!=", True)])),
                not incoming,
            )


@tagged("post_install", "-at_install")
class TestLetterLifecycle(LettersCase):
    def test_receipt_and_answer_inside_the_system(self):
        letter = self.new_letter(self.hn_officer, letter_type="other")
        letter.action_sign_and_send()
        with self.assertRaises(UserError):
            self.as_user(letter, self.hcm_officer).action_register_receipt()
        with self.assertRaisesRegex(UserError, "not sent to your agency"):
            self.as_user(letter, self.hn_officer).action_register_receipt()
        self.as_user(letter, self.cuc_officer).action_register_receipt()
        self.assertEqual(letter.state, "received")
        self.assertEqual(letter.received_by_id, self.cuc_officer)
        self.assertEqual(letter.trace_ids.mapped("organ_code"), ["000.00.21.H26", "000.00.12.G12"])

        action = self.as_user(letter, self.cuc_officer).action_reply()
        context = dict(action["context"], allowed_company_ids=self.cuc_officer.company_ids.ids)
        reply = (
            self.Letter.with_user(self.cuc_officer)
            .with_context(**context)
            .create({"body": "<p>Cục đã nhận và đang xem xét.</p>"})
        )
        self.assertEqual(reply.company_id, self.ministry)
        self.assertEqual(reply.issuing_agency_id, self.agency_ministry)
        self.assertEqual(reply.receiving_agency_ids, self.agency_hn)
        self.assertEqual(reply.notation, "HCTP-QT")
        self.assertEqual(reply.response_for_id, letter)
        reply.action_sign_and_send()
        self.assertEqual(letter.state, "answered")
        # The department reads the answer addressed to it; the other one does not.
        self.assertTrue(self.as_user(reply, self.hn_reception).is_incoming)
        self.assertFalse(
            self.as_user(self.Letter, self.hcm_officer).search([("id", "=", reply.id)])
        )

    def test_paper_letter_registered_as_received(self):
        self.ministry.write(
            {"nationality_signer_name": "Phạm Quốc Minh", "nationality_signer_title": "Cục trưởng"}
        )
        own = self.as_user(self.Letter, self.cuc_officer).create(
            {
                "company_id": self.ministry.id,
                "subject": "V/v trả lời Bộ Ngoại giao",
                "receiving_agency_ids": [Command.set(self.agency_bng.ids)],
            }
        )
        self.assertEqual(own.signer_name, "Phạm Quốc Minh")
        self.assertEqual(own.notation, "HCTP-QT")
        letter = self.as_user(self.Letter, self.cuc_officer).create(
            {
                "direction": "incoming",
                "company_id": self.ministry.id,
                "issuing_agency_id": self.agency_bng.id,
                "receiving_agency_ids": [Command.set(self.agency_ministry.ids)],
                "subject": "V/v trao đổi thông tin quốc tịch công dân ở nước ngoài",
            }
        )
        # The Cục's own notation and signer are not put on another agency's letter.
        self.assertFalse(letter.notation)
        self.assertFalse(letter.signer_name)
        with self.assertRaisesRegex(UserError, "number, the notation and the date"):
            letter.action_register_incoming()
        letter.write({"number": 215, "notation": "BNG-LS", "letter_date": date(2031, 4, 1)})
        letter.action_register_incoming()
        self.assertEqual(letter.state, "received")
        self.assertEqual(letter.name, "215/BNG-LS")
        # The foreign ministry's own user reads it; the department does not.
        self.assertTrue(self.as_user(self.Letter, self.bng_user).search([("id", "=", letter.id)]))
        self.assertFalse(
            self.as_user(self.Letter, self.hn_officer).search([("id", "=", letter.id)])
        )
