# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

import psycopg2

from odoo import SUPERUSER_ID, Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..tools.pdf import text_pdf
from .common import NationalityCase
from .common_workflow import NationalityWorkflowCase

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

    def _since(self):
        return self.Log.sudo().search([], order="id desc", limit=1).id or 0

    def _new_lines(self, since):
        return self.Log.sudo().search([("id", ">", since)], order="id")

    def test_bulk_reads_are_logged_once_per_call(self):
        second = self.make_dossier(
            "nationality_certificate",
            full_name="Đỗ Minh Quân",
            member_ids=[
                Command.create({"relation": "spouse", "full_name": "Hoàng Thị Mai"}),
                Command.create({"relation": "father", "full_name": "Đỗ Văn Hùng"}),
            ],
        )
        both = self.hn_dossier | second
        Dossier = self.as_user(self.env["nationality.dossier"], self.hn_officer)
        since = self._since()
        rows = Dossier.search_read(
            [("id", "in", both.ids)], ["full_name", "id_document_number", "birth_date"]
        )
        self.assertEqual(len(rows), 2)
        line = self._new_lines(since)
        self.assertEqual(len(line), 1)
        self.assertEqual((line.action, line.user_id), ("list", self.hn_officer))
        self.assertEqual((line.res_model, line.company_id), ("nationality.dossier", self.stp_hn))
        details = json.loads(line.details)
        self.assertEqual(set(details["ids"]), set(both.ids))
        self.assertEqual(details["fields"], ["full_name", "id_document_number", "birth_date"])
        self.assertEqual(details["count"], 2)

        # A list view: one line, not one per row, nor another for the read inside.
        since = self._since()
        Dossier.web_search_read([("id", "in", both.ids)], {"full_name": {}, "name": {}})
        line = self._new_lines(since)
        self.assertEqual(line.mapped("action"), ["list"])
        self.assertEqual(set(json.loads(line.details)["ids"]), set(both.ids))

        # An RPC read of one dossier opens it, with the fields read.
        since = self._since()
        Dossier.browse(second.id).read(["id_document_number"])
        line = self._new_lines(since)
        self.assertEqual((line.action, line.res_id), ("open", second.id))
        self.assertEqual(json.loads(line.details), {"fields": ["id_document_number"]})

        # Opening the form reads the family and the checklist too: one line.
        since = self._since()
        self.as_user(second, self.hn_officer).web_read(
            {
                "full_name": {},
                "member_ids": {"fields": {"full_name": {}, "birth_date": {}}},
                "document_ids": {"fields": {"name": {}}},
            }
        )
        self.assertEqual(self._new_lines(since).mapped("action"), ["open"])

        # Family members and checklist lines read in bulk.
        since = self._since()
        self.as_user(second.member_ids, self.hn_officer).read(["full_name", "birth_date"])
        self.as_user(self.env["nationality.dossier.document"], self.hn_officer).search_read(
            [("dossier_id", "=", second.id)], ["name", "attachment_ids"]
        )
        lines = self._new_lines(since)
        self.assertEqual(
            lines.mapped("res_model"),
            ["nationality.dossier.member", "nationality.dossier.document"],
        )
        self.assertEqual(lines.mapped("action"), ["list", "list"])
        self.assertEqual(lines.mapped("dossier_res_id"), [second.id, second.id])

    def test_lists_are_logged_per_department_holding_the_data(self):
        admin = self.env.ref("base.user_admin")
        both = self.hn_dossier | self.hcm_dossier
        since = self._since()
        self.as_user(self.env["nationality.dossier"], admin).search_read(
            [("id", "in", both.ids)], ["full_name"]
        )
        lines = self._new_lines(since)
        self.assertEqual(lines.mapped("action"), ["list", "list"])
        self.assertEqual(set(lines.company_id), {self.stp_hn, self.stp_hcm})
        # Each department's leader sees what was read of its data.
        seen = self.as_user(self.Log, self.hn_leader).search([("id", "in", lines.ids)])
        self.assertEqual(seen.company_id, self.stp_hn)

    def test_grouping_by_personal_data_is_logged(self):
        Dossier = self.as_user(self.env["nationality.dossier"], self.hn_officer)
        since = self._since()
        groups = Dossier.read_group(
            [("id", "=", self.hn_dossier.id)],
            ["__count"],
            ["full_name", "birth_date:day"],
            lazy=False,
        )
        self.assertIn("Phạm Thị Thu Trang", str(groups))
        Dossier.read_group([], ["id_document_number:array_agg"], [])
        lines = self._new_lines(since)
        self.assertEqual(lines.mapped("action"), ["list", "list"])
        self.assertEqual(lines.user_id, self.hn_officer)
        self.assertEqual(lines.company_id, self.stp_hn)
        self.assertEqual(
            [json.loads(line.details)["personal_fields"] for line in lines],
            [["birth_date", "full_name"], ["id_document_number"]],
        )
        # The creator of a dossier filed online is its applicant.
        since = self._since()
        Dossier.read_group([], ["__count"], ["create_uid"])
        line = self._new_lines(since)
        self.assertEqual(json.loads(line.details)["personal_fields"], ["create_uid"])
        # The leader's dashboard (by procedure, stage, month) shows nobody.
        since = self._since()
        Dossier.web_read_group([], ["__count"], ["procedure_id", "state"], lazy=False)
        Dossier.read_group([], ["days_left:avg"], ["date_filed:month", "is_overdue"])
        self.assertFalse(self._new_lines(since))

    def test_reads_by_the_system_are_not_logged(self):
        since = self._since()
        self.hn_dossier.sudo().read(["full_name"])
        self.env["nationality.dossier"].sudo().search_read([], ["full_name"], limit=5)
        self.hn_dossier.with_user(SUPERUSER_ID).read(["full_name"])
        # Only the ids: nothing was read.
        self.as_user(self.hn_dossier, self.hn_officer).web_read({"id": {}})
        self.assertFalse(self._new_lines(since))

    def test_reading_a_files_content_is_a_download(self):
        line = self.hn_dossier.document_ids[:1]
        attachment = self.env["ir.attachment"].create(
            {"name": "ho-chieu-pham-thi-thu-trang.pdf", "raw": text_pdf(["Ho chieu"])}
        )
        line.write({"attachment_ids": [Command.link(attachment.id)]})
        Attachment = self.as_user(self.env["ir.attachment"], self.hn_officer)
        since = self._since()
        Attachment.browse(attachment.id).read(["name", "mimetype", "file_size"])
        # The web client asks for the size only.
        Attachment.browse(attachment.id).with_context(bin_size=True).read(["datas"])
        attachment.sudo().read(["datas"])
        self.assertFalse(self._new_lines(since))
        Attachment.browse(attachment.id).read(["datas"])
        Attachment.search_read([("id", "=", attachment.id)], ["name", "raw"])
        lines = self._new_lines(since)
        self.assertEqual(lines.mapped("action"), ["download", "download"])
        self.assertEqual(set(lines.mapped("res_model")), {"nationality.dossier.document"})
        self.assertEqual(set(lines.mapped("res_id")), {line.id})
        self.assertEqual(set(lines.mapped("dossier_res_id")), {self.hn_dossier.id})
        self.assertEqual(lines.user_id, self.hn_officer)

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
            {"name": "ho-chieu.pdf", "raw": text_pdf(["Ho chieu"]), "mimetype": "application/pdf"}
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

    def test_lists_and_rpc_reads_are_logged_on_a_read_write_cursor(self):
        company = self.env.company
        dossiers = self.env["nationality.dossier"].create(
            [
                {
                    "procedure_id": self.env.ref("nationality_dossier.procedure_restoration").id,
                    "full_name": name,
                    "id_document_type": "citizen_id",
                    "id_document_number": number,
                }
                for name, number in (
                    ("Trần Văn Hải", "001080023456"),
                    ("Phạm Thị Ngọc Ánh", "079185001234"),
                )
            ]
        )
        officer = self.env["res.users"].create(
            {
                "name": "Cán bộ một cửa",
                "login": "t.list.officer",
                "password": "t.list.officer",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [
                    Command.set([self.env.ref("nationality_dossier.group_reception_officer").id])
                ],
            }
        )
        Log = self.env["nationality.access.log"].sudo()
        since = Log.search([], order="id desc", limit=1).id or 0
        domain = [("id", "in", dossiers.ids)]
        self.authenticate("t.list.officer", "t.list.officer")
        # The list view of the web client. Logging writes: the call must not
        # be made on a read-only cursor (then retried, with a warning).
        with self.assertNoLogs("odoo.http", "WARNING"):
            result = self.make_jsonrpc_request(
                "/web/dataset/call_kw/nationality.dossier/web_search_read",
                {
                    "model": "nationality.dossier",
                    "method": "web_search_read",
                    "args": [],
                    "kwargs": {
                        "domain": domain,
                        "specification": {"full_name": {}, "id_document_number": {}},
                    },
                },
            )
        self.assertEqual(result["length"], 2)
        # An integration reading over XML-RPC.
        rows = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            officer.id,
            "t.list.officer",
            "nationality.dossier",
            "search_read",
            [domain],
            {"fields": ["full_name", "id_document_number"]},
        )
        self.assertEqual(len(rows), 2)
        lines = Log.search([("id", ">", since)], order="id")
        self.assertEqual(lines.mapped("action"), ["list", "list"])
        self.assertEqual(lines.user_id, officer)
        self.assertEqual(lines.mapped("ip_address"), ["127.0.0.1", "127.0.0.1"])
        for line in lines:
            self.assertEqual(set(json.loads(line.details)["ids"]), set(dossiers.ids))


@tagged("post_install", "-at_install")
class TestRegisterPrintLog(NationalityWorkflowCase):
    def test_printing_the_register_logs_the_dossiers_listed(self):
        dossier = self.make_dossier("naturalization", full_name="Kim Thị Sổ Lý")
        self.accept(dossier)
        Log = self.env["nationality.access.log"].sudo()
        since = Log.search([], order="id desc", limit=1).id or 0
        Report = self.as_user(self.env["ir.actions.report"], self.hn_leader)
        html, _kind = Report._render_qweb_html(
            "nationality_dossier.report_nationality_register",
            [],
            data={"date_from": "2000-01-01", "date_to": "2099-12-31"},
        )
        self.assertIn("Kim Thị Sổ Lý", html.decode())
        lines = Log.search([("id", ">", since), ("user_id", "=", self.hn_leader.id)])
        self.assertEqual(set(lines.mapped("action")), {"print"})
        listed = set()
        for line in lines:
            details = json.loads(line.details)
            self.assertEqual(
                details["report"], "report.nationality_dossier.report_nationality_register"
            )
            listed |= set(details.get("ids") or [line.res_id])
        self.assertIn(dossier.id, listed)
