# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Property-based tests: random and hostile input thrown at the portal forms
over HTTP. Whatever is posted, the answer is a page or a redirect (never a
server error), a refused value comes with its reason, and nothing is half
saved: each stored value is the previous valid one or the new valid one, no
dossier or family member is created from invalid input, and no file is left
without its checklist line."""

import unicodedata
from datetime import date, timedelta
from urllib.parse import quote

from hypothesis import example, given
from hypothesis import strategies as st

from odoo import http
from odoo.addons.nationality_dossier.models.nationality_person_mixin import ID_DOCUMENT_TYPES
from odoo.addons.nationality_dossier.tests.fuzz import fuzz_settings
from odoo.addons.nationality_dossier.tools.person_input import (
    has_control_characters,
    normalize_id_number,
    normalize_text,
)
from odoo.addons.nationality_dossier.tools.upload_scan import scan_upload
from odoo.tests import tagged

from ..models.nationality_dossier import APPLICANT_TEXT_FIELDS, form_int
from .common import NationalityPortalCase, make_image, make_pdf
from .hostile_files import hostile_images, hostile_pdfs

FUZZ = fuzz_settings(25)
# Inputs that once ended in a server error, always tried first.
KNOWN_HOSTILE_APPLICANT = {
    "province_id": "²",
    "ward_id": "١٢",
    "residence_country_id": str(2**40),
    "full_name": "Lê\x00Hoàng",
    "birth_place": "Huế\u202e",
    "birth_date": "²⁰²⁰",
    "id_document_type": "citizen_id",
    "id_document_number": "\x00123456789012",
    "street": "x" * 20_000,
}
# What the portal may answer; 500 never.
CLEAN_STATUSES = {200, 303, 400, 403, 404, 413, 429}

VIETNAMESE_WORDS = [
    "Nguyễn",
    "Thị",
    "Hồng",
    "Nhung",
    "Lê",
    "Hoàng",
    "Phúc",
    "Trần",
    "Văn",
    "Ân",
    "Đặng",
    "Ngọc",
    "Huế",
    "Thừa Thiên",
    "phường Bến Nghé",
    "xã Phú Xuân",
]
HOSTILE = [
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "</textarea><script>alert(document.cookie)</script>",
    "javascript:alert(1)",
    "{{7*7}}",
    "${7*7}",
    '<t t-out="request.env.user.password"/>',
    "%(name)s %s %d",
    "' OR 1=1 --",
    "'; DROP TABLE nationality_dossier; --",
    "\u202egnp.exe",
    "\ufeffNguyễn",
    "Nguy\u200bễn",
    "../../etc/passwd",
    "<!-- -->",
    "]]>",
    "&amp;&lt;",
    "𝒩𝓰𝓊𝓎ễ𝓃",
    "😀👨‍👩‍👧",
    "\U0010fffd",
]
CONTROL = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x1F),
    st.sampled_from(["\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u2069"]),
)


@st.composite
def vietnamese(draw):
    """Vietnamese words, each in NFC or NFD at random."""
    words = draw(st.lists(st.sampled_from(VIETNAMESE_WORDS), min_size=1, max_size=5))
    forms = draw(
        st.lists(st.sampled_from(["NFC", "NFD"]), min_size=len(words), max_size=len(words))
    )
    return " ".join(unicodedata.normalize(form, word) for word, form in zip(words, forms))


TEXT = st.one_of(
    vietnamese(),
    st.text(max_size=40),
    st.sampled_from(HOSTILE),
    # very long strings
    st.builds(
        lambda unit, count: unit * count,
        st.sampled_from(["Nguyễn ", "x", "Ă", unicodedata.normalize("NFD", "ễ")]),
        st.integers(min_value=100, max_value=20_000),
    ),
    # control characters hidden in a name
    st.builds(lambda left, char, right: left + char + right, vietnamese(), CONTROL, vietnamese()),
    st.just(""),
)
ODD_DATES = st.one_of(
    st.sampled_from(
        [
            "31/02/1980",
            "29/02/1900",
            "29/02/2000",
            "00/00/0000",
            "1/1/1",
            "01/13/1980",
            "1879",
            "9999",
            "99999",
            "-1980",
            "1e3",
            "１９８０",
            "١٩٨٠",
            "²⁰²⁰",
            "12/12/2999",
            " ",
            "01-01-1980",
            "1980/01/01",
            "01.01.1980",
            "01/01/1980 và",
            "\x001980",
        ]
    ),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(
        lambda day: day.strftime("%d/%m/%Y")
    ),
    st.text(max_size=12),
)
ODD_IDS = st.one_of(
    st.text(alphabet="0123456789 ", max_size=30),
    st.sampled_from(
        [
            "００１０７２０１２３４５",
            "001 072 012 345",
            "C1234567",
            "c-123/45",
            "\x00123456789012",
            "٠٠١٠٧٢٠١٢٣٤٥",
            "A" * 500,
        ]
    ),
    st.text(max_size=25),
)
ODD_NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "abc", "²", "١٢", "1e3", "0x10", " 12 ", "12\x00", "-0", "NaN"]),
)
ID_TYPES = st.sampled_from(
    ["", "citizen_id", "identity_card", "passport", "residence_card", "other", "bogus", "\x00"]
)


APPLICANT_FUZZ = {
    **{name: TEXT for name in APPLICANT_TEXT_FIELDS},
    "gender": st.sampled_from(["male", "female", "", "other", "<b>"]),
    "birth_date": ODD_DATES,
    "id_document_type": ID_TYPES,
    "id_document_number": ODD_IDS,
    "id_document_issue_date": ODD_DATES,
    "address_scheme": st.sampled_from(["current", "legacy", "abroad", "mars", ""]),
    "province_id": ODD_NUMBERS,
    "ward_id": ODD_NUMBERS,
    "residence_country_id": ODD_NUMBERS,
}


@st.composite
def applicant_changes(draw):
    """Random values for a few fields of the applicant step (the others keep
    the valid values of the test form), or for all of them."""
    names = sorted(APPLICANT_FUZZ)
    chosen = draw(st.sets(st.sampled_from(names), max_size=len(names)))
    return {name: draw(APPLICANT_FUZZ[name]) for name in sorted(chosen)}


@tagged("post_install", "-at_install")
class TestPortalRobustness(NationalityPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The status check is fuzzed too: do not let the limit hide its answers.
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("nationality_portal.rate_limit.status_check.attempts", "100000")
        params.set_param("nationality_portal.rate_limit.signup.attempts", "100000")
        # Every fuzzed example starts a draft in the same transaction.
        params.set_param("nationality_portal.max_drafts", "100000")

    def setUp(self):
        super().setUp()
        self.login(self.applicant)

    def _own(self):
        self.env.invalidate_all()
        return self.env["nationality.dossier"].search(
            [("applicant_user_id", "=", self.applicant.id)]
        )

    def assertClean(self, response, context=""):
        self.assertIn(response.status_code, CLEAN_STATUSES, context)
        self.assertNotIn("Internal Server Error", response.text, context)
        self.assertNotIn("Traceback", response.text, context)

    def assertStoredIsValid(self, record):
        """Every text of ``record`` is one the model accepts, in NFC."""
        # What is stored matters, including the staff-only fields the
        # applicant cannot read.
        record = record.sudo()
        for name, field in record._fields.items():
            if field.type not in ("char", "text") or not field.store or name == "access_token":
                continue
            value = record[name]
            if value:
                self.assertIsNone(record._check_text_value(name, value), name)
                self.assertTrue(unicodedata.is_normalized("NFC", value), name)

    # ------------------------------------------------------------------
    @FUZZ
    @given(changes=applicant_changes())
    @example(changes=KNOWN_HOSTILE_APPLICANT)
    @example(changes={})
    def test_applicant_step_of_a_draft(self, changes):
        form = self.applicant_form(**changes)
        dossier = self.make_draft(full_name="Phạm Văn Đồng", occupation="Giáo viên")
        before = {name: dossier[name] for name in APPLICANT_TEXT_FIELDS}
        before_id = (dossier.id_document_type, dossier.id_document_number)
        before_birth = (dossier.birth_date, dossier.birth_date_precision)
        response = self.post_step("applicant", form, dossier=dossier)
        self.assertClean(response, repr(form))
        self.assertIn(response.status_code, (200, 303))
        if response.status_code == 200:
            self.assertIn("o_nationality_errors", response.text, "a refusal gives its reason")
        dossier.invalidate_recordset()
        for name in APPLICANT_TEXT_FIELDS:
            stored = dossier[name] or ""
            new = normalize_text(form.get(name, ""))
            self.assertIn(stored, ((before[name] or ""), new), name)
            if response.status_code == 303:
                self.assertEqual(stored, new, name)
        stored_id = (dossier.id_document_type or "", dossier.id_document_number or "")
        new_type = (
            form["id_document_type"] if form["id_document_type"] in dict(ID_DOCUMENT_TYPES) else ""
        )
        new_id = (new_type, normalize_id_number(form["id_document_number"]) or "")
        self.assertIn(stored_id, ((before_id[0] or "", before_id[1] or ""), new_id))
        if (
            dossier.birth_date
            and (dossier.birth_date, dossier.birth_date_precision) != before_birth
        ):
            # A new date of birth is a possible one (an empty one clears it):
            # not after today in Vietnam, which may be tomorrow in UTC.
            self.assertTrue(
                date(1880, 1, 1) <= dossier.birth_date <= date.today() + timedelta(days=1)
            )
        self.assertTrue(dossier.full_name)
        self.assertEqual(dossier.state, "draft")
        self.assertStoredIsValid(dossier)

    @FUZZ
    @given(changes=applicant_changes())
    @example(changes=KNOWN_HOSTILE_APPLICANT)
    @example(changes={"full_name": ""})
    def test_first_step_creates_a_valid_draft_or_nothing(self, changes):
        form = self.applicant_form(**changes)
        before = self._own()
        response = self.post_step("applicant", form)
        self.assertClean(response, repr(form))
        self.assertIn(response.status_code, (200, 303))
        created = self._own() - before
        self.assertLessEqual(len(created), 1)
        if created:
            # A draft is made once the name is right; the other valid values
            # are kept in it and the refused ones are shown with their reason.
            self.assertEqual(created.full_name, normalize_text(form["full_name"]))
            self.assertEqual(created.state, "draft")
            self.assertStoredIsValid(created)
        else:
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_nationality_errors", response.text)
            self.assertIn(
                "Full Name" if normalize_text(form["full_name"]) else "Enter your full name",
                response.text,
            )
        if response.status_code == 303:
            self.assertTrue(created)

    @FUZZ
    @given(
        name=TEXT,
        relation=st.sampled_from(["child", "spouse", "", "king"]),
        birth_date=ODD_DATES,
        residence=TEXT,
        id_type=ID_TYPES,
        id_number=ODD_IDS,
        nationality=ODD_NUMBERS,
        applies=st.sampled_from(["", "1", "on", "yes"]),
    )
    def test_family_step(
        self, name, relation, birth_date, residence, id_type, id_number, nationality, applies
    ):
        dossier = self.make_draft()
        response = self.post_step(
            "family",
            {
                "member_new_full_name": name,
                "member_new_relation": relation,
                "member_new_birth_date": birth_date,
                "member_new_residence": residence,
                "member_new_id_document_type": id_type,
                "member_new_id_document_number": id_number,
                "member_new_nationality_id": nationality,
                "member_new_applies_with_applicant": applies,
            },
            dossier=dossier,
        )
        self.assertClean(response)
        dossier.invalidate_recordset()
        if response.status_code == 303:
            self.assertLessEqual(len(dossier.member_ids), 1)
            for member in dossier.member_ids:
                self.assertEqual(member.full_name, normalize_text(name))
                self.assertStoredIsValid(member)
        else:
            self.assertFalse(dossier.member_ids, "a refused member is not stored")
            self.assertIn("o_nationality_errors", response.text)

    @FUZZ
    @given(reasons=TEXT, name_requested=TEXT, loss=TEXT)
    def test_request_step(self, reasons, name_requested, loss):
        dossier = self.make_draft()
        dossier._portal_save_step("questions", self.questions_form())
        before = (
            dossier.reasons,
            dossier.vietnamese_name_requested,
            dossier.former_nationality_loss,
        )
        response = self.post_step(
            "questions",
            self.questions_form(
                reasons=reasons,
                vietnamese_name_requested=name_requested,
                former_nationality_loss=loss,
            ),
            dossier=dossier,
        )
        self.assertClean(response)
        dossier.invalidate_recordset()
        after = (
            dossier.reasons,
            dossier.vietnamese_name_requested,
            dossier.former_nationality_loss,
        )
        for stored, old, new in zip(after, before, (reasons, name_requested, loss)):
            self.assertIn(stored or "", (old or "", normalize_text(new)))
        self.assertStoredIsValid(dossier)

    @FUZZ
    @given(
        files=st.lists(
            st.tuples(
                st.one_of(TEXT, st.sampled_from(["scan.pdf", "ảnh.jpg", "a" * 400 + ".png"])),
                st.one_of(
                    st.binary(max_size=2048),
                    st.sampled_from([make_pdf(), make_image("PNG"), make_image("JPEG"), b""]),
                    st.sampled_from([content for content, _reason in hostile_pdfs().values()]),
                    st.sampled_from([content for content, _reason in hostile_images().values()]),
                    st.builds(
                        lambda head, tail: head + tail, st.just(make_pdf()), st.binary(max_size=512)
                    ),
                ),
            ),
            min_size=1,
            max_size=4,
        ),
        remove=ODD_NUMBERS,
    )
    def test_documents_step(self, files, remove):
        dossier = self.make_draft()
        line = dossier.document_ids[:1]
        response = self.post_step(
            "documents",
            {"remove_file": remove},
            dossier=dossier,
            files=[
                (f"file_{line.id}", (name or "x", content, "application/pdf"))
                for name, content in files
            ],
        )
        self.assertClean(response)
        self.env.invalidate_all()
        linked = line.sudo().attachment_ids
        stored = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", line._name), ("res_id", "=", line.id)])
        )
        self.assertEqual(stored, linked, "no file is left outside its checklist line")
        for attachment in linked:
            self.assertIsNone(scan_upload(attachment.raw)[2], attachment.name)
            self.assertNotIn("\x00", attachment.name)
        self.assertEqual(dossier.state, "draft")

    @FUZZ
    @given(
        company=st.one_of(ODD_NUMBERS, st.just("<department>")),
        declaration=st.sampled_from(["", "1", "0", "on"]),
        notice=st.one_of(ODD_NUMBERS, st.just("<in force>"), st.just(" <in force> ")),
    )
    def test_filing_step(self, company, declaration, notice):
        company = company.replace("<department>", str(self.stp_hn.id))
        notice = notice.replace("<in force>", str(self.notice.id))
        dossier = self.complete_draft(self.make_draft(), declaration=False)
        response = self.post_step(
            "filing",
            {"company_id": company, "declaration": declaration, "privacy_notice_id": notice},
            dossier=dossier,
            nav="submit",
        )
        self.assertClean(response)
        dossier.invalidate_recordset()
        consents = (
            self.env["nationality.privacy.consent"].sudo().search([("dossier_id", "=", dossier.id)])
        )
        if dossier.state == "draft":
            self.assertFalse(consents, "no acceptance is recorded without the filing")
            self.assertIn("o_nationality_errors", response.text)
        else:
            self.assertEqual(dossier.state, "submitted")
            self.assertEqual(consents.notice_id, self.notice)
            self.assertEqual(form_int(notice), self.notice.id)
            self.assertEqual(dossier.company_id, self.stp_hn)
            self.assertIn(declaration, ("1", "on"))

    @FUZZ
    @given(
        code=st.one_of(TEXT, st.just("000.00.21.H26-260101-0001")), digits=st.one_of(TEXT, ODD_IDS)
    )
    def test_status_check(self, code, digits):
        self.authenticate(None, None)
        response = self.post("/en/nationality/status", {"code": code, "digits": digits})
        self.assertClean(response)
        self.assertIn(response.status_code, (200, 429))
        self.assertNotIn("o_nationality_status_result", response.text)

    @FUZZ
    @given(
        code=st.one_of(st.text(max_size=30), st.sampled_from(["restoration", "naturalization"])),
        number=ODD_NUMBERS,
    )
    def test_urls(self, code, number):
        segment = quote(code, safe="") or "x"
        number = quote(number, safe="") or "0"
        for url in (
            f"/en/my/nationality/{number}",
            f"/en/nationality/apply/{segment}",
            f"/en/nationality/apply/{segment}/{number}",
            f"/en/nationality/apply/{segment}/{number}/applicant",
        ):
            response = self.url_open(url, allow_redirects=False)
            if response.status_code in (301, 308):
                # The router's canonical redirect (digits of other scripts,
                # trailing slashes): follow it to the page it means.
                response = self.url_open(url)
            self.assertClean(response, url)
        response = self.post(
            "/en/nationality/apply/restoration/save",
            {"dossier_id": number, "step": "applicant", **self.applicant_form()},
        )
        self.assertClean(response)

    @FUZZ
    @given(
        login=st.one_of(TEXT, st.emails().map(lambda email: email[:60])),
        name=TEXT,
        password=st.sampled_from(["Mat-khau-2026!", "", "\x00\x00\x00\x00\x00\x00\x00\x00"]),
    )
    @example(login="a\x00b@example.com", name="Nguyễn Văn Bình", password="Mat-khau-2026!")
    @example(login="binh@example.com", name="x" * 5000, password="Mat-khau-2026!")
    def test_sign_up(self, login, name, password):
        self.authenticate(None, None)
        response = self.url_open(
            "/en/web/signup",
            data={
                "login": login,
                "name": name,
                "password": password,
                "confirm_password": password,
                "csrf_token": http.Request.csrf_token(self),
            },
            allow_redirects=False,
        )
        self.assertClean(response, repr(login))
        if "\x00" in login:
            user = self.env["res.users"].browse()
        else:
            user = (
                self.env["res.users"]
                .with_context(active_test=False)
                .search([("login", "=", login)])
            )
        for account in user:
            self.assertFalse(has_control_characters(account.login))
            self.assertFalse(has_control_characters(account.name))
            self.assertLessEqual(len(account.login), 254)
            self.assertLessEqual(len(account.name), 150)
            self.assertTrue(account.share, "citizens sign up as portal users")
