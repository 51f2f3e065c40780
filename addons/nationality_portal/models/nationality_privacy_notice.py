# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib

from odoo import _, api, fields, models
from odoo.addons.nationality_dossier.tools.dates import vietnam_today
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext
from odoo.tools.translate import html_translate


class NationalityPrivacyNotice(models.Model):
    """A version of the privacy notice shown to applicants on the portal
    (personal data protection law 91/2025/QH15 and decree 356/2025/ND-CP:
    the person is told who processes which data, why, on what legal basis,
    who receives it, how long it is kept and what their rights are).

    The notice in force is the latest published version whose effective date
    has come. A version accepted by an applicant is the record of what they
    were told: it can no longer be changed, archived or deleted; a new
    version is made instead."""

    _name = "nationality.privacy.notice"
    _description = "Privacy notice version"
    _order = "date_effective desc, id desc"

    name = fields.Char(string="Version", required=True, help="e.g. 2026.1")
    date_effective = fields.Date(
        string="Effective from",
        required=True,
        default=lambda self: vietnam_today(self.env),
        help="Applicants are shown this version from this day on, until a later version "
        "takes effect.",
    )
    active = fields.Boolean(
        string="Published",
        default=True,
        help="Only published versions are shown to applicants. A new version is made "
        "unpublished: publish it once its text is final.",
    )
    title = fields.Char(required=True, translate=True, default="Privacy notice")
    summary = fields.Text(
        translate=True,
        help="A few plain sentences shown next to the acceptance box.",
    )
    purposes = fields.Text(
        translate=True, help="What the personal data is processed for, one purpose a line."
    )
    legal_basis = fields.Text(
        string="Legal basis", translate=True, help="The legal basis of each purpose."
    )
    body = fields.Html(
        string="Text",
        translate=html_translate,
        sanitize=True,
        required=True,
        help="The full notice: controller, data, purposes, recipients, retention, rights and "
        "how to exercise them, contact.",
    )
    consent_ids = fields.One2many(
        "nationality.privacy.consent", "notice_id", string="Acceptances", readonly=True
    )
    consent_count = fields.Integer(string="Times accepted", compute="_compute_consent_count")
    is_locked = fields.Boolean(
        string="Accepted by applicants",
        compute="_compute_consent_count",
        help="Accepted versions can no longer be changed: make a new version.",
    )
    is_current = fields.Boolean(string="In force", compute="_compute_is_current")
    is_effective = fields.Boolean(
        string="Took effect",
        compute="_compute_is_effective",
        search="_search_is_effective",
        help="Its effective date has come, on Vietnam's day.",
    )

    _sql_constraints = [
        ("name_unique", "unique(name)", "Two versions of the privacy notice share this version."),
    ]

    def _compute_consent_count(self):
        # sudo: only the number of acceptances is read, not who accepted.
        counts = dict(
            self.env["nationality.privacy.consent"]
            .sudo()
            ._read_group([("notice_id", "in", self.ids)], ["notice_id"], ["__count"])
        )
        for notice in self:
            notice.consent_count = counts.get(notice._origin, 0)
            notice.is_locked = bool(notice.consent_count)

    def _compute_is_effective(self):
        today = vietnam_today(self.env)
        for notice in self:
            notice.is_effective = bool(notice.date_effective) and notice.date_effective <= today

    def _search_is_effective(self, operator, value):
        # Evaluated at each search (the record rule's domain stays static and
        # cacheable while the day changes).
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("This search on the privacy notices is not supported."))
        today = vietnam_today(self.env)
        if (operator == "=") == value:
            return [("date_effective", "<=", today)]
        return ["|", ("date_effective", "=", False), ("date_effective", ">", today)]

    def _compute_is_current(self):
        current = self._get_current()
        for notice in self:
            notice.is_current = notice == current

    # ------------------------------------------------------------------
    # The version in force
    # ------------------------------------------------------------------
    @api.model
    def _get_current(self, on_date=None):
        """The notice in force on ``on_date`` (default: today): the latest
        published version whose effective date has come."""
        on_date = on_date or vietnam_today(self.env)
        return self.search(
            [("active", "=", True), ("date_effective", "<=", on_date)],
            order="date_effective desc, id desc",
            limit=1,
        )

    @api.model
    def _get_published(self):
        """Every published version that took effect, newest first."""
        return self.search(
            [("active", "=", True), ("is_effective", "=", True)],
            order="date_effective desc, id desc",
        )

    def _digest(self):
        """SHA-256 of the text as shown in the current language, kept with each
        acceptance as evidence of the exact wording."""
        self.ensure_one()
        text = "\n".join(
            str(value or "")
            for value in (self.title, self.summary, self.purposes, self.legal_basis, self.body)
        )
        return hashlib.sha256(text.encode()).hexdigest()

    # ------------------------------------------------------------------
    # Accepted versions are frozen
    # ------------------------------------------------------------------
    def _check_not_accepted(self):
        locked = self.filtered("is_locked")
        if locked:
            raise UserError(
                _(
                    "Version %(version)s of the privacy notice was accepted by applicants: it "
                    "can no longer be changed, archived or deleted. Make a new version instead.",
                    version=locked[0].name,
                )
            )

    def write(self, vals):
        self._check_not_accepted()
        return super().write(vals)

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=None):
        # Editing a translation changes the text an applicant may have accepted.
        self._check_not_accepted()
        return super()._update_field_translations(
            field_name, translations, digest=digest, source_lang=source_lang
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_if_not_accepted(self):
        self._check_not_accepted()

    @api.constrains("body")
    def _check_body(self):
        for notice in self:
            if not html2plaintext(notice.body or "").strip():
                raise ValidationError(_("The privacy notice needs its text."))

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default=default)
        for notice, vals in zip(self, vals_list):
            if "name" not in default:
                vals["name"] = _("%(version)s (new)", version=notice.name)
            if "active" not in default:
                vals["active"] = False
            if "date_effective" not in default:
                vals["date_effective"] = vietnam_today(self.env)
        return vals_list

    def action_new_version(self):
        """Start a new version from this one, unpublished, with its text and
        translations; open it for editing."""
        self.ensure_one()
        new = self.copy()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_publish(self):
        self.write({"active": True})
        return True
