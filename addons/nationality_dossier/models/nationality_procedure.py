# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .nationality_agency import AGENCY_TYPES

PROCEDURE_CODES = [
    ("naturalization", "Naturalization"),
    ("restoration", "Restoration of Vietnamese nationality"),
    ("renunciation", "Renunciation of Vietnamese nationality"),
    ("nationality_certificate", "Certificate of Vietnamese nationality"),
    ("origin_certificate", "Certificate of Vietnamese origin"),
    ("foreign_nationality_notice", "Notice of foreign nationality"),
]


class NationalityProcedure(models.Model):
    """One of the six nationality procedures. Everything the law fixes about it
    is editable data, because several figures are still to be confirmed."""

    _name = "nationality.procedure"
    _description = "Nationality procedure"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(PROCEDURE_CODES, required=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    summary = fields.Text(
        translate=True, help="One-paragraph description for the public catalogue."
    )
    eligibility = fields.Html(
        string="Who may apply", translate=True, sanitize=True, help="Shown in the public catalogue."
    )
    where_to_file = fields.Text(translate=True)
    legal_basis = fields.Text(translate=True)
    fee_amount = fields.Monetary(string="Fee", currency_field="currency_id")
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.ref("base.VND")
    )
    fee_note = fields.Text(string="Fee legal basis", translate=True)
    fee_exemption_ids = fields.Many2many(
        "nationality.ground",
        "nationality_procedure_fee_exemption_rel",
        "procedure_id",
        "ground_id",
        string="Fee exemptions",
        domain="[('ground_type', '=', 'fee_exemption')]",
    )
    ground_ids = fields.Many2many(
        "nationality.ground",
        "nationality_procedure_ground_rel",
        "procedure_id",
        "ground_id",
        string="Grounds and exemptions",
        domain="[('ground_type', '!=', 'fee_exemption')]",
        help="Grounds the applicant may invoke (restoration grounds, exemptions "
        "from naturalization conditions).",
    )
    channel_counter = fields.Boolean(string="Filed at the counter", default=True)
    channel_online = fields.Boolean(string="Filed online")
    channel_post = fields.Boolean(string="Filed by post")
    deciding_agency_type = fields.Selection(
        AGENCY_TYPES, string="Deciding authority", required=True, default="stp"
    )
    decided_by_ministry = fields.Boolean(
        compute="_compute_decided_by_ministry",
        store=True,
        help="The decision is taken at national level (State President) and "
        "recorded by the Ministry.",
    )
    result_document = fields.Char(translate=True, help="What the applicant receives.")
    register_id = fields.Many2one("nationality.register", string="Register")
    rule_version_ids = fields.One2many("nationality.rule.version", "procedure_id")
    rule_version_count = fields.Integer(compute="_compute_rule_version_count")
    retention_years = fields.Integer(
        string="Retention of closed dossiers (years)",
        default=20,
        help="After this many years, a closed dossier's attachments are listed for archival review.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each procedure code can be used once."),
    ]

    @api.depends("deciding_agency_type")
    def _compute_decided_by_ministry(self):
        for procedure in self:
            procedure.decided_by_ministry = procedure.deciding_agency_type in (
                "president",
                "ministry",
            )

    def _compute_rule_version_count(self):
        for procedure in self:
            procedure.rule_version_count = len(procedure.rule_version_ids)

    def _get_rule_version(self, on_date):
        """Return the rule version in force on ``on_date`` (a date)."""
        self.ensure_one()
        version = self.env["nationality.rule.version"].search(
            [
                ("procedure_id", "=", self.id),
                ("date_from", "<=", on_date),
            ],
            order="date_from desc, id desc",
            limit=1,
        )
        if not version:
            raise UserError(
                _(
                    "No rules of the procedure %(procedure)s were in force on %(date)s. "
                    "An administrator must add a rule version.",
                    procedure=self.name,
                    date=on_date.strftime("%d/%m/%Y"),
                )
            )
        return version

    def _get_channels(self):
        self.ensure_one()
        return [
            channel
            for channel, allowed in (
                ("counter", self.channel_counter),
                ("online", self.channel_online),
                ("post", self.channel_post),
            )
            if allowed
        ]

    def action_open_rule_versions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Rule versions"),
            "res_model": "nationality.rule.version",
            "view_mode": "list,form",
            "domain": [("procedure_id", "=", self.id)],
            "context": {"default_procedure_id": self.id},
        }
