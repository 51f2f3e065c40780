# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The language of the JSON API's answers, from odd or hostile
Accept-Language headers."""

from odoo.tests import tagged

from .api_common import API, ApiCase

SEARCH = f"{API}/records/search"
# A refused search: its message is translated.
REFUSED = {"criteria": {"birth_date": "1978"}}
ENGLISH = "Search by name"


@tagged("post_install", "-at_install")
class TestApiLanguage(ApiCase):
    def message(self, accept_language):
        headers = {} if accept_language is None else {"Accept-Language": accept_language}
        response = self.call("POST", SEARCH, self.berlin_user, REFUSED, headers=headers)
        self.assertEqual(response.status_code, 400, response.text)
        return response.json()["error"]["message"]

    def assertEnglish(self, accept_language):
        self.assertIn(ENGLISH, self.message(accept_language), accept_language)

    def assertNotEnglish(self, accept_language):
        self.assertNotIn(ENGLISH, self.message(accept_language), accept_language)

    def test_a_language_refused_with_q_0_is_never_chosen(self):
        """RFC 9110 §12.4.2: "q=0" means "not acceptable". "vi;q=0" answered
        in Vietnamese, and "en;q=0" in English for a Vietnamese user."""
        self.berlin_user.lang = "en_US"
        self.assertEnglish("vi;q=0")
        self.assertEnglish("vi-VN;q=0, vi;q=0.000")
        self.berlin_user.lang = "vi_VN"
        self.assertNotEnglish("en;q=0")
        self.assertNotEnglish("en-US;q=0, en;q=0.0")
        # Nothing acceptable asked: the user's own language, unless refused.
        self.assertEnglish("vi;q=0")
        self.assertEnglish("vi-VN;q=0, zz")
        self.assertNotEnglish("vi-AU;q=0")
        # The more precise refusal wins over a wider range asked.
        self.assertEnglish("vi, vi-VN;q=0")
        # The first acceptable one when there is one.
        self.assertEnglish("vi;q=0, en;q=0.3")

    def test_odd_headers_never_fail(self):
        self.berlin_user.lang = "en_US"
        odd = [
            "",
            "*",
            ",,,;;;",
            "q=0.5",
            ";q=1",
            "-",
            "_",
            "vi;q=abc",
            "vi;q=-1",
            "vi;q=2",
            "vi;q=nan",
            "en-" + "a" * 20000,
            b"\x01\x02\x7f",
            b"ti\xe1ng-vi\xe9t",  # Latin-1 bytes, not UTF-8
            "tiếng-việt".encode(),
            "i-klingon, zh-Hant-TW, sr@latin, x-pig-latin",
            ", ".join(f"x{index}-yy;q=0.5" for index in range(3000)),
        ]
        for header in odd:
            with self.subTest(header=header[:40]):
                self.message(header)
        for header in ("vi_VN", "VI-vn", "vI", "fr-FR, vi;q=0.5", "zz, vi;q=0.1"):
            with self.subTest(header=header):
                self.assertNotEnglish(header)
