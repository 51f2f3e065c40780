# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import re

from odoo import Command, _, api, fields, models
from odoo.addons.nationality_dossier.tools.person_input import normalize_text
from odoo.addons.nationality_dossier.tools.upload_scan import scan_upload, scanned_files
from odoo.exceptions import AccessError, UserError

DEFAULT_MAX_FILE_MB = 10
DEFAULT_MAX_DOSSIER_MB = 50
MB = 1024 * 1024
# File names are kept readable but bounded, without control characters.
MAX_FILE_NAME = 120
_FILE_NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# What an applicant may write on a checklist line: only its files.
PORTAL_LINE_FIELDS = frozenset({"attachment_ids", "supplement_attachment_ids"})
PORTAL_LINE_CREATE_FIELDS = frozenset({"dossier_id", "checklist_item_id"})


def format_size(size):
    """A size in bytes as people read it: 850 KB, 12.5 MB."""
    if size >= MB:
        return f"{round(size / MB, 1):g} MB"
    return f"{max(round(size / 1024), 1)} KB"


def clean_file_name(filename):
    """The base name of an uploaded file in NFC, without control characters,
    at most MAX_FILE_NAME characters (the extension kept)."""
    name = os.path.basename((filename or "").replace("\\", "/"))
    name = normalize_text(_FILE_NAME_CONTROL.sub("", name))
    if len(name) > MAX_FILE_NAME:
        stem, extension = os.path.splitext(name)
        extension = extension[:10]
        name = stem[: MAX_FILE_NAME - len(extension)].rstrip() + extension
    return name


class NationalityDossierDocument(models.Model):
    _inherit = "nationality.dossier.document"

    supplement_attachment_ids = fields.Many2many(
        "ir.attachment",
        "nationality_dossier_document_supplement_rel",
        "line_id",
        "attachment_id",
        string="Files sent for the supplement",
        readonly=True,
        copy=False,
        help="The files the applicant sent online in answer to the last supplement request.",
    )

    @api.model
    def _scanned_file_fields(self):
        # Shown to the officers as downloads like the line's files, and
        # writable by them over RPC: checked the same way.
        return (*super()._scanned_file_fields(), "supplement_attachment_ids")

    def _portal_restricted(self):
        return self.env.user.share and not self.env.su

    def _portal_check_file_commands(self, vals):
        """What an applicant may do with the files of a checklist line.

        - Only files uploaded to that very line are linked, never an
          attachment of another record.
        - In a draft, a file may also be taken off the line (it is the
          applicant's own work until filed).
        - Once filed, the files the department received stay: the applicant
          only adds new files, made by them and not yet on the line, to the
          lines a supplement request names (the record rules limit the lines)."""
        dossiers = self.sudo().dossier_id
        draft = len(dossiers) == 1 and dossiers.state == "draft"
        dossiers.with_env(self.env)._portal_check_not_sent()
        received = self.sudo().attachment_ids
        for name in PORTAL_LINE_FIELDS & set(vals):
            for command in vals[name]:
                if command[0] == Command.UNLINK and draft and name == "attachment_ids":
                    continue
                if command[0] in (Command.UNLINK, Command.DELETE, Command.CLEAR, Command.SET):
                    raise AccessError(
                        _(
                            "Files sent with a filed dossier cannot be removed or replaced: "
                            "add the new files the department asks for."
                        )
                        if not draft
                        else _("Files are added to a checklist line one by one.")
                    )
                if command[0] != Command.LINK:
                    raise AccessError(_("Files are added to a checklist line one by one."))
                attachment = self.env["ir.attachment"].sudo().browse(command[1]).exists()
                if (
                    not attachment
                    or attachment.res_model != self._name
                    or attachment.res_id not in self.ids
                    or len(self) != 1
                ):
                    raise AccessError(_("This file does not belong to this checklist line."))
                if not draft and (attachment in received or attachment.create_uid != self.env.user):
                    raise AccessError(
                        _(
                            "Answer the supplement request with a new file: %(file)s was "
                            "already sent.",
                            file=attachment.name,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        if self._portal_restricted():
            for vals in vals_list:
                if set(vals) - PORTAL_LINE_CREATE_FIELDS:
                    raise AccessError(_("Checklist lines come from the procedure's rules."))
        return super().create(vals_list)

    def write(self, vals):
        if self._portal_restricted():
            if set(vals) - PORTAL_LINE_FIELDS:
                raise AccessError(_("You can only add files to the checklist of your dossier."))
            self._portal_check_file_commands(vals)
        return super().write(vals)

    @api.model
    def _portal_upload_limits(self):
        """Per-file and per-dossier size limits in bytes, from the system parameters."""
        params = self.env["ir.config_parameter"].sudo()

        def read(key, default):
            try:
                value = float(params.get_param(key, default))
            except (TypeError, ValueError):
                value = default
            return int((value if value > 0 else default) * MB)

        return (
            read("nationality_portal.max_file_size_mb", DEFAULT_MAX_FILE_MB),
            read("nationality_portal.max_dossier_size_mb", DEFAULT_MAX_DOSSIER_MB),
        )

    @api.model
    def _portal_request_limit(self):
        """Largest request, in bytes, that the upload routes accept: every file
        the dossier may still hold, with room for the rest of the form."""
        max_file, max_dossier = self._portal_upload_limits()
        return max(max_file, max_dossier) + MB

    def _portal_add_files(self, files):
        """Check and attach files the applicant uploaded for this checklist item.

        ``files`` is a list of ``(file name, content bytes)``. Each file is
        refused with its reason when it is empty, too large, would make the
        dossier too large, is not a PDF, JPEG or PNG file by its content, or
        carries active content (see nationality_dossier's ``tools/upload_scan.py``). The accepted
        files are stored. Returns ``(attachments, errors)``."""
        self.ensure_one()
        dossier = self.dossier_id
        dossier._portal_check_owner()
        dossier._portal_check_not_sent()
        # Record rules: the applicant's own draft, or a line requested in a supplement.
        try:
            self.check_access("write")
        except AccessError as error:
            raise UserError(
                _("Files can no longer be added to %(document)s.", document=self.name)
            ) from error
        max_file, max_dossier = self._portal_upload_limits()
        used = dossier._portal_files_size()
        errors = []
        accepted = []
        for filename, content in files:
            name = clean_file_name(filename) or _("file")
            content = content or b""
            if not content:
                errors.append(_("%(file)s is empty.", file=name))
                continue
            if len(content) > max_file:
                errors.append(
                    _(
                        "%(file)s is %(size)s; a file may be at most %(limit)s.",
                        file=name,
                        size=format_size(len(content)),
                        limit=format_size(max_file),
                    )
                )
                continue
            mimetype, extension, reason, details = scan_upload(content)
            if reason:
                errors.append(self._file_refusal_message(name, reason, details))
                continue
            if used + len(content) > max_dossier:
                errors.append(
                    _(
                        "%(file)s does not fit: the files of a dossier may total at most "
                        "%(limit)s and %(used)s are already used.",
                        file=name,
                        limit=format_size(max_dossier),
                        used=format_size(used),
                    )
                )
                continue
            stem, current = os.path.splitext(name)
            if current.lower() not in (extension, ".jpeg" if extension == ".jpg" else extension):
                name = (stem or name) + extension
            accepted.append({"name": name, "raw": content, "mimetype": mimetype})
            used += len(content)
        attachments = self.env["ir.attachment"]
        if accepted:
            # sudo: portal users have no rights on ir.attachment; the applicant's
            # write access to this line was checked above, and the files were
            # checked. Scans stay as uploaded (no automatic resizing).
            attachments = (
                self.env["ir.attachment"]
                .sudo()
                .with_context(image_no_postprocess=True)
                .create(
                    [
                        {**vals, "res_model": self._name, "res_id": self.id, "public": False}
                        for vals in accepted
                    ]
                )
            )
            commands = [Command.link(a.id) for a in attachments]
            vals = {"attachment_ids": commands}
            if dossier.state == "supplement":
                vals["supplement_attachment_ids"] = commands
            with scanned_files(attachments.mapped("checksum")):
                self.write(vals)
        return attachments, errors

    def _portal_remove_file(self, attachment):
        """The applicant removes a file from a line of their draft."""
        self.ensure_one()
        self.dossier_id._portal_check_owner()
        self.dossier_id._portal_check_not_sent()
        if self.dossier_id.state != "draft" or attachment not in self.sudo().attachment_ids:
            raise UserError(_("This file cannot be removed."))
        self.check_access("write")
        self.write({"attachment_ids": [Command.unlink(attachment.id)]})
        # sudo: the file belonged to this line of the applicant's own draft.
        attachment.sudo().unlink()
        return True
