# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

ADULT_AGE = 18
# Longest values accepted for the member's own text fields, in characters.
MEMBER_TEXT_LIMITS = {"residence": 500, "vietnamese_name_requested": 150}


class NationalityDossierMember(models.Model):
    """A family member listed in a dossier; minor children may apply with the applicant."""

    _name = "nationality.dossier.member"
    _description = "Family member in a dossier"
    _inherit = ["nationality.person.mixin"]
    _order = "dossier_id, sequence, id"

    dossier_id = fields.Many2one(
        "nationality.dossier", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="dossier_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    relation = fields.Selection(
        [
            ("spouse", "Spouse"),
            ("father", "Father"),
            ("mother", "Mother"),
            ("child", "Child"),
            ("sibling", "Brother or sister"),
            ("grandparent", "Grandparent"),
            ("guardian", "Guardian"),
            ("other", "Other"),
        ],
        required=True,
    )
    is_vietnamese_citizen = fields.Boolean(string="Vietnamese citizen")
    residence = fields.Char()
    applies_with_applicant = fields.Boolean(
        string="Applies with the applicant",
        help="A minor child whose nationality follows the applicant's in this dossier.",
    )
    vietnamese_name_requested = fields.Char(string="Vietnamese name requested")
    is_minor = fields.Boolean(compute="_compute_is_minor")

    @api.model
    def _text_limits(self):
        limits = super()._text_limits()
        limits.update(MEMBER_TEXT_LIMITS)
        return limits

    @api.depends("birth_date", "dossier_id.date_filed")
    def _compute_is_minor(self):
        for member in self:
            # The filing day, or today on the dossier's clock for a draft.
            if member.dossier_id:
                on_date = member.dossier_id._filing_day()
            else:
                on_date = fields.Date.context_today(self)
            age = member._age_on(on_date)
            member.is_minor = age is not None and age < ADULT_AGE

    @api.constrains("applies_with_applicant", "relation", "birth_date")
    def _check_applies_with_applicant(self):
        for member in self.filtered("applies_with_applicant"):
            if member.relation != "child":
                raise ValidationError(
                    _(
                        "Only a child can apply together with the applicant (%(name)s).",
                        name=member.full_name,
                    )
                )
            if not member.birth_date or not member.is_minor:
                raise ValidationError(
                    _(
                        "%(name)s cannot apply with the applicant: only children under %(age)s "
                        "on the filing date can, and their date of birth is needed.",
                        name=member.full_name,
                        age=ADULT_AGE,
                    )
                )

    def _nationality_access_dossier(self):
        return self.dossier_id
