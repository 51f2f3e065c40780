# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import xmlrpc.client
from datetime import datetime, timedelta

from odoo.tests import tagged

from ..controllers.api import NationalityApi
from .api_common import API, ApiCase

PAYLOAD = {
    "purpose": "Xác minh quốc tịch Việt Nam của công dân xin cấp hộ chiếu",
    "letter_number": "131/ĐSQ-LS",
    "letter_date": "05/03/2026",
    "persons": [
        {
            "full_name": "NGUYEN VAN BINH",
            "birth_date": "15/06/1978",
            "birth_place": "Nam Định",
            "passport_number": "B7654321",
        }
    ],
}
ACCESS_ERROR = 4
USER_ERROR = 2


@tagged("post_install", "-at_install")
class TestIntegratorApi(ApiCase):
    """The integrator API over real XML-RPC and over the bearer JSON routes,
    authenticated with API keys."""

    def test_xmlrpc_submit_status_search(self):
        reference = self.rpc(self.berlin_user, "nationality.lookup.request", "api_submit", PAYLOAD)
        self.assertRegex(reference, r"^TC-\d{4}-\d{6}$")
        request = self.env["nationality.lookup.request"].search([("name", "=", reference)])
        self.assertEqual(request.requester_agency_id, self.mission_berlin)
        self.assertEqual(request.person_ids.passport_number, "B7654321")

        status = self.rpc(self.berlin_user, "nationality.lookup.request", "api_status", reference)
        self.assertEqual(status["state"], "received")
        self.assertEqual(status["reference"], reference)
        self.assertEqual(status["answer_letter_number"], "")

        matches = self.rpc(
            self.berlin_user,
            "nationality.record",
            "api_search",
            {"name": "Van Binh Nguyen", "birth_date": "1978", "birth_place": "Nam Dinh"},
            limit=5,
        )
        self.assertLessEqual(len(matches), 5)
        self.assertEqual(matches[0]["full_name"], "Nguyễn Văn Bình")
        self.assertEqual(matches[0]["decision_number"], "2345/QĐ-CTN")
        self.assertEqual(matches[0]["score"], 100)

    def test_xmlrpc_callers_without_rights(self):
        # An external agency user not allowed to search the registry.
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc(
                self.tokyo_user, "nationality.record", "api_search", {"name": "Nguyen Van Binh"}
            )
        self.assertEqual(caught.exception.faultCode, ACCESS_ERROR)
        # An internal user outside the nationality groups.
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc(
                self.plain_user, "nationality.record", "api_search", {"name": "Nguyen Van Binh"}
            )
        self.assertEqual(caught.exception.faultCode, ACCESS_ERROR)
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc(self.plain_user, "nationality.lookup.request", "api_submit", PAYLOAD)
        self.assertEqual(caught.exception.faultCode, ACCESS_ERROR)
        # An agency reading another agency's request learns nothing about it.
        reference = self.rpc(self.berlin_user, "nationality.lookup.request", "api_submit", PAYLOAD)
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc(self.tokyo_user, "nationality.lookup.request", "api_status", reference)
        self.assertEqual(caught.exception.faultCode, USER_ERROR)
        self.assertIn("is visible to you", caught.exception.faultString)
        # search_read applies the record rules: nothing, rather than an error.
        self.assertFalse(
            self.rpc(
                self.tokyo_user,
                "nationality.lookup.request",
                "search_read",
                [("name", "=", reference)],
                fields=["name"],
            )
        )
        # A bad password or key is refused.
        common = xmlrpc.client.ServerProxy(f"{self.base_url()}/xmlrpc/2/common")
        self.assertFalse(common.authenticate(self.db, self.berlin_user.login, "wrong-key", {}))

    def test_xmlrpc_invalid_payload(self):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc(
                self.berlin_user,
                "nationality.lookup.request",
                "api_submit",
                {
                    "purpose": "x",
                    "persons": [{"full_name": "Lê Văn Tám", "birth_date": "30/02/1990"}],
                },
            )
        self.assertEqual(caught.exception.faultCode, USER_ERROR)
        self.assertIn("Person 1: 30/02/1990 is not a date", caught.exception.faultString)
        self.assertFalse(
            self.env["nationality.lookup.request"].search(
                [("requester_agency_id", "=", self.mission_berlin.id)]
            )
        )

    # ------------------------------------------------------------------
    # Bearer JSON routes
    # ------------------------------------------------------------------
    def test_json_routes(self):
        response = self.call("POST", "/api/nationality/v1/lookups", self.berlin_user, PAYLOAD)
        self.assertEqual(response.status_code, 201, response.text)
        reference = response.json()["reference"]

        response = self.call("GET", f"/api/nationality/v1/lookups/{reference}", self.berlin_user)
        self.assertEqual(response.status_code, 200)
        status = response.json()
        self.assertEqual((status["reference"], status["state"]), (reference, "received"))
        self.assertEqual(status["persons"][0]["full_name"], "NGUYEN VAN BINH")

        response = self.call(
            "POST",
            "/api/nationality/v1/records/search",
            self.berlin_user,
            {"criteria": {"name": "Nguyễn Văn Bìnhh", "birth_date": "15/06/1978"}, "limit": 3},
        )
        self.assertEqual(response.status_code, 200)
        match = response.json()["matches"][0]
        self.assertEqual(match["full_name"], "Nguyễn Văn Bình")
        self.assertIn("one typo in the name", match["reason"])

    def test_json_answers_in_the_language_asked_else_the_users(self):
        search = "/api/nationality/v1/records/search"
        payload = {"criteria": {"name": "Nguyễn Văn Bìnhh", "birth_date": "15/06/1978"}}

        def reason(**headers):
            response = self.call("POST", search, self.berlin_user, payload, headers=headers)
            self.assertEqual(response.status_code, 200, response.text)
            return response.json()["matches"][0]["reason"]

        self.assertIn("họ tên sai một ký tự", reason(**{"Accept-Language": "vi-VN,vi;q=0.9"}))
        self.assertIn("họ tên sai một ký tự", reason(**{"Accept-Language": "fr-FR, vi;q=0.5"}))
        self.assertIn("one typo in the name", reason(**{"Accept-Language": "en-GB"}))
        # Nothing asked, or only languages not installed: the user's own.
        self.assertIn("one typo in the name", reason())
        self.berlin_user.lang = "vi_VN"
        self.assertIn("họ tên sai một ký tự", reason())
        self.assertIn("họ tên sai một ký tự", reason(**{"Accept-Language": "de-DE, *;q=0.1"}))
        # Messages of refusals too.
        response = self.call(
            "POST",
            search,
            self.berlin_user,
            {"criteria": {"birth_date": "1978"}},
            headers={"Accept-Language": "en"},
        )
        self.assertEqual(response.status_code, 400)
        english = response.json()["error"]["message"]
        response = self.call(
            "POST",
            search,
            self.berlin_user,
            {"criteria": {"birth_date": "1978"}},
            headers={"Accept-Language": "vi"},
        )
        self.assertNotEqual(response.json()["error"]["message"], english)

    def test_json_errors(self):
        reference = self.call(
            "POST", "/api/nationality/v1/lookups", self.berlin_user, PAYLOAD
        ).json()["reference"]
        cases = [
            # No key, a wrong key.
            ("GET", f"/api/nationality/v1/lookups/{reference}", None, None, None, 401),
            ("GET", f"/api/nationality/v1/lookups/{reference}", None, "nope", None, 401),
            # Another agency's request is not found for it.
            ("GET", f"/api/nationality/v1/lookups/{reference}", self.tokyo_user, None, None, 404),
            (
                "GET",
                "/api/nationality/v1/lookups/TC-1999-000001",
                self.berlin_user,
                None,
                None,
                404,
            ),
            # No right to search the registry.
            (
                "POST",
                "/api/nationality/v1/records/search",
                self.tokyo_user,
                None,
                {"criteria": {"name": "Nguyen Van Binh"}},
                403,
            ),
            (
                "POST",
                "/api/nationality/v1/lookups",
                self.plain_user,
                None,
                PAYLOAD,
                403,
            ),
            # Bad payloads.
            ("POST", "/api/nationality/v1/lookups", self.berlin_user, None, "{not json", 400),
            ("POST", "/api/nationality/v1/lookups", self.berlin_user, None, [1, 2], 400),
            ("POST", "/api/nationality/v1/lookups", self.berlin_user, None, {"purpose": "x"}, 400),
            (
                "POST",
                "/api/nationality/v1/records/search",
                self.berlin_user,
                None,
                {"criteria": {"name": "Nguyen"}, "page": 2},
                400,
            ),
            (
                "POST",
                "/api/nationality/v1/records/search",
                self.berlin_user,
                None,
                {"criteria": {"birth_date": "1978"}},
                400,
            ),
            (
                "POST",
                "/api/nationality/v1/records/search",
                self.berlin_user,
                None,
                {"criteria": {"name": "Nguyen Van Binh"}, "limit": "many"},
                400,
            ),
        ]
        for method, path, user, token, body, expected in cases:
            raw = body if isinstance(body, str) else None
            response = self.call(
                method, path, user=user, body=None if raw else body, token=token, raw=raw
            )
            self.assertEqual(response.status_code, expected, (path, body, response.text))
            self.assertIn("message", response.json()["error"])
        # Failed calls leave nothing behind.
        self.assertEqual(
            self.env["nationality.lookup.request"].search_count(
                [("requester_agency_id", "=", self.mission_berlin.id)]
            ),
            1,
        )

    # ------------------------------------------------------------------
    # Answers, the registry and authentication (adversarial test findings)
    # ------------------------------------------------------------------
    def answered_request(self):
        reference = self.rpc(self.berlin_user, "nationality.lookup.request", "api_submit", PAYLOAD)
        request = self.env["nationality.lookup.request"].search([("name", "=", reference)])
        as_cuc = self.as_user(request, self.cuc_officer)
        as_cuc.action_start()
        self.as_user(request.person_ids, self.cuc_officer).write({"result": "no_record"})
        as_cuc.action_send_answer()
        self.env.flush_all()
        self.env.invalidate_all()
        return request

    def test_answered_request_is_read_by_its_requester(self):
        request = self.answered_request()
        status = self.rpc(
            self.berlin_user, "nationality.lookup.request", "api_status", request.name
        )
        self.assertEqual(status["state"], "answered")
        self.assertEqual([person["result"] for person in status["persons"]], ["no_record"])
        self.assertEqual(status["answer_letter_number"], request.answer_letter_number)
        rows = self.rpc(
            self.berlin_user,
            "nationality.lookup.person",
            "search_read",
            [("request_id", "=", request.id)],
            fields=["full_name", "result_published"],
        )
        self.assertEqual([row["result_published"] for row in rows], ["no_record"])
        response = self.call("GET", f"{API}/lookups/{request.name}", self.berlin_user)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["persons"][0]["result"], "no_record")

    def test_requester_cannot_answer_its_own_request_over_xmlrpc(self):
        reference = self.rpc(self.berlin_user, "nationality.lookup.request", "api_submit", PAYLOAD)
        request = self.env["nationality.lookup.request"].search([("name", "=", reference)])
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc(
                self.berlin_user,
                "nationality.lookup.request",
                "write",
                request.ids,
                {"state": "answered", "answer_date": "2026-12-01", "answer_letter_number": "1/X"},
            )
        self.assertEqual(caught.exception.faultCode, ACCESS_ERROR)
        status = self.rpc(self.berlin_user, "nationality.lookup.request", "api_status", reference)
        self.assertEqual((status["state"], status["answer_letter_number"]), ("received", ""))

    def test_registry_is_read_through_the_search_only(self):
        for user in (self.berlin_user, self.plain_user):
            with self.assertRaises(xmlrpc.client.Fault) as caught:
                self.rpc(
                    user,
                    "nationality.record",
                    "search_read",
                    [],
                    fields=["full_name", "id_number", "passport_number"],
                    limit=5000,
                )
            self.assertEqual(caught.exception.faultCode, ACCESS_ERROR, user.login)
        # The search keeps its limits.
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc(self.berlin_user, "nationality.record", "api_search", {"name": "N"}, limit=5)
        self.assertEqual(caught.exception.faultCode, USER_ERROR)
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc(
                self.berlin_user, "nationality.record", "api_search", {"name": "Ng"}, limit=5000
            )
        self.assertEqual(caught.exception.faultCode, USER_ERROR)

    def test_invisible_characters_are_refused_in_names(self):
        for char in ("\u200b", "\u200f", "\ufeff", "\u2060"):
            payload = dict(
                PAYLOAD, persons=[{"full_name": f"Nguyễn{char}Văn A", "birth_date": "1978"}]
            )
            response = self.call("POST", f"{API}/lookups", self.berlin_user, payload)
            self.assertEqual(response.status_code, 400, (repr(char), response.text))
            self.assertEqual(response.json()["error"]["code"], "invalid")
            with self.assertRaises(xmlrpc.client.Fault, msg=repr(char)) as caught:
                self.rpc(self.berlin_user, "nationality.lookup.request", "api_submit", payload)
            self.assertEqual(caught.exception.faultCode, USER_ERROR)
        self.assertFalse(
            self.env["nationality.lookup.request"].search(
                [("requester_agency_id", "=", self.mission_berlin.id)]
            )
        )

    def test_authentication_errors_are_json(self):
        expired = (
            self.env["res.users.apikeys"]
            .with_user(self.berlin_user)
            ._generate(None, "expired", datetime.now() + timedelta(hours=1))
        )
        # Expired a day ago: the database compares with now(), the start of the
        # transaction, which a test case keeps open for its whole class.
        self.env["res.users.apikeys"].sudo().search(
            [("user_id", "=", self.berlin_user.id), ("name", "=", "expired")]
        ).expiration_date = datetime.now() - timedelta(days=1)
        self.env.flush_all()
        for method, path in (
            ("GET", f"{API}/lookups/TC-2026-000001"),
            ("POST", f"{API}/lookups"),
            ("POST", f"{API}/records/search"),
        ):
            key = self.keys[self.berlin_user]
            altered = key[:-1] + ("x" if key[-1] != "x" else "y")
            for token in (None, "nope", expired, altered):
                with self.subTest(path=path, token=token):
                    response = self.call(method, path, token=token, body={})
                    self.assertEqual(response.status_code, 401, response.text)
                    self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
                    self.assertIn("Bearer", response.headers.get("WWW-Authenticate", ""))
                    self.assertEqual(response.json()["error"]["code"], "unauthorized")
        # A browser session is no key: the API wants the bearer token.
        self.authenticate(self.berlin_user.login, self.berlin_user.login)
        response = self.url_open(f"{API}/lookups/TC-2026-000001")
        self.assertEqual(response.status_code, 401)
        # A valid key still works.
        response = self.call("GET", f"{API}/lookups/TC-2026-000001", self.berlin_user)
        self.assertEqual(response.status_code, 404)

    def test_json_routes_use_odoo_bearer_authentication(self):
        routes = {
            name: method.original_routing
            for name, method in vars(NationalityApi).items()
            if hasattr(method, "original_routing")
        }
        # The three calls, and the JSON answer for any other path or method.
        self.assertEqual(
            set(routes), {"submit_lookup", "lookup_status", "search_records", "elsewhere"}
        )
        for name in ("submit_lookup", "lookup_status", "search_records"):
            with self.subTest(route=name):
                self.assertEqual(routes[name]["auth"], "bearer")
                self.assertTrue(routes[name]["nationality_api"])
        for path in (f"{API}/nothing", f"{API}/lookups/TC-2026-000001/more"):
            response = self.call("GET", path, self.berlin_user)
            self.assertEqual(response.status_code, 404)
            self.assertEqual(response.json()["error"]["code"], "not_found")
        # A key sent beside another user's browser session is refused, as
        # Odoo's bearer check does; beside its own user's session it works.
        reference = self.call("POST", f"{API}/lookups", self.berlin_user, PAYLOAD).json()[
            "reference"
        ]
        self.authenticate(self.tokyo_user.login, self.tokyo_user.login)
        response = self.call("GET", f"{API}/lookups/{reference}", self.berlin_user)
        self.assertEqual(response.status_code, 401, response.text)
        self.assertEqual(response.json()["error"]["code"], "unauthorized")
        self.authenticate(self.berlin_user.login, self.berlin_user.login)
        response = self.call("GET", f"{API}/lookups/{reference}", self.berlin_user)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["reference"], reference)
