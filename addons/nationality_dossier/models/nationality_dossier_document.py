# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.upload_scan import already_scanned, scan_upload
from .nationality_dossier import _workflow_active, check_line_values, workflow_transition

# Who looked the data up, when, and who saw the original: set only by the
# actions below, so that nobody can record them in another officer's name.
AUDIT_FIELDS = frozenset({"lookup_done", "lookup_user_id", "lookup_date", "original_seen_by_id"})


class NationalityDossierDocument(models.Model):
    """One line of a dossier's document checklist, with the files received or
    the record of the database look-up that replaced the paper."""

    _name = "nationality.dossier.document"
    _inherit = ["nationality.access.logged.mixin"]
    _description = "Dossier checklist line"
    _order = "dossier_id, sequence, id"

    dossier_id = fields.Many2one(
        "nationality.dossier", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="dossier_id.company_id", store=True, index=True)
    checklist_item_id = fields.Many2one("nationality.checklist.item", ondelete="restrict")
    document_type_id = fields.Many2one(
        "nationality.document.type",
        compute="_compute_from_item",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    name = fields.Char(
        compute="_compute_from_item", store=True, precompute=True, readonly=False, required=True
    )
    sequence = fields.Integer(
        compute="_compute_from_item", store=True, precompute=True, readonly=False
    )
    requirement = fields.Selection(
        [("required", "Required"), ("conditional", "Conditional"), ("optional", "Optional")],
        compute="_compute_from_item",
        store=True,
        precompute=True,
        readonly=False,
    )
    condition = fields.Selection(related="checklist_item_id.condition")
    copies_required = fields.Integer(related="checklist_item_id.copies")
    original_required = fields.Boolean(related="checklist_item_id.original_required")
    lookup_allowed = fields.Boolean(related="checklist_item_id.lookup_allowed")
    is_applicable = fields.Boolean(
        string="Applies",
        compute="_compute_is_applicable",
        store=True,
        readonly=False,
        help="Whether this dossier needs the item; computed from its conditions, "
        "and the officer may correct it.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "nationality_dossier_document_attachment_rel",
        "line_id",
        "attachment_id",
        string="Files",
    )
    attachment_count = fields.Integer(compute="_compute_attachment_count")
    copies_received = fields.Integer()
    original_seen = fields.Boolean(string="Original seen")
    original_seen_by_id = fields.Many2one("res.users", readonly=True)
    issue_date = fields.Date(string="Issued on")
    lookup_done = fields.Boolean(string="Looked up in a database", readonly=True)
    lookup_source = fields.Char(string="Database consulted")
    lookup_reference = fields.Char(string="Look-up result or reference")
    lookup_user_id = fields.Many2one("res.users", string="Looked up by", readonly=True)
    lookup_date = fields.Datetime(string="Looked up on", readonly=True)
    requested_in_supplement = fields.Boolean(string="Requested in the supplement")
    note = fields.Char()
    is_satisfied = fields.Boolean(compute="_compute_is_satisfied", store=True)
    is_blocking = fields.Boolean(
        compute="_compute_is_satisfied",
        store=True,
        help="Applies, is required and is not satisfied.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_audit_fields(vals)
            check_line_values(self, vals)
        lines = super().create(vals_list)
        lines._attach_files_to_line()
        lines._check_new_files({})
        return lines

    def write(self, vals):
        self._check_audit_fields(vals)
        check_line_values(self, vals)
        file_fields = [name for name in self._scanned_file_fields() if name in vals]
        files_before = {line.id: line._scanned_files() for line in self} if file_fields else None
        result = super().write(vals)
        if files_before is not None:
            if "attachment_ids" in vals:
                self._attach_files_to_line()
            self._check_new_files(files_before)
        return result

    @api.model
    def _scanned_file_fields(self):
        """The fields of a line holding files that are checked when put there."""
        return ("attachment_ids",)

    def _scanned_files(self):
        """All the files of the lines, in any of their checked fields."""
        files = self.env["ir.attachment"]
        for name in self._scanned_file_fields():
            files |= self.mapped(name)
        return files

    def _check_new_files(self, files_before):
        """Refuse the files newly put on a line that are not plain PDF, JPEG
        or PNG files (judged by their content) or that carry active content,
        whoever puts them there: an officer's scan from the counter is opened
        by other officers and by the Ministry like the applicant's upload.
        (A file already on a line that gets new content is checked by
        ir.attachment's write.)"""
        for line in self:
            files = line._scanned_files()
            self._scan_files(files - files_before.get(line.id, files.browse()))

    @api.model
    def _scan_files(self, attachments):
        """Refuse ``attachments`` unless each is a plain PDF, JPEG or PNG file
        (files the current request already scanned are not scanned again)."""
        # sudo: only the content is read, of files the caller is putting on
        # or rewriting in a checklist line.
        for attachment in attachments.sudo():
            if already_scanned(attachment.checksum):
                continue
            __, __, reason, details = scan_upload(attachment.raw or b"")
            if reason:
                raise ValidationError(self._file_refusal_message(attachment.name, reason, details))

    def _attach_files_to_line(self):
        """Bind uploaded files to their checklist line, so that reading them
        follows the line's access rules (its department, the Ministry once the
        dossier reached it) instead of being private to whoever uploaded them."""
        for line in self:
            loose = line.attachment_ids.filtered(
                lambda att, line=line: att.res_model != line._name or att.res_id != line.id
            )
            if loose:
                # Files may only be moved onto the line by someone who can read
                # them and who is editing the line; sudo only rebinds them.
                loose.check_access("read")
                loose.sudo().write({"res_model": line._name, "res_id": line.id})

    @api.model
    def _file_refusal_message(self, name, reason, details):
        """The sentence telling why the file ``name`` was refused (see
        ``tools/upload_scan.py`` for the reasons)."""
        if reason == "type":
            return _(
                "%(file)s is not a PDF, JPEG or PNG file (its content was checked, not its name).",
                file=name,
            )
        if reason == "image_too_large":
            return _(
                "%(file)s has too many pixels to be processed safely (at most %(limit)s "
                "million): scan or photograph the document at a lower resolution.",
                file=name,
                limit=round(details.get("limit", 0) / 1e6),
            )
        messages = {
            "javascript": _(
                "%(file)s contains JavaScript. Files with scripts are not accepted: "
                "print or scan the document to a plain PDF file again.",
                file=name,
            ),
            "action": _(
                "%(file)s contains actions that launch programs, open other files or send "
                "data. Such files are not accepted: print or scan the document to a plain "
                "PDF file again.",
                file=name,
            ),
            "embedded": _(
                "%(file)s has other files embedded or attached inside it. Upload each "
                "document as a file of its own.",
                file=name,
            ),
            "richmedia": _(
                "%(file)s contains multimedia content (video, sound or Flash), which is not "
                "accepted.",
                file=name,
            ),
            "xfa": _(
                "%(file)s is an XFA form, which is not accepted: print it to a plain PDF "
                "file first.",
                file=name,
            ),
            "encrypted": _(
                "%(file)s is encrypted or protected by a password: save it again without "
                "protection.",
                file=name,
            ),
            "bomb": _(
                "%(file)s has compressed content too large to be checked: save or scan the "
                "document again at a normal size.",
                file=name,
            ),
            "unreadable": _(
                "%(file)s has compressed parts that cannot be checked (the file is damaged "
                "or uses an unusual compression): save or scan the document again.",
                file=name,
            ),
            "polyglot": _(
                "%(file)s carries another file or web page code after its end. Upload the "
                "document alone.",
                file=name,
            ),
            "archive": _(
                "%(file)s has another file (an archive or a program) hidden inside it. "
                "Upload the document alone, saved again as a plain PDF, JPEG or PNG file.",
                file=name,
            ),
            "malformed": _(
                "%(file)s cannot be checked: its PDF structure is damaged, incomplete or "
                "ambiguous. Print or save the document to a PDF file again, or scan it again.",
                file=name,
            ),
            "image_damaged": _(
                "%(file)s is damaged or incomplete: the image could not be decoded.",
                file=name,
            ),
            "image_script": _(
                "%(file)s carries web page code or a script in its data. Save the picture "
                "again from the camera or the scanner.",
                file=name,
            ),
        }
        return messages.get(reason) or _("%(file)s was refused.", file=name)

    @api.model
    def _check_audit_fields(self, vals):
        protected = AUDIT_FIELDS & set(vals)
        if protected and not _workflow_active.get():
            raise AccessError(
                _(
                    "These fields are recorded only by the look-up and original-seen actions: "
                    "%(fields)s",
                    fields=", ".join(sorted(protected)),
                )
            )

    @api.constrains("checklist_item_id", "dossier_id")
    def _check_checklist_item(self):
        for line in self.filtered("checklist_item_id"):
            procedure = line.checklist_item_id.rule_version_id.procedure_id
            if procedure != line.dossier_id.procedure_id:
                raise ValidationError(
                    _(
                        "%(document)s is on the checklist of %(other)s, not of %(procedure)s "
                        "(dossier %(code)s).",
                        document=line.checklist_item_id.name,
                        other=procedure.name,
                        procedure=line.dossier_id.procedure_id.name,
                        code=line.dossier_id.display_name,
                    )
                )

    @api.depends("checklist_item_id")
    def _compute_from_item(self):
        for line in self:
            item = line.checklist_item_id
            if item:
                line.document_type_id = item.document_type_id
                line.name = item.name
                line.sequence = item.sequence
                line.requirement = item.requirement
            elif not line.requirement:
                line.requirement = "optional"

    @api.depends(
        "checklist_item_id.condition",
        "requirement",
        "dossier_id.member_ids.applies_with_applicant",
        "dossier_id.ground_ids",
        "dossier_id.keep_foreign_nationality",
        "dossier_id.represented",
        "dossier_id.former_official",
        "dossier_id.foreign_refusal",
    )
    def _compute_is_applicable(self):
        for line in self:
            if line.requirement != "conditional":
                line.is_applicable = line.requirement == "required" or bool(
                    line.attachment_ids or line.copies_received
                )
                continue
            dossier = line.dossier_id
            condition = line.checklist_item_id.condition
            line.is_applicable = {
                "minor_children": bool(dossier.member_ids.filtered("applies_with_applicant")),
                "exemption_ground": bool(dossier.ground_ids),
                "no_exemption": not dossier.ground_ids,
                "keep_foreign_nationality": dossier.keep_foreign_nationality,
                "represented": dossier.represented,
                "former_official": dossier.former_official,
                "foreign_refusal": dossier.foreign_refusal,
            }.get(condition, True)

    @api.depends("attachment_ids")
    def _compute_attachment_count(self):
        for line in self:
            line.attachment_count = len(line.attachment_ids)

    @api.depends(
        "is_applicable",
        "requirement",
        "attachment_ids",
        "copies_received",
        "lookup_done",
        "original_seen",
        "dossier_id.channel",
        "checklist_item_id.original_required",
    )
    def _compute_is_satisfied(self):
        for line in self:
            if line.lookup_done:
                satisfied = True
            else:
                satisfied = bool(line.attachment_ids or line.copies_received)
                if satisfied and line.original_required and line.dossier_id.channel == "counter":
                    satisfied = line.original_seen
            line.is_satisfied = satisfied
            line.is_blocking = (
                line.is_applicable
                and line.requirement in ("required", "conditional")
                and not satisfied
            )

    def _missing_reason(self):
        self.ensure_one()
        if (
            (self.attachment_ids or self.copies_received)
            and self.original_required
            and not self.original_seen
        ):
            return _("%(document)s: the original must be shown", document=self.name)
        return self.name

    def action_record_lookup(self):
        """Record that the data was read from a national database instead of a paper."""
        for line in self:
            if not line.lookup_allowed:
                raise UserError(
                    _("%(document)s cannot be replaced by a database look-up.", document=line.name)
                )
            if not (line.lookup_source or line.checklist_item_id.lookup_source):
                raise UserError(_("Say which database was consulted."))
            with workflow_transition():
                line.write(
                    {
                        "lookup_done": True,
                        "lookup_source": line.lookup_source or line.checklist_item_id.lookup_source,
                        "lookup_user_id": self.env.uid,
                        # The dossier's clock: a paper dossier typed in later keeps its real day.
                        "lookup_date": line.dossier_id._now(),
                    }
                )
            line.dossier_id.message_post(
                body=_(
                    "%(document)s was looked up in %(database)s (%(reference)s).",
                    document=line.name,
                    database=line.lookup_source,
                    reference=line.lookup_reference or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_mark_original_seen(self):
        with workflow_transition():
            self.write({"original_seen": True, "original_seen_by_id": self.env.uid})
        return True

    def _nationality_access_dossier(self):
        return self.dossier_id
