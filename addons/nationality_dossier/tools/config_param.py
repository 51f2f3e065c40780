# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reading the addons' settings kept as system parameters."""


def int_param(env, key, default, minimum=0, maximum=None):
    """The whole number held by the system parameter ``key``, brought within
    ``minimum`` and ``maximum`` (None: no maximum); ``default`` when the
    parameter is missing or not a whole number."""
    # sudo: the addons read their own settings, whoever the user is.
    value = env["ir.config_parameter"].sudo().get_param(key, str(default))
    try:
        number = max(int(value), minimum)
    except ValueError:
        return default
    return number if maximum is None else min(number, maximum)
