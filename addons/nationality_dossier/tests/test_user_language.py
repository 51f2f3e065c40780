# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_workflow import NationalityWorkflowCase


@tagged("post_install", "-at_install")
class TestUserLanguage(NationalityWorkflowCase):
    """An XML-RPC call carries no language: the errors still speak the
    user's language, whichever way the message was built."""

    def test_errors_without_a_language_in_the_call_use_the_users(self):
        dossier = self.make_dossier("naturalization", full_name="Lê Hoàng Phúc")
        user = self.hn_reception
        user.lang = "vi_VN"
        env = self.env(user=user, context={"allowed_company_ids": user.company_ids.ids})
        self.assertFalse(env.context.get("lang"))
        line = env["nationality.dossier.document"].browse(dossier.document_ids[:1].ids)
        with self.assertRaises(AccessError) as caught:
            line.write({"is_satisfied": True})
        self.assertIn("do hệ thống tính và không thể ghi", str(caught.exception))
        # A call that names its language is answered in it.
        with self.assertRaises(AccessError) as caught:
            line.with_context(lang="en_US").write({"is_satisfied": True})
        self.assertIn("computed by the system", str(caught.exception))
