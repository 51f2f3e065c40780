# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""JSON API for integrators, authenticated by an API key sent as a bearer
token (``auth="bearer"``: Odoo's own check of global keys of active users,
not expired, as for XML-RPC). The routes are thin: the models check the
rights of the key's user (the lookup requests through access and record
rules, the registry search through its group) and validate the payloads.
Every answer is JSON, a refused key included, and a browser session is
never used: without the key, the answer is 401 (see
``ir.http._authenticate`` in this addon). The call runs in the language of
the Accept-Language header or else the user's."""

import json
import logging
import re

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..tools.json_api import API_PREFIX, json_error, method_not_allowed
from ..tools.text_input import shown

_logger = logging.getLogger(__name__)

MAX_BODY = 2 * 1024 * 1024


class NationalityApi(http.Controller):
    def _error(self, status, code, message):
        return json_error(status, code, message)

    def _start_call(self):
        """The key's user is set by the bearer check; the answers speak the
        caller's language."""
        request.update_context(lang=self._answer_language())

    def _answer_language(self):
        """The language of labels and messages: the first language of the
        Accept-Language header that is installed (exactly, else by its first
        part: "vi" is vi_VN), else the key user's own language, else English.
        A language given "q=0" is one the caller refuses (RFC 9110): it is
        never chosen while another one is installed."""
        installed = [code for code, _name in request.env["res.lang"].get_installed()]
        asked = [
            (wanted.replace("-", "_").lower(), quality)
            for wanted, quality in request.httprequest.accept_languages
        ]
        refused = {wanted for wanted, quality in asked if not quality > 0}
        # "vi;q=0" refuses vi_VN; "vi-VN;q=0" refuses vi_VN, even if "vi" is asked.
        allowed = [
            code for code in installed if not refused & {code.lower(), code.lower().split("_")[0]}
        ]
        for wanted, quality in asked:
            if not quality > 0:
                continue
            for code in allowed:
                if code.lower() == wanted:
                    return code
            for code in allowed:
                if code.lower().split("_")[0] == wanted.split("_")[0]:
                    return code
        own = request.env.user.lang
        for code in (own, "en_US", *allowed):
            if code in allowed:
                return code
        return own if own in installed else "en_US"

    def _json_body(self):
        """The JSON object of the body, or an error answer: 413 over 2 MB,
        400 for anything but a JSON object. (A body sent in chunks without a
        length is bounded by the reverse proxy and Odoo's request size limit.)"""
        httprequest = request.httprequest
        if httprequest.content_length and httprequest.content_length > MAX_BODY:
            return None, self._error(413, "too_large", "The request body is larger than 2 MB.")
        raw = httprequest.get_data()
        if len(raw) > MAX_BODY:
            return None, self._error(413, "too_large", "The request body is larger than 2 MB.")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            # ValueError: not JSON, not UTF-8, or a number too long to read;
            # RecursionError: arrays or objects nested thousands deep.
            return None, self._error(400, "invalid_json", "The request body is not valid JSON.")
        if not isinstance(data, dict):
            return None, self._error(400, "invalid_json", "The request body must be a JSON object.")
        return data, None

    def _call(self, method, *args, status=200, wrap=None):
        """Run ``method``; errors become JSON answers (nothing is kept of a
        failed call): 403 without the rights, 404 for what the caller cannot
        see, 400 for an invalid payload, 422 for a refused operation."""
        try:
            result = method(*args)
        except AccessError as error:
            request.env.cr.rollback()
            return self._error(403, "forbidden", str(error.args[0]))
        except MissingError as error:
            request.env.cr.rollback()
            return self._error(404, "not_found", str(error.args[0]))
        except ValidationError as error:
            request.env.cr.rollback()
            return self._error(400, "invalid", str(error.args[0]))
        except UserError as error:
            request.env.cr.rollback()
            return self._error(422, "refused", str(error.args[0]))
        return request.make_json_response(wrap(result) if wrap else result, status=status)

    @http.route(
        f"{API_PREFIX}/lookups",
        type="http",
        auth="bearer",
        nationality_api=True,
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def submit_lookup(self):
        """Submit a lookup request; answers 201 with its reference."""
        self._start_call()
        data, error = self._json_body()
        if error:
            return error
        return self._call(
            request.env["nationality.lookup.request"].api_submit,
            data,
            status=201,
            wrap=lambda reference: {"reference": reference},
        )

    @http.route(
        f"{API_PREFIX}/lookups/<string:reference>",
        type="http",
        auth="bearer",
        nationality_api=True,
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def lookup_status(self, reference):
        """State of a lookup request of the caller's agency."""
        self._start_call()
        return self._call(request.env["nationality.lookup.request"].api_status, reference)

    @http.route(
        f"{API_PREFIX}/records/search",
        type="http",
        auth="bearer",
        nationality_api=True,
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def search_records(self):
        """Ranked matches of the registry; body: {"criteria": {...}, "limit": 10}."""
        self._start_call()
        data, error = self._json_body()
        if error:
            return error
        unknown = sorted(set(data) - {"criteria", "limit"})
        if unknown:
            return self._error(
                400,
                "invalid",
                f"Unknown fields: {', '.join(shown(key) for key in unknown[:10])}. "
                "Allowed: criteria, limit.",
            )
        return self._call(
            request.env["nationality.record"].api_search,
            data.get("criteria"),
            data.get("limit", 10),
            wrap=lambda matches: {"matches": matches},
        )

    @http.route(
        [API_PREFIX, f"{API_PREFIX}/", f"{API_PREFIX}/<path:rest>"],
        type="http",
        auth="none",
        csrf=False,
        save_session=False,
    )
    def elsewhere(self, rest=""):
        """Any other path or method under the API, answered in JSON too: 405
        with the method a route takes, else 404."""
        path = f"{API_PREFIX}/{rest}"
        for routing in self._api_routings():
            for route in routing["routes"]:
                # A route's <converter:argument> parts match one path segment.
                if re.fullmatch(re.sub(r"<[^>]+>", "[^/]+", route), path):
                    allowed = [m for m in routing["methods"] if m != "OPTIONS"]
                    return method_not_allowed(", ".join(allowed))
        return self._error(404, "not_found", "There is no such route in the API.")

    @classmethod
    def _api_routings(cls):
        """The routing of each call of the API, as its route declares it."""
        for name in dir(cls):
            routing = getattr(getattr(cls, name, None), "original_routing", None)
            if routing and routing.get("nationality_api"):
                yield routing
