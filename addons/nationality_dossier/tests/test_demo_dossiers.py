# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from collections import Counter
from datetime import date

from odoo.addons.nationality_dossier.models.nationality_demo_loader import DEMO_PREFIX
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import PROCEDURE_CODES


@tagged("post_install", "-at_install")
class TestDemoDossiers(TransactionCase):
    """The demo scenarios went through the real workflow (demo data installed)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        data = cls.env["ir.model.data"].search(
            [
                ("module", "=", "nationality_dossier"),
                ("model", "=", "nationality.dossier"),
                ("name", "=like", DEMO_PREFIX + "%"),
            ]
        )
        cls.dossiers = cls.env["nationality.dossier"].browse(data.mapped("res_id"))
        cls.hn = cls.env.ref("nationality_dossier.company_stp_hn", raise_if_not_found=False)
        cls.hcm = cls.env.ref("nationality_dossier.company_stp_hcm", raise_if_not_found=False)

    def setUp(self):
        super().setUp()
        if not self.hn:
            self.skipTest("The demo data of nationality_dossier is not installed.")

    def demo(self, key):
        return self.env.ref(f"nationality_dossier.{DEMO_PREFIX}{key}")

    def as_user(self, records, xmlid):
        user = self.env.ref(f"nationality_dossier.{xmlid}")
        return records.with_user(user).with_context(allowed_company_ids=user.company_ids.ids)

    def test_all_procedures_in_both_departments_and_every_state(self):
        self.assertGreaterEqual(len(self.dossiers), 14)
        for company in (self.hn, self.hcm):
            mine = self.dossiers.filtered(lambda d, company=company: d.company_id == company)
            self.assertEqual(set(mine.mapped("procedure_code")), PROCEDURE_CODES, company.name)
        states = Counter(self.dossiers.mapped("state"))
        for state in (
            "draft",
            "submitted",
            "received",
            "supplement",
            "in_progress",
            "decided",
            "delivered",
            "refused",
            "withdrawn",
        ):
            self.assertIn(state, states)
        decided = self.dossiers.filtered(lambda d: d.state == "decided")
        self.assertEqual(set(decided.mapped("decision_result")), {"granted", "refused"})

    def test_codes_registers_and_stages_are_genuine(self):
        filed = self.dossiers.filtered(lambda d: d.state != "draft")
        for dossier in filed:
            unit = dossier.company_id.nationality_unit_code
            self.assertRegex(dossier.name, rf"^{re.escape(unit)}-\d{{6}}-\d{{4}}$")
            day = dossier.with_context(tz="Asia/Ho_Chi_Minh")._filing_day()
            self.assertEqual(dossier.name.split("-")[1], day.strftime("%y%m%d"))
        accepted = filed.filtered("date_accepted")
        lines = Counter(
            (d.register_id, d.company_id, d.register_year, d.register_number) for d in accepted
        )
        self.assertEqual(max(lines.values()), 1, "a register line is given once")
        self.assertTrue(all(d.register_number for d in accepted))
        for dossier in accepted:
            self.assertTrue(dossier.stage_line_ids)
            self.assertTrue(dossier.date_appointment)
        kim = self.demo("hn_naturalization_kim")
        self.assertEqual(kim.stage_id.code, "ministry_review")
        self.assertEqual(
            kim.stage_line_ids.filtered(lambda line: line.state == "done").mapped("stage_id.code"),
            ["police_request", "police_verification", "stp_submission", "committee_review"],
        )
        self.assertEqual(kim.received_by_id.login, "hn.reception")
        self.assertEqual(kim.create_uid.login, "hn.reception")
        self.assertEqual(kim.user_id.login, "hn.officer")
        self.assertEqual(kim.ministry_user_id.login, "cuc.officer")

    def test_past_days_are_kept(self):
        ngoc = self.demo("hcm_restoration_bich_ngoc")
        self.assertEqual(ngoc.name, "000.00.21.H29-250630-0001")
        # Filed on 30 June 2025 and accepted on 3 July: the 2020 rules stay.
        self.assertEqual(
            ngoc.rule_version_id, self.env.ref("nationality_dossier.rule_restoration_2020")
        )
        self.assertEqual(ngoc.date_accepted.date(), date(2025, 7, 3))
        self.assertEqual(ngoc.paused_working_days, 5)
        self.assertEqual(ngoc.create_date.date(), date(2025, 6, 30))
        first = ngoc.message_ids.sorted("id")[0]
        self.assertEqual(first.date.date(), date(2025, 6, 30))
        self.assertEqual(ngoc.decision_result, "refused")

    def test_realistic_people(self):
        phuc = self.demo("hn_restoration_le_hoang_phuc")
        self.assertEqual(phuc.full_name, "Lê Hoàng Phúc")
        self.assertEqual(phuc.residence_country_id, self.env.ref("base.de"))
        self.assertEqual(phuc.channel, "online")
        lookup = phuc.document_ids.filtered("lookup_done")
        self.assertEqual(lookup.document_type_id.code, "former_nationality_proof")
        self.assertEqual(lookup.lookup_user_id.login, "hn.reception")
        kim = self.demo("hn_naturalization_kim")
        self.assertEqual(kim.vietnamese_name_requested, "Kim Minh Tuấn")
        self.assertEqual(kim.ground_ids, self.env.ref("nationality_dossier.ground_spouse_vn"))
        lao = self.demo("hn_naturalization_lao")
        self.assertEqual(lao.birth_date_display, "1979")
        self.assertEqual(lao.fee_exemption_id.code, "fee_lao_migrant")
        self.assertEqual(lao.fee_amount, 0)
        self.assertEqual(lao.minor_children_count, 1)
        self.assertTrue(lao.document_ids.filtered("requested_in_supplement"))
        stateless = self.demo("hcm_naturalization_stateless")
        self.assertTrue(stateless.stateless)
        naturalizations = self.dossiers.filtered(lambda d: d.procedure_code == "naturalization")
        self.assertNotIn("online", naturalizations.mapped("channel"))
        self.assertEqual(
            set(self.dossiers.mapped("address_scheme")), {"current", "legacy", "abroad"}
        )
        current = self.dossiers.filtered(lambda d: d.address_scheme == "current")
        self.assertEqual(
            set(current.mapped("province_id.code")), {"01", "79"}, "wards of both cities"
        )

    def test_deadline_flags_for_today(self):
        self.dossiers.with_context(tz="Asia/Ho_Chi_Minh")._refresh_deadline_status()
        overdue = self.demo("hn_restoration_le_hoang_phuc")
        self.assertTrue(overdue.is_overdue)
        soon = self.demo("hn_nationality_certificate_huy")
        self.assertTrue(soon.is_due_soon or soon.is_overdue)
        escalation = self.env["mail.activity"].search(
            [
                ("res_model", "=", "nationality.dossier"),
                ("res_id", "=", overdue.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("nationality_dossier.mail_activity_overdue").id,
                ),
            ]
        )
        self.assertEqual(escalation.user_id.login, "hn.leader")
        # Written by the demo before Odoo loads the module's translations,
        # yet in Vietnamese, the stage's name included.
        stage_vi = overdue.current_stage_line_id.stage_id.with_context(lang="vi_VN").name
        self.assertTrue(escalation.summary.startswith("Quá hạn từ ngày"), escalation.summary)
        self.assertIn(stage_vi, escalation.summary)
        note = overdue.message_ids.filtered(lambda m: "báo cáo lãnh đạo" in (m.body or ""))
        self.assertIn(stage_vi, note.body)

    def test_who_sees_which_demo_dossier(self):
        Dossier = self.env["nationality.dossier"]
        ministry = self.as_user(Dossier, "user_cuc_officer").search(
            [("id", "in", self.dossiers.ids)]
        )
        self.assertEqual(ministry, self.dossiers.filtered("reached_ministry"))
        self.assertEqual(set(ministry.mapped("company_id")), {self.hn, self.hcm})
        hn = self.as_user(Dossier, "user_hn_officer").search([("id", "in", self.dossiers.ids)])
        self.assertEqual(hn, self.dossiers.filtered(lambda d: d.company_id == self.hn))
        hcm_one = self.dossiers.filtered(lambda d: d.company_id == self.hcm)[:1]
        with self.assertRaises(AccessError):
            self.as_user(hcm_one, "user_hn_leader").read(["full_name"])

    def test_loading_twice_creates_nothing(self):
        count = self.env["nationality.dossier"].search_count([])
        self.assertFalse(self.env["nationality.demo.loader"]._load_demo_dossiers())
        self.assertEqual(self.env["nationality.dossier"].search_count([]), count)
