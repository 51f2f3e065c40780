# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.nationality_dossier.models.nationality_person_mixin import ID_DOCUMENT_TYPES
from odoo.addons.nationality_dossier.tools.dates import vietnam_today
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..models.nationality_dossier import PORTAL_STEPS, form_int
from ..models.nationality_dossier_document import format_size

_PROCEDURE_CODE = re.compile(r"^[a-z_]{1,64}$")


def _request_form():
    """The posted fields as a dict of strings, with the multi-valued ones as lists."""
    form = {
        key: value
        for key, value in request.params.items()
        if isinstance(value, str) and key != "csrf_token"
    }
    posted = request.httprequest.form
    form["nationality_ids_list"] = posted.getlist("nationality_ids")
    form["ground_ids_list"] = posted.getlist("ground_ids")
    return form


def _uploaded_files(name):
    """``[(file name, content)]`` of the non-empty file inputs called ``name``."""
    files = []
    for storage in request.httprequest.files.getlist(name):
        if storage.filename:
            files.append((storage.filename, storage.read()))
    return files


def _add_uploads(lines):
    """Add the files posted for each checklist line of ``lines`` (the file
    inputs ``file_<line id>``); return ``{input name: [errors]}``."""
    errors = {}
    for line in lines:
        files = _uploaded_files(f"file_{line.id}")
        if not files:
            continue
        try:
            _attachments, line_errors = line._portal_add_files(files)
        except UserError as error:
            line_errors = [error.args[0]]
        if line_errors:
            errors[f"file_{line.id}"] = line_errors
    return errors


def _own_dossier(dossier_id):
    """The current user's own dossier, or 404 (never saying whose it is).
    Access tokens are not accepted: dossiers hold personal data and are shown
    to their signed-in applicant only."""
    dossier = request.env["nationality.dossier"].browse(dossier_id).exists()
    if not dossier:
        raise NotFound()
    try:
        dossier._portal_check_owner()
    except AccessError as error:
        raise NotFound() from error
    return dossier


class NationalityWebsite(http.Controller):
    # ------------------------------------------------------------------
    # Catalogue
    # ------------------------------------------------------------------
    @http.route("/nationality", type="http", auth="public", website=True, sitemap=True)
    def catalogue(self, **kwargs):
        procedures = request.env["nationality.procedure"].search([("active", "=", True)])
        # The rules in force on Vietnam's day, whatever the visitor's time zone.
        today = vietnam_today(request.env)
        versions = {}
        for procedure in procedures:
            try:
                versions[procedure.id] = procedure._get_rule_version(today)
            except UserError:
                versions[procedure.id] = request.env["nationality.rule.version"]
        return request.render(
            "nationality_portal.catalogue",
            {
                "procedures": procedures,
                "versions": versions,
                "companies": request.env["nationality.dossier"]._portal_receiving_companies(),
            },
        )

    # ------------------------------------------------------------------
    # Online application
    # ------------------------------------------------------------------
    def _get_procedure(self, code):
        if not _PROCEDURE_CODE.match(code or ""):
            raise NotFound()
        procedure = request.env["nationality.procedure"].search(
            [("code", "=", code), ("active", "=", True)], limit=1
        )
        if not procedure:
            raise NotFound()
        return procedure

    def _get_own_dossier(self, dossier_id, procedure=None):
        """The current user's own dossier of ``procedure``, or 404."""
        dossier = _own_dossier(dossier_id)
        if procedure and dossier.procedure_id != procedure:
            raise NotFound()
        return dossier

    def _step_values(self, procedure, dossier, step, form=None, errors=None, **extra):
        Dossier = request.env["nationality.dossier"]
        # sudo: countries and administrative units are public reference lists.
        Unit = request.env["nationality.admin.unit"].sudo()
        form = form if form is not None else dossier._portal_form_values()
        province_id = form_int(form.get("province_id"))
        values = {
            "procedure": procedure,
            "dossier": dossier,
            "dossier_sudo": dossier.sudo(),
            "step": step,
            "steps": PORTAL_STEPS,
            "form": form,
            "errors": errors or {},
            "prereg": "online" not in procedure._get_channels(),
            "countries": request.env["res.country"].sudo().search([]),
            "provinces": Unit.search([("unit_type", "=", "province")]),
            "wards": Unit.search([("unit_type", "=", "ward"), ("parent_id", "=", province_id)])
            if province_id
            else Unit.browse(),
            "id_types": ID_DOCUMENT_TYPES,
            "relations": request.env["nationality.dossier.member"]
            ._fields["relation"]
            ._description_selection(request.env),
            "companies": Dossier._portal_receiving_companies(),
            "questions": dossier._portal_questions() if dossier.procedure_id else set(),
            "limits": request.env["nationality.dossier.document"]._portal_upload_limits(),
            "format_size": format_size,
            "privacy_notice": request.env["nationality.privacy.notice"]._get_current(),
        }
        values.update(extra)
        return values

    def _render_step(self, procedure, dossier, step, **kwargs):
        return request.render(
            "nationality_portal.apply_step", self._step_values(procedure, dossier, step, **kwargs)
        )

    def _staff_refusal(self):
        if not request.env.user.share:
            return request.render("nationality_portal.apply_staff", {})
        return None

    @http.route(
        "/nationality/apply/<string:code>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        sitemap=False,
    )
    def apply_start(self, code, **kwargs):
        procedure = self._get_procedure(code)
        refusal = self._staff_refusal()
        if refusal:
            return refusal
        user = request.env.user
        company = request.env["nationality.dossier"]._portal_default_company()
        dossier = request.env["nationality.dossier"].new(
            {
                "procedure_id": procedure.id,
                "company_id": company.id,
                "full_name": user.name,
                "email": user.email,
                "phone": user.phone,
            }
        )
        drafts = request.env["nationality.dossier"].search(
            [
                ("applicant_user_id", "=", user.id),
                ("procedure_id", "=", procedure.id),
                ("state", "=", "draft"),
            ]
        )
        return self._render_step(procedure, dossier, "applicant", drafts=drafts)

    @http.route(
        [
            "/nationality/apply/<string:code>/<int:dossier_id>",
            "/nationality/apply/<string:code>/<int:dossier_id>/<string:step>",
        ],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        sitemap=False,
    )
    def apply_step(self, code, dossier_id, step=None, saved=None, **kwargs):
        procedure = self._get_procedure(code)
        dossier = self._get_own_dossier(dossier_id, procedure)
        if dossier.state != "draft" or dossier.sudo().date_preregistered:
            # Filed, or a pre-registration sent: no longer edited online.
            return request.redirect(f"/my/nationality/{dossier.id}")
        if step is None:
            step = dossier.portal_step or "applicant"
        if step not in PORTAL_STEPS:
            raise NotFound()
        return self._render_step(procedure, dossier, step, saved=bool(saved))

    @http.route(
        "/nationality/apply/<string:code>/save",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
        # Request size limits follow the upload limits (see ir.http).
        nationality_upload=True,
    )
    def apply_save(self, code, dossier_id=None, step="applicant", nav="save", **kwargs):
        procedure = self._get_procedure(code)
        refusal = self._staff_refusal()
        if refusal:
            return refusal
        if step not in PORTAL_STEPS:
            raise NotFound()
        form = _request_form()
        Dossier = request.env["nationality.dossier"]
        if form_int(dossier_id):
            dossier = self._get_own_dossier(form_int(dossier_id), procedure)
            if dossier.state != "draft" or dossier.sudo().date_preregistered:
                return request.redirect(f"/my/nationality/{dossier.id}")
            errors = dossier._portal_save_step(step, form)
        else:
            dossier, errors = Dossier._portal_create_draft(procedure, form)
            if not dossier:
                probe = Dossier.new({"procedure_id": procedure.id})
                return self._render_step(procedure, probe, step, form=form, errors=errors)
        if step == "documents":
            errors.update(self._save_uploads(dossier, form))
        if nav == "submit" and not errors:
            errors = self._send_draft(
                dossier, form, dossier._portal_submission_problems(), dossier.action_portal_submit
            )
            if not errors:
                return request.redirect(f"/nationality/apply/{procedure.code}/{dossier.id}/done")
        if nav == "preregister" and not errors:
            errors = self._send_draft(
                dossier,
                form,
                dossier._portal_preregistration_problems(),
                dossier.action_portal_preregister,
            )
            if not errors:
                return request.redirect(f"/my/nationality/{dossier.id}?preregistered=1")
        if errors:
            # Re-show the step with what was typed; the valid values are saved.
            return self._render_step(procedure, dossier, step, form=form, errors=errors)
        index = PORTAL_STEPS.index(step)
        if nav == "next":
            index = min(index + 1, len(PORTAL_STEPS) - 1)
        elif nav == "back":
            index = max(index - 1, 0)
        return request.redirect(
            f"/nationality/apply/{procedure.code}/{dossier.id}/{PORTAL_STEPS[index]}?saved=1"
        )

    def _send_draft(self, dossier, form, problems, send):
        """File or pre-register ``dossier`` with ``send`` (called with the
        privacy notice the applicant accepted) unless ``problems`` or the
        privacy notice prevent it; return the errors to show, by input."""
        errors = {}
        privacy = dossier._portal_privacy_problem(form.get("privacy_notice_id"))
        if privacy:
            errors["privacy_notice_id"] = privacy
        if problems:
            errors["__submit__"] = problems
        if not errors:
            try:
                send(form.get("privacy_notice_id"))
            except UserError as error:
                errors["__submit__"] = [error.args[0]]
        return errors

    def _save_uploads(self, dossier, form):
        remove = form_int(form.get("remove_file"))
        if remove:
            attachment = request.env["ir.attachment"].browse(remove)
            line = dossier.document_ids.filtered(
                lambda line: attachment in line.sudo().attachment_ids
            )
            if not line:
                raise NotFound()
            line._portal_remove_file(attachment)
        return _add_uploads(dossier.document_ids)

    @http.route(
        "/nationality/apply/<string:code>/<int:dossier_id>/done",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        sitemap=False,
    )
    def apply_done(self, code, dossier_id, **kwargs):
        procedure = self._get_procedure(code)
        dossier = self._get_own_dossier(dossier_id, procedure)
        if dossier.state == "draft":
            return request.redirect(f"/nationality/apply/{procedure.code}/{dossier.id}")
        return request.render(
            "nationality_portal.apply_done", {"dossier": dossier.sudo(), "procedure": procedure}
        )

    @http.route("/nationality/wards", type="json", auth="user", website=True)
    def wards(self, province_id=None, **kwargs):
        # sudo: the list of wards is public reference data.
        wards = (
            request.env["nationality.admin.unit"]
            .sudo()
            .search([("unit_type", "=", "ward"), ("parent_id", "=", form_int(province_id))])
        )
        return [{"id": ward.id, "name": ward.name} for ward in wards]

    # ------------------------------------------------------------------
    # Privacy notice
    # ------------------------------------------------------------------
    @http.route("/nationality/privacy", type="http", auth="public", website=True, sitemap=True)
    def privacy_notice(self, **kwargs):
        """The privacy notice in force, and the earlier versions applicants
        may have accepted."""
        notices = request.env["nationality.privacy.notice"]._get_published()
        # Each earlier version with the day the next one replaced it.
        older = [
            (notices[index], notices[index - 1].date_effective) for index in range(1, len(notices))
        ]
        return request.render(
            "nationality_portal.privacy_page", {"notice": notices[:1], "older": older}
        )

    # ------------------------------------------------------------------
    # Public status check
    # ------------------------------------------------------------------
    @http.route(
        "/nationality/status",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=True,
    )
    def status(self, code=None, digits=None, **kwargs):
        # The typed code is shown again in the form, bounded.
        shown = code[:64] if isinstance(code, str) else ""
        values = {"code": shown, "digits": "", "results": None, "error": None}
        status = 200
        if request.httprequest.method == "POST":
            values.update(
                request.env["nationality.dossier"]._portal_status_check(
                    code, digits, request.httprequest.remote_addr
                )
            )
            if values["error"] == "rate_limited":
                status = 429
        return request.render("nationality_portal.status_page", values, status=status)
