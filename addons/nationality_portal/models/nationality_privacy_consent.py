# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.http import request


class NationalityPrivacyConsent(models.Model):
    """An applicant's acceptance of a version of the privacy notice, given on
    the portal when they confirm the declaration and file a dossier (or send a
    pre-registration). Written by the system only and never changed: it is the
    evidence of which text the person was shown and accepted, and when."""

    _name = "nationality.privacy.consent"
    _description = "Acceptance of the privacy notice"
    _order = "accepted_at desc, id desc"
    _log_access = False
    _rec_name = "notice_id"

    notice_id = fields.Many2one(
        "nationality.privacy.notice",
        string="Notice version",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    accepted_at = fields.Datetime(string="Accepted at", required=True, readonly=True, index=True)
    kind = fields.Selection(
        [("filing", "Filing online"), ("preregistration", "Pre-registration")],
        string="Given at",
        required=True,
        readonly=True,
    )
    dossier_id = fields.Many2one(
        "nationality.dossier", readonly=True, index=True, ondelete="set null"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Applicant", readonly=True, index=True, ondelete="set null"
    )
    user_id = fields.Many2one(
        "res.users", string="Portal account", readonly=True, ondelete="set null"
    )
    company_id = fields.Many2one(
        "res.company",
        string="Department of Justice",
        readonly=True,
        ondelete="set null",
        help="The department chosen to receive the dossier when the notice was accepted.",
    )
    ip_address = fields.Char(string="IP address", readonly=True)
    lang = fields.Char(
        string="Language", readonly=True, help="The language the notice was read in."
    )
    notice_digest = fields.Char(
        string="Text fingerprint",
        readonly=True,
        help="SHA-256 of the notice as shown in that language, to prove the exact wording.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                _("Acceptances of the privacy notice are recorded by the system only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if self:
            raise AccessError(_("An acceptance of the privacy notice cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(_("An acceptance of the privacy notice cannot be deleted."))

    @api.model
    def _record(self, dossier, notice, kind):
        """Record that the current user accepted ``notice`` for ``dossier``."""
        ip_address = None
        if request and getattr(request, "httprequest", None):
            ip_address = request.httprequest.remote_addr
        user = self.env.user
        # sudo: acceptances are written by the system; the caller checked that
        # the user owns the dossier and ticked the acceptance of this version.
        return self.sudo().create(
            {
                "notice_id": notice.id,
                "accepted_at": fields.Datetime.now(),
                "kind": kind,
                "dossier_id": dossier.id,
                "partner_id": user.partner_id.id,
                "user_id": user.id,
                "company_id": dossier.sudo().company_id.id,
                "ip_address": ip_address,
                "lang": self.env.lang or "en_US",
                "notice_digest": notice.with_context(lang=self.env.lang)._digest(),
            }
        )
