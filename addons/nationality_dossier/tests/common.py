# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib
from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user

# The codes of the six nationality procedures: stable, other systems use them.
PROCEDURE_CODES = {
    "naturalization",
    "restoration",
    "renunciation",
    "nationality_certificate",
    "origin_certificate",
    "foreign_nationality_notice",
}


class NationalityCase(TransactionCase):
    """Two Departments of Justice, the Ministry, and a user per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The assertions compare the English source messages, whatever the
        # database's default language (the test database loads Vietnamese).
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        env = cls.env
        cls.agency_hn = env.ref("nationality_dossier.agency_stp_01")
        cls.agency_hn.code = "000.00.21.H26"
        cls.agency_hcm = env.ref("nationality_dossier.agency_stp_79")
        cls.agency_hcm.code = "000.00.21.H29"
        cls.stp_hn = env["res.company"].create(
            {
                "name": "Sở Tư pháp thành phố Hà Nội (test)",
                "nationality_agency_id": cls.agency_hn.id,
                "nationality_place_name": "Hà Nội",
            }
        )
        cls.stp_hcm = env["res.company"].create(
            {
                "name": "Sở Tư pháp Thành phố Hồ Chí Minh (test)",
                "nationality_agency_id": cls.agency_hcm.id,
                "nationality_place_name": "Thành phố Hồ Chí Minh",
            }
        )
        cls.agency_ministry = env.ref("nationality_dossier.agency_ministry")
        cls.ministry = env["res.company"].create(
            {
                "name": "Cục Hành chính tư pháp (test)",
                "nationality_agency_id": cls.agency_ministry.id,
            }
        )

        user = cls.make_user
        g = "nationality_dossier.group_"
        cls.hn_reception = user("t.hn.reception", cls.stp_hn, g + "reception_officer")
        cls.hn_officer = user("t.hn.officer", cls.stp_hn, g + "processing_officer")
        cls.hn_leader = user("t.hn.leader", cls.stp_hn, g + "stp_leader")
        cls.hcm_officer = user("t.hcm.officer", cls.stp_hcm, g + "processing_officer")
        cls.cuc_officer = user("t.cuc.officer", cls.ministry, g + "ministry_officer")
        cls.cuc_leader = user("t.cuc.leader", cls.ministry, g + "ministry_leader")
        cls.plain_user = user("t.plain", cls.stp_hn, "base.group_user")
        cls.procedures = {p.code: p for p in env["nationality.procedure"].search([])}

    @classmethod
    def make_user(cls, login, company, groups):
        """A user of one agency, in Vietnam's time zone, reading English messages
        (the assertions compare the English source texts)."""
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            name=login,
            tz="Asia/Ho_Chi_Minh",
            lang="en_US",
        )

    @classmethod
    def make_dossier(cls, code, company=None, user=None, **values):
        company = company or cls.stp_hn
        vals = {
            "procedure_id": cls.procedures[code].id,
            "company_id": company.id,
            "full_name": "Nguyễn Thị Hồng Nhung",
            "gender": "female",
            "birth_date": date(1988, 4, 12),
            "birth_place": "Xã Đông Anh, huyện Đông Anh, Hà Nội",
            "id_document_type": "passport",
            "id_document_number": "C1234567",
        }
        vals.update(values)
        return cls.as_user(cls.env["nationality.dossier"], user or cls.hn_reception).create(vals)

    @contextlib.contextmanager
    def assertRefused(self, reason):
        """The block raises a ValidationError matching ``reason`` and is rolled
        back (Odoo's assertRaises has the savepoint that assertRaisesRegex
        lacks)."""
        with self.assertRaises(ValidationError) as caught:
            yield
        self.assertRegex(str(caught.exception), reason)

    @staticmethod
    def as_user(records, user):
        """``records`` as ``user`` sees them in the web client: all their companies allowed."""
        return records.with_user(user).with_context(allowed_company_ids=user.company_ids.ids)

    @staticmethod
    def complete_checklist(dossier):
        """Give every blocking checklist line a copy and show the original."""
        for line in dossier.document_ids.filtered("is_blocking"):
            line.write({"copies_received": max(line.copies_required, 1), "original_seen": True})
