# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .nationality_agency import AGENCY_TYPES

TIME_UNITS = [
    ("working_day", "Working days"),
    ("calendar_day", "Calendar days"),
]

# Agencies whose stages are recorded in the system by the Ministry's staff;
# every other agency's stage is followed by the Department of Justice.
MINISTRY_SIDE_AGENCIES = ("ministry", "president")


class NationalityStage(models.Model):
    """One processing stage of a procedure under a rule version."""

    _name = "nationality.stage"
    _description = "Procedure stage"
    _order = "rule_version_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="Stable technical name, e.g. police_verification; lets other modules find the stage."
    )
    sequence = fields.Integer(default=10)
    rule_version_id = fields.Many2one(
        "nationality.rule.version", required=True, ondelete="cascade", index=True
    )
    procedure_id = fields.Many2one(related="rule_version_id.procedure_id", store=True, index=True)
    agency_type = fields.Selection(
        AGENCY_TYPES, string="Owning agency", required=True, default="stp"
    )
    action_description = fields.Text(string="What happens", translate=True)
    time_limit = fields.Integer(help="Leave 0 when the law sets no limit for this stage.")
    time_unit = fields.Selection(TIME_UNITS, required=True, default="working_day")
    extend_to_working_day = fields.Boolean(
        string="Move a deadline off a day off",
        default=True,
        help="When a calendar-day time limit ends on a weekend or public holiday, "
        "the deadline moves to the next working day (Civil Code Art. 148).",
    )
    clock_stopped = fields.Boolean(
        string="Clock stops at this stage",
        help="The statutory clock does not run while a dossier is at this stage, "
        "e.g. while the Ministry waits for proof of release from a foreign nationality.",
    )
    is_ministry_stage = fields.Boolean(
        compute="_compute_is_ministry_stage",
        store=True,
        help="Dossiers that reach this stage become visible to the Ministry.",
    )
    legal_basis = fields.Char(translate=True)

    @api.depends("agency_type")
    def _compute_is_ministry_stage(self):
        for stage in self:
            stage.is_ministry_stage = stage.agency_type in MINISTRY_SIDE_AGENCIES

    @api.constrains("time_limit")
    def _check_time_limit(self):
        for stage in self:
            if stage.time_limit < 0:
                raise ValidationError(_("A time limit cannot be negative."))

    @api.depends("name", "time_limit", "time_unit")
    def _compute_display_name(self):
        units = dict(self._fields["time_unit"]._description_selection(self.env))
        for stage in self:
            if stage.time_limit:
                stage.display_name = (
                    f"{stage.name} ({stage.time_limit} {units[stage.time_unit].lower()})"
                )
            else:
                stage.display_name = stage.name
