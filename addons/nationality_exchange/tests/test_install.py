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
