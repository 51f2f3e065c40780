# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The files an officer puts on a checklist line at the counter are checked
like the applicant's uploads: plain PDF, JPEG or PNG files only."""

import io
from unittest.mock import patch

from PIL import Image

from odoo import Command
from odoo.tests import tagged

from ..models import nationality_dossier_document
from ..tools.pdf import text_pdf
from ..tools.upload_scan import scanned_files
from .common import NationalityCase

# A passport scan whose opening action runs JavaScript.
PDF_WITH_SCRIPT = text_pdf(["Ho chieu Nguyen Thi Hong Nhung"]).replace(
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
)


def jpeg_scan():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "JPEG")
    return buffer.getvalue()


class CounterFilesCase(NationalityCase):
    """A restoration dossier of Hà Nội and its first checklist line, as the
    reception officer edits it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dossier = cls.make_dossier("restoration", full_name="Trần Thị Ngọc Ánh")
        cls.line = cls.as_user(cls.dossier.document_ids[:1], cls.hn_reception)


@tagged("post_install", "-at_install")
class TestCounterFiles(CounterFilesCase):
    def upload(self, name, content, user=None):
        """Upload a file as the web client does (an attachment of the line),
        then put it on the line."""
        user = user or self.hn_reception
        attachment = self.as_user(self.env["ir.attachment"], user).create(
            {"name": name, "raw": content, "res_model": self.line._name, "res_id": self.line.id}
        )
        self.as_user(self.line, user).write({"attachment_ids": [Command.link(attachment.id)]})
        return attachment

    def test_clean_scans_are_accepted(self):
        pdf = self.upload("Đơn xin trở lại quốc tịch - Trần Thị Ngọc Ánh.pdf", text_pdf(["Don"]))
        photo = self.upload("Ảnh 4x6.jpg", jpeg_scan())
        self.assertEqual(self.line.attachment_ids, pdf | photo)

    def test_a_pdf_with_javascript_is_refused_with_its_reason(self):
        with self.assertRefused("Hộ chiếu.pdf contains JavaScript"):
            self.upload("Hộ chiếu.pdf", PDF_WITH_SCRIPT)
        self.assertFalse(self.line.attachment_ids)

    def test_a_file_named_pdf_that_is_not_one_is_refused(self):
        with self.assertRefused("is not a PDF, JPEG or PNG file"):
            self.upload("Giấy khai sinh.pdf", b"<html><script>alert(1)</script></html>")
        with self.assertRefused("is not a PDF, JPEG or PNG file"):
            self.upload("Lý lịch tư pháp.pdf", b"")
        self.assertFalse(self.line.attachment_ids)

    def test_files_given_when_the_line_is_created_are_checked(self):
        attachment = self.as_user(self.env["ir.attachment"], self.hn_reception).create(
            {"name": "Bản khai lý lịch.pdf", "raw": PDF_WITH_SCRIPT}
        )
        item = self.dossier.document_ids[:1].checklist_item_id
        self.dossier.document_ids[:1].unlink()
        with self.assertRefused("contains JavaScript"):
            self.as_user(self.env["nationality.dossier.document"], self.hn_reception).create(
                {
                    "dossier_id": self.dossier.id,
                    "checklist_item_id": item.id,
                    "attachment_ids": [Command.set(attachment.ids)],
                }
            )

    def test_only_the_new_files_are_scanned(self):
        self.upload("Đơn.pdf", text_pdf(["Don"]))
        with patch.object(
            nationality_dossier_document,
            "scan_upload",
            wraps=nationality_dossier_document.scan_upload,
        ) as scan:
            self.upload("Ảnh.jpg", jpeg_scan())
        self.assertEqual(scan.call_count, 1, "the file already on the line is not scanned again")

    def test_a_file_scanned_in_this_request_is_not_scanned_twice(self):
        content = text_pdf(["Don"])
        attachment = self.as_user(self.env["ir.attachment"], self.hn_reception).create(
            {
                "name": "Đơn.pdf",
                "raw": content,
                "res_model": self.line._name,
                "res_id": self.line.id,
            }
        )
        with (
            patch.object(nationality_dossier_document, "scan_upload") as scan,
            scanned_files(attachment.mapped("checksum")),
        ):
            self.line.write({"attachment_ids": [Command.link(attachment.id)]})
        scan.assert_not_called()
        # Outside the block, the same content counts as unchecked again.
        hostile = self.as_user(self.env["ir.attachment"], self.hn_reception).create(
            {"name": "Đơn 2.pdf", "raw": PDF_WITH_SCRIPT}
        )
        with self.assertRefused("contains JavaScript"):
            self.line.write({"attachment_ids": [Command.link(hostile.id)]})
