# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import NationalityPortalCase


@tagged("post_install", "-at_install")
class TestBackOffice(NationalityPortalCase):
    def test_reception_sees_the_online_dossier_in_the_chosen_department(self):
        with freeze_time("2026-03-02 02:00:00"):
            dossier = self.make_draft()
            dossier._portal_save_step(
                "family",
                {
                    "member_new_full_name": "Nguyễn Thị Mai",
                    "member_new_relation": "spouse",
                    "member_new_birth_date": "05/09/1975",
                },
            )
            # Before filing, the draft is the applicant's own.
            self.complete_draft(dossier, company=self.stp_hcm)
            Dossier = self.env["nationality.dossier"]
            self.assertNotIn(dossier, self.as_user(Dossier, self.hcm_reception).search([]))
            dossier.action_portal_submit(self.notice)

            # Filed: the department chosen sees it with all the data and files, the other does not.
            hcm = self.as_user(Dossier, self.hcm_reception).search([("id", "=", dossier.id)])
            self.assertEqual(hcm, dossier)
            self.assertFalse(
                self.as_user(Dossier, self.hn_reception).search([("id", "=", dossier.id)])
            )
            with self.assertRaises(AccessError):
                self.as_user(dossier, self.hn_reception).read(["full_name"])
            self.assertEqual(hcm.state, "submitted")
            self.assertEqual(hcm.channel, "online")
            self.assertEqual(hcm.full_name, "Lê Hoàng Phúc")
            self.assertEqual(hcm.birth_date_display, "1972")
            self.assertEqual(hcm.id_document_number, "19FR48213")
            self.assertEqual(hcm.ward_id, self.ward)
            self.assertEqual(hcm.vietnamese_name_requested, "Lê Hoàng Phúc")
            self.assertEqual(hcm.ground_ids.code, "repatriation")
            self.assertEqual(hcm.member_ids.full_name, "Nguyễn Thị Mai")
            self.assertTrue(hcm.declaration_accepted and hcm.date_declaration)
            self.assertRegex(hcm.name, r"^000\.00\.21\.H29-260302-\d{4}$")
            files = hcm.document_ids.attachment_ids
            self.assertEqual(len(files), 6)
            self.assertTrue(all(f.raw.startswith(b"%PDF-") for f in files))
            self.assertFalse(hcm.date_accepted, "reception starts the clock, filing does not")
            self.assertFalse(hcm.stage_line_ids)

            # Complete but for the fee, paid at the department: acceptance starts the clock.
            hcm.fee_paid = True
            hcm.action_accept()
            self.assertEqual(hcm.state, "in_progress")
            self.assertEqual(hcm.accepted_by_id, self.hcm_reception)
            self.assertEqual(hcm.date_accepted.date(), date(2026, 3, 2))
            self.assertEqual(hcm.stage_id.code, "police_request")
            self.assertTrue(hcm.stage_date_due)
            self.assertTrue(hcm.date_appointment > date(2026, 4, 1))
            self.assertEqual(len(hcm.stage_line_ids), len(hcm.rule_version_id.stage_ids))

        # The applicant sees the timeline with due dates and the appointment date.
        self.login(self.applicant)
        page = self.url_open(f"/my/nationality/{dossier.id}")
        self.assertIn(hcm._format_date(hcm.date_appointment), page.text)
        self.assertIn(hcm._format_date(hcm.stage_date_due), page.text)
        self.assertIn('data-stage-state="running"', page.text)

    def test_back_office_form_shows_the_online_application(self):
        dossier = self.submitted_dossier()
        form = self.env.ref("nationality_dossier.nationality_dossier_view_form")
        arch = (
            self.env["nationality.dossier"]
            .with_user(self.hn_reception)
            .get_views([(form.id, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('name="applicant_user_id"', arch)
        self.assertIn('name="supplement_attachment_ids"', arch)
        self.assertEqual(dossier.sudo().applicant_user_id, self.applicant)
