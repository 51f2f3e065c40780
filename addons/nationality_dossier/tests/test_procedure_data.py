# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import PROCEDURE_CODES


@tagged("post_install", "-at_install")
class TestProcedureData(TransactionCase):
    def test_six_procedures_with_stable_codes(self):
        procedures = self.env["nationality.procedure"].search([])
        self.assertEqual(set(procedures.mapped("code")), PROCEDURE_CODES)

    def test_naturalization_is_filed_in_person_only(self):
        naturalization = self.env.ref("nationality_dossier.procedure_naturalization")
        self.assertEqual(naturalization._get_channels(), ["counter"])
        self.assertTrue(naturalization.decided_by_ministry)
        self.assertEqual(naturalization.fee_amount, 3_000_000)
        restoration = self.env.ref("nationality_dossier.procedure_restoration")
        self.assertEqual(set(restoration._get_channels()), {"counter", "online", "post"})

    def test_rule_version_by_filing_date(self):
        procedure = self.env.ref("nationality_dossier.procedure_restoration")
        before = procedure._get_rule_version(date(2025, 6, 30))
        after = procedure._get_rule_version(date(2025, 7, 1))
        self.assertEqual(before, self.env.ref("nationality_dossier.rule_restoration_2020"))
        self.assertEqual(after, self.env.ref("nationality_dossier.rule_restoration_2025"))
        self.assertEqual(before.date_to, date(2025, 6, 30))
        # Since 2025 the former nationality may be looked up instead of proven on paper.
        lookups = after.checklist_item_ids.filtered("lookup_allowed").mapped(
            "document_type_id.code"
        )
        self.assertIn("former_nationality_proof", lookups)
        self.assertFalse(before.checklist_item_ids.filtered("lookup_allowed"))

    def test_no_rules_before_the_first_version(self):
        procedure = self.env.ref("nationality_dossier.procedure_restoration")
        with self.assertRaises(UserError):
            procedure._get_rule_version(date(2001, 1, 1))

    def test_each_procedure_has_its_own_stage_list(self):
        stage_codes = {}
        for procedure in self.env["nationality.procedure"].search([]):
            version = procedure._get_rule_version(date(2026, 1, 5))
            self.assertTrue(version.stage_ids, procedure.code)
            self.assertTrue(version.checklist_item_ids, procedure.code)
            stage_codes[procedure.code] = tuple(version.stage_ids.sorted("sequence").mapped("code"))
        self.assertIn("foreign_release", stage_codes["naturalization"])
        self.assertEqual(stage_codes["renunciation"][0], "publication")
        self.assertEqual(stage_codes["nationality_certificate"], ("examination",))
        self.assertEqual(stage_codes["foreign_nationality_notice"], ("annotation",))

    def test_thirty_four_provinces_with_their_predecessors(self):
        provinces = self.env["nationality.admin.unit"].search([("unit_type", "=", "province")])
        self.assertEqual(len(provinces), 34)
        hcm = provinces.filtered(lambda p: p.code == "79")
        self.assertEqual(hcm.name, "Thành phố Hồ Chí Minh")
        self.assertEqual(len(hcm.legacy_state_ids), 3)  # TP HCM, Bình Dương, Bà Rịa - Vũng Tàu
        self.assertEqual(len(provinces.mapped("legacy_state_ids")), 63)
        self.assertGreater(
            self.env["nationality.admin.unit"].search_count([("unit_type", "=", "ward")]), 3000
        )
