# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import ipaddress
import math
from datetime import timedelta

from odoo import api, fields, models

# How long attempts are kept at most, whatever the windows configured.
RETENTION = timedelta(days=2)
# Length of the IPv6 prefix that identifies one client.
IPV6_CLIENT_PREFIX = 64
# Default (attempts, minutes) of each guarded action, when the system
# parameters do not say otherwise.
SCOPE_DEFAULTS = {
    "status_check": (10, 15),
    # Wrong answers for one dossier code, from every client together: a
    # guess spread over many addresses is slowed down too.
    "status_check_code": (20, 60),
    "signup": (5, 60),
    "reset_password": (5, 60),
}


class NationalityRateLimit(models.Model):
    """Attempts at a guarded public action (the status check, the sign-up, the password reset),
    counted per client in a sliding window. Kept in the database so that the
    limit holds across every worker of the server.

    Use it from a controller::

        allowed = env["nationality.rate.limit"]._consume(
            "status_check", request.httprequest.remote_addr
        )

    with the limit and the window read from the system parameters
    ``nationality_portal.rate_limit.<scope>.attempts`` and
    ``nationality_portal.rate_limit.<scope>.minutes``."""

    _name = "nationality.rate.limit"
    _description = "Rate-limited attempt"
    _log_access = False
    _order = "attempted_at desc"

    scope = fields.Char(required=True, index=True, readonly=True)
    client_key = fields.Char(
        string="Client key",
        required=True,
        index=True,
        readonly=True,
        help="Keyed hash of the client identifier (IP address); the address itself is not stored.",
    )
    attempted_at = fields.Datetime(
        string="Attempted at",
        required=True,
        index=True,
        readonly=True,
        default=fields.Datetime.now,
    )

    @api.model
    def _client_identifier(self, address):
        """What identifies one client: its IPv4 address, or the /64 network of
        an IPv6 address (one subscriber receives at least a /64 and may use
        any address in it)."""
        try:
            ip = ipaddress.ip_address((address or "").strip())
        except ValueError:
            return address or "unknown"
        if ip.version == 6:
            if ip.ipv4_mapped:
                return str(ip.ipv4_mapped)
            return str(ipaddress.ip_network(f"{ip}/{IPV6_CLIENT_PREFIX}", strict=False))
        return str(ip)

    @api.model
    def _client_key(self, identifier):
        identifier = self._client_identifier(identifier)
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return hmac.new(
            secret.encode(), (identifier or "unknown").encode(), hashlib.sha256
        ).hexdigest()

    @api.model
    def _limits(self, scope, default_attempts=None, default_minutes=None):
        """``(attempts, minutes)`` allowed for ``scope``, from the system parameters."""
        params = self.env["ir.config_parameter"].sudo()
        attempts, minutes = SCOPE_DEFAULTS.get(scope, (10, 15))
        default_attempts = default_attempts or attempts
        default_minutes = default_minutes or minutes

        def read(name, default):
            try:
                value = int(
                    params.get_param(f"nationality_portal.rate_limit.{scope}.{name}", default)
                )
            except (TypeError, ValueError):
                return default
            return value if value > 0 else default

        return read("attempts", default_attempts), read("minutes", default_minutes)

    @api.model
    def _consume(self, scope, identifier, attempts=None, minutes=None):
        """Record one attempt of ``identifier`` at ``scope`` and return True, or
        return False without recording when it already made the number of
        attempts allowed in the window."""
        if self._is_limited(scope, identifier, attempts, minutes):
            return False
        self._record(scope, identifier)
        return True

    @api.model
    def _is_limited(self, scope, identifier, attempts=None, minutes=None):
        """Whether ``identifier`` made the number of attempts allowed at
        ``scope`` in the window (nothing is recorded)."""
        default_attempts, default_minutes = self._limits(scope)
        attempts = attempts or default_attempts
        minutes = minutes or default_minutes
        key = self._client_key(identifier)
        self._serialize(scope, key)
        since = fields.Datetime.now() - timedelta(minutes=minutes)
        # sudo: the attempts table is internal bookkeeping without rights of its own.
        count = self.sudo().search_count(
            [("scope", "=", scope), ("client_key", "=", key), ("attempted_at", ">", since)]
        )
        return count >= attempts

    def init(self):
        result = super().init()
        self.env.cr.execute(
            """
            CREATE TABLE IF NOT EXISTS nationality_rate_limit_bucket (
                scope varchar NOT NULL,
                client_key varchar NOT NULL,
                touched_at timestamp NOT NULL,
                PRIMARY KEY (scope, client_key)
            )
            """
        )
        return result

    @api.model
    def _serialize(self, scope, key):
        """Make the requests of one client (or for one code) at one scope
        take turns, across workers. Every check updates one row per (scope,
        key): a request that began while another was checking then fails to
        serialise (REPEATABLE READ) and Odoo replays it once the other is
        committed, so every count sees the attempts made before it. (A lock
        alone is not enough: the waiting request would still count from the
        snapshot it took before waiting.)"""
        self.env.cr.execute(
            """
            INSERT INTO nationality_rate_limit_bucket (scope, client_key, touched_at)
            VALUES (%s, %s, now() AT TIME ZONE 'UTC')
            ON CONFLICT (scope, client_key) DO UPDATE SET touched_at = EXCLUDED.touched_at
            """,
            [scope, key],
        )

    @api.model
    def _record(self, scope, identifier):
        """Record one attempt of ``identifier`` at ``scope``."""
        # sudo: the attempts table is internal bookkeeping without rights of its own.
        self.sudo().create({"scope": scope, "client_key": self._client_key(identifier)})

    @api.model
    def _retry_after_minutes(self, scope, identifier, minutes=None):
        """Minutes until the oldest attempt in the window expires."""
        minutes = minutes or self._limits(scope)[1]
        key = self._client_key(identifier)
        since = fields.Datetime.now() - timedelta(minutes=minutes)
        oldest = self.sudo().search(
            [("scope", "=", scope), ("client_key", "=", key), ("attempted_at", ">", since)],
            order="attempted_at asc",
            limit=1,
        )
        if not oldest:
            return 0
        left = oldest.attempted_at + timedelta(minutes=minutes) - fields.Datetime.now()
        # Whole minutes, rounded up: right after an attempt (stored to the
        # second) exactly the window is left, never one minute more.
        return max(math.ceil(left.total_seconds() / 60), 1)

    @api.autovacuum
    def _gc_attempts(self):
        limit = fields.Datetime.now() - RETENTION
        self.sudo().search([("attempted_at", "<", limit)]).unlink()
        self.env.cr.execute(
            "DELETE FROM nationality_rate_limit_bucket WHERE touched_at < %s", [limit]
        )
