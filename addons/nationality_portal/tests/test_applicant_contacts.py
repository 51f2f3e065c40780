# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import NationalityPortalCase


@tagged("post_install", "-at_install")
class TestApplicantContacts(NationalityPortalCase):
    """The applicants' contacts and portal logins are shown to internal users
    only through the dossiers these users may read (record rules on
    res.partner, inherited by res.users); the other contacts stay visible."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mission_user = new_test_user(
            cls.env,
            login="t.mission.contacts",
            groups="nationality_exchange.group_agency_requester",
            name="Nhân viên ĐSQ (test)",
            lang="en_US",
        )
        cls.nationality_admin = cls.make_user(
            "t.nationality.admin", cls.stp_hcm, "nationality_dossier.group_nationality_admin"
        )
        cls.partner = cls.applicant.partner_id

    def assert_hidden(self, user, partner=None):
        partner = partner or self.partner
        Partner = self.as_user(self.env["res.partner"], user)
        self.assertFalse(Partner.search([("id", "=", partner.id)]))
        self.assertFalse(Partner.search([("email", "=", partner.email)]))
        self.assertFalse(Partner.search_read([("name", "ilike", partner.name)], ["email"]))
        with self.assertRaises(AccessError):
            Partner.browse(partner.id).read(["name", "email"])
        Users = self.as_user(self.env["res.users"], user)
        self.assertFalse(Users.search([("login", "=", partner.user_ids[:1].login)]))
        self.assertNotIn(partner, Users.search([("share", "=", True)]).partner_id)

    def assert_visible(self, user, partner=None):
        partner = partner or self.partner
        Partner = self.as_user(self.env["res.partner"], user)
        self.assertEqual(Partner.search([("email", "=", partner.email)]), partner)
        self.assertEqual(Partner.browse(partner.id).read(["email"])[0]["email"], partner.email)

    def test_department_of_the_dossier_reads_its_applicant(self):
        dossier = self.submitted_dossier()
        self.assertEqual(dossier.partner_id, self.partner)
        self.assert_visible(self.hn_officer)
        self.assert_visible(self.hn_reception)
        form = self.as_user(dossier, self.hn_officer).web_read(
            {"partner_id": {"fields": {"display_name": {}, "email": {}}}}
        )
        self.assertEqual(form[0]["partner_id"]["email"], self.partner.email)
        seen = self.as_user(self.partner, self.hn_officer)
        self.assertTrue(seen.nationality_applicant)
        self.assertTrue(seen.nationality_dossier_readable)
        self.assertFalse(
            self.as_user(self.hn_leader.partner_id, self.hn_officer).nationality_applicant
        )
        # The other applicant filed nothing in Hà Nội: hidden.
        self.assert_hidden(self.hn_officer, self.other_applicant.partner_id)

    def test_other_department_and_external_agency_see_no_applicant(self):
        self.submitted_dossier()
        for user in (self.hcm_officer, self.hcm_reception, self.mission_user, self.plain_user):
            with self.subTest(user=user.login):
                self.assert_hidden(user)

    def test_ministry_reads_the_applicants_of_dossiers_that_reached_it(self):
        dossier = self.submitted_dossier()
        self.assert_hidden(self.cuc_officer)
        dossier.sudo()._write_workflow({"reached_ministry": True})
        self.assert_visible(self.cuc_officer)

    def test_online_draft_does_not_reveal_its_applicant(self):
        # Completed for Hà Nội but not filed: private, and so is its applicant.
        self.complete_draft(self.make_draft(), company=self.stp_hn)
        self.assert_hidden(self.hn_officer)

    def test_archived_portal_account_stays_hidden(self):
        self.submitted_dossier()
        self.applicant.sudo().active = False
        self.assert_hidden(self.hcm_officer)
        self.assert_visible(self.hn_officer)

    def test_contact_of_a_counter_dossier_follows_the_dossier(self):
        contact = self.env["res.partner"].create(
            {"name": "Nguyễn Văn Quầy", "email": "quay@example.com"}
        )
        self.assert_visible(self.hcm_officer, contact)  # not yet an applicant
        self.make_dossier("restoration", partner_id=contact.id)
        self.assert_visible(self.hn_reception, contact)
        self.assert_hidden(self.hcm_officer, contact)

    def test_administrators_and_multi_group_users(self):
        self.make_draft()  # nothing filed anywhere
        self.assert_visible(self.nationality_admin)
        self.assert_visible(self.nationality_admin, self.other_applicant.partner_id)
        self.assert_visible(self.env.ref("base.user_admin"))
        # A group without a rule grants nothing more: an external agency user
        # who also receives dossiers in Hồ Chí Minh City sees that department's
        # applicants only.
        both = new_test_user(
            self.env,
            login="t.mission.hcm",
            groups="nationality_exchange.group_agency_requester,"
            "nationality_dossier.group_reception_officer",
            company_id=self.stp_hcm.id,
            company_ids=[Command.set(self.stp_hcm.ids)],
        )
        self.assert_hidden(both)
        self.submitted_dossier(company=self.stp_hcm)
        self.assert_visible(both)

    def test_user_administrators_manage_portal_accounts(self):
        manager = new_test_user(
            self.env,
            login="t.access.rights",
            groups="base.group_user,base.group_erp_manager,base.group_partner_manager",
        )
        self.assert_visible(manager)
        Users = self.as_user(self.env["res.users"], manager)
        account = Users.create(
            {
                "name": "Phạm Minh Tuấn",
                "login": "t.portal.tuan",
                "email": "tuan@example.com",
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        self.assertTrue(account.share)
        self.assert_hidden(self.hn_officer, account.partner_id)

    def test_colleagues_and_companies_stay_visible(self):
        self.submitted_dossier()
        for user in (self.hcm_officer, self.mission_user, self.plain_user):
            with self.subTest(user=user.login):
                Partner = self.as_user(self.env["res.partner"], user)
                colleagues = (self.hn_officer | self.cuc_officer | self.mission_user).partner_id
                self.assertEqual(Partner.search([("id", "in", colleagues.ids)]), colleagues)
                companies = (self.stp_hn | self.stp_hcm | self.ministry).partner_id
                self.assertEqual(Partner.search([("id", "in", companies.ids)]), companies)
                Partner.browse(colleagues.ids + companies.ids).read(["name", "email"])
                Users = self.as_user(self.env["res.users"], user)
                self.assertIn(self.hn_officer, Users.search([("share", "=", False)]))
                self.assertEqual(
                    Partner.browse(user.partner_id.id).read(["name"])[0]["id"], user.partner_id.id
                )

    def test_officer_messages_the_applicant(self):
        dossier = self.submitted_dossier()
        officer_dossier = self.as_user(dossier, self.hn_officer)
        message = officer_dossier.message_post(
            body="Hồ sơ của ông đã được tiếp nhận.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.partner.ids,
        )
        notified = self.env["mail.notification"].search(
            [("mail_message_id", "=", message.id), ("res_partner_id", "=", self.partner.id)]
        )
        self.assertEqual(notified.notification_type, "email")
        officer_dossier._notify_applicant("Vui lòng bổ sung giấy tờ.")
        self.assertIn(self.partner, dossier.message_partner_ids)
        # The chatter of the web client: followers, recipients, activities.
        officer_dossier.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.hn_leader.id, summary="Xem hồ sơ"
        )
        self.authenticate(self.hn_officer.login, self.hn_officer.login)
        data = self.make_jsonrpc_request(
            "/mail/thread/data",
            {
                "thread_model": "nationality.dossier",
                "thread_id": dossier.id,
                "request_list": ["followers", "suggestedRecipients", "activities"],
            },
        )
        self.assertIn(self.partner.id, [p["id"] for p in data.get("res.partner", [])])
        messages = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "nationality.dossier", "thread_id": dossier.id},
        )
        self.assertIn(message.id, [m["id"] for m in messages["data"]["mail.message"]])

    def test_applicant_reads_own_contact(self):
        self.submitted_dossier()
        Partner = self.env["res.partner"].with_user(self.applicant)
        self.assertEqual(
            Partner.browse(self.partner.id).read(["email"])[0]["email"], self.partner.email
        )
        self.login(self.applicant)
        response = self.url_open("/my/account")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.partner.email, response.text)
