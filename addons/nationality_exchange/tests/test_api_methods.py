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

    def test_the_root_of_the_api_is_answered_in_json(self):
        """/api/nationality/v1 and /api/nationality/v1/ are paths of the API
        too: a JSON 404 at once, never a redirect to the website's HTML page."""
        for path in (API, f"{API}/"):
            for user in (None, self.berlin_user):
                with self.subTest(path=path, key=bool(user)):
                    response = self.call("GET", path, user)
                    self.assertEqual(response.status_code, 404)
                    self.assertFalse(response.history, response.url)
                    self.assertTrue(
                        response.headers["Content-Type"].startswith("application/json"),
                        response.headers["Content-Type"],
                    )
                    self.assertEqual(response.json()["error"]["code"], "not_found")
