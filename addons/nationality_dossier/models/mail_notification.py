# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.osv import expression

from .mail_followers import private_documents_access_error, private_documents_domain


class MailNotification(models.Model):
    """Odoo lets every internal user read every notification, named by its
    message's stored record name ("<code> – <applicant>" for a dossier) and
    naming its recipient: those of a nationality dossier are read only with
    the dossier, like its followers."""

    _inherit = "mail.notification"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND(
                [
                    domain or [],
                    private_documents_domain(
                        self.env, "mail_message_id.model", "mail_message_id.res_id"
                    ),
                ]
            )
        return super()._search(domain, offset, limit, order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or operation != "read" or self.env.su or not self.ids:
            return result
        return private_documents_access_error(
            self, lambda line: (line.mail_message_id.model, line.mail_message_id.res_id)
        )
