# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The bearer routes of the integrator API, attacked over HTTP (adversarial
test findings)."""

import json

from odoo.tests import tagged

from .api_common import API, ApiCase
from .test_integrator_api import PAYLOAD


@tagged("post_install", "-at_install")
class TestBearerRoutesBreak(ApiCase):
    def _lookups_of_berlin(self):
        return self.env["nationality.lookup.request"].search_count(
            [("requester_agency_id", "=", self.mission_berlin.id)]
        )

    def test_options_with_a_key_does_not_submit_a_lookup(self):
        """Odoo adds OPTIONS to every route's methods (for CORS preflights) and,
        on a route without ``cors``, runs the route itself: an OPTIONS request
        with a key and a body submits a lookup request, although the route is
        declared POST only."""
        before = self._lookups_of_berlin()
        response = self.opener.options(
            self.base_url() + f"{API}/lookups",
            data=json.dumps(PAYLOAD),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.keys[self.berlin_user]}",
            },
            timeout=30,
        )
        self.assertEqual(self._lookups_of_berlin(), before, response.text)
        self.assertNotEqual(response.status_code, 201, response.text)

    def test_a_method_the_route_does_not_take_is_answered_in_json(self):
        """'Every answer is JSON' (controllers/api.py): a GET on the POST-only
        route is answered by werkzeug's HTML 405 page."""
        response = self.call("GET", f"{API}/lookups", self.berlin_user)
        self.assertEqual(response.status_code, 405)
        self.assertTrue(
            response.headers["Content-Type"].startswith("application/json"),
            response.headers["Content-Type"],
        )
