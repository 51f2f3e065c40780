# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from PIL import Image

from odoo import Command, http
from odoo.addons.nationality_dossier.tests.common import NationalityCase
from odoo.addons.nationality_dossier.tools.pdf import text_pdf
from odoo.tests import HttpCase, new_test_user


def make_pdf(size=0):
    """A small valid PDF, padded with a comment (before ``startxref``, where
    it moves no object) up to about ``size`` bytes."""
    body = text_pdf(["Lê Hoàng Phúc"])
    padding = max(size - len(body) - 2, 0)
    if not padding:
        return body
    return body.replace(b"startxref\n", b"%" + b"x" * padding + b"\nstartxref\n")


def make_image(kind="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format=kind)
    return buffer.getvalue()


class NationalityPortalCase(NationalityCase, HttpCase):
    """Two applicants on the portal and the Departments of Justice of the
    back-office tests; helpers to fill the online form over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.applicant = new_test_user(
            env,
            login="t.portal.phuc",
            groups="base.group_portal",
            name="Lê Hoàng Phúc",
            email="phuc@example.com",
            tz="Asia/Ho_Chi_Minh",
            lang="en_US",
        )
        cls.other_applicant = new_test_user(
            env,
            login="t.portal.lan",
            groups="base.group_portal",
            name="Trần Thị Lan",
            email="lan@example.com",
            tz="Asia/Ho_Chi_Minh",
            lang="en_US",
        )
        cls.hcm_reception = new_test_user(
            env,
            login="t.hcm.reception",
            groups="nationality_dossier.group_reception_officer",
            company_id=cls.stp_hcm.id,
            company_ids=[Command.set(cls.stp_hcm.ids)],
            tz="Asia/Ho_Chi_Minh",
        )
        cls.restoration = cls.procedures["restoration"]
        cls.province = env["nationality.admin.unit"].search(
            [("unit_type", "=", "province"), ("code", "=", "01")], limit=1
        ) or env["nationality.admin.unit"].search([("unit_type", "=", "province")], limit=1)
        cls.ward = env["nationality.admin.unit"].search(
            [("unit_type", "=", "ward"), ("parent_id", "=", cls.province.id)], limit=1
        )
        cls.france = env.ref("base.fr")
        cls.notice = env.ref("nationality_portal.privacy_notice_2026_1")
        assert cls.notice == env["nationality.privacy.notice"]._get_current()

    # ------------------------------------------------------------------
    # Forms
    # ------------------------------------------------------------------
    def applicant_form(self, **overrides):
        form = {
            "full_name": "Lê Hoàng Phúc",
            "gender": "male",
            "birth_date": "1972",
            "birth_place": "Xã Phú Xuân, huyện Phú Vang, tỉnh Thừa Thiên Huế",
            "id_document_type": "passport",
            "id_document_number": "19FR48213",
            "id_document_issue_date": "12/03/2019",
            "occupation": "Kỹ sư",
            "email": "phuc@example.com",
            "phone": "+33 6 12 34 56 78",
            "address_scheme": "current",
            "province_id": str(self.province.id),
            "ward_id": str(self.ward.id),
            "street": "Số 18 ngõ 25 phố Vũ Ngọc Phan",
        }
        form.update(overrides)
        return form

    def questions_form(self, **overrides):
        grounds = self.restoration.ground_ids.filtered(lambda g: g.code == "repatriation")
        form = {
            "vietnamese_name_requested": "Lê Hoàng Phúc",
            "former_nationality_loss": "Quyết định số 512/2001/QĐ-CTN ngày 20/06/2001",
            "reasons": "Trở về Việt Nam sinh sống cùng gia đình.",
            "ground_ids_list": [str(grounds[:1].id)],
        }
        form.update(overrides)
        return form

    def make_draft(self, user=None, procedure=None, **overrides):
        """A draft made through the same model methods the form uses."""
        Dossier = self.env["nationality.dossier"].with_user(user or self.applicant)
        dossier, errors = Dossier._portal_create_draft(
            procedure or self.restoration, self.applicant_form(**overrides)
        )
        self.assertFalse(errors)
        return dossier

    def complete_draft(self, dossier, company=None, declaration=True):
        """Answer the questions, upload a PDF for every needed document, choose
        the department and confirm the declaration."""
        self.assertFalse(dossier._portal_save_step("questions", self.questions_form()))
        for line in dossier.document_ids.filtered("is_blocking"):
            _attachments, errors = line._portal_add_files([(f"{line.id}.pdf", make_pdf())])
            self.assertFalse(errors)
        errors = dossier._portal_save_step(
            "filing",
            {
                "company_id": str((company or self.stp_hn).id),
                "declaration": "1" if declaration else "",
            },
        )
        self.assertFalse(errors)
        return dossier

    def submitted_dossier(self, user=None, company=None):
        dossier = self.complete_draft(self.make_draft(user=user), company=company)
        dossier.action_portal_submit(self.notice)
        self.assertEqual(dossier.state, "submitted")
        return dossier

    # ------------------------------------------------------------------
    # HTTP
    # ------------------------------------------------------------------
    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, data=None, files=None, allow_redirects=False):
        payload = dict(data or {})
        payload["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=payload, files=files, allow_redirects=allow_redirects)

    def post_step(self, step, data, dossier=None, nav="save", files=None, code="restoration"):
        payload = {key: value for key, value in data.items() if not isinstance(value, list)} | {
            "step": step,
            "nav": nav,
            "dossier_id": dossier.id if dossier else "",
        }
        multi = []
        for key, value in data.items():
            if isinstance(value, list):
                name = key.removesuffix("_list")
                multi += [(name, (None, item)) for item in value]
        if multi:
            payload_files = [(key, (None, str(value))) for key, value in payload.items()]
            payload_files.append(("csrf_token", (None, http.Request.csrf_token(self))))
            return self.url_open(
                f"/nationality/apply/{code}/save",
                files=payload_files + multi + list(files or []),
                allow_redirects=False,
            )
        return self.post(f"/nationality/apply/{code}/save", payload, files=files)
