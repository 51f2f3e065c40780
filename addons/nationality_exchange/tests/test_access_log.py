# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The personal data access log in the exchange: opening and exporting
nationality records, every registry search with its criteria and reason,
letters that carry dossiers to another agency, and downloads of their files."""

import json
import unicodedata
import xmlrpc.client

import psycopg2

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .api_common import API, ApiCase
from .letters_common import PDF, LettersCase
from .lookups_common import LookupCase

PURPOSE = "Xác minh quốc tịch theo Điều 11 Nghị định 16/2020/NĐ-CP"


class AccessLogMixin:
    def last_log_id(self):
        log = self.env["nationality.access.log"].sudo()
        return log.search([], order="id desc", limit=1).id or 0

    def new_lines(self, since, **where):
        domain = [("id", ">", since)] + [(key, "=", value) for key, value in where.items()]
        return self.env["nationality.access.log"].sudo().search(domain, order="id")


@tagged("post_install", "-at_install")
class TestRegistryAccessLog(AccessLogMixin, LookupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["nationality.access.log"]
        cls.target = cls.record_named(cls, "Nguyễn Văn Bình", "2345/QĐ-CTN")
        cls.Wizard = cls.env["nationality.record.search.wizard"]
        cls.Request = cls.env["nationality.lookup.request"]

    def test_opening_a_record_is_logged_once(self):
        since = self.last_log_id()
        self.as_user(self.target, self.cuc_officer).web_read({"full_name": {}})
        line = self.new_lines(since)
        self.assertEqual(len(line), 1)
        self.assertEqual(line.action, "open")
        self.assertEqual(line.user_id, self.cuc_officer)
        self.assertLess(abs((fields.Datetime.now() - line.access_date).total_seconds()), 60)
        self.assertEqual((line.res_model, line.res_id), ("nationality.record", self.target.id))
        self.assertIn("Nguyễn Văn Bình", line.record_name)
        # The registry is the Ministry's data.
        self.assertEqual(line.company_id, self.ministry)
        self.assertEqual(line.user_company_id, self.ministry)
        self.assertFalse(line.ip_address)  # no HTTP request here
        # Reading a list of records is not opening one: one "list" line.
        others = self.Record.search([], limit=3)
        self.as_user(others, self.cuc_officer).web_read({"full_name": {}})
        lines = self.new_lines(since)
        self.assertEqual(lines.mapped("action"), ["open", "list"])
        self.assertEqual(json.loads(lines[1].details)["ids"], others.ids)

    def test_bulk_reads_of_the_registry_are_logged(self):
        records = self.target | self.Record.search([("id", "!=", self.target.id)], limit=1)
        self.assertEqual(len(records), 2)
        Record = self.as_user(self.env["nationality.record"], self.cuc_officer)
        since = self.last_log_id()
        rows = Record.search_read([("id", "in", records.ids)], ["full_name", "id_number"])
        self.assertEqual(len(rows), 2)
        Record.browse(records.ids).read(["full_name", "id_number"])
        lines = self.new_lines(since)
        self.assertEqual(lines.mapped("action"), ["list", "list"])
        self.assertEqual(lines.company_id, self.ministry)
        self.assertEqual(json.loads(lines[0].details)["fields"], ["full_name", "id_number"])
        # Grouping by names, or aggregating them, lists them as well...
        since = self.last_log_id()
        groups = Record.read_group(
            [("id", "in", records.ids)], ["full_name:array_agg"], ["event_type"]
        )
        self.assertIn(records[1].full_name, str(groups))
        line = self.new_lines(since)
        self.assertEqual((line.action, line.res_model), ("list", "nationality.record"))
        self.assertEqual(json.loads(line.details)["personal_fields"], ["full_name"])
        # ...but counting the records per kind of event shows nobody.
        since = self.last_log_id()
        Record.read_group([("id", "in", records.ids)], ["__count"], ["event_type"])
        Record.web_read_group([], ["__count"], ["event_type", "decision_date:year"])
        self.assertFalse(self.new_lines(since))

    def test_exports_are_logged_with_fields_and_count(self):
        self.cuc_officer.groups_id = [Command.link(self.env.ref("base.group_allow_export").id)]
        records = self.target | self.record_named("Nguyễn Văn Bình", "918/QĐ-CTN")
        self.assertEqual(len(records), 2)
        since = self.last_log_id()
        self.as_user(records, self.cuc_officer).export_data(["full_name", "id_number"])
        lines = self.new_lines(since)
        self.assertEqual(lines.mapped("action"), ["export", "export"])
        self.assertEqual(set(lines.mapped("res_id")), set(records.ids))
        details = json.loads(lines[0].details)
        self.assertEqual(details, {"fields": ["full_name", "id_number"], "count": 2})
        self.assertEqual(lines.company_id, self.ministry)

        reference = self.Request.with_user(self.berlin_user).api_submit(
            {"purpose": PURPOSE, "persons": [{"full_name": "Lê Minh Tuấn"}]}
        )
        request = self.Request.search([("name", "=", reference)])
        since = self.last_log_id()
        self.as_user(request.person_ids, self.cuc_officer).export_data(["full_name"])
        line = self.new_lines(since)
        self.assertEqual(
            (line.action, line.res_model, line.res_id),
            ("export", "nationality.lookup.person", request.person_ids.id),
        )
        self.assertEqual(line.company_id, self.ministry)
        since = self.last_log_id()
        self.as_user(request, self.cuc_officer).export_data(["name", "person_ids/full_name"])
        line = self.new_lines(since)
        self.assertEqual((line.action, line.res_model), ("export", "nationality.lookup.request"))
        self.assertIn("person_ids/full_name", line.details)

    def test_the_search_form_asks_for_the_reason_and_logs_the_criteria(self):
        Wizard = self.Wizard.with_user(self.hn_officer)
        criteria = {"name": unicodedata.normalize("NFD", "Văn  Bình Nguyễn"), "birth_date": "1978"}
        since = self.last_log_id()
        with self.assertRaisesRegex(UserError, "purpose or legal basis"):
            Wizard.create({**criteria, "reason": "   "}).action_search()
        self.assertFalse(self.new_lines(since))

        wizard = Wizard.create({**criteria, "reason": "Hồ sơ HN-2026-000123"})
        wizard.action_search()
        self.assertEqual(wizard.line_ids[0].record_id, self.target)
        line = self.new_lines(since)
        self.assertEqual(len(line), 1)
        self.assertEqual(line.action, "lookup")
        self.assertEqual(line.user_id, self.hn_officer)
        self.assertEqual(line.user_company_id, self.stp_hn)
        self.assertEqual(line.company_id, self.ministry)
        self.assertEqual((line.res_model, line.res_id), ("nationality.record", 0))
        self.assertEqual(line.reason, "Hồ sơ HN-2026-000123")
        self.assertEqual(line.record_name, "Registry search: Văn Bình Nguyễn, 1978")
        details = json.loads(line.details)
        # The criteria as searched: Unicode NFC, single spaces, the year alone.
        self.assertEqual(details["criteria"], {"name": "Văn Bình Nguyễn", "birth_date": "1978"})
        self.assertEqual(details["found"], len(wizard.line_ids))
        self.assertEqual(details["record_ids"], wizard.line_ids.record_id.ids)
        # Each search is one line.
        wizard.action_search()
        self.assertEqual(len(self.new_lines(since)), 2)
        # Control characters in the reason are refused.
        wizard.reason = "Hồ sơ\u202e"
        with self.assertRaises(ValidationError):
            wizard.action_search()

    def test_lookup_request_searches_use_the_reference_as_reason(self):
        reference = self.Request.with_user(self.berlin_user).api_submit(
            {
                "purpose": PURPOSE,
                "persons": [
                    {"full_name": "Nguyen Van Binh", "birth_date": "15/06/1978"},
                    {"full_name": "Lê Minh Tuấn", "birth_date": "1979"},
                ],
            }
        )
        request = self.Request.search([("name", "=", reference)])
        since = self.last_log_id()
        self.as_user(request, self.cuc_officer).action_search_registry()
        lines = self.new_lines(since, action="lookup")
        self.assertEqual(len(lines), 2)
        self.assertEqual(set(lines.mapped("reason")), {reference})
        self.assertEqual(lines.user_id, self.cuc_officer)
        names = [json.loads(line.details)["criteria"]["name"] for line in lines]
        self.assertEqual(names, ["Nguyen Van Binh", "Lê Minh Tuấn"])

    def test_api_search_takes_an_optional_purpose(self):
        Record = self.Record.with_user(self.berlin_user)
        since = self.last_log_id()
        matches = Record.api_search({"name": "Nguyen Van Binh", "birth_date": "1978"}, limit=3)
        self.assertEqual(matches[0]["full_name"], "Nguyễn Văn Bình")
        Record.api_search({"name": "Nguyen Van Binh", "purpose": f"  {PURPOSE}  "})
        first, second = self.new_lines(since)
        self.assertEqual((first.user_id, first.reason), (self.berlin_user, False))
        self.assertEqual(second.reason, PURPOSE)
        self.assertNotIn("purpose", json.loads(second.details)["criteria"])
        for purpose, message in (
            ("Lý do\u202e", "control or invisible formatting characters"),
            ("x" * 501, "purpose is too long: 501 characters, at most 500"),
            (["lý do"], "purpose must be a text"),
        ):
            with self.assertRaisesRegex(ValidationError, message):
                Record.api_search({"name": "Nguyen Van Binh", "purpose": purpose})
        self.assertEqual(len(self.new_lines(since)), 2)

    def test_leaders_read_the_lookups_of_their_staff_and_of_the_registry(self):
        since = self.last_log_id()
        self.search_registry(self.cuc_officer, name="Nguyen Van Binh")
        self.search_registry(self.hn_officer, name="Tran Thi Ngoc Anh")
        self.Record.with_user(self.berlin_user).api_search({"name": "Le Duc Dat"})
        lines = self.new_lines(since)
        self.assertEqual(lines.mapped("action"), ["lookup"] * 3)
        cuc, hn, berlin = lines

        seen_by_cuc_leader = self.as_user(self.Log, self.cuc_leader).search(
            [("id", "in", lines.ids)]
        )
        self.assertEqual(seen_by_cuc_leader, lines)
        # The leader filters the lookups of one user.
        self.assertEqual(
            self.as_user(self.Log, self.cuc_leader).search(
                [
                    ("id", "in", lines.ids),
                    ("action", "=", "lookup"),
                    ("user_id", "=", berlin.user_id.id),
                ]
            ),
            berlin,
        )
        # A Department's leader sees the lookups of its own staff only.
        seen_by_hn_leader = self.as_user(self.Log, self.hn_leader).search([("id", "in", lines.ids)])
        self.assertEqual(seen_by_hn_leader, hn)
        self.assertNotIn(cuc, seen_by_hn_leader)
        with self.assertRaises(AccessError):
            self.as_user(self.Log, self.cuc_officer).search([])

    def test_lookup_lines_cannot_be_changed(self):
        since = self.last_log_id()
        self.search_registry(self.cuc_officer, name="Nguyen Van Binh")
        line = self.new_lines(since)
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(AccessError):
            line.with_user(admin).write({"reason": "sửa lại"})
        with self.assertRaises(AccessError):
            line.with_user(admin).unlink()
        with self.assertRaises(AccessError):
            self.as_user(self.Log, self.cuc_leader).browse(line.id).write({"details": "{}"})
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.Error), self.env.cr.savepoint():
            self.env.cr.execute("DELETE FROM nationality_access_log WHERE id = %s", [line.id])


@tagged("post_install", "-at_install")
class TestLetterAccessLog(AccessLogMixin, LettersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kim = cls.dossier_at_committee()
        cls.hoa = cls.dossier_at_committee(
            full_name="Wang Li Hua", vietnamese_name_requested="Vương Lệ Hoa"
        )

    def forward(self, dossiers):
        return self.as_user(dossiers, self.hn_officer)._forward_to_ministry(self.agency_ministry)

    def test_sending_a_proposal_logs_each_dossier_sent(self):
        since = self.last_log_id()
        letter = self.forward(self.kim | self.hoa)
        lines = self.new_lines(since, action="send")
        self.assertEqual(len(lines), 2)
        self.assertEqual(set(lines.mapped("dossier_res_id")), {self.kim.id, self.hoa.id})
        self.assertEqual(lines.user_id, self.hn_officer)
        self.assertEqual(lines.company_id, self.stp_hn)
        details = json.loads(lines[0].details)
        self.assertEqual(details["letter"], letter.name)
        self.assertEqual(details["document_id"], letter.document_id)
        self.assertEqual(details["to"], ["000.00.12.G12"])
        self.assertEqual(details["event"], "signed_and_sent")

        since = self.last_log_id()
        self.as_user(letter, self.hn_officer).action_export_edxml()
        lines = self.new_lines(since)
        self.assertEqual(lines.mapped("action"), ["send", "send"])
        details = json.loads(lines[0].details)
        self.assertEqual(details["event"], "edxml_exported")
        self.assertTrue(details["file"].endswith(".xml"))

    def test_the_ministry_answer_is_logged_too(self):
        proposal = self.forward(self.kim)
        proposal = self.as_user(proposal, self.cuc_officer)
        proposal.action_register_receipt()
        since = self.last_log_id()
        kim = self.as_user(self.kim, self.cuc_officer)
        answer = proposal._request_documents([(kim, kim.document_ids[:1], "")])
        line = self.new_lines(since, action="send")
        self.assertEqual(len(line), 1)
        self.assertEqual((line.user_id, line.dossier_res_id), (self.cuc_officer, self.kim.id))
        self.assertEqual(json.loads(line.details)["document_id"], answer.document_id)

    def test_a_letter_without_personal_data_is_not_logged(self):
        letter = self.new_letter(self.hn_officer)
        since = self.last_log_id()
        letter.action_sign_and_send()
        self.assertFalse(self.new_lines(since))


@tagged("post_install", "-at_install")
class TestLetterDownloadLog(AccessLogMixin, HttpCase, LettersCase):
    def test_downloads_of_letter_files_are_logged_per_dossier(self):
        kim = self.dossier_at_committee()
        scan = self.attach_file(kim, self.hn_reception, "Đơn xin nhập quốc tịch.pdf", PDF)
        letter = self.as_user(kim, self.hn_officer)._forward_to_ministry(self.agency_ministry)
        persons_list = letter.attachment_ids.filtered(lambda item: item.name.endswith(".xlsx"))
        self.assertEqual(len(persons_list), 1)
        self.authenticate(self.cuc_officer.login, self.cuc_officer.login)

        since = self.last_log_id()
        response = self.url_open(f"/web/content/{persons_list.id}?download=true")
        self.assertEqual(response.status_code, 200)
        line = self.new_lines(since)
        self.assertEqual(len(line), 1)
        self.assertEqual(line.action, "download")
        self.assertEqual((line.res_model, line.res_id), ("nationality.dossier", kim.id))
        self.assertEqual(line.user_id, self.cuc_officer)
        self.assertEqual(line.ip_address, "127.0.0.1")
        details = json.loads(line.details)
        self.assertEqual((details["letter"], details["file"]), (letter.name, persons_list.name))

        # The dossier's own files in the proposal are logged by the dossier.
        since = self.last_log_id()
        response = self.url_open(f"/web/content/{scan.id}?download=true")
        self.assertEqual(response.status_code, 200)
        line = self.new_lines(since)
        self.assertEqual(len(line), 1)
        self.assertEqual((line.action, line.dossier_res_id), ("download", kim.id))


@tagged("post_install", "-at_install")
class TestApiAccessLog(AccessLogMixin, ApiCase):
    def test_api_searches_are_logged_with_the_address_and_purpose(self):
        since = self.last_log_id()
        matches = self.rpc(
            self.berlin_user,
            "nationality.record",
            "api_search",
            {"name": "Van Binh Nguyen", "birth_date": "1978", "purpose": PURPOSE},
            limit=2,
        )
        line = self.new_lines(since)
        self.assertEqual(len(line), 1)
        self.assertEqual((line.action, line.user_id), ("lookup", self.berlin_user))
        self.assertEqual(line.reason, PURPOSE)
        self.assertEqual(line.ip_address, "127.0.0.1")
        self.assertEqual(line.company_id, self.ministry)
        details = json.loads(line.details)
        self.assertEqual(details["criteria"], {"name": "Van Binh Nguyen", "birth_date": "1978"})
        self.assertEqual(details["record_ids"], [match["id"] for match in matches])

        since = self.last_log_id()
        response = self.call(
            "POST",
            f"{API}/records/search",
            self.berlin_user,
            {"criteria": {"id_number": "036 078 004 321"}, "limit": 1},
        )
        self.assertEqual(response.status_code, 200, response.text)
        line = self.new_lines(since)
        self.assertEqual(
            (line.action, line.ip_address, line.reason), ("lookup", "127.0.0.1", False)
        )
        self.assertEqual(json.loads(line.details)["criteria"], {"id_numbers": ["036078004321"]})

        # A refused search is not a lookup: nothing is logged.
        since = self.last_log_id()
        response = self.call(
            "POST", f"{API}/records/search", self.berlin_user, {"criteria": {"name": "N"}}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.new_lines(since))
        # The internal search is not callable over RPC.
        with self.assertRaises(xmlrpc.client.Fault):
            self.rpc(
                self.berlin_user, "nationality.record", "registry_search", {"name": "Le Duc Dat"}
            )
        self.assertFalse(self.new_lines(since))
