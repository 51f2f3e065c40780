# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings of the property-based tests (hypothesis) of the addons."""

from hypothesis import HealthCheck, settings


def fuzz_settings(max_examples, *suppressed):
    """At most ``max_examples`` examples, derandomized and without an example
    database, so that the suite stays fast and stable in CI and writes nothing
    in the repository. The health checks that do not fit Odoo's test cases
    (function-scoped fixtures, slow examples on a real database, large data)
    are suppressed, with ``suppressed``."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            *suppressed,
        ],
    )
