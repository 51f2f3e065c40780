# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The files "sent for the supplement" of a checklist line are
shown to the officers as downloads, like the line's files: they are checked
the same way, whoever puts them there."""

from odoo import Command
from odoo.addons.nationality_dossier.tests.test_counter_files import (
    PDF_WITH_SCRIPT,
    CounterFilesCase,
)
from odoo.addons.nationality_dossier.tools.pdf import text_pdf
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestSupplementFilesChecked(CounterFilesCase):
    def attachment(self, name, content):
        return self.as_user(self.env["ir.attachment"], self.hn_reception).create(
            {"name": name, "raw": content}
        )

    def test_an_officer_cannot_put_a_hostile_file_among_the_supplement_files(self):
        hostile = self.attachment("Hộ chiếu mới.pdf", PDF_WITH_SCRIPT)
        with self.assertRefused("Hộ chiếu mới.pdf contains JavaScript"):
            self.line.write({"supplement_attachment_ids": [Command.link(hostile.id)]})
        with self.assertRefused("is not a PDF, JPEG or PNG file"):
            self.line.write(
                {
                    "supplement_attachment_ids": [
                        Command.create({"name": "a.pdf", "raw": b"<html><script>1</script>"})
                    ]
                }
            )
        with self.assertRefused("contains JavaScript"):
            self.as_user(self.env["nationality.dossier.document"], self.hn_reception).create(
                {
                    "dossier_id": self.dossier.id,
                    "checklist_item_id": self.line.checklist_item_id.id,
                    "supplement_attachment_ids": [Command.set(hostile.ids)],
                }
            )
        self.assertFalse(self.line.supplement_attachment_ids)
        # A clean file is accepted on both at once.
        clean = self.attachment("Hộ chiếu.pdf", text_pdf(["Ho chieu"]))
        self.line.write(
            {
                "attachment_ids": [Command.link(clean.id)],
                "supplement_attachment_ids": [Command.link(clean.id)],
            }
        )
        self.assertEqual(self.line.supplement_attachment_ids, clean)
