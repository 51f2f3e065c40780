# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import NationalityCase

RECEIPT = "nationality_dossier.action_report_dossier_receipt"


@tagged("post_install", "-at_install")
class TestAccessLog(NationalityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["nationality.access.log"]
        cls.hn_dossier = cls.make_dossier("nationality_certificate", full_name="Phạm Thị Thu Trang")
        cls.hcm_dossier = cls.make_dossier(
            "nationality_certificate",
            company=cls.stp_hcm,
            user=cls.hcm_officer,
            full_name="Võ Thị Kim Loan",
        )

    def _lines(self, dossier):
        return self.Log.sudo().search(
            [("res_model", "=", "nationality.dossier"), ("res_id", "=", dossier.id)]
        )

    def test_opening_a_dossier_is_logged_with_who_and_where(self):
        self.assertFalse(self._lines(self.hn_dossier))
        self.as_user(self.hn_dossier, self.hn_officer).web_read({"full_name": {}})
        line = self._lines(self.hn_dossier)
        self.assertEqual(len(line), 1)
        self.assertEqual(line.user_id, self.hn_officer)
        self.assertEqual(line.action, "open")
        self.assertEqual(line.company_id, self.stp_hn)
        self.assertEqual(line.user_company_id, self.stp_hn)
        self.assertEqual(line.dossier_res_id, self.hn_dossier.id)
        self.assertIn("Phạm Thị Thu Trang", line.record_name)

    def test_export_is_logged_with_the_fields(self):
        self.hn_leader.groups_id = [(4, self.env.ref("base.group_allow_export").id)]
        dossiers = self.as_user(self.hn_dossier, self.hn_leader)
        dossiers.export_data(["name", "full_name", "id_document_number"])
        line = self._lines(self.hn_dossier)
        self.assertEqual(line.action, "export")
        self.assertIn("id_document_number", line.details)

    def test_printing_is_logged(self):
        dossier = self.hn_dossier
        self.complete_checklist(dossier)
        dossier.write({"fee_paid": True})
        dossier.action_receive()
        dossier.action_accept()
        self.env["ir.actions.report"].with_user(self.hn_reception).with_context(
            allowed_company_ids=self.stp_hn.ids
        )._render_qweb_html(RECEIPT, dossier.ids)
        self.assertEqual(self._lines(dossier).mapped("action"), ["print"])

    def test_the_log_cannot_be_changed_or_deleted(self):
        self.as_user(self.hn_dossier, self.hn_officer).web_read({"full_name": {}})
        line = self._lines(self.hn_dossier)
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(AccessError):
            line.with_user(admin).write({"reason": "sửa"})
        with self.assertRaises(AccessError):
            line.with_user(admin).unlink()
        with self.assertRaises(AccessError):
            self.Log.with_user(admin).create(
                {
                    "action": "open",
                    "res_model": "x",
                    "user_id": admin.id,
                    "access_date": "2026-01-01",
                }
            )
        # Not even SQL can rewrite history.
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.Error), self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE nationality_access_log SET reason = 'x' WHERE id = %s", [line.id]
            )

    def test_leaders_read_their_agency_only(self):
        self.as_user(self.hn_dossier, self.hn_officer).web_read({"full_name": {}})
        self.as_user(self.hcm_dossier, self.hcm_officer).web_read({"full_name": {}})
        seen_by_hn_leader = self.as_user(self.Log, self.hn_leader).search([])
        self.assertIn(self.hn_dossier.id, seen_by_hn_leader.mapped("res_id"))
        self.assertNotIn(self.hcm_dossier.id, seen_by_hn_leader.mapped("res_id"))
        # Officers do not read the log at all.
        with self.assertRaises(AccessError):
            self.as_user(self.Log, self.hn_officer).search([])


@tagged("post_install", "-at_install")
class TestAccessLogDownload(HttpCase):
    def test_downloading_a_document_is_logged_with_the_ip(self):
        dossier = self.env["nationality.dossier"].create(
            {
                "procedure_id": self.env.ref("nationality_dossier.procedure_origin_certificate").id,
                "full_name": "Lê Hoàng Phúc",
                "id_document_type": "passport",
                "id_document_number": "C7654321",
            }
        )
        officer = self.env["res.users"].create(
            {
                "name": "Cán bộ thụ lý",
                "login": "t.download.officer",
                "password": "t.download.officer",
                "company_id": dossier.company_id.id,
                "company_ids": [(6, 0, dossier.company_id.ids)],
                "groups_id": [
                    (6, 0, [self.env.ref("nationality_dossier.group_processing_officer").id])
                ],
            }
        )
        line = dossier.document_ids[:1]
        attachment = self.env["ir.attachment"].create(
            {"name": "ho-chieu.pdf", "raw": b"%PDF-1.4 test", "mimetype": "application/pdf"}
        )
        line.write({"attachment_ids": [(4, attachment.id)]})
        self.assertEqual((attachment.res_model, attachment.res_id), (line._name, line.id))
        self.authenticate("t.download.officer", "t.download.officer")
        response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertEqual(response.status_code, 200)
        log = (
            self.env["nationality.access.log"]
            .sudo()
            .search([("res_model", "=", line._name), ("res_id", "=", line.id)])
        )
        self.assertEqual(log.action, "download")
        self.assertEqual(log.user_id, officer)
        self.assertEqual(log.dossier_res_id, dossier.id)
        self.assertEqual(log.ip_address, "127.0.0.1")
