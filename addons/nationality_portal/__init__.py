from . import controllers
from . import models


def uninstall_hook(env):
    """Drop the rate-limit buckets, a table of their own (see
    nationality.rate.limit._serialize): Odoo drops only the tables of models."""
    env.cr.execute("DROP TABLE IF EXISTS nationality_rate_limit_bucket")
