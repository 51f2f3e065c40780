# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import unicodedata

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.addons.nationality_dossier.models.nationality_dossier import (
    _workflow_active,
    workflow_transition,
)
from odoo.addons.nationality_dossier.tools.config_param import int_param
from odoo.addons.nationality_dossier.tools.dates import vietnam_today
from odoo.addons.nationality_dossier.tools.language import user_language_env
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError

from ..tools.text_input import check_field_texts, check_text, shown

REQUESTER_TYPES = [
    ("stp", "Department of Justice"),
    ("mission", "Overseas representative mission"),
    ("ministry", "Ministry or central agency"),
    ("police", "Police"),
    ("organisation", "Organisation"),
    ("individual", "Individual"),
]
# Requester type of each kind of agency (nationality.agency.agency_type).
AGENCY_REQUESTER_TYPES = {
    "stp": "stp",
    "mission": "mission",
    "ministry": "ministry",
    "other_ministry": "ministry",
    "president": "ministry",
    "police": "police",
    "people_committee": "organisation",
    "organisation": "organisation",
    "individual": "individual",
}
REQUEST_STATES = [
    ("received", "Received"),
    ("in_progress", "In progress"),
    ("answered", "Answered"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("received", "in_progress")
LOOKUP_RESULTS = [
    ("has_nationality", "Has Vietnamese nationality"),
    ("released", "Released from Vietnamese nationality"),
    ("deprived", "Deprived of Vietnamese nationality"),
    ("no_record", "No record found"),
    ("inconclusive", "Inconclusive"),
]
API_SUBMIT_KEYS = (
    "requester_agency_code",
    "purpose",
    "legal_basis",
    "contact",
    "letter_number",
    "letter_date",
    "persons",
)
MAX_API_PERSONS = 500
# Longest value of each text of a request, in characters (after NFC
# normalisation): the keys of the API payload and the fields they fill.
API_TEXT_LIMITS = {
    "requester_agency_code": 64,
    "purpose": 2000,
    "legal_basis": 500,
    "contact": 250,
    "letter_number": 64,
    "letter_date": 32,
}
REQUEST_TEXT_LIMITS = {
    "purpose": 2000,
    "legal_basis": 500,
    "contact": 250,
    "request_letter_ref": 64,
    "source_note": 250,
    "cancel_reason": 500,
}
REFERENCE_LIMIT = 64
# Fields of a request that only its workflow methods change (see
# workflow_transition() in nationality_dossier): the reference, where and how
# it was received, its deadline, its state and its answer.
REQUEST_WORKFLOW_FIELDS = frozenset(
    {
        "name",
        "company_id",
        "channel",
        "requester_type",
        "answer_working_days",
        "date_due",
        "state",
        "answer_letter_id",
        "answer_date",
        "answer_letter_number",
        "cancel_reason",
    }
)
# Fields of a request that the Ministry keeps while processing it: the date it
# received the request (the time limit counts from it), the officer in charge
# and the sources consulted. Requesters do not set them.
REQUEST_MINISTRY_FIELDS = frozenset(
    {
        "date_received",
        "user_id",
        "source_registry",
        "source_civil_status",
        "source_population",
        "source_note",
    }
)
_LETTER_REF = re.compile(r"^\s*(\d+)\s*/\s*(\S.*?)\s*$")


class NationalityLookupRequest(models.Model):
    """A request to look up the nationality status of one or more persons,
    sent to the Cục by a Department of Justice, an overseas mission, a
    ministry, an organisation or an individual, and answered by official
    letter within a time limit in working days."""

    _name = "nationality.lookup.request"
    _description = "Nationality lookup request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_received desc, id desc"
    _check_company_auto = True
    # Requesters follow their request and discuss it without editing it.
    _mail_post_access = "read"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company",
        string="Answering department",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self._default_company(),
        help="The Ministry's department in charge of nationality (the Cục).",
    )
    requester_agency_id = fields.Many2one(
        "nationality.agency",
        string="Requester",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._default_requester_agency(),
        help="Who asks: a Department of Justice, an overseas mission, a ministry, "
        "an organisation, or an individual recorded as an agency of type 'Individual'.",
    )
    requester_type = fields.Selection(
        REQUESTER_TYPES,
        string="Requester type",
        compute="_compute_requester",
        store=True,
        index=True,
    )
    contact = fields.Char(
        string="Contact person", help="Who to call about the request: name, phone, e-mail."
    )
    purpose = fields.Text(required=True, help="Why the lookup is asked for.")
    legal_basis = fields.Char(
        string="Legal basis", help="The procedure or provision under which the lookup is asked."
    )
    channel = fields.Selection(
        [("back_office", "Back office"), ("api", "Integrator API"), ("letter", "Official letter")],
        required=True,
        default="back_office",
        readonly=True,
    )
    request_letter_ref = fields.Char(
        string="Requester's letter number", help="Number and notation, e.g. 123/ĐSQ-LS."
    )
    request_letter_date = fields.Date(string="Requester's letter date")
    request_letter_id = fields.Many2one(
        "nationality.letter",
        string="Request letter",
        domain="[('letter_type', '=', 'lookup_request'), ('state', '!=', 'draft'), "
        "('issuing_agency_id', '=', requester_agency_id)]",
        help="The requester's letter, sent or received: answering the request answers it.",
        copy=False,
        tracking=True,
        index=True,
    )
    date_received = fields.Date(
        string="Date received",
        required=True,
        default=lambda self: self._ministry_today(),
        tracking=True,
        help="Date the Cục received the request; the time limit counts from the next working day.",
    )
    answer_working_days = fields.Integer(
        string="Time limit (working days)",
        default=lambda self: self._answer_working_days(),
        readonly=True,
        help="The time limit in force when the request was received.",
    )
    date_due = fields.Date(
        string="Answer due",
        compute="_compute_date_due",
        store=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned officer",
        tracking=True,
        index=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("nationality_dossier.group_ministry_officer").ids)
        ],
    )
    person_ids = fields.One2many(
        "nationality.lookup.person", "request_id", string="Persons", copy=True
    )
    person_count = fields.Integer(string="Number of persons", compute="_compute_person_stats")
    repeat_count = fields.Integer(
        string="Repeat persons",
        compute="_compute_person_stats",
        groups="nationality_dossier.group_ministry_officer",
    )
    unresolved_count = fields.Integer(
        string="Persons without result", compute="_compute_person_stats"
    )
    source_registry = fields.Boolean(string="Nationality records registry", default=True)
    source_civil_status = fields.Boolean(string="Civil-status database")
    source_population = fields.Boolean(string="National population database")
    source_note = fields.Char(string="Other sources consulted")
    state = fields.Selection(
        REQUEST_STATES,
        required=True,
        default="received",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand=True,
    )
    answer_letter_id = fields.Many2one(
        "nationality.letter", string="Answer letter", readonly=True, copy=False, index=True
    )
    answer_date = fields.Date(string="Answer date", readonly=True, copy=False, tracking=True)
    answer_letter_number = fields.Char(
        string="Answer letter number", readonly=True, copy=False, tracking=True
    )
    cancel_reason = fields.Char(string="Reason for cancelling", readonly=True, copy=False)

    _sql_constraints = [
        ("name_unique", "unique(name)", "A lookup request reference is unique."),
    ]

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    @api.model
    def _ministry_company(self):
        """The company working for the Ministry's department in charge of
        nationality: the company of the agency of type 'ministry'."""
        # sudo: which company answers for the Ministry is configuration every
        # requester needs, even one that cannot read that company or agency.
        agency = (
            self.env["nationality.agency"]
            .sudo()
            .search([("agency_type", "=", "ministry")], order="id", limit=1)
        )
        return agency.company_id or self.env["res.company"].sudo().search(
            [("nationality_agency_id", "=", agency.id)], order="id", limit=1
        )

    @api.model
    def _ministry_today(self):
        """Today at the Ministry, which receives and answers the requests on
        Vietnam's working days, whatever the time zone of the requester (an
        overseas mission, an integrator)."""
        return vietnam_today(self.env)

    @api.model
    def _default_company(self):
        return self._ministry_company() or self.env.company

    @api.model
    def _default_requester_agency(self):
        user = self.env.user
        return user.nationality_agency_id or self.env.company.nationality_agency_id

    @api.depends("requester_agency_id")
    def _compute_requester(self):
        for request in self:
            agency = request.requester_agency_id
            request.requester_type = AGENCY_REQUESTER_TYPES.get(agency.agency_type, "organisation")

    @api.model
    def _answer_working_days(self):
        return int_param(self.env, "nationality_exchange.lookup_answer_working_days", 10, 1)

    @api.depends("date_received", "answer_working_days")
    def _compute_date_due(self):
        calendar = self.env["nationality.working.calendar"]
        for request in self:
            days = request.answer_working_days or self._answer_working_days()
            request.date_due = (
                calendar.add_working_days(request.date_received, days)
                if request.date_received
                else False
            )

    @api.depends("date_due", "state")
    def _compute_is_overdue(self):
        today = self._ministry_today()
        for request in self:
            request.is_overdue = bool(
                request.state in OPEN_STATES and request.date_due and request.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("This search on overdue requests is not supported."))
        domain = [
            ("state", "in", OPEN_STATES),
            ("date_due", "<", self._ministry_today()),
        ]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.depends("state", "person_ids", "person_ids.result", "person_ids.repeat_of_id")
    def _compute_person_stats(self):
        # The results and repeat flags are the Ministry's until the answer:
        # requesters count the persons without a published result.
        ministry = self._is_ministry()
        for request in self:
            persons = request.person_ids
            request.person_count = len(persons)
            result = "result" if ministry else "result_published"
            request.unresolved_count = len(persons.filtered(lambda person, r=result: not person[r]))
            request.repeat_count = len(persons.filtered("repeat_of_id")) if ministry else 0

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_create_vals(vals)
            if vals.get("name", "/") == "/":
                # sudo: requesters outside the Ministry may not read sequences;
                # the reference is the only thing taken from it. Its year is
                # the Ministry's (Vietnam's), not the server's UTC year.
                vals["name"] = (
                    self.env["ir.sequence"]
                    .sudo()
                    .with_context(ir_sequence_date=self._ministry_today())
                    .next_by_code("nationality.lookup.request")
                )
            self._normalize_request_vals(vals)
            if vals.get("request_letter_id"):
                self._check_request_letter(
                    vals["request_letter_id"],
                    vals.get("requester_agency_id") or self._default_requester_agency().id,
                )
        return super().create(vals_list)

    def write(self, vals):
        if not _workflow_active.get():
            self._check_write_vals(vals)
        if vals.get("request_letter_id") or (
            vals.get("requester_agency_id") and any(self.mapped("request_letter_id"))
        ):
            for request in self:
                request._check_request_letter(
                    vals.get("request_letter_id", request.request_letter_id.id),
                    vals.get("requester_agency_id", request.requester_agency_id.id),
                    request.name,
                )
        self._normalize_request_vals(vals)
        return super().write(vals)

    def _write_workflow(self, vals):
        with workflow_transition():
            return self.write(vals)

    @api.model
    def _is_ministry(self):
        """The Ministry's officers, and the system itself (data files)."""
        return self.env.su or self.env.user.has_group("nationality_dossier.group_ministry_officer")

    @api.model
    def _refuse_fields(self, names, message):
        raise AccessError(message % {"fields": ", ".join(sorted(names))})

    @api.model
    def _check_create_vals(self, vals):
        """Outside the workflow, a new request is received today, through the
        back office, at the Ministry, without state or answer; only the
        Ministry records a request received earlier or assigns it. The form
        sends the defaults (today, no officer): they are accepted."""
        if _workflow_active.get():
            return
        today = self._ministry_today()
        defaults = {
            "name": "/",
            "company_id": self._default_company().id,
            "channel": "back_office",
            "state": "received",
            "answer_working_days": self._answer_working_days(),
        }
        workflow = {
            name
            for name in REQUEST_WORKFLOW_FIELDS & set(vals)
            if name not in defaults or vals[name] not in (defaults[name], False, None)
        }
        # Any company that works for the Ministry may be the answering one.
        # sudo: which agency a company acts for is configuration, whatever
        # companies the user may see.
        company = self.env["res.company"].browse(vals.get("company_id")).sudo()
        if company.nationality_agency_id.agency_type == "ministry":
            workflow.discard("company_id")
        if self._is_ministry():
            # The Ministry records the requests that reached it by official
            # letter or through another system.
            workflow.discard("channel")
        if workflow:
            self._refuse_fields(
                workflow,
                _("These fields of a lookup request change only through its workflow: %(fields)s"),
            )
        if self._is_ministry():
            return
        defaults = {"date_received": today, "source_registry": True}
        ministry = {
            name
            for name in REQUEST_MINISTRY_FIELDS & set(vals)
            if vals[name] and vals[name] not in (defaults.get(name), str(defaults.get(name)))
        }
        if ministry:
            self._refuse_fields(
                ministry,
                _("Only the Ministry records these fields of a lookup request: %(fields)s"),
            )

    def _check_write_vals(self, vals):
        workflow = REQUEST_WORKFLOW_FIELDS & set(vals)
        if workflow:
            self._refuse_fields(
                workflow,
                _("These fields of a lookup request change only through its workflow: %(fields)s"),
            )
        ministry = REQUEST_MINISTRY_FIELDS & set(vals)
        if ministry and not self._is_ministry():
            self._refuse_fields(
                ministry,
                _("Only the Ministry records these fields of a lookup request: %(fields)s"),
            )
        if "date_received" in vals:
            self._require_state(
                ("received",),
                _(
                    "%(reference)s is already in hand: the date it was received cannot "
                    "change any more."
                ),
            )
        if "request_letter_id" in vals or "requester_agency_id" in vals:
            self._require_state(
                OPEN_STATES,
                _("%(reference)s is closed: its requester and request letter are kept."),
            )

    @api.model
    def _check_request_letter(self, letter_id, agency_id, reference=None):
        """The request letter (id ``letter_id``) of a request of the agency
        ``agency_id`` is a letter the user may read, sent or received, that
        this agency issued: answering the request marks that letter answered,
        so it can never be a letter of another agency. Checked before it is
        written."""
        if not letter_id:
            return
        letter = self.env["nationality.letter"].browse(letter_id).exists()
        reference = reference or _("the request")
        if not letter or not letter.has_access("read"):
            raise UserError(
                _(
                    "You cannot link this letter to %(reference)s: it is not a letter "
                    "you may read.",
                    reference=reference,
                )
            )
        agency = self.env["nationality.agency"].browse(agency_id)
        if letter.issuing_agency_id != agency:
            raise UserError(
                _(
                    "Letter %(letter)s is not a letter of %(requester)s and cannot be "
                    "the request letter of %(reference)s.",
                    letter=letter.name,
                    requester=agency.name,
                    reference=reference,
                )
            )
        if letter.state == "draft":
            raise UserError(
                _(
                    "Letter %(letter)s is a draft: link the letter as sent or received.",
                    letter=letter.name,
                )
            )

    @api.model
    def _normalize_request_vals(self, vals):
        """NFC without surrounding blanks; control characters and overlong
        values refused."""
        for key in REQUEST_TEXT_LIMITS:
            if isinstance(vals.get(key), str):
                vals[key] = unicodedata.normalize("NFC", vals[key]).strip()
        check_field_texts(self, vals, REQUEST_TEXT_LIMITS)

    def export_data(self, fields_to_export):
        # The persons' identities are exported with their requests.
        result = super().export_data(fields_to_export)
        self.env["nationality.access.log"]._log_export(self, fields_to_export)
        return result

    @api.constrains("requester_agency_id")
    def _check_requester_agency(self):
        user = self.env.user
        if user.has_group("nationality_dossier.group_ministry_officer"):
            return
        for request in self:
            agency = request.requester_agency_id
            if user.nationality_agency_id and agency != user.nationality_agency_id:
                raise ValidationError(_("You may submit lookup requests only for your own agency."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.is_superuser():
            raise UserError(_("A lookup request is kept: cancel it instead of deleting it."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _require_ministry(self):
        if not self.env.user.has_group("nationality_dossier.group_ministry_officer"):
            raise AccessError(_("Only officers of the Ministry process lookup requests."))

    def _require_state(self, states, message):
        """Raise ``message`` (naming the reference) unless every request is in ``states``."""
        for request in self:
            if request.state not in states:
                raise UserError(message % {"reference": request.name})

    def action_start(self):
        """Take the request in hand: assign it and record the request letter."""
        self._require_ministry()
        self._require_state(("received",), _("%(reference)s is not waiting to be taken in hand."))
        for request in self:
            if not request.person_ids:
                raise UserError(
                    _("%(reference)s names no person to look up.", reference=request.name)
                )
            values = {"state": "in_progress"}
            if not request.user_id:
                values["user_id"] = self.env.uid
            request._write_workflow(values)
            if not request.request_letter_id and _LETTER_REF.match(
                request.request_letter_ref or ""
            ):
                request._record_request_letter()
        return True

    def _record_request_letter(self):
        """Record the requester's letter as an incoming letter of the Cục."""
        self.ensure_one()
        match = _LETTER_REF.match(self.request_letter_ref or "")
        receiving = self.company_id.nationality_agency_id
        letter = (
            self.env["nationality.letter"]
            .with_company(self.company_id)
            .create(
                {
                    "direction": "incoming",
                    "letter_type": "lookup_request",
                    "company_id": self.company_id.id,
                    "issuing_agency_id": self.requester_agency_id.id,
                    "receiving_agency_ids": [Command.set(receiving.ids)],
                    "number": int(match.group(1)),
                    "notation": match.group(2),
                    "letter_date": self.request_letter_date or self.date_received,
                    "date_due": self.date_due,
                    "subject": _(
                        "Request to look up the nationality status of %(count)s person(s) "
                        "(%(reference)s)",
                        count=len(self.person_ids),
                        reference=self.name,
                    ),
                }
            )
        )
        letter.action_register_incoming()
        self._write_workflow({"request_letter_id": letter.id})
        return letter

    def action_search_registry(self):
        """Search the registry for every person of the request."""
        self._require_ministry()
        self._require_state(OPEN_STATES, _("%(reference)s is closed: no more searches."))
        self.filtered(lambda request: request.state == "received").action_start()
        self.person_ids.action_search_registry()
        return True

    def action_prepare_answer(self):
        """Draft the answer letter from the confirmed results."""
        self._require_ministry()
        self._require_state(
            ("in_progress",), _("%(reference)s can be answered only while in progress.")
        )
        for request in self:
            missing = request.person_ids.filtered(lambda person: not person.result)
            if missing:
                raise UserError(
                    _(
                        "Confirm the result of every person before answering: %(names)s.",
                        names=", ".join(missing.mapped("full_name")),
                    )
                )
            if request.answer_letter_id and request.answer_letter_id.state == "draft":
                request.answer_letter_id.body = request._answer_body()
                continue
            letter = (
                self.env["nationality.letter"]
                .with_company(request.company_id)
                .create(
                    {
                        "direction": "outgoing",
                        "letter_type": "lookup_answer",
                        "company_id": request.company_id.id,
                        "issuing_agency_id": request.company_id.nationality_agency_id.id,
                        "receiving_agency_ids": [Command.set(request.requester_agency_id.ids)],
                        "response_for_id": request.request_letter_id.id,
                        "subject": _(
                            "Answer to the nationality lookup request %(reference)s",
                            reference=request.name,
                        ),
                        "body": request._answer_body(),
                    }
                )
            )
            request._write_workflow({"answer_letter_id": letter.id})
            request.message_post(
                body=_("Answer letter drafted; sign and send it to close the request."),
                subtype_xmlid="mail.mt_note",
            )
        return self.action_open_answer_letter() if len(self) == 1 else True

    def _answer_body(self):
        self.ensure_one()
        results = dict(
            self.env["nationality.lookup.person"]
            ._fields["result"]
            ._description_selection(user_language_env(self.env))
        )
        if self.request_letter_ref:
            intro = _(
                "In reply to the request %(reference)s of %(requester)s (letter %(number)s), "
                "the Ministry of Justice has looked up the nationality status of the following "
                "persons:",
                reference=self.name,
                requester=self.requester_agency_id.name,
                number=self.request_letter_ref,
            )
        else:
            intro = _(
                "In reply to the request %(reference)s of %(requester)s, the Ministry of "
                "Justice has looked up the nationality status of the following persons:",
                reference=self.name,
                requester=self.requester_agency_id.name,
            )
        rows = Markup()
        for index, person in enumerate(self.person_ids, start=1):
            record = person.result_record_id
            detail = person.result_note or ""
            if record:
                detail = _(
                    "%(event)s, decision %(number)s of %(date)s (%(authority)s). %(note)s",
                    event=dict(
                        record._fields["event_type"]._description_selection(
                            user_language_env(self.env)
                        )
                    ).get(record.event_type),
                    number=record.decision_number,
                    date=record.decision_date.strftime("%d/%m/%Y") if record.decision_date else "",
                    authority=record.authority or "",
                    note=person.result_note or "",
                )
            rows += Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>") % (
                index,
                person.full_name,
                person.birth_date_display or "",
                results.get(person.result, ""),
                detail.strip(),
            )
        header = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            _("No."),
            _("Full name"),
            _("Born"),
            _("Result"),
            _("Details"),
        )
        return Markup("<p>%s</p><table class='table table-sm'>%s%s</table>") % (intro, header, rows)

    def action_open_answer_letter(self):
        self.ensure_one()
        if not self.answer_letter_id:
            raise UserError(_("No answer letter yet."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "nationality.letter",
            "res_id": self.answer_letter_id.id,
            "view_mode": "form",
        }

    def action_send_answer(self):
        """Sign and send the answer letter; the request is then answered."""
        self._require_ministry()
        self._require_state(
            ("in_progress",), _("%(reference)s can be answered only while in progress.")
        )
        for request in self:
            if not request.answer_letter_id:
                request.action_prepare_answer()
            if request.answer_letter_id.state == "draft":
                request.answer_letter_id.action_sign_and_send()
            else:
                request._on_answer_sent(request.answer_letter_id)
        return True

    def _on_answer_sent(self, letter):
        """The answer letter was signed and sent: the request is answered."""
        for request in self.filtered(lambda rec: rec.state in OPEN_STATES):
            request._write_workflow(
                {
                    "state": "answered",
                    "answer_date": letter.letter_date or fields.Date.context_today(self),
                    "answer_letter_number": letter.name,
                }
            )
            request.message_post(
                body=_(
                    "Answered by letter %(number)s of %(date)s.",
                    number=letter.name,
                    date=request.answer_date.strftime("%d/%m/%Y"),
                ),
                subtype_xmlid="mail.mt_comment",
            )

    def action_cancel(self, reason=None):
        self._require_ministry()
        self._require_state(OPEN_STATES, _("%(reference)s is closed and cannot be cancelled."))
        for request in self:
            request._write_workflow({"state": "cancelled", "cancel_reason": reason or False})
            request.message_post(
                body=_("Request cancelled. %(reason)s", reason=reason or ""),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_person_import(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Import persons"),
            "res_model": "nationality.lookup.person.import.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    # ------------------------------------------------------------------
    # Integrator API
    # ------------------------------------------------------------------
    @api.model
    def api_submit(self, payload=None):
        """Integrator API: submit a lookup request; return its reference.

        ``payload``: a dict with ``purpose`` (required), ``persons`` (required,
        a list of dicts with ``full_name`` (required), ``birth_date``
        (dd/mm/yyyy, mm/yyyy or yyyy), ``gender`` (male/female),
        ``birth_place``, ``id_number``, ``passport_number``, ``nationality``
        (ISO country code) and ``note``), and optionally ``legal_basis``,
        ``contact``, ``letter_number``, ``letter_date`` (dd/mm/yyyy) and, for
        Ministry officers only, ``requester_agency_code``. An external agency
        always asks for its own agency.

        Every text is checked (type, length, no control characters) and
        stored in Unicode NFC; the request is created whole or not at all."""
        if not isinstance(payload, dict):
            raise ValidationError(_("The request must be a dictionary (a JSON object)."))
        unknown = sorted(set(payload) - set(API_SUBMIT_KEYS))
        if unknown:
            raise ValidationError(
                _(
                    "Unknown fields: %(unknown)s. Allowed: %(allowed)s.",
                    unknown=", ".join(shown(key) for key in unknown[:10]),
                    allowed=", ".join(API_SUBMIT_KEYS),
                )
            )
        self.check_access("create")
        texts = {}
        for key, limit in API_TEXT_LIMITS.items():
            value = payload.get(key)
            if value in (None, ""):
                continue
            if key == "letter_number" and isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            texts[key] = check_text(self.env, value, key, limit, multiline=key == "purpose")
        agency = self._api_requester_agency(texts.get("requester_agency_code"))
        purpose = texts.get("purpose")
        if not purpose:
            raise ValidationError(_("Say why the lookup is asked for (purpose)."))
        persons = payload.get("persons")
        if not isinstance(persons, list) or not persons:
            raise ValidationError(_("Give the list of persons to look up (persons)."))
        if len(persons) > MAX_API_PERSONS:
            raise ValidationError(
                _("At most %(count)s persons per request.", count=MAX_API_PERSONS)
            )
        Person = self.env["nationality.lookup.person"]
        person_commands = []
        for index, person in enumerate(persons, start=1):
            try:
                person_commands.append(Command.create(Person._values_from_payload(person)))
            except ValidationError as error:
                raise ValidationError(
                    _("Person %(index)s: %(error)s", index=index, error=error.args[0])
                ) from error
        values = {
            "requester_agency_id": agency.id,
            "purpose": purpose,
            "channel": "api",
            "person_ids": person_commands,
        }
        for key in ("legal_basis", "contact"):
            if texts.get(key):
                values[key] = texts[key]
        if texts.get("letter_number"):
            values["request_letter_ref"] = texts["letter_number"]
        if texts.get("letter_date"):
            letter_date, precision = self.env["nationality.record"]._parse_birth_text(
                texts["letter_date"]
            )
            if precision != "day":
                raise ValidationError(_("The letter date is a full date: dd/mm/yyyy."))
            values["request_letter_date"] = letter_date
        # The channel is the workflow's: the values are the validated payload.
        with workflow_transition():
            request = self.create(values)
        return request.name

    @api.model
    def _api_requester_agency(self, code):
        user = self.env.user
        if user.nationality_agency_id:
            if code and code != user.nationality_agency_id.code:
                raise AccessError(_("You may submit lookup requests only for your own agency."))
            return user.nationality_agency_id
        if code:
            if not user.has_group("nationality_dossier.group_ministry_officer"):
                raise AccessError(
                    _("Only the Ministry records lookup requests on behalf of another agency.")
                )
            agency = self.env["nationality.agency"].search([("code", "=", code)], limit=1)
            if not agency:
                raise ValidationError(_("No agency has the identifier %(code)s.", code=code))
            return agency
        agency = self.env.company.nationality_agency_id
        if not agency:
            raise ValidationError(
                _("Your user is not linked to an agency; give requester_agency_code.")
            )
        return agency

    @api.model
    def api_status(self, reference=None):
        """Integrator API: the state of a lookup request visible to the caller.

        Returns a dict: ``reference``, ``state``, ``state_label``,
        ``date_received`` and ``date_due`` (dd/mm/yyyy), ``answer_date``
        (dd/mm/yyyy) and ``answer_date_iso`` (yyyy-mm-dd), both empty until
        answered, ``answer_letter_number``, and ``persons``: a list of
        ``full_name``, ``birth_date``, ``result`` and ``result_label`` (the
        results once answered)."""
        if not isinstance(reference, str) or not reference.strip():
            raise ValidationError(_("Give the reference of the request, e.g. TC-2026-000123."))
        reference = check_text(self.env, reference, "reference", REFERENCE_LIMIT)
        request = self.search([("name", "=", reference)], limit=1)
        if not request:
            raise MissingError(
                _("No lookup request %(reference)s is visible to you.", reference=reference)
            )
        states = dict(self._fields["state"]._description_selection(user_language_env(self.env)))
        results = dict(
            self.env["nationality.lookup.person"]
            ._fields["result"]
            ._description_selection(user_language_env(self.env))
        )
        return {
            "reference": request.name,
            "state": request.state,
            "state_label": states[request.state],
            "date_received": request.date_received.strftime("%d/%m/%Y"),
            "date_due": request.date_due.strftime("%d/%m/%Y") if request.date_due else "",
            "answer_date": request.answer_date.strftime("%d/%m/%Y") if request.answer_date else "",
            "answer_date_iso": request.answer_date.isoformat() if request.answer_date else "",
            "answer_letter_number": request.answer_letter_number or "",
            "persons": [
                {
                    "full_name": person.full_name,
                    "birth_date": person.birth_date_display or "",
                    "result": person.result_published or "",
                    "result_label": results.get(person.result_published, ""),
                }
                for person in request.person_ids
            ],
        }
