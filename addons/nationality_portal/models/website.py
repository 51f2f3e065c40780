# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, models


class Website(models.Model):
    _inherit = "website"

    @api.model
    def _nationality_portal_setup(self):
        """Serve the website in Vietnamese by default, with English available,
        and let citizens create their own account. Run once at installation;
        administrators may change both afterwards."""
        Lang = self.env["res.lang"].with_context(active_test=False)
        vietnamese = Lang.search([("code", "=", "vi_VN")], limit=1)
        if not vietnamese:
            return False
        if not vietnamese.active:
            self.env["res.lang"]._activate_lang("vi_VN")
            installed = self.env["ir.module.module"].search([("state", "=", "installed")])
            installed._update_translations(["vi_VN"])
        english = self.env["res.lang"]._activate_lang("en_US")
        for website in self.search([]):
            website.write(
                {
                    "language_ids": [Command.link(vietnamese.id), Command.link(english.id)],
                    "default_lang_id": vietnamese.id,
                    "auth_signup_uninvited": "b2c",
                }
            )
        return True
