# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def user_language_env(env):
    """``env`` in the language of its user when its context names none.

    An XML-RPC call or an API request carries no language: ``env._`` would
    then answer a Vietnamese officer in English, while Odoo's ``_()`` falls
    back to the user's language. Messages built outside a model method (no
    ``self`` for ``_()`` to find) translate with ``user_language_env(env)._``."""
    if env.lang:
        return env
    return env(context=dict(env.context, lang=env.user.lang or "en_US"))
