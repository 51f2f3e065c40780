# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class NationalityRuleVersion(models.Model):
    """The stages, time limits and document checklist of a procedure under one
    legal version. A dossier keeps the version in force on its filing date."""

    _name = "nationality.rule.version"
    _description = "Procedure rule version"
    _order = "procedure_id, date_from desc"

    name = fields.Char(required=True, translate=True)
    procedure_id = fields.Many2one(
        "nationality.procedure", required=True, ondelete="cascade", index=True
    )
    procedure_code = fields.Selection(related="procedure_id.code", store=True)
    date_from = fields.Date(string="In force from", required=True)
    date_to = fields.Date(
        string="In force until", compute="_compute_date_to", help="The day before the next version."
    )
    legal_basis = fields.Text(translate=True)
    stage_ids = fields.One2many("nationality.stage", "rule_version_id", copy=True)
    checklist_item_ids = fields.One2many("nationality.checklist.item", "rule_version_id", copy=True)
    total_time_limit_note = fields.Char(
        string="Published total time limit", translate=True, help="As published, for information."
    )
    note = fields.Text(translate=True)

    _sql_constraints = [
        (
            "procedure_date_unique",
            "unique(procedure_id, date_from)",
            "Two rule versions of a procedure cannot start on the same day.",
        ),
    ]

    @api.depends("procedure_id.rule_version_ids.date_from", "date_from")
    def _compute_date_to(self):
        for version in self:
            later = version.procedure_id.rule_version_ids.filtered(
                lambda v, version=version: v.date_from
                and version.date_from
                and v.date_from > version.date_from
            )
            version.date_to = min(later.mapped("date_from")) - timedelta(days=1) if later else False

    @api.constrains("stage_ids")
    def _check_stages(self):
        for version in self:
            codes = [code for code in version.stage_ids.mapped("code") if code]
            if len(codes) != len(set(codes)):
                raise ValidationError(_("Two stages of one rule version cannot share a code."))
