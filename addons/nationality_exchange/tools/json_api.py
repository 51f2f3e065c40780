# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The error answers of the integrator's JSON API, shared by its routes and
by the bearer-key check that runs before them."""

import re

from odoo.addons.nationality_dossier.tools.person_input import CONTROL_CHARS
from odoo.http import request

API_PREFIX = "/api/nationality/v1"
BEARER = re.compile(r"^bearer\s+(\S+)\s*$", re.IGNORECASE)


def json_error(status, code, message):
    """``{"error": {"code", "message"}}`` with the HTTP ``status``."""
    # A message may repeat a value sent: never a character that cannot be
    # encoded in the answer.
    message = CONTROL_CHARS.sub("\ufffd", str(message))
    return request.make_json_response({"error": {"code": code, "message": message}}, status=status)


def unauthorized(message):
    response = json_error(401, "unauthorized", message)
    response.headers["WWW-Authenticate"] = 'Bearer realm="nationality"'
    return response


def method_not_allowed(allowed):
    response = json_error(405, "method_not_allowed", f"This route takes {allowed} only.")
    response.headers["Allow"] = allowed
    return response
