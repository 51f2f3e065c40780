# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.addons.nationality_dossier.models.nationality_dossier import workflow_transition
from odoo.addons.nationality_dossier.tests.common import NationalityCase
from odoo.addons.nationality_dossier.tools.pdf import text_pdf
from odoo.exceptions import UserError
from odoo.tests import new_test_user

# A scanned paper: checklist lines take only plain PDF, JPEG or PNG files.
PDF = text_pdf(["Công văn 12/STP-HCTP"])


class LettersCase(NationalityCase):
    """Two Departments of Justice, the Ministry, an external agency and its
    user, and helpers to bring dossiers to the Ministry's door."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.agency_ministry.code = "000.00.12.G12"
        cls.agency_bng = env.ref("nationality_dossier.agency_foreign_affairs")
        cls.agency_bng.code = "000.00.00.G08"
        cls.agency_hn.letter_notation = "STP-HCTP"
        cls.agency_hcm.letter_notation = "STP-HCTP"
        cls.agency_ministry.letter_notation = "HCTP-QT"
        cls.hcm_reception = cls.hcm_officer
        cls.bng_user = new_test_user(
            env,
            login="t.bng.user",
            groups="nationality_exchange.group_agency_requester",
            name="Lê Minh Khôi",
        )
        cls.bng_user.nationality_agency_id = cls.agency_bng
        staff = (
            cls.hn_reception
            | cls.hn_officer
            | cls.hn_leader
            | cls.hcm_officer
            | cls.cuc_officer
            | cls.cuc_leader
            | cls.bng_user
        )
        staff.write({"lang": "en_US"})
        cls.Letter = env["nationality.letter"]

    def new_letter(self, user, **values):
        """A draft outgoing letter of ``user``'s company."""
        company = user.company_id
        vals = {
            "direction": "outgoing",
            "company_id": company.id,
            "issuing_agency_id": company.nationality_agency_id.id,
            "receiving_agency_ids": [Command.set(self.agency_ministry.ids)],
            "subject": "V/v xác minh quốc tịch của bà Trần Thị Thu Hương",
            "signer_competence": "KT.",
            "signer_position": "Phó Giám đốc",
            "signer_name": "Trần Văn Hùng",
        }
        vals.update(values)
        return self.as_user(self.Letter, user).create(vals)

    @classmethod
    def dossier_at_committee(cls, company=None, reception=None, officer=None, **values):
        """A naturalization dossier accepted and taken to the provincial
        People's Committee stage, the last one before the Ministry."""
        company = company or cls.stp_hn
        reception = reception or cls.hn_reception
        officer = officer or cls.hn_officer
        vals = {
            "full_name": "Kim Min-jun",
            "vietnamese_name_requested": "Kim Minh Tuấn",
            "nationality_ids": [Command.set(cls.env.ref("base.kr").ids)],
        }
        vals.update(values)
        dossier = cls.make_dossier("naturalization", company=company, user=reception, **vals)
        dossier.action_receive()
        cls.complete_checklist(dossier)
        dossier.write({"fee_paid": True})
        dossier.action_accept()
        as_officer = cls.as_user(dossier, officer)
        while dossier.stage_id.code != "committee_review":
            as_officer.action_complete_stage()
        dossier.user_id = officer
        return dossier

    @classmethod
    def attach_file(cls, dossier, user, name, content):
        """Upload a file on the first checklist line of ``dossier``."""
        line = dossier.document_ids[:1]
        attachment = cls.as_user(cls.env["ir.attachment"], user).create(
            {
                "name": name,
                "raw": content,
                "res_model": "nationality.dossier.document",
                "res_id": line.id,
            }
        )
        cls.as_user(line, user).write({"attachment_ids": [Command.link(attachment.id)]})
        return attachment

    @staticmethod
    def year_only(year):
        return {"birth_date": date(year, 1, 1), "birth_date_precision": "year"}


class EdxmlCase(LettersCase):
    """Letters signed and exported as edXML messages, imported back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Edxml = cls.env["nationality.edxml"]

    def signed_letter(self, **values):
        vals = {
            "letter_date": date(2031, 3, 2),
            "date_due": date(2031, 3, 16),
            "letter_type": "lookup_request",
            "subject": "V/v xác minh quốc tịch Việt Nam của ông Nguyễn Văn Đức",
            "body": "<p>Đề nghị Cục xác minh.</p>",
        }
        vals.update(values)
        letter = self.new_letter(self.hn_officer, **vals)
        attachment = self.as_user(self.env["ir.attachment"], self.hn_officer).create(
            {
                "name": "Công văn 01-STP-HCTP.pdf",
                "raw": PDF,
                "mimetype": "application/pdf",
                "res_model": "nationality.letter",
                "res_id": letter.id,
            }
        )
        person = {
            "full_name": "Nguyễn Văn Đức",
            "birth_date_display": "1957",
            "dossier_code": "000.00.21.H26-310302-0001",
        }
        letter.write(
            {
                "attachment_ids": [Command.set(attachment.ids)],
                "person_ids": [Command.create(person)],
            }
        )
        letter.action_sign_and_send()
        return letter

    def export(self, letter):
        return self.as_user(self.Edxml, self.hn_officer)._build_message(letter)

    def import_as(self, user, data):
        return self.as_user(self.Edxml, user)._import_message(data)

    def forget(self, letter):
        """Drop the letter from this database, as if its message came from
        another installation: the receiving system never saw the record, and
        its issuer does not work in this system (a message claiming to come
        from an agency that works here is refused)."""
        issuer = letter.issuing_agency_id
        with workflow_transition():
            letter.sudo().write({"state": "draft"})
        letter.sudo().unlink()
        self.leave_the_system(issuer)

    def leave_the_system(self, agency):
        """``agency`` no longer has a company in this database."""
        self.env["res.company"].sudo().search([("nationality_agency_id", "=", agency.id)]).write(
            {"nationality_agency_id": False}
        )
        agency.sudo().company_id = False

    def counts(self):
        return (
            self.Letter.sudo().search_count([]),
            self.env["ir.attachment"]
            .sudo()
            .search_count([("res_model", "=", "nationality.letter")]),
        )

    def assert_refused(self, data, message, user=None):
        before = self.counts()
        with self.assertRaisesRegex(UserError, message):
            self.import_as(user or self.cuc_officer, data)
        self.assertEqual(self.counts(), before)
