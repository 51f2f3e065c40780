# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .nationality_dossier import _workflow_active, check_line_values, workflow_transition
from .nationality_stage import TIME_UNITS

# What the dossier's workflow plans and records on each stage: its due dates
# move only with the workflow (clock stops, supplements), never by hand.
STAGE_LINE_WORKFLOW_FIELDS = frozenset(
    {
        "dossier_id",
        "stage_id",
        "sequence",
        "time_limit",
        "time_unit",
        "state",
        "planned_date_due",
        "date_start",
        "date_due",
        "date_done",
        "done_by_id",
        "paused_days",
        "reminder_sent",
        "escalated",
    }
)


class NationalityDossierStageLine(models.Model):
    """One stage of one dossier, with its own due date and who completed it."""

    _name = "nationality.dossier.stage.line"
    _description = "Dossier stage"
    _order = "dossier_id, sequence, id"

    dossier_id = fields.Many2one(
        "nationality.dossier", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="dossier_id.company_id", store=True, index=True)
    stage_id = fields.Many2one("nationality.stage", required=True, ondelete="restrict")
    name = fields.Char(related="stage_id.name")
    agency_type = fields.Selection(related="stage_id.agency_type")
    sequence = fields.Integer()
    time_limit = fields.Integer()
    time_unit = fields.Selection(TIME_UNITS)
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("running", "Running"),
            ("done", "Done"),
            ("cancelled", "Not needed"),
        ],
        default="planned",
        required=True,
    )
    planned_date_due = fields.Date(
        string="Planned due date", help="As planned when the dossier was accepted."
    )
    date_start = fields.Date(string="Started on")
    date_due = fields.Date(string="Due date")
    date_done = fields.Datetime(string="Done on")
    done_by_id = fields.Many2one("res.users", string="Done by")
    paused_days = fields.Integer(string="Working days paused")
    reminder_sent = fields.Boolean()
    escalated = fields.Boolean()
    on_time = fields.Boolean(compute="_compute_on_time", store=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not _workflow_active.get():
            raise AccessError(_("Dossier stages are planned only by the dossier's workflow."))
        for vals in vals_list:
            check_line_values(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        check_line_values(self, vals)
        protected = STAGE_LINE_WORKFLOW_FIELDS & set(vals)
        if protected and not _workflow_active.get():
            raise AccessError(
                _(
                    "These fields of a dossier stage change only through the dossier's "
                    "workflow: %(fields)s",
                    fields=", ".join(sorted(protected)),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_workflow(self):
        if not _workflow_active.get():
            raise AccessError(_("Dossier stages are removed only by the dossier's workflow."))

    def _write_workflow(self, vals):
        with workflow_transition():
            return self.write(vals)

    @api.depends("date_done", "date_due")
    def _compute_on_time(self):
        for line in self:
            line.on_time = bool(
                line.date_done and (not line.date_due or line.date_done.date() <= line.date_due)
            )

    def _mark_done(self):
        self._write_workflow(
            {"state": "done", "date_done": self.dossier_id[:1]._now(), "done_by_id": self.env.uid}
        )
