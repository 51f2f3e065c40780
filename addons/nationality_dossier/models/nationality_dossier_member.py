# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .nationality_dossier import check_line_values

ADULT_AGE = 18
# Longest values accepted for the member's own text fields, in characters.
MEMBER_TEXT_LIMITS = {"residence": 500, "vietnamese_name_requested": 150}
MEMBER_NAME_FIELDS = frozenset({"vietnamese_name_requested"})


class NationalityDossierMember(models.Model):
    """A family member listed in a dossier; minor children may apply with the applicant."""

    _name = "nationality.dossier.member"
    _description = "Family member in a dossier"
    _inherit = ["nationality.person.mixin", "nationality.access.logged.mixin"]
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

    @api.model
    def _name_fields(self):
        return super()._name_fields() | MEMBER_NAME_FIELDS

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_line_values(self, vals)
        dossiers = self.env["nationality.dossier"].browse(
            [vals["dossier_id"] for vals in vals_list if vals.get("dossier_id")]
        )
        self._check_ministry_change(dossiers)
        return super().create(vals_list)

    def write(self, vals):
        check_line_values(self, vals)
        self._check_ministry_change(self.dossier_id)
        return super().write(vals)

    def _check_ministry_change(self, dossiers):
        """The family of the applicant is recorded by the department that
        received the dossier, not by the Ministry reviewing it."""
        if not dossiers._is_ministry_reviewer():
            return
        for dossier in dossiers:
            if not dossier._is_department_staff():
                raise AccessError(
                    _(
                        "The family members of dossier %(code)s are recorded by %(department)s: "
                        "ask the department to correct them.",
                        code=dossier.display_name,
                        # sudo: the department's name, which Ministry users
                        # may not read as a company.
                        department=dossier.sudo().company_id.name,
                    )
                )

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
