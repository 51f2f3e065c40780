# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unicodedata
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.addons.nationality_dossier.models.nationality_dossier import simulated_clock
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_workflow import NationalityWorkflowCase, vn_moment

# The stages of each procedure under the rules in force since 1 July 2025.
STAGES_2025 = {
    "naturalization": [
        "police_request",
        "police_verification",
        "stp_submission",
        "committee_review",
        "ministry_review",
        "foreign_release",
        "president_submission",
        "president_decision",
    ],
    "restoration": [
        "police_request",
        "police_verification",
        "stp_submission",
        "committee_review",
        "ministry_review",
        "foreign_release",
        "president_decision",
    ],
    "renunciation": [
        "publication",
        "police_verification",
        "stp_submission",
        "committee_review",
        "ministry_review",
        "president_decision",
    ],
    "nationality_certificate": ["examination"],
    "origin_certificate": ["examination"],
    "foreign_nationality_notice": ["annotation"],
}


def nfd(text):
    return unicodedata.normalize("NFD", text)


@tagged("post_install", "-at_install")
class TestDossierCodesAndRegisters(NationalityWorkflowCase):
    def test_default_code_restarts_per_day_and_per_unit(self):
        with simulated_clock(vn_moment(date(2026, 3, 5))):
            first = self.receive(self.make_dossier("nationality_certificate"))
            second = self.receive(self.make_dossier("nationality_certificate"))
            hcm = self.receive(
                self.make_dossier(
                    "nationality_certificate", company=self.stp_hcm, user=self.hcm_reception
                )
            )
        with simulated_clock(vn_moment(date(2026, 3, 6))):
            next_day = self.receive(self.make_dossier("origin_certificate"))
        self.assertEqual(first.name, "000.00.21.H26-260305-0001")
        self.assertEqual(second.name, "000.00.21.H26-260305-0002")
        self.assertEqual(hcm.name, "000.00.21.H29-260305-0001")
        self.assertEqual(next_day.name, "000.00.21.H26-260306-0001")

    def test_each_department_has_its_own_code_format(self):
        self.stp_hcm.nationality_dossier_code_format = "HCM-{yyyy}{mm}{dd}/{seq:05d}"
        with simulated_clock(vn_moment(date(2026, 3, 5), 16, 45)):
            hcm = self.receive(
                self.make_dossier(
                    "nationality_certificate",
                    company=self.stp_hcm,
                    user=self.hcm_reception,
                    full_name="Trương Thị Mỹ Linh",
                )
            )
            hn = self.receive(self.make_dossier("nationality_certificate"))
        self.assertEqual(hcm.name, "HCM-20260305/00001")
        self.assertEqual(hn.name, "000.00.21.H26-260305-0001")

    def test_online_filing_gets_its_code_when_filed(self):
        dossier = self.make_dossier("restoration", channel="online", full_name="Lê Hoàng Phúc")
        self.assertEqual(dossier.name, "/")
        with simulated_clock(vn_moment(date(2026, 3, 7), 21, 30)):  # a Saturday evening
            dossier.action_submit_online()
        self.assertEqual(dossier.state, "submitted")
        self.assertEqual(dossier.name, "000.00.21.H26-260307-0001")

    def test_invalid_code_formats_are_refused(self):
        for code_format in (
            "{unit}-{yymmdd}",  # no number of the day: every code of a day would be the same
            "{unit}-{dd}",
            "{unit}-{yymmdd}-{number:04d}",
            "{unit}-{seq:04d",
            "HS-{}",
        ):
            with self.subTest(code_format=code_format), self.assertRaises(ValidationError):
                self.stp_hn.nationality_dossier_code_format = code_format

    def test_register_lines_per_register_department_and_year(self):
        with simulated_clock(vn_moment(date(2026, 3, 5))):
            naturalization = self.accept(
                self.make_dossier("naturalization", full_name="Kim Min-jun")
            )
            restoration = self.accept(self.make_dossier("restoration", full_name="Lê Hoàng Phúc"))
            certificate = self.accept(
                self.make_dossier("nationality_certificate", full_name="Nguyễn Quang Huy")
            )
            hcm = self.accept(
                self.make_dossier(
                    "renunciation",
                    company=self.stp_hcm,
                    user=self.hcm_reception,
                    full_name="Nguyễn Hoàng Nam",
                )
            )
        with simulated_clock(vn_moment(date(2027, 1, 5))):
            next_year = self.accept(self.make_dossier("renunciation", full_name="Trần Thị Mai Anh"))
        # Naturalization, restoration and renunciation share one register.
        self.assertEqual(naturalization.register_id, restoration.register_id)
        self.assertEqual((naturalization.register_number, restoration.register_number), (1, 2))
        self.assertEqual(certificate.register_number, 1)
        self.assertEqual(hcm.register_number, 1)
        self.assertEqual((next_year.register_number, next_year.register_year), (1, 2027))
        self.assertEqual(naturalization.register_year, 2026)


@tagged("post_install", "-at_install")
class TestDossierChecklist(NationalityWorkflowCase):
    def applies(self, dossier, code):
        return self.line_of(dossier, code).is_applicable

    def test_conditional_items_apply_only_when_their_condition_holds(self):
        dossier = self.make_dossier(
            "naturalization",
            full_name="Kim Min-jun",
            nationality_ids=[Command.set(self.env.ref("base.kr").ids)],
            id_document_number="M48213057",
        )
        self.assertTrue(self.applies(dossier, "language_proof"))
        self.assertTrue(self.applies(dossier, "residence_proof"))
        self.assertFalse(self.applies(dossier, "exemption_proof"))
        self.assertFalse(self.applies(dossier, "parent_child_proof"))
        self.assertFalse(self.applies(dossier, "parents_agreement"))
        self.assertFalse(self.applies(dossier, "application_representative"))

        dossier.write(
            {
                "ground_ids": [
                    Command.set(self.env.ref("nationality_dossier.ground_spouse_vn").ids)
                ],
                "member_ids": [
                    Command.create(
                        {
                            "relation": "child",
                            "full_name": "Kim Bảo Ngọc",
                            "birth_date": date(2017, 9, 14),
                            "applies_with_applicant": True,
                        }
                    )
                ],
                "represented": True,
                "representative_name": "Nguyễn Thị Thu Trang",
            }
        )
        # An exemption replaces the language, residence and livelihood proofs.
        self.assertTrue(self.applies(dossier, "exemption_proof"))
        self.assertFalse(self.applies(dossier, "language_proof"))
        self.assertFalse(self.applies(dossier, "residence_proof"))
        self.assertFalse(self.applies(dossier, "livelihood_proof"))
        self.assertTrue(self.applies(dossier, "parent_child_proof"))
        self.assertTrue(self.applies(dossier, "parents_agreement"))
        self.assertTrue(self.applies(dossier, "application_representative"))

        blocking = dossier.document_ids.filtered("is_blocking").mapped("document_type_id.code")
        self.assertIn("parents_agreement", blocking)
        self.assertNotIn("language_proof", blocking)
        self.assertNotIn("other_supporting", blocking)
        self.receive(dossier)
        with self.assertRaisesText(UserError, "parents on the child"):
            self.as_user(dossier, self.hn_reception).action_accept()

    def test_conditions_of_renunciation_and_restoration(self):
        renunciation = self.make_dossier("renunciation", full_name="Trần Thị Mai Anh")
        self.assertFalse(self.applies(renunciation, "former_official_decision"))
        renunciation.former_official = True
        self.assertTrue(self.applies(renunciation, "former_official_decision"))
        restoration = self.make_dossier("restoration", full_name="Huỳnh Thị Bích Ngọc")
        self.assertFalse(self.applies(restoration, "foreign_refusal"))
        restoration.foreign_refusal = True
        self.assertTrue(self.applies(restoration, "foreign_refusal"))

    def test_database_lookup_recorded_with_who_when_and_where(self):
        dossier = self.make_dossier(
            "nationality_certificate",
            full_name="Nguyễn Quang Huy",
            id_document_type="citizen_id",
            id_document_number="001068007812",
        )
        line = self.as_user(self.line_of(dossier, "vn_nationality_proof"), self.hn_reception)
        self.assertTrue(line.lookup_allowed)
        self.assertTrue(line.is_blocking)
        line.lookup_reference = "Số định danh cá nhân 001068007812"
        looked_up_at = vn_moment(date(2026, 3, 5), 10, 15)
        with simulated_clock(looked_up_at):
            line.action_record_lookup()
        self.assertTrue(line.lookup_done)
        self.assertEqual(line.lookup_user_id, self.hn_reception)
        self.assertEqual(line.lookup_date, looked_up_at)
        self.assertEqual(line.lookup_source, "National Population Database")
        self.assertTrue(line.is_satisfied)
        self.assertFalse(line.is_blocking)
        note = dossier.message_ids.filtered(lambda m: "001068007812" in (m.body or ""))
        self.assertIn("National Population Database", note.body)
        # The look-up replaces the paper: the file is complete without it.
        self.accept(dossier)
        self.assertEqual(dossier.state, "in_progress")
        self.assertFalse(self.line_of(dossier, "vn_nationality_proof").copies_received)

    def test_lookup_refused_where_the_paper_is_required(self):
        dossier = self.make_dossier("nationality_certificate")
        identity = self.as_user(self.line_of(dossier, "identity_paper"), self.hn_reception)
        self.assertFalse(identity.lookup_allowed)
        identity.lookup_source = "Cơ sở dữ liệu quốc gia về dân cư"
        with self.assertRaisesText(UserError, "cannot be replaced"):
            identity.action_record_lookup()
        self.assertFalse(identity.lookup_done)
        # Before 1 July 2025 nothing could be looked up.
        with simulated_clock(vn_moment(date(2025, 6, 30))):
            old = self.receive(self.make_dossier("restoration", full_name="Huỳnh Thị Bích Ngọc"))
        self.assertEqual(old.rule_version_id.date_from, date(2009, 7, 1))
        old_line = self.as_user(self.line_of(old, "former_nationality_proof"), self.hn_reception)
        old_line.lookup_source = "Cơ sở dữ liệu quốc tịch"
        with self.assertRaisesText(UserError, "cannot be replaced"):
            old_line.action_record_lookup()

    def test_lookup_needs_the_database_consulted(self):
        dossier = self.make_dossier("restoration", full_name="Lê Hoàng Phúc")
        line = self.line_of(dossier, "former_nationality_proof")
        line.checklist_item_id.sudo().lookup_source = False
        with self.assertRaisesText(UserError, "which database"):
            self.as_user(line, self.hn_reception).action_record_lookup()

    def test_lookup_cannot_be_faked_by_writing_its_fields(self):
        dossier = self.make_dossier("nationality_certificate")
        line = self.as_user(self.line_of(dossier, "vn_nationality_proof"), self.hn_leader)
        for values in (
            {"lookup_done": True},
            {"lookup_user_id": self.hn_officer.id},
            {"lookup_date": "2026-03-05 03:00:00"},
            {"original_seen_by_id": self.hn_officer.id},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                line.write(values)
        self.assertFalse(line.lookup_done)
        self.assertTrue(line.is_blocking)


@tagged("post_install", "-at_install")
class TestDossierPeople(NationalityWorkflowCase):
    def child(self, name, birth_date, precision="day", **values):
        return Command.create(
            {
                "relation": "child",
                "full_name": name,
                "birth_date": birth_date,
                "birth_date_precision": precision,
                "applies_with_applicant": True,
                **values,
            }
        )

    @freeze_time("2026-06-30 03:00:00")
    def test_only_minor_children_apply_with_the_applicant(self):
        dossier = self.make_dossier(
            "naturalization",
            full_name="Sengphet Phommachanh",
            birth_date=date(1979, 1, 1),
            birth_date_precision="year",
        )
        self.assertEqual(dossier.birth_date_display, "1979")
        rejected = {
            "an adult child": self.child("Bounthavy Phommachanh", date(2005, 5, 1)),
            "no date of birth": self.child("Noy Phommachanh", False),
            # Born "in 2008": taken as 1 January 2008, so 18 on 30 June 2026.
            "year-only, possibly 18": self.child("Khamla Phommachanh", date(2008, 1, 1), "year"),
        }
        for label, command in rejected.items():
            with self.subTest(label), self.assertRaisesText(ValidationError, "under 18"):
                self.as_user(dossier, self.hn_reception).write({"member_ids": [command]})
        with self.assertRaisesText(ValidationError, "Only a child"):
            self.as_user(dossier, self.hn_reception).write(
                {
                    "member_ids": [
                        Command.create(
                            {
                                "relation": "spouse",
                                "full_name": "Bounmy Phommachanh",
                                "applies_with_applicant": True,
                                "birth_date": date(2010, 1, 1),
                            }
                        )
                    ]
                }
            )
        self.as_user(dossier, self.hn_reception).write(
            {
                "member_ids": [
                    self.child("Noy Phommachanh", date(2014, 5, 12)),
                    self.child("Keo Phommachanh", date(2009, 1, 1), "year"),
                ]
            }
        )
        self.assertEqual(dossier.minor_children_count, 2)
        keo = dossier.member_ids.filtered(lambda m: m.full_name == "Keo Phommachanh")
        self.assertEqual(keo.birth_date_display, "2009")
        self.assertTrue(keo.is_minor)

    def test_age_of_a_child_on_a_back_dated_paper_dossier(self):
        # A paper dossier received on 2 June 2025 and typed in now: the child
        # was 17 on the filing day, whatever their age today.
        with simulated_clock(vn_moment(date(2025, 6, 2))):
            dossier = self.make_dossier(
                "naturalization",
                full_name="Sok Chanthou",
                member_ids=[self.child("Sok Dara", date(2007, 9, 1))],
            )
            self.receive(dossier)
        self.assertEqual(dossier.minor_children_count, 1)
        self.assertTrue(dossier.member_ids.is_minor)

    def test_identity_numbers_are_checked_per_type(self):
        valid = {
            ("citizen_id", " 001 085 012 345 "): "001085012345",
            ("identity_card", "012345678"): "012345678",
            ("passport", "c1234567"): "C1234567",
            ("passport", "M48213057"): "M48213057",
            ("residence_card", "TT0917325"): "TT0917325",
        }
        for (kind, number), stored in valid.items():
            with self.subTest(kind=kind, number=number):
                dossier = self.make_dossier(
                    "nationality_certificate",
                    full_name="Trần Thị Hồng Nhung",
                    id_document_type=kind,
                    id_document_number=number,
                )
                self.assertEqual(dossier.id_document_number, stored)
        invalid = [
            ("citizen_id", "00108501234"),  # 11 digits
            ("citizen_id", "0010850123456"),  # 13 digits
            ("citizen_id", "00108501234A"),
            ("identity_card", "0123456789"),
            ("passport", "ABCDEFG"),  # no digit
            ("passport", "C12"),
            ("residence_card", "TT*0917325"),
        ]
        for kind, number in invalid:
            with (
                self.subTest(kind=kind, number=number),
                self.assertRaisesText(ValidationError, "Trần Thị Hồng Nhung"),
            ):
                self.make_dossier(
                    "nationality_certificate",
                    full_name="Trần Thị Hồng Nhung",
                    id_document_type=kind,
                    id_document_number=number,
                )
        dossier = self.make_dossier("naturalization", full_name="Kim Min-jun")
        with self.assertRaisesText(ValidationError, "Nguyễn Thị Thu Trang"):
            self.as_user(dossier, self.hn_reception).write(
                {
                    "member_ids": [
                        Command.create(
                            {
                                "relation": "spouse",
                                "full_name": "Nguyễn Thị Thu Trang",
                                "id_document_type": "citizen_id",
                                "id_document_number": "0011900345",
                            }
                        )
                    ]
                }
            )

    def test_names_of_members_and_addresses_are_stored_nfc(self):
        dossier = self.make_dossier(
            "naturalization",
            full_name="Kim Min-jun",
            vietnamese_name_requested=nfd("Kim Minh Tuấn"),
            street=nfd("Số 27 phố Trần Hưng Đạo"),
            member_ids=[
                Command.create(
                    {
                        "relation": "spouse",
                        "full_name": nfd("Nguyễn Thị Thu Trang"),
                        "birth_place": nfd("Hà Nội"),
                    }
                )
            ],
        )
        self.assertEqual(dossier.vietnamese_name_requested, "Kim Minh Tuấn")
        self.assertEqual(dossier.street, "Số 27 phố Trần Hưng Đạo")
        self.assertEqual(dossier.member_ids.full_name, "Nguyễn Thị Thu Trang")
        self.assertEqual(dossier.member_ids.birth_place, "Hà Nội")
        self.as_user(dossier, self.hn_reception).write({"full_name": nfd("Kim Minh Tuấn")})
        self.assertEqual(dossier.full_name, "Kim Minh Tuấn")
        self.as_user(dossier.member_ids, self.hn_reception).write(
            {"full_name": nfd("Nguyễn Thị Thu Thủy")}
        )
        self.assertEqual(dossier.member_ids.full_name, "Nguyễn Thị Thu Thủy")
        # A search typed in NFC finds what was typed in NFD.
        Dossier = self.as_user(self.env["nationality.dossier"], self.hn_reception)
        self.assertEqual(Dossier.search([("full_name", "=", "Kim Minh Tuấn")]), dossier)


@tagged("post_install", "-at_install")
class TestProcedureWalks(NationalityWorkflowCase):
    def test_naturalization_cannot_be_filed_online(self):
        dossier = self.make_dossier("naturalization", channel="online", full_name="Zhang Wei")
        with self.assertRaisesText(UserError, "cannot be filed online"):
            dossier.action_submit_online()
        with self.assertRaisesText(UserError, "filed by its applicant"):
            dossier.action_receive()
        self.assertEqual((dossier.state, dossier.name), ("draft", "/"))
        restoration = self.make_dossier("restoration", channel="online")
        restoration.action_submit_online()
        self.assertEqual(restoration.state, "submitted")

    def test_each_procedure_follows_its_own_stages_to_the_decision(self):
        for code, expected in STAGES_2025.items():
            with self.subTest(procedure=code):
                dossier = self.accept(self.make_dossier(code))
                self.assertEqual(
                    dossier.rule_version_id, self.env.ref(f"nationality_dossier.rule_{code}_2025")
                )
                walked = [dossier.stage_id.code]
                while dossier.stage_line_ids.filtered(lambda line: line.state == "planned"):
                    self.complete_stage(dossier)
                    walked.append(dossier.stage_id.code)
                self.assertEqual(walked, expected)
                self.assertEqual(
                    dossier.stage_line_ids.sorted("sequence").mapped("stage_id.code"), expected
                )
                with self.assertRaisesText(UserError, "last stage"):
                    self.as_user(dossier, self.stage_actor(dossier)).action_complete_stage()
                # Only the deciding authority records the decision.
                other = (
                    self.hn_leader if dossier.procedure_id.decided_by_ministry else self.cuc_leader
                )
                with self.assertRaises(AccessError):
                    self.as_user(dossier, other).action_decide("granted", decision_number="1/QĐ")
                self.decide(dossier, number="125/QĐ-CTN")
                self.assertEqual(dossier.state, "decided")
                self.assertEqual(set(dossier.stage_line_ids.mapped("state")), {"done"})
                self.assertEqual(
                    dossier.reached_ministry,
                    code in ("naturalization", "restoration", "renunciation"),
                )
