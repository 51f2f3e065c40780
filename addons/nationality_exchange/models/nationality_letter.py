# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import re
import unicodedata
import uuid

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.addons.nationality_dossier.models.nationality_dossier import (
    _workflow_active,
    workflow_transition,
)
from odoo.addons.nationality_dossier.tools.access import user_rights_env
from odoo.addons.nationality_dossier.tools.language import user_language_env
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.text_input import check_field_texts

LETTER_TYPES = [
    ("proposal", "Proposal (forwarding dossiers)"),
    ("request_documents", "Request for more documents"),
    ("supplement", "Supplementary documents"),
    ("decision_notice", "Notice of a decision"),
    ("lookup_request", "Nationality lookup request"),
    ("lookup_answer", "Answer to a nationality lookup"),
    ("other", "Other official letter"),
]

SIGNER_COMPETENCES = [
    ("", "In own name"),
    ("TM.", "TM. (on behalf of the collective)"),
    ("KT.", "KT. (deputy signing for the head)"),
    ("TL.", "TL. (by order of the head)"),
    ("TUQ.", "TUQ. (by authorisation)"),
    ("Q.", "Q. (acting head)"),
]

# Notation (ký hiệu) under Decree 30/2020/ND-CP: abbreviation groups joined by
# '-', no spaces; letters (Vietnamese included) and digits only.
NOTATION_PATTERN = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")
# Abbreviations that the decree itself writes with a lower-case letter.
MIXED_CASE_ABBREVIATIONS = {"QYĐ": "QyĐ"}

LETTER_STATES = [
    ("draft", "Draft"),
    ("sent", "Signed and sent"),
    ("received", "Received"),
    ("answered", "Answered"),
]

# Fields of a letter that only the exchange's methods change (signing and
# sending, registering a receipt, importing an edXML message, answering): its
# official number and state, who sent or received it and when, its electronic
# identifier and trace. See workflow_transition() in nationality_dossier. The
# number printed on an incoming letter is typed while the letter is entered.
LETTER_WORKFLOW_FIELDS = frozenset(
    {
        "name",
        "state",
        "number",
        "sent_by_id",
        "date_sent",
        "received_by_id",
        "date_received",
        "document_id",
        "trace_ids",
        "arrival_ids",
    }
)
# What a letter says and to whom: frozen once the letter leaves its draft.
LETTER_CONTENT_FIELDS = frozenset(
    {
        "direction",
        "letter_type",
        "company_id",
        "issuing_agency_id",
        "receiving_agency_ids",
        "response_for_id",
        "notation",
        "letter_date",
        "place",
        "date_due",
        "subject",
        "body",
        "signer_competence",
        "signer_position",
        "signer_name",
        "attachment_ids",
        "dossier_ids",
        "person_ids",
        "decision_number",
        "decision_date",
    }
)

# Single-line texts of a letter checked for refused characters.
LETTER_TEXT_FIELDS = (
    "subject",
    "notation",
    "place",
    "signer_position",
    "signer_name",
    "decision_number",
)


def linked_ids(value):
    """The ids that the value of an x2many field written links: a list of
    commands (only LINK and SET link existing records), a list or tuple of
    ids, or a recordset, as the ORM accepts them."""
    if isinstance(value, models.BaseModel):
        return set(value.ids)
    if isinstance(value, tuple):
        return set(value)
    if not isinstance(value, list):
        return set()
    if value and not isinstance(value[0], list | tuple):
        return set(value)
    ids = set()
    for command in value:
        if not isinstance(command, list | tuple) or not command:
            continue
        if command[0] == fields.Command.LINK:
            ids.add(command[1])
        elif command[0] == fields.Command.SET:
            ids.update(command[2] or ())
    return ids


def normalize_notation(value):
    """Upper case, NFC, without surrounding blanks: 'stp-hctp ' → 'STP-HCTP'."""
    if not value:
        return value
    value = unicodedata.normalize("NFC", value).strip()
    groups = []
    for group in value.split("-"):
        upper = group.upper()
        groups.append(MIXED_CASE_ABBREVIATIONS.get(upper, upper))
    return "-".join(groups)


class NationalityLetter(models.Model):
    """An official letter (công văn) sent or received by an agency, numbered
    in the official style <number>/<notation> per issuing unit and year.

    One record is one letter with one electronic DocumentId. When the
    addressee works in this database too (a Department of Justice writing to
    the Cục), the addressee reads the very same record: it moves it to
    "received" and its reply moves it to "answered". Letters from agencies
    outside the system arrive as edXML messages or on paper and are recorded
    as incoming letters of the receiving company."""

    _name = "nationality.letter"
    _description = "Official letter"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "letter_date desc, id desc"
    _check_company_auto = True
    # The addressees discuss a letter they cannot edit.
    _mail_post_access = "read"

    name = fields.Char(
        string="Number and notation",
        compute="_compute_name",
        store=True,
        index="trigram",
        help="e.g. 123/STP-HCTP, as printed on the letter.",
    )
    number = fields.Integer(readonly=True, copy=False, tracking=True)
    notation = fields.Char(
        help="Upper case, abbreviations joined by '-', e.g. STP-HCTP.",
        tracking=True,
    )
    direction = fields.Selection(
        [("outgoing", "Outgoing"), ("incoming", "Incoming")],
        required=True,
        default="outgoing",
        index=True,
    )
    letter_type = fields.Selection(
        LETTER_TYPES, string="Type", required=True, default="other", index=True
    )
    letter_date = fields.Date(string="Date", tracking=True, index=True, copy=False)
    place = fields.Char(
        string="Place of issue", help="Place name printed before the date, e.g. Hà Nội."
    )
    date_due = fields.Date(string="Reply expected by", tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    issuing_agency_id = fields.Many2one(
        "nationality.agency",
        required=True,
        index=True,
        default=lambda self: self.env.company.nationality_agency_id,
    )
    receiving_agency_ids = fields.Many2many(
        "nationality.agency",
        "nationality_letter_receiving_agency_rel",
        "letter_id",
        "agency_id",
        string="Receiving agencies",
    )
    subject = fields.Char(string="Subject (trích yếu)", required=True, tracking=True)
    body = fields.Html()
    signer_competence = fields.Selection(SIGNER_COMPETENCES, string="Signing authority", default="")
    signer_position = fields.Char()
    signer_name = fields.Char()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "nationality_letter_attachment_rel",
        "letter_id",
        "attachment_id",
        string="Attachments",
    )
    dossier_ids = fields.Many2many(
        "nationality.dossier",
        "nationality_letter_dossier_rel",
        "letter_id",
        "dossier_id",
        string="Dossiers",
    )
    dossier_count = fields.Integer(compute="_compute_counts")
    person_ids = fields.One2many(
        "nationality.letter.person", "letter_id", string="List of persons", copy=True
    )
    decision_number = fields.Char(
        help="Number and notation of the decision notified, e.g. 1234/QĐ-CTN.", tracking=True
    )
    decision_date = fields.Date()
    response_for_id = fields.Many2one(
        "nationality.letter", string="In reply to", index=True, ondelete="set null", copy=False
    )
    reply_ids = fields.One2many("nationality.letter", "response_for_id", string="Replies")
    reply_count = fields.Integer(compute="_compute_counts")
    document_id = fields.Char(
        string="Document identifier",
        default=lambda self: str(uuid.uuid4()),
        copy=False,
        index=True,
        help="Globally unique identifier of the letter in electronic exchange (edXML DocumentId).",
    )
    trace_ids = fields.One2many(
        "nationality.letter.trace", "letter_id", string="Trace", readonly=True, copy=False
    )
    state = fields.Selection(
        LETTER_STATES,
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    sent_by_id = fields.Many2one("res.users", string="Sent by", readonly=True, copy=False)
    date_sent = fields.Datetime(string="Sent on", readonly=True, copy=False)
    received_by_id = fields.Many2one("res.users", string="Received by", readonly=True, copy=False)
    date_received = fields.Datetime(string="Received on", readonly=True, copy=False)
    is_incoming = fields.Boolean(
        string="Incoming for me",
        compute="_compute_is_incoming",
        search="_search_is_incoming",
        help="Received by one of the current companies: recorded as incoming, "
        "or sent to its agency by another company of the system.",
    )
    can_register_receipt = fields.Boolean(compute="_compute_can_register_receipt")
    # The incoming registers' lines of the letter (one per receiving company);
    # read through the register's own record rules.
    arrival_ids = fields.One2many(
        "nationality.letter.arrival",
        "letter_id",
        string="Arrivals",
        readonly=True,
        copy=False,
        groups="nationality_dossier.group_reception_officer,"
        "nationality_dossier.group_ministry_officer",
    )
    arrival_info = fields.Char(
        string="Arrival number",
        compute="_compute_arrival_info",
        help="Arrival number (số đến) and arrival date of the letter in the incoming "
        "register of the current company.",
    )

    _sql_constraints = [
        (
            "document_id_unique",
            "unique(document_id)",
            "An electronic document identifier can be used by one letter only.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("number", "notation")
    def _compute_name(self):
        for letter in self:
            if letter.number and letter.notation:
                letter.name = f"{letter.number:02d}/{letter.notation}"
            else:
                letter.name = letter.notation or _("Draft letter")

    @api.depends("dossier_ids", "reply_ids")
    def _compute_counts(self):
        for letter in self:
            letter.dossier_count = len(letter.dossier_ids)
            letter.reply_count = len(letter.reply_ids)

    @api.depends_context("allowed_company_ids")
    @api.depends("direction", "company_id", "receiving_agency_ids", "state")
    def _compute_is_incoming(self):
        companies = self.env.companies
        agencies = companies.nationality_agency_id
        for letter in self:
            ours = letter.company_id in companies
            addressed = bool(letter.receiving_agency_ids & agencies)
            letter.is_incoming = (letter.direction == "incoming" and ours) or (
                not ours and addressed and letter.state != "draft"
            )

    @api.depends_context("allowed_company_ids")
    @api.depends("direction", "company_id", "receiving_agency_ids", "state", "arrival_ids")
    def _compute_can_register_receipt(self):
        if not self._register_readable():
            self.can_register_receipt = False
            return
        registered = self._current_arrivals()
        for letter in self:
            mine = registered.filtered(lambda rec, letter=letter: rec.letter_id == letter._origin)
            letter.can_register_receipt = bool(letter._receiving_companies() - mine.company_id)

    @api.depends_context("company", "allowed_company_ids")
    @api.depends("arrival_ids")
    def _compute_arrival_info(self):
        if not self._register_readable():
            self.arrival_info = False
            return
        arrivals = self._current_arrivals()
        current = self.env.company
        for letter in self:
            mine = arrivals.filtered(
                lambda rec, letter=letter: rec.letter_id == letter._origin
            ).sorted(lambda rec: (rec.company_id != current, rec.company_id.id))
            if len(mine) == 1:
                letter.arrival_info = mine._label()
            else:
                letter.arrival_info = (
                    "; ".join(
                        _(
                            "%(company)s: %(arrival)s",
                            company=arrival.company_id.name,
                            arrival=arrival._label(),
                        )
                        for arrival in mine
                    )
                    or False
                )

    def _register_readable(self):
        """Whether the user may read the incoming register at all: the
        external agencies' users may not, whatever their company."""
        return self.env["nationality.letter.arrival"].has_access("read")

    def _current_arrivals(self):
        """The lines of the current companies' incoming registers for these
        letters."""
        letter_ids = [letter_id for letter_id in self._origin.ids if letter_id]
        if not letter_ids:
            return self.env["nationality.letter.arrival"]
        # sudo: the lines of the user's own companies' registers, whatever the
        # user's group (the compute runs for every reader of the letter).
        return (
            self.env["nationality.letter.arrival"]
            .sudo()
            .search([("letter_id", "in", letter_ids), ("company_id", "in", self.env.companies.ids)])
        )

    def _receiving_companies(self):
        """The current companies this letter was sent to in the system: the
        letter is signed and sent by another company to their agency. Each
        enters it once in its incoming register."""
        self.ensure_one()
        companies = self.env["res.company"]
        if self.direction != "outgoing" or self.state == "draft":
            return companies
        return self.env.companies.filtered(
            lambda company: company != self.company_id
            and company.nationality_agency_id
            and company.nationality_agency_id in self.receiving_agency_ids
        )

    def _search_is_incoming(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("This search on incoming letters is not supported."))
        company_ids = self.env.companies.ids
        agency_ids = self.env.companies.nationality_agency_id.ids
        domain = [
            "|",
            "&",
            ("direction", "=", "incoming"),
            ("company_id", "in", company_ids),
            "&",
            "&",
            ("company_id", "not in", company_ids),
            ("state", "!=", "draft"),
            ("receiving_agency_ids", "in", agency_ids),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    # ------------------------------------------------------------------
    # Constraints and ORM
    # ------------------------------------------------------------------
    @api.constrains("notation", "direction")
    def _check_notation(self):
        for letter in self.filtered(lambda rec: rec.direction == "outgoing" and rec.notation):
            if not NOTATION_PATTERN.match(letter.notation):
                raise ValidationError(
                    _(
                        "The notation %(notation)s is not valid: write the abbreviations in "
                        "upper case, joined by '-', without spaces (e.g. STP-HCTP).",
                        notation=letter.notation,
                    )
                )

    @api.constrains("issuing_agency_id", "company_id", "direction")
    def _check_issuing_agency(self):
        for letter in self.filtered(lambda rec: rec.direction == "outgoing"):
            agency = letter.company_id.nationality_agency_id
            if agency and letter.issuing_agency_id != agency:
                raise ValidationError(
                    _(
                        "An outgoing letter of %(company)s is issued by %(agency)s.",
                        company=letter.company_id.name,
                        agency=agency.name,
                    )
                )

    @api.constrains("response_for_id")
    def _check_response_for(self):
        for letter in self:
            if letter.response_for_id == letter:
                raise ValidationError(_("A letter cannot answer itself."))

    @api.model_create_multi
    def create(self, vals_list):
        default_direction = self.env.context.get("default_direction") or "outgoing"
        for vals in vals_list:
            if not _workflow_active.get():
                self._check_create_vals(vals, vals.get("direction", default_direction))
            if vals.get("direction", default_direction) == "outgoing":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                for name, value in self._outgoing_defaults(company).items():
                    if name not in vals and not self.env.context.get(f"default_{name}"):
                        vals[name] = value
            self._normalize_vals(vals)
            if vals.get("response_for_id") and not _workflow_active.get():
                self._check_response_for_readable(vals["response_for_id"])
            self._check_links_readable(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not _workflow_active.get():
            self._check_write_vals(vals)
            if vals.get("response_for_id"):
                self._check_response_for_readable(vals["response_for_id"])
        self._check_links_readable(vals, self)
        self._normalize_vals(vals)
        return super().write(vals)

    def _write_workflow(self, vals):
        with workflow_transition():
            return self.write(vals)

    @api.model
    def _check_create_vals(self, vals, direction):
        """A letter is created as a draft; its number is typed only for an
        incoming letter (the number printed on it)."""
        protected = {
            name
            for name in LETTER_WORKFLOW_FIELDS & set(vals)
            if vals[name]
            and not (name == "state" and vals[name] == "draft")
            and not (name == "number" and direction == "incoming")
        }
        if protected:
            raise AccessError(
                _(
                    "These fields of an official letter change only when it is signed, "
                    "sent or received: %(fields)s",
                    fields=", ".join(sorted(protected)),
                )
            )

    def _check_write_vals(self, vals):
        protected = LETTER_WORKFLOW_FIELDS & set(vals)
        if protected == {"number"} and all(
            letter.direction == "incoming" and letter.state == "draft" for letter in self
        ):
            protected = set()
        if protected:
            raise AccessError(
                _(
                    "These fields of an official letter change only when it is signed, "
                    "sent or received: %(fields)s",
                    fields=", ".join(sorted(protected)),
                )
            )
        frozen = LETTER_CONTENT_FIELDS & set(vals)
        sent = self.filtered(lambda letter: letter.state != "draft")
        if frozen and sent:
            raise AccessError(
                _(
                    "Letter %(letter)s is signed and sent or received: it cannot be changed.",
                    letter=sent[0].name,
                )
            )

    def _check_list_editable(self):
        """The list of persons of a letter changes only while it is a draft."""
        if _workflow_active.get():
            return
        sent = self.filtered(lambda letter: letter.state != "draft")
        if sent:
            raise AccessError(
                _(
                    "Letter %(letter)s is signed and sent or received: its list of persons "
                    "cannot be changed.",
                    letter=sent[0].name,
                )
            )

    @api.model
    def _check_response_for_readable(self, letter_id):
        """A reply answers a letter its author may read: sending the reply
        changes the state of the letter answered."""
        letter = self.browse(letter_id).exists()
        if not letter or not letter.has_access("read"):
            raise UserError(
                _("The letter answered is not one you may read; choose another letter.")
            )

    @api.model
    def _check_links_readable(self, vals, letters=None):
        """A letter links only the dossiers and files its author may read:
        its readers see the names of its dossiers, and its files leave with
        it to the addressees. Checked with the user's own rights before
        anything is written, whoever the letter is for and whatever
        workflow writes it; what is already linked to every letter of
        ``letters`` stays. The message names nothing of what was refused."""
        env = user_rights_env(self.env)
        if env is None:
            return
        for name in ("dossier_ids", "attachment_ids"):
            if name in vals:
                ids = linked_ids(vals[name])
            elif letters is None:
                # The ORM adds the defaults of the context after create() runs.
                ids = linked_ids(self.env.context.get(f"default_{name}"))
            else:
                continue
            if letters:
                # sudo: what the letters link now, only to leave it out of the check.
                for letter in letters.sudo():
                    ids -= set(letter[name].ids)
            if not ids:
                continue
            if name == "dossier_ids":
                env["nationality.letter.person"]._check_dossiers_readable(ids)
            else:
                self._check_attachments_readable(env["ir.attachment"].browse(ids))

    @api.model
    def _check_attachments_readable(self, attachments):
        """Raise unless the user may read every file of ``attachments``
        (browsed in the user's environment): read access to a file is read
        access to the record it is attached to (ir.attachment.check)."""
        readable = len(attachments.exists()) == len(attachments)
        if readable:
            try:
                attachments.check("read")
            except AccessError:
                readable = False
        if not readable:
            raise UserError(
                _(
                    "A letter can carry only files you may read: attach the files of your "
                    "own dossiers and letters, or upload the file."
                )
            )

    @api.model
    def _normalize_vals(self, vals):
        """NFC without surrounding blanks; control and invisible formatting
        characters refused."""
        if vals.get("notation"):
            vals["notation"] = normalize_notation(vals["notation"])
        for name in ("subject", "signer_name", "signer_position", "place", "decision_number"):
            if isinstance(vals.get(name), str):
                vals[name] = unicodedata.normalize("NFC", vals[name]).strip()
        check_field_texts(self, vals, dict.fromkeys(LETTER_TEXT_FIELDS))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(letter.state != "draft" for letter in self):
            raise UserError(_("Only draft letters can be deleted; a sent letter is kept."))

    @api.onchange("direction")
    def _onchange_direction(self):
        own = self.company_id.nationality_agency_id
        if self.direction == "incoming" and self.issuing_agency_id == own:
            self.issuing_agency_id = False
            self.notation = False
        elif self.direction == "outgoing" and own:
            self.issuing_agency_id = own
            self.notation = self.notation or own.letter_notation

    @api.onchange("company_id")
    def _onchange_company_id(self):
        if self.direction == "outgoing" and self.company_id.nationality_agency_id:
            self.issuing_agency_id = self.company_id.nationality_agency_id

    @api.onchange("issuing_agency_id")
    def _onchange_issuing_agency_id(self):
        if self.direction == "outgoing" and not self.notation:
            self.notation = self.issuing_agency_id.letter_notation

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "direction" not in fields_list:
            # A create() that gives the direction: _outgoing_defaults() fills in.
            return values
        company = self.env["res.company"].browse(values.get("company_id")) or self.env.company
        if values.get("direction") == "incoming":
            # The sender of an incoming letter is another agency.
            if values.get("issuing_agency_id") == company.nationality_agency_id.id:
                values["issuing_agency_id"] = False
            return values
        for name, value in self._outgoing_defaults(company).items():
            if name in fields_list and not values.get(name):
                values[name] = value
        return values

    @api.model
    def _outgoing_defaults(self, company):
        """Notation, signer and place of the outgoing letters of ``company``."""
        return {
            "notation": company.nationality_agency_id.letter_notation or False,
            "signer_position": company.nationality_signer_title or False,
            "signer_name": company.nationality_signer_name or False,
            "place": company.nationality_place_name or False,
        }

    # ------------------------------------------------------------------
    # Clock
    # ------------------------------------------------------------------
    def _today(self):
        """Today for the user, on the dossiers' clock (which the demo data and
        back-dated paper entries move to the past)."""
        return self.env["nationality.dossier"]._today()

    def _now(self):
        return self.env["nationality.dossier"]._now()

    # ------------------------------------------------------------------
    # Numbering and sending
    # ------------------------------------------------------------------
    def _next_number(self):
        """Next number of the issuing agency for the letter's year: numbers
        restart on 1 January and are shared by all of the agency's letters
        (Decree 30/2020/ND-CP)."""
        self.ensure_one()
        year = (self.letter_date or self._today()).year
        # sudo: the counter is internal bookkeeping without access rights of its own.
        return (
            self.env["nationality.counter"]
            .sudo()
            .next_value(f"letter:{self.issuing_agency_id.id}:{year}")
        )

    def action_sign_and_send(self):
        """Give an outgoing draft its number and date and mark it sent.

        Addressees that work in this system read the letter at once; the
        others receive its edXML message or the paper copy."""
        for letter in self:
            if letter.direction != "outgoing" or letter.state != "draft":
                raise UserError(_("Only an outgoing draft letter can be signed and sent."))
            if not letter.notation:
                raise UserError(_("Give the letter its notation (e.g. STP-HCTP) before signing."))
            if not letter.receiving_agency_ids:
                raise UserError(_("Say to which agencies the letter is sent."))
            values = {"letter_date": letter.letter_date or letter._today()}
            letter.letter_date = values["letter_date"]
            values["number"] = letter._next_number()
            values["state"] = "sent"
            values["sent_by_id"] = self.env.uid
            values["date_sent"] = letter._now()
            if not letter.place:
                values["place"] = letter.company_id.nationality_place_name or False
            letter._write_workflow(values)
            letter._log_personal_data("send", event="signed_and_sent")
            letter._add_trace(letter.issuing_agency_id, values["date_sent"])
            if letter.response_for_id:
                letter.response_for_id._mark_answered(letter)
            letter._post_sent_message()
            letter._on_sent()
        return True

    def _on_sent(self):
        """Hook run once the letter is numbered and sent, per letter type."""
        self.ensure_one()
        if self.letter_type == "supplement":
            waiting = self.dossier_ids.filtered(lambda dossier: dossier.state == "supplement")
            if waiting:
                waiting.action_supplement_received()

    def _post_sent_message(self):
        self.ensure_one()
        inside = self.receiving_agency_ids.filtered("nationality_company_ids")
        outside = self.receiving_agency_ids - inside
        parts = []
        if inside:
            parts.append(
                _(
                    "Delivered in the system to: %(agencies)s.",
                    agencies=", ".join(inside.mapped("name")),
                )
            )
        if outside:
            parts.append(
                _(
                    "Send the edXML message or the paper copy to: %(agencies)s.",
                    agencies=", ".join(outside.mapped("name")),
                )
            )
        self.message_post(body=" ".join(parts), subtype_xmlid="mail.mt_note")
        for dossier in self.dossier_ids:
            dossier.message_post(
                body=_(
                    "Official letter %(letter)s (%(type)s) sent to %(agencies)s: %(subject)s",
                    letter=self.name,
                    type=self._type_label(),
                    agencies=", ".join(self.receiving_agency_ids.mapped("name")),
                    subject=self.subject,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _type_label(self):
        self.ensure_one()
        return dict(
            self._fields["letter_type"]._description_selection(user_language_env(self.env))
        )[self.letter_type]

    def _add_trace(self, agency, timestamp):
        """Record that the letter passed through ``agency`` at ``timestamp``."""
        self.ensure_one()
        # sudo: trace lines are written only by the exchange itself, never by users.
        with workflow_transition():
            self.env["nationality.letter.trace"].sudo().create(
                {
                    "letter_id": self.id,
                    "organ_code": agency.code or "",
                    "agency_id": agency.id,
                    "timestamp": timestamp,
                }
            )

    def _mark_answered(self, reply):
        """The letter was answered by ``reply``: only a letter addressed to
        the reply's issuing agency, which therefore answers it."""
        # sudo: the letter answered usually belongs to the other agency; its
        # state is the only thing changed, only by the reply being sent, and
        # only when the letter was addressed to the reply's issuer (a letter
        # chosen by a user cannot close another agency's correspondence).
        answered = self.sudo().filtered(
            lambda rec: rec.state in ("sent", "received")
            and reply.issuing_agency_id in rec.receiving_agency_ids
        )
        for letter in answered:
            letter._write_workflow({"state": "answered"})
            letter.message_post(
                body=_("Answered by letter %(reply)s.", reply=reply.name),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Personal data access log
    # ------------------------------------------------------------------
    def _personal_data_subjects(self):
        """The records whose personal data the letter carries, as the access
        log names them: its dossiers; else the letter itself when it lists
        persons or is one of the exchange's letters about persons (a
        proposal, a decision, a lookup…); else nothing."""
        self.ensure_one()
        # sudo: the log names what the letter carries, whatever the user may
        # read of the dossiers linked to it.
        letter = self.sudo()
        if letter.dossier_ids:
            return letter.dossier_ids
        if letter.person_ids or letter.letter_type != "other":
            return letter
        return self.browse()

    def _log_personal_data(self, action, **details):
        """One line of the access log per dossier (or for the letter) whose
        personal data leaves with this letter: ``send`` when the letter is
        sent or its edXML message exported, ``download`` for its files."""
        self.ensure_one()
        subjects = self._personal_data_subjects()
        if not subjects:
            return
        # sudo: the agencies' names and codes, for the details of the line.
        letter = self.sudo()
        self.env["nationality.access.log"]._log(
            action,
            subjects,
            details={
                "letter": letter.name,
                "letter_type": letter.letter_type,
                "document_id": letter.document_id,
                "from": letter.issuing_agency_id.code or letter.issuing_agency_id.name,
                "to": [agency.code or agency.name for agency in letter.receiving_agency_ids],
                **details,
            },
        )

    # ------------------------------------------------------------------
    # Receiving
    # ------------------------------------------------------------------
    def action_register_receipt(self):
        """The addressee records that a letter sent to it in the system
        arrived: each current company the letter was sent to enters it in its
        incoming register with its next arrival number, once. The first
        receipt moves the letter to "received"; a letter already received by
        another addressee, or answered, keeps its state."""
        # The register is written with sudo below: only its readers enter it.
        self.env["nationality.letter.arrival"].check_access("read")
        todo = {}
        for letter in self:
            companies = letter._receiving_companies()
            if not companies:
                raise UserError(
                    _("Letter %(letter)s was not sent to your agency.", letter=letter.name)
                )
            registered = letter._current_arrivals()
            companies -= registered.company_id
            if not companies:
                raise UserError(
                    _(
                        "Letter %(letter)s is already in the incoming register of "
                        "%(company)s (%(arrival)s); its receipt is recorded once.",
                        letter=letter.name,
                        company=registered[0].company_id.name,
                        arrival=registered[0]._label(),
                    )
                )
            todo[letter] = companies
        now = self._now()
        Arrival = self.env["nationality.letter.arrival"]
        for letter, companies in todo.items():
            # sudo: the letter belongs to the sending company and is read-only
            # for everybody once sent; the addressee may record its receipt,
            # which the checks above allowed.
            shared = letter.sudo()
            if shared.state == "sent":
                shared._write_workflow(
                    {"state": "received", "date_received": now, "received_by_id": self.env.uid}
                )
            for agency in companies.nationality_agency_id:
                shared._add_trace(agency, now)
            for company in companies:
                arrival = Arrival._enter(shared, company, now)
                shared.message_post(
                    body=_(
                        "Received by %(user)s for %(company)s: %(arrival)s in its incoming "
                        "register.",
                        user=self.env.user.name,
                        company=company.name,
                        arrival=arrival._label(),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def _enter_message_copy(self, company):
        """``company`` imported the edXML message of this letter, already
        recorded in the system (by another addressee, or sent in the system):
        when the letter was sent to its agency, it enters it in its incoming
        register like any receipt, once; otherwise nothing changes."""
        self.ensure_one()
        agency = company.nationality_agency_id
        if (
            self.company_id == company
            or not agency
            or agency not in self.receiving_agency_ids
            or self.state == "draft"
        ):
            return
        Arrival = self.env["nationality.letter.arrival"]
        Arrival.check_access("read")
        # sudo: whether the company registered it already, whatever the rules.
        if Arrival.sudo().search_count(
            [("letter_id", "=", self.id), ("company_id", "=", company.id)]
        ):
            return
        if self.direction == "outgoing":
            self.with_context(allowed_company_ids=company.ids).action_register_receipt()
            return
        now = self._now()
        # sudo: the letter is another company's received letter, read-only for
        # this one; the exchange adds its trace and register line only.
        shared = self.sudo()
        shared._add_trace(agency, now)
        arrival = Arrival._enter(shared, company, now)
        shared.message_post(body=arrival._imported_note(), subtype_xmlid="mail.mt_note")

    def action_register_incoming(self):
        """Record a letter received on paper or by e-mail."""
        for letter in self:
            if letter.direction != "incoming" or letter.state != "draft":
                raise UserError(_("Only an incoming letter being entered can be registered."))
            if not (letter.number and letter.notation and letter.letter_date):
                raise UserError(
                    _("Enter the number, the notation and the date printed on the letter.")
                )
            now = letter._now()
            letter._write_workflow(
                {"state": "received", "date_received": now, "received_by_id": self.env.uid}
            )
            arrival = self.env["nationality.letter.arrival"]._enter(letter, letter.company_id, now)
            letter.message_post(
                body=_(
                    "Registered as received by %(user)s: %(arrival)s in the incoming register "
                    "of %(company)s.",
                    user=self.env.user.name,
                    arrival=arrival._label(),
                    company=letter.company_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # Replies and navigation
    # ------------------------------------------------------------------
    def _reply_type(self):
        self.ensure_one()
        return {
            "request_documents": "supplement",
            "lookup_request": "lookup_answer",
        }.get(self.letter_type, "other")

    def action_reply(self):
        """Open a draft reply addressed to the issuer of this letter."""
        self.ensure_one()
        if self.state == "draft":
            raise UserError(_("A draft letter cannot be answered."))
        company = self.env.company
        if not company.nationality_agency_id:
            raise UserError(
                _(
                    "%(company)s has no agency in the nationality system; an administrator "
                    "must set it before letters are written.",
                    company=company.name,
                )
            )
        context = {
            "default_direction": "outgoing",
            "default_company_id": company.id,
            "default_letter_type": self._reply_type(),
            "default_response_for_id": self.id,
            "default_receiving_agency_ids": [fields.Command.set(self.issuing_agency_id.ids)],
            # The reply proposes what its author may link (see _check_links_readable).
            "default_dossier_ids": [
                fields.Command.set(self.dossier_ids._filtered_access("read").ids)
            ],
            "default_subject": _(
                "Reply to letter %(letter)s: %(subject)s", letter=self.name, subject=self.subject
            ),
        }
        if self.letter_type == "request_documents":
            files = self.env["ir.attachment"]._filter_attachment_access(self._requested_files().ids)
            context["default_attachment_ids"] = [fields.Command.set(files.ids)]
        return {
            "type": "ir.actions.act_window",
            "name": _("Reply"),
            "res_model": "nationality.letter",
            "view_mode": "form",
            "target": "current",
            "context": context,
        }

    def _requested_files(self):
        """Files now held by the checklist lines asked for in a request for documents."""
        self.ensure_one()
        lines = self.dossier_ids.document_ids.filtered("requested_in_supplement")
        return lines.attachment_ids

    def _form_action(self):
        """The action that opens this letter in its form."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "nationality.letter",
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_open_dossiers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Dossiers"),
            "res_model": "nationality.dossier",
            "view_mode": "list,form",
            "domain": [("id", "in", self.dossier_ids.ids)],
        }

    def action_open_replies(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Replies"),
            "res_model": "nationality.letter",
            "view_mode": "list,form",
            "domain": [("response_for_id", "=", self.id)],
        }

    # ------------------------------------------------------------------
    # edXML
    # ------------------------------------------------------------------
    def action_export_edxml(self):
        """Build the edXML message of the letter, keep it as an attachment
        and download it."""
        self.ensure_one()
        if self.state == "draft":
            raise UserError(_("Sign and send the letter before exporting its edXML message."))
        content = self.env["nationality.edxml"]._build_message(self)
        filename = f"edxml_{self.number:02d}_{self.notation}_{self.letter_date:%Y%m%d}.xml"
        filename = re.sub(r"[^\w.-]+", "_", filename)
        # sudo: the message is filed on a letter the user can read but (once
        # sent) no longer write; it is the letter's own data.
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": filename,
                    "datas": base64.b64encode(content),
                    "mimetype": "application/xml",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        self._log_personal_data("send", event="edxml_exported", file=filename)
        self.message_post(
            body=_(
                "edXML message exported by %(user)s for %(receivers)s (DocumentId %(document)s).",
                user=self.env.user.name,
                receivers=", ".join(self.receiving_agency_ids.mapped("code")),
                document=self.document_id,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # The Ministry answers a proposal
    # ------------------------------------------------------------------
    def _answering_company(self):
        """The current company the user answers this letter for: one whose
        agency the letter was sent to."""
        self.ensure_one()
        company = self.env.companies.filtered(
            lambda rec: rec.nationality_agency_id
            and rec.nationality_agency_id in self.receiving_agency_ids
        )[:1]
        if not company or self.state == "draft":
            raise UserError(
                _(
                    "Letter %(letter)s was not sent to the agency of your current company.",
                    letter=self.name,
                )
            )
        return company

    def _dossiers_under_review(self):
        """The dossiers of this letter that the Ministry is reviewing."""
        return self.dossier_ids.filtered(
            lambda dossier: dossier.state == "in_progress" and dossier.stage_id.is_ministry_stage
        )

    def _check_answerable_dossiers(self, dossiers):
        self.ensure_one()
        if self.letter_type != "proposal":
            raise UserError(_("Only a proposal letter is answered with this action."))
        foreign = dossiers - self.dossier_ids
        if foreign:
            raise UserError(
                _(
                    "Dossiers %(codes)s are not in letter %(letter)s.",
                    codes=", ".join(foreign.mapped("name")),
                    letter=self.name,
                )
            )
        if not dossiers:
            raise UserError(_("Select at least one dossier of the letter."))
        outside = dossiers - self._dossiers_under_review()
        if outside:
            raise UserError(
                _(
                    "Dossier %(code)s is not being reviewed at the Ministry.",
                    code=outside[0].name,
                )
            )

    def _new_answer(self, company, letter_type, dossiers, persons, values):
        """Create the draft answer of ``company`` to this letter."""
        self.ensure_one()
        vals = {
            "direction": "outgoing",
            "letter_type": letter_type,
            "company_id": company.id,
            "issuing_agency_id": company.nationality_agency_id.id,
            "receiving_agency_ids": [fields.Command.set(self.issuing_agency_id.ids)],
            "response_for_id": self.id,
            "notation": company.nationality_agency_id.letter_notation,
            "signer_position": company.nationality_signer_title or False,
            "signer_name": company.nationality_signer_name or False,
            "place": company.nationality_place_name or False,
            "dossier_ids": [fields.Command.set(dossiers.ids)],
            "person_ids": [
                fields.Command.create(dict(person, sequence=index))
                for index, person in enumerate(persons, start=1)
            ],
        }
        vals.update({key: value for key, value in values.items() if value not in (None, "")})
        return self.create(vals)

    def _request_documents(self, requests, notation=None, subject=None, date_due=None):
        """The Ministry asks the department for more documents on dossiers of
        this proposal. ``requests`` lists ``(dossier, checklist lines, note)``.

        Sends the request letter, then stops each dossier's clock with its
        supplement request. Returns the letter."""
        self.ensure_one()
        self.env["nationality.dossier"]._require_group(
            "nationality_dossier.group_ministry_officer", _("ask for more documents")
        )
        company = self._answering_company()
        Dossier = self.env["nationality.dossier"]
        dossiers = Dossier.union(*[dossier for dossier, _lines, _note in requests])
        self._check_answerable_dossiers(dossiers)
        Person = self.env["nationality.letter.person"]
        persons = []
        paragraphs = [
            _(
                "In reply to letter %(letter)s, %(company)s asks %(agency)s for the following "
                "documents before the review can go on:",
                letter=self.name,
                company=company.name,
                agency=self.issuing_agency_id.name,
            )
        ]
        for dossier, lines, note in requests:
            if not lines and not (note or "").strip():
                raise UserError(
                    _(
                        "Say which documents dossier %(code)s lacks.",
                        code=dossier.name,
                    )
                )
            items = "; ".join([*lines.mapped("name"), *([note.strip()] if note else [])])
            persons.append(Person._values_from_dossier(dossier, "documents_requested", items))
            paragraphs.append(
                _(
                    "%(code)s (%(name)s): %(items)s",
                    code=dossier.name,
                    name=dossier.full_name,
                    items=items,
                )
            )
        answer = self._new_answer(
            company,
            "request_documents",
            dossiers,
            persons,
            {
                "notation": notation,
                "subject": subject
                or _("Request for more documents (reply to letter %(letter)s)", letter=self.name),
                "date_due": date_due,
                "body": self._paragraphs(*paragraphs),
            },
        )
        answer.action_sign_and_send()
        for dossier, lines, note in requests:
            dossier.action_request_supplement(
                note=_(
                    "Asked by the Ministry in letter %(letter)s. %(note)s",
                    letter=answer.name,
                    note=note or "",
                ).strip(),
                missing_lines=lines,
            )
        return answer

    def _notify_decision(
        self, decision_number, decision_date, results, notation=None, subject=None
    ):
        """The Ministry records the decision taken on dossiers of this proposal
        and notifies the department with the list of persons granted and not
        granted. ``results`` lists ``(dossier, 'granted'|'refused', note)``.

        A granted dossier first completes its remaining stages at the Ministry.
        Returns the notice letter, signed and sent."""
        self.ensure_one()
        self.env["nationality.dossier"]._require_group(
            "nationality_dossier.group_ministry_leader", _("record a decision")
        )
        if not (decision_number or "").strip():
            raise UserError(_("Give the number of the decision (e.g. 1234/QĐ-CTN)."))
        company = self._answering_company()
        Dossier = self.env["nationality.dossier"]
        dossiers = Dossier.union(*[dossier for dossier, _result, _note in results])
        self._check_answerable_dossiers(dossiers)
        Person = self.env["nationality.letter.person"]
        persons = []
        for dossier, result, note in results:
            if result not in ("granted", "refused"):
                raise UserError(_("A decision grants or refuses."))
            if result == "granted":
                line = dossier.current_stage_line_id
                later = dossier.stage_line_ids.filtered(
                    lambda other, line=line: other.sequence > line.sequence
                    and other.state == "planned"
                )
                outside = later.filtered(lambda other: not other.stage_id.is_ministry_stage)
                if outside:
                    raise UserError(
                        _(
                            "Dossier %(code)s must still pass %(stage)s before it can be "
                            "granted.",
                            code=dossier.name,
                            stage=outside[0].name,
                        )
                    )
            persons.append(Person._values_from_dossier(dossier, result, note))
        granted = sum(1 for _dossier, result, _note in results if result == "granted")
        answer = self._new_answer(
            company,
            "decision_notice",
            dossiers,
            persons,
            {
                "notation": notation,
                "subject": subject
                or _(
                    "Notice of decision %(decision)s (reply to letter %(letter)s)",
                    decision=decision_number.strip(),
                    letter=self.name,
                ),
                "decision_number": decision_number,
                "decision_date": decision_date,
                "body": self._paragraphs(
                    _(
                        "In reply to letter %(letter)s, %(company)s notifies %(agency)s of "
                        "decision %(decision)s: %(granted)s of the %(count)s person(s) listed "
                        "below were granted.",
                        letter=self.name,
                        company=company.name,
                        agency=self.issuing_agency_id.name,
                        decision=decision_number.strip(),
                        granted=granted,
                        count=len(results),
                    )
                )
                + self._persons_table(persons),
            },
        )
        persons_file = Dossier._persons_list_attachment(answer, persons)
        answer.write({"attachment_ids": [fields.Command.set(persons_file.ids)]})
        answer.action_sign_and_send()
        for dossier, result, note in results:
            if result == "granted":
                while dossier.stage_line_ids.filtered(
                    lambda other, dossier=dossier: other.state == "planned"
                    and other.sequence > dossier.current_stage_line_id.sequence
                ):
                    dossier.action_complete_stage()
            dossier._notify_result_to_department(answer)
            dossier.action_decide(
                result,
                decision_number=decision_number,
                decision_date=decision_date,
                note=note or None,
            )
        return answer

    # ------------------------------------------------------------------
    # Helpers for the letters written by the exchange
    # ------------------------------------------------------------------
    @api.model
    def _persons_table(self, persons):
        """An HTML table of a list of persons for the body of a letter."""
        result_labels = dict(
            self.env["nationality.letter.person"]
            ._fields["result"]
            ._description_selection(user_language_env(self.env))
        )
        header = Markup(
            "<table class='table table-sm table-bordered'><thead><tr>"
            "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>"
        ) % (_("No."), _("Full name"), _("Born"), _("Dossier"), _("Result"))
        rows = Markup("")
        for index, person in enumerate(persons, start=1):
            rows += Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>") % (
                index,
                person["full_name"],
                person.get("birth_date_display") or "",
                person.get("dossier_code") or "",
                result_labels.get(person.get("result"), ""),
            )
        return header + rows + Markup("</tbody></table>")

    @api.model
    def _paragraphs(self, *texts):
        return Markup("").join(Markup("<p>%s</p>") % escape(text) for text in texts if text)

    @api.model
    def _check_letter_writer(self, company):
        """Raise unless the user works for ``company`` and it has an agency."""
        if company not in self.env.user.company_ids:
            raise AccessError(
                _(
                    "You do not work for %(company)s and cannot write its letters.",
                    company=company.name,
                )
            )
        if not company.nationality_agency_id:
            raise UserError(
                _(
                    "%(company)s has no agency in the nationality system; an administrator "
                    "must set it before letters are written.",
                    company=company.name,
                )
            )
