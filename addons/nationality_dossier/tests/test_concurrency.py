# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two officers act on the same dossier at once: one succeeds, the other gets
a clear error, and nothing is lost. This needs real, separate transactions,
so the test commits its own data on its own cursors and removes it after."""

from contextlib import closing

import psycopg2.errors

import odoo
from odoo import api
from odoo.addons.nationality_dossier.models.nationality_dossier import workflow_transition
from odoo.exceptions import UserError
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name


@tagged("post_install", "-at_install")
class TestConcurrentTransitions(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = odoo.registry(get_db_name())

    def _env(self, cr, login):
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = env["res.users"].search([("login", "=", login)])
        return api.Environment(
            cr,
            user.id,
            {
                "allowed_company_ids": user.company_ids.ids,
                "tz": "Asia/Ho_Chi_Minh",
                "lang": "en_US",
            },
        )

    def setUp(self):
        super().setUp()
        with closing(self.registry.cursor()) as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            company = env.ref("nationality_dossier.company_stp_hn")
            dossier = (
                env["nationality.dossier"]
                .with_company(company)
                .create(
                    {
                        "procedure_id": env.ref(
                            "nationality_dossier.procedure_nationality_certificate"
                        ).id,
                        "company_id": company.id,
                        "full_name": "Đặng Thị Mỹ Duyên",
                        "id_document_type": "citizen_id",
                        "id_document_number": "079190001234",
                        "fee_paid": True,
                    }
                )
            )
            with workflow_transition():
                dossier.write({"state": "received", "date_filed": "2026-11-02 02:00:00"})
            for line in dossier.document_ids.filtered("is_blocking"):
                line.write({"copies_received": 1, "original_seen": True})
            self.dossier_id = dossier.id
            cr.commit()  # pylint: disable=invalid-commit

    def tearDown(self):
        with closing(self.registry.cursor()) as cr:
            cr.execute("DELETE FROM nationality_dossier WHERE id = %s", [self.dossier_id])
            cr.commit()  # pylint: disable=invalid-commit
        super().tearDown()

    def test_second_officer_is_told_while_the_first_is_acting(self):
        with (
            closing(self.registry.cursor()) as cr_first,
            closing(self.registry.cursor()) as cr_second,
        ):
            first = self._env(cr_first, "hn.reception")["nationality.dossier"].browse(
                self.dossier_id
            )
            second = self._env(cr_second, "hn.officer")["nationality.dossier"].browse(
                self.dossier_id
            )
            first.action_accept()
            with self.assertRaisesRegex(UserError, "Another officer is changing this dossier"):
                second.action_request_supplement(note="Thiếu bản sao giấy khai sinh.")
            cr_second.rollback()
            cr_first.commit()  # pylint: disable=invalid-commit

        with closing(self.registry.cursor()) as cr:
            dossier = self._env(cr, "hn.officer")["nationality.dossier"].browse(self.dossier_id)
            self.assertEqual(dossier.state, "in_progress")
            self.assertFalse(dossier.supplement_count)
            self.assertEqual(len(dossier.stage_line_ids), 1)
            # The second officer, trying again, meets the new state.
            with self.assertRaisesRegex(UserError, "cannot"):
                dossier.action_accept()

    def test_a_late_transaction_cannot_overwrite_the_first(self):
        with (
            closing(self.registry.cursor()) as cr_first,
            closing(self.registry.cursor()) as cr_second,
        ):
            first = self._env(cr_first, "hn.reception")["nationality.dossier"].browse(
                self.dossier_id
            )
            second = self._env(cr_second, "hn.reception")["nationality.dossier"].browse(
                self.dossier_id
            )
            # Both officers opened the dossier: each transaction has its snapshot.
            self.assertEqual(first.state, "received")
            self.assertEqual(second.state, "received")
            first.action_accept()
            cr_first.commit()  # pylint: disable=invalid-commit
            # The second acts on its stale snapshot: PostgreSQL refuses it (the
            # server would retry the request, which then fails on the new state).
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                second.action_refuse("Hồ sơ không đủ điều kiện.")
            cr_second.rollback()

        with closing(self.registry.cursor()) as cr:
            dossier = self._env(cr, "hn.reception")["nationality.dossier"].browse(self.dossier_id)
            self.assertEqual(dossier.state, "in_progress")
            self.assertFalse(dossier.refusal_reason)
            with self.assertRaisesRegex(UserError, "cannot be refused"):
                dossier.action_refuse("Hồ sơ không đủ điều kiện.")
