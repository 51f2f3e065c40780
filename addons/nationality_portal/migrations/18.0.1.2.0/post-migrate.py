# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: visitors see the privacy notices that took effect on Vietnam's
day. The rule is kept on upgrades (noupdate), so its domain is replaced here."""

from odoo import SUPERUSER_ID, api

PUBLISHED_NOTICES_DOMAIN = "[('active', '=', True), ('is_effective', '=', True)]"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("nationality_portal.rule_privacy_notice_published", raise_if_not_found=False)
    if rule:
        rule.domain_force = PUBLISHED_NOTICES_DOMAIN
