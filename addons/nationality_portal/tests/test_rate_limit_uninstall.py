# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The table of rate-limit buckets goes with the addon."""

import odoo.addons.nationality_portal as nationality_portal
from odoo.modules.module import get_manifest
from odoo.tests import TransactionCase, tagged

BUCKETS = "nationality_rate_limit_bucket"


@tagged("post_install", "-at_install")
class TestRateLimitUninstall(TransactionCase):
    def _table_exists(self):
        self.env.cr.execute("SELECT to_regclass(%s)", [BUCKETS])
        return self.env.cr.fetchone()[0] is not None

    def test_uninstalling_the_portal_drops_the_bucket_table(self):
        """The buckets (keyed hashes of client addresses and codes) live in a
        table created by hand in init(): Odoo drops the tables of models only,
        so the addon must drop this one when it is uninstalled, either as the
        table of one of its models or in its uninstall hook."""
        self.env["nationality.rate.limit"]._consume("signup", "203.0.113.7")
        self.assertTrue(self._table_exists())
        model_tables = {
            model._table
            for model in self.env.registry.values()
            if model._auto and not model._abstract and model._module == "nationality_portal"
        }
        if BUCKETS in model_tables:
            return
        hook = get_manifest("nationality_portal").get("uninstall_hook")
        self.assertTrue(hook, f"{BUCKETS} would outlive nationality_portal: no uninstall hook")
        getattr(nationality_portal, hook)(self.env)
        self.assertFalse(self._table_exists())
