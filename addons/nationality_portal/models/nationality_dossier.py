# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hmac
import re

from odoo import Command, _, api, fields, models
from odoo.addons.nationality_dossier.models.nationality_dossier import CLOSED_STATES, OPEN_STATES
from odoo.addons.nationality_dossier.models.nationality_person_mixin import ID_DOCUMENT_TYPES
from odoo.addons.nationality_dossier.tools.dates import latest_today
from odoo.addons.nationality_dossier.tools.pdf import text_pdf
from odoo.addons.nationality_dossier.tools.person_input import (
    EARLIEST_BIRTH_YEAR,
    normalize_id_number,
    normalize_text,
    parse_birth_date,
    quote_input,
)
from odoo.exceptions import AccessError, UserError, ValidationError

# Rate-limit scopes of the public status check (nationality.rate.limit).
STATUS_SCOPE = "status_check"
STATUS_CODE_SCOPE = "status_check_code"

# The steps of the online application, in order.
PORTAL_STEPS = ("applicant", "family", "questions", "documents", "filing")

# Text fields of the applicant step, as the official forms ask them.
APPLICANT_TEXT_FIELDS = (
    "full_name",
    "other_names",
    "birth_place",
    "birth_registration_place",
    "ethnicity",
    "religion",
    "id_document_issuer",
    "occupation",
    "workplace",
    "email",
    "phone",
    "street",
    "address_legacy",
    "address_abroad",
)
QUESTION_TEXT_FIELDS = (
    "vietnamese_name_requested",
    "reasons",
    "former_nationality_loss",
    "residence_before_leaving",
    "representative_name",
    "representative_relation",
)
QUESTION_BOOLEAN_FIELDS = (
    "keep_foreign_nationality",
    "represented",
    "former_official",
    "foreign_refusal",
)
# Questions that belong to the form of some procedures only (the application
# forms of Circular 12/2025/TT-BTP); the conditional checklist items of the rule
# version add the questions their conditions depend on.
QUESTIONS_BY_PROCEDURE = {
    "vietnamese_name_requested": ("naturalization", "restoration"),
    "keep_foreign_nationality": ("naturalization", "restoration"),
    "former_nationality_loss": ("restoration",),
    "residence_before_leaving": ("restoration", "nationality_certificate", "origin_certificate"),
    "foreign_country_id": ("renunciation", "foreign_nationality_notice"),
    "foreign_nationality_date": ("foreign_nationality_notice",),
}
QUESTIONS_BY_CONDITION = {
    "keep_foreign_nationality": "keep_foreign_nationality",
    "represented": "represented",
    "former_official": "former_official",
    "foreign_refusal": "foreign_refusal",
}
# Questions whose answer the form of the procedure requires.
REQUIRED_QUESTIONS = {
    "vietnamese_name_requested": ("naturalization", "restoration"),
    "foreign_country_id": ("renunciation", "foreign_nationality_notice"),
}

# Everything an applicant may write on their own draft dossier. Workflow
# fields, fees, the responsible officers and internal notes are out of reach.
PORTAL_DOSSIER_FIELDS = frozenset(
    {
        *APPLICANT_TEXT_FIELDS,
        *QUESTION_TEXT_FIELDS,
        *QUESTION_BOOLEAN_FIELDS,
        "gender",
        "birth_date",
        "birth_date_precision",
        "nationality_ids",
        "stateless",
        "id_document_type",
        "id_document_number",
        "id_document_issue_date",
        "residence_country_id",
        "address_scheme",
        "province_id",
        "ward_id",
        "ground_ids",
        "foreign_country_id",
        "foreign_nationality_date",
        "fee_exemption_id",
        "company_id",
        "member_ids",
        "portal_step",
        "declaration_accepted",
    }
)
PORTAL_DOSSIER_CREATE_FIELDS = PORTAL_DOSSIER_FIELDS | {"procedure_id", "channel"}

# Drafts one portal account may keep at once (system parameter
# nationality_portal.max_drafts): enough for a family's applications, not for
# filling the database by script.
DEFAULT_MAX_DRAFTS = 10
# The models whose files are the dossier's: they come only through the
# checked uploads of the online form, never through the chatter.
DOSSIER_FILE_MODELS = ("nationality.dossier", "nationality.dossier.document")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 .()-]{8,20}$")
_STATUS_DIGITS = re.compile(r"^[0-9A-Z]{4}$")
# A dossier code typed in the public status check: printable, bounded.
_STATUS_CODE = re.compile(r"^[0-9A-Z./_ -]{1,64}$")
# Record ids posted by the forms: ASCII digits within PostgreSQL's integer range.
_FORM_ID = re.compile(r"^[0-9]{1,10}$")
MAX_RECORD_ID = 2**31 - 1


def _form_bool(form, name):
    return form.get(name) in ("1", "on", "true", "True", True)


def form_int(value):
    """The record id posted as ``value``, or 0 when it is not one (other
    scripts' digits, signs, out of range...)."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value if 0 < value <= MAX_RECORD_ID else 0
    text = value.strip() if isinstance(value, str) else ""
    if not _FORM_ID.match(text):
        return 0
    number = int(text)
    return number if number <= MAX_RECORD_ID else 0


class NationalityDossier(models.Model):
    _inherit = "nationality.dossier"

    applicant_user_id = fields.Many2one(
        "res.users",
        string="Applicant's portal account",
        readonly=True,
        copy=False,
        index=True,
        help="The portal user who prepared the dossier online and follows it.",
    )
    portal_preregistration = fields.Boolean(
        string="Pre-registered online",
        compute="_compute_portal_preregistration",
        store=True,
        help="Prepared on the portal for a procedure that is filed in person and sent to "
        "the chosen Department of Justice: the applicant brings the papers to the counter.",
    )
    portal_step = fields.Selection(
        [
            ("applicant", "Applicant"),
            ("family", "Family"),
            ("questions", "Request"),
            ("documents", "Documents"),
            ("filing", "Filing"),
        ],
        string="Last step saved online",
        copy=False,
    )
    declaration_accepted = fields.Boolean(
        string="Declaration confirmed",
        copy=False,
        help="The applicant declared the information true and complete.",
    )
    date_declaration = fields.Datetime(string="Declaration confirmed on", readonly=True, copy=False)
    date_preregistered = fields.Datetime(
        string="Pre-registration sent on",
        readonly=True,
        copy=False,
        help="When the applicant sent the pre-registration to the chosen Department of Justice.",
    )
    privacy_notice_id = fields.Many2one(
        "nationality.privacy.notice",
        string="Privacy notice accepted",
        readonly=True,
        copy=False,
        help="The version of the privacy notice the applicant last accepted on the portal.",
    )
    date_privacy_accepted = fields.Datetime(
        string="Privacy notice accepted on", readonly=True, copy=False
    )
    supplement_requested_at = fields.Datetime(
        string="Supplement requested at", readonly=True, copy=False
    )
    date_supplement_answered = fields.Datetime(
        string="Supplement answered online on", readonly=True, copy=False
    )

    @api.depends("applicant_user_id", "date_preregistered", "procedure_id.channel_online")
    def _compute_portal_preregistration(self):
        for dossier in self:
            # The department sees a pre-registration once the applicant sent it.
            dossier.portal_preregistration = bool(
                dossier.applicant_user_id
                and dossier.date_preregistered
                and dossier.procedure_id
                and "online" not in dossier.procedure_id._get_channels()
            )

    # ------------------------------------------------------------------
    # ORM: what an applicant may write
    # ------------------------------------------------------------------
    def _portal_restricted(self):
        """True when the current user is a portal (share) user acting without sudo."""
        return self.env.user.share and not self.env.su

    @api.model_create_multi
    def create(self, vals_list):
        if self._portal_restricted():
            user = self.env.user
            for vals in vals_list:
                forbidden = set(vals) - PORTAL_DOSSIER_CREATE_FIELDS
                if forbidden:
                    raise AccessError(
                        _(
                            "You cannot set these fields of a dossier: %(fields)s",
                            fields=", ".join(sorted(forbidden)),
                        )
                    )
                self._portal_check_department(vals)
                vals["applicant_user_id"] = user.id
                vals["partner_id"] = user.partner_id.id
            problem = self._portal_draft_limit_problem(len(vals_list))
            if problem:
                raise UserError(problem)
        return super().create(vals_list)

    @api.model
    def _portal_max_drafts(self):
        """How many drafts one portal account may keep (system parameter)."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("nationality_portal.max_drafts", DEFAULT_MAX_DRAFTS)
        )
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = DEFAULT_MAX_DRAFTS
        return value if value > 0 else DEFAULT_MAX_DRAFTS

    @api.model
    def _portal_serialize_new_drafts(self):
        """Make the applicant's requests that start drafts count one after the
        other: without this, requests sent at once (a double click, a script)
        each count the drafts before any is saved, and all pass the limit.

        A no-op update of the applicant's user row: a second request waits for
        the first to finish, then fails with a serialization error because the
        row changed after its snapshot, and the server replays it, when it
        counts the first request's draft."""
        self.env.cr.execute(
            "UPDATE res_users SET write_date = write_date WHERE id = %s", [self.env.uid]
        )

    @api.model
    def _portal_draft_limit_problem(self, new=1):
        """Why the current applicant may not start ``new`` more drafts, or None.
        Sent pre-registrations are not counted: they wait at the department."""
        limit = self._portal_max_drafts()
        self._portal_serialize_new_drafts()
        # sudo: counting the applicant's own drafts only.
        count = self.sudo().search_count(
            [
                ("applicant_user_id", "=", self.env.uid),
                ("state", "=", "draft"),
                ("date_preregistered", "=", False),
            ]
        )
        if count + new <= limit:
            return None
        return _(
            "You already have %(count)s drafts, the most one account may keep. Finish or "
            "delete a draft in My nationality dossiers before starting a new one.",
            count=count,
        )

    def _portal_check_not_sent(self):
        """Refuse changes by the applicant to a pre-registration already sent:
        the declaration and the privacy consent were given for the data as
        sent, and the department may be working with it; corrections are made
        at the counter, where the officer's changes are tracked."""
        sent = self.sudo().filtered("date_preregistered")[:1]
        if sent:
            raise UserError(
                _(
                    "This pre-registration was sent to %(department)s on %(date)s: it can no "
                    "longer be changed online. Bring your corrections to the counter when you "
                    "file the dossier.",
                    department=sent.company_id.name,
                    date=sent._format_date(sent.date_preregistered),
                )
            )

    def unlink(self):
        # The lines of a dossier go with it by a database cascade, which
        # leaves their files behind: delete them with the dossier.
        lines = self.sudo().with_context(active_test=False).document_ids
        files = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    "|",
                    "&",
                    ("res_model", "=", "nationality.dossier.document"),
                    ("res_id", "in", lines.ids),
                    "&",
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                ]
            )
        )
        result = super().unlink()
        # sudo: the files belong to the dossiers just deleted (the caller's
        # right to delete them was checked by super()); the file store
        # releases their content at its next clean-up.
        files.exists().unlink()
        return result

    def _require_group(self, xmlid, action):
        # sudo: only so that the refusal can name the group; portal users
        # cannot read res.groups and would get an error about groups instead
        # of "Only a reception officer may ...". The check itself is on the
        # same user (sudo keeps the user).
        return super(NationalityDossier, self.sudo())._require_group(xmlid, action)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # An applicant may edit their draft, which lets Odoo's
        # message_subscribe add any partner: they follow it themselves only
        # (the Department's notices must reach nobody they chose).
        if self._portal_restricted() and set(partner_ids or ()) - {self.env.user.partner_id.id}:
            raise AccessError(_("You can only follow your own dossier yourself."))
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def message_post(self, **kwargs):
        own = self.env.user.partner_id
        # Messages of the applicant are signed by the applicant: never in the
        # name of the Department or of anyone else. (Only this code, under
        # sudo, posts the Department's notices while an applicant acts.)
        if self._portal_restricted() and (
            kwargs.get("author_id") not in (None, False, own.id)
            or kwargs.get("email_from") not in (None, False, own.email_formatted, own.email)
        ):
            raise AccessError(_("You can send messages only in your own name."))
        # The files of a dossier come only through the checked uploads of the
        # online form (type, content scan, size limits): an applicant cannot
        # attach files to a chatter message of their dossier, even through a
        # controller that posts it under sudo.
        if self.env.user._is_public() or (
            self.env.user.share and kwargs.get("author_id") in (None, False, own.id)
        ):
            if kwargs.get("attachment_ids") or kwargs.get("attachments"):
                raise UserError(
                    _(
                        "Files cannot be sent in a message: add them to the documents of "
                        "the dossier, where they are checked."
                    )
                )
            # A closed dossier has no one working on it to read the message:
            # the portal hides the message box, and direct calls are refused too.
            closed = self.sudo().filtered(lambda dossier: dossier.state in CLOSED_STATES)[:1]
            if closed:
                raise UserError(
                    _(
                        "Dossier %(code)s is closed: messages can no longer be sent on it. "
                        "Contact %(department)s for any question about it.",
                        code=closed.name,
                        department=closed.company_id.name,
                    )
                )
        return super().message_post(**kwargs)

    def write(self, vals):
        if self._portal_restricted():
            self._portal_check_not_sent()
            forbidden = set(vals) - PORTAL_DOSSIER_FIELDS
            if forbidden:
                raise AccessError(
                    _(
                        "You cannot change these fields of a dossier: %(fields)s",
                        fields=", ".join(sorted(forbidden)),
                    )
                )
            self._portal_check_department(vals)
            # A draft's edits are not tracked in the chatter: it is the
            # applicant's own work until filed, and tracking the department
            # chosen would read a company the applicant has no access to.
            return super(NationalityDossier, self.with_context(mail_notrack=True)).write(vals)
        return super().write(vals)

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        # Dossiers hold sensitive personal data: their chatter is reached only
        # with real access (the signed-in applicant, the staff), never with the
        # access token or signed link of an e-mail that may have been forwarded.
        for key in ("token", "hash", "pid"):
            kwargs.pop(key, None)
        return super()._get_thread_with_access(thread_id, mode, **kwargs)

    # ------------------------------------------------------------------
    # Reference data for the pages
    # ------------------------------------------------------------------
    @api.model
    def _portal_receiving_companies(self):
        """The Departments of Justice that receive dossiers, for the applicant to choose."""
        # sudo: names and addresses of the Departments of Justice are public;
        # portal users cannot read companies they do not belong to.
        return (
            self.env["res.company"]
            .sudo()
            .search([("nationality_agency_id.agency_type", "=", "stp")], order="name")
        )

    @api.model
    def _portal_check_department(self, vals):
        """An applicant addresses a dossier only to a Department of Justice
        that receives dossiers, never to another company of the system."""
        if vals.get("company_id") and vals["company_id"] not in (
            self._portal_receiving_companies().ids
        ):
            raise ValidationError(
                _("Choose one of the Departments of Justice that receive nationality dossiers.")
            )

    @api.model
    def _portal_default_company(self, province=None):
        companies = self._portal_receiving_companies()
        if province:
            match = companies.filtered(
                lambda company: company.nationality_agency_id.province_id == province
            )
            if match:
                return match[0]
        return companies[:1]

    def _portal_questions(self):
        """The names of the questions the request step asks for this procedure."""
        self.ensure_one()
        procedure = self.procedure_id
        names = {name for name, codes in QUESTIONS_BY_PROCEDURE.items() if procedure.code in codes}
        conditions = set(self.rule_version_id.checklist_item_ids.mapped("condition"))
        names |= {
            name for condition, name in QUESTIONS_BY_CONDITION.items() if condition in conditions
        }
        if "minor_children" in conditions:
            names.add("minor_children")
        names.add("reasons")
        if procedure.ground_ids:
            names.add("ground_ids")
        if procedure.fee_exemption_ids:
            names.add("fee_exemption_id")
        return names

    def _portal_line_groups(self):
        """Checklist lines split for the documents step: what the applicant must
        give, what applies only in some cases, and what is optional."""
        self.ensure_one()
        lines = self.document_ids.sorted(lambda line: (line.sequence, line.id))
        return {
            "required": lines.filtered(
                lambda line: line.is_applicable and line.requirement in ("required", "conditional")
            ),
            "not_applicable": lines.filtered(
                lambda line: not line.is_applicable and line.requirement == "conditional"
            ),
            "optional": lines.filtered(lambda line: line.requirement == "optional"),
        }

    def _portal_files_size(self):
        """Total size in bytes of the files attached to the dossier's checklist."""
        self.ensure_one()
        # sudo: only sizes are read, of files of a dossier the caller may read.
        return sum(self.sudo().document_ids.attachment_ids.mapped("file_size"))

    def _portal_timeline(self):
        """Stages for the applicant's timeline: the dossier's own stage lines
        once accepted, else the stages the rules in force plan."""
        self.ensure_one()
        dossier = self.sudo()
        if dossier.stage_line_ids:
            return [
                {
                    "name": line.name,
                    "state": line.state,
                    "date_start": line.date_start,
                    "date_due": line.date_due or line.planned_date_due,
                    "date_done": line.date_done,
                    "time_limit": line.time_limit,
                    "time_unit": line.time_unit,
                }
                for line in dossier.stage_line_ids.sorted("sequence")
            ]
        version = dossier.rule_version_id
        return [
            {
                "name": stage.name,
                "state": "planned",
                "date_start": False,
                "date_due": False,
                "date_done": False,
                "time_limit": stage.time_limit,
                "time_unit": stage.time_unit,
            }
            for stage in version.stage_ids.sorted("sequence")
        ]

    def _portal_check_owner(self):
        """Raise unless the current user is the applicant who owns these dossiers."""
        for dossier in self:
            if not self.env.su and dossier.sudo().applicant_user_id != self.env.user:
                raise AccessError(_("This dossier is not yours."))
        self.check_access("read")

    def _portal_form_values(self):
        """The dossier's values as the online form shows them (strings and lists
        of strings), to fill the form when a step is opened."""
        self.ensure_one()
        values = {name: self[name] or "" for name in APPLICANT_TEXT_FIELDS + QUESTION_TEXT_FIELDS}
        values.update(
            {
                "gender": self.gender or "",
                "stateless": "1" if self.stateless else "",
                "id_document_type": self.id_document_type or "",
                "id_document_number": self.id_document_number or "",
                "birth_date": self.birth_date_display or "",
                "id_document_issue_date": self._format_date(self.id_document_issue_date),
                "address_scheme": self.address_scheme or "current",
                "province_id": str(self.province_id.id or ""),
                "ward_id": str(self.ward_id.id or ""),
                "residence_country_id": str(self.residence_country_id.id or ""),
                "nationality_ids_list": [str(i) for i in self.nationality_ids.ids],
                "ground_ids_list": [str(i) for i in self.ground_ids.ids],
                "fee_exemption_id": str(self.fee_exemption_id.id or ""),
                "foreign_country_id": str(self.foreign_country_id.id or ""),
                "foreign_nationality_date": self._format_date(self.foreign_nationality_date),
                "company_id": str(self.company_id.id or ""),
                "declaration": "1" if self.declaration_accepted else "",
            }
        )
        for name in QUESTION_BOOLEAN_FIELDS:
            values[name] = "1" if self[name] else ""
        for member in self.member_ids:
            prefix = f"member_{member.id}_"
            values.update(
                {
                    prefix + "full_name": member.full_name or "",
                    prefix + "relation": member.relation or "",
                    prefix + "gender": member.gender or "",
                    prefix + "birth_date": member.birth_date_display or "",
                    prefix + "nationality_id": str(member.nationality_ids[:1].id or ""),
                    prefix + "is_vietnamese_citizen": "1" if member.is_vietnamese_citizen else "",
                    prefix + "residence": member.residence or "",
                    prefix + "id_document_type": member.id_document_type or "",
                    prefix + "id_document_number": member.id_document_number or "",
                    prefix + "applies_with_applicant": "1" if member.applies_with_applicant else "",
                    prefix + "vietnamese_name_requested": member.vietnamese_name_requested or "",
                }
            )
        return values

    # ------------------------------------------------------------------
    # Parsing the form of each step
    # ------------------------------------------------------------------
    @api.model
    def _portal_parse_date(self, text, allow_partial=False):
        """Parse a date typed dd/mm/yyyy (or mm/yyyy or yyyy when ``allow_partial``).
        Returns ``(date, precision)``, ``(False, False)`` when empty; raises
        ValueError with the message to show otherwise."""
        text = normalize_text(text or "")
        if not text:
            return False, False
        try:
            value, precision = parse_birth_date(text)
        except ValueError as error:
            if allow_partial:
                raise ValueError(
                    _(
                        "%(text)s is not a date: type it as dd/mm/yyyy, or mm/yyyy or "
                        "only the year (yyyy) when the full date is not known.",
                        text=quote_input(text),
                    )
                ) from error
            raise ValueError(
                _("%(text)s is not a date: type it as dd/mm/yyyy.", text=quote_input(text))
            ) from error
        if precision != "day" and not allow_partial:
            raise ValueError(_("%(text)s is not a full date: type it as dd/mm/yyyy.", text=text))
        if value > latest_today(self.env):
            raise ValueError(_("%(text)s is in the future.", text=text))
        if value.year < EARLIEST_BIRTH_YEAR:
            raise ValueError(_("%(text)s is too far in the past.", text=text))
        return value, precision

    def _portal_record_selection(self, model, value, domain=None):
        """The record of ``model`` with id ``value`` if it exists and fits ``domain``."""
        record_id = form_int(value)
        if not record_id:
            return self.env[model]
        # sudo: reference data (countries, administrative units, grounds) is
        # public; the domain keeps the choice within what the form offers.
        return self.env[model].sudo().search([("id", "=", record_id), *(domain or [])], limit=1)

    def _portal_validate_identity(self, vals, errors, prefix="", model=None):
        """Check an identity paper number against its type with the model's own
        constraint, without storing anything; drop the values when invalid."""
        if "id_document_number" not in vals:
            return
        probe = self.env[model or self._name].new(
            {
                "full_name": vals.get("full_name") or self.full_name or "",
                "id_document_type": vals.get("id_document_type"),
                "id_document_number": vals["id_document_number"],
            }
        )
        try:
            probe._check_id_document_number()
        except ValidationError as error:
            errors[prefix + "id_document_number"] = error.args[0]
            vals.pop("id_document_number")
            vals.pop("id_document_type", None)

    def _portal_check_texts(self, vals, errors, prefix="", model=None):
        """Drop the text values the model would refuse (control characters,
        too long) and give their reason, so that the rest of the step is saved."""
        Model = self.env[model or self._name]
        for name, value in list(vals.items()):
            if not isinstance(value, str):
                continue
            problem = Model._check_text_value(name, value)
            if problem:
                errors[prefix + name] = problem
                vals.pop(name)

    def _portal_parse_applicant(self, form, errors):
        vals = {name: normalize_text(form.get(name) or "") for name in APPLICANT_TEXT_FIELDS}
        self._portal_check_texts(vals, errors)
        if "full_name" in vals and not vals["full_name"]:
            errors["full_name"] = _("Enter your full name as in your identity paper.")
        if not vals.get("full_name"):
            vals.pop("full_name", None)
        if vals.get("email") and not _EMAIL.match(vals["email"]):
            errors["email"] = _("%(email)s is not an e-mail address.", email=vals["email"])
            vals.pop("email")
        if vals.get("phone") and not _PHONE.match(vals["phone"]):
            errors["phone"] = _(
                "%(phone)s is not a telephone number (8 to 20 digits, spaces allowed).",
                phone=vals["phone"],
            )
            vals.pop("phone")
        vals["gender"] = form.get("gender") if form.get("gender") in ("male", "female") else False
        vals["stateless"] = _form_bool(form, "stateless")
        kind = form.get("id_document_type") or False
        if kind and kind not in dict(ID_DOCUMENT_TYPES):
            kind = False
        vals["id_document_type"] = kind
        vals["id_document_number"] = normalize_id_number(form.get("id_document_number") or "")
        self._portal_check_texts(vals, errors)
        if "id_document_number" not in vals:
            vals.pop("id_document_type")
        elif vals["id_document_number"] and not kind:
            errors["id_document_type"] = _("Choose the type of identity paper.")
            # The paper's type and number are kept or changed together.
            vals.pop("id_document_number")
            vals.pop("id_document_type")
        else:
            self._portal_validate_identity(vals, errors)
        try:
            vals["birth_date"], precision = self._portal_parse_date(
                form.get("birth_date"), allow_partial=True
            )
            vals["birth_date_precision"] = precision or "day"
        except ValueError as error:
            errors["birth_date"] = error.args[0]
        try:
            vals["id_document_issue_date"] = self._portal_parse_date(
                form.get("id_document_issue_date")
            )[0]
        except ValueError as error:
            errors["id_document_issue_date"] = error.args[0]
        scheme = form.get("address_scheme")
        vals["address_scheme"] = (
            scheme if scheme in ("current", "legacy", "abroad") else self.address_scheme
        ) or "current"
        province = self._portal_record_selection(
            "nationality.admin.unit", form.get("province_id"), [("unit_type", "=", "province")]
        )
        ward = self._portal_record_selection(
            "nationality.admin.unit", form.get("ward_id"), [("unit_type", "=", "ward")]
        )
        if ward and ward.parent_id != province:
            errors["ward_id"] = _(
                "%(ward)s is not in %(province)s: choose the ward again.",
                ward=ward.name,
                province=province.name or "-",
            )
            ward = ward.browse()
        vals["province_id"] = province.id
        vals["ward_id"] = ward.id
        vals["residence_country_id"] = self._portal_record_selection(
            "res.country", form.get("residence_country_id")
        ).id
        nationality_ids = [
            form_int(value) for value in form.get("nationality_ids_list") or [] if form_int(value)
        ]
        countries = self.env["res.country"].sudo().browse(nationality_ids).exists()
        vals["nationality_ids"] = [Command.set(countries.ids)]
        return vals

    def _portal_parse_questions(self, form, errors):
        questions = self._portal_questions()
        vals = {}
        for name in QUESTION_TEXT_FIELDS:
            if name in questions or (
                name.startswith("representative_") and "represented" in questions
            ):
                vals[name] = normalize_text(form.get(name) or "")
        for name in QUESTION_BOOLEAN_FIELDS:
            if name in questions:
                vals[name] = _form_bool(form, name)
        if "ground_ids" in questions:
            chosen = {form_int(value) for value in form.get("ground_ids_list") or []}
            grounds = self.procedure_id.sudo().ground_ids.filtered(lambda g: g.id in chosen)
            vals["ground_ids"] = [Command.set(grounds.ids)]
        if "fee_exemption_id" in questions:
            chosen = form_int(form.get("fee_exemption_id"))
            exemption = self.procedure_id.sudo().fee_exemption_ids.filtered(
                lambda g: g.id == chosen
            )
            vals["fee_exemption_id"] = exemption.id
        if "foreign_country_id" in questions:
            vals["foreign_country_id"] = self._portal_record_selection(
                "res.country", form.get("foreign_country_id")
            ).id
        if "foreign_nationality_date" in questions:
            try:
                vals["foreign_nationality_date"] = self._portal_parse_date(
                    form.get("foreign_nationality_date")
                )[0]
            except ValueError as error:
                errors["foreign_nationality_date"] = error.args[0]
        self._portal_check_texts(vals, errors)
        return vals

    def _portal_parse_member(self, form, prefix, errors):
        """Values of one family member from the fields named ``prefix`` + field."""
        Member = self.env["nationality.dossier.member"]
        vals = {
            "full_name": normalize_text(form.get(prefix + "full_name") or ""),
            "residence": normalize_text(form.get(prefix + "residence") or ""),
            "vietnamese_name_requested": normalize_text(
                form.get(prefix + "vietnamese_name_requested") or ""
            ),
            "is_vietnamese_citizen": _form_bool(form, prefix + "is_vietnamese_citizen"),
            "applies_with_applicant": _form_bool(form, prefix + "applies_with_applicant"),
        }
        relations = dict(Member._fields["relation"].selection)
        relation = form.get(prefix + "relation")
        if relation not in relations:
            errors[prefix + "relation"] = _("Choose how this person is related to you.")
        else:
            vals["relation"] = relation
        gender = form.get(prefix + "gender")
        vals["gender"] = gender if gender in ("male", "female") else False
        country = self._portal_record_selection("res.country", form.get(prefix + "nationality_id"))
        vals["nationality_ids"] = [Command.set(country.ids)]
        try:
            vals["birth_date"], precision = self._portal_parse_date(
                form.get(prefix + "birth_date"), allow_partial=True
            )
            vals["birth_date_precision"] = precision or "day"
        except ValueError as error:
            errors[prefix + "birth_date"] = error.args[0]
        kind = form.get(prefix + "id_document_type") or False
        vals["id_document_type"] = kind if kind in dict(ID_DOCUMENT_TYPES) else False
        vals["id_document_number"] = normalize_id_number(
            form.get(prefix + "id_document_number") or ""
        )
        self._portal_check_texts(vals, errors, prefix=prefix, model=Member._name)
        if "id_document_number" not in vals:
            vals.pop("id_document_type")
        elif vals["id_document_number"] and not vals["id_document_type"]:
            errors[prefix + "id_document_type"] = _("Choose the type of identity paper.")
            vals.pop("id_document_number")
            vals.pop("id_document_type")
        else:
            self._portal_validate_identity(
                vals, errors, prefix=prefix, model="nationality.dossier.member"
            )
        if vals["applies_with_applicant"] and "relation" in vals and "full_name" in vals:
            probe = Member.new({**vals, "dossier_id": self.id})
            try:
                probe._check_applies_with_applicant()
            except ValidationError as error:
                errors[prefix + "applies_with_applicant"] = error.args[0]
                vals["applies_with_applicant"] = False
        return vals

    def _portal_parse_family(self, form, errors):
        commands = []
        for member in self.member_ids:
            prefix = f"member_{member.id}_"
            if _form_bool(form, prefix + "delete"):
                commands.append(Command.delete(member.id))
                continue
            vals = self._portal_parse_member(form, prefix, errors)
            if "full_name" in vals and not vals["full_name"]:
                errors[prefix + "full_name"] = _("Enter the full name, or tick Remove.")
                vals.pop("full_name")
            commands.append(Command.update(member.id, vals))
        prefix = "member_new_"
        if normalize_text(form.get(prefix + "full_name") or ""):
            new_errors = {}
            vals = self._portal_parse_member(form, prefix, new_errors)
            if new_errors or "relation" not in vals:
                # The new member is stored only once every value is right; the
                # page keeps what was typed so that nothing is lost.
                errors.update(new_errors)
            else:
                commands.append(Command.create(vals))
        return {"member_ids": commands} if commands else {}

    def _portal_parse_filing(self, form, errors):
        vals = {"declaration_accepted": _form_bool(form, "declaration")}
        company_id = form_int(form.get("company_id"))
        companies = self._portal_receiving_companies()
        company = companies.filtered(lambda c: c.id == company_id)
        if company:
            vals["company_id"] = company.id
        else:
            errors["company_id"] = _(
                "Choose the Department of Justice that will receive the dossier."
            )
        return vals

    # ------------------------------------------------------------------
    # Saving the steps
    # ------------------------------------------------------------------
    @api.model
    def _portal_create_draft(self, procedure, form):
        """Create the applicant's draft from the first step of the online form.

        Returns ``(dossier, errors)``; no draft is created while the name is missing."""
        procedure = (
            self.env["nationality.procedure"].browse(getattr(procedure, "id", procedure)).exists()
        )
        if not procedure or not procedure.active:
            raise UserError(_("This procedure is not offered."))
        errors = {}
        limit = self._portal_draft_limit_problem() if self._portal_restricted() else None
        if limit:
            errors["__all__"] = limit
            return self.browse(), errors
        probe = self.new({"procedure_id": procedure.id})
        vals = probe._portal_parse_applicant(form, errors)
        if "full_name" not in vals:
            return self.browse(), errors
        province = self.env["nationality.admin.unit"].browse(vals.get("province_id"))
        company = self._portal_default_company(province)
        if not company:
            raise UserError(_("No Department of Justice receives dossiers yet."))
        create_vals = {
            "procedure_id": procedure.id,
            "company_id": company.id,
            "channel": "online" if "online" in procedure._get_channels() else "counter",
            "portal_step": "applicant",
            **vals,
        }
        try:
            with self.env.cr.savepoint():
                dossier = self.create(create_vals)
        except ValidationError as error:
            errors["__all__"] = error.args[0]
            return self.browse(), errors
        return dossier, errors

    def _portal_save_step(self, step, form):
        """Validate and store the values of one step of the online form.

        Invalid values are not stored and come back as ``{field: message}``;
        every valid value of the step is stored, so the draft keeps what the
        applicant typed correctly. When the values together break a rule of
        the dossier (e.g. a document issued before the birth date), nothing
        of the step is stored and the rule comes back as ``"__all__"``."""
        self.ensure_one()
        self._portal_check_owner()
        if self.state != "draft":
            raise UserError(_("This dossier was already filed; it can no longer be edited."))
        self._portal_check_not_sent()
        if step not in PORTAL_STEPS:
            raise UserError(_("Unknown step of the form."))
        errors = {}
        parser = {
            "applicant": self._portal_parse_applicant,
            "family": self._portal_parse_family,
            "questions": self._portal_parse_questions,
            "documents": lambda form, errors: {},
            "filing": self._portal_parse_filing,
        }[step]
        vals = parser(form, errors)
        if PORTAL_STEPS.index(step) >= PORTAL_STEPS.index(self.portal_step or "applicant"):
            vals["portal_step"] = step
        try:
            with self.env.cr.savepoint():
                self.write(vals)
        except ValidationError as error:
            errors["__all__"] = error.args[0]
        return errors

    def _portal_unlink_draft(self):
        """The applicant deletes their own draft."""
        self._portal_check_owner()
        for dossier in self:
            if dossier.state != "draft":
                raise UserError(
                    _("Dossier %(code)s was filed; it can no longer be deleted.", code=dossier.name)
                )
        self._portal_check_not_sent()
        # Record rules let applicants delete only their own drafts; the files
        # of the draft go with it (see unlink).
        self.unlink()
        return True

    # ------------------------------------------------------------------
    # Filing and supplements
    # ------------------------------------------------------------------
    def _portal_submission_problems(self):
        """What still prevents filing the dossier online, as sentences."""
        self.ensure_one()
        problems = []
        if "online" not in self.procedure_id._get_channels():
            problems.append(
                _(
                    "%(procedure)s is filed in person at the Department of Justice; "
                    "online you can only pre-register your data.",
                    procedure=self.procedure_id.name,
                )
            )
        if not self.full_name:
            problems.append(_("Your full name is missing."))
        if not self.birth_date:
            problems.append(_("Your date of birth is missing."))
        if not self.stateless and not (self.id_document_type and self.id_document_number):
            problems.append(_("Your identity paper and its number are missing."))
        if not (self.email or self.phone):
            problems.append(_("Give an e-mail address or a telephone number."))
        if self.address_scheme == "current" and not (self.province_id and self.ward_id):
            problems.append(_("Choose the province and the ward of your residence."))
        elif self.address_scheme == "legacy" and not self.address_legacy:
            problems.append(_("Write your address with the former administrative units."))
        elif self.address_scheme == "abroad" and not (
            self.address_abroad and self.residence_country_id
        ):
            problems.append(_("Write your address abroad and choose the country."))
        questions = self._portal_questions()
        code = self.procedure_id.code
        for name, codes in REQUIRED_QUESTIONS.items():
            if name in questions and code in codes and not self[name]:
                problems.append(
                    _(
                        "Answer the question: %(question)s.",
                        question=self._fields[name].get_description(self.env)["string"],
                    )
                )
        if self.procedure_id.decided_by_ministry and not self.reasons:
            problems.append(_("Explain the reasons of your request."))
        restoration_grounds = self.procedure_id.ground_ids.filtered(
            lambda g: g.ground_type == "restoration_ground"
        )
        if restoration_grounds and not self.ground_ids & restoration_grounds:
            problems.append(_("Choose at least one ground of your request."))
        if self.represented and not self.representative_name:
            problems.append(_("Give the name of the legal representative."))
        for line in self.document_ids.filtered(lambda line: line.is_blocking):
            if line.lookup_allowed:
                continue
            problems.append(_("Upload the document: %(document)s.", document=line.name))
        if self.company_id not in self._portal_receiving_companies():
            problems.append(_("Choose the Department of Justice that will receive the dossier."))
        if not self.declaration_accepted:
            problems.append(
                _("Confirm the declaration that the information given is true and complete.")
            )
        return problems

    def _portal_privacy_problem(self, accepted_notice):
        """Why the acceptance of the privacy notice given with the form is not
        valid, or None. ``accepted_notice`` is the version the applicant ticked
        (a record or its id as posted): it must be the version in force."""
        notice = self.env["nationality.privacy.notice"]._get_current()
        if not notice:
            return _(
                "The online service has no privacy notice in force, so nothing can be filed "
                "right now. Please contact the Department of Justice."
            )
        accepted_id = form_int(getattr(accepted_notice, "id", accepted_notice))
        if not accepted_id:
            return _(
                "Read the privacy notice and tick the box to accept it: your personal data "
                "is processed only as it describes."
            )
        if accepted_id != notice.id:
            return _(
                "The privacy notice was updated while you were filling in the form: read "
                "version %(version)s and accept it again.",
                version=notice.name,
            )
        return None

    def _portal_accept_privacy(self, accepted_notice, kind):
        """Record the applicant's acceptance of the notice in force."""
        self.ensure_one()
        problem = self._portal_privacy_problem(accepted_notice)
        if problem:
            raise UserError(problem)
        notice = self.env["nationality.privacy.notice"]._get_current()
        consent = self.env["nationality.privacy.consent"]._record(self, notice, kind)
        # sudo: the acceptance is stamped on the dossier for the back office;
        # the applicant cannot write these fields themselves.
        self.sudo().write(
            {"privacy_notice_id": notice.id, "date_privacy_accepted": consent.accepted_at}
        )
        return consent

    def _portal_sending_problems(self, problems_of, privacy_notice):
        """What prevents the applicant from sending this draft, as sentences:
        those ``problems_of()`` returns and a privacy notice not accepted.
        Raises when the user does not own the draft or it was sent already."""
        self.ensure_one()
        self._portal_check_owner()
        self.check_access("write")
        if self.state != "draft":
            raise UserError(_("Dossier %(code)s was already filed.", code=self.name))
        self._portal_check_not_sent()
        problems = problems_of()
        privacy = self._portal_privacy_problem(privacy_notice)
        if privacy:
            problems.append(privacy)
        return problems

    def action_portal_submit(self, privacy_notice=None):
        """The applicant files their draft online: it reaches the chosen
        Department of Justice in the received-online state, with its code.

        ``privacy_notice`` is the version of the privacy notice the applicant
        accepted by ticking its box (never ticked in advance); it must be the
        version in force, and its acceptance is recorded with the filing."""
        problems = self._portal_sending_problems(self._portal_submission_problems, privacy_notice)
        if problems:
            raise UserError(
                _(
                    "The dossier cannot be filed yet:\n- %(problems)s",
                    problems="\n- ".join(problems),
                )
            )
        # The acceptance and the filing stand or fall together.
        with self.env.cr.savepoint():
            self._portal_accept_privacy(privacy_notice, "filing")
            # sudo: the applicant may file their own complete draft (ownership,
            # write access and completeness checked above); filing writes
            # workflow fields and numbers the dossier, which the applicant's
            # record rules (own drafts only) cannot allow once the dossier
            # leaves the draft state.
            dossier = self.sudo()
            dossier.write({"date_declaration": dossier._now()})
            dossier.action_submit_online()
        return True

    def _portal_preregistration_problems(self):
        """What still prevents sending a pre-registration, as sentences."""
        self.ensure_one()
        problems = []
        if "online" in self.procedure_id._get_channels():
            problems.append(_("This procedure is filed online: file the dossier instead."))
        if not self.full_name:
            problems.append(_("Your full name is missing."))
        if not self.stateless and not (self.id_document_type and self.id_document_number):
            problems.append(_("Your identity paper and its number are missing."))
        if self.company_id not in self._portal_receiving_companies():
            problems.append(_("Choose the Department of Justice that will receive the dossier."))
        if not self.declaration_accepted:
            problems.append(
                _("Confirm the declaration that the information given is true and complete.")
            )
        return problems

    def action_portal_preregister(self, privacy_notice=None):
        """The applicant sends the pre-registration of a procedure filed in
        person to the chosen Department of Justice, which can then find it at
        the counter. The acceptance of the privacy notice is recorded."""
        problems = self._portal_sending_problems(
            self._portal_preregistration_problems, privacy_notice
        )
        if problems:
            raise UserError(
                _(
                    "The pre-registration cannot be sent yet:\n- %(problems)s",
                    problems="\n- ".join(problems),
                )
            )
        with self.env.cr.savepoint():
            self._portal_accept_privacy(privacy_notice, "preregistration")
            # sudo: the applicant owns this draft (checked above); the dates
            # are stamped by the system, not written by the applicant.
            now = self._now()
            self.sudo().write({"date_preregistered": now, "date_declaration": now})
        return True

    # ------------------------------------------------------------------
    # Accesses to the personal data, as the applicant may know them
    # ------------------------------------------------------------------
    def _portal_access_summary(self):
        """Which agencies accessed this closed dossier, on which days and how,
        for its applicant (the right to be informed of the processing).

        Returns ``[{"agency", "date", "kind", "count"}]``, oldest first, one
        entry per agency, day and kind of access; never the staff members,
        their addresses or their reasons. Empty while the dossier is open."""
        self.ensure_one()
        self._portal_check_owner()
        if self.state not in CLOSED_STATES:
            return []
        # sudo: applicants cannot read the access log; only the agency, the
        # day and the kind of each access of their own dossier (ownership
        # checked above) leave this method.
        lines = (
            self.env["nationality.access.log"]
            .sudo()
            .search([("dossier_res_id", "=", self.id)], order="access_date asc, id asc")
        )
        kinds = dict(
            self.env["nationality.access.log"]._fields["action"]._description_selection(self.env)
        )
        local = self._in_local_tz()
        rows = {}
        for line in lines:
            company = line.user_company_id
            agency = company.nationality_agency_id.name or company.name or _("Unknown agency")
            day = fields.Datetime.context_timestamp(local, line.access_date).date()
            key = (day, agency, line.action)
            rows[key] = rows.get(key, 0) + 1
        return [
            {"agency": agency, "date": day, "kind": kinds.get(action, action), "count": count}
            for (day, agency, action), count in sorted(rows.items(), key=lambda item: item[0])
        ]

    def action_submit_online(self):
        result = super().action_submit_online()
        template = self.env.ref(
            "nationality_portal.mail_template_dossier_submitted", raise_if_not_found=False
        )
        for dossier in self.filtered("partner_id"):
            dossier._portal_post_template(template)
        return result

    def _portal_post_template(self, template):
        """Post ``template`` to the applicant (e-mail and portal chatter), in the
        applicant's language, signed by the receiving Department of Justice."""
        self.ensure_one()
        if not template or not self.partner_id:
            return
        dossier = self.sudo()
        dossier.message_subscribe(partner_ids=dossier.partner_id.ids)
        # sudo: posting is done on behalf of the department, whose partner the
        # applicant cannot read; the template only renders this dossier. The
        # applicant is notified even when their own action triggered the message,
        # and the department is not subscribed to its own notices.
        dossier.with_context(
            lang=dossier._applicant_lang(),
            mail_notify_author=True,
            mail_create_nosubscribe=True,
        ).message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=dossier.company_id.partner_id.id,
            partner_ids=dossier.partner_id.ids,
        )

    def _portal_supplement_lines(self):
        self.ensure_one()
        return self.document_ids.filtered("requested_in_supplement")

    def _portal_supplement_missing(self):
        """Requested lines that received no file since the request."""
        self.ensure_one()
        return (
            self.sudo()
            ._portal_supplement_lines()
            .filtered(lambda line: not line.supplement_attachment_ids)
        )

    def _portal_lock_for_supplement_answer(self):
        """Take the dossier's lock before the applicant's files for a
        supplement are stored: a second request sent at once (a double click
        on "Send") is refused before it stores anything, with a message for
        the applicant rather than for officers."""
        self.ensure_one()
        self._lock_for_transition(
            busy_message=_(
                "Your documents for dossier %(code)s are being sent right now. Reload "
                "the page in a moment to see them.",
                code=self.sudo().name,
            )
        )

    def action_portal_resubmit_supplement(self):
        """The applicant sends the documents asked for in a supplement request;
        the dossier resumes where it stopped and its clock runs again."""
        self.ensure_one()
        self._portal_check_owner()
        if self.state != "supplement":
            raise UserError(_("No supplement is requested for dossier %(code)s.", code=self.name))
        missing = self._portal_supplement_missing()
        if missing:
            raise UserError(
                _(
                    "Upload a new file for each requested document first:\n- %(documents)s",
                    documents="\n- ".join(missing.mapped("name")),
                )
            )
        # sudo: the back-office action_supplement_received belongs to the
        # reception group. The applicant owns this dossier and supplied a new
        # file for every requested document (both checked above), which is
        # exactly what resuming requires; _resume_after_supplement checks the state.
        dossier = self.sudo()
        dossier._resume_after_supplement()
        dossier.write({"date_supplement_answered": dossier._now()})
        dossier._portal_post_template(
            self.env.ref(
                "nationality_portal.mail_template_supplement_answered", raise_if_not_found=False
            )
        )
        return True

    # ------------------------------------------------------------------
    # Applicant notifications for the back-office transitions
    # ------------------------------------------------------------------
    def action_request_supplement(self, note=None, missing_lines=None):
        now = self._now()
        result = super().action_request_supplement(note=note, missing_lines=missing_lines)
        # The applicant answers this request with new files.
        self.document_ids.write({"supplement_attachment_ids": [Command.clear()]})
        self._write_workflow({"supplement_requested_at": now, "date_supplement_answered": False})
        return result

    def action_accept(self):
        result = super().action_accept()
        for dossier in self.filtered("partner_id"):
            dossier._notify_applicant(
                dossier._applicant_env()._(
                    "Your dossier %(code)s is complete and was accepted on %(date)s. "
                    "The result is expected on %(appointment)s.",
                    code=dossier.name,
                    date=dossier._format_date(dossier.date_accepted),
                    appointment=dossier._format_date(dossier.date_appointment),
                )
            )
        return result

    def action_complete_stage(self):
        result = super().action_complete_stage()
        for dossier in self.filtered("partner_id"):
            env = dossier._applicant_env()
            stage = dossier.stage_id.with_env(env).name
            if dossier.stage_date_due:
                body = env._(
                    "Your dossier %(code)s has moved on to the next step: %(stage)s, "
                    "due by %(date)s.",
                    code=dossier.name,
                    stage=stage,
                    date=dossier._format_date(dossier.stage_date_due),
                )
            else:
                body = env._(
                    "Your dossier %(code)s has moved on to the next step: %(stage)s.",
                    code=dossier.name,
                    stage=stage,
                )
            dossier._notify_applicant(body)
        return result

    def action_supplement_received(self):
        result = super().action_supplement_received()
        for dossier in self.filtered("partner_id"):
            dossier._notify_applicant(
                dossier._applicant_env()._(
                    "The documents you supplemented for dossier %(code)s were received on "
                    "%(date)s; its processing goes on.",
                    code=dossier.name,
                    date=dossier._format_date(dossier.date_supplement_received),
                )
            )
        return result

    def action_deliver(self):
        result = super().action_deliver()
        for dossier in self.sudo().filtered("partner_id"):
            dossier._notify_applicant(
                dossier._applicant_env()._(
                    "The result of your dossier %(code)s was handed over on %(date)s.",
                    code=dossier.name,
                    date=dossier._format_date(dossier.date_delivered),
                )
            )
        return result

    def action_withdraw(self, reason):
        result = super().action_withdraw(reason)
        for dossier in self.filtered("partner_id"):
            dossier._notify_applicant(
                dossier._applicant_env()._(
                    "Your withdrawal of dossier %(code)s was recorded.",
                    code=dossier.name,
                )
            )
        return result

    def _notify_applicant(self, body):
        """Add what the applicant needs to act on to the notification: the
        documents to supplement, the appointment date, the refusal reasons,
        with a link to the dossier on the portal; rendered in the applicant's
        language."""
        for dossier in self:
            if not dossier.partner_id:
                super(NationalityDossier, dossier)._notify_applicant(body)
                continue
            lang = dossier._applicant_lang()
            # sudo: reading the dossier to render the applicant's own message.
            rendered = (
                self.env["ir.qweb"]
                .with_context(lang=lang)
                ._render(
                    "nationality_portal.message_applicant_update",
                    {
                        "dossier": dossier.sudo().with_context(lang=lang),
                        "body": body,
                        "requested_lines": dossier.sudo()._portal_supplement_lines(),
                        "format_date": dossier._format_date,
                        "portal_url": dossier.get_base_url() + dossier.access_url,
                    },
                )
            )
            # sudo: decided, refused and withdrawn dossiers are read-only for
            # everybody (a record rule), yet the applicant must still be told;
            # subscribing the applicant to their own dossier needs write access.
            super(NationalityDossier, dossier.sudo())._notify_applicant(rendered)
        return True

    # ------------------------------------------------------------------
    # Public status check
    # ------------------------------------------------------------------
    @api.model
    def _portal_status_check(self, code, last_digits, client):
        """The public status check, guarded against guessing: a limit per
        client address on every attempt, and a limit per dossier code on the
        wrong answers from every client together (the code is counted
        whether or not a dossier has it, so a limit tells nothing about it).

        Returns ``{"results", "error", "retry_minutes"}``; ``error`` is
        ``"rate_limited"`` or ``"not_found"``."""
        RateLimit = self.env["nationality.rate.limit"]
        typed_code = self._portal_status_code(code)[:64]
        if not RateLimit._consume(STATUS_SCOPE, client):
            minutes = RateLimit._retry_after_minutes(STATUS_SCOPE, client)
            return {"results": None, "error": "rate_limited", "retry_minutes": minutes}
        if RateLimit._is_limited(STATUS_CODE_SCOPE, typed_code):
            minutes = RateLimit._retry_after_minutes(STATUS_CODE_SCOPE, typed_code)
            return {"results": None, "error": "rate_limited", "retry_minutes": minutes}
        results = self._portal_status_lookup(code, last_digits)
        if not results:
            RateLimit._record(STATUS_CODE_SCOPE, typed_code)
            return {"results": results, "error": "not_found", "retry_minutes": 0}
        return {"results": results, "error": None, "retry_minutes": 0}

    @api.model
    def _portal_status_code(self, code):
        """A dossier code as typed, the way the status check compares it."""
        return normalize_text(code if isinstance(code, str) else "").upper()

    @api.model
    def _portal_status_lookup(self, code, last_digits):
        """Public status of the dossiers with ``code`` whose applicant's identity
        or passport number ends with ``last_digits``.

        Returns only what the public page may show: procedure, state, stage and
        dates, never personal data. An unknown code and wrong digits give the
        same empty answer."""
        code = self._portal_status_code(code)
        digits = normalize_id_number(last_digits if isinstance(last_digits, str) else "") or ""
        if not _STATUS_CODE.match(code) or not _STATUS_DIGITS.match(digits):
            return []
        # sudo: the public status check works without signing in; the answer
        # is limited to the fields below and requires the identity digits.
        candidates = self.sudo().search([("name", "=", code), ("state", "!=", "draft")], limit=10)
        results = []
        for dossier in candidates:
            number = dossier.id_document_number or ""
            if len(number) < 4 or not hmac.compare_digest(number[-4:].encode(), digits.encode()):
                continue
            states = dict(self._fields["state"]._description_selection(self.env))
            results.append(
                {
                    "code": dossier.name,
                    "procedure": dossier.procedure_id.name,
                    "state": states.get(dossier.state),
                    "state_key": dossier.state,
                    "stage": dossier.stage_id.name if dossier.state in OPEN_STATES else False,
                    "date_due": dossier.stage_date_due if dossier.state == "in_progress" else False,
                    "date_appointment": dossier.date_appointment,
                }
            )
        return results

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------
    @api.model
    def _portal_load_demo(self):
        """Demo: the citizen's restoration dossiers, made through the same
        methods the online form uses: a draft, a filed dossier, and one for
        which the Department of Justice of Hà Nội requested a supplement."""
        citizen = self.env.ref("nationality_portal.user_citizen")
        reception = self.env.ref("nationality_dossier.user_hn_reception", raise_if_not_found=False)
        company = self.env.ref("nationality_dossier.company_stp_hn", raise_if_not_found=False)
        procedure = self.env["nationality.procedure"].search(
            [("code", "=", "restoration")], limit=1
        )
        if not (procedure and company and reception):
            return False
        # The messages the citizen receives (mail templates, the update
        # message) are rendered in Vietnamese, the citizen's language.
        self.env["nationality.demo.loader"]._load_demo_translations("nationality_portal")
        province = self.env["nationality.admin.unit"].search(
            [("unit_type", "=", "province"), ("name", "ilike", "Hà Nội")], limit=1
        )
        ward = self.env["nationality.admin.unit"].search(
            [("unit_type", "=", "ward"), ("parent_id", "=", province.id)], limit=1
        )
        france = self.env.ref("base.fr")
        Dossier = self.with_user(citizen).with_context(lang="vi_VN")
        base_form = {
            "full_name": "Lê Hoàng Phúc",
            "gender": "male",
            "birth_date": "1972",
            "birth_place": "Xã Phú Xuân, huyện Phú Vang, tỉnh Thừa Thiên Huế",
            "id_document_type": "passport",
            "id_document_number": "19FR48213",
            "id_document_issue_date": "12/03/2019",
            "id_document_issuer": "Préfecture de Paris",
            "occupation": "Kỹ sư",
            "email": "citizen@example.com",
            "phone": "+33 6 12 34 56 78",
            "address_scheme": "current",
            "province_id": str(province.id),
            "ward_id": str(ward.id),
            "street": "Số 18 ngõ 25 phố Vũ Ngọc Phan",
            "nationality_ids_list": [str(france.id)],
        }
        questions = {
            "vietnamese_name_requested": "Lê Hoàng Phúc",
            "former_nationality_loss": "Thôi quốc tịch Việt Nam theo Quyết định số 512/2001/QĐ-CTN ngày 20/06/2001",
            "residence_before_leaving": "Thành phố Huế, tỉnh Thừa Thiên Huế",
            "reasons": "Trở về Việt Nam sinh sống cùng gia đình và đầu tư kinh doanh tại Hà Nội.",
            "ground_ids_list": [
                str(ground.id)
                for ground in procedure.ground_ids
                if ground.code in ("repatriation", "restore_investment")
            ]
            or [str(procedure.ground_ids[:1].id)],
        }
        pdf = text_pdf([base_form["full_name"]])

        def prepare(form, questions_form, complete):
            dossier, _errors = Dossier._portal_create_draft(procedure, form)
            dossier._portal_save_step(
                "family",
                {
                    "member_new_full_name": "Nguyễn Thị Mai",
                    "member_new_relation": "spouse",
                    "member_new_gender": "female",
                    "member_new_birth_date": "05/09/1975",
                    "member_new_is_vietnamese_citizen": "1",
                    "member_new_residence": "Hà Nội",
                },
            )
            dossier._portal_save_step("questions", questions_form)
            if complete:
                for line in dossier.document_ids.filtered("is_blocking"):
                    line._portal_add_files([(f"{line.document_type_id.code}.pdf", pdf)])
                dossier._portal_save_step(
                    "filing", {"company_id": str(company.id), "declaration": "1"}
                )
            return dossier

        notice = self.env["nationality.privacy.notice"]._get_current()
        prepare(base_form, questions, complete=False)
        prepare(base_form, questions, complete=True).action_portal_submit(notice)
        supplement = prepare(base_form, questions, complete=True)
        supplement.action_portal_submit(notice)
        supplement = supplement.with_user(reception).with_context(allowed_company_ids=company.ids)
        supplement.action_request_supplement(
            note="Bản sao hộ chiếu chưa rõ trang có ảnh; đề nghị bổ sung bản chụp rõ nét.",
            missing_lines=supplement.document_ids.filtered(
                lambda line: line.document_type_id.code == "birth_certificate_passport"
            ),
        )
        return True
