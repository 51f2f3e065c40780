# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The findings of the adversarial review of the online service, each kept
as a test that failed before its fix."""

import io
import os
import random
import struct
import zipfile
import zlib
from xmlrpc.client import Fault

from PIL import Image

from odoo import Command, http
from odoo.addons.nationality_dossier.tools import upload_scan
from odoo.addons.nationality_dossier.tools.upload_scan import scan_upload
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import HOST

from .common import NationalityPortalCase, make_image, make_pdf
from .hostile_files import jpeg_bytes, pdf, pillow_pdf, png_bytes, scanned_pdf, stream


def _numbered(objects):
    out = b"%PDF-1.5\n"
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % index + body + b"\nendobj\n"
    return out, offsets


def pdf_with_xref(objects, compressed=None):
    """A PDF of ``objects`` (their bodies, numbered from 1) with a correct
    cross-reference table, as a reader follows it (a table cannot list the
    ``compressed`` objects: a reader finds them only in a cross-reference
    stream, see pdf_with_xref_stream)."""
    out, offsets = _numbered(objects)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def pdf_with_xref_stream(objects, compressed=None):
    """The same with a cross-reference stream, which also lists the objects
    stored in object streams: ``{number: (object stream number, index)}``."""
    out, offsets = _numbered(objects)
    compressed = compressed or {}
    number = len(objects) + 1  # the cross-reference stream itself
    size = max([number, *compressed]) + 1
    entries = {0: (0, 0, 65535), number: (1, len(out), 0)}
    entries.update({index: (1, offset, 0) for index, offset in enumerate(offsets, start=1)})
    entries.update({key: (2, stm, idx) for key, (stm, idx) in compressed.items()})
    rows = b"".join(struct.pack(">BIH", *entries.get(index, (0, 0, 0))) for index in range(size))
    data = zlib.compress(rows)
    out += (
        b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root 1 0 R/Filter/FlateDecode/Length %d>>"
        b"\nstream\n" % (number, size, len(data))
    )
    xref = entries[number][1]
    return out + data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref


PAGE_OBJECTS = [
    b"<</Type/Catalog/Pages 2 0 R/OpenAction 5 0 R>>",
    b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
    b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
]


def object_stream(*objects):
    """A compressed object stream holding ``(number, body)`` objects."""
    header = b""
    bodies = b""
    for number, body in objects:
        header += b"%d %d " % (number, len(bodies))
        bodies += body + b" "
    data = zlib.compress(header + bodies)
    return (
        b"<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>\nstream\n"
        % (
            len(objects),
            len(header),
            len(data),
        )
        + data
        + b"\nendstream"
    )


def zip_bytes(name="hoa_don.exe", content=b"MZ\x90\x00 fake program"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestScannerParserDifferentials(NationalityPortalCase):
    """M2 and L8: a PDF is judged as readers read it, not only linearly."""

    def test_javascript_behind_an_unterminated_string(self):
        # The breaker's file: the linear reading enters a string that never
        # ends and sees nothing more, the reader follows the table to the script.
        content = pdf_with_xref(
            [
                *PAGE_OBJECTS,
                b"((((((((((((((((",
                b"<</S/JavaScript/JS(app.alert\\(1\\))>>",
            ]
        )
        self.assertEqual(scan_upload(content)[2], "javascript")

    def test_javascript_in_an_object_stream_behind_an_unterminated_string(self):
        # The script is compressed in an object stream after the string that
        # never ends: only the reading through the table finds it.
        for build in (pdf_with_xref, pdf_with_xref_stream):
            content = build(
                [
                    b"<</Type/Catalog/Pages 2 0 R/OpenAction 8 0 R>>",
                    *PAGE_OBJECTS[1:],
                    b"((((((((",
                    object_stream((8, b"<</S/JavaScript/JS(app.launchURL\\('x'\\))>>")),
                ],
                compressed={8: (5, 0)},
            )
            self.assertNotIn(b"JavaScript", content, "the script is only in compressed form")
            self.assertEqual(scan_upload(content)[2], "javascript", build.__name__)

    def test_string_closed_after_the_hidden_object(self):
        # The string closes only after the script object: the linear reading
        # sees one long string, the reader an object.
        content = pdf_with_xref(
            [
                *PAGE_OBJECTS,
                b"(((((",
                b"<</S/JavaScript/JS(app.alert\\(1\\))>>",
                b"<</Producer()))))>>",
            ]
        )
        self.assertEqual(scan_upload(content)[2], "javascript")

    def test_objects_hidden_in_a_string_are_refused_as_unreadable(self):
        # Nothing forbidden, but the reader finds the page inside what the
        # linear reading takes for a string: the two readings disagree.
        body = b"%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n"
        body += b"2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n"
        hidden_at = len(body) + len(b"4 0 obj\n(")
        body += b"4 0 obj\n(\n3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>\nendobj\n)"
        body += b"\nendobj\n"
        offsets = [body.index(b"1 0 obj"), body.index(b"2 0 obj"), hidden_at + 1]
        offsets.append(body.index(b"4 0 obj"))
        xref = len(body)
        body += b"xref\n0 5\n0000000000 65535 f \n"
        body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        body += b"trailer\n<</Size 5/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref
        self.assertEqual(scan_upload(body)[2], "malformed")
        draft = self.make_draft()
        line = draft.document_ids.filtered("is_blocking")[:1]
        attachments, errors = line._portal_add_files([("ho_chieu.pdf", body)])
        self.assertFalse(attachments)
        self.assertIn("ho_chieu.pdf cannot be checked", errors[0])

    def test_decompression_bomb_in_the_cross_reference_stream(self):
        # Only a reader decompresses the cross-reference stream: its
        # decompression is bounded too.
        self.patch(upload_scan, "MAX_INFLATED", 1024 * 1024)
        bomb = zlib.compress(b"\x00" * (3 * 1024 * 1024))
        head = b"%PDF-1.5\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n"
        head += b"2 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\n"
        xref_at = len(head)
        head += (
            b"3 0 obj\n<</Type/XRef/Size 4/W[1 4 2]/Root 1 0 R/Filter/FlateDecode/Length %d>>"
            b"\nstream\n" % len(bomb)
        )
        content = head + bomb + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
        self.assertEqual(scan_upload(content)[2], "bomb")
        # Outside a scan, PyPDF2 decodes as usual.
        self.assertIsNone(upload_scan._READER_STATE.get())

    def test_a_damaged_table_is_repaired_as_readers_do(self):
        # A wrong startxref offset: readers rebuild the table, so does the check.
        for content in (scanned_pdf(), pdf(startxref=5)):
            self.assertIsNone(scan_upload(content)[2])
        hidden = pdf(
            b"7 0 obj<</S/JavaScript/JS(app.alert\\(1\\))>>endobj\n",
            catalog=b"1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 7 0 R>>endobj\n",
            startxref=5,
        )
        self.assertEqual(scan_upload(hidden)[2], "javascript")

    def test_a_pdf_needs_a_pdf_structure(self):
        # L8: the header alone does not make a PDF file.
        for content in (
            b"%PDF-1.4 <html><script>alert(document.cookie)</script></html>",
            b"%PDF-1.4\n<html><body onload=alert(1)></body></html>\n%%EOF\n",
            b"%PDF-1.7\n1 0 obj\n<</Type/Catalog>>\nendobj\n",
            b"%PDF-1.7\n1 0 obj\n<</Type/Catalog>>\nendobj\n%%EOF\n",
            b"%PDF-1.7\n%%EOF\n",
        ):
            self.assertEqual(scan_upload(content)[2], "malformed", content)
        for content in (make_pdf(), make_pdf(4000), pillow_pdf(), scanned_pdf()):
            self.assertIsNone(scan_upload(content)[2])


@tagged("post_install", "-at_install")
class TestEmbeddedArchives(NationalityPortalCase):
    """M3: archives and programs hidden inside a picture or a PDF."""

    def test_zip_inside_a_jpeg_comment(self):
        # The breaker's polyglot: a JPEG whose comment holds a ZIP whose end
        # record comment covers the rest of the picture.
        archive = zip_bytes()
        jpeg = make_image("JPEG")
        rest = jpeg[2:]
        end = archive.rfind(b"PK\x05\x06")
        inner = archive[: end + 20] + struct.pack("<H", len(rest))
        polyglot = b"\xff\xd8\xff\xfe" + struct.pack(">H", len(inner) + 2) + inner + rest
        self.assertEqual(zipfile.ZipFile(io.BytesIO(polyglot)).namelist(), ["hoa_don.exe"])
        self.assertEqual(scan_upload(polyglot)[2], "archive")
        draft = self.make_draft()
        line = draft.document_ids.filtered("is_blocking")[:1]
        attachments, errors = line._portal_add_files([("anh_the.jpg", polyglot)])
        self.assertFalse(attachments)
        self.assertIn("anh_the.jpg has another file (an archive or a program)", errors[0])

    def test_zip_inside_a_pdf_stream(self):
        archive = zip_bytes()
        content = pdf_with_xref(
            [
                b"<</Type/Catalog/Pages 2 0 R>>",
                b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
                b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
                b"<</Length %d>>\nstream\n" % len(archive) + archive + b"\nendstream",
            ]
        )
        self.assertEqual(scan_upload(content)[2], "archive")

    def test_archives_and_programs_inside_images(self):
        jpeg = jpeg_bytes()
        png = png_bytes()
        for name, payload in (
            ("central directory", zip_bytes()[zip_bytes().index(b"PK\x01\x02") :]),
            ("rar", b"Rar!\x1a\x07\x01\x00" + bytes(40)),
            ("7-zip", b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(40)),
            (
                "windows program",
                b"MZ\x90\x00" + bytes(60) + b"This program cannot be run in DOS mode",
            ),
            ("linux program", b"\x7fELF\x02\x01\x01\x00" + bytes(40)),
            ("office document", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(40)),
        ):
            segment = b"\xff\xfe" + struct.pack(">H", len(payload) + 2) + payload
            self.assertEqual(scan_upload(jpeg[:2] + segment + jpeg[2:])[2], "archive", name)
            chunk = struct.pack(">I", len(payload)) + b"prVt" + payload
            chunk += struct.pack(">I", zlib.crc32(b"prVt" + payload) & 0xFFFFFFFF)
            self.assertEqual(scan_upload(png[:33] + chunk + png[33:])[2], "archive", name)

    def test_real_photos_and_scans_are_not_taken_for_archives(self):
        # Noise-like image data holds every 4-byte sequence now and then: the
        # ZIP signatures must be real records to refuse a file.
        generator = random.Random(20260315)
        files = []
        for size, quality in (((1600, 1200), 92), ((2480, 1754), 85), ((900, 1300), 75)):
            noise = Image.frombytes("RGB", size, generator.randbytes(size[0] * size[1] * 3))
            buffer = io.BytesIO()
            noise.save(buffer, format="JPEG", quality=quality)
            files.append(buffer.getvalue())
        noise = Image.frombytes("RGB", (700, 500), generator.randbytes(700 * 500 * 3))
        buffer = io.BytesIO()
        noise.save(buffer, format="PNG")
        files.append(buffer.getvalue())
        files.append(
            pdf(
                stream(
                    5,
                    b"/Type/XObject/Subtype/Image/Width 1600/Height 1200/ColorSpace/DeviceRGB"
                    b"/BitsPerComponent 8/Filter/DCTDecode",
                    files[0],
                )
            )
        )
        for content in files:
            self.assertIsNone(scan_upload(content)[2])


@tagged("post_install", "-at_install")
class TestSupplementFiles(NationalityPortalCase):
    """M4: a supplement is answered with new files; the files the department
    received stay."""

    def _supplement(self):
        dossier = self.submitted_dossier()
        reception = self.as_user(dossier, self.hn_reception)
        line = reception.document_ids.filtered(
            lambda doc: doc.document_type_id.code == "birth_certificate_passport"
        )
        reception.action_request_supplement(note="Bản chụp mờ", missing_lines=line)
        self.assertEqual(dossier.state, "supplement")
        return dossier, line.with_env(self.env)

    def test_supplement_cannot_remove_the_filed_file(self):
        dossier, line = self._supplement()
        filed = line.attachment_ids
        self.assertTrue(filed)
        as_applicant = line.with_user(self.applicant)
        for commands in (
            [Command.unlink(filed[0].id)],
            [Command.delete(filed[0].id)],
            [Command.clear()],
            [Command.set([])],
        ):
            for field in ("attachment_ids", "supplement_attachment_ids"):
                with self.subTest(commands=commands, field=field), self.assertRaises(AccessError):
                    as_applicant.write({field: commands})
        line.invalidate_recordset()
        self.assertEqual(line.attachment_ids, filed)
        self.assertTrue(filed.exists())

    def test_supplement_needs_a_new_file_not_the_old_one_relinked(self):
        dossier, line = self._supplement()
        old = line.attachment_ids[:1]
        with self.assertRaises(AccessError):
            line.with_user(self.applicant).write(
                {"supplement_attachment_ids": [Command.link(old.id)]}
            )
        with self.assertRaises(UserError):
            dossier.with_user(self.applicant).action_portal_resubmit_supplement()
        self.assertEqual(dossier.state, "supplement")
        # A new file answers the request.
        attachments, errors = line.with_user(self.applicant)._portal_add_files(
            [("ho_chieu_ro_net.jpg", make_image("JPEG"))]
        )
        self.assertFalse(errors)
        self.assertEqual(line.supplement_attachment_ids, attachments)
        self.assertEqual(line.attachment_ids, old | attachments)
        dossier.with_user(self.applicant).action_portal_resubmit_supplement()
        self.assertEqual(dossier.state, "submitted")

    def test_draft_files_may_still_be_taken_off(self):
        draft = self.make_draft()
        line = draft.document_ids.filtered("is_blocking")[:1].with_user(self.applicant)
        attachments, errors = line._portal_add_files([("to_khai.pdf", make_pdf())])
        self.assertFalse(errors)
        line._portal_remove_file(attachments)
        self.assertFalse(line.attachment_ids)
        self.assertFalse(attachments.exists())


@tagged("post_install", "-at_install")
class TestDrafts(NationalityPortalCase):
    """M5: a deleted draft leaves no file behind, and the drafts one account
    keeps are limited."""

    def test_deleting_a_draft_deletes_its_files(self):
        draft = self.make_draft()
        lines = draft.document_ids.filtered("is_blocking")[:2]
        attachments = self.env["ir.attachment"]
        for index, line in enumerate(lines):
            # (contents of their own: the file store shares identical contents)
            added, errors = line._portal_add_files([("scan.pdf", make_pdf(7919 + index))])
            self.assertFalse(errors)
            attachments |= added
        stored = [attachment.sudo().store_fname for attachment in attachments]
        self.login(self.applicant)
        response = self.post(f"/my/nationality/{draft.id}/delete")
        self.assertEqual(response.status_code, 303)
        self.assertFalse(draft.exists())
        self.assertFalse(attachments.sudo().exists(), "the passport scan outlives its draft")
        # The file store releases their content at its next clean-up.
        Attachment = self.env["ir.attachment"].sudo()
        Attachment._gc_file_store_unsafe()
        for fname in stored:
            self.assertFalse(os.path.exists(Attachment._full_path(fname)), fname)

    def test_deleting_through_the_model_deletes_the_files_too(self):
        draft = self.make_draft()
        line = draft.document_ids.filtered("is_blocking")[:1]
        attachments, errors = line._portal_add_files([("scan.pdf", make_pdf())])
        self.assertFalse(errors)
        draft.with_user(self.applicant)._portal_unlink_draft()
        self.assertFalse(attachments.sudo().exists())

    def test_drafts_per_account_are_limited(self):
        self.env["ir.config_parameter"].sudo().set_param("nationality_portal.max_drafts", "2")
        first = self.make_draft()
        self.make_draft(full_name="Lê Minh Anh")
        Dossier = self.env["nationality.dossier"].with_user(self.applicant)
        dossier, errors = Dossier._portal_create_draft(self.restoration, self.applicant_form())
        self.assertFalse(dossier)
        self.assertIn("You already have 2 drafts, the most one account may keep", errors["__all__"])
        with self.assertRaises(UserError):
            Dossier.create({"procedure_id": self.restoration.id, "full_name": "Lê Văn Tám"})
        # On the form: the page says why, nothing is created.
        self.login(self.applicant)
        response = self.post_step("applicant", self.applicant_form())
        self.assertEqual(response.status_code, 200)
        self.assertIn("You already have 2 drafts", response.text)
        self.assertEqual(Dossier.search_count([("applicant_user_id", "=", self.applicant.id)]), 2)
        # Another applicant has their own allowance; a deleted draft frees a place.
        self.make_draft(user=self.other_applicant)
        first.with_user(self.applicant)._portal_unlink_draft()
        self.make_draft(full_name="Lê Văn Tám")


@tagged("post_install", "-at_install")
class TestUploadSize(NationalityPortalCase):
    """M8: files over the limit get the size message, never a server error."""

    def _line(self, draft):
        return draft.document_ids.filtered("is_blocking")[:1]

    def test_a_file_over_the_limit_gets_the_size_message(self):
        draft = self.make_draft()
        line = self._line(draft)
        history = draft.document_ids.filtered("is_blocking")[1:2]
        self.login(self.applicant)
        response = self.post_step(
            "documents",
            {},
            dossier=draft,
            files=[
                (f"file_{line.id}", ("big.pdf", make_pdf(11 * 1024 * 1024), "application/pdf")),
                (f"file_{history.id}", ("ly_lich.pdf", make_pdf(), "application/pdf")),
            ],
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("big.pdf is 11 MB; a file may be at most 10 MB", response.text)
        # The other file of the same sending is kept.
        self.assertEqual(history.sudo().attachment_ids.mapped("name"), ["ly_lich.pdf"])

    def test_the_configured_file_limit_applies_above_10_mb(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "nationality_portal.max_file_size_mb", "20"
        )
        draft = self.make_draft()
        line = self._line(draft)
        self.login(self.applicant)
        response = self.post_step(
            "documents",
            {},
            dossier=draft,
            files=[
                (f"file_{line.id}", ("ho_chieu.pdf", make_pdf(12 * 1024 * 1024), "application/pdf"))
            ],
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(line.sudo().attachment_ids.mapped("name"), ["ho_chieu.pdf"])

    def test_a_request_over_the_limit_gets_a_page_back_to_the_step(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("nationality_portal.max_file_size_mb", "1")
        params.set_param("nationality_portal.max_dossier_size_mb", "2")
        draft = self.make_draft()
        line = self._line(draft)
        self.login(self.applicant)
        step = f"/en/nationality/apply/restoration/{draft.id}/documents"
        self.url_open(step)
        payload = [
            ("csrf_token", (None, http.Request.csrf_token(self))),
            ("dossier_id", (None, str(draft.id))),
            ("step", (None, "documents")),
            ("nav", (None, "save")),
            (f"file_{line.id}", ("ho_chieu.pdf", make_pdf(4 * 1024 * 1024), "application/pdf")),
        ]
        response = self.url_open(
            "/en/nationality/apply/restoration/save",
            files=payload,
            headers={"Referer": f"http://{HOST}:{self.http_port()}{step}"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 413)
        self.assertIn("The files sent are too large", response.text)
        self.assertIn("a file may be at most <strong>1 MB</strong>", response.text)
        self.assertIn(f'href="{step}"', response.text)
        self.assertEqual(draft.state, "draft")
        self.assertFalse(line.sudo().attachment_ids)
        # A link from elsewhere leads back to the applicant's dossiers only.
        response = self.url_open(
            "/en/nationality/apply/restoration/save",
            files=payload,
            headers={"Referer": "https://evil.example/nationality/apply/restoration/1/documents"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 413)
        self.assertRegex(response.text, r'href="(/en)?/my/nationality"')


@tagged("post_install", "-at_install")
class TestChatterFiles(NationalityPortalCase):
    """M11: no file reaches a dossier through the chatter, and no dossier
    file opens with an access token."""

    def _upload(self, dossier, **extra):
        return self.url_open(
            "/mail/attachment/upload",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "thread_id": str(dossier.id),
                "thread_model": "nationality.dossier",
                **extra,
            },
            files={
                "ufile": ("hoa_don.exe", b"MZ\x90\x00" + b"\x00" * 200, "application/octet-stream")
            },
        )

    def test_chatter_uploads_are_refused_on_dossiers(self):
        dossier = self.submitted_dossier()
        Attachment = self.env["ir.attachment"].sudo()
        before = Attachment.search_count([])
        self.login(self.applicant)
        for extra in ({}, {"is_pending": "true"}):
            response = self._upload(dossier, **extra)
            self.assertEqual(response.status_code, 200)
            self.assertIn("Files cannot be sent in a message", response.json()["error"])
            self.assertNotIn("access_token", response.text)
        self.assertEqual(Attachment.search_count([]), before)
        # Nor attached to a message the applicant posts.
        pending = Attachment.create(
            {"name": "hoa_don.exe", "raw": b"MZ", "res_model": "mail.compose.message", "res_id": 0}
        )
        pending.write({"create_uid": self.applicant.id})
        with self.assertRaises(UserError):
            dossier.with_user(self.applicant).sudo().message_post(
                body="Tôi gửi thêm hồ sơ", attachment_ids=pending.ids, message_type="comment"
            )

    def test_dossier_files_never_open_with_an_access_token(self):
        dossier = self.submitted_dossier()
        reception = self.as_user(dossier, self.hn_reception)
        reception.message_post(
            body="Giấy hẹn trả kết quả",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("giay_hen.pdf", make_pdf())],
        )
        message_file = dossier.sudo().message_ids.attachment_ids[:1]
        line_file = dossier.sudo().document_ids.attachment_ids[:1]
        for attachment in message_file | line_file:
            token = attachment.sudo().generate_access_token()[0]
            url = f"/web/content/{attachment.id}?access_token={token}&download=true"
            self.authenticate(None, None)
            response = self.url_open(url)
            self.assertIn(response.status_code, (403, 404), attachment.name)
            self.assertFalse(response.content.startswith(b"%PDF-"))
            # The applicant, signed in, still opens the files of their dossier.
            self.login(self.applicant)
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, attachment.name)
            self.assertTrue(response.content.startswith(b"%PDF-"))
            # Another applicant with the link does not.
            self.login(self.other_applicant)
            self.assertIn(self.url_open(url).status_code, (403, 404))


@tagged("post_install", "-at_install")
class TestSentPreregistration(NationalityPortalCase):
    """L1: a pre-registration sent with its declaration and consent is frozen
    for the applicant."""

    def _sent(self):
        procedure = self.procedures["naturalization"]
        draft = self.make_draft(procedure=procedure)
        draft._portal_save_step("filing", {"company_id": str(self.stp_hn.id), "declaration": "1"})
        draft.action_portal_preregister(self.notice)
        self.assertTrue(draft.portal_preregistration)
        return draft

    def test_sent_preregistration_is_frozen(self):
        draft = self._sent()
        as_applicant = draft.with_user(self.applicant)
        for vals in ({"company_id": self.stp_hcm.id}, {"full_name": "Người khác"}):
            with self.assertRaises(UserError):
                as_applicant.write(vals)
        with self.assertRaises(UserError):
            as_applicant._portal_save_step("applicant", self.applicant_form(full_name="Người khác"))
        with self.assertRaises(UserError):
            as_applicant.action_portal_preregister(self.notice)
        with self.assertRaises(UserError):
            as_applicant._portal_unlink_draft()
        with self.assertRaises(UserError):
            self.env["nationality.dossier.member"].with_user(self.applicant).create(
                {"dossier_id": draft.id, "full_name": "Lê Minh Anh", "relation": "child"}
            )
        line = draft.document_ids[:1].with_user(self.applicant)
        with self.assertRaises(UserError):
            line._portal_add_files([("ho_chieu.pdf", make_pdf())])
        draft.invalidate_recordset()
        self.assertEqual(draft.company_id, self.stp_hn)
        self.assertEqual(draft.full_name, "Lê Hoàng Phúc")
        # The form no longer opens it; the page says why.
        self.login(self.applicant)
        response = self.url_open(
            f"/en/nationality/apply/naturalization/{draft.id}/applicant", allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        page = self.url_open(f"/en/my/nationality/{draft.id}").text
        self.assertIn("o_nationality_prereg_frozen", page)
        self.assertNotIn(f"/my/nationality/{draft.id}/delete", page)
        response = self.post_step(
            "applicant",
            self.applicant_form(full_name="Người khác"),
            dossier=draft,
            code="naturalization",
        )
        self.assertEqual(response.status_code, 303)
        draft.invalidate_recordset()
        self.assertEqual(draft.full_name, "Lê Hoàng Phúc")
        # The department still corrects it at the counter.
        self.as_user(draft, self.hn_reception).write({"occupation": "Kỹ sư xây dựng"})


@tagged("post_install", "-at_install")
class TestSignupAndMessages(NationalityPortalCase):
    """L6: sign-up does not confirm logins; L10: the demo citizen reads
    Vietnamese; L11: a portal user gets a clean refusal of back-office actions."""

    def test_sign_up_does_not_confirm_an_existing_login(self):
        answers = []
        for login in (self.applicant.login, "phuc.moi@example.com"):
            self.authenticate(None, None)
            response = self.url_open(
                "/en/web/signup",
                data={
                    "login": login,
                    "name": "Lê Hoàng Phúc",
                    "password": "Mat-khau-2026!",
                    "confirm_password": "Mat-khau-khac",
                    "csrf_token": http.Request.csrf_token(self),
                },
                allow_redirects=False,
            )
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("Another user is already registered", response.text)
            answers.append(response.text)
        self.assertIn("No account could be created with these details", answers[0])

    def test_withdrawal_by_an_applicant_is_a_clean_refusal(self):
        dossier = self.submitted_dossier()
        with self.assertRaisesRegex(
            AccessError, "Only a Reception officer may record a withdrawal"
        ):
            dossier.with_user(self.applicant).action_withdraw("Tôi không muốn tiếp tục")
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, self.applicant.login, self.applicant.login, {}
        )
        with self.assertRaisesRegex(Fault, "Only a Reception officer may record a withdrawal"):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                uid,
                self.applicant.login,
                "nationality.dossier",
                "action_withdraw",
                [[dossier.id], "Tôi không muốn tiếp tục"],
            )
        self.assertEqual(dossier.state, "submitted")

    def test_demo_citizen_reads_vietnamese(self):
        citizen = self.env.ref("nationality_portal.user_citizen")
        dossiers = self.env["nationality.dossier"].search(
            [("applicant_user_id", "=", citizen.id), ("state", "!=", "draft")]
        )
        messages = dossiers.message_ids.filtered(
            lambda message: citizen.partner_id in message.partner_ids
        )
        self.assertGreaterEqual(len(messages), 3)
        text = " ".join(messages.mapped("body")) + " ".join(messages.mapped("subject"))
        for english in ("Dear ", "received online", "What the department asks", "Your dossier"):
            self.assertNotIn(english, text)
        self.assertIn("đã được tiếp nhận trực tuyến", text)
