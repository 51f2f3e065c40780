# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_workflow import NationalityWorkflowCase


@tagged("post_install", "-at_install")
class TestCrossDepartmentNames(NationalityWorkflowCase):
    """Odoo shows the name of a many-to-one's target as superuser: a record
    pointing at another department's dossier must not reveal its code or its
    applicant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hcm_dossier = cls.make_dossier(
            "naturalization",
            company=cls.stp_hcm,
            user=cls.hcm_officer,
            full_name="Trương Mỹ Hạnh",
        )
        cls.hn_dossier = cls.make_dossier("naturalization", full_name="Đỗ Quang Vinh")

    def test_a_wizard_on_another_departments_dossier_shows_no_name(self):
        Wizard = self.as_user(self.env["nationality.dossier.supplement.wizard"], self.hn_reception)
        wizard = Wizard.create({"dossier_id": self.hcm_dossier.id})
        shown = wizard.read(["dossier_id"])[0]["dossier_id"]
        self.assertEqual(shown[0], self.hcm_dossier.id)
        self.assertNotIn("Trương Mỹ Hạnh", shown[1])
        self.assertNotIn(self.hcm_dossier.name, shown[1])
        spec = wizard.web_read({"dossier_id": {"fields": {"display_name": {}}}})
        self.assertNotIn("Trương Mỹ Hạnh", str(spec))

    def test_readable_dossiers_keep_their_name(self):
        Wizard = self.as_user(self.env["nationality.dossier.supplement.wizard"], self.hn_reception)
        wizard = Wizard.create({"dossier_id": self.hn_dossier.id})
        shown = wizard.read(["dossier_id"])[0]["dossier_id"][1]
        self.assertIn("Đỗ Quang Vinh", shown)
        # The other department, and the system (mails, crons), see it whole.
        hcm_name = self.as_user(self.hcm_dossier, self.hcm_officer).sudo().display_name
        self.assertIn("Trương Mỹ Hạnh", hcm_name)
        self.assertIn("Trương Mỹ Hạnh", self.hcm_dossier.with_user(SUPERUSER_ID).display_name)

    def test_notifications_of_another_departments_dossier_are_not_read(self):
        recipient = self.env["res.partner"].create(
            {"name": "Phòng Quản lý xuất nhập cảnh", "email": "xnc@example.com"}
        )
        message = self.as_user(self.hn_dossier, self.hn_officer).message_post(
            body="Đề nghị xác minh nhân thân",
            partner_ids=recipient.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        notifications = message.sudo().notification_ids
        self.assertTrue(notifications)
        Notification = self.as_user(self.env["mail.notification"], self.hcm_officer)
        self.assertFalse(Notification.search([("mail_message_id", "=", message.id)]))
        with self.assertRaises(AccessError):
            Notification.browse(notifications.ids).read(["mail_message_id", "res_partner_id"])
        # The department's own staff still read them.
        own = self.as_user(self.env["mail.notification"], self.hn_officer)
        self.assertEqual(own.search([("mail_message_id", "=", message.id)]), notifications)

    def test_the_name_is_computed_per_user(self):
        # Computed first for somebody who may read the dossier, in the same
        # transaction: another user must not get it from the cache.
        self.assertIn("Đỗ Quang Vinh", self.hn_dossier.with_user(SUPERUSER_ID).display_name)
        other = self.as_user(self.hn_dossier, self.hcm_officer).sudo()
        self.assertEqual(other.display_name, "Restricted dossier")
