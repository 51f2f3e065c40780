# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Status checks sent at once for one dossier code (a script firing requests
in parallel from many addresses): the limit of wrong answers per code must
hold. This needs real, separate transactions, so the test commits on its own
cursors and removes what it made after."""

from contextlib import closing

import psycopg2.errors

import odoo
from odoo import api
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

CODE_LIMIT = "nationality_portal.rate_limit.status_check_code.attempts"
# A code nobody has: the limit counts it all the same.
CODE = "000.00.21.H26-999999-9991"


@tagged("post_install", "-at_install")
class TestStatusChecksAtOnce(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = odoo.registry(get_db_name())

    def _public_env(self, cr):
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        # Like every request, this one reads the database (session, website,
        # routing) before the controller runs: its snapshot is taken here.
        public = env.ref("base.public_user")
        return api.Environment(cr, public.id, {"lang": "en_US"})

    def _cleanup(self):
        with closing(self.registry.cursor()) as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            RateLimit = env["nationality.rate.limit"]
            RateLimit.search(
                [
                    ("scope", "in", ("status_check", "status_check_code")),
                    (
                        "client_key",
                        "in",
                        [
                            RateLimit._client_key(CODE),
                            RateLimit._client_key("198.51.100.1"),
                            RateLimit._client_key("198.51.100.2"),
                        ],
                    ),
                ]
            ).unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def setUp(self):
        super().setUp()
        self._cleanup()
        with closing(self.registry.cursor()) as cr:
            parameters = api.Environment(cr, odoo.SUPERUSER_ID, {})["ir.config_parameter"]
            self.previous_limit = parameters.get_param(CODE_LIMIT)
            # One wrong answer per code, not two.
            parameters.set_param(CODE_LIMIT, "1")
            cr.commit()  # pylint: disable=invalid-commit

    def tearDown(self):
        with closing(self.registry.cursor()) as cr:
            parameters = api.Environment(cr, odoo.SUPERUSER_ID, {})["ir.config_parameter"]
            parameters.set_param(CODE_LIMIT, self.previous_limit or False)
            cr.commit()  # pylint: disable=invalid-commit
        self._cleanup()
        super().tearDown()

    def test_wrong_answers_sent_at_once_respect_the_limit_per_code(self):
        with (
            closing(self.registry.cursor()) as cr_first,
            closing(self.registry.cursor()) as cr_second,
        ):
            first_env = self._public_env(cr_first)
            # The second request has begun (its snapshot is taken) before the
            # first one records its wrong answer; it then waits for the lock.
            second_env = self._public_env(cr_second)
            first = first_env["nationality.dossier"]._portal_status_check(
                CODE, "0000", "198.51.100.1"
            )
            self.assertEqual(first["error"], "not_found")
            cr_first.commit()  # pylint: disable=invalid-commit
            # The limit (one wrong answer) is reached. The second guess must be
            # refused, or fail to serialise so that the server replays it and
            # then refuses it; answering it is one more guess than allowed.
            try:
                second = second_env["nationality.dossier"]._portal_status_check(
                    CODE, "1111", "198.51.100.2"
                )
            except psycopg2.errors.SerializationFailure:
                second = {"error": "replayed"}
            cr_second.rollback()
            self.assertIn(
                second["error"],
                ("rate_limited", "replayed"),
                "a second wrong answer for the code was checked although the limit is one: "
                "each request sent at once must count the attempts committed before it",
            )
