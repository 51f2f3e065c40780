# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.addons.auth_signup.controllers.main import AuthSignupHome
from odoo.addons.nationality_dossier.tools.person_input import has_control_characters
from odoo.http import request

_logger = logging.getLogger(__name__)

SIGNUP_SCOPE = "signup"
RESET_PASSWORD_SCOPE = "reset_password"
# Longest login (an e-mail address) and name accepted at sign-up.
MAX_LOGIN = 254
MAX_NAME = 150


class NationalitySignup(AuthSignupHome):
    """Citizens create their own portal account; the sign-ups sent from one
    client address are limited in a sliding window (system parameters
    ``nationality_portal.rate_limit.signup.attempts`` and ``.minutes``), so
    that accounts cannot be mass-created by a script. Password reset requests
    are limited the same way (``...rate_limit.reset_password.*``), and
    neither page tells whether an account uses a given login."""

    @http.route()
    def web_auth_signup(self, *args, **kw):
        if request.httprequest.method == "POST":
            qcontext = self.get_auth_signup_qcontext()
            if not qcontext.get("token") and not qcontext.get("signup_enabled"):
                raise NotFound()
            RateLimit = request.env["nationality.rate.limit"]
            client = request.httprequest.remote_addr
            if not RateLimit._consume(SIGNUP_SCOPE, client):
                qcontext["error"] = _(
                    "Too many accounts were requested from your connection. Please try again "
                    "in %(minutes)s minutes.",
                    minutes=RateLimit._retry_after_minutes(SIGNUP_SCOPE, client),
                )
                return self._nationality_signup_page(qcontext, status=429)
            problem = self._nationality_signup_problem(qcontext)
            if (
                not problem
                and not qcontext.get("token")
                and self._nationality_login_taken(qcontext)
            ):
                # The same answer as any refused sign-up, which does not tell
                # whether somebody registered with this address (Odoo would
                # say "Another user is already registered...").
                problem = _(
                    "No account could be created with these details. If you already have an "
                    "account, sign in or reset your password."
                )
            if problem:
                qcontext["error"] = problem
                return self._nationality_signup_page(qcontext)
        return super().web_auth_signup(*args, **kw)

    @http.route()
    def web_auth_reset_password(self, *args, **kw):
        qcontext = self.get_auth_signup_qcontext()
        if (
            request.httprequest.method != "POST"
            or qcontext.get("token")
            or not qcontext.get("reset_password_enabled")
            or "error" in qcontext
        ):
            # Showing the form, or choosing the new password with the
            # e-mailed token: Odoo's own flow.
            return super().web_auth_reset_password(*args, **kw)
        RateLimit = request.env["nationality.rate.limit"]
        client = request.httprequest.remote_addr
        if not RateLimit._consume(RESET_PASSWORD_SCOPE, client):
            qcontext["error"] = _(
                "Too many password reset requests were sent from your connection. Please try "
                "again in %(minutes)s minutes.",
                minutes=RateLimit._retry_after_minutes(RESET_PASSWORD_SCOPE, client),
            )
            return self._nationality_auth_page("auth_signup.reset_password", qcontext, status=429)
        problem = self._nationality_login_problem(qcontext.get("login"))
        if problem:
            qcontext["error"] = problem
        elif not request.env["ir.http"]._verify_request_recaptcha_token("password_reset"):
            qcontext["error"] = _("Suspicious activity detected by Google reCaptcha.")
        else:
            self._nationality_send_reset_instructions(qcontext["login"].strip())
            # The same answer whether an account uses the login or not (Odoo
            # would say "No account found for this login").
            qcontext["message"] = _(
                "If an account uses this login or e-mail address, the instructions to reset "
                "its password were sent to its e-mail address."
            )
        return self._nationality_auth_page("auth_signup.reset_password", qcontext)

    def _nationality_send_reset_instructions(self, login):
        """Send the reset e-mail to the account using ``login``, if exactly one
        does; whatever happens stays in the server log, never on the page."""
        try:
            with request.env.cr.savepoint():
                # sudo: a visitor asks for the reset of an account it cannot
                # read; the answer does not depend on what was found.
                request.env["res.users"].sudo().reset_password(login)
        except Exception as error:  # noqa: BLE001 - the page must not tell why
            _logger.info(
                "Password reset not sent for <%s> from %s: %s",
                login,
                request.httprequest.remote_addr,
                error,
            )

    def _nationality_login_taken(self, values):
        """True when an account (active or archived) already uses the login."""
        Users = request.env["res.users"].with_context(active_test=False)
        # sudo: the check stays on the server; the answer never says which way it went.
        return bool(
            Users.sudo().search_count(Users._get_login_domain(values["login"].strip()), limit=1)
        )

    def _nationality_signup_page(self, qcontext, status=200):
        return self._nationality_auth_page("auth_signup.signup", qcontext, status=status)

    def _nationality_auth_page(self, template, qcontext, status=200):
        response = request.render(template, qcontext, status=status)
        # The same framing protection as the standard sign-up page.
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        response.headers["Content-Security-Policy"] = "frame-ancestors 'self'"
        return response

    def _nationality_signup_problem(self, values):
        """Why the login or the name typed (or given by an invitation) cannot
        be used, or None. They are checked before anything is stored: a
        missing value or a NUL character would otherwise end the request in
        a server error."""
        login, name = values.get("login"), values.get("name")
        problem = self._nationality_login_problem(login)
        if problem:
            return problem
        if not isinstance(name, str) or not name.strip():
            return _("Enter your name.")
        if has_control_characters(name):
            return _(
                "Your name contains control or invisible formatting characters: type it "
                "again without them."
            )
        if len(name) > MAX_NAME:
            return _("Your name is too long: at most %(limit)s characters.", limit=MAX_NAME)
        return None

    def _nationality_login_problem(self, login):
        """Why ``login`` (an e-mail address typed in a form) cannot be used, or None."""
        if not isinstance(login, str) or not login.strip():
            return _("Enter your e-mail address.")
        if has_control_characters(login):
            return _(
                "The e-mail address contains control or invisible formatting characters: "
                "type it again without them."
            )
        if len(login) > MAX_LOGIN:
            return _(
                "The e-mail address is too long: at most %(limit)s characters.", limit=MAX_LOGIN
            )
        return None
