# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, http
from odoo.addons.mail.controllers.attachment import AttachmentController
from odoo.http import request

from ..models.nationality_dossier import DOSSIER_FILE_MODELS


class NationalityAttachmentController(AttachmentController):
    @http.route()
    def mail_attachment_upload(self, ufile, thread_id, thread_model, is_pending=False, **kwargs):
        # The chatter's upload route stores any file without the checks of the
        # online form (type by content, active content, size limits) and gives
        # portal users an access token that opens it to anybody. The files of
        # a dossier come only through the documents of the online form.
        if thread_model in DOSSIER_FILE_MODELS and not request.env.user._is_internal():
            return request.make_json_response(
                {
                    "error": _(
                        "Files cannot be sent in a message: add them to the documents of "
                        "the dossier, where they are checked."
                    )
                }
            )
        return super().mail_attachment_upload(
            ufile, thread_id, thread_model, is_pending=is_pending, **kwargs
        )
