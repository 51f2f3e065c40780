# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Findings of an adversarial review: a filed dossier keeps its department,
its lines stay with it, computed values and fees are not typed by hand, the
Ministry does not rewrite the applicant's identity, followers are not shown
to other agencies, and what people type is checked for invisible characters,
non-ASCII digits and dates written in other common ways."""

import unicodedata
from datetime import date, timedelta

from odoo import Command, fields
from odoo.addons.nationality_dossier.models.nationality_dossier import workflow_transition
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..tools.person_input import (
    DEFAULT_IGNORABLE_RANGES,
    IDENTITY_NUMBER,
    PASSPORT_NUMBER,
    has_control_characters,
    has_letters,
    name_problem,
    normalize_id_number,
    normalize_text,
    parse_birth_date,
    quote_input,
)
from .common_workflow import NationalityWorkflowCase

SPOUSE = {"relation": "spouse", "full_name": "Nguyễn Thị Thu Trang", "is_vietnamese_citizen": True}
FIXED_DEPARTMENT = "receiving department of a filed dossier cannot be changed"
COMPUTED = "computed by the system and cannot be written"

# Characters that display as nothing (or reorder the text) and were accepted.
INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "Arabic letter mark": "\u061c",
    "byte order mark": "\ufeff",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "tag letter": "\U000e0041",
    "cancel tag": "\U000e007f",
    "private use": "\ue000",
    "Hangul filler": "\u3164",
    "Braille blank": "\u2800",
    # The other default-ignorable code points: variation selectors, the
    # Mongolian ones, fillers, invisible operators, reserved ones.
    "variation selector-1": "\ufe00",
    "variation selector-16": "\ufe0f",
    "ideographic variation selector-17": "\U000e0100",
    "variation selector-256": "\U000e01ef",
    "Mongolian free variation selector 1": "\u180b",
    "Mongolian free variation selector 4": "\u180f",
    "Mongolian vowel separator": "\u180e",
    "combining grapheme joiner": "\u034f",
    "Hangul choseong filler": "\u115f",
    "halfwidth Hangul filler": "\uffa0",
    "Khmer inherent vowel": "\u17b4",
    "invisible times": "\u2062",
    "reserved default-ignorable": "\u2065",
    "reserved specials": "\ufff0",
    "shorthand format overlap": "\U0001bca0",
    "musical begin beam": "\U0001d173",
    "language tag": "\U000e0001",
    "reserved tag plane": "\U000e0fff",
}
# Vietnamese vowels and the five tone marks (the level tone has none).
VIETNAMESE_VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
VIETNAMESE_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
# Real names, as on identity papers.
VIETNAMESE_NAMES = (
    "Nguyễn Thị Ánh Tuyết",
    "Đặng Văn Lâm",
    "Lưu Quỳnh Hương",
    "Trương Mỹ Lan",
    "Huỳnh Thúc Kháng",
    "Lý Thường Kiệt",
    "Ngô Bảo Châu",
    "Phạm Ngọc Thạch",
    "Võ Thị Sáu",
    "Đoàn Thị Điểm",
    "Bùi Xuân Phái",
    "Ưng Hoàng Phúc",
    "Hồ Xuân Hương",
    "Dương Quá",
    "Nguyễn Khuyến",
)


@tagged("post_install", "-at_install")
class TestFiledDossierIntegrity(NationalityWorkflowCase):
    def test_receiving_department_is_fixed_once_filed(self):
        dossier = self.accept(
            self.make_dossier("nationality_certificate", full_name="Nguyễn Văn Thành")
        )
        self.assertEqual(dossier.state, "in_progress")
        main = self.env.ref("base.main_company")
        for user in (self.hn_reception, self.hn_leader, self.admin):
            for company in (self.stp_hcm, self.ministry, main):
                with (
                    self.subTest(user=user.login, company=company.name),
                    self.assertRaisesText(UserError, FIXED_DEPARTMENT),
                ):
                    self.as_user(dossier, user).write({"company_id": company.id})
        # Filed online and waiting for its check: the same, whoever writes it
        # (the portal and the integrations write with sudo).
        online = self.make_dossier("restoration", channel="online", full_name="Lê Hoàng Phúc")
        self.as_user(online, self.hn_reception).action_submit_online()
        self.assertEqual(online.state, "submitted")
        with self.assertRaisesText(UserError, FIXED_DEPARTMENT):
            online.sudo().write({"company_id": self.stp_hcm.id})
        self.assertEqual((dossier | online).company_id, self.stp_hn)
        # Writing the department it already has changes nothing and is allowed.
        self.as_user(dossier, self.hn_reception).write({"company_id": self.stp_hn.id})

    def test_a_draft_may_still_change_department(self):
        draft = self.make_dossier("restoration", full_name="Trần Thị Lan")
        self.as_user(draft, self.admin).write({"company_id": self.stp_hcm.id})
        self.assertEqual(draft.company_id, self.stp_hcm)
        # Its lines follow it to the new department.
        self.assertEqual(draft.document_ids.company_id, self.stp_hcm)
        self.receive(draft)
        self.assertEqual(draft.name.split("-")[0], self.agency_hcm.code)

    def test_lines_stay_in_their_dossier_and_department(self):
        dossier = self.accept(
            self.make_dossier(
                "naturalization", full_name="Kim Min-jun", member_ids=[Command.create(SPOUSE)]
            )
        )
        other = self.accept(self.make_dossier("naturalization", full_name="Sok Chanthou"))
        lines = {
            "checklist line": dossier.document_ids[:1],
            "family member": dossier.member_ids,
            "stage": dossier.current_stage_line_id,
        }
        for user in (self.hn_reception, self.hn_leader, self.admin):
            for kind, line in lines.items():
                with (
                    self.subTest(user=user.login, line=kind),
                    self.assertRaisesText(AccessError, COMPUTED),
                ):
                    self.as_user(line, user).write({"company_id": self.stp_hcm.id})
        for kind in ("checklist line", "family member"):
            with (
                self.subTest(line=kind),
                self.assertRaisesText(UserError, "stays in its dossier"),
            ):
                self.as_user(lines[kind], self.hn_leader).write({"dossier_id": other.id})
        # Not even the workflow moves a stage to another dossier.
        with self.assertRaisesText(UserError, "stays in its dossier"), workflow_transition():
            lines["stage"].write({"dossier_id": other.id})
        # A new line cannot be born in another department either.
        with self.assertRaisesText(AccessError, COMPUTED):
            self.as_user(self.env["nationality.dossier.member"], self.hn_reception).create(
                {
                    "dossier_id": dossier.id,
                    "relation": "child",
                    "full_name": "Kim Ji-woo",
                    "company_id": self.stp_hcm.id,
                }
            )
        for line in lines.values():
            self.assertEqual((line.dossier_id, line.company_id), (dossier, self.stp_hn))
        # Nothing of the Hà Nội dossier is readable in Hồ Chí Minh City.
        for model in ("document", "member", "stage.line"):
            Model = self.as_user(self.env[f"nationality.dossier.{model}"], self.hcm_reception)
            self.assertFalse(Model.search([("dossier_id", "=", dossier.id)]))

    def test_computed_values_are_not_written_by_hand(self):
        dossier = self.accept(
            self.make_dossier(
                "naturalization", full_name="Kim Min-jun", member_ids=[Command.create(SPOUSE)]
            )
        )
        stage = dossier.current_stage_line_id
        document = dossier.document_ids.filtered("is_satisfied")[:1]
        self.assertTrue(document)
        attempts = [
            (stage, {"on_time": True}),
            (document, {"is_satisfied": False}),
            (document, {"is_blocking": True}),
            (dossier.member_ids, {"birth_year": 1950}),
            (dossier, {"on_time": True}),
            (dossier, {"on_time_rate": 100.0}),
            (dossier, {"stage_date_due": date(2030, 1, 1)}),
            (dossier, {"retention_due_date": date(2030, 1, 1)}),
        ]
        for user in (self.hn_reception, self.hn_leader, self.admin):
            for records, values in attempts:
                with (
                    self.subTest(user=user.login, model=records._name, values=values),
                    self.assertRaisesText(AccessError, COMPUTED),
                ):
                    self.as_user(records, user).write(values)
        self.assertFalse(stage.on_time)
        self.assertEqual((document.is_satisfied, document.is_blocking), (True, False))
        self.assertEqual(dossier.stage_date_due, stage.date_due)

    def test_the_fee_follows_the_procedure_once_filed(self):
        procedure = self.procedures["naturalization"]
        draft = self.make_dossier("naturalization", full_name="Kim Min-jun")
        self.assertEqual(draft.fee_amount, procedure.fee_amount)
        # A draft may show another amount, but filing sets the procedure's fee.
        self.as_user(draft, self.hn_reception).write({"fee_amount": 0})
        self.receive(draft)
        self.assertEqual(draft.fee_amount, procedure.fee_amount)
        for user in (self.hn_reception, self.hn_leader, self.admin):
            with (
                self.subTest(user=user.login),
                self.assertRaisesText(UserError, "set by its procedure or its fee exemption"),
            ):
                self.as_user(draft, user).write({"fee_amount": 0})
        self.assertEqual(draft.fee_amount, procedure.fee_amount)
        # The same amount is accepted (a form saved again), and an exemption
        # of the procedure is how the fee becomes zero.
        reception = self.as_user(draft, self.hn_reception)
        reception.write({"fee_amount": procedure.fee_amount})
        exemption = procedure.fee_exemption_ids[:1]
        reception.write({"fee_exemption_id": exemption.id})
        self.assertEqual(draft.fee_amount, 0)
        reception.write({"fee_exemption_id": False})
        self.assertEqual(draft.fee_amount, procedure.fee_amount)

    def test_the_ministry_changes_only_its_own_fields(self):
        dossier = self.walk_to(
            self.accept(
                self.make_dossier(
                    "naturalization", full_name="Sok Chanthou", member_ids=[Command.create(SPOUSE)]
                )
            ),
            "ministry_review",
        )
        for user in (self.cuc_officer, self.cuc_leader):
            cuc = self.as_user(dossier, user)
            for values in (
                {"full_name": "Sok Channary"},
                {"id_document_number": "N7654321"},
                {"phone": "0900 000 000"},
                {"fee_paid": False},
            ):
                with (
                    self.subTest(user=user.login, values=values),
                    self.assertRaisesText(AccessError, "the Ministry may change only"),
                ):
                    cuc.write(values)
            with self.assertRaisesText(AccessError, "recorded by"):
                self.as_user(dossier.member_ids, user).write({"full_name": "Nguyễn Thị Hoa"})
        cuc = self.as_user(dossier, self.cuc_leader)
        cuc.write({"ministry_user_id": self.cuc_officer.id, "note": "<p>Đã phân công thụ lý.</p>"})
        self.assertEqual(dossier.ministry_user_id, self.cuc_officer)
        self.assertEqual(
            (dossier.full_name, dossier.id_document_number), ("Sok Chanthou", "C1234567")
        )
        self.assertEqual(dossier.member_ids.full_name, "Nguyễn Thị Thu Trang")
        # The department still corrects its applicant's data.
        self.as_user(dossier, self.hn_officer).write({"phone": "0912 345 678"})
        self.assertEqual(dossier.phone, "0912 345 678")

    def test_grounds_and_checklist_items_belong_to_the_procedure(self):
        restoration = self.make_dossier("restoration", full_name="Lê Hoàng Phúc")
        reception = self.as_user(restoration, self.hn_reception)
        foreign = self.procedures["naturalization"].ground_ids[:1]
        self.assertTrue(foreign)
        self.assertNotIn(foreign, self.procedures["restoration"].ground_ids)
        with self.assertRaisesText(ValidationError, "cannot be invoked in a dossier of"):
            reception.write({"ground_ids": [Command.set(foreign.ids)]})
        own = self.procedures["restoration"].ground_ids[:1]
        reception.write({"ground_ids": [Command.set(own.ids)]})
        self.assertEqual(restoration.ground_ids, own)

        version = self.procedures["naturalization"]._get_rule_version(fields.Date.today())
        item = version.checklist_item_ids[:1]
        Line = self.as_user(self.env["nationality.dossier.document"], self.hn_reception)
        with self.assertRaisesText(ValidationError, "is on the checklist of"):
            Line.create({"dossier_id": restoration.id, "checklist_item_id": item.id})
        with self.assertRaisesText(ValidationError, "is on the checklist of"):
            reception.document_ids[:1].write({"checklist_item_id": item.id})


@tagged("post_install", "-at_install")
class TestFollowersPrivacy(NationalityWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An overseas mission working in the system: an internal user of
        # another agency, with no nationality dossier rights.
        cls.mission = cls.env["res.company"].create(
            {"name": "Đại sứ quán Việt Nam tại Cộng hòa Liên bang Đức (test)"}
        )
        cls.mission_user = cls.make_user("t.mission.berlin", cls.mission, "base.group_user")
        cls.applicant = cls.env["res.partner"].create(
            {"name": "Trần Thị Lan", "email": "tran.thi.lan@example.vn"}
        )
        cls.draft = cls.make_dossier(
            "restoration", full_name="Trần Thị Lan", partner_id=cls.applicant.id
        )
        cls.filed = cls.accept(cls.make_dossier("nationality_certificate", full_name="Lê Văn Tâm"))
        cls.dossiers = cls.draft | cls.filed
        cls.dossiers.message_subscribe(partner_ids=cls.applicant.ids)
        cls.filed.message_post(body="Đã đối chiếu bản chính hộ chiếu.")
        cls.filed.activity_schedule(
            "mail.mail_activity_data_todo", summary="Xác minh nhân thân", user_id=cls.hn_officer.id
        )
        cls.on_dossiers = [
            ("res_model", "=", "nationality.dossier"),
            ("res_id", "in", cls.dossiers.ids),
        ]

    def followers_as(self, user):
        return self.as_user(self.env["mail.followers"], user)

    def test_other_agencies_do_not_see_who_follows_a_dossier(self):
        lines = self.env["mail.followers"].search(self.on_dossiers)
        self.assertIn(self.applicant, lines.partner_id)
        for user in (
            self.hcm_officer,
            self.hcm_reception,
            self.cuc_officer,
            self.plain_user,
            self.mission_user,
        ):
            with self.subTest(user=user.login):
                Followers = self.followers_as(user)
                self.assertFalse(Followers.search(self.on_dossiers))
                self.assertFalse(Followers.search_read(self.on_dossiers, ["partner_id"]))
                self.assertFalse(Followers.search([("partner_id", "=", self.applicant.id)]))
                with self.assertRaises(AccessError):
                    Followers.browse(lines.ids).read(["partner_id", "res_id"])
        # The department that holds the dossiers sees them, the draft included.
        seen = self.followers_as(self.hn_officer).search(self.on_dossiers)
        self.assertEqual(seen, lines)
        self.assertEqual(
            {row["id"] for row in seen.read(["partner_id"])},
            set(lines.ids),
        )

    def test_followers_of_other_records_stay_visible(self):
        self.applicant.message_subscribe(partner_ids=self.hn_officer.partner_id.ids)
        Followers = self.followers_as(self.hcm_officer)
        found = Followers.search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.applicant.id)]
        )
        self.assertEqual(found.partner_id, self.hn_officer.partner_id)

    def test_messages_and_activities_follow_the_dossier(self):
        on_dossiers = [("model", "=", "nationality.dossier"), ("res_id", "in", self.dossiers.ids)]
        activities = [
            ("res_model", "=", "nationality.dossier"),
            ("res_id", "in", self.dossiers.ids),
        ]
        self.assertTrue(self.as_user(self.env["mail.message"], self.hn_officer).search(on_dossiers))
        self.assertTrue(self.as_user(self.env["mail.activity"], self.hn_officer).search(activities))
        for user in (self.hcm_officer, self.cuc_officer, self.plain_user, self.mission_user):
            with self.subTest(user=user.login):
                self.assertFalse(self.as_user(self.env["mail.message"], user).search(on_dossiers))
                self.assertFalse(self.as_user(self.env["mail.activity"], user).search(activities))


@tagged("post_install", "-at_install")
class TestPersonInput(NationalityWorkflowCase):
    def test_invisible_characters_are_refused_in_names_and_text(self):
        dossier = self.make_dossier("restoration", full_name="Nguyễn Văn An")
        reception = self.as_user(dossier, self.hn_reception)
        for label, char in INVISIBLE.items():
            for name, value in (
                ("full_name", f"Nguyễn{char}Văn An"),
                ("birth_place", f"Hà{char} Nội"),
                ("reasons", f"Đoàn tụ gia đình{char}\nvà sinh sống lâu dài."),
            ):
                with (
                    self.subTest(character=label, field=name),
                    self.assertRaisesText(ValidationError, "control or invisible formatting"),
                ):
                    reception.write({name: value})
                self.assertTrue(has_control_characters(value, multiline=True))
        with self.assertRaisesText(ValidationError, "control or invisible formatting"):
            self.as_user(self.env["nationality.dossier.member"], self.hn_reception).create(
                {"dossier_id": dossier.id, "relation": "child", "full_name": "Nguyễn\u200bMinh"}
            )
        self.assertEqual(dossier.full_name, "Nguyễn Văn An")
        # Line breaks and tabs stay allowed in multi-line text, and real names pass.
        reception.write({"reasons": "Đoàn tụ gia đình.\n\tSinh sống lâu dài tại Hà Nội."})
        for name in ("Nguyễn Thị Hồng Nhung", "Kim Min-jun", "Sengphet Phommachanh", "张伟"):
            reception.write({"full_name": name})
            self.assertEqual(dossier.full_name, name)

    def test_every_default_ignorable_code_point_is_refused(self):
        for first, last in DEFAULT_IGNORABLE_RANGES:
            for code in range(first, last + 1):
                self.assertTrue(
                    has_control_characters(f"Lê{chr(code)} Hoàng Phúc"), f"U+{code:04X}"
                )
        # Multi-line text refuses them too, and a quoted input does not show them.
        self.assertTrue(has_control_characters("Đoàn tụ gia đình\ufe0f\n", multiline=True))
        self.assertEqual(quote_input("Lê\ufe0f\u180bPhúc"), "Lê\ufffd\ufffdPhúc")

    def test_vietnamese_names_with_every_tone_on_every_vowel_pass_unchanged(self):
        dossier = self.make_dossier("restoration", full_name="Nguyễn Văn An")
        reception = self.as_user(dossier, self.hn_reception)
        Member = self.as_user(self.env["nationality.dossier.member"], self.hn_reception)
        member = Member.create({"dossier_id": dossier.id, "relation": "child", "full_name": "An"})
        for tone in VIETNAMESE_TONES:
            for vowel in VIETNAMESE_VOWELS:
                for letter in (vowel, vowel.upper()):
                    typed = unicodedata.normalize("NFD", letter + tone)
                    composed = unicodedata.normalize("NFC", typed)
                    # NFC makes each of them one precomposed letter.
                    self.assertEqual(len(composed), 1, repr(typed))
                    self.assertEqual(normalize_text(typed), composed)
                    self.assertEqual(normalize_text(composed, single_line=True), composed)
                    self.assertIsNone(name_problem(composed, "name"))
                    self.assertIsNone(name_problem(typed, "name"))
            # Whole names, one syllable per vowel, as typed in NFC (Windows,
            # Linux) and NFD (macOS), in small and in capital letters.
            name = " ".join(
                "Ph" + unicodedata.normalize("NFC", vowel + tone) + "n"
                for vowel in VIETNAMESE_VOWELS
            )
            for stored in (name, name.upper()):
                for form in ("NFC", "NFD"):
                    with self.subTest(name=stored, form=form):
                        typed = unicodedata.normalize(form, stored)
                        reception.write({"full_name": typed, "other_names": typed})
                        self.assertEqual(dossier.full_name, stored)
                        self.assertEqual(dossier.other_names, stored)
                        member.write({"full_name": typed})
                        self.assertEqual(member.full_name, stored)
        for name in VIETNAMESE_NAMES:
            for stored in (name, name.upper()):
                for form in ("NFC", "NFD"):
                    with self.subTest(name=stored, form=form):
                        reception.write({"full_name": unicodedata.normalize(form, stored)})
                        self.assertEqual(dossier.full_name, stored)

    def test_look_alike_spaces_and_letters_are_stored_as_they_display(self):
        dossier = self.make_dossier("restoration", full_name="Nguyễn Văn An")
        reception = self.as_user(dossier, self.hn_reception)
        for typed in (
            "Lê\u00a0Hoàng Phúc",  # no-break space
            "Lê\u3000Hoàng\u3000Phúc",  # ideographic space
            "Lê\u2002Hoàng\u2009Phúc",  # en space, thin space
            "Lê\u202fHoàng\u205fPhúc",  # narrow no-break, medium mathematical
            "Lê\u00a0 \u3000Hoàng   Phúc",  # a run of spaces
            " Lê Hoàng Phúc\u00a0",
            "Ｌê Ｈoàng Ｐhúc",  # full-width capitals
            "𝐋ê 𝐇oàng 𝐏húc",  # mathematical bold capitals
            unicodedata.normalize("NFD", "Lê\u00a0Hoàng\u3000Phúc"),
        ):
            with self.subTest(typed=typed):
                reception.write({"full_name": typed})
                self.assertEqual(dossier.full_name, "Lê Hoàng Phúc")
        # Full-width letters followed by an accent compose with it once folded.
        reception.write({"full_name": "Ｌe\u0302 Hoa\u0300ng"})
        self.assertEqual(dossier.full_name, "Lê Hoàng")
        # Other single-line fields too; multi-line text keeps its line breaks.
        reception.write({"birth_place": "Phường\u00a0Bến  Nghé, Quận\u30001"})
        self.assertEqual(dossier.birth_place, "Phường Bến Nghé, Quận 1")
        reception.write({"reasons": "Đoàn\u00a0tụ gia đình.\nSinh sống tại Ｈà Nội."})
        self.assertEqual(dossier.reasons, "Đoàn tụ gia đình.\nSinh sống tại Hà Nội.")
        # Only these ranges are folded, not the whole text with NFKC.
        self.assertEqual(normalize_text("ﬁ ½ ² ｶ"), "fi ½ ² ｶ")

    def test_accents_must_be_on_a_letter_and_not_piled_up(self):
        dossier = self.make_dossier("restoration", full_name="Lê Hoàng Phúc")
        reception = self.as_user(dossier, self.hn_reception)
        Member = self.as_user(self.env["nationality.dossier.member"], self.hn_reception)
        for typed in ("\u0301Lê Hoàng Phúc", "Lê \u0301Hoàng Phúc", "Lê Hoàng-\u0323Phúc"):
            with (
                self.subTest(typed=repr(typed)),
                self.assertRaisesText(ValidationError, "mark that is not on a letter"),
            ):
                reception.write({"full_name": typed})
        for typed in (
            "Lê" + "\u0301" * 30 + " Hoàng Phúc",  # "zalgo" text
            "Le\u0302\u0301\u0300 Hoàng Phúc",  # two tones on one vowel
            "Lê\u0301\u0301 Hoàng Phúc",
            "Lé\u0301 Hoàng Phúc",  # the same mark twice
            "Hoàng" + "\u0e49" * 5,
        ):
            with (
                self.subTest(typed=repr(typed)),
                self.assertRaisesText(ValidationError, "too many accents or marks on one letter"),
            ):
                reception.write({"other_names": typed})
        with self.assertRaisesText(ValidationError, "mark that is not on a letter"):
            Member.create({"dossier_id": dossier.id, "relation": "child", "full_name": "\u0300An"})
        self.assertEqual(dossier.full_name, "Lê Hoàng Phúc")
        self.assertFalse(dossier.other_names)
        # Names of other languages keep their marks: Yoruba (a dot below and a
        # tone), Thai, Burmese, Tibetan, Hindi, polytonic Greek.
        for name in (
            "Adéṣọlá Ọ̀jọ́",
            "สมศักดิ์ ใจดี",
            "အောင်ဆန်း စုကြည်",
            "မြှို့",
            "བསྒྲུབས",
            "सुनीता विलियम्स",
            "Ἀθηνᾶ ᾧ",
        ):
            with self.subTest(name=name):
                reception.write({"other_names": name})
                self.assertEqual(dossier.other_names, unicodedata.normalize("NFC", name))
        # Birth places and other texts are not names: the rule is for names.
        reception.write({"birth_place": "Hà Nội"})
        self.assertIsNone(name_problem("Nguyễn Văn An", "name"))

    def test_name_errors_speak_the_language_of_the_user(self):
        dossier = self.make_dossier("restoration", full_name="Lê Hoàng Phúc")
        user = self.hn_reception
        user.lang = "vi_VN"
        # As an XML-RPC call: no language in the context.
        env = self.env(user=user, context={"allowed_company_ids": user.company_ids.ids})
        with self.assertRaisesText(ValidationError, "không đứng trên chữ cái"):
            env["nationality.dossier"].browse(dossier.id).write({"full_name": "\u0301Lê"})
        with self.assertRaisesText(ValidationError, "quá nhiều dấu"):
            env["nationality.dossier"].browse(dossier.id).write({"full_name": "Lê\u0301\u0301"})
        with self.assertRaisesText(ValidationError, "too many accents"):
            env["nationality.dossier"].with_context(lang="en_US").browse(dossier.id).write(
                {"full_name": "Lê\u0301\u0301"}
            )

    def test_a_name_without_a_visible_letter_is_no_name(self):
        for name in ("\u3164", "\u2800", "\u3164 \u3164", "\u115f\u1160"):
            with (
                self.subTest(name=repr(name)),
                self.assertRaisesText(ValidationError, "control or invisible formatting"),
            ):
                self.make_dossier("restoration", full_name=name)
        for name in ("...", "123 456", "- / -", "?"):
            with (
                self.subTest(name=name),
                self.assertRaisesText(ValidationError, "is required: type the name in letters"),
            ):
                self.make_dossier("restoration", full_name=name)
            self.assertFalse(has_letters(name))
        dossier = self.make_dossier("restoration", full_name="Lê Hoàng Phúc")
        with self.assertRaisesText(ValidationError, "is required: type the name in letters"):
            self.as_user(dossier, self.hn_reception).write({"other_names": "—"})
        with self.assertRaisesText(ValidationError, "is required: type the name in letters"):
            self.as_user(self.env["nationality.dossier.member"], self.hn_reception).create(
                {"dossier_id": dossier.id, "relation": "child", "full_name": "1.2.3"}
            )

    def test_identity_numbers_are_stored_in_ascii_digits(self):
        for typed, kind, stored in (
            ("００１０８００２３４５６", "citizen_id", "001080023456"),
            ("٠٠١٠٨٠٠٢٣٤٥٦", "citizen_id", "001080023456"),
            ("𝟎𝟎𝟏𝟎𝟖𝟎𝟎𝟐𝟑𝟒𝟓𝟔", "citizen_id", "001080023456"),
            ("001.080.023.456", "citizen_id", "001080023456"),
            (" 001 080 023 456 ", "citizen_id", "001080023456"),
            ("001-080-023-456", "citizen_id", "001080023456"),
            ("０１２３４５６７８", "identity_card", "012345678"),
            ("ｃ１２３４５６７", "passport", "C1234567"),
        ):
            with self.subTest(typed=typed):
                dossier = self.make_dossier(
                    "restoration", id_document_type=kind, id_document_number=typed
                )
                self.assertEqual(dossier.id_document_number, stored)
        dossier = self.make_dossier(
            "restoration",
            id_document_type="citizen_id",
            id_document_number="００１０８００２３４５６",
        )
        # The public status check compares the last four digits the applicant
        # types, normalised the same way, with the stored number.
        for last in ("３４５６", "٣٤٥٦", "3456"):
            self.assertEqual(normalize_id_number(last), dossier.id_document_number[-4:])
        for typed in ("００１０８００２３４５", "00108002345A", "0010800234567"):
            with (
                self.subTest(typed=typed),
                self.assertRaisesText(ValidationError, "exactly 12 digits"),
            ):
                self.make_dossier(
                    "restoration", id_document_type="citizen_id", id_document_number=typed
                )
        # The shared patterns take ASCII digits only, and no trailing line break.
        self.assertFalse(IDENTITY_NUMBER.match("００１０８００２３４５６"))
        self.assertFalse(IDENTITY_NUMBER.match("001080023456\n"))
        self.assertTrue(IDENTITY_NUMBER.match("001080023456"))
        self.assertFalse(PASSPORT_NUMBER.match("C１２３４５６７"))

    def test_dates_of_birth_are_read_as_people_type_them(self):
        day, month, year = date(1975, 3, 15), date(1975, 3, 1), date(1975, 1, 1)
        for typed, expected in (
            (" 15 / 3 / 1975 ", (day, "day")),
            ("15/03/1975", (day, "day")),
            ("15.03.1975", (day, "day")),
            ("15-3-1975", (day, "day")),
            ("1975-03-15", (day, "day")),
            ("１５/０３/１９７５", (day, "day")),
            ("03/1975", (month, "month")),
            ("1975-03", (month, "month")),
            (" 1975 ", (year, "year")),
        ):
            with self.subTest(typed=typed):
                self.assertEqual(parse_birth_date(typed), expected)
        for typed in ("31/02/1975", "15/3/75", "1975/15/03", "ngày 15/3/1975", "", "9" * 5000):
            with self.subTest(typed=typed[:20]), self.assertRaises(ValueError):
                parse_birth_date(typed)

    def test_messages_quote_only_the_start_of_a_long_input(self):
        quoted = quote_input("1" * 5000)
        self.assertLessEqual(len(quoted), 40)
        self.assertTrue(quoted.startswith("1111") and quoted.endswith("…"))
        self.assertEqual(quote_input("15/03/1975"), "15/03/1975")
        # Nothing hidden or reordering is quoted back.
        self.assertEqual(quote_input("Nguyễn\u202eVăn\nAn"), "Nguyễn\ufffdVăn An")

    def test_an_identity_paper_is_not_issued_before_its_holder_was_born(self):
        with self.assertRaisesText(ValidationError, "before the date of birth"):
            self.make_dossier(
                "restoration",
                birth_date=date(1975, 3, 15),
                id_document_issue_date=date(1970, 6, 1),
            )
        # A year-only date of birth: the paper was issued before that year began.
        with self.assertRaisesText(ValidationError, "before the date of birth"):
            self.make_dossier(
                "restoration",
                birth_date=date(1975, 1, 1),
                birth_date_precision="year",
                id_document_issue_date=date(1974, 12, 31),
            )
        with self.assertRaisesText(ValidationError, "is in the future"):
            self.make_dossier(
                "restoration", id_document_issue_date=fields.Date.today() + timedelta(days=2)
            )
        dossier = self.make_dossier(
            "restoration", birth_date=date(1975, 3, 15), id_document_issue_date=date(2021, 6, 1)
        )
        with self.assertRaisesText(ValidationError, "before the date of birth"):
            self.as_user(self.env["nationality.dossier.member"], self.hn_reception).create(
                {
                    "dossier_id": dossier.id,
                    "relation": "child",
                    "full_name": "Nguyễn Minh Khang",
                    "birth_date": date(2015, 9, 2),
                    "id_document_type": "citizen_id",
                    "id_document_number": "001215012345",
                    "id_document_issue_date": date(2014, 1, 10),
                }
            )
