# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from urllib.parse import urlsplit

from werkzeug.exceptions import RequestEntityTooLarge

from odoo import models
from odoo.http import Response, request

from .nationality_dossier_document import format_size

# The routes that receive uploads (see _pre_dispatch), as their path ends.
_UPLOAD_ROUTE = re.compile(
    r"/nationality/apply/[a-z_]{1,64}/save$|/my/nationality/[0-9]{1,10}/supplement$"
)
# The pages an upload form is posted from, where a refused request leads back
# (with or without the language prefix of the website).
_UPLOAD_PAGE = re.compile(
    r"^(?:/[a-z]{2}(?:_[A-Za-z]{2,4})?)?"
    r"(/nationality/apply/[a-z_]{1,64}/[0-9]{1,10}(?:/[a-z]{1,16})?|/my/nationality/[0-9]{1,10})$"
)


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

    @classmethod
    def _pre_dispatch(cls, rule, args):
        result = super()._pre_dispatch(rule, args)
        if rule.endpoint.routing.get("nationality_upload"):
            # The routes that receive the files of a dossier accept a request
            # as large as the files the configuration allows (per file and per
            # dossier), whatever web.max_file_upload_size says. Each file is
            # then checked against the per-file limit with a clear message.
            limit = request.env["nationality.dossier.document"]._portal_request_limit()
            request.httprequest.max_content_length = limit
            # The form is parsed after this. Werkzeug also limits what it holds
            # in memory for one part of the form (10 MB in Odoo; werkzeug 2.2
            # buffers a file part until a line break), which Odoo's request
            # wrapper does not expose: set it on the wrapped request.
            wrapped = getattr(request.httprequest, "_HTTPRequest__wrapped", None)
            if wrapped is not None:
                wrapped.max_form_memory_size = limit
        return result

    @classmethod
    def _handle_error(cls, exception):
        if (
            isinstance(exception, RequestEntityTooLarge)
            and getattr(request, "is_frontend", False)
            and _UPLOAD_ROUTE.search(request.httprequest.path)
        ):
            return cls._nationality_upload_too_large()
        return super()._handle_error(exception)

    @classmethod
    def _nationality_upload_too_large(cls):
        """The page shown when the files posted exceed what the route accepts:
        nothing was read, the draft is as saved before; a link leads back."""
        # The same set-up as the website's error pages, without reading the
        # form again: it is what was too large.
        if not request.uid:
            cls._auth_method_public()
        cls._frontend_pre_dispatch()
        request.params = dict(request.httprequest.args)
        request.env.cr.rollback()
        max_file, max_dossier = request.env["nationality.dossier.document"]._portal_upload_limits()
        html = request.env["ir.ui.view"]._render_template(
            "nationality_portal.upload_too_large",
            {
                "back_url": cls._nationality_upload_page(),
                "max_file": max_file,
                "max_dossier": max_dossier,
                "format_size": format_size,
            },
        )
        response = Response(html, status=413, content_type="text/html;charset=utf-8")
        cls._post_dispatch(response)
        return response

    @classmethod
    def _nationality_upload_page(cls):
        """The page the refused upload was posted from, when it is a step of
        the online form or a dossier of the applicant; else My dossiers."""
        referrer = urlsplit(request.httprequest.headers.get("Referer") or "")
        host = request.httprequest.host
        if referrer.netloc in ("", host):
            match = _UPLOAD_PAGE.match(referrer.path or "")
            if match:
                return match.group(0)
        return "/my/nationality"
