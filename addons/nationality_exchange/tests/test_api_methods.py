# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Methods a route of the integrator API does not take: refused, in JSON."""

import json

from odoo.tests import tagged

from .api_common import API, ApiCase
from .test_integrator_api import PAYLOAD


@tagged("post_install", "-at_install")
class TestApiMethods(ApiCase):
    def _lookups_of_berlin(self):
        return self.env["nationality.lookup.request"].search_count(
            [("requester_agency_id", "=", self.mission_berlin.id)]
        )

    def test_options_with_a_key_does_not_submit_a_lookup(self):
        """Odoo lets OPTIONS reach every route (for CORS preflights): with a
        key and a body, it must not run the POST route and submit a lookup."""
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
        """A GET on a POST-only route gets a JSON 405, like every answer of the API."""
        response = self.call("GET", f"{API}/lookups", self.berlin_user)
        self.assertEqual(response.status_code, 405)
        self.assertTrue(
            response.headers["Content-Type"].startswith("application/json"),
            response.headers["Content-Type"],
        )
