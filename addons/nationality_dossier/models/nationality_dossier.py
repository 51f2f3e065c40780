# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextvars
import logging
from contextlib import contextmanager

import psycopg2.errors
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools.access import user_rights_env
from ..tools.config_param import int_param
from ..tools.dates import date_in_words_vi
from ..tools.language import user_language_env

_logger = logging.getLogger(__name__)

DOSSIER_STATES = [
    ("draft", "Draft"),
    ("submitted", "Received online"),
    ("received", "Received, being checked"),
    ("supplement", "Supplement requested"),
    ("in_progress", "In progress"),
    ("decided", "Decided"),
    ("delivered", "Result delivered"),
    ("refused", "Refused at reception"),
    ("withdrawn", "Withdrawn"),
]
# Statutory days are counted in Vietnam's time zone.
LOCAL_TZ = "Asia/Ho_Chi_Minh"
# States in which the applicant's file is still being checked at reception.
CHECK_STATES = ("submitted", "received")
# States after which nobody edits the dossier any more.
CLOSED_STATES = ("decided", "delivered", "refused", "withdrawn")
OPEN_STATES = ("submitted", "received", "supplement", "in_progress")

# Fields that only the workflow methods below may change.
WORKFLOW_FIELDS = frozenset(
    {
        "name",
        "state",
        "state_before_supplement",
        "stage_id",
        "current_stage_line_id",
        "rule_version_id",
        "date_filed",
        "date_received",
        "date_accepted",
        "date_appointment",
        "date_due",
        "days_left",
        "is_overdue",
        "is_due_soon",
        "clock_paused_since",
        "paused_working_days",
        "reached_ministry",
        "register_number",
        "register_year",
        "received_by_id",
        "accepted_by_id",
        "decision_result",
        "decision_number",
        "decision_date",
        "decided_by_id",
        "date_decided",
        "date_delivered",
        "delivered_by_id",
        "refusal_reason",
        "refused_by_id",
        "date_refused",
        "withdrawal_reason",
        "date_withdrawn",
        "withdrawn_by_id",
        "supplement_note",
        "date_supplement_requested",
        "supplement_requested_by_id",
        "date_supplement_received",
        "supplement_received_by_id",
        "supplement_count",
        "retention_flagged",
        "retention_decision",
        "retention_reviewed_by_id",
        "retention_review_date",
        "retention_note",
    }
)

# Longest values accepted for the dossier's own text fields, in characters
# (the identity fields have theirs in nationality.person.mixin).
DOSSIER_TEXT_LIMITS = {
    "email": 254,
    "phone": 40,
    "street": 250,
    "address_legacy": 500,
    "address_abroad": 500,
    "birth_registration_place": 250,
    "residence_before_leaving": 250,
    "vietnamese_name_requested": 150,
    "reasons": 4000,
    "former_nationality_loss": 500,
    "representative_name": 150,
    "representative_relation": 100,
}

# Names among the dossier's own text fields: they need a visible letter.
DOSSIER_NAME_FIELDS = frozenset({"vietnamese_name_requested", "representative_name"})

# What the Ministry edits on a department's dossier that reached it; the
# applicant's identity and file are the department's responsibility.
MINISTRY_FIELDS = frozenset({"ministry_user_id", "note"})

_workflow_active = contextvars.ContextVar("nationality_dossier_workflow", default=False)
_simulated_now = contextvars.ContextVar("nationality_dossier_simulated_now", default=None)


@contextmanager
def workflow_transition():
    """Allow writes to workflow fields for the duration of one transition.

    A context variable, unlike the Odoo context, cannot be set by an RPC
    caller, so workflow fields stay out of reach of plain ``write`` calls."""
    token = _workflow_active.set(True)
    try:
        yield
    finally:
        _workflow_active.reset(token)


@contextmanager
def simulated_clock(moment):
    """Run the workflow as if it were ``moment`` (a naive UTC datetime): used to
    load demo data and to record paper dossiers received in the past. Like the
    workflow guard, it cannot be reached over RPC."""
    token = _simulated_now.set(moment)
    try:
        yield
    finally:
        _simulated_now.reset(token)


def check_derived_fields(records, vals):
    """Refuse values for the fields the system derives (stored computed or
    related fields that are not editable): the department of a dossier's
    line, whether a document is satisfied, whether a stage was on time..."""
    derived = [
        name
        for name in vals
        if (field := records._fields.get(name)) is not None
        and field.compute
        and field.readonly
        and not field.inverse
    ]
    if derived:
        raise AccessError(
            user_language_env(records.env)._(
                "These fields of %(model)s are computed by the system and cannot be "
                "written: %(fields)s",
                fields=", ".join(
                    sorted(
                        records._fields[name].get_description(records.env)["string"]
                        for name in derived
                    )
                ),
                model=records._description,
            )
        )


def check_line_values(lines, vals):
    """What nobody writes on a line of a dossier (checklist line, family
    member, stage), the workflow and sudo included: the fields the system
    derives (the line's department follows its dossier; computed flags), and
    the dossier of an existing line."""
    check_derived_fields(lines, vals)
    if (
        lines
        and "dossier_id" in vals
        and any(line.dossier_id.id != vals["dossier_id"] for line in lines)
    ):
        raise UserError(
            user_language_env(lines.env)._(
                "A line of a dossier stays in its dossier: %(model)s cannot be moved to "
                "another dossier.",
                model=lines._description,
            )
        )


class NationalityDossier(models.Model):
    _name = "nationality.dossier"
    _description = "Nationality dossier"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "nationality.person.mixin",
        "nationality.access.logged.mixin",
    ]
    _order = "date_filed desc, id desc"
    _rec_names_search = ["name", "full_name", "id_document_number"]
    _check_company_auto = True
    # Closed dossiers are read-only, but staff still exchange messages on them.
    _mail_post_access = "read"

    name = fields.Char(
        string="Dossier code",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
        tracking=True,
    )
    procedure_id = fields.Many2one(
        "nationality.procedure", required=True, tracking=True, index=True, ondelete="restrict"
    )
    procedure_code = fields.Selection(related="procedure_id.code", store=True, index=True)
    rule_version_id = fields.Many2one(
        "nationality.rule.version",
        string="Rule version",
        compute="_compute_rule_version_id",
        store=True,
        readonly=True,
        index=True,
        help="The rules in force on the filing date. They stay with the dossier.",
    )
    channel = fields.Selection(
        [("counter", "At the counter"), ("online", "Online"), ("post", "By post")],
        required=True,
        default="counter",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        string="Receiving department",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Applicant contact",
        index=True,
        help="The applicant's contact, who follows the dossier on the portal.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible officer",
        tracking=True,
        index=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    ministry_user_id = fields.Many2one(
        "res.users", string="Ministry officer", tracking=True, domain="[('share', '=', False)]"
    )
    state = fields.Selection(
        DOSSIER_STATES,
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
    )
    state_before_supplement = fields.Selection(DOSSIER_STATES, readonly=True, copy=False)
    stage_id = fields.Many2one(
        "nationality.stage",
        string="Stage",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand="_read_group_stage_ids",
    )
    stage_agency_type = fields.Selection(related="stage_id.agency_type", string="Stage agency")
    # The form offers each transition to the agency whose turn it is (the
    # actions themselves check it again).
    at_ministry_stage = fields.Boolean(related="stage_id.is_ministry_stage")
    decided_by_ministry = fields.Boolean(related="procedure_id.decided_by_ministry")
    stage_line_ids = fields.One2many("nationality.dossier.stage.line", "dossier_id", readonly=True)
    current_stage_line_id = fields.Many2one(
        "nationality.dossier.stage.line", readonly=True, copy=False
    )
    stage_date_due = fields.Date(
        related="current_stage_line_id.date_due", string="Stage due date", store=True
    )
    date_filed = fields.Datetime(
        string="Filed on",
        readonly=True,
        copy=False,
        index=True,
        help="When the applicant filed the dossier. It fixes the rules that apply.",
    )
    date_received = fields.Datetime(string="Received on", readonly=True, copy=False)
    date_accepted = fields.Datetime(
        string="Accepted on",
        readonly=True,
        copy=False,
        help="The file was complete: the clock started.",
    )
    date_appointment = fields.Date(
        string="Appointment date",
        readonly=True,
        copy=False,
        tracking=True,
        help="Date of the result as printed on the receipt, moved by the days the clock stood still.",
    )
    date_due = fields.Date(
        string="Due date",
        readonly=True,
        copy=False,
        index=True,
        help="Statutory date of the result.",
    )
    days_left = fields.Integer(
        readonly=True,
        copy=False,
        help="Working days left until the due date; negative when overdue.",
    )
    is_overdue = fields.Boolean(string="Overdue", readonly=True, copy=False, index=True)
    is_due_soon = fields.Boolean(string="Due soon", readonly=True, copy=False, index=True)
    clock_paused_since = fields.Date(readonly=True, copy=False)
    paused_working_days = fields.Integer(
        string="Working days the clock stood still", readonly=True, copy=False
    )
    reached_ministry = fields.Boolean(readonly=True, copy=False, index=True)
    register_id = fields.Many2one(related="procedure_id.register_id", string="Register")
    register_number = fields.Integer(string="Register line", readonly=True, copy=False)
    register_year = fields.Integer(readonly=True, copy=False)
    received_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    accepted_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    # Applicant: the identity fields come from nationality.person.mixin.
    email = fields.Char()
    phone = fields.Char()
    birth_registration_place = fields.Char(string="Place of birth registration")
    residence_country_id = fields.Many2one(
        "res.country",
        string="Country of residence",
        default=lambda self: self.env.ref("base.vn", raise_if_not_found=False),
    )
    address_scheme = fields.Selection(
        [
            ("current", "Vietnam, since 1 July 2025 (ward, province)"),
            ("legacy", "Vietnam, before 1 July 2025 (commune, district, province)"),
            ("abroad", "Abroad"),
        ],
        string="Address form",
        default="current",
        required=True,
    )
    street = fields.Char(string="House number, street")
    province_id = fields.Many2one(
        "nationality.admin.unit", domain="[('unit_type', '=', 'province')]"
    )
    ward_id = fields.Many2one(
        "nationality.admin.unit",
        string="Ward / commune",
        domain="[('unit_type', '=', 'ward'), ('parent_id', '=', province_id)]",
    )
    address_legacy = fields.Char(
        string="Address (former units)",
        help="Commune, district and province as written before the 2025 reorganisation.",
    )
    legacy_state_id = fields.Many2one(
        "res.country.state", string="Former province", domain="[('country_id.code', '=', 'VN')]"
    )
    address_abroad = fields.Char(string="Address abroad")
    residence_address = fields.Char(compute="_compute_residence_address", string="Residence")
    residence_before_leaving = fields.Char(string="Residence in Vietnam before leaving")

    # Procedure-specific questions.
    vietnamese_name_requested = fields.Char(string="Vietnamese name requested")
    keep_foreign_nationality = fields.Boolean(string="Asks to keep a foreign nationality")
    reasons = fields.Text(string="Reasons and purpose")
    ground_ids = fields.Many2many(
        "nationality.ground",
        "nationality_dossier_ground_rel",
        "dossier_id",
        "ground_id",
        string="Grounds and exemptions invoked",
        domain="[('id', 'in', allowed_ground_ids)]",
    )
    allowed_ground_ids = fields.Many2many(related="procedure_id.ground_ids")
    former_nationality_loss = fields.Char(
        string="How Vietnamese nationality was lost",
        help="With the number and date of the decision, if any.",
    )
    foreign_country_id = fields.Many2one(
        "res.country",
        string="Foreign nationality concerned",
        help="Renunciation: the nationality applied for. Notice: the nationality acquired.",
    )
    foreign_nationality_date = fields.Date(string="Foreign nationality acquired on")
    represented = fields.Boolean(string="Filed by a legal representative")
    representative_name = fields.Char()
    representative_relation = fields.Char()
    former_official = fields.Boolean(string="Former official or armed-forces member")
    foreign_refusal = fields.Boolean(string="Foreign nationality refused after renunciation")

    member_ids = fields.One2many(
        "nationality.dossier.member", "dossier_id", string="Family members"
    )
    minor_children_count = fields.Integer(compute="_compute_minor_children_count")
    document_ids = fields.One2many("nationality.dossier.document", "dossier_id", string="Documents")
    missing_document_count = fields.Integer(compute="_compute_missing_document_count")

    # Fees
    currency_id = fields.Many2one(related="procedure_id.currency_id")
    fee_amount = fields.Monetary(
        compute="_compute_fee_amount", store=True, readonly=False, tracking=True
    )
    fee_exemption_id = fields.Many2one(
        "nationality.ground",
        string="Fee exemption",
        domain="[('id', 'in', allowed_fee_exemption_ids)]",
        tracking=True,
    )
    allowed_fee_exemption_ids = fields.Many2many(related="procedure_id.fee_exemption_ids")
    fee_paid = fields.Boolean(tracking=True)
    fee_receipt_number = fields.Char()
    fee_paid_date = fields.Date()

    # Supplement, refusal, withdrawal, decision, delivery
    supplement_note = fields.Text(readonly=True, copy=False)
    date_supplement_requested = fields.Date(readonly=True, copy=False)
    supplement_requested_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_supplement_received = fields.Datetime(
        readonly=True, copy=False, help="When the last supplement was received."
    )
    supplement_received_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="The officer who recorded it at the counter, or the applicant who answered online.",
    )
    supplement_count = fields.Integer(readonly=True, copy=False)
    refusal_reason = fields.Text(readonly=True, copy=False)
    refused_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_refused = fields.Datetime(readonly=True, copy=False)
    withdrawal_reason = fields.Text(readonly=True, copy=False)
    date_withdrawn = fields.Datetime(readonly=True, copy=False)
    withdrawn_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decision_result = fields.Selection(
        [("granted", "Granted"), ("refused", "Not granted")],
        readonly=True,
        copy=False,
        tracking=True,
    )
    decision_number = fields.Char(readonly=True, copy=False, tracking=True)
    decision_date = fields.Date(readonly=True, copy=False)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_decided = fields.Datetime(readonly=True, copy=False)
    date_delivered = fields.Datetime(readonly=True, copy=False)
    delivered_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    on_time = fields.Boolean(
        compute="_compute_on_time",
        store=True,
        help="Decided on or before the due date.",
    )
    on_time_rate = fields.Float(
        string="On-time rate (%)",
        compute="_compute_on_time",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="100 for a dossier decided on or before its due date, 0 for one decided "
        "late. Averaged over the decided dossiers only (the others do not count).",
    )
    # Staff only: the applicant reads their own dossier (portal and RPC), and
    # these are the department's working notes and archival review.
    note = fields.Html(string="Internal notes", groups="base.group_user")

    # Retention of closed dossiers: flagged for an archival review, never deleted.
    date_closed = fields.Date(compute="_compute_date_closed", store=True, index=True)
    retention_due_date = fields.Date(
        compute="_compute_retention_due_date",
        store=True,
        index=True,
        help="When the closed dossier's documents are due for an archival review "
        "(closing date + the procedure's retention period).",
    )
    retention_flagged = fields.Boolean(
        string="Archival review due", readonly=True, copy=False, index=True
    )
    retention_decision = fields.Selection(
        [("keep", "Keep in the system"), ("archive", "Hand over to the archives")],
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    retention_reviewed_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, groups="base.group_user"
    )
    retention_review_date = fields.Date(readonly=True, copy=False, groups="base.group_user")
    retention_note = fields.Text(readonly=True, copy=False, groups="base.group_user")

    _sql_constraints = [
        (
            # Drafts all share the placeholder "/": the code is unique once given.
            "code_company_unique",
            "EXCLUDE USING btree (name WITH =, company_id WITH =) WHERE (name <> '/')",
            "A dossier code is given once per receiving department.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("procedure_id", "date_filed")
    def _compute_rule_version_id(self):
        for dossier in self:
            if not dossier.procedure_id:
                dossier.rule_version_id = False
                continue
            on_date = dossier._filing_day()
            version = self.env["nationality.rule.version"].search(
                [("procedure_id", "=", dossier.procedure_id.id), ("date_from", "<=", on_date)],
                order="date_from desc, id desc",
                limit=1,
            )
            dossier.rule_version_id = version

    @api.depends("procedure_id", "fee_exemption_id")
    def _compute_fee_amount(self):
        for dossier in self:
            dossier.fee_amount = (
                0.0 if dossier.fee_exemption_id else dossier.procedure_id.fee_amount
            )

    @api.depends(
        "address_scheme",
        "street",
        "ward_id",
        "province_id",
        "address_legacy",
        "address_abroad",
        "residence_country_id",
    )
    def _compute_residence_address(self):
        for dossier in self:
            if dossier.address_scheme == "current":
                parts = [dossier.street, dossier.ward_id.name, dossier.province_id.name]
            elif dossier.address_scheme == "legacy":
                parts = [dossier.street, dossier.address_legacy]
            else:
                parts = [dossier.address_abroad, dossier.residence_country_id.name]
            dossier.residence_address = ", ".join(part for part in parts if part)

    @api.depends("member_ids.applies_with_applicant")
    def _compute_minor_children_count(self):
        for dossier in self:
            dossier.minor_children_count = len(
                dossier.member_ids.filtered("applies_with_applicant")
            )

    @api.depends("document_ids.is_satisfied", "document_ids.is_applicable")
    def _compute_missing_document_count(self):
        for dossier in self:
            dossier.missing_document_count = len(
                dossier.document_ids.filtered(lambda line: line.is_blocking)
            )

    @api.depends("state", "date_decided", "date_due")
    def _compute_on_time(self):
        for dossier in self:
            # The day of the decision in Vietnam, not the server's UTC day
            # (a decision at 06:00 in Hà Nội is still the day before in UTC).
            dossier.on_time = bool(
                dossier.date_decided
                and dossier.date_due
                and fields.Datetime.context_timestamp(
                    dossier.with_context(tz=LOCAL_TZ), dossier.date_decided
                ).date()
                <= dossier.date_due
            )
            dossier.on_time_rate = 100.0 if dossier.on_time else 0.0

    def _read_group_select(self, aggregate_spec, query):
        # A plain average would count every dossier not yet decided as late:
        # the rate is taken over the decided dossiers that had a due date.
        if aggregate_spec != "on_time_rate:avg":
            return super()._read_group_select(aggregate_spec, query)
        rate = self._field_to_sql(self._table, "on_time_rate", query)
        decided = self._field_to_sql(self._table, "date_decided", query)
        due = self._field_to_sql(self._table, "date_due", query)
        return SQL(
            "AVG(CASE WHEN %s IS NOT NULL AND %s IS NOT NULL THEN %s END)", decided, due, rate
        )

    @api.depends("state", "date_decided", "date_delivered", "date_refused", "date_withdrawn")
    def _compute_date_closed(self):
        for dossier in self:
            moment = {
                "decided": dossier.date_decided,
                "delivered": dossier.date_delivered or dossier.date_decided,
                "refused": dossier.date_refused,
                "withdrawn": dossier.date_withdrawn,
            }.get(dossier.state)
            dossier.date_closed = (
                fields.Datetime.context_timestamp(dossier._in_local_tz(), moment).date()
                if moment
                else False
            )

    @api.depends("date_closed", "procedure_id.retention_years", "retention_review_date")
    def _compute_retention_due_date(self):
        for dossier in self:
            years = dossier.procedure_id.retention_years
            start = dossier.retention_review_date or dossier.date_closed
            dossier.retention_due_date = (
                start + relativedelta(years=years) if start and years > 0 else False
            )

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for dossier in self:
            dossier.access_url = f"/my/nationality/{dossier.id}"

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        procedure_id = self.env.context.get("default_procedure_id")
        if procedure_id:
            procedure = self.env["nationality.procedure"].browse(procedure_id)
            version = procedure._get_rule_version(self._today())
            return version.stage_ids
        return stages

    @api.depends("name", "full_name")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # Per user and sudo (depends_context "uid"): the name depends on
        # whether the user behind the environment may read the dossier.
        readable = self._readable_by_current_user()
        for dossier in self:
            if dossier not in readable:
                # Odoo names the target of a many-to-one as superuser: a
                # letter line or a wizard pointing at another department's
                # dossier must not reveal its code or its applicant.
                dossier.display_name = _("Restricted dossier")
            elif dossier.name and dossier.name != "/":
                dossier.display_name = f"{dossier.name} – {dossier.full_name or ''}".strip(" –")
            else:
                dossier.display_name = dossier.full_name or _("New dossier")

    def _readable_by_current_user(self):
        """The dossiers among these that the user behind the environment may
        read by the record rules, even when this runs as superuser."""
        stored = self.filtered(lambda dossier: isinstance(dossier.id, int))
        user_env = user_rights_env(self.env)
        if not self.env.su or user_env is None or not stored:
            return self
        readable = stored.with_env(user_env)._filtered_access("read")
        return (self - stored) | readable.with_env(self.env)

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def _text_limits(self):
        limits = super()._text_limits()
        limits.update(DOSSIER_TEXT_LIMITS)
        return limits

    @api.model
    def _name_fields(self):
        return super()._name_fields() | DOSSIER_NAME_FIELDS

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not _workflow_active.get():
                check_derived_fields(self, vals)
            forbidden = (set(vals) & WORKFLOW_FIELDS) - {"name"}
            if forbidden and not _workflow_active.get():
                raise AccessError(
                    _(
                        "These fields change only through the dossier's workflow: %(fields)s",
                        fields=", ".join(sorted(forbidden)),
                    )
                )
            if vals.get("name", "/") != "/" and not _workflow_active.get():
                vals["name"] = "/"
        dossiers = super().create(vals_list)
        dossiers._sync_checklist()
        return dossiers

    def write(self, vals):
        protected = set(vals) & WORKFLOW_FIELDS
        if protected and not _workflow_active.get():
            raise AccessError(
                _(
                    "These fields change only through the dossier's workflow: %(fields)s",
                    fields=", ".join(sorted(protected)),
                )
            )
        if "procedure_id" in vals and any(d.state != "draft" for d in self):
            raise UserError(_("The procedure of a filed dossier cannot be changed."))
        if "company_id" in vals and any(
            d.state != "draft" and d.company_id.id != vals["company_id"] for d in self
        ):
            # For everybody, the workflow and sudo included: the department
            # that received the dossier keeps it (a draft may still move).
            raise UserError(
                _(
                    "The receiving department of a filed dossier cannot be changed: "
                    "it is fixed when the dossier is filed."
                )
            )
        if not _workflow_active.get():
            check_derived_fields(self, vals)
            self._check_ministry_write(vals)
            self._check_fee_write(vals)
        result = super().write(vals)
        if "procedure_id" in vals:
            self._sync_checklist()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(dossier.state != "draft" for dossier in self):
            raise UserError(
                _(
                    "Only draft dossiers can be deleted; a filed dossier is withdrawn or refused instead."
                )
            )

    def _write_workflow(self, vals):
        with workflow_transition():
            return self.write(vals)

    def _is_department_staff(self, user=None):
        """Whether ``user`` (the current user) works at the Department of
        Justice that received the dossier."""
        self.ensure_one()
        user = user or self.env.user
        return (
            user.has_group("nationality_dossier.group_reception_officer")
            and self.company_id in user.company_ids
        )

    def _check_ministry_write(self, vals):
        """The Ministry edits only its own fields of the departments' dossiers
        (its officer in charge, internal notes): the applicant's identity and
        file are the receiving department's."""
        if not self._is_ministry_reviewer():
            return
        refused = set(vals) - self._ministry_fields()
        if not refused:
            return
        for dossier in self:
            if not dossier._is_department_staff():
                raise AccessError(
                    _(
                        "Dossier %(code)s belongs to %(department)s: the Ministry may change only "
                        "%(allowed)s. Ask the department to correct %(fields)s.",
                        code=dossier.display_name,
                        # sudo: the name of the department, which Ministry
                        # users may not read as a company.
                        department=dossier.sudo().company_id.name,
                        allowed=", ".join(self._field_labels(self._ministry_fields())),
                        fields=", ".join(self._field_labels(refused)),
                    )
                )

    @api.model
    def _is_ministry_reviewer(self):
        """Whether the current user reviews dossiers for the Ministry (and
        is not an administrator, who may change anything still open)."""
        user = self.env.user
        return (
            not self.env.su
            and user.has_group("nationality_dossier.group_ministry_officer")
            and not user.has_group("nationality_dossier.group_nationality_admin")
        )

    @api.model
    def _ministry_fields(self):
        """The fields the Ministry may change on a department's dossier."""
        return set(MINISTRY_FIELDS)

    @api.model
    def _field_labels(self, names):
        return sorted(
            self._fields[name].get_description(self.env)["string"]
            for name in names
            if name in self._fields
        )

    def _expected_fee(self, exemption=None):
        """The fee the procedure sets, or nothing with a fee exemption."""
        self.ensure_one()
        exemption = self.fee_exemption_id if exemption is None else exemption
        return 0.0 if exemption else self.procedure_id.fee_amount

    def _check_fee_write(self, vals):
        """Once filed, the fee follows the procedure and the fee exemption: it
        is not typed by hand (a draft may still show another amount)."""
        if "fee_amount" not in vals:
            return
        for dossier in self.filtered(lambda d: d.state != "draft"):
            exemption = (
                self.env["nationality.ground"].browse(vals["fee_exemption_id"])
                if "fee_exemption_id" in vals
                else dossier.fee_exemption_id
            )
            expected = dossier._expected_fee(exemption)
            currency = dossier.currency_id or dossier.company_id.currency_id
            if currency.compare_amounts(vals["fee_amount"] or 0.0, expected):
                raise UserError(
                    _(
                        "The fee of dossier %(code)s is set by its procedure or its fee "
                        "exemption: record the exemption instead of changing the amount.",
                        code=dossier.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Checklist
    # ------------------------------------------------------------------
    def _sync_checklist(self):
        """Give the dossier one checklist line per item of its rule version,
        dropping lines of another version that hold no document yet."""
        Line = self.env["nationality.dossier.document"]
        for dossier in self:
            items = dossier.rule_version_id.checklist_item_ids
            stale = dossier.document_ids.filtered(
                lambda line, items=items: line.checklist_item_id not in items
                and not line.attachment_ids
            )
            stale.unlink()
            present = dossier.document_ids.mapped("checklist_item_id")
            Line.create(
                [
                    {"dossier_id": dossier.id, "checklist_item_id": item.id}
                    for item in items
                    if item not in present
                ]
            )

    def _check_complete(self):
        """Raise with the list of what is missing when the file is not complete."""
        for dossier in self:
            problems = []
            if not dossier.full_name:
                problems.append(_("the applicant's full name"))
            if not dossier.id_document_number and not dossier.stateless:
                problems.append(_("an identity paper number"))
            if not dossier.rule_version_id:
                problems.append(_("rules in force on the filing date"))
            if dossier.channel not in dossier.procedure_id._get_channels():
                problems.append(
                    _(
                        "a filing channel allowed for this procedure (%(channel)s is not)",
                        channel=dict(self._fields["channel"]._description_selection(self.env))[
                            dossier.channel
                        ],
                    )
                )
            for line in dossier.document_ids.filtered("is_blocking"):
                problems.append(line._missing_reason())
            if dossier.fee_amount and not dossier.fee_paid:
                problems.append(_("payment of the fee"))
            if problems:
                raise UserError(
                    _(
                        "Dossier %(code)s cannot be accepted yet. Missing:\n- %(items)s",
                        code=dossier.display_name,
                        items="\n- ".join(problems),
                    )
                )

    # ------------------------------------------------------------------
    # Permissions
    # ------------------------------------------------------------------
    def _require_group(self, xmlid, action):
        if not self.env.user.has_group(xmlid):
            group = self.env.ref(xmlid)
            raise AccessError(
                _(
                    "Only a %(group)s may %(action)s.",
                    group=group.name,
                    action=action,
                )
            )

    def _require_state(self, states, action):
        self._lock_for_transition()
        for dossier in self:
            if dossier.state not in states:
                raise UserError(
                    _(
                        "Dossier %(code)s is in the state “%(state)s”: it cannot %(action)s now.",
                        code=dossier.display_name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            dossier.state
                        ],
                        action=action,
                    )
                )

    def _lock_for_transition(self, busy_message=None):
        """Take the dossiers' row locks before a transition, so that two
        officers acting on the same dossier at once cannot both succeed: the
        second is told at once (``busy_message``, else a message for
        officers) instead of waiting or overwriting. (A transaction that
        started before the other committed fails with a serialization error
        instead; the server retries it and it then meets the new state and
        refuses with a clear message.)"""
        if not self.ids:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM nationality_dossier WHERE id IN %s FOR UPDATE NOWAIT",
                    [tuple(self.ids)],
                )
        except psycopg2.errors.LockNotAvailable as error:
            raise UserError(
                busy_message
                or _(
                    "Another officer is changing this dossier right now. "
                    "Reload it in a moment and check its status before trying again."
                )
            ) from error

    # ------------------------------------------------------------------
    # Dossier code and register
    # ------------------------------------------------------------------
    def _assign_code(self):
        for dossier in self.filtered(lambda d: not d.name or d.name == "/"):
            dossier._write_workflow(
                {"name": dossier.company_id._nationality_next_dossier_code(dossier._today())}
            )

    def _assign_register_line(self):
        Counter = self.env["nationality.counter"]
        for dossier in self:
            year = dossier._today().year
            scope = f"register:{dossier.procedure_id.register_id.id or 0}:{dossier.company_id.id}:{year}"
            # sudo: the counter table is internal bookkeeping without rights of its own.
            number = Counter.sudo().next_value(scope)
            dossier._write_workflow({"register_number": number, "register_year": year})

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def action_receive(self):
        """Counter or post: record that the applicant's file was received."""
        self._require_group("nationality_dossier.group_reception_officer", _("receive a dossier"))
        self._require_state(("draft",), _("be received"))
        now = self._now()
        for dossier in self:
            if dossier.channel == "online":
                raise UserError(
                    _("An online dossier is filed by its applicant, not received at the counter.")
                )
            dossier._write_workflow(
                {
                    "state": "received",
                    "date_filed": dossier.date_filed or now,
                    "date_received": now,
                    "received_by_id": self.env.user.id,
                    "fee_amount": dossier._expected_fee(),
                }
            )
            dossier._assign_code()
            dossier._sync_checklist()
        return True

    def action_submit_online(self):
        """The applicant files an online dossier; the department then checks it."""
        self._require_state(("draft",), _("be filed"))
        now = self._now()
        for dossier in self:
            if "online" not in dossier.procedure_id._get_channels():
                raise UserError(
                    _(
                        "%(procedure)s cannot be filed online; it is filed in person.",
                        procedure=dossier.procedure_id.name,
                    )
                )
            dossier._write_workflow(
                {
                    "state": "submitted",
                    "channel": "online",
                    "date_filed": now,
                    "fee_amount": dossier._expected_fee(),
                }
            )
            dossier._assign_code()
            dossier._sync_checklist()
        return True

    def action_accept(self):
        """The file is complete: record it in the register and start the clock."""
        self._require_group("nationality_dossier.group_reception_officer", _("accept a dossier"))
        self._require_state(CHECK_STATES, _("be accepted"))
        self._check_complete()
        now = self._now()
        for dossier in self:
            dossier._write_workflow(
                {
                    "state": "in_progress",
                    "date_received": dossier.date_received or now,
                    "received_by_id": dossier.received_by_id.id or self.env.user.id,
                    "date_accepted": now,
                    "accepted_by_id": self.env.user.id,
                    "user_id": dossier.user_id.id or False,
                }
            )
            dossier._assign_register_line()
            dossier._plan_stages()
        return True

    def action_request_supplement(self, note=None, missing_lines=None):
        """Stop the clock and ask the applicant for the missing documents."""
        self._require_state((*CHECK_STATES, "in_progress"), _("receive a supplement request"))
        for dossier in self:
            # The agency that owns the current stage asks: the Ministry at its
            # own stages, the Department's desk otherwise.
            if dossier.stage_id.is_ministry_stage:
                self._require_group(
                    "nationality_dossier.group_ministry_officer",
                    _("request a supplement at this stage"),
                )
            else:
                self._require_group(
                    "nationality_dossier.group_reception_officer", _("request a supplement")
                )
            lines = (
                missing_lines.filtered(lambda line, d=dossier: line.dossier_id == d)
                if missing_lines
                else (dossier.document_ids.filtered("is_blocking"))
            )
            if not lines and not note:
                raise UserError(
                    _("List the missing documents or explain what must be supplemented.")
                )
            dossier.document_ids.write({"requested_in_supplement": False})
            lines.write({"requested_in_supplement": True})
            dossier._pause_clock()
            dossier._write_workflow(
                {
                    "state": "supplement",
                    "state_before_supplement": dossier.state,
                    "supplement_note": note or False,
                    "date_supplement_requested": dossier._today(),
                    "supplement_requested_by_id": self.env.user.id,
                    "supplement_count": dossier.supplement_count + 1,
                }
            )
            dossier._notify_applicant(
                dossier._applicant_env()._(
                    "Your dossier %(code)s needs additional documents.", code=dossier.name
                )
            )
        return True

    def action_supplement_received(self):
        """The applicant supplied what was asked: the dossier resumes where it stopped."""
        self._require_group("nationality_dossier.group_reception_officer", _("record a supplement"))
        return self._resume_after_supplement()

    def _resume_after_supplement(self):
        self._require_state(("supplement",), _("resume after a supplement"))
        for dossier in self:
            previous = dossier.state_before_supplement or "received"
            dossier._write_workflow(
                {
                    "state": previous,
                    "state_before_supplement": False,
                    "date_supplement_received": self._now(),
                    "supplement_received_by_id": self.env.user.id,
                }
            )
            # At a stage where the clock stands still (e.g. waiting for the release
            # from a foreign nationality) it stays stopped until the stage ends.
            if previous == "in_progress" and not dossier.stage_id.clock_stopped:
                dossier._resume_clock()
            dossier.document_ids.write({"requested_in_supplement": False})
        return True

    def action_refuse(self, reason):
        """Refuse the dossier at reception, with the reasons in writing."""
        self._require_group("nationality_dossier.group_reception_officer", _("refuse a dossier"))
        self._require_state((*CHECK_STATES, "supplement"), _("be refused at reception"))
        if not (reason or "").strip():
            raise UserError(_("A refusal must give its reasons."))
        for dossier in self:
            dossier._assign_code()
            dossier._write_workflow(
                {
                    "state": "refused",
                    "refusal_reason": reason.strip(),
                    "refused_by_id": self.env.user.id,
                    "date_refused": self._now(),
                    "clock_paused_since": False,
                    "is_overdue": False,
                    "is_due_soon": False,
                }
            )
            dossier._notify_applicant(
                dossier._applicant_env()._(
                    "Your dossier %(code)s was not accepted. Reasons: %(reason)s",
                    code=dossier.name,
                    reason=reason.strip(),
                )
            )
        return True

    def action_withdraw(self, reason):
        """Record the applicant's written withdrawal."""
        self._require_group("nationality_dossier.group_reception_officer", _("record a withdrawal"))
        self._require_state(OPEN_STATES, _("be withdrawn"))
        if not (reason or "").strip():
            raise UserError(_("Record the applicant's reason for withdrawing."))
        for dossier in self:
            if dossier.current_stage_line_id:
                dossier.current_stage_line_id._write_workflow({"state": "cancelled"})
            dossier._write_workflow(
                {
                    "state": "withdrawn",
                    "withdrawal_reason": reason.strip(),
                    "date_withdrawn": self._now(),
                    "withdrawn_by_id": self.env.user.id,
                    "clock_paused_since": False,
                    "is_overdue": False,
                    "is_due_soon": False,
                }
            )
        return True

    def action_complete_stage(self):
        """Record that the current stage is done and start the next one."""
        self._require_state(("in_progress",), _("move to the next stage"))
        for dossier in self:
            dossier._require_stage_actor(_("complete this stage"))
            line = dossier.current_stage_line_id
            following = dossier.stage_line_ids.filtered(
                lambda next_line, line=line: next_line.sequence > line.sequence
                and next_line.state == "planned"
            ).sorted("sequence")
            if not following:
                raise UserError(
                    _("%(stage)s is the last stage: record the decision instead.", stage=line.name)
                )
            was_paused = dossier.clock_paused_since
            line._mark_done()
            if was_paused and line.stage_id.clock_stopped:
                dossier._resume_clock()
            dossier._start_stage(following[0])
        return True

    def action_decide(self, result, decision_number=None, decision_date=None, note=None):
        """Record the decision: granted (at the last stage) or not granted."""
        self._require_state(("in_progress",), _("be decided"))
        if result not in ("granted", "refused"):
            raise UserError(_("A decision grants or refuses."))
        for dossier in self:
            if dossier.procedure_id.decided_by_ministry:
                dossier._require_group(
                    "nationality_dossier.group_ministry_leader",
                    _("record a decision of the State President"),
                )
            else:
                dossier._require_group(
                    "nationality_dossier.group_stp_leader", _("decide this dossier")
                )
            line = dossier.current_stage_line_id
            remaining = dossier.stage_line_ids.filtered(
                lambda other, line=line: other.sequence > line.sequence and other.state == "planned"
            )
            if result == "granted" and remaining:
                raise UserError(
                    _(
                        "Dossier %(code)s is at %(stage)s; it can be granted only at its last stage.",
                        code=dossier.name,
                        stage=line.name,
                    )
                )
            if result == "granted" and not (decision_number or "").strip():
                raise UserError(_("A granting decision needs its number."))
            if line:
                line._mark_done()
            remaining._write_workflow({"state": "cancelled"})
            if dossier.clock_paused_since:
                dossier._resume_clock()
            dossier._write_workflow(
                {
                    "state": "decided",
                    "decision_result": result,
                    "decision_number": (decision_number or "").strip() or False,
                    "decision_date": decision_date or dossier._today(),
                    "decided_by_id": self.env.user.id,
                    "date_decided": self._now(),
                    "current_stage_line_id": False,
                    "is_overdue": False,
                    "is_due_soon": False,
                }
            )
            if note:
                dossier.message_post(body=note)
            dossier._notify_applicant(
                dossier._applicant_env()._(
                    "A decision was taken on your dossier %(code)s. Please collect the result.",
                    code=dossier.name,
                )
            )
        return True

    def action_deliver(self):
        """Record that the result was handed to the applicant."""
        self._require_group("nationality_dossier.group_reception_officer", _("deliver a result"))
        self._require_state(("decided",), _("have its result delivered"))
        # sudo: decided dossiers are read-only for everybody (a record rule);
        # this transition is the one change allowed, and the group and state
        # checks above already decided that this user may make it.
        for dossier in self.sudo():
            dossier._write_workflow(
                {
                    "state": "delivered",
                    "date_delivered": self._now(),
                    "delivered_by_id": self.env.uid,
                }
            )
        return True

    def _require_stage_actor(self, action):
        self.ensure_one()
        if self.stage_id.is_ministry_stage:
            self._require_group("nationality_dossier.group_ministry_officer", action)
        else:
            self._require_group("nationality_dossier.group_processing_officer", action)

    # ------------------------------------------------------------------
    # Stages and deadlines
    # ------------------------------------------------------------------
    def _plan_stages(self):
        """Create one line per stage of the rule version, start the first and
        fix the appointment date at the end of the planned chain."""
        Calendar = self.env["nationality.working.calendar"]
        for dossier in self:
            stages = dossier.rule_version_id.stage_ids.sorted("sequence")
            if not stages:
                raise UserError(
                    _(
                        "The rule version %(version)s has no stages; an administrator must configure them.",
                        version=dossier.rule_version_id.display_name,
                    )
                )
            with workflow_transition():
                dossier.stage_line_ids.unlink()
            start = dossier._today()
            planned_due = start
            values = []
            for stage in stages:
                if stage.time_limit:
                    planned_due = Calendar.add_time_limit(
                        planned_due, stage.time_limit, stage.time_unit, stage.extend_to_working_day
                    )
                values.append(
                    {
                        "dossier_id": dossier.id,
                        "stage_id": stage.id,
                        "sequence": stage.sequence,
                        "time_limit": stage.time_limit,
                        "time_unit": stage.time_unit,
                        "planned_date_due": planned_due,
                    }
                )
            with workflow_transition():
                lines = self.env["nationality.dossier.stage.line"].create(values)
            dossier._write_workflow({"date_appointment": planned_due, "date_due": planned_due})
            dossier._start_stage(lines.sorted("sequence")[0])

    def _start_stage(self, line):
        self.ensure_one()
        today = self._today()
        stage = line.stage_id
        due = False
        if stage.time_limit and not stage.clock_stopped:
            due = self.env["nationality.working.calendar"].add_time_limit(
                today, stage.time_limit, stage.time_unit, stage.extend_to_working_day
            )
        line._write_workflow({"state": "running", "date_start": today, "date_due": due})
        vals = {"stage_id": stage.id, "current_stage_line_id": line.id}
        if stage.is_ministry_stage:
            vals["reached_ministry"] = True
        self._write_workflow(vals)
        if stage.clock_stopped:
            self._pause_clock()
        self._refresh_deadline_status()

    def _pause_clock(self):
        for dossier in self.filtered(
            lambda d: d.state == "in_progress" and not d.clock_paused_since
        ):
            dossier._write_workflow({"clock_paused_since": dossier._today()})

    def _resume_clock(self):
        """Move the deadlines by the time the clock stood still."""
        Calendar = self.env["nationality.working.calendar"]
        for dossier in self.filtered("clock_paused_since"):
            today = dossier._today()
            since = dossier.clock_paused_since
            paused_working = max(Calendar.working_days_between(since, today), 0)
            paused_calendar = max((today - since).days, 0)
            line = dossier.current_stage_line_id
            if line and line.date_due:
                if line.time_unit == "working_day":
                    new_due = Calendar.add_working_days(line.date_due, paused_working)
                else:
                    new_due = Calendar.add_calendar_days(
                        line.date_due, paused_calendar, line.stage_id.extend_to_working_day
                    )
                line._write_workflow(
                    {"date_due": new_due, "paused_days": line.paused_days + paused_working}
                )
            vals = {
                "clock_paused_since": False,
                "paused_working_days": dossier.paused_working_days + paused_working,
            }
            if dossier.date_due:
                vals["date_due"] = Calendar.add_working_days(dossier.date_due, paused_working)
                vals["date_appointment"] = Calendar.add_working_days(
                    dossier.date_appointment or dossier.date_due, paused_working
                )
            dossier._write_workflow(vals)
            if paused_working:
                dossier.message_post(
                    body=_(
                        "The clock stood still for %(days)s working days; the due date is now %(date)s.",
                        days=paused_working,
                        date=vals.get("date_due") and vals["date_due"].strftime("%d/%m/%Y"),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        self._refresh_deadline_status()

    @api.model
    def _due_soon_threshold(self):
        return int_param(self.env, "nationality_dossier.due_soon_working_days", 3)

    def _refresh_deadline_status(self):
        """Recompute days left and the overdue / due-soon flags for today."""
        Calendar = self.env["nationality.working.calendar"]
        threshold = self._due_soon_threshold()
        for dossier in self:
            vals = {"days_left": 0, "is_overdue": False, "is_due_soon": False}
            if dossier.state == "in_progress" and not dossier.clock_paused_since:
                today = dossier._today()
                dates = [d for d in (dossier.date_due, dossier.current_stage_line_id.date_due) if d]
                if dossier.date_due:
                    vals["days_left"] = Calendar.working_days_between(today, dossier.date_due)
                if dates:
                    nearest = min(dates)
                    left = Calendar.working_days_between(today, nearest)
                    vals["is_overdue"] = today > nearest
                    vals["is_due_soon"] = not vals["is_overdue"] and left <= threshold
            elif dossier.state in ("supplement", "in_progress"):
                # The clock stands still: the days left do not run down.
                vals["days_left"] = dossier.days_left
            if any(dossier[name] != value for name, value in vals.items()):
                dossier._write_workflow(vals)

    # ------------------------------------------------------------------
    # Daily deadline watch
    # ------------------------------------------------------------------
    @api.model
    def _cron_retention_review(self):
        """Flag the closed dossiers whose retention period ended and ask the
        leaders of their department to review them. Nothing is deleted."""
        due = self.search(
            [
                ("state", "in", CLOSED_STATES),
                ("retention_due_date", "<=", self._today()),
                ("retention_flagged", "=", False),
            ]
        )
        for dossier in due:
            dossier._write_workflow({"retention_flagged": True})
            group = self.env.ref("nationality_dossier.group_stp_leader")
            for user in group.users.filtered(
                lambda u, d=dossier: u.active and d.company_id in u.company_ids and not u.share
            ):
                dossier.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=_("Archival review of a closed dossier"),
                    user_id=user.id,
                )
        return True

    def action_retention_review(self, decision, note=None):
        """A leader records the archival review of closed dossiers."""
        self._require_group("nationality_dossier.group_stp_leader", _("review the retention"))
        if decision not in ("keep", "archive"):
            raise UserError(
                _("Choose whether to keep the dossier or hand it over to the archives.")
            )
        self._require_state(CLOSED_STATES, _("be reviewed for archiving"))
        today = self._today()
        # sudo: closed dossiers are read-only by a record rule; the leader's
        # group was checked above and the review touches only its own fields.
        for dossier in self.sudo():
            dossier._write_workflow(
                {
                    "retention_flagged": False,
                    "retention_decision": decision,
                    "retention_reviewed_by_id": self.env.uid,
                    "retention_review_date": today,
                    "retention_note": note or False,
                }
            )
        return True

    def action_retention_keep(self):
        return self.action_retention_review("keep")

    def action_retention_archive(self):
        return self.action_retention_review("archive")

    @api.model
    def _cron_deadline_watch(self):
        """Refresh the flags, remind the responsible officers of deadlines
        coming up, and escalate overdue stages to the leaders."""
        dossiers = self.search([("state", "=", "in_progress")])
        dossiers._refresh_deadline_status()
        for dossier in dossiers:
            line = dossier.current_stage_line_id
            if not line:
                continue
            if dossier.is_overdue and not line.escalated:
                dossier._escalate_overdue(line)
            elif dossier.is_due_soon and not line.reminder_sent:
                dossier._remind_due_soon(line)
        return True

    def _stage_responsibles(self):
        self.ensure_one()
        if self.stage_id.is_ministry_stage:
            return self.ministry_user_id
        return self.user_id

    def _leaders(self):
        self.ensure_one()
        # Administrators hold every group to configure the system; the
        # escalations go to the leaders who run the agencies.
        if self.stage_id.is_ministry_stage:
            group = self.env.ref("nationality_dossier.group_ministry_leader")
            return group.users.filtered(
                lambda user: user.active
                and not user.share
                and not user.has_group("nationality_dossier.group_nationality_admin")
            )
        group = self.env.ref("nationality_dossier.group_stp_leader")
        return group.users.filtered(
            lambda user: user.active
            and not user.share
            and self.company_id in user.company_ids
            and not user.has_group("nationality_dossier.group_nationality_admin")
        )

    def _remind_due_soon(self, line):
        self.ensure_one()
        users = self._stage_responsibles() or self._leaders()
        for user in users:
            # In the language of the officer who reads it, stage name included
            # (the cron runs without one).
            local = self.with_context(lang=user.lang or self.env.lang)
            local.activity_schedule(
                "nationality_dossier.mail_activity_deadline",
                date_deadline=line.date_due or self.date_due,
                summary=local.env._(
                    "Due on %(date)s: %(stage)s",
                    date=(line.date_due or self.date_due).strftime("%d/%m/%Y"),
                    stage=line.with_env(local.env).name,
                ),
                user_id=user.id,
            )
        line._write_workflow({"reminder_sent": True})

    def _escalate_overdue(self, line):
        self.ensure_one()
        due = line.date_due or self.date_due
        for user in self._leaders():
            local = self.with_context(lang=user.lang or self.env.lang)
            local.activity_schedule(
                "nationality_dossier.mail_activity_overdue",
                date_deadline=self._today(),
                summary=local.env._(
                    "Overdue since %(date)s: %(stage)s",
                    date=due.strftime("%d/%m/%Y"),
                    stage=line.with_env(local.env).name,
                ),
                user_id=user.id,
            )
        # The note is read by the whole department: in the language of its
        # papers (Vietnamese when installed), stage name included.
        local = self.with_context(lang=self.env["nationality.dossier.slip.report"]._paper_lang())
        local.message_post(
            body=local.env._(
                "Stage %(stage)s passed its due date (%(date)s) and was escalated to the leaders.",
                stage=line.with_env(local.env).name,
                date=due.strftime("%d/%m/%Y"),
            ),
            subtype_xmlid="mail.mt_note",
        )
        line._write_workflow({"escalated": True})

    # ------------------------------------------------------------------
    # Applicant notifications
    # ------------------------------------------------------------------
    def _applicant_lang(self):
        """The language the applicant reads (else the current one)."""
        self.ensure_one()
        return self.partner_id.lang or self.env.lang

    def _applicant_env(self):
        """The environment in the applicant's language, to word their notices."""
        return self.with_context(lang=self._applicant_lang()).env

    def _notify_applicant(self, body):
        """Post a message the applicant receives (by e-mail and on the portal),
        signed by the Department that received the dossier."""
        for dossier in self:
            if not dossier.partner_id:
                dossier.message_post(body=body, subtype_xmlid="mail.mt_comment")
                continue
            # sudo: the transition that calls this was checked. The notice is
            # signed by the Department (its partner has no user, maybe no
            # e-mail address), never by the officer or the Ministry staff who
            # acted, whose names and addresses stay internal; subscribing the
            # applicant needs write access, which a closed dossier grants to
            # nobody.
            dossier = dossier.sudo()
            dossier.message_subscribe(partner_ids=dossier.partner_id.ids)
            dossier.with_context(mail_create_nosubscribe=True).message_post(
                body=body,
                subtype_xmlid="mail.mt_comment",
                author_id=dossier.company_id.partner_id.id,
                partner_ids=dossier.partner_id.ids,
            )

    # ------------------------------------------------------------------
    # Personal data access log
    # ------------------------------------------------------------------
    def _nationality_access_dossier(self):
        return self

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self.env["nationality.access.log"]._log_export(self, fields_to_export)
        return result

    # ------------------------------------------------------------------
    # Clock
    # ------------------------------------------------------------------
    def _now(self):
        return _simulated_now.get() or fields.Datetime.now()

    def _filing_day(self):
        """The day the dossier was filed, in the user's time zone (Vietnam for
        staff) like the dossier code; today for a draft."""
        self.ensure_one()
        if not self.date_filed:
            return self._today()
        return fields.Datetime.context_timestamp(self._in_local_tz(), self.date_filed).date()

    def _in_local_tz(self):
        """This recordset with a time zone in context: the user's, or Vietnam's
        for users who set none (citizens on the portal, integrators), so that
        days and deadlines are never counted in UTC."""
        tz = self.env.context.get("tz") or self.env.user.tz or LOCAL_TZ
        return self.with_context(tz=tz)

    def _today(self):
        """Today in the user's time zone (Vietnam by default), or the simulated day."""
        moment = _simulated_now.get()
        if moment:
            return fields.Date.context_today(self._in_local_tz(), timestamp=moment)
        return fields.Date.context_today(self._in_local_tz())

    # ------------------------------------------------------------------
    # Helpers for reports
    # ------------------------------------------------------------------
    def _format_date(self, value):
        if not value:
            return ""
        if hasattr(value, "hour"):
            value = fields.Datetime.context_timestamp(self._in_local_tz(), value)
        return value.strftime("%d/%m/%Y")

    def _date_in_words_vi(self, value=None):
        """'ngày 03 tháng 12 năm 2026', the dating line of Vietnamese official
        papers; today's date when no date is given."""
        return date_in_words_vi(value or self._today())

    @api.constrains("ground_ids", "procedure_id")
    def _check_grounds(self):
        for dossier in self:
            foreign = dossier.ground_ids - dossier.procedure_id.ground_ids
            if foreign:
                raise ValidationError(
                    _(
                        "%(grounds)s cannot be invoked in a dossier of %(procedure)s.",
                        grounds=", ".join(foreign.mapped("name")),
                        procedure=dossier.procedure_id.name,
                    )
                )

    @api.constrains("fee_exemption_id", "procedure_id")
    def _check_fee_exemption(self):
        for dossier in self:
            if (
                dossier.fee_exemption_id
                and dossier.fee_exemption_id not in dossier.procedure_id.fee_exemption_ids
            ):
                raise ValidationError(
                    _(
                        "%(ground)s is not a fee exemption of this procedure.",
                        ground=dossier.fee_exemption_id.name,
                    )
                )
