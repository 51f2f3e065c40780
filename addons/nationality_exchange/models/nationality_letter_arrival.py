# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import _, api, fields, models
from odoo.addons.nationality_dossier.models.nationality_dossier import (
    _workflow_active,
    workflow_transition,
)
from odoo.addons.nationality_dossier.tools.dates import VIETNAM_TZ
from odoo.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)


class NationalityLetterArrival(models.Model):
    """One line of an agency's incoming register (sổ đăng ký văn bản đến):
    the arrival number (số đến) a receiving company gave a letter, and when.

    Decree 30/2020/ND-CP: every document an agency receives is registered
    with an arrival number that restarts at 1 on 1 January, per receiving
    agency. A letter sent in the system to several agencies is one record
    with one arrival per receiving company. Written by the exchange only, as
    the letter is received or imported; never changed afterwards."""

    _name = "nationality.letter.arrival"
    _description = "Incoming register line (arrival number)"
    _order = "year desc, arrival_number desc, id desc"

    # A register never loses a line: the letter cannot go while it is entered.
    letter_id = fields.Many2one(
        "nationality.letter",
        string="Letter",
        required=True,
        ondelete="restrict",
        index=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company",
        string="Receiving company",
        required=True,
        index=True,
        readonly=True,
    )
    agency_id = fields.Many2one("nationality.agency", string="Receiving agency", readonly=True)
    arrival_number = fields.Integer(
        string="Arrival number", required=True, readonly=True, aggregator=None
    )
    year = fields.Integer(
        required=True,
        readonly=True,
        index=True,
        aggregator=None,
        help="Year of the arrival on Vietnam's day: arrival numbers restart on 1 January.",
    )
    arrival_date = fields.Datetime(string="Arrived on", required=True, readonly=True)
    registered_by_id = fields.Many2one("res.users", string="Registered by", readonly=True)
    # What the register shows of the letter.
    letter_name = fields.Char(related="letter_id.name", string="Number and notation")
    letter_date = fields.Date(related="letter_id.letter_date", string="Date of the letter")
    issuing_agency_id = fields.Many2one(
        related="letter_id.issuing_agency_id", string="Issuing agency"
    )
    subject = fields.Char(related="letter_id.subject", string="Subject (trích yếu)")

    _sql_constraints = [
        (
            "letter_company_unique",
            "unique(company_id, letter_id)",
            "A letter is registered once in the incoming register of a company.",
        ),
        (
            "number_unique",
            "unique(company_id, year, arrival_number)",
            "An arrival number is given once per company and year.",
        ),
    ]

    @api.depends("arrival_number", "year")
    def _compute_display_name(self):
        for arrival in self:
            arrival.display_name = _(
                "Arrival no. %(number)s/%(year)s", number=arrival.arrival_number, year=arrival.year
            )

    # ------------------------------------------------------------------
    # Written by the exchange only
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not _workflow_active.get():
            raise AccessError(_("The incoming register is written by the exchange only."))
        return super().create(vals_list)

    def write(self, vals):
        if not _workflow_active.get():
            raise AccessError(_("The incoming register is written by the exchange only."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_the_exchange(self):
        if not _workflow_active.get():
            raise AccessError(_("The incoming register is written by the exchange only."))

    # ------------------------------------------------------------------
    # Registering
    # ------------------------------------------------------------------
    @api.model
    def _vietnam_day(self, moment):
        """The day of ``moment`` (naive UTC) in Vietnam."""
        return fields.Datetime.context_timestamp(self.with_context(tz=VIETNAM_TZ), moment).date()

    @api.model
    def _enter(self, letter, company, moment):
        """Enter ``letter`` in the incoming register of ``company`` at
        ``moment`` (naive UTC) with the company's next arrival number of the
        year (Vietnam's day); refused when the company registered it already.
        Returns the new line."""
        letter.ensure_one()
        company.ensure_one()
        # sudo: the register is the exchange's bookkeeping; the caller checked
        # that the user receives the letter for ``company``.
        Arrival = self.sudo()
        if Arrival.search_count([("letter_id", "=", letter.id), ("company_id", "=", company.id)]):
            raise UserError(
                _(
                    "Letter %(letter)s is already in the incoming register of %(company)s.",
                    letter=letter.sudo().name,
                    company=company.name,
                )
            )
        year = self._vietnam_day(moment).year
        # sudo: the counter is internal bookkeeping without access rights of its own.
        number = self.env["nationality.counter"].sudo().next_value(f"arrival:{company.id}:{year}")
        with workflow_transition():
            return Arrival.create(
                {
                    "letter_id": letter.id,
                    "company_id": company.id,
                    "agency_id": company.nationality_agency_id.id,
                    "arrival_number": number,
                    "year": year,
                    "arrival_date": moment,
                    "registered_by_id": self.env.uid,
                }
            )

    @api.model
    def _backfill_received_letters(self):
        """Enter in the incoming registers the letters received before the
        registers existed (run by the upgrade that brought them): a letter
        entered on paper or imported at its company's date of receipt; a letter
        sent in the system at the moment each addressee's receipt is in its
        trace. Lines are numbered in the order of arrival; a letter already in
        a company's register is left as it is. When several companies act for
        the receiving agency, which of them received the letter was not
        recorded: it is entered for none of them (and logged). Returns the new
        lines."""
        # sudo: the upgrade enters every company's letters in its register.
        Letter = self.env["nationality.letter"].sudo()
        existing = {(line.letter_id.id, line.company_id.id) for line in self.sudo().search([])}
        arrivals = []
        for letter in Letter.search([("state", "in", ("received", "answered"))]):
            if letter.direction == "incoming":
                moment = letter.date_received or letter.create_date
                arrivals.append((moment, letter.id, letter, letter.company_id))
                continue
            for trace in letter.trace_ids:
                agency = trace.agency_id
                if not agency or agency == letter.issuing_agency_id:
                    continue
                if agency not in letter.receiving_agency_ids:
                    continue
                companies = agency.nationality_company_ids - letter.company_id
                if len(companies) > 1:
                    _logger.warning(
                        "Letter %s: received by agency %s, for which companies %s act; "
                        "not entered in an incoming register.",
                        letter.name,
                        agency.code or agency.name,
                        companies.ids,
                    )
                    continue
                arrivals.extend(
                    (trace.timestamp, letter.id, letter, company) for company in companies
                )
        created = self.browse()
        for moment, _letter_id, letter, company in sorted(arrivals, key=lambda a: a[:2]):
            if (letter.id, company.id) in existing:
                continue
            existing.add((letter.id, company.id))
            created |= self._enter(letter, company, moment)
        return created

    def _label(self):
        """'Arrival no. 12 — 03/12/2026 09:15' (Vietnam's time)."""
        self.ensure_one()
        moment = fields.Datetime.context_timestamp(
            self.with_context(tz=VIETNAM_TZ), self.arrival_date
        )
        return _(
            "Arrival no. %(number)s — %(date)s",
            number=self.arrival_number,
            date=moment.strftime("%d/%m/%Y %H:%M"),
        )

    def _imported_note(self):
        """The chatter note of a letter entered from an edXML message."""
        self.ensure_one()
        return _(
            "Imported from an edXML message by %(user)s: %(arrival)s in the incoming "
            "register of %(company)s.",
            user=self.env.user.name,
            arrival=self._label(),
            company=self.company_id.name,
        )

    def action_open_letter(self):
        self.ensure_one()
        return self.letter_id._form_action()
