# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _serve_fallback(cls):
        # A path no route matched is looked up among the attachments, website
        # pages and redirections by its text; PostgreSQL cannot compare a text
        # holding a NUL character and the request would end in a server error.
        # Such a path names nothing: answer "not found".
        if "\x00" in request.httprequest.path:
            return None
        return super()._serve_fallback()
