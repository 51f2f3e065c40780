# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

import lxml.html
from markupsafe import Markup

from odoo import api, models
from odoo.addons.nationality_dossier.report.nationality_dossier_slip_report import (
    DECISION_RESULTS_VI,
)
from odoo.addons.nationality_dossier.tools.dates import place_and_date_vi

# An official letter is a legal Vietnamese document: like the one-stop slips
# of nationality_dossier it is printed in Vietnamese whatever the officer's
# language, so its fixed wording lives here and in the template, untranslated.

# What the list of persons says of each person, per result of the letter.
PERSON_RESULTS_VI = {
    "proposed": "Đề nghị giải quyết",
    "documents_requested": "Đề nghị bổ sung giấy tờ",
    **DECISION_RESULTS_VI,
}

# Title of the head of an issuing agency, per agency type, for the line of a
# letter signed by order (TL.), by authorisation (TUQ.) or, when the deputy's
# title does not say it, for (KT.) the head. [U] Other types print the
# competence alone.
AGENCY_HEAD_TITLES = {
    "stp": "Giám đốc",
    "police": "Giám đốc",
    "people_committee": "Chủ tịch",
    "ministry": "Cục trưởng",
    "other_ministry": "Bộ trưởng",
}

# A subject already written "V/v …" is not given a second "V/v".
SUBJECT_PREFIX = re.compile(r"^\s*v/v[\s.:]*", re.IGNORECASE)
DEPUTY_PREFIX = re.compile(r"^\s*phó\s+", re.IGNORECASE)
ACTING_PREFIX = re.compile(r"^\s*(quyền|q\.)\s*", re.IGNORECASE)
BLANK = "…"
# What makes the PDF converter, which runs on the server, load something from
# an address: a letter's text (typed, or received in an edXML message) must
# not make the server fetch internal addresses nor tell its author when the
# letter is printed. The text prints without them.
REMOTE_RESOURCE_TAGS = (
    "img",
    "picture",
    "source",
    "video",
    "audio",
    "track",
    "iframe",
    "frame",
    "embed",
    "object",
    "link",
    "svg",
    "image",
    "base",
    "meta",
)
REMOTE_RESOURCE_ATTRIBUTES = ("src", "srcset", "background", "poster", "data", "href")


class ReportNationalityLetter(models.AbstractModel):
    """Công văn (Nghị định 30/2020/NĐ-CP, Phụ lục I): the printed official
    letter, with its national heading, number and notation, subject line,
    addressees, text, list of persons, signature and distribution."""

    _name = "report.nationality_exchange.report_letter"
    _description = "Official letter (printed)"

    @api.model
    def _get_report_values(self, docids, data=None):
        # As the current user, without sudo: the record rules on letters
        # decide which letters may be printed (another agency's letter raises).
        docs = self.env["nationality.letter"].browse(docids)
        docs.check_access("read")
        for letter in docs:
            letter._log_personal_data("print", report=self._name)
        return {
            "doc_ids": docs.ids,
            "doc_model": "nationality.letter",
            "docs": docs,
            "letters": {letter.id: self._letter_values(letter) for letter in docs},
        }

    def _letter_values(self, letter):
        parent, unit = self._agency_names(letter.issuing_agency_id)
        authority, position = self._signature_lines(letter, unit)
        return {
            "is_draft": letter.state == "draft",
            "parent_agency_name": parent.upper(),
            "agency_name": unit.upper(),
            "number": self._number_and_notation(letter),
            "summary": self._summary(letter.subject),
            "place_date": place_and_date_vi(letter.place, letter.letter_date),
            "recipients": letter.receiving_agency_ids.mapped("name"),
            "persons": self._persons(letter),
            "authority": authority,
            "position": position,
            "signer_name": letter.signer_name or "",
            "body": self._printable_body(letter.body),
        }

    @api.model
    def _printable_body(self, body):
        """The letter's text without what would load a resource from an
        address (REMOTE_RESOURCE_TAGS, CSS url()); links print as their text."""
        if not body:
            return ""
        tree = lxml.html.fragment_fromstring(str(body), create_parent="div")
        for element in list(tree.iter(*REMOTE_RESOURCE_TAGS)):
            element.drop_tree()
        for element in tree.iter():
            for attribute in REMOTE_RESOURCE_ATTRIBUTES:
                element.attrib.pop(attribute, None)
            if "url(" in element.get("style", "").lower():
                del element.attrib["style"]
        if not tree.text_content().strip():
            return ""
        return Markup(lxml.html.tostring(tree, encoding="unicode"))

    @api.model
    def _agency_names(self, agency):
        """(governing agency, issuing unit) of ``agency``, as the heading
        prints them (Nghị định 30/2020/NĐ-CP, Phụ lục I: tên cơ quan, tổ
        chức chủ quản trực tiếp, then the issuing unit)."""
        if not agency:
            return "", ""
        return (agency.governing_agency_name or "").strip(), agency._unit_name()

    @api.model
    def _number_and_notation(self, letter):
        """'12/STP-HCTP' as the letter is numbered; '…/STP-HCTP', the number
        left blank, while it has none (a draft)."""
        if letter.number and letter.notation:
            return letter.name
        return f"{BLANK}/{letter.notation or BLANK}"

    @api.model
    def _summary(self, subject):
        """The trích yếu line: 'V/v <subject>'."""
        subject = SUBJECT_PREFIX.sub("", subject or "").strip()
        return f"V/v {subject}" if subject else ""

    @api.model
    def _persons(self, letter):
        """The rows of the list of persons, unless the text of the letter
        already carries its table (the letters that the exchange writes)."""
        if not letter.person_ids or "<table" in str(letter.body or ""):
            return []
        return [
            {
                "full_name": person.full_name or "",
                "born": person.birth_date_display or "",
                "dossier_code": person.dossier_code or "",
                "result": PERSON_RESULTS_VI.get(person.result, ""),
                "note": person.note or "",
            }
            for person in letter.person_ids
        ]

    @api.model
    def _signature_lines(self, letter, unit_name):
        """(authority line, position line) above the signature, upper case:
        'KT. GIÁM ĐỐC' / 'PHÓ GIÁM ĐỐC', 'TL. CỤC TRƯỞNG' / 'CHÁNH VĂN
        PHÒNG', 'TM. <collective body>' / 'CHỦ TỊCH', 'Q. GIÁM ĐỐC' alone."""
        competence = letter.signer_competence or ""
        position = (letter.signer_position or "").strip()
        if not competence:
            return "", position.upper()
        head = AGENCY_HEAD_TITLES.get(letter.issuing_agency_id.agency_type, "")
        if competence == "TM.":
            title = unit_name
        elif competence == "KT.":
            if DEPUTY_PREFIX.match(position):
                title = DEPUTY_PREFIX.sub("", position)
            elif position.lower() == "thứ trưởng":
                title = "Bộ trưởng"
            else:
                title = head
        elif competence == "Q.":
            # The acting head signs with the head's title: one line.
            title = ACTING_PREFIX.sub("", position) or head
            return f"{competence} {title}".strip().upper(), ""
        else:
            title = head
        return f"{competence} {title}".strip().upper(), position.upper()
