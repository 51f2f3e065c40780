# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.osv import expression


class MailFollowers(models.Model):
    """Who follows a nationality dossier is personal data (the applicant, the
    family...): staff see the followers only of the dossiers they may read.
    Odoo lets every internal user read every follower; messages and
    activities are already filtered by the access to their document."""

    _inherit = "mail.followers"

    @api.model
    def _nationality_private_models(self):
        """The models whose followers are shown only with their records."""
        return ["nationality.dossier"]

    @api.model
    def _nationality_followers_domain(self):
        domain = []
        for model in self._nationality_private_models():
            Model = self.env[model]
            if Model.has_access("read"):
                # A subquery of the records the user may read (record rules apply).
                allowed = ["|", ("res_model", "!=", model), ("res_id", "in", Model._search([]))]
            else:
                allowed = [("res_model", "!=", model)]
            domain = expression.AND([domain, allowed])
        return domain

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain or [], self._nationality_followers_domain()])
        return super()._search(domain, offset, limit, order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or operation != "read" or self.env.su or not self.ids:
            return result
        forbidden = self.browse()
        # sudo: which record each follower line is about.
        lines = self.sudo()
        for model in self._nationality_private_models():
            followers = lines.filtered(lambda line, model=model: line.res_model == model)
            if not followers:
                continue
            readable = (
                self.env[model].browse(set(followers.mapped("res_id")))._filtered_access("read")
            )
            forbidden |= followers.filtered(
                lambda line, ids=set(readable.ids): line.res_id not in ids
            )
        if not forbidden:
            return None
        forbidden = forbidden.with_env(self.env)
        return forbidden, lambda: AccessError(
            _(
                "You cannot see who follows records you are not allowed to read (%(model)s).",
                model=", ".join(
                    sorted(
                        {
                            self.env[name]._description
                            for name in forbidden.sudo().mapped("res_model")
                        }
                    )
                ),
            )
        )
