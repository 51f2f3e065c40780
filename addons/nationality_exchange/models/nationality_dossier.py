# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

from markupsafe import Markup
from openpyxl import Workbook
from openpyxl.styles import Font

from odoo import _, api, fields, models
from odoo.addons.nationality_dossier.tools.language import user_language_env
from odoo.exceptions import UserError


class NationalityDossier(models.Model):
    _inherit = "nationality.dossier"

    letter_ids = fields.Many2many(
        "nationality.letter",
        "nationality_letter_dossier_rel",
        "dossier_id",
        "letter_id",
        string="Official letters",
        readonly=True,
        copy=False,
    )
    letter_count = fields.Integer(compute="_compute_letter_count")
    can_forward_to_ministry = fields.Boolean(
        compute="_compute_can_forward_to_ministry",
        help="At the last stage of the Department of Justice before the Ministry's.",
    )

    @api.depends("letter_ids")
    def _compute_letter_count(self):
        for dossier in self:
            dossier.letter_count = len(dossier.letter_ids)

    @api.depends("state", "current_stage_line_id", "stage_line_ids.state")
    def _compute_can_forward_to_ministry(self):
        for dossier in self:
            dossier.can_forward_to_ministry = bool(dossier._ministry_line_after_current())

    # ------------------------------------------------------------------
    # Forwarding to the Ministry
    # ------------------------------------------------------------------
    def _ministry_line_after_current(self):
        """The first ministry stage line when it comes right after the
        current stage of the Department of Justice, else an empty recordset."""
        self.ensure_one()
        Line = self.env["nationality.dossier.stage.line"]
        line = self.current_stage_line_id
        if self.state != "in_progress" or not line or line.stage_id.is_ministry_stage:
            return Line
        following = self.stage_line_ids.filtered(
            lambda other: other.sequence > line.sequence and other.state == "planned"
        ).sorted("sequence")
        if following and following[0].stage_id.is_ministry_stage:
            return following[0]
        return Line

    def _check_forwardable(self):
        for dossier in self:
            if dossier.reached_ministry and dossier.stage_id.is_ministry_stage:
                raise UserError(
                    _("Dossier %(code)s is already at the Ministry.", code=dossier.name)
                )
            if not dossier._ministry_line_after_current():
                ministry_stage = dossier.stage_line_ids.filtered(
                    lambda line: line.stage_id.is_ministry_stage
                )[:1]
                if not ministry_stage:
                    raise UserError(
                        _(
                            "Dossier %(code)s (%(procedure)s) is not sent to the Ministry: "
                            "its procedure has no ministry stage.",
                            code=dossier.name,
                            procedure=dossier.procedure_id.name,
                        )
                    )
                raise UserError(
                    _(
                        "Dossier %(code)s is %(state)s at stage %(stage)s; it is forwarded to "
                        "the Ministry from the last stage before %(ministry)s.",
                        code=dossier.name,
                        state=dict(
                            self._fields["state"]._description_selection(
                                user_language_env(self.env)
                            )
                        )[dossier.state].lower(),
                        stage=dossier.stage_id.name or "-",
                        ministry=ministry_stage.stage_id.name,
                    )
                )

    def action_open_forward_wizard(self):
        """Open the forwarding wizard for the selected dossiers."""
        self._require_group(
            "nationality_dossier.group_processing_officer", _("forward dossiers to the Ministry")
        )
        self._check_forwardable()
        return {
            "type": "ir.actions.act_window",
            "name": _("Forward to the Ministry"),
            "res_model": "nationality.dossier.forward.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_dossier_ids": [fields.Command.set(self.ids)]},
        }

    def _forward_to_ministry(
        self,
        receiving_agency,
        notation=None,
        subject=None,
        note=None,
        signer_competence="",
        signer_position=None,
        signer_name=None,
    ):
        """Send the dossiers to the Ministry with one proposal letter carrying
        their complete files and the list of persons, then complete their
        current stage so that they reach the Ministry's stage.

        Returns the proposal letter, signed and sent."""
        self._require_group(
            "nationality_dossier.group_processing_officer", _("forward dossiers to the Ministry")
        )
        if not self:
            raise UserError(_("Select the dossiers to forward."))
        company = self.company_id
        if len(company) > 1:
            raise UserError(
                _(
                    "A proposal letter carries the dossiers of one department: select the "
                    "dossiers of %(companies)s separately.",
                    companies=", ".join(company.mapped("name")),
                )
            )
        Letter = self.env["nationality.letter"]
        Letter._check_letter_writer(company)
        self._check_forwardable()
        if not receiving_agency:
            raise UserError(_("Choose the agency of the Ministry the dossiers are sent to."))
        Person = self.env["nationality.letter.person"]
        persons = [
            Person._values_from_dossier(dossier, "proposed") for dossier in self.sorted("name")
        ]
        procedures = ", ".join(self.procedure_id.mapped("name"))
        letter = Letter.create(
            {
                "direction": "outgoing",
                "letter_type": "proposal",
                "company_id": company.id,
                "issuing_agency_id": company.nationality_agency_id.id,
                "receiving_agency_ids": [fields.Command.set(receiving_agency.ids)],
                "notation": notation or company.nationality_agency_id.letter_notation,
                "subject": subject
                or _(
                    "Proposal to settle nationality dossiers (%(procedures)s)",
                    procedures=procedures,
                ),
                "signer_competence": signer_competence or "",
                "signer_position": signer_position or company.nationality_signer_title or False,
                "signer_name": signer_name or company.nationality_signer_name or False,
                "place": company.nationality_place_name or False,
                "dossier_ids": [fields.Command.set(self.ids)],
                "person_ids": [
                    fields.Command.create(dict(values, sequence=index))
                    for index, values in enumerate(persons, start=1)
                ],
                "body": Letter._paragraphs(
                    _(
                        "%(company)s forwards to %(agency)s the complete files of the "
                        "%(count)s person(s) listed below and proposes that their applications "
                        "be settled under the Law on Vietnamese Nationality.",
                        company=company.name,
                        agency=receiving_agency.name,
                        count=len(self),
                    ),
                    note,
                )
                + Letter._persons_table(persons),
            }
        )
        files = self.document_ids.attachment_ids
        persons_file = self._persons_list_attachment(letter, persons)
        letter.write({"attachment_ids": [fields.Command.set((files | persons_file).ids)]})
        letter.action_sign_and_send()
        for dossier in self:
            dossier.action_complete_stage()
            dossier.message_post(
                body=_(
                    "Forwarded to %(agency)s with proposal letter %(letter)s.",
                    agency=receiving_agency.name,
                    letter=letter.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return letter

    @api.model
    def _persons_list_attachment(self, letter, persons):
        """The list of persons as a spreadsheet attached to ``letter``."""
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("List of persons")[:31]
        headers = [
            _("No."),
            _("Dossier code"),
            _("Full name"),
            _("Born"),
            _("Result"),
            _("Note"),
        ]
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        labels = dict(
            self.env["nationality.letter.person"]
            ._fields["result"]
            ._description_selection(user_language_env(self.env))
        )
        for index, person in enumerate(persons, start=1):
            sheet.append(
                [
                    index,
                    person.get("dossier_code") or "",
                    person["full_name"],
                    person.get("birth_date_display") or "",
                    labels.get(person.get("result"), ""),
                    person.get("note") or "",
                ]
            )
        # Texts typed by people are texts, never formulas (e.g. a note
        # "=HYPERLINK(…)"): openpyxl would write them as formulas.
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
        for column, width in zip("ABCDEF", (6, 28, 32, 12, 18, 40), strict=True):
            sheet.column_dimensions[column].width = width
        buffer = io.BytesIO()
        workbook.save(buffer)
        return self.env["ir.attachment"].create(
            {
                "name": _("List of persons - %(type)s.xlsx", type=letter._type_label()),
                "datas": base64.b64encode(buffer.getvalue()),
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "res_model": letter._name,
                "res_id": letter.id,
            }
        )

    # ------------------------------------------------------------------
    # Navigation
    # ------------------------------------------------------------------
    def action_open_letters(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Official letters"),
            "res_model": "nationality.letter",
            "view_mode": "list,form",
            "domain": [("dossier_ids", "in", self.ids)],
            "context": {"default_dossier_ids": [fields.Command.set(self.ids)]},
        }

    def _notify_result_to_department(self, letter):
        """Tell the department's responsible officer that the decision arrived."""
        for dossier in self:
            if dossier.user_id:
                dossier.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=_("Decision received: deliver the result"),
                    note=Markup("<p>%s</p>")
                    % _(
                        "Letter %(letter)s notifies the decision %(decision)s.",
                        letter=letter.name,
                        decision=letter.decision_number or "-",
                    ),
                    user_id=dossier.user_id.id,
                )
