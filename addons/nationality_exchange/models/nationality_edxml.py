# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""edXML messages (QCVN 102:2016/BTTTT) for official letters.

Structure written (namespace ``EDXML_NS``)::

    edXML
     ├─ edXMLEnvelope
     │   ├─ edXMLHeader
     │   │   ├─ MessageHeader: From, To…, Code(CodeNumber, CodeNotation),
     │   │   │   PromulgationInfo(Place, PromulgationDate), DocumentType(Type, TypeName),
     │   │   │   Subject, SignerInfo(Competence, Position, FullName), DueDate,
     │   │   │   OtherInfo(Priority, PageAmount), SteeringType, DocumentId, ResponseFor
     │   │   └─ TraceHeaderList: TraceHeader(OrganId, Timestamp)…
     │   └─ edXMLBody: edXMLManifest: Reference(ContentId, AttachmentName, ContentType)…
     ├─ AttachmentEncoded: Attachment(ContentId, AttachmentName, ContentType,
     │                                ContentTransferEncoded = base64)…
     └─ NationalityExchange (namespace ``EXTENSION_NS``, optional): letter type,
        decision and list of persons, which QCVN 102 has no element for.

[U] The official XSD, the date formats, the DocumentType codes and the time
zone of timestamps are unconfirmed: they are system parameters
(``nationality_exchange.edxml_*``, see ``EDXML_PARAMETERS``). Import accepts
the variants seen in public implementations (``ACCEPTED_DATE_FORMATS``)."""

import base64
import binascii
import mimetypes
import xmlrpc.client
from datetime import datetime

import psycopg2
import pytz
from lxml import etree

from odoo import _, api, fields, models
from odoo.addons.nationality_dossier.models.nationality_dossier import workflow_transition
from odoo.exceptions import UserError

from ..tools.text_input import shown, text_problem

EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
EXTENSION_NS = "urn:vn-nationality-dossiers:exchange:1"
XLINK_NS = "http://www.w3.org/1999/xlink"

# System parameters and their defaults. [U] for every value: see the module docstring.
EDXML_PARAMETERS = {
    # Format of PromulgationDate, DueDate, DecisionDate in exported messages.
    "nationality_exchange.edxml_date_format": "%Y/%m/%d",
    # Format of TraceHeader/Timestamp in exported messages.
    "nationality_exchange.edxml_timestamp_format": "%Y/%m/%d %H:%M:%S",
    # Time zone of timestamps without one.
    "nationality_exchange.edxml_timezone": "Asia/Ho_Chi_Minh",
    # DocumentType/Type and TypeName of an official letter (công văn).
    "nationality_exchange.edxml_document_type": "2",
    "nationality_exchange.edxml_document_type_name": "Công văn",
    # Largest message accepted on import, in megabytes.
    "nationality_exchange.edxml_max_size_mb": "30",
}

# Date and timestamp formats accepted on import, besides the configured ones:
# YYYY/MM/DD and yyyy/MM/dd HH:mm:ss, dd/MM/yyyy HH:mm:ss and ISO 8601.
ACCEPTED_DATE_FORMATS = ("%Y/%m/%d", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
ACCEPTED_TIMESTAMP_FORMATS = (
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%d-%m-%Y %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%d/%m/%Y %H:%M",
)

LETTER_TYPE_CODES = (
    "proposal",
    "request_documents",
    "supplement",
    "decision_notice",
    "lookup_request",
    "lookup_answer",
    "other",
)
PERSON_RESULT_CODES = ("proposed", "documents_requested", "granted", "refused")
# Bounds of a message imported: persons listed, attachments (also receivers
# and traces), length of a text.
MAX_PERSONS = 2000
MAX_ATTACHMENTS = 200
TEXT_LIMIT = 1000
SIGNER_PARTS = ("Competence", "Position", "FullName")
MAX_PROBLEMS_SHOWN = 20


def _local(element):
    return etree.QName(element).localname


def _children(element, name):
    """Children of ``element`` called ``name`` in any namespace: the
    attachments are written in the default namespace by some systems and
    without one by others."""
    if element is None:
        return []
    return [child for child in element if isinstance(child.tag, str) and _local(child) == name]


def _child(element, name):
    found = _children(element, name)
    return found[0] if found else None


def _text(element, *path):
    for name in path:
        element = _child(element, name)
        if element is None:
            return ""
    return (element.text or "").strip()


class NationalityEdxml(models.AbstractModel):
    _name = "nationality.edxml"
    _description = "edXML messages of official letters"

    # ------------------------------------------------------------------
    # Parameters and dates
    # ------------------------------------------------------------------
    @api.model
    def _param(self, key):
        # sudo: reading the exchange's own configuration parameters.
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        return value or EDXML_PARAMETERS[key]

    @api.model
    def _timezone(self):
        try:
            return pytz.timezone(self._param("nationality_exchange.edxml_timezone"))
        except pytz.UnknownTimeZoneError:
            return pytz.timezone(EDXML_PARAMETERS["nationality_exchange.edxml_timezone"])

    @api.model
    def _format_date(self, value):
        return value.strftime(self._param("nationality_exchange.edxml_date_format"))

    @api.model
    def _format_timestamp(self, value):
        """A naive UTC datetime written in the exchange's time zone."""
        local = pytz.utc.localize(value).astimezone(self._timezone())
        return local.strftime(self._param("nationality_exchange.edxml_timestamp_format"))

    @api.model
    def _parse_timestamp(self, text):
        """Naive UTC datetime from a timestamp in any accepted format; raises ValueError."""
        text = (text or "").strip()
        formats = (
            self._param("nationality_exchange.edxml_timestamp_format"),
            *ACCEPTED_TIMESTAMP_FORMATS,
        )
        moment = None
        for fmt in formats:
            try:
                moment = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if moment is None:
            moment = datetime.fromisoformat(text)  # raises ValueError when not ISO either
        if moment.tzinfo is None:
            moment = self._timezone().localize(moment)
        return moment.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _parse_date(self, text):
        """Date from a date (or timestamp) in any accepted format; raises ValueError."""
        text = (text or "").strip()
        for fmt in (self._param("nationality_exchange.edxml_date_format"), *ACCEPTED_DATE_FORMATS):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        for fmt in ACCEPTED_TIMESTAMP_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        return datetime.fromisoformat(text).date()

    # ------------------------------------------------------------------
    # Export
    # ------------------------------------------------------------------
    @api.model
    def _build_message(self, letter):
        """The edXML message of a signed letter, as UTF-8 bytes."""
        letter.ensure_one()
        problems = []
        if not letter.issuing_agency_id.code:
            problems.append(
                _(
                    "the issuing agency %(agency)s has no electronic identifier",
                    agency=letter.issuing_agency_id.name,
                )
            )
        if not letter.receiving_agency_ids:
            problems.append(_("the letter has no receiving agency"))
        for agency in letter.receiving_agency_ids.filtered(lambda rec: not rec.code):
            problems.append(
                _(
                    "the receiving agency %(agency)s has no electronic identifier",
                    agency=agency.name,
                )
            )
        if not (letter.number and letter.notation and letter.letter_date):
            problems.append(_("the letter has no number, notation or date yet"))
        if problems:
            raise UserError(
                _(
                    "The edXML message of letter %(letter)s cannot be built:\n- %(problems)s",
                    letter=letter.name,
                    problems="\n- ".join(problems),
                )
            )

        E = _Builder(EDXML_NS, "edXML")
        root = etree.Element(E.tag("edXML"), nsmap={None: EDXML_NS})
        envelope = etree.SubElement(
            root, E.tag("edXMLEnvelope"), nsmap={"edXML": EDXML_NS, "xlink": XLINK_NS}
        )
        header = E.sub(envelope, "edXMLHeader")
        message = E.sub(header, "MessageHeader")
        self._organ(E, message, "From", letter.issuing_agency_id)
        for agency in letter.receiving_agency_ids:
            self._organ(E, message, "To", agency)
        code = E.sub(message, "Code")
        E.sub(code, "CodeNumber", f"{letter.number:02d}")
        E.sub(code, "CodeNotation", letter.notation)
        promulgation = E.sub(message, "PromulgationInfo")
        E.sub(promulgation, "Place", letter.place or "")
        E.sub(promulgation, "PromulgationDate", self._format_date(letter.letter_date))
        document_type = E.sub(message, "DocumentType")
        E.sub(document_type, "Type", self._param("nationality_exchange.edxml_document_type"))
        E.sub(
            document_type,
            "TypeName",
            self._param("nationality_exchange.edxml_document_type_name"),
        )
        E.sub(message, "Subject", letter.subject)
        signer = E.sub(message, "SignerInfo")
        E.sub(signer, "Competence", letter.signer_competence or "")
        E.sub(signer, "Position", letter.signer_position or "")
        E.sub(signer, "FullName", letter.signer_name or "")
        if letter.date_due:
            E.sub(message, "DueDate", self._format_date(letter.date_due))
        other = E.sub(message, "OtherInfo")
        E.sub(other, "Priority", "0")
        E.sub(other, "PageAmount", "1")
        E.sub(message, "SteeringType", "0")
        E.sub(message, "DocumentId", letter.document_id)
        original = letter.response_for_id
        if original:
            response = E.sub(message, "ResponseFor")
            E.sub(response, "OrganId", original.issuing_agency_id.code or "")
            E.sub(response, "Code", original.name or "")
            if original.letter_date:
                E.sub(response, "PromulgationDate", self._format_date(original.letter_date))
            E.sub(response, "DocumentId", original.document_id or "")
        traces = E.sub(header, "TraceHeaderList")
        trace_lines = letter.trace_ids.sorted(lambda line: (line.timestamp, line.id))
        for line in trace_lines:
            trace = E.sub(traces, "TraceHeader")
            E.sub(trace, "OrganId", line.organ_code)
            E.sub(trace, "Timestamp", self._format_timestamp(line.timestamp))
        if not trace_lines:
            trace = E.sub(traces, "TraceHeader")
            E.sub(trace, "OrganId", letter.issuing_agency_id.code)
            E.sub(
                trace,
                "Timestamp",
                self._format_timestamp(letter.date_sent or letter._now()),
            )

        body = E.sub(envelope, "edXMLBody")
        manifest = E.sub(body, "edXMLManifest")
        manifest.set("version", "1.0")
        encoded = etree.SubElement(root, E.tag("AttachmentEncoded"))
        for index, attachment in enumerate(letter.attachment_ids.sorted("id"), start=1):
            content_id = f"{index:03d}.{letter.document_id}"
            mimetype = attachment.mimetype or "application/octet-stream"
            reference = E.sub(manifest, "Reference")
            reference.set(f"{{{XLINK_NS}}}href", f"cid:{content_id}")
            reference.set(f"{{{XLINK_NS}}}type", "simple")
            E.sub(reference, "ContentId", f"cid:{content_id}")
            E.sub(reference, "AttachmentName", attachment.name)
            E.sub(reference, "ContentType", mimetype)
            item = etree.SubElement(encoded, E.tag("Attachment"))
            for name, value in (
                ("ContentId", content_id),
                ("AttachmentName", attachment.name),
                ("ContentType", mimetype),
                ("ContentTransferEncoded", base64.b64encode(attachment.raw or b"").decode()),
            ):
                etree.SubElement(item, E.tag(name)).text = value

        self._extension(root, letter)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    @api.model
    def _organ(self, E, parent, tag, agency):
        organ = E.sub(parent, tag)
        E.sub(organ, "OrganId", agency.code)
        E.sub(organ, "OrganizationInCharge", agency.name)
        E.sub(organ, "OrganName", agency.name)
        E.sub(organ, "OrganAdd", agency.address or "")
        E.sub(organ, "Email", agency.email or "")
        E.sub(organ, "Telephone", agency.phone or "")

    @api.model
    def _extension(self, root, letter):
        X = _Builder(EXTENSION_NS, "nx")
        extension = etree.SubElement(root, X.tag("NationalityExchange"), nsmap={"nx": EXTENSION_NS})
        extension.set("version", "1")
        X.sub(extension, "LetterType", letter.letter_type)
        if letter.decision_number:
            X.sub(extension, "DecisionNumber", letter.decision_number)
        if letter.decision_date:
            X.sub(extension, "DecisionDate", self._format_date(letter.decision_date))
        for person in letter.person_ids:
            item = X.sub(extension, "Person")
            X.sub(item, "DossierCode", person.dossier_code or "")
            X.sub(item, "FullName", person.full_name)
            X.sub(item, "Born", person.birth_date_display or "")
            X.sub(item, "Result", person.result)
            X.sub(item, "Note", person.note or "")

    # ------------------------------------------------------------------
    # Import
    # ------------------------------------------------------------------
    @api.model
    def _parse_message(self, data):
        """Read and validate an edXML message; return its content as a dict.

        Raises UserError naming every problem found. Nothing is written."""
        if isinstance(data, xmlrpc.client.Binary):
            data = data.data
        if not data:
            raise UserError(_("The edXML file is empty."))
        if isinstance(data, str):
            try:
                data = data.encode("utf-8")
            except UnicodeEncodeError as error:
                raise UserError(_("The edXML message is not valid Unicode text.")) from error
        if not isinstance(data, bytes):
            raise UserError(_("The edXML message must be sent as bytes or as text."))
        max_mb = self._max_size_mb()
        if len(data) > max_mb * 1024 * 1024:
            raise UserError(
                _("The edXML file is larger than %(size)s MB and was refused.", size=max_mb)
            )
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            remove_comments=True,
            remove_pis=True,
        )
        try:
            root = etree.fromstring(data, parser=parser)
        except etree.XMLSyntaxError as error:
            raise UserError(
                _("The file is not well-formed XML and was refused: %(error)s", error=error)
            ) from error
        if root.getroottree().docinfo.doctype:
            raise UserError(_("An edXML message cannot contain a document type declaration."))

        envelope = root if _local(root) == "edXMLEnvelope" else _child(root, "edXMLEnvelope")
        if envelope is None or etree.QName(envelope).namespace != EDXML_NS:
            raise UserError(
                _(
                    "The file is not an edXML message: no edXMLEnvelope in the namespace %(ns)s.",
                    ns=EDXML_NS,
                )
            )
        message = _child(_child(envelope, "edXMLHeader"), "MessageHeader")
        problems = []
        if message is None:
            raise UserError(_("The edXML message has no MessageHeader."))

        sender = _child(message, "From")
        sender_code = _text(sender, "OrganId")
        if not sender_code:
            problems.append(_("From/OrganId (the sender's identifier)"))
        receiver_codes = [_text(item, "OrganId") for item in _children(message, "To")]
        receiver_codes = [code for code in receiver_codes if code]
        if not receiver_codes:
            problems.append(_("To/OrganId (at least one receiver)"))
        number_text = _text(message, "Code", "CodeNumber")
        notation = _text(message, "Code", "CodeNotation")
        if not number_text:
            problems.append(_("Code/CodeNumber (the number)"))
        if not notation:
            problems.append(_("Code/CodeNotation (the notation)"))
        date_text = _text(message, "PromulgationInfo", "PromulgationDate")
        if not date_text:
            problems.append(_("PromulgationInfo/PromulgationDate (the date)"))
        subject = _text(message, "Subject")
        if not subject:
            problems.append(_("Subject (the summary)"))
        document_id = _text(message, "DocumentId")
        if not document_id:
            problems.append(_("DocumentId"))
        if problems:
            raise UserError(
                _(
                    "The edXML message lacks required fields:\n- %(fields)s",
                    fields="\n- ".join(problems),
                )
            )

        invalid = []
        number = 0
        if number_text.isdigit() and len(number_text) <= 9 and int(number_text) > 0:
            number = int(number_text)
        else:
            invalid.append(
                _("CodeNumber %(value)s is not a positive whole number", value=shown(number_text))
            )
        letter_date = due_date = decision_date = False
        try:
            letter_date = self._parse_date(date_text)
        except (ValueError, OverflowError):
            invalid.append(_("PromulgationDate %(value)s is not a date", value=shown(date_text)))
        due_text = _text(message, "DueDate")
        if due_text:
            try:
                due_date = self._parse_date(due_text)
            except (ValueError, OverflowError):
                invalid.append(_("DueDate %(value)s is not a date", value=shown(due_text)))

        traces = []
        for trace in _children(
            _child(_child(envelope, "edXMLHeader"), "TraceHeaderList"), "TraceHeader"
        ):
            organ = _text(trace, "OrganId")
            stamp = _text(trace, "Timestamp")
            if not (organ and stamp):
                invalid.append(_("a TraceHeader lacks its OrganId or Timestamp"))
                continue
            try:
                traces.append({"organ_code": organ, "timestamp": self._parse_timestamp(stamp)})
            except (ValueError, OverflowError):
                invalid.append(
                    _("TraceHeader Timestamp %(value)s is not a date", value=shown(stamp))
                )

        response = _child(message, "ResponseFor")
        response_for = {}
        if response is not None:
            response_for = {
                "organ_code": _text(response, "OrganId"),
                "code": _text(response, "Code"),
                "document_id": _text(response, "DocumentId"),
            }

        attachments = self._parse_attachments(root, envelope, invalid)

        extension = {"letter_type": "other", "persons": []}
        ext = _child(root, "NationalityExchange")
        if ext is not None and etree.QName(ext).namespace == EXTENSION_NS:
            letter_type = _text(ext, "LetterType")
            if letter_type in LETTER_TYPE_CODES:
                extension["letter_type"] = letter_type
            elif letter_type:
                invalid.append(_("LetterType %(value)s is unknown", value=shown(letter_type)))
            extension["decision_number"] = _text(ext, "DecisionNumber")
            decision_text = _text(ext, "DecisionDate")
            if decision_text:
                try:
                    decision_date = self._parse_date(decision_text)
                except (ValueError, OverflowError):
                    invalid.append(
                        _("DecisionDate %(value)s is not a date", value=shown(decision_text))
                    )
            for person in _children(ext, "Person"):
                result = _text(person, "Result") or "proposed"
                full_name = _text(person, "FullName")
                if not full_name or result not in PERSON_RESULT_CODES:
                    invalid.append(_("a person of the list lacks a name or has an unknown result"))
                    continue
                extension["persons"].append(
                    {
                        "dossier_code": _text(person, "DossierCode"),
                        "full_name": full_name,
                        "birth_date_display": _text(person, "Born"),
                        "result": result,
                        "note": _text(person, "Note"),
                    }
                )
        if len(extension["persons"]) > MAX_PERSONS:
            invalid.append(
                _("the list has more than %(count)s persons", count=MAX_PERSONS),
            )
        if len(attachments) > MAX_ATTACHMENTS:
            invalid.append(
                _("the message has more than %(count)s attachments", count=MAX_ATTACHMENTS),
            )
        # Texts stored from the message: bounded, without control characters.
        person_keys = ("dossier_code", "full_name", "birth_date_display", "note")
        if len(receiver_codes) > MAX_ATTACHMENTS or len(traces) > MAX_ATTACHMENTS:
            invalid.append(
                _("the message has more than %(count)s receivers or traces", count=MAX_ATTACHMENTS)
            )
        texts = [
            ("OrganId", sender_code),
            *(("OrganId", code) for code in receiver_codes[:MAX_ATTACHMENTS]),
            *(("OrganId", trace["organ_code"]) for trace in traces[:MAX_ATTACHMENTS]),
            ("CodeNotation", notation),
            ("Place", _text(message, "PromulgationInfo", "Place")),
            ("Subject", subject),
            *(("SignerInfo", _text(message, "SignerInfo", part)) for part in SIGNER_PARTS),
            ("DocumentId", document_id),
            ("DecisionNumber", extension.get("decision_number") or ""),
            *(
                ("Person", person[key])
                for person in extension["persons"][:MAX_PERSONS]
                for key in person_keys
            ),
            *(("AttachmentName", item["name"]) for item in attachments[:MAX_ATTACHMENTS]),
        ]
        problems = {text_problem(self.env, value, name, TEXT_LIMIT) for name, value in texts}
        invalid.extend(sorted(problems - {None}))
        if invalid:
            if len(invalid) > MAX_PROBLEMS_SHOWN:
                more = len(invalid) - MAX_PROBLEMS_SHOWN
                invalid = invalid[:MAX_PROBLEMS_SHOWN] + [
                    _("… and %(count)s more problems", count=more)
                ]
            raise UserError(
                _(
                    "The edXML message is not valid:\n- %(problems)s",
                    problems="\n- ".join(invalid),
                )
            )
        return {
            "sender_code": sender_code,
            "sender_name": _text(sender, "OrganName"),
            "receiver_codes": receiver_codes,
            "number": number,
            "notation": notation,
            "letter_date": letter_date,
            "place": _text(message, "PromulgationInfo", "Place"),
            "subject": subject,
            "signer_competence": _text(message, "SignerInfo", "Competence"),
            "signer_position": _text(message, "SignerInfo", "Position"),
            "signer_name": _text(message, "SignerInfo", "FullName"),
            "date_due": due_date,
            "document_id": document_id,
            "response_for": response_for,
            "traces": traces,
            "attachments": attachments,
            "letter_type": extension["letter_type"],
            "decision_number": extension.get("decision_number") or "",
            "decision_date": decision_date,
            "persons": extension["persons"],
        }

    @api.model
    def _max_size_mb(self):
        try:
            return max(int(self._param("nationality_exchange.edxml_max_size_mb")), 1)
        except ValueError:
            return int(EDXML_PARAMETERS["nationality_exchange.edxml_max_size_mb"])

    @api.model
    def _parse_attachments(self, root, envelope, invalid):
        """Attachments listed in the manifest, with their decoded content."""

        def content_key(value):
            value = (value or "").strip()
            return value[4:] if value.lower().startswith("cid:") else value

        encoded = {}
        for item in _children(_child(root, "AttachmentEncoded"), "Attachment"):
            key = content_key(_text(item, "ContentId"))
            encoded[key] = item
        manifest = _child(_child(envelope, "edXMLBody"), "edXMLManifest")
        references = _children(manifest, "Reference")
        attachments = []
        for reference in references:
            key = content_key(_text(reference, "ContentId")) or content_key(
                reference.get(f"{{{XLINK_NS}}}href")
            )
            item = encoded.pop(key, None)
            name = _text(reference, "AttachmentName") or (
                item is not None and _text(item, "AttachmentName")
            )
            if item is None:
                invalid.append(
                    _(
                        "the attachment %(name)s is listed but its content is missing",
                        name=shown(name or key),
                    )
                )
                continue
            attachments.append(self._decode_attachment(item, name, reference, invalid))
        # Attachments sent without a manifest entry are kept too.
        for item in encoded.values():
            attachments.append(
                self._decode_attachment(item, _text(item, "AttachmentName"), None, invalid)
            )
        return [attachment for attachment in attachments if attachment]

    @api.model
    def _decode_attachment(self, item, name, reference, invalid):
        name = name or _("attachment")
        text = "".join(_text(item, "ContentTransferEncoded").split())
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            invalid.append(
                _("the content of attachment %(name)s is not valid base64", name=shown(name))
            )
            return None
        mimetype = (
            (reference is not None and _text(reference, "ContentType"))
            or _text(item, "ContentType")
            or mimetypes.guess_type(name)[0]
            or "application/octet-stream"
        )
        return {"name": name, "raw": raw, "mimetype": mimetype}

    @api.model
    def import_message(self, data):
        """Entry point for document-exchange hubs over XML-RPC: record the
        letter an edXML message carries (``data``: the message as text or as
        binary) as an incoming letter of the user's current company, with the
        user's own rights.

        Returns a dict: ``id`` and ``name`` (number and notation) of the
        letter, its ``document_id``, and ``created`` (false when the message
        was already recorded)."""
        letter, created = self._import_message(data)
        return {
            "id": letter.id,
            "name": letter.name,
            "document_id": letter.document_id,
            "created": created,
        }

    @api.model
    def _import_message(self, data):
        """Record the letter an edXML message carries as an incoming letter
        of the current company; the user's own rights apply to every record
        created.

        Returns ``(letter, created)``. A message already recorded (same
        DocumentId from the same sender) returns the existing letter and
        creates no letter; another addressee in the system that imports it
        enters it in its own incoming register, once. Everything is written
        in one savepoint: on any error nothing of the message is kept."""
        parsed = self._parse_message(data)
        company = self.env.company
        own_agency = company.nationality_agency_id
        if not own_agency.code:
            raise UserError(
                _(
                    "%(company)s has no electronic identifier in the nationality system; "
                    "an administrator must set it before edXML messages are imported.",
                    company=company.name,
                )
            )
        if own_agency.code not in parsed["receiver_codes"]:
            raise UserError(
                _(
                    "The message is addressed to %(receivers)s, not to %(agency)s (%(code)s); "
                    "switch to the company it is addressed to.",
                    receivers=", ".join(parsed["receiver_codes"]),
                    agency=own_agency.name,
                    code=own_agency.code,
                )
            )
        Agency = self.env["nationality.agency"].with_context(active_test=False)
        sender = Agency.search([("code", "=", parsed["sender_code"])], limit=1)
        if not sender:
            raise UserError(
                _(
                    "The sender %(name)s (%(code)s) is not in the list of agencies; an "
                    "administrator must add it with its electronic identifier before its "
                    "messages are imported.",
                    name=parsed["sender_name"] or "?",
                    code=parsed["sender_code"],
                )
            )

        Letter = self.env["nationality.letter"]
        # sudo: the DocumentId is unique over all companies; look for the
        # letter whatever its company, to recognise a message already recorded.
        existing = Letter.sudo().search([("document_id", "=", parsed["document_id"])], limit=1)
        if existing:
            if existing.issuing_agency_id != sender:
                raise UserError(
                    _(
                        "DocumentId %(document)s is already used by letter %(letter)s of "
                        "another agency; the message was refused.",
                        document=parsed["document_id"],
                        letter=existing.name,
                    )
                )
            existing = existing.with_env(self.env)
            if not existing.has_access("read"):
                raise UserError(
                    _(
                        "This message was already recorded (letter %(letter)s) by another "
                        "department.",
                        letter=existing.sudo().name,
                    )
                )
            existing._enter_message_copy(company)
            return existing, False

        # sudo: whether the sender has a company here is configuration, whatever
        # companies the importing user may see.
        if sender.sudo().nationality_company_ids or sender.sudo().company_id:
            raise UserError(
                _(
                    "The message claims to come from %(name)s (%(code)s), which works in this "
                    "system: its letters arrive here directly, never as an imported file. "
                    "The message was refused; ask %(name)s whether it sent it.",
                    name=sender.name,
                    code=parsed["sender_code"],
                )
            )
        receivers = Agency.search([("code", "in", parsed["receiver_codes"])])
        unknown = sorted(set(parsed["receiver_codes"]) - set(receivers.mapped("code")))
        dossiers = self.env["nationality.dossier"]
        codes = [person["dossier_code"] for person in parsed["persons"] if person["dossier_code"]]
        if codes:
            dossiers = dossiers.search([("name", "in", codes)])
        dossier_by_code = {dossier.name: dossier for dossier in dossiers}
        original = Letter
        if parsed["response_for"].get("document_id"):
            original = Letter.search(
                [("document_id", "=", parsed["response_for"]["document_id"])], limit=1
            )

        try:
            # The letter arrives received, with the number, date, identifier
            # and trace of the message: the exchange's own values (validated
            # above), which users cannot write (workflow_transition).
            with self.env.cr.savepoint(), workflow_transition():
                letter = Letter.create(
                    {
                        "direction": "incoming",
                        "company_id": company.id,
                        "letter_type": parsed["letter_type"],
                        "issuing_agency_id": sender.id,
                        "receiving_agency_ids": [fields.Command.set(receivers.ids)],
                        "number": parsed["number"],
                        "notation": parsed["notation"],
                        "letter_date": parsed["letter_date"],
                        "place": parsed["place"] or False,
                        "date_due": parsed["date_due"],
                        "subject": parsed["subject"],
                        "signer_competence": self._competence(parsed["signer_competence"]),
                        "signer_position": parsed["signer_position"] or False,
                        "signer_name": parsed["signer_name"] or False,
                        "document_id": parsed["document_id"],
                        "response_for_id": original.id or False,
                        "decision_number": parsed["decision_number"] or False,
                        "decision_date": parsed["decision_date"],
                        "dossier_ids": [fields.Command.set(dossiers.ids)],
                        "person_ids": [
                            fields.Command.create(
                                {
                                    "sequence": index,
                                    "dossier_id": dossier_by_code[person["dossier_code"]].id
                                    if person["dossier_code"] in dossier_by_code
                                    else False,
                                    "dossier_code": person["dossier_code"] or False,
                                    "full_name": person["full_name"],
                                    "birth_date_display": person["birth_date_display"] or False,
                                    "result": person["result"],
                                    "note": person["note"] or False,
                                }
                            )
                            for index, person in enumerate(parsed["persons"], start=1)
                        ],
                    }
                )
                attachments = self.env["ir.attachment"].create(
                    [
                        {
                            "name": attachment["name"],
                            "raw": attachment["raw"],
                            "mimetype": attachment["mimetype"],
                            "res_model": letter._name,
                            "res_id": letter.id,
                        }
                        for attachment in parsed["attachments"]
                    ]
                )
                now = letter._now()
                letter.write(
                    {
                        "attachment_ids": [fields.Command.set(attachments.ids)],
                        "state": "received",
                        "date_received": now,
                        "received_by_id": self.env.uid,
                    }
                )
                agencies = {agency.code: agency for agency in (sender | receivers)}
                # sudo: trace lines are written only by the exchange itself.
                self.env["nationality.letter.trace"].sudo().create(
                    [
                        {
                            "letter_id": letter.id,
                            "organ_code": trace["organ_code"],
                            "agency_id": agencies.get(trace["organ_code"], Agency).id or False,
                            "timestamp": trace["timestamp"],
                        }
                        for trace in parsed["traces"]
                    ]
                )
                letter._add_trace(own_agency, now)
                arrival = self.env["nationality.letter.arrival"]._enter(letter, company, now)
                if original and original.company_id in self.env.companies:
                    original._mark_answered(letter)
                note = arrival._imported_note()
                if unknown:
                    note += " " + _(
                        "Other receivers not in the list of agencies: %(codes)s.",
                        codes=", ".join(unknown),
                    )
                letter.message_post(body=note, subtype_xmlid="mail.mt_note")
        except psycopg2.IntegrityError as error:
            raise UserError(
                _(
                    "The message could not be recorded (it is perhaps being imported at the "
                    "same moment): %(error)s",
                    error=error.pgerror or str(error),
                )
            ) from error
        return letter, True

    @api.model
    def _competence(self, value):
        value = (value or "").strip().upper()
        if value and not value.endswith("."):
            value += "."
        known = {"TM.", "KT.", "TL.", "TUQ.", "Q."}
        return value if value in known else ""


class _Builder:
    """Small helper to write elements of one namespace."""

    def __init__(self, namespace, prefix):
        self.namespace = namespace
        self.prefix = prefix

    def tag(self, name):
        return f"{{{self.namespace}}}{name}"

    def sub(self, parent, name, text=None):
        element = etree.SubElement(parent, self.tag(name))
        if text is not None:
            element.text = text
        return element
