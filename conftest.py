"""Project-wide pytest hooks.

A skipped test hides a failure (no browser, no --odoo-http, a missing
dependency): every skip is reported as a failure, and its reason is kept."""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"Skipped tests fail this suite: {reason}"
