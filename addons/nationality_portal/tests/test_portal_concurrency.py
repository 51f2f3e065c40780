# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Requests of one applicant sent at once (a double click, a script): the
limits and the supplement answer hold. This needs real, separate
transactions, so the test commits on its own cursors and removes what it
made after."""

from contextlib import closing

import psycopg2.errors

import odoo
from odoo import api
from odoo.exceptions import UserError
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

MAX_DRAFTS = "nationality_portal.max_drafts"


@tagged("post_install", "-at_install")
class TestApplicantRequestsAtOnce(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = odoo.registry(get_db_name())

    def _citizen_env(self, cr):
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        citizen = env.ref("nationality_portal.user_citizen")
        return api.Environment(cr, citizen.id, {"tz": "Asia/Ho_Chi_Minh", "lang": "en_US"})

    def _start_draft(self, env, full_name):
        Dossier = env["nationality.dossier"]
        return Dossier._portal_create_draft(
            env.ref("nationality_dossier.procedure_restoration"),
            {"full_name": full_name, "gender": "female", "birth_date": "1985"},
        )

    def setUp(self):
        super().setUp()
        self.created_ids = []
        with closing(self.registry.cursor()) as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            citizen = env.ref("nationality_portal.user_citizen")
            drafts = env["nationality.dossier"].search_count(
                [
                    ("applicant_user_id", "=", citizen.id),
                    ("state", "=", "draft"),
                    ("date_preregistered", "=", False),
                ]
            )
            parameters = env["ir.config_parameter"]
            self.previous_limit = parameters.get_param(MAX_DRAFTS)
            # One more draft may be started, not two.
            parameters.set_param(MAX_DRAFTS, str(drafts + 1))
            cr.commit()  # pylint: disable=invalid-commit

    def tearDown(self):
        with closing(self.registry.cursor()) as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["nationality.dossier"].browse(self.created_ids).exists().unlink()
            env["ir.config_parameter"].set_param(MAX_DRAFTS, self.previous_limit or False)
            cr.commit()  # pylint: disable=invalid-commit
        super().tearDown()

    def test_drafts_started_at_once_respect_the_limit(self):
        with (
            closing(self.registry.cursor()) as cr_first,
            closing(self.registry.cursor()) as cr_second,
        ):
            first_env = self._citizen_env(cr_first)
            # The second request has begun (its snapshot is taken) before the
            # first one saves its draft.
            second_env = self._citizen_env(cr_second)
            first, errors = self._start_draft(first_env, "Phạm Thị Hương")
            self.assertTrue(first, errors)
            self.created_ids.append(first.id)
            cr_first.commit()  # pylint: disable=invalid-commit
            # Counting on its old snapshot, the second would pass the limit:
            # PostgreSQL refuses it, and the server replays the request.
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                second, _errors = self._start_draft(second_env, "Phạm Thị Hương")
                self.created_ids += second.ids
            cr_second.rollback()

        with closing(self.registry.cursor()) as cr:
            replayed, errors = self._start_draft(self._citizen_env(cr), "Phạm Thị Hương")
            self.created_ids += replayed.ids
            cr.commit()  # pylint: disable=invalid-commit
            self.assertFalse(replayed)
            self.assertIn("the most one account may keep", errors["__all__"])

    def test_a_second_supplement_answer_is_told_before_it_stores_files(self):
        with (
            closing(self.registry.cursor()) as cr_first,
            closing(self.registry.cursor()) as cr_second,
        ):
            first_env = self._citizen_env(cr_first)
            dossier_id = (
                first_env["nationality.dossier"]
                .search([("state", "not in", ("draft", "withdrawn"))], limit=1)
                .id
            )
            self.assertTrue(dossier_id, "the demo citizen has a filed dossier")
            first = first_env["nationality.dossier"].browse(dossier_id)
            second = self._citizen_env(cr_second)["nationality.dossier"].browse(dossier_id)
            first._portal_lock_for_supplement_answer()
            with self.assertRaises(UserError) as caught:
                second._portal_lock_for_supplement_answer()
            message = caught.exception.args[0]
            self.assertIn("are being sent right now", message)
            self.assertNotIn("officer", message)
            cr_second.rollback()
            cr_first.rollback()
