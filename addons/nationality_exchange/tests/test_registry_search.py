# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unicodedata

from odoo.addons.nationality_exchange.tools.name_matching import (
    one_edit_variants,
    strip_diacritics,
    typo_words,
)
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .lookups_common import LookupCase


@tagged("post_install", "-at_install")
class TestRegistrySearch(LookupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.target = cls.record_named(cls, "Nguyễn Văn Bình", "2345/QĐ-CTN")
        cls.other_diacritics = cls.record_named(cls, "Nguyễn Văn Bính", "301/2020/XNCQT")
        cls.older_namesake = cls.record_named(cls, "Nguyễn Văn Bình", "918/QĐ-CTN")
        cls.one_letter_away = cls.record_named(cls, "Nguyễn Văn Vinh", "1611/QĐ-CTN")
        cls.ngoc_anh = cls.record_named(cls, "Trần Thị Ngọc Ánh", "88/2018/XNCQT")
        cls.duc_dat = cls.record_named(cls, "Lê Đức Đạt", "1777/QĐ-CTN")

    def assertFirst(self, record, matches, reason=None):
        self.assertTrue(matches, "no candidate found")
        self.assertEqual(matches[0]["record"], record, [m["record"].full_name for m in matches])
        if reason:
            self.assertIn(reason, matches[0]["reason"])
        return matches[0]

    # ------------------------------------------------------------------
    # Search keys
    # ------------------------------------------------------------------
    def test_keys_ignore_diacritics_case_and_unicode_form(self):
        self.assertEqual(self.target.name_key, "nguyen van binh")
        self.assertEqual(self.target.name_sorted_key, "binh nguyen van")
        self.assertEqual(self.duc_dat.name_key, "le duc dat", "đ/Đ are keyed as d")
        self.assertEqual(self.target.decision_number_key, "2345/QD-CTN")
        record = self.Record.create(
            {
                "full_name": unicodedata.normalize("NFD", "  PHẠM   Thị Thu  Hằng "),
                "birth_date": "1950-01-01",
                "birth_date_precision": "year",
                "event_type": "renunciation",
                "decision_number": " 77 / QĐ-CTN ",
                "passport_number": " n 1234567 ",
            }
        )
        self.assertEqual(record.full_name, unicodedata.normalize("NFC", "PHẠM Thị Thu Hằng"))
        self.assertEqual(record.name_key, "pham thi thu hang")
        self.assertEqual(record.decision_number_key, "77/QD-CTN")
        self.assertEqual(record.passport_number, "N1234567")
        self.assertEqual(record.birth_year, 1950)
        self.assertEqual(record.birth_date_display, "1950")

    def test_one_edit_expansion_is_every_single_typo(self):
        key = "nguyen van an"
        brute = set()
        letters = "abcdefghijklmnopqrstuvwxyz "
        for index in range(len(key) + 1):
            for letter in letters:
                brute.add(key[:index] + letter + key[index:])
            if index < len(key):
                brute.add(key[:index] + key[index + 1 :])
                for letter in letters:
                    brute.add(key[:index] + letter + key[index + 1 :])
                if index + 1 < len(key):
                    brute.add(key[:index] + key[index + 1] + key[index] + key[index + 2 :])
        expected = {" ".join(sorted(v.split())) for v in brute if v.split()}
        self.assertEqual(one_edit_variants(key), expected)
        # With a vocabulary, only keys made of known words remain.
        known = {"nguyen", "van", "an", "anh", "ban"}
        filtered = one_edit_variants(key, known)
        self.assertEqual(
            filtered, {v for v in expected if all(word in known for word in v.split())}
        )
        self.assertLessEqual(
            {"an nguyen van", "anh nguyen van", "an ban nguyen", "nguyen van van"}, filtered
        )
        self.assertLessEqual(
            {word for variant in expected for word in variant.split()}, typo_words(key)
        )
        self.assertEqual(strip_diacritics("Đặng Thị Ước"), "Dang Thi Uoc")

    # ------------------------------------------------------------------
    # Perturbations that must still find the person
    # ------------------------------------------------------------------
    def test_exact_name_and_date(self):
        match = self.assertFirst(
            self.target,
            self.search_registry(name="Nguyễn Văn Bình", birth_date="15/06/1978"),
            "same name",
        )
        self.assertEqual(match["score"], 100)
        self.assertIn("date of birth matches", match["reason"])

    def test_without_diacritics(self):
        match = self.assertFirst(
            self.target,
            self.search_registry(name="Nguyen Van Binh", birth_date="15/06/1978"),
            "name without diacritics",
        )
        self.assertEqual(match["score"], 100)

    def test_upper_case_and_nfd(self):
        self.assertFirst(
            self.target, self.search_registry(name="NGUYỄN VĂN BÌNH", birth_date="15/06/1978")
        )
        nfd = unicodedata.normalize("NFD", "Nguyễn Văn Bình")
        self.assertNotEqual(nfd, "Nguyễn Văn Bình")
        match = self.assertFirst(
            self.target, self.search_registry(name=nfd, birth_date="15/06/1978"), "same name"
        )
        self.assertEqual(match["score"], 100)

    def test_words_in_another_order(self):
        for name in ("Van Binh Nguyen", "Bình Nguyễn Văn"):
            self.assertFirst(
                self.target,
                self.search_registry(name=name, birth_date="15/06/1978"),
                "name with words in another order",
            )

    def test_one_typo(self):
        for name in (
            "Nguyen Van Bimh",  # a letter replaced
            "Nguyn Van Binh",  # a letter missing
            "Nguyen Vann Binh",  # a letter added
            "Ngyuen Van Binh",  # two letters swapped
            "NguyenVan Binh",  # two words run together
            "Nguyễn Văn Bìnhh",  # with diacritics
        ):
            match = self.assertFirst(
                self.target,
                self.search_registry(name=name, birth_date="15/06/1978"),
                "one typo in the name",
            )
            self.assertGreaterEqual(match["score"], 80, name)

    def test_missing_or_extra_middle_name(self):
        # Foreign papers often leave out the middle name (Văn, Thị…).
        self.assertFirst(
            self.target,
            self.search_registry(name="Binh Nguyen", birth_date="15/06/1978"),
            "name with a word missing",
        )
        self.assertFirst(
            self.target,
            self.search_registry(
                name="Nguyễn Văn Thanh Bình", birth_date="1978", birth_place="Nam Định"
            ),
            "name with an extra word",
        )

    def test_two_typos_fall_back_on_trigrams(self):
        match = self.assertFirst(
            self.target,
            self.search_registry(name="Ngyuen Van Bimh", birth_date="15/06/1978"),
        )
        self.assertIn("date of birth matches", match["reason"])

    def test_year_only(self):
        match = self.assertFirst(
            self.target,
            self.search_registry(name="Nguyễn Văn Bình", birth_date="1978", birth_place="Nam Định"),
            "year of birth matches",
        )
        self.assertEqual(match["score"], 100)
        self.assertFirst(
            self.target,
            self.search_registry(name="nguyen van binh", birth_year=1978, birth_place="Nam Dinh"),
        )
        # A register that knows only the year, a request that knows the day.
        match = self.assertFirst(
            self.ngoc_anh,
            self.search_registry(name="Tran Thi Ngoc Anh", birth_date="02/09/1969"),
            "year of birth matches",
        )
        self.assertLess(match["score"], 100)

    def test_identity_passport_and_decision_numbers_exact(self):
        match = self.assertFirst(
            self.target, self.search_registry(id_number="036 078 004 321"), "exact identity number"
        )
        self.assertEqual(match["score"], 100)
        self.assertFirst(
            self.target, self.search_registry(passport_number="b7654321"), "exact passport number"
        )
        self.assertFirst(
            self.target,
            self.search_registry(name="Nguyen Van Binh", decision_number="2345/QD-CTN"),
            "same decision number",
        )
        # A number that differs by one digit is another number.
        self.assertFalse(self.search_registry(id_number="036078004322"))
        self.assertFalse(self.search_registry(passport_number="B7654320"))

    def test_dd_letter(self):
        self.assertFirst(
            self.duc_dat,
            self.search_registry(name="Le Duc Dat", birth_date="22/12/1990"),
            "name without diacritics",
        )

    # ------------------------------------------------------------------
    # Look-alikes
    # ------------------------------------------------------------------
    def test_lookalikes_rank_below_the_person(self):
        matches = self.search_registry(name="Nguyễn Văn Bình", birth_date="15/06/1978")
        self.assertFirst(self.target, matches)
        by_record = {match["record"]: match for match in matches}
        # Other diacritics: shown, but well below.
        self.assertIn(self.other_diacritics, by_record)
        self.assertIn("other diacritics in the name", by_record[self.other_diacritics]["reason"])
        self.assertLess(by_record[self.other_diacritics]["score"], 80)
        # One letter away, same year: a possible typo, below too.
        self.assertIn(self.one_letter_away, by_record)
        self.assertLess(by_record[self.one_letter_away]["score"], 80)
        # The namesake born thirteen years earlier is another person: cut off.
        self.assertNotIn(self.older_namesake, by_record)
        for match in matches[1:]:
            self.assertLess(match["score"], matches[0]["score"])

    def test_diacritics_tell_namesakes_apart(self):
        self.assertFirst(
            self.other_diacritics,
            self.search_registry(name="Nguyễn Văn Bính", birth_date="1978"),
            "same name",
        )
        matches = self.search_registry(name="Nguyễn Văn Bình", birth_date="1978")
        self.assertFirst(self.target, matches)
        # Typed without diacritics, the two cannot be told apart by the name.
        scores = {
            match["record"]: match["score"]
            for match in self.search_registry(name="Nguyen Van Binh", birth_date="1978")
        }
        self.assertEqual(scores[self.target], scores[self.other_diacritics])

    def test_cut_off_score(self):
        everything = self.search_registry(
            name="Nguyễn Văn Bình", birth_date="15/06/1978", limit=100
        )
        self.assertTrue(all(match["score"] >= 50 for match in everything))
        # Even without a cut-off, a namesake born years apart is no candidate.
        low = self.Record.registry_search(
            {"name": "Nguyễn Văn Bình", "birth_date": "15/06/1978"}, limit=100, min_score=0
        )
        self.assertNotIn(self.older_namesake, [match["record"] for match in low])
        # Found through its decision number, it scores the year against it.
        matches = self.Record.registry_search(
            {
                "name": "Nguyễn Văn Bình",
                "birth_date": "15/06/1978",
                "decision_number": "918/QĐ-CTN",
            },
            limit=100,
            min_score=0,
        )
        scores = {match["record"]: match for match in matches}
        self.assertIn("year of birth differs", scores[self.older_namesake]["reason"])
        self.assertIn("same decision number", scores[self.older_namesake]["reason"])
        self.assertLess(scores[self.older_namesake]["score"], scores[self.target]["score"])
        # The cut-off is configuration.
        self.env["ir.config_parameter"].set_param("nationality_exchange.registry_min_score", "95")
        strict = self.search_registry(name="Nguyễn Văn Bình", birth_date="15/06/1978")
        self.assertEqual([match["record"] for match in strict], [self.target])

    def test_a_different_identity_number_weighs_against(self):
        same = self.search_registry(name="Nguyen Van Binh", birth_date="15/06/1978")
        other = self.search_registry(
            name="Nguyen Van Binh", birth_date="15/06/1978", id_number="001078009999"
        )
        score = {match["record"]: match["score"] for match in other}.get(self.target, 0)
        self.assertLess(score, same[0]["score"])

    def test_archived_records_are_not_found(self):
        self.target.action_archive()
        matches = self.search_registry(name="Nguyễn Văn Bình", birth_date="15/06/1978")
        self.assertNotIn(self.target, [match["record"] for match in matches])

    def test_record_created_in_the_form_is_found_at_once(self):
        record = self.Record.with_user(self.cuc_officer).create(
            {
                "full_name": "Vương Thị Xuyến",
                "birth_date": "1959-08-30",
                "event_type": "renunciation",
                "decision_number": "55/QĐ-CTN",
            }
        )
        # "Xuyến" is a word the registry did not know before this record.
        self.assertFirst(
            record, self.search_registry(name="Vuong Thi Xuyen", birth_date="30/08/1959")
        )
        self.assertFirst(
            record, self.search_registry(name="Vuong Thi Xuyem", birth_date="30/08/1959")
        )

    # ------------------------------------------------------------------
    # Criteria and rights
    # ------------------------------------------------------------------
    def test_invalid_criteria(self):
        for criteria in (
            {},
            {"birth_date": "1978"},
            {"name": "N"},
            {"name": "Nguyen Van Binh", "birth_date": "31/02/1978"},
            {"name": "Nguyen Van Binh", "birth_date": "1978", "birth_year": 1979},
            {"name": "Nguyen Van Binh", "nickname": "Bin"},
            {"name": "Nguyen Van Binh", "gender": "x"},
            {"name": ["Nguyen"]},
            {"id_number": "12"},
        ):
            with self.assertRaises(ValidationError, msg=str(criteria)):
                self.Record.registry_search(criteria)
        with self.assertRaises(ValidationError):
            self.Record.api_search({"name": "Nguyen Van Binh"}, limit=0)

    def test_only_authorised_users_search(self):
        for user in (self.plain_user, self.tokyo_user, self.hn_reception):
            with self.assertRaises(AccessError, msg=user.login):
                self.Record.with_user(user).api_search({"name": "Nguyen Van Binh"})
        for user in (self.berlin_user, self.hn_officer, self.cuc_officer):
            matches = self.Record.with_user(user).api_search(
                {"name": "Nguyen Van Binh", "birth_date": "15/06/1978"}, limit=3
            )
            self.assertEqual(matches[0]["id"], self.target.id, user.login)

    def test_api_search_result(self):
        match = self.Record.with_user(self.berlin_user).api_search(
            {"name": "Van Binh Nguyen", "birth_date": "15/06/1978"}, 5
        )[0]
        self.assertEqual(
            set(match),
            {
                "id",
                "full_name",
                "birth_date",
                "birth_place",
                "event_type",
                "event",
                "decision_number",
                "decision_date",
                "authority",
                "score",
                "reason",
            },
        )
        self.assertEqual(match["full_name"], "Nguyễn Văn Bình")
        self.assertEqual(match["birth_date"], "15/06/1978")
        self.assertEqual(match["decision_date"], "10/10/2014")
        self.assertEqual(match["event_type"], "renunciation")
        self.assertEqual(match["score"], 100)
        self.assertIn("name with words in another order", match["reason"])

    def test_only_the_ministry_edits_the_registry(self):
        with self.assertRaises(AccessError):
            self.target.with_user(self.hn_officer).write({"note": "Sửa"})
        with self.assertRaises(AccessError):
            self.target.with_user(self.berlin_user).write({"note": "Sửa"})
        self.target.with_user(self.cuc_officer).write({"note": "Đã đối chiếu với bản gốc."})
        self.assertEqual(self.target.note, "Đã đối chiếu với bản gốc.")
