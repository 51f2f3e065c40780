"""Cross-addon checks on the installed stack."""

from odoo.tests import TransactionCase, tagged

ADDONS = ("nationality_dossier", "nationality_portal", "nationality_exchange")


@tagged("post_install", "-at_install")
class TestArchitecture(TransactionCase):
    def _depends(self, name):
        module = self.env["ir.module.module"].search([("name", "=", name)])
        return set(module.dependencies_id.mapped("name"))

    def test_three_addons_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(
            {module.name: module.state for module in modules},
            dict.fromkeys(ADDONS, "installed"),
        )

    def test_one_direction_of_dependency(self):
        # The back office knows nothing of the portal or the exchange, and
        # those two do not depend on each other.
        self.assertFalse(self._depends("nationality_dossier") & set(ADDONS))
        self.assertIn("nationality_dossier", self._depends("nationality_portal"))
        self.assertIn("nationality_dossier", self._depends("nationality_exchange"))
        self.assertNotIn("nationality_exchange", self._depends("nationality_portal"))
        self.assertNotIn("nationality_portal", self._depends("nationality_exchange"))

    def test_database_has_the_search_extensions(self):
        self.env.cr.execute(
            "SELECT extname FROM pg_extension WHERE extname IN ('pg_trgm', 'unaccent')"
        )
        self.assertEqual({row[0] for row in self.env.cr.fetchall()}, {"pg_trgm", "unaccent"})
