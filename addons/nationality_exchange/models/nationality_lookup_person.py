# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.addons.nationality_dossier.models.nationality_birth_date_mixin import (
    BIRTH_DATE_PRECISIONS,
)
from odoo.addons.nationality_dossier.models.nationality_dossier import (
    _workflow_active,
    workflow_transition,
)
from odoo.addons.nationality_dossier.tools.config_param import int_param
from odoo.addons.nationality_dossier.tools.dates import latest_today
from odoo.addons.nationality_dossier.tools.person_input import (
    IDENTITY_NUMBER,
    PASSPORT_NUMBER,
    format_birth_date,
    normalize_id_number,
)
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from ..tools.text_input import check_text, normalize_person_texts, shown
from .nationality_lookup_request import LOOKUP_RESULTS, OPEN_STATES
from .nationality_record import EVENT_RESULTS

PAYLOAD_KEYS = (
    "full_name",
    "gender",
    "birth_date",
    "birth_place",
    "id_number",
    "passport_number",
    "nationality",
    "note",
)
# Longest value of each key of a person sent through the API or in a list, in
# characters (after NFC normalisation).
PAYLOAD_LIMITS = {
    "full_name": 200,
    "gender": 16,
    "birth_date": 32,
    "birth_place": 250,
    "id_number": 32,
    "passport_number": 32,
    "nationality": 100,
    "note": 500,
}
# Longest value of the text fields of a person, in characters.
PERSON_TEXT_LIMITS = {
    "full_name": 200,
    "birth_place": 250,
    "id_number": 32,
    "passport_number": 32,
    "note": 500,
    "result_note": 500,
}
# Fields of a person that only the registry search of the workflow writes.
PERSON_WORKFLOW_FIELDS = frozenset(
    {"match_ids", "date_searched", "name_sorted_key", "repeat_of_id", "result_published"}
)
# The Ministry's result: it changes only while the request is open, since the
# requester reads it once the answer is sent.
PERSON_RESULT_FIELDS = frozenset({"result", "result_record_id", "result_note"})
_GENDERS = {
    "male": "male",
    "nam": "male",
    "m": "male",
    "female": "female",
    "nữ": "female",
    "nu": "female",
    "f": "female",
}


class NationalityLookupPerson(models.Model):
    """A person whose nationality status a lookup request asks for, with the
    candidates found in the registry and the result the officer confirmed."""

    _name = "nationality.lookup.person"
    _inherit = ["nationality.birth.date.mixin"]
    _description = "Person in a nationality lookup request"
    _order = "request_id, sequence, id"

    request_id = fields.Many2one(
        "nationality.lookup.request", required=True, ondelete="cascade", index=True
    )
    request_state = fields.Selection(related="request_id.state", string="Request state")
    sequence = fields.Integer(default=10)
    full_name = fields.Char(required=True, help="As in the request, with diacritics if known.")
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    # Declared again here: Odoo files the labels of a selection, and their
    # translations, under the addon that declares its choices.
    birth_date_precision = fields.Selection(BIRTH_DATE_PRECISIONS)
    birth_place = fields.Char(string="Place of birth")
    id_number = fields.Char(string="Identity number")
    passport_number = fields.Char(string="Passport number")
    country_id = fields.Many2one("res.country", string="Current nationality")
    note = fields.Char()
    name_sorted_key = fields.Char(
        string="Sorted name key", compute="_compute_name_sorted_key", store=True, index=True
    )
    match_ids = fields.One2many(
        "nationality.lookup.match",
        "person_id",
        string="Candidates",
        groups="nationality_dossier.group_ministry_officer",
    )
    match_count = fields.Integer(
        compute="_compute_match_count",
        string="Candidates found",
        groups="nationality_dossier.group_ministry_officer",
    )
    date_searched = fields.Datetime(string="Searched on", readonly=True, copy=False)
    # The answer fields are not copied: a copied request is a new request,
    # not yet answered (and a requester cannot give them, see create()).
    result = fields.Selection(
        LOOKUP_RESULTS,
        copy=False,
        groups="nationality_dossier.group_ministry_officer",
        help="Confirmed by the Ministry; the requester sees it once the answer is sent.",
    )
    # compute_sudo: the result is the Ministry's field (groups); the requester
    # reads it through this field, and only once the answer is sent.
    result_published = fields.Selection(
        LOOKUP_RESULTS,
        string="Answered result",
        compute="_compute_result_published",
        compute_sudo=True,
        help="The result as answered to the requester.",
    )
    result_record_id = fields.Many2one(
        "nationality.record",
        string="Record found",
        ondelete="restrict",
        copy=False,
        groups="nationality_dossier.group_ministry_officer",
    )
    result_note = fields.Char(
        string="Note on the result",
        copy=False,
        groups="nationality_dossier.group_ministry_officer",
    )
    repeat_of_id = fields.Many2one(
        "nationality.lookup.person",
        string="Asked before in",
        compute="_compute_repeat_of_id",
        compute_sudo=True,
        store=True,
        groups="nationality_dossier.group_ministry_officer",
        help="The same person (same name and year of birth, or same identity or passport "
        "number) was asked about in an earlier request within the configured period.",
    )
    repeat_request_id = fields.Many2one(
        related="repeat_of_id.request_id",
        string="Earlier request",
        groups="nationality_dossier.group_ministry_officer",
    )

    @api.depends("full_name")
    def _compute_name_sorted_key(self):
        keys = self.env["nationality.record"]._search_keys_sql(
            [person.full_name or "" for person in self], [""] * len(self)
        )
        for person, (_name_key, sorted_key, _code) in zip(self, keys):
            person.name_sorted_key = sorted_key

    @api.depends("result", "request_id.state")
    def _compute_result_published(self):
        for person in self:
            answered = person.request_id.state == "answered"
            person.result_published = person.result if answered else False

    def _compute_match_count(self):
        for person in self:
            person.match_count = len(person.sudo().match_ids)

    @api.model
    def _repeat_months(self):
        return int_param(self.env, "nationality_exchange.lookup_repeat_months", 12)

    @api.depends(
        "name_sorted_key",
        "birth_year",
        "id_number",
        "passport_number",
        "request_id.date_received",
    )
    def _compute_repeat_of_id(self):
        """Flag a person asked about in another request within the period:
        same name (any order, without diacritics) and year of birth, or same
        identity or passport number. Runs as superuser (compute_sudo): the
        earlier request may belong to another requester; only the Ministry
        reads the flag."""
        months = self._repeat_months()
        for person in self:
            request = person.request_id
            if not months or not request.date_received or not person.name_sorted_key:
                person.repeat_of_id = False
                continue
            since = request.date_received - relativedelta(months=months)
            alternatives = []
            if person.birth_year:
                alternatives.append(
                    [
                        ("name_sorted_key", "=", person.name_sorted_key),
                        ("birth_year", "=", person.birth_year),
                    ]
                )
            for number in {person.id_number, person.passport_number} - {False, None, ""}:
                alternatives.append(
                    ["|", ("id_number", "=", number), ("passport_number", "=", number)]
                )
            if not alternatives:
                person.repeat_of_id = False
                continue
            domain = [
                ("request_id", "!=", request.id),
                ("request_id.state", "!=", "cancelled"),
                ("request_id.date_received", ">=", since),
                ("request_id.date_received", "<=", request.date_received),
            ]
            if isinstance(request.id, int):
                domain.append(("request_id", "<", request.id))
            person.repeat_of_id = self.search(
                expression.AND([domain, expression.OR(alternatives)]), order="id desc", limit=1
            )

    # ------------------------------------------------------------------
    # Validation and normalisation
    # ------------------------------------------------------------------
    @api.model
    def _normalize_person_vals(self, vals):
        """NFC, single spaces; control characters and overlong values refused."""
        return normalize_person_texts(
            self, vals, ("full_name", "birth_place", "note", "result_note"), PERSON_TEXT_LIMITS
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not _workflow_active.get():
            for vals in vals_list:
                self._refuse_workflow_fields(vals)
                self._refuse_result_fields(
                    {name for name in PERSON_RESULT_FIELDS & set(vals) if vals[name]}
                )
        persons = super().create([self._normalize_person_vals(vals) for vals in vals_list])
        if not _workflow_active.get():
            persons.request_id._require_state(
                OPEN_STATES, _("%(reference)s is closed: its list of persons is kept as answered.")
            )
        return persons

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self.env["nationality.access.log"]._log_export(
            self,
            fields_to_export,
            company=self.env["nationality.lookup.request"]._ministry_company(),
        )
        return result

    def write(self, vals):
        if "request_id" in vals and any(
            person.request_id.id != vals["request_id"] for person in self
        ):
            raise UserError(
                _("A person stays in the request it was entered in; add it to the other one.")
            )
        if not _workflow_active.get():
            self._refuse_workflow_fields(vals)
            self._refuse_result_fields(PERSON_RESULT_FIELDS & set(vals))
            if PERSON_RESULT_FIELDS & set(vals):
                self.request_id._require_state(
                    OPEN_STATES, _("%(reference)s is answered or cancelled: its results are kept.")
                )
        return super().write(self._normalize_person_vals(vals))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_while_open(self):
        if not _workflow_active.get():
            self.request_id._require_state(
                OPEN_STATES, _("%(reference)s is closed: its list of persons is kept as answered.")
            )

    @api.model
    def _refuse_workflow_fields(self, vals):
        protected = PERSON_WORKFLOW_FIELDS & set(vals)
        if protected:
            raise AccessError(
                _(
                    "These fields of a looked-up person change only through the registry "
                    "search: %(fields)s",
                    fields=", ".join(sorted(protected)),
                )
            )

    @api.model
    def _refuse_result_fields(self, names):
        """The result of a lookup is the Ministry's answer: only its officers
        (or its workflow) give it, when a person is added as when it is
        changed. The ORM checks the fields' groups on write, not on create,
        where a requester would otherwise answer its own request."""
        if names and not self.env["nationality.lookup.request"]._is_ministry():
            raise AccessError(
                _(
                    "Only the Ministry records the result of a lookup; leave these fields "
                    "empty: %(fields)s",
                    fields=", ".join(sorted(names)),
                )
            )

    def _write_workflow(self, vals):
        with workflow_transition():
            return self.write(vals)

    @api.constrains("full_name", "id_number", "passport_number", "birth_date")
    def _check_person(self):
        today = latest_today(self.env)
        for person in self:
            if not any(char.isalpha() for char in person.full_name or ""):
                raise ValidationError(_("A full name must contain letters."))
            if person.id_number and not IDENTITY_NUMBER.match(person.id_number):
                raise ValidationError(
                    _(
                        "%(name)s: the identity number %(number)s does not have 9 or 12 digits.",
                        name=person.full_name,
                        number=person.id_number,
                    )
                )
            if person.passport_number and not PASSPORT_NUMBER.match(person.passport_number):
                raise ValidationError(
                    _(
                        "%(name)s: the passport number %(number)s is not 5 to 20 letters and "
                        "digits with at least one digit.",
                        name=person.full_name,
                        number=person.passport_number,
                    )
                )
            if person._has_impossible_birth_date(today):
                raise ValidationError(
                    _("The date of birth of %(name)s is not possible.", name=person.full_name)
                )

    @api.model
    def _values_from_payload(self, payload):
        """Field values of a person given as a dict (API payload or a row of
        an imported list); ValidationError with a clear message otherwise."""
        if not isinstance(payload, dict):
            raise ValidationError(_("A person is a dictionary (a JSON object)."))
        unknown = sorted(set(payload) - set(PAYLOAD_KEYS))
        if unknown:
            raise ValidationError(
                _(
                    "Unknown fields: %(unknown)s. Allowed: %(allowed)s.",
                    unknown=", ".join(shown(key) for key in unknown[:10]),
                    allowed=", ".join(PAYLOAD_KEYS),
                )
            )
        # Every value is a text (or a whole number) of bounded length without
        # control characters before anything else looks at it.
        texts = {}
        for key, value in payload.items():
            if value in (None, ""):
                continue
            if isinstance(value, bool) or not isinstance(value, str | int):
                raise ValidationError(_("%(field)s must be a text.", field=key))
            texts[key] = check_text(self.env, str(value), key, PAYLOAD_LIMITS[key])
        name = texts.get("full_name") or ""
        if not name:
            raise ValidationError(_("The full name is missing."))
        if not any(char.isalpha() for char in name) or any(char.isdigit() for char in name):
            raise ValidationError(_("%(name)s is not a full name.", name=name))
        values = {"full_name": name}
        gender = texts.get("gender", "").lower()
        if gender:
            if gender not in _GENDERS:
                raise ValidationError(_("The gender is 'male' or 'female'."))
            values["gender"] = _GENDERS[gender]
        if texts.get("birth_date"):
            values["birth_date"], values["birth_date_precision"] = self.env[
                "nationality.record"
            ]._parse_birth_text(texts["birth_date"])
        if texts.get("birth_place"):
            values["birth_place"] = texts["birth_place"]
        id_number = normalize_id_number(texts.get("id_number") or "")
        if id_number:
            if not IDENTITY_NUMBER.match(id_number):
                raise ValidationError(
                    _(
                        "The identity number %(number)s does not have 9 or 12 digits.",
                        number=id_number,
                    )
                )
            values["id_number"] = id_number
        passport = normalize_id_number(texts.get("passport_number") or "")
        if passport:
            if not PASSPORT_NUMBER.match(passport):
                raise ValidationError(
                    _(
                        "The passport number %(number)s is not 5 to 20 letters and digits with a digit.",
                        number=passport,
                    )
                )
            values["passport_number"] = passport
        nationality = texts.get("nationality")
        if nationality:
            if len(nationality) == 2 and nationality.isalpha():
                domain = [("code", "=", nationality.upper())]
            else:
                # Exact name, case-insensitive: LIKE wildcards typed are literal.
                literal = re.sub(r"([\\%_])", r"\\\1", nationality)
                domain = [("name", "=ilike", literal)]
            country = self.env["res.country"].search(domain, limit=1)
            if not country:
                raise ValidationError(
                    _(
                        "Unknown country %(country)s: give its ISO code, e.g. DE.",
                        country=nationality,
                    )
                )
            values["country_id"] = country.id
        if texts.get("note"):
            values["note"] = texts["note"]
        return values

    # ------------------------------------------------------------------
    # Registry search and results
    # ------------------------------------------------------------------
    def _search_criteria(self):
        self.ensure_one()
        criteria = {"name": self.full_name}
        if self.birth_date:
            criteria["birth_date"] = format_birth_date(self.birth_date, self.birth_date_precision)
        if self.birth_place:
            criteria["birth_place"] = self.birth_place
        if self.gender:
            criteria["gender"] = self.gender
        if self.id_number:
            criteria["id_number"] = self.id_number
        elif self.passport_number:
            criteria["id_number"] = self.passport_number
        return criteria

    def action_search_registry(self):
        """Search the registry for each person and keep the ranked candidates."""
        self.request_id._require_ministry()
        Record = self.env["nationality.record"]
        now = fields.Datetime.now()
        for person in self:
            # The request's reference is the reason of the search in the access log.
            matches = Record.registry_search(
                person._search_criteria(), limit=10, reason=person.request_id.name
            )
            commands = [Command.clear()]
            for rank, match in enumerate(matches, start=1):
                commands.append(
                    Command.create(
                        {
                            "rank": rank,
                            "record_id": match["record"].id,
                            "score": match["score"],
                            "reason": match["reason"],
                        }
                    )
                )
            person._write_workflow({"match_ids": commands, "date_searched": now})
        return True

    def action_confirm_no_record(self):
        self.request_id._require_ministry()
        self.write({"result": "no_record", "result_record_id": False})
        return True

    def _confirm_record(self, record):
        self.ensure_one()
        self.request_id._require_ministry()
        self.write({"result_record_id": record.id, "result": EVENT_RESULTS[record.event_type]})
