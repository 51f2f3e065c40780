# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import _, api, fields, models
from odoo.exceptions import UserError

LETTER_TYPES = [
    ("proposal", "Proposal (forwarding dossiers)"),
    ("request_documents", "Request for more documents"),
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


class NationalityLetter(models.Model):
    """An official letter (công văn) sent or received by an agency, numbered
    in the official style <number>/<notation> per issuing unit and year."""

    _name = "nationality.letter"
    _description = "Official letter"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "letter_date desc, id desc"

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
    letter_type = fields.Selection(LETTER_TYPES, required=True, default="other", index=True)
    letter_date = fields.Date(string="Date", tracking=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    issuing_agency_id = fields.Many2one("nationality.agency", required=True, index=True)
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
    response_for_id = fields.Many2one(
        "nationality.letter", string="In reply to", index=True, ondelete="set null"
    )
    document_id = fields.Char(
        string="Document identifier",
        default=lambda self: str(uuid.uuid4()),
        copy=False,
        index=True,
        help="Globally unique identifier of the letter in electronic exchange (edXML DocumentId).",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Signed and sent"),
            ("received", "Received"),
            ("answered", "Answered"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
    )

    _sql_constraints = [
        (
            "document_id_unique",
            "unique(document_id)",
            "An electronic document identifier can be used by one letter only.",
        ),
    ]

    @api.depends("number", "notation")
    def _compute_name(self):
        for letter in self:
            if letter.number and letter.notation:
                letter.name = f"{letter.number:02d}/{letter.notation}"
            else:
                letter.name = letter.notation or _("Draft letter")

    def _next_number(self):
        """Next number of the issuing agency for the letter's year: numbers
        restart on 1 January and are shared by all of the agency's letters
        (Decree 30/2020/ND-CP)."""
        self.ensure_one()
        year = (self.letter_date or fields.Date.context_today(self)).year
        # sudo: the counter is internal bookkeeping without access rights of its own.
        return (
            self.env["nationality.counter"]
            .sudo()
            .next_value(f"letter:{self.issuing_agency_id.id}:{year}")
        )

    def action_sign_and_send(self):
        """Give an outgoing draft its number and date and mark it sent."""
        for letter in self:
            if letter.direction != "outgoing" or letter.state != "draft":
                raise UserError(_("Only an outgoing draft letter can be signed and sent."))
            if not letter.notation:
                raise UserError(_("Give the letter its notation (e.g. STP-HCTP) before signing."))
            values = {"letter_date": letter.letter_date or fields.Date.context_today(letter)}
            letter.letter_date = values["letter_date"]
            values["number"] = letter._next_number()
            values["state"] = "sent"
            letter.write(values)
        return True
