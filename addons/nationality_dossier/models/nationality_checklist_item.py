# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

CHECKLIST_CONDITIONS = [
    ("minor_children", "Minor children apply with the applicant"),
    ("exemption_ground", "An exemption or legal ground is invoked"),
    ("no_exemption", "No exemption from the conditions is invoked"),
    ("keep_foreign_nationality", "The applicant asks to keep a foreign nationality"),
    ("represented", "Filed by a legal representative"),
    ("former_official", "Former official or armed-forces member"),
    ("foreign_refusal", "Foreign nationality was refused after renunciation"),
    ("other", "Other (see note)"),
]


class NationalityChecklistItem(models.Model):
    """A document the dossier must, may or in some cases must contain."""

    _name = "nationality.checklist.item"
    _description = "Document checklist item"
    _order = "rule_version_id, sequence, id"

    rule_version_id = fields.Many2one(
        "nationality.rule.version", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    document_type_id = fields.Many2one("nationality.document.type", required=True)
    name = fields.Char(
        compute="_compute_name",
        store=True,
        precompute=True,
        readonly=False,
        translate=True,
        required=True,
    )
    requirement = fields.Selection(
        [("required", "Required"), ("conditional", "Conditional"), ("optional", "Optional")],
        required=True,
        default="required",
    )
    condition = fields.Selection(CHECKLIST_CONDITIONS)
    condition_note = fields.Char(translate=True)
    copies = fields.Integer(string="Number of copies", default=1)
    original_required = fields.Boolean(string="Original must be shown")
    lookup_allowed = fields.Boolean(
        string="May be looked up instead",
        help="The item may be satisfied by looking the data up in a national "
        "database instead of asking the applicant for the paper.",
    )
    lookup_source = fields.Char(
        translate=True, help="e.g. Electronic Civil Status Database; National Population Database."
    )
    max_age_days = fields.Integer(
        string="Issued at most (days) before filing",
        help="e.g. 90 for a judicial record certificate; 0 when there is no limit.",
    )
    legal_basis = fields.Char(translate=True)

    @api.depends("document_type_id.name")
    def _compute_name(self):
        for item in self:
            if not item.name and item.document_type_id:
                item.name = item.document_type_id.name

    @api.constrains("requirement", "condition")
    def _check_condition(self):
        for item in self:
            if item.requirement == "conditional" and not item.condition:
                raise ValidationError(
                    _("The conditional item %(item)s needs its condition.", item=item.name)
                )

    @api.constrains("copies")
    def _check_copies(self):
        for item in self:
            if item.copies < 0:
                raise ValidationError(_("The number of copies cannot be negative."))
