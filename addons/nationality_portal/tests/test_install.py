# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPortalInstall(HttpCase):
    def test_website_serves_login_page(self):
        module = self.env["ir.module.module"].search([("name", "=", "nationality_portal")])
        self.assertEqual(module.state, "installed")
        response = self.url_open("/web/login")
        self.assertEqual(response.status_code, 200)
