# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.nationality_dossier.models.nationality_dossier import CLOSED_STATES
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..models.nationality_dossier_document import format_size
from .main import _add_uploads, _own_dossier


class NationalityCustomerPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "nationality_dossier_count" in counters:
            Dossier = request.env["nationality.dossier"]
            values["nationality_dossier_count"] = (
                Dossier.search_count([("applicant_user_id", "=", request.env.uid)])
                if Dossier.has_access("read")
                else 0
            )
        return values

    def _nationality_dossier(self, dossier_id):
        """The current user's own dossier, or 404 (see _own_dossier)."""
        return _own_dossier(dossier_id)

    @http.route("/my/nationality", type="http", auth="user", website=True)
    def my_nationality_dossiers(self, **kwargs):
        values = self._prepare_portal_layout_values()
        dossiers = request.env["nationality.dossier"].search(
            [("applicant_user_id", "=", request.env.uid)], order="create_date desc, id desc"
        )
        values.update(
            {
                "dossiers": dossiers.sudo(),
                "page_name": "nationality_dossiers",
                "deleted": kwargs.get("deleted"),
            }
        )
        return request.render("nationality_portal.my_dossiers", values)

    def _detail_values(self, dossier, **extra):
        values = self._prepare_portal_layout_values()
        dossier_sudo = dossier.sudo()
        values.update(
            {
                "dossier": dossier_sudo,
                "object": dossier_sudo,
                "page_name": "nationality_dossier",
                "timeline": dossier._portal_timeline(),
                "requested_lines": dossier_sudo._portal_supplement_lines(),
                "missing_lines": dossier._portal_supplement_missing()
                if dossier_sudo.state == "supplement"
                else dossier_sudo.document_ids.browse(),
                "limits": request.env["nationality.dossier.document"]._portal_upload_limits(),
                "format_size": format_size,
                "errors": {},
                # The chatter is fetched as the signed-in applicant: no token.
                "disable_composer": dossier_sudo.state in CLOSED_STATES,
                # Which agencies accessed the dossier, once it is closed.
                "accesses": dossier._portal_access_summary(),
                "prereg": "online" not in dossier_sudo.procedure_id._get_channels(),
            }
        )
        values.update(extra)
        return values

    @http.route("/my/nationality/<int:dossier_id>", type="http", auth="user", website=True)
    def my_nationality_dossier(self, dossier_id, **kwargs):
        dossier = self._nationality_dossier(dossier_id)
        return request.render(
            "nationality_portal.my_dossier",
            self._detail_values(
                dossier,
                resubmitted=kwargs.get("resubmitted"),
                preregistered=kwargs.get("preregistered"),
            ),
        )

    @http.route(
        "/my/nationality/<int:dossier_id>/file/<int:attachment_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def my_nationality_file(self, dossier_id, attachment_id, **kwargs):
        dossier = self._nationality_dossier(dossier_id)
        # sudo: the files of the applicant's own dossier (ownership checked above);
        # an attachment of any other record is not found.
        lines = dossier.sudo().document_ids
        attachment = lines.attachment_ids.filtered(lambda a: a.id == attachment_id)
        if (
            not attachment
            or attachment.res_model != lines._name
            or attachment.res_id not in lines.ids
        ):
            raise NotFound()
        stream = request.env["ir.binary"]._get_stream_from(attachment)
        return stream.get_response(as_attachment=True)

    @http.route(
        "/my/nationality/<int:dossier_id>/delete",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def my_nationality_delete(self, dossier_id, **kwargs):
        dossier = self._nationality_dossier(dossier_id)
        try:
            dossier._portal_unlink_draft()
        except (UserError, AccessError) as error:
            return request.render(
                "nationality_portal.my_dossier",
                self._detail_values(dossier, error=error.args[0]),
                status=403,
            )
        return request.redirect("/my/nationality?deleted=1")

    @http.route(
        "/my/nationality/<int:dossier_id>/supplement",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        # Request size limits follow the upload limits (see ir.http).
        nationality_upload=True,
    )
    def my_nationality_supplement(self, dossier_id, nav="upload", **kwargs):
        dossier = self._nationality_dossier(dossier_id)
        if dossier.state != "supplement":
            return request.redirect(f"/my/nationality/{dossier.id}")
        try:
            dossier._portal_lock_for_supplement_answer()
        except UserError as error:
            return request.render(
                "nationality_portal.my_dossier",
                self._detail_values(dossier, errors={"__resubmit__": error.args[0]}),
            )
        # The lines are listed as superuser, the files added as the applicant.
        errors = _add_uploads(dossier.sudo()._portal_supplement_lines().with_env(request.env))
        if nav == "resubmit" and not errors:
            try:
                dossier.action_portal_resubmit_supplement()
            except UserError as error:
                errors["__resubmit__"] = error.args[0]
            else:
                return request.redirect(f"/my/nationality/{dossier.id}?resubmitted=1")
        if errors:
            return request.render(
                "nationality_portal.my_dossier", self._detail_values(dossier, errors=errors)
            )
        return request.redirect(f"/my/nationality/{dossier.id}#supplement")
