# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A file accepted on a checklist line must not become a hostile
file afterwards, whatever the path the new content takes."""

from odoo import Command
from odoo.tests import tagged

from ..tools.pdf import text_pdf
from .test_counter_files import PDF_WITH_SCRIPT, CounterFilesCase

HTML = b"<html><script>alert(document.cookie)</script></html>"


@tagged("post_install", "-at_install")
class TestCounterFileRewrites(CounterFilesCase):
    def linked_clean_file(self):
        """A clean scan put on the line by the reception officer."""
        attachment = self.as_user(self.env["ir.attachment"], self.hn_reception).create(
            {"name": "Đơn.pdf", "raw": text_pdf(["Don"])}
        )
        self.line.write({"attachment_ids": [Command.link(attachment.id)]})
        self.assertEqual(self.line.attachment_ids, attachment)
        return attachment

    def test_update_command_on_the_line_cannot_swap_a_files_content(self):
        """(1, id, {"datas": ...}) in attachment_ids rewrites a file already on
        the line through the line's own write: the set of files is the same,
        so nothing looked "new" and the hostile content was kept."""
        attachment = self.linked_clean_file()
        with self.assertRefused("contains JavaScript"):
            self.line.write(
                {"attachment_ids": [Command.update(attachment.id, {"raw": PDF_WITH_SCRIPT})]}
            )
        # The ORM also takes a list of ids in the command.
        with self.assertRefused("is not a PDF, JPEG or PNG file"):
            self.line.write({"attachment_ids": [(Command.UPDATE, [attachment.id], {"raw": HTML})]})
        # Through the dossier's one2many too.
        dossier = self.as_user(self.dossier, self.hn_reception)
        with self.assertRefused("is not a PDF, JPEG or PNG file"):
            dossier.write(
                {
                    "document_ids": [
                        Command.update(
                            self.line.id,
                            {"attachment_ids": [Command.update(attachment.id, {"raw": HTML})]},
                        )
                    ]
                }
            )
        self.assertEqual(attachment.raw, text_pdf(["Don"]))

    def test_writing_the_content_of_a_linked_file_is_checked(self):
        """The officer who may edit the line may write its files: writing
        the content (or turning the file into a link to another site) after
        it was accepted serves the new content to the other officers and
        forwards it to the Ministry, unchecked."""
        attachment = self.as_user(self.linked_clean_file(), self.hn_reception)
        with self.assertRefused("contains JavaScript"):
            attachment.write({"raw": PDF_WITH_SCRIPT})
        with self.assertRefused("is not a PDF, JPEG or PNG file"):
            attachment.write({"datas": False, "type": "url", "url": "https://evil.example/a.exe"})
        self.assertEqual(attachment.raw, text_pdf(["Don"]))
