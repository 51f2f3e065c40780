# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Property-based tests: random and hostile payloads thrown at the
integrator API over real XML-RPC and over the bearer JSON routes. Whatever is
sent, XML-RPC answers a result or a fault carrying a validation or access
message (never a traceback), the JSON routes answer 2xx or a 4xx with a JSON
error (never 500), and nothing is half saved: a refused call leaves the
requests, persons and access log as they were, an accepted one creates one
complete request."""

import json
import unicodedata
import xmlrpc.client
from urllib.parse import quote

from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from odoo.addons.nationality_dossier.tests.fuzz import fuzz_settings
from odoo.tests import tagged

from ..models.nationality_lookup_person import PAYLOAD_KEYS
from ..models.nationality_lookup_request import API_SUBMIT_KEYS
from ..models.nationality_record import SEARCH_CRITERIA
from .api_common import API, ApiCase

FUZZ = fuzz_settings(50, HealthCheck.filter_too_much)
# Faults of a clean refusal: 2 = UserError/ValidationError/MissingError, 4 = AccessError.
CLEAN_FAULTS = {2, 4}
CLEAN_STATUSES = {200, 201, 400, 403, 404, 413, 422}

NAMES = [
    "Nguyễn Văn Bình",
    unicodedata.normalize("NFD", "Nguyễn Văn Bình"),
    # Mixed: the first word decomposed, the rest composed.
    unicodedata.normalize("NFD", "Nguyễn") + " Thị Thu Hương",
    "NGUYỄN THỊ THU HƯƠNG",
    "Lê Minh Tuấn",
    "Kim Min-jun",
    "Đặng Ngọc Ân",
]
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</td></tr></table><iframe src=//evil>",
    '=HYPERLINK("http://evil.example","Mở")',
    "+cmd|' /C calc'!A0",
    "{{7*7}} ${7*7} %(name)s %s",
    "' OR 1=1 --",
    "'; DROP TABLE nationality_record; --",
    "\u202egnp.exe",
    "Nguy\u200bễn",
    "\ufeffLê",
    "../../etc/passwd",
    "]]><!ENTITY x SYSTEM 'file:///etc/passwd'>",
    "Nguyễn\x00Văn Bình",
    "\x00",
    "Lê\ud800Minh",
    "\udfff",
    "Trần\x1b[31m",
    "Hà Nội\x7f",
    "\u0301\u0301",
    "TC-2026-000001",
    "tc-2026-000001 ",
    "1978",
    "15/06/1978",
    "31/02/1990",
    "1/99999999999999999999/1980",
    "0000",
    "B7654321",
    "036078004321",
    "male",
    "nữ",
    "DE",
    "%",
    "_",
    " ",
    "",
]
# Characters XML 1.0 cannot carry (XML-RPC cannot send them at all).
XML_INVALID = {*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF}


def xml_safe(text):
    return "".join(
        char for char in text if ord(char) not in XML_INVALID and not 0xD800 <= ord(char) <= 0xDFFF
    )


# The classes of text that break naive code: NUL (PostgreSQL refuses it),
# lone surrogates (not encodable), escape sequences and bidirectional
# overrides, decomposed Vietnamese, markup, formulas, sizes far over the limits.
DANGEROUS = [
    "Nguyễn\x00Văn Bình",
    "\x00",
    "Lê\ud800Minh Tuấn",
    "\udfff",
    "Trần\x1b[2J",
    "\u202eHà Nội",
    unicodedata.normalize("NFD", "Đặng Thị Ngọc Ánh"),
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil.example")',
    "Nguyễn " * 10000,
]
texts = st.one_of(
    st.sampled_from(DANGEROUS),
    st.sampled_from(NAMES),
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    # Control characters, bidirectional overrides, combining marks alone.
    st.text(
        alphabet=st.sampled_from(
            ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u0301", "a"]
        ),
        min_size=1,
        max_size=8,
    ),
    # Very long texts.
    st.sampled_from([201, 260, 2001, 70000]).map(lambda size: ("Nguyễn " * size)[:size]),
)
scalars = st.one_of(
    texts,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**31), max_value=2**31 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.sampled_from(["full_name", "x", "0", ""]), children, max_size=3),
    ),
    max_leaves=6,
)
# What a field receives: most often a hostile text, else any value.
fields_ = st.one_of(texts, texts, scalars, values)

# Valid payloads that the strategies below spoil in one or two places, so that
# hostile values reach every step of the validation and the saving, not only
# the first check of a payload that is wrong everywhere.
VALID_PERSON = {
    "full_name": "Nguyễn Thị Thu Hương",
    "gender": "female",
    "birth_date": "14/02/1985",
    "birth_place": "Hà Nội",
    "id_number": "001185012345",
    "passport_number": "C2345678",
    "nationality": "DE",
    "note": "Đã định cư tại Berlin từ năm 2005",
}
VALID_SUBMIT = {
    "purpose": "Xác minh quốc tịch Việt Nam để cấp hộ chiếu",
    "legal_basis": "Điều 11 Nghị định 16/2020/NĐ-CP",
    "contact": "Phạm Thu Trang, +49 30 229 8198",
    "letter_number": "131/ĐSQ-LS",
    "letter_date": "05/03/2025",
    "persons": [VALID_PERSON, {"full_name": "Lê Minh Tuấn", "birth_date": "1979"}],
}
VALID_CRITERIA = {
    "name": "Nguyen Van Binh",
    "birth_date": "15/06/1978",
    "birth_year": 1978,
    "birth_place": "Nam Định",
    "gender": "male",
    "id_number": "036078004321",
    "passport_number": "B7654321",
    "decision_number": "2345/QĐ-CTN",
    "event_type": "renunciation",
    "purpose": "Xác minh quốc tịch",
}


@st.composite
def spoiled(draw, valid, paths):
    """``valid`` (a dict) with one or two values at ``paths`` replaced by a
    hostile value, removed, or added under an unknown key."""
    payload = json.loads(json.dumps(valid))
    for _index in range(draw(st.integers(min_value=1, max_value=2))):
        path = draw(st.sampled_from(paths))
        *parents, key = path
        target = payload
        for parent in parents:
            target = target[parent] if isinstance(target, dict | list) else None
            if not isinstance(target, dict | list):
                break
        if not isinstance(target, dict) and not (isinstance(target, list) and key == 0):
            continue
        if isinstance(target, dict) and draw(st.integers(min_value=0, max_value=5)) == 0:
            target.pop(key, None)
        else:
            target[key] = draw(fields_)
    return payload


SUBMIT_PATHS = [
    *((key,) for key in (*API_SUBMIT_KEYS, "callback_url")),
    ("persons", 0),
    *(("persons", 0, key) for key in (*PAYLOAD_KEYS, "unknown_key")),
    *(("persons", 1, key) for key in ("full_name", "birth_date")),
]
submit_payloads = st.one_of(
    spoiled(VALID_SUBMIT, SUBMIT_PATHS),
    st.fixed_dictionaries(
        {"purpose": fields_, "persons": st.lists(fields_, max_size=3)},
        optional={key: fields_ for key in API_SUBMIT_KEYS if key not in ("persons", "purpose")},
    ),
    values,
)
criteria = st.one_of(
    spoiled(VALID_CRITERIA, [(key,) for key in (*SEARCH_CRITERIA, "purpose", "page")]),
    st.fixed_dictionaries({}, optional={key: fields_ for key in SEARCH_CRITERIA}),
    values,
)
limits = st.one_of(st.integers(min_value=-5, max_value=200), fields_)


def xmlrpc_safe(value):
    """``value`` as XML-RPC can carry it: texts without the characters XML
    forbids, integers within 32 bits (the client refuses bigger ones)."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {xml_safe(key): xmlrpc_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [xmlrpc_safe(item) for item in value]
    return value


@tagged("post_install", "-at_install")
class TestApiRobustness(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reference = (
            cls.env["nationality.lookup.request"]
            .with_user(cls.berlin_user)
            .api_submit(
                {
                    "purpose": "Xác minh quốc tịch",
                    "persons": [{"full_name": "Lê Minh Tuấn", "birth_date": "1979"}],
                }
            )
        )

    def counts(self):
        self.env.flush_all()
        self.env.invalidate_all()
        return {
            model: self.env[model].sudo().with_context(active_test=False).search_count([])
            for model in (
                "nationality.lookup.request",
                "nationality.lookup.person",
                "nationality.letter",
                "nationality.record",
                "nationality.access.log",
            )
        }

    def assert_clean_fault(self, fault, before):
        self.assertIn(fault.faultCode, CLEAN_FAULTS, fault.faultString)
        self.assertNotIn("Traceback", fault.faultString)
        self.assertEqual(self.counts(), before, "a refused call left records behind")

    def assert_clean_json(self, response, before):
        self.assertIn(response.status_code, CLEAN_STATUSES, response.text[:2000])
        body = response.json()
        if response.status_code >= 400:
            self.assertTrue(body["error"]["code"])
            self.assertIsInstance(body["error"]["message"], str)
            self.assertEqual(self.counts(), before, "a refused call left records behind")
        return body

    def assert_request_complete(self, reference, payload, before):
        """An accepted request: one request with all its persons, in NFC."""
        after = self.counts()
        request = self.env["nationality.lookup.request"].search([("name", "=", reference)])
        self.assertEqual(len(request), 1)
        persons = request.person_ids
        self.assertEqual(len(persons), len(payload["persons"]))
        self.assertEqual(
            after["nationality.lookup.request"], before["nationality.lookup.request"] + 1
        )
        self.assertEqual(
            after["nationality.lookup.person"], before["nationality.lookup.person"] + len(persons)
        )
        self.assertEqual(request.channel, "api")
        self.assertEqual(request.requester_agency_id, self.mission_berlin)
        for text in (request.purpose, *persons.mapped("full_name"), *persons.mapped("birth_place")):
            if text:
                self.assertTrue(unicodedata.is_normalized("NFC", text), text)

    def assert_search_logged(self, matches, before):
        after = self.counts()
        self.assertEqual(
            after["nationality.access.log"], before["nationality.access.log"] + 1, matches
        )
        for match in matches:
            self.assertTrue(0 <= match["score"] <= 100)
            self.assertTrue(match["full_name"])

    # ------------------------------------------------------------------
    # XML-RPC
    # ------------------------------------------------------------------
    @FUZZ
    @given(payload=submit_payloads)
    def test_xmlrpc_submit(self, payload):
        payload = xmlrpc_safe(payload)
        before = self.counts()
        try:
            reference = self.rpc(
                self.berlin_user, "nationality.lookup.request", "api_submit", payload
            )
        except xmlrpc.client.Fault as fault:
            self.assert_clean_fault(fault, before)
        else:
            self.assert_request_complete(reference, payload, before)

    @FUZZ
    @given(reference=fields_)
    def test_xmlrpc_status(self, reference):
        before = self.counts()
        for candidate in (xmlrpc_safe(reference), self.reference):
            try:
                status = self.rpc(
                    self.berlin_user, "nationality.lookup.request", "api_status", candidate
                )
            except xmlrpc.client.Fault as fault:
                self.assert_clean_fault(fault, before)
            else:
                self.assertEqual(status["reference"], self.reference)

    @FUZZ
    @given(criteria=criteria, limit=limits)
    def test_xmlrpc_search(self, criteria, limit):
        criteria, limit = xmlrpc_safe(criteria), xmlrpc_safe(limit)
        before = self.counts()
        try:
            matches = self.rpc(
                self.berlin_user, "nationality.record", "api_search", criteria, limit=limit
            )
        except xmlrpc.client.Fault as fault:
            self.assert_clean_fault(fault, before)
        else:
            self.assert_search_logged(matches, before)

    # ------------------------------------------------------------------
    # Bearer JSON routes
    # ------------------------------------------------------------------
    @FUZZ
    @given(payload=submit_payloads)
    def test_json_submit(self, payload):
        before = self.counts()
        response = self.call("POST", f"{API}/lookups", self.berlin_user, payload)
        body = self.assert_clean_json(response, before)
        if response.status_code == 201:
            self.assert_request_complete(body["reference"], payload, before)

    @FUZZ
    # A reference is a path segment: not empty, without '/', and short
    # enough for a request line (HTTP servers refuse lines over 64 KB).
    @given(
        reference=texts.filter(
            lambda text: text.strip(" /.") and "/" not in text and len(text) < 2000
        )
    )
    def test_json_status(self, reference):
        before = self.counts()
        path = f"{API}/lookups/{quote(reference, safe='', errors='surrogatepass')}"
        body = self.assert_clean_json(self.call("GET", path, self.berlin_user), before)
        if "reference" in body:
            self.assertEqual(body["reference"], self.reference)

    @FUZZ
    @given(criteria=criteria, limit=limits)
    def test_json_search(self, criteria, limit):
        before = self.counts()
        response = self.call(
            "POST",
            f"{API}/records/search",
            self.berlin_user,
            {"criteria": criteria, "limit": limit},
        )
        body = self.assert_clean_json(response, before)
        if response.status_code == 200:
            self.assert_search_logged(body["matches"], before)

    @FUZZ
    @given(
        raw=st.one_of(
            st.binary(max_size=200),
            st.sampled_from(
                [
                    b"[" * 100000,
                    b'{"criteria": ' * 50000,
                    b'{"criteria": {"name": "Nguy\xe1\xbb\x85n"}, "limit": 1e999}',
                    b'{"criteria": {"name": "Nguyen Van Binh"}, "limit": -Infinity}',
                    b'{"criteria": {"name": "Nguyen"}, "limit": 1' + b"0" * 5000 + b"}",
                    b'{"purpose": "x", "persons": [{"full_name": "\\ud800"}]}',
                    b'{"criteria": {"name": "\\u0000Nguyen"}}',
                    '{"criteria": {"name": "Nguyễn"}}'.encode("utf-16"),
                    b"\xef\xbb\xbf{}",
                ]
            ),
        ),
        path=st.sampled_from(["/lookups", "/records/search"]),
    )
    def test_json_raw_bodies(self, raw, path):
        before = self.counts()
        response = self.call("POST", f"{API}{path}", self.berlin_user, raw=raw)
        body = self.assert_clean_json(response, before)
        if response.status_code < 400:
            self.assertIsInstance(body, dict)


@tagged("post_install", "-at_install")
class TestApiRegressions(ApiCase):
    """Each crash the property tests and the review of the API found, kept as
    a plain test: the answer is now a clean refusal and nothing is saved."""

    PAYLOAD = {
        "purpose": "Xác minh quốc tịch Việt Nam để cấp hộ chiếu",
        "persons": [{"full_name": "Lê Minh Tuấn", "birth_date": "1979"}],
    }

    def requests(self):
        return self.env["nationality.lookup.request"].search_count([])

    def payload(self, person=None, **values):
        payload = json.loads(json.dumps(self.PAYLOAD))
        payload["persons"][0].update(person or {})
        payload.update(values)
        return payload

    def assert_json_refused(self, response, status, message):
        self.assertEqual(response.status_code, status, response.text[:500])
        self.assertIn(message, response.json()["error"]["message"])

    def assert_fault(self, call, code, message):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            call()
        self.assertEqual(caught.exception.faultCode, code, caught.exception.faultString)
        self.assertIn(message, caught.exception.faultString)
        self.assertNotIn("Traceback", caught.exception.faultString)

    def test_json_bodies_that_crashed_the_server(self):
        before = self.requests()
        submit = f"{API}/lookups"
        search = f"{API}/records/search"
        # Arrays nested 100 000 deep: RecursionError in the JSON parser.
        self.assert_json_refused(
            self.call("POST", submit, self.berlin_user, raw=b"[" * 100000), 400, "not valid JSON"
        )
        # NUL, which PostgreSQL cannot store, in the purpose and in a name.
        self.assert_json_refused(
            self.call("POST", submit, self.berlin_user, self.payload(purpose="Xác minh\x00")),
            400,
            "purpose contains control or invisible formatting characters",
        )
        self.assert_json_refused(
            self.call("POST", submit, self.berlin_user, self.payload({"note": "a\x00b"})),
            400,
            "Person 1: note contains control",
        )
        # A lone surrogate: not encodable in UTF-8, nor in the error message.
        self.assert_json_refused(
            self.call("POST", submit, self.berlin_user, self.payload({"full_name": "Lê\ud800"})),
            400,
            "Person 1: full_name contains control",
        )
        response = self.call(
            "POST", search, self.berlin_user, {"criteria": {"name": "Le"}, "\udfff": 1}
        )
        self.assert_json_refused(response, 400, "Unknown fields: \ufffd")
        # NUL in the reference of the URL.
        self.assert_json_refused(
            self.call("GET", f"{API}/lookups/TC-2026%00", self.berlin_user),
            400,
            "reference contains control",
        )
        # NUL in a search criterion; an infinite limit.
        self.assert_json_refused(
            self.call("POST", search, self.berlin_user, {"criteria": {"name": "\x00Nguyen"}}),
            400,
            "name contains control",
        )
        self.assert_json_refused(
            self.call(
                "POST",
                search,
                self.berlin_user,
                raw=b'{"criteria": {"name": "Nguyen Van Binh"}, "limit": Infinity}',
            ),
            400,
            "The limit must be a number between 1 and 100",
        )
        self.assertEqual(self.requests(), before)

    def test_xmlrpc_calls_that_crashed_or_saved_garbage(self):
        before = self.requests()

        def submit(payload):
            return lambda: self.rpc(
                self.berlin_user, "nationality.lookup.request", "api_submit", payload
            )

        # A month of twenty digits: OverflowError in the date parser.
        self.assert_fault(
            submit(self.payload({"birth_date": "1/99999999999999999999/1980"})),
            2,
            "Person 1: 1/99999999999999999999/1980 is not a date",
        )
        self.assert_fault(
            lambda: self.rpc(
                self.berlin_user,
                "nationality.record",
                "api_search",
                {"name": "Nguyen Van Binh", "birth_date": "99999999999999999999/1980"},
            ),
            2,
            "is not a date",
        )
        # Missing arguments: a TypeError of the call.
        self.assert_fault(
            lambda: self.rpc(self.berlin_user, "nationality.record", "api_search"),
            2,
            "must be a dictionary",
        )
        self.assert_fault(
            lambda: self.rpc(self.berlin_user, "nationality.lookup.request", "api_status"),
            2,
            "Give the reference of the request",
        )
        # Values that used to be stored as they came.
        self.assert_fault(submit(self.payload(letter_number=["131", "ĐSQ"])), 2, "letter_number")
        self.assert_fault(
            submit(self.payload({"birth_place": "Hà Nội " * 20000})),
            2,
            "Person 1: birth_place is too long",
        )
        self.assert_fault(
            submit(self.payload({"full_name": "Lê Minh\u202e Tuấn"})),
            2,
            "full_name contains control",
        )
        self.assert_fault(submit(self.payload(contact="Trang\x9b")), 2, "contact contains control")
        # "%" matched the first country of the list.
        self.assert_fault(submit(self.payload({"nationality": "%"})), 2, "Unknown country %")
        self.assertEqual(self.requests(), before)

    def test_internal_methods_are_not_callable_over_rpc(self):
        imports = self.env["nationality.record.import"].search_count([])
        # A Ministry officer could read files of the server through the
        # register importer's path argument.
        self.assert_fault(
            lambda: self.rpc(
                self.cuc_officer, "nationality.record.import", "import_path", "/etc/passwd"
            ),
            4,
            "cannot be called remotely",
        )
        self.assert_fault(
            lambda: self.rpc(
                self.cuc_officer,
                "nationality.record.import",
                "import_rows",
                [[1, ["full_name"]]],
                "x.csv",
            ),
            4,
            "cannot be called remotely",
        )
        self.assert_fault(
            lambda: self.rpc(
                self.berlin_user, "nationality.record", "registry_search", {"name": "Le Duc Dat"}
            ),
            4,
            "cannot be called remotely",
        )
        # The file importer takes bytes only.
        self.assert_fault(
            lambda: self.rpc(
                self.cuc_officer, "nationality.record.import", "import_file", "/etc/passwd", "x"
            ),
            2,
            "Send the file as bytes",
        )
        self.assertEqual(self.env["nationality.record.import"].search_count([]), imports)

    def test_accepted_values_are_stored_in_nfc(self):
        name = unicodedata.normalize("NFD", "Đặng Thị Ngọc Ánh")
        payload = self.payload(
            {"full_name": name, "birth_place": unicodedata.normalize("NFD", "Thừa Thiên Huế")},
            purpose=unicodedata.normalize("NFD", "Xác minh quốc tịch\nđể cấp hộ chiếu"),
            letter_number=131,
        )
        reference = self.rpc(self.berlin_user, "nationality.lookup.request", "api_submit", payload)
        request = self.env["nationality.lookup.request"].search([("name", "=", reference)])
        self.assertEqual(request.person_ids.full_name, "Đặng Thị Ngọc Ánh")
        self.assertTrue(unicodedata.is_normalized("NFC", request.person_ids.full_name))
        self.assertEqual(request.person_ids.birth_place, "Thừa Thiên Huế")
        self.assertEqual(request.purpose, "Xác minh quốc tịch\nđể cấp hộ chiếu")
        self.assertEqual(request.request_letter_ref, "131")
