# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import werkzeug.exceptions

from odoo import models
from odoo.exceptions import AccessDenied
from odoo.http import request

from ..tools.json_api import BEARER, method_not_allowed, unauthorized


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate(cls, endpoint):
        """The integrator API (routes marked ``nationality_api``) runs Odoo's
        ``auth="bearer"`` check, with two differences: a refused key is
        answered in JSON like every other answer of the API (Odoo answers with
        an HTML page), and a browser session is never taken for a key (the
        API is for programs; its POST routes have no CSRF token). As with
        Odoo's check, a key sent beside the session of another user is
        refused."""
        if not endpoint.routing.get("nationality_api"):
            return super()._authenticate(endpoint)
        if request.httprequest.method == "OPTIONS":
            # Odoo lets OPTIONS reach every route (for CORS preflights); the
            # API has no CORS and must not run a POST route for it.
            allowed = ", ".join(m for m in endpoint.routing["methods"] if m != "OPTIONS")
            raise werkzeug.exceptions.MethodNotAllowed(response=method_not_allowed(allowed))
        match = BEARER.match(request.httprequest.headers.get("Authorization") or "")
        if not match:
            raise werkzeug.exceptions.Unauthorized(
                response=unauthorized(
                    "Send an API key as a bearer token: Authorization: Bearer <key>."
                )
            )
        try:
            return super()._authenticate(endpoint)
        except (AccessDenied, werkzeug.exceptions.Unauthorized) as refused:
            raise werkzeug.exceptions.Unauthorized(
                response=unauthorized("The API key is invalid or expired.")
            ) from refused
