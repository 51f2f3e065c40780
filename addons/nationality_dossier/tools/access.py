# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID


def user_rights_env(env):
    """The environment in which the user behind ``env`` acts with their own
    rights, even where ``env`` runs as superuser (``sudo()``, many-to-one
    names, related fields), or None for the system itself (data files,
    scheduled actions run as root), which holds every right."""
    if env.uid == SUPERUSER_ID:
        return None
    return env(su=False)
