# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestExchangeInstall(TransactionCase):
    def test_installed_with_dossier(self):
        modules = self.env["ir.module.module"].search(
            [("name", "in", ("nationality_exchange", "nationality_dossier"))]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})

    def test_demo_data_loads_with_the_workflow_guards(self):
        """Odoo installs an addon whose demo data fails without it, with a
        mere warning: the exchange has its demo whenever the back office has."""
        modules = self.env["ir.module.module"].search(
            [("name", "in", ("nationality_exchange", "nationality_dossier"))]
        )
        demo = {module.name: module.demo for module in modules}
        self.assertEqual(demo["nationality_exchange"], demo["nationality_dossier"])
        if demo["nationality_exchange"]:
            request = self.env.ref("nationality_exchange.demo_lookup_berlin")
            self.assertEqual((request.state, request.channel), ("received", "api"))
            self.assertEqual(len(request.person_ids), 2)
