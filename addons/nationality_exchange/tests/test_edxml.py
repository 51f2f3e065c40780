# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import uuid
from datetime import date, datetime
from unittest.mock import patch

from lxml import etree

from odoo import Command
from odoo.addons.nationality_dossier.models.nationality_dossier import workflow_transition
from odoo.addons.nationality_exchange.models.nationality_edxml import EDXML_NS, EXTENSION_NS
from odoo.exceptions import UserError
from odoo.tests import tagged

from .letters_common import PDF, EdxmlCase

NS = {"e": EDXML_NS}


@tagged("post_install", "-at_install")
class TestEdxml(EdxmlCase):
    # ------------------------------------------------------------------
    # Export
    # ------------------------------------------------------------------
    def test_export_header_fields(self):
        letter = self.signed_letter()
        root = etree.fromstring(self.export(letter))
        header = root.find("e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader", NS)

        def text(path):
            return header.findtext(path, namespaces=NS)

        self.assertEqual(text("e:From/e:OrganId"), "000.00.21.H26")
        self.assertEqual(text("e:To/e:OrganId"), "000.00.12.G12")
        self.assertEqual(text("e:Code/e:CodeNumber"), "01")
        self.assertEqual(text("e:Code/e:CodeNotation"), "STP-HCTP")
        self.assertEqual(text("e:PromulgationInfo/e:PromulgationDate"), "2031/03/02")
        self.assertEqual(text("e:PromulgationInfo/e:Place"), "Hà Nội")
        self.assertEqual(text("e:DueDate"), "2031/03/16")
        self.assertEqual(text("e:Subject"), letter.subject)
        self.assertEqual(text("e:SignerInfo/e:Competence"), "KT.")
        self.assertEqual(text("e:SignerInfo/e:Position"), "Phó Giám đốc")
        self.assertEqual(text("e:SignerInfo/e:FullName"), "Trần Văn Hùng")
        self.assertEqual(text("e:DocumentId"), letter.document_id)
        self.assertEqual(text("e:SteeringType"), "0")
        trace = root.find("e:edXMLEnvelope/e:edXMLHeader/e:TraceHeaderList/e:TraceHeader", NS)
        self.assertEqual(trace.findtext("e:OrganId", namespaces=NS), "000.00.21.H26")
        self.assertRegex(
            trace.findtext("e:Timestamp", namespaces=NS), r"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}$"
        )
        reference = root.find("e:edXMLEnvelope/e:edXMLBody/e:edXMLManifest/e:Reference", NS)
        self.assertEqual(
            reference.findtext("e:AttachmentName", namespaces=NS), "Công văn 01-STP-HCTP.pdf"
        )
        encoded = root.find("e:AttachmentEncoded/e:Attachment", NS)
        self.assertEqual(
            "cid:" + encoded.findtext("e:ContentId", namespaces=NS),
            reference.findtext("e:ContentId", namespaces=NS),
        )
        self.assertEqual(
            base64.b64decode(encoded.findtext("e:ContentTransferEncoded", namespaces=NS)), PDF
        )

    def test_export_date_format_is_configurable(self):
        self.env["ir.config_parameter"].set_param(
            "nationality_exchange.edxml_date_format", "%d/%m/%Y"
        )
        root = etree.fromstring(self.export(self.signed_letter()))
        self.assertEqual(
            root.findtext(
                "e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader/e:PromulgationInfo/"
                "e:PromulgationDate",
                namespaces=NS,
            ),
            "02/03/2031",
        )

    def test_export_needs_a_signed_letter_and_identifiers(self):
        letter = self.new_letter(self.hn_officer)
        with self.assertRaisesRegex(UserError, "Sign and send"):
            letter.action_export_edxml()
        letter.receiving_agency_ids = self.env.ref("nationality_dossier.agency_president")
        letter.receiving_agency_ids.sudo().code = False
        letter.action_sign_and_send()
        with self.assertRaisesRegex(UserError, "has no electronic identifier"):
            letter.action_export_edxml()

    def test_export_action_files_the_message(self):
        letter = self.signed_letter()
        action = letter.action_export_edxml()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "nationality.letter"), ("res_id", "=", letter.id)],
            order="id desc",
            limit=1,
        )
        self.assertTrue(attachment.name.endswith(".xml"))
        self.assertIn(f"/web/content/{attachment.id}", action["url"])
        self.assertIn(letter.document_id.encode(), attachment.raw)
        self.assertIn("edXML message exported", letter.message_ids[0].body)

    # ------------------------------------------------------------------
    # Round trip and duplicates
    # ------------------------------------------------------------------
    def test_round_trip(self):
        letter = self.signed_letter()
        values = letter.read(
            [
                "number",
                "notation",
                "letter_date",
                "date_due",
                "subject",
                "signer_competence",
                "signer_position",
                "signer_name",
                "document_id",
                "letter_type",
                "place",
            ]
        )[0]
        data = self.export(letter)
        self.forget(letter)

        received, created = self.import_as(self.cuc_officer, data)
        self.assertTrue(created)
        for name, value in values.items():
            if name != "id":
                self.assertEqual(received[name], value, name)
        self.assertEqual(received.name, "01/STP-HCTP")
        self.assertEqual(received.direction, "incoming")
        self.assertEqual(received.state, "received")
        self.assertEqual(received.company_id, self.ministry)
        self.assertEqual(received.issuing_agency_id, self.agency_hn)
        self.assertEqual(received.receiving_agency_ids, self.agency_ministry)
        self.assertEqual(received.received_by_id, self.cuc_officer)
        self.assertEqual(received.attachment_ids.mapped("name"), ["Công văn 01-STP-HCTP.pdf"])
        self.assertEqual(received.attachment_ids.raw, PDF)
        self.assertEqual(received.attachment_ids.res_id, received.id)
        self.assertEqual(received.person_ids.full_name, "Nguyễn Văn Đức")
        self.assertEqual(received.person_ids.birth_date_display, "1957")
        self.assertEqual(
            received.trace_ids.mapped("organ_code"), ["000.00.21.H26", "000.00.12.G12"]
        )
        self.assertTrue(received.is_incoming)

        # The same message again: nothing new.
        before = self.counts()
        again, created = self.import_as(self.cuc_officer, data)
        self.assertFalse(created)
        self.assertEqual(again, received)
        self.assertEqual(self.counts(), before)

    def test_letter_sent_in_the_system_is_recognised(self):
        letter = self.signed_letter()
        before = self.counts()
        found, created = self.import_as(self.cuc_officer, self.export(letter))
        self.assertFalse(created)
        self.assertEqual(found, letter)
        self.assertEqual(self.counts(), before)

    def test_reply_points_to_the_letter_answered(self):
        letter = self.signed_letter()
        reply = self.as_user(self.Letter, self.cuc_officer).create(
            {
                "company_id": self.ministry.id,
                "letter_type": "lookup_answer",
                "subject": "V/v trả lời xác minh quốc tịch",
                "receiving_agency_ids": [Command.set(self.agency_hn.ids)],
                "response_for_id": letter.id,
                "letter_date": date(2031, 3, 10),
            }
        )
        reply.action_sign_and_send()
        data = self.as_user(self.Edxml, self.cuc_officer)._build_message(reply)
        root = etree.fromstring(data)
        response = root.find("e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader/e:ResponseFor", NS)
        self.assertEqual(response.findtext("e:DocumentId", namespaces=NS), letter.document_id)
        self.assertEqual(response.findtext("e:Code", namespaces=NS), letter.name)
        self.forget(reply)
        with workflow_transition():
            letter.sudo().state = "sent"
        received, created = self.import_as(self.hn_officer, data)
        self.assertTrue(created)
        self.assertEqual(received.response_for_id, letter)
        self.assertEqual(received.letter_type, "lookup_answer")
        self.assertEqual(letter.state, "answered")

    def test_accepted_date_variants(self):
        letter = self.signed_letter()
        data = self.export(letter).decode()
        self.forget(letter)
        data = data.replace(
            "<edXML:PromulgationDate>2031/03/02<", "<edXML:PromulgationDate>02/03/2031<"
        ).replace("<edXML:DueDate>2031/03/16<", "<edXML:DueDate>2031-03-16T00:00:00<")
        received, _created = self.import_as(self.cuc_officer, data.encode())
        self.assertEqual(received.letter_date, date(2031, 3, 2))
        self.assertEqual(received.date_due, date(2031, 3, 16))
        stamp = self.Edxml._parse_timestamp("02/03/2031 08:30:00")
        # Vietnam time, stored in UTC.
        self.assertEqual(stamp, datetime(2031, 3, 2, 1, 30))

    # ------------------------------------------------------------------
    # Refused messages
    # ------------------------------------------------------------------
    def test_malformed_xml_is_refused(self):
        data = self.export(self.signed_letter())
        self.assert_refused(data[: len(data) // 2], "not well-formed XML")
        self.assert_refused(b"", "empty")
        self.assert_refused(b"<html><body>Not a letter</body></html>", "not an edXML message")

    def test_entities_and_doctype_are_refused(self):
        xxe = (
            b'<?xml version="1.0"?>\n<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            b'<edXML xmlns="' + EDXML_NS.encode() + b'"><Subject>&xxe;</Subject></edXML>'
        )
        self.assert_refused(xxe, "document type declaration")

    def test_missing_fields_are_listed(self):
        letter = self.signed_letter()
        data = self.export(letter)
        self.forget(letter)
        root = etree.fromstring(data)
        header = root.find("e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader", NS)
        for path in ("e:DocumentId", "e:Subject"):
            node = header.find(path, NS)
            node.getparent().remove(node)
        broken = etree.tostring(root)
        self.assert_refused(broken, r"(?s)lacks required fields.*Subject.*DocumentId")

    def test_unknown_sender_is_refused(self):
        letter = self.signed_letter()
        data = self.export(letter)
        self.forget(letter)
        self.assert_refused(
            data.replace(b"000.00.21.H26", b"000.00.99.H99"),
            r"000\.00\.99\.H99\) is not in the list of agencies",
        )

    def test_message_for_another_agency_is_refused(self):
        letter = self.signed_letter()
        data = self.export(letter)
        self.forget(letter)
        self.assert_refused(data, "not to Sở Tư pháp", user=self.hcm_officer)

    def test_broken_attachment_is_refused(self):
        letter = self.signed_letter()
        data = self.export(letter)
        self.forget(letter)
        root = etree.fromstring(data)
        content = root.find("e:AttachmentEncoded/e:Attachment/e:ContentTransferEncoded", NS)
        content.text = "%%% not base64 %%%"
        self.assert_refused(etree.tostring(root), "not valid base64")
        attachment = root.find("e:AttachmentEncoded/e:Attachment", NS)
        attachment.getparent().remove(attachment)
        self.assert_refused(etree.tostring(root), "listed but its content is missing")

    def test_bad_values_are_refused(self):
        letter = self.signed_letter()
        data = self.export(letter)
        self.forget(letter)
        self.assert_refused(
            data.replace(b"<edXML:CodeNumber>01<", b"<edXML:CodeNumber>mot<"),
            "not a positive whole number",
        )
        self.assert_refused(
            data.replace(
                b"<edXML:PromulgationDate>2031/03/02<", b"<edXML:PromulgationDate>31/31/2031<"
            ),
            "PromulgationDate 31/31/2031 is not a date",
        )

    def message_from(self, sender_code, receiver_code, **extension):
        """A message of a letter that this database never saw."""
        notice = ""
        if extension:
            notice = (
                f'<NationalityExchange xmlns="{EXTENSION_NS}">'
                f"<LetterType>{extension['letter_type']}</LetterType>"
                f"<DecisionNumber>{extension['decision_number']}</DecisionNumber>"
                f"<Person><DossierCode>{extension['dossier_code']}</DossierCode>"
                "<FullName>Kim Min-jun</FullName><Result>granted</Result></Person>"
                "</NationalityExchange>"
            )
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="{EDXML_NS}"><edXMLEnvelope><edXMLHeader><MessageHeader>
<From><OrganId>{sender_code}</OrganId><OrganName>Cục</OrganName></From>
<To><OrganId>{receiver_code}</OrganId></To>
<Code><CodeNumber>77</CodeNumber><CodeNotation>HCTP-QT</CodeNotation></Code>
<PromulgationInfo><PromulgationDate>2026/11/30</PromulgationDate></PromulgationInfo>
<Subject>Thông báo quyết định</Subject><DocumentId>{uuid.uuid4()}</DocumentId>
</MessageHeader></edXMLHeader></edXMLEnvelope>{notice}</edXML>""".encode()

    def test_message_from_an_agency_working_in_the_system_is_refused(self):
        """A department cannot record a letter 'from the Ministry' by import:
        the Ministry's letters arrive in the system itself."""
        dossier = self.dossier_at_committee()
        data = self.message_from(
            self.agency_ministry.code,
            self.agency_hn.code,
            letter_type="decision_notice",
            decision_number="1234/QĐ-CTN",
            dossier_code=dossier.name,
        )
        self.assert_refused(data, "works in this system", user=self.hn_reception)
        # Nor a message that one department claims another sent.
        self.assert_refused(
            self.message_from(self.agency_hcm.code, self.agency_hn.code),
            "works in this system",
            user=self.hn_reception,
        )
        # A message of an agency outside the system is recorded.
        letter, created = self.import_as(
            self.hn_reception, self.message_from(self.agency_bng.code, self.agency_hn.code)
        )
        self.assertTrue(created)
        self.assertEqual(
            (letter.issuing_agency_id, letter.state, letter.company_id),
            (self.agency_bng, "received", self.stp_hn),
        )

    def test_document_id_of_another_sender_is_refused(self):
        letter = self.signed_letter()
        data = self.export(letter)
        with workflow_transition():
            letter.sudo().write(
                {"issuing_agency_id": self.agency_hcm.id, "company_id": self.stp_hcm.id}
            )
        self.assert_refused(data, "already used by letter")

    def test_nothing_is_half_saved(self):
        letter = self.signed_letter()
        data = self.export(letter)
        document_id = letter.document_id
        self.forget(letter)
        before = self.counts()
        Attachment = type(self.env["ir.attachment"])
        with (
            patch.object(Attachment, "create", side_effect=UserError("disk full")),
            self.assertRaisesRegex(UserError, "disk full"),
        ):
            self.import_as(self.cuc_officer, data)
        self.assertEqual(self.counts(), before)
        self.assertFalse(self.Letter.sudo().search([("document_id", "=", document_id)]))
