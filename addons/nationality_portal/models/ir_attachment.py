# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models
from odoo.exceptions import AccessError

from .nationality_dossier import DOSSIER_FILE_MODELS


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def validate_access(self, access_token):
        # The files of a nationality dossier (its documents, and the files of
        # its messages) are personal data: an access token, which Odoo hands
        # out with chatter uploads and messages and which opens the file to
        # anybody who has the link, is not enough. The file opens only for a
        # signed-in user who may read the dossier (its applicant, its staff).
        self.ensure_one()
        if access_token:
            # sudo: the owner of the file is read to decide which check applies.
            attachment_sudo = self.sudo().with_context(prefetch_fields=False)
            if attachment_sudo.res_model in DOSSIER_FILE_MODELS:
                owner = self.env[attachment_sudo.res_model].browse(attachment_sudo.res_id)
                if self.env.user._is_public() or not owner.exists() or not owner.has_access("read"):
                    raise AccessError(_("Sign in to open the files of a nationality dossier."))
                return attachment_sudo
        return super().validate_access(access_token)
