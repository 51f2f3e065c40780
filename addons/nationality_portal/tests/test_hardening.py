# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import unicodedata
from datetime import timedelta
from pathlib import Path

from freezegun import freeze_time

from odoo import http
from odoo.addons.nationality_dossier.tools import upload_scan
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import NationalityPortalCase, make_pdf
from .hostile_files import (
    hostile_images,
    hostile_pdfs,
    jpeg_bytes,
    pillow_pdf,
    png_bytes,
    scanned_pdf,
)

ADDON = Path(__file__).resolve().parent.parent


@tagged("post_install", "-at_install")
class TestRateLimits(NationalityPortalCase):
    """The public status check and the sign-up are limited per client address."""

    def _signup(self, login, **extra):
        self.authenticate(None, None)
        data = {
            "login": login,
            "name": "Nguyễn Văn Bình",
            "password": "Mat-khau-2026!",
            "confirm_password": "Mat-khau-2026!",
            "csrf_token": http.Request.csrf_token(self),
            **extra,
        }
        return self.url_open("/en/web/signup", data=data, allow_redirects=False)

    def _users(self, login):
        return self.env["res.users"].with_context(active_test=False).search([("login", "=", login)])

    def test_sign_up_is_limited_per_address(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("nationality_portal.rate_limit.signup.attempts", "2")
        params.set_param("nationality_portal.rate_limit.signup.minutes", "30")
        # Two attempts pass, a failed one counting as well.
        response = self._signup("binh.1@example.com")
        self.assertIn(response.status_code, (200, 303))
        self.assertTrue(self._users("binh.1@example.com"))
        response = self._signup("binh.2@example.com", confirm_password="khac")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Passwords do not match", response.text)
        # The third is refused with a clear message, and no account is made.
        response = self._signup("binh.3@example.com")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many accounts were requested from your connection", response.text)
        self.assertRegex(response.text, r"try again in \d+ minutes")
        self.assertIn('name="login"', response.text, "the form is shown again")
        self.assertFalse(self._users("binh.3@example.com"))
        attempts = self.env["nationality.rate.limit"].sudo().search([("scope", "=", "signup")])
        self.assertEqual(len(attempts), 2)
        # The status check has its own budget; the window slides.
        self.assertTrue(self.env["nationality.rate.limit"]._consume("status_check", "127.0.0.1"))
        attempts.write({"attempted_at": "2020-01-01 00:00:00"})
        response = self._signup("binh.3@example.com")
        self.assertIn(response.status_code, (200, 303))
        self.assertTrue(self._users("binh.3@example.com"))
        # Showing the form is not an attempt.
        self.authenticate(None, None)
        self.assertEqual(self.url_open("/en/web/signup").status_code, 200)
        self.assertEqual(
            len(self.env["nationality.rate.limit"].sudo().search([("scope", "=", "signup")])), 3
        )

    def test_sign_up_refuses_hostile_login_and_name(self):
        for login, name, message in (
            ("binh\x00@example.com", "Nguyễn Văn Bình", "The e-mail address contains control"),
            ("x" * 300 + "@example.com", "Nguyễn Văn Bình", "The e-mail address is too long"),
            ("binh.5@example.com", "Nguyễn\u202eBình", "Your name contains control"),
            ("binh.6@example.com", "Bình " * 40, "Your name is too long: at most 150"),
        ):
            response = self._signup(login, name=name)
            self.assertEqual(response.status_code, 200, login)
            self.assertIn(message, response.text)
            self.assertFalse(self._users(login.replace("\x00", "")))
            self.assertFalse(self._users(login) if "\x00" not in login else None)

    def _reset_password(self, login):
        self.authenticate(None, None)
        data = {"login": login, "csrf_token": http.Request.csrf_token(self)}
        return self.url_open("/en/web/reset_password", data=data, allow_redirects=False)

    def test_password_reset_does_not_tell_whether_an_account_exists(self):
        known = self.env.ref("nationality_portal.user_citizen")
        known.partner_id.signup_type = False
        answers = {}
        for login in (known.login, "khong-co-ai@example.com"):
            response = self._reset_password(login)
            self.assertEqual(response.status_code, 200, login)
            self.assertIn("If an account uses this login or e-mail address", response.text)
            self.assertNotIn("No account found", response.text)
            self.assertNotIn("alert-danger", response.text)
            answers[login] = re.sub(r"csrf_token[^>]*", "", response.text.replace(login, ""))
        self.assertEqual(answers[known.login], answers["khong-co-ai@example.com"])
        # The real account did get its reset instructions.
        known.partner_id.invalidate_recordset(["signup_type"])
        self.assertEqual(known.partner_id.signup_type, "reset")
        response = self._reset_password("binh\x00@example.com")
        self.assertIn("The e-mail address contains control", response.text)

    def test_password_reset_is_limited_per_address(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("nationality_portal.rate_limit.reset_password.attempts", "2")
        for _attempt in range(2):
            self.assertEqual(self._reset_password("khong-co-ai@example.com").status_code, 200)
        response = self._reset_password("khong-co-ai@example.com")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many password reset requests", response.text)
        self.assertIn('name="login"', response.text, "the form is shown again")
        # Showing the form is not an attempt; the sign-up has its own budget.
        self.assertEqual(self.url_open("/en/web/reset_password").status_code, 200)
        self.assertEqual(
            self.env["nationality.rate.limit"]
            .sudo()
            .search_count([("scope", "=", "reset_password")]),
            2,
        )
        self.assertIn(self._signup("binh.7@example.com").status_code, (200, 303))

    def test_one_ipv6_network_counts_as_one_client(self):
        RateLimit = self.env["nationality.rate.limit"]
        self.env["ir.config_parameter"].sudo().set_param(
            "nationality_portal.rate_limit.status_check.attempts", "3"
        )
        # A subscriber holds a whole /64: changing the last bits is the same client.
        for host in ("2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:abcd::3"):
            self.assertTrue(RateLimit._consume("status_check", host))
        self.assertFalse(RateLimit._consume("status_check", "2001:db8:1:2:ffff:ffff:ffff:9"))
        # Another network, and IPv4 addresses, are other clients; an
        # IPv4-mapped address is its IPv4 client.
        self.assertTrue(RateLimit._consume("status_check", "2001:db8:1:3::1"))
        for _attempt in range(3):
            self.assertTrue(RateLimit._consume("status_check", "203.0.113.7"))
        self.assertFalse(RateLimit._consume("status_check", "::ffff:203.0.113.7"))
        self.assertTrue(RateLimit._consume("status_check", "203.0.113.8"))

    def test_default_limits_come_from_the_configuration(self):
        RateLimit = self.env["nationality.rate.limit"]
        self.assertEqual(RateLimit._limits("signup"), (5, 60))
        self.assertEqual(RateLimit._limits("status_check"), (10, 15))
        self.assertEqual(RateLimit._limits("reset_password"), (5, 60))
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("nationality_portal.rate_limit.signup.attempts", "not a number")
        params.set_param("nationality_portal.rate_limit.signup.minutes", "-4")
        self.assertEqual(RateLimit._limits("signup"), (5, 60))

    def test_guesses_at_one_code_from_many_addresses_are_limited(self):
        dossier = self.submitted_dossier()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("nationality_portal.rate_limit.status_check_code.attempts", "3")
        Dossier = self.env["nationality.dossier"]
        # Every guess from another address: the limit per address never bites.
        addresses = (f"198.51.100.{host}" for host in range(1, 100))
        for digits in ("0000", "1111", "2222"):
            answer = Dossier._portal_status_check(dossier.name, digits, next(addresses))
            self.assertEqual(answer["error"], "not_found")
        # The code is now limited for everybody, the right digits included;
        # the code typed in lower case or with spaces is the same code.
        for code, digits in ((dossier.name, "8213"), (f" {dossier.name.lower()} ", "8213")):
            answer = Dossier._portal_status_check(code, digits, next(addresses))
            self.assertEqual(answer["error"], "rate_limited")
            self.assertFalse(answer["results"])
            self.assertTrue(1 <= answer["retry_minutes"] <= 60)
        # A code nobody has is limited alike: a limit says nothing of the code.
        unknown = "000.00.21.H26-000000-0000"
        for digits in ("0000", "1111", "2222"):
            Dossier._portal_status_check(unknown, digits, next(addresses))
        self.assertEqual(
            Dossier._portal_status_check(unknown, "3333", next(addresses))["error"], "rate_limited"
        )
        # Right answers do not count, and other codes are not affected.
        other = self.submitted_dossier()
        for _attempt in range(5):
            answer = Dossier._portal_status_check(other.name, "8213", next(addresses))
            self.assertEqual(answer["error"], None)
            self.assertEqual(answer["results"][0]["code"], other.name)
        # Over HTTP the limited code gets the limited page.
        self.authenticate(None, None)
        response = self.post("/en/nationality/status", {"code": dossier.name, "digits": "8213"})
        self.assertEqual(response.status_code, 429)
        self.assertIn("o_nationality_status_limited", response.text)
        self.assertNotIn("o_nationality_status_result", response.text)

    def test_status_check_answers_the_same_when_limited(self):
        dossier = self.submitted_dossier()
        self.env["ir.config_parameter"].sudo().set_param(
            "nationality_portal.rate_limit.status_check.attempts", "3"
        )
        window_minutes = self.env["nationality.rate.limit"]._limits("status_check")[1]
        self.authenticate(None, None)
        # Right and wrong answers share one budget: a success counts too.
        found = self.post("/en/nationality/status", {"code": dossier.name, "digits": "8213"})
        self.assertIn("o_nationality_status_result", found.text)
        for digits in ("0000", "1111"):
            response = self.post("/en/nationality/status", {"code": dossier.name, "digits": digits})
            self.assertEqual(response.status_code, 200)
            self.assertIn("No dossier matches", response.text)
        # Once limited, the right code, a wrong code and an unknown code get
        # exactly the same answer: nothing can be learned while blocked.
        answers = []
        for code, digits in (
            (dossier.name, "8213"),
            (dossier.name, "0000"),
            ("000.00.21.H26-000000-0000", "8213"),
        ):
            response = self.post("/en/nationality/status", {"code": code, "digits": digits})
            self.assertEqual(response.status_code, 429)
            self.assertNotIn("o_nationality_status_result", response.text)
            self.assertNotIn("No dossier matches", response.text)
            alert = re.search(
                r'<div class="alert alert-danger o_nationality_status_limited"[^>]*>(.*?)</div>',
                response.text,
                re.S,
            )
            self.assertTrue(alert, "the limit is explained")
            answer = " ".join(alert.group(1).split())
            # The minutes left tick down while the test runs (it failed in CI
            # when a minute boundary fell between two requests); only they may
            # differ, and they stay within the window.
            minutes_left = [int(number) for number in re.findall(r"\d+", answer)]
            self.assertEqual(len(minutes_left), 1, answer)
            self.assertTrue(1 <= minutes_left[0] <= window_minutes, answer)
            answers.append(re.sub(r"\d+", "N", answer))
        self.assertEqual(len(set(answers)), 1)
        self.assertIn("Too many attempts from your connection", answers[0])
        self.assertEqual(
            len(self.env["nationality.rate.limit"].sudo().search([("scope", "=", "status_check")])),
            3,
            "refused attempts are not recorded",
        )
        # Another address still gets answers.
        RateLimit = self.env["nationality.rate.limit"]
        self.assertTrue(RateLimit._consume("status_check", "198.51.100.23"))

    def test_minutes_left_stay_within_the_window(self):
        """The minutes announced count from the oldest attempt and never exceed
        the window, whatever fraction of a second has passed since (the
        stored times have whole seconds: right after an attempt, exactly the
        whole window is left)."""
        RateLimit = self.env["nationality.rate.limit"]
        client = "198.51.100.61"
        window = RateLimit._limits("status_check")[1]
        with freeze_time("2026-03-05 03:00:00") as clock:
            self.assertTrue(RateLimit._consume("status_check", client))
            for elapsed, expected in (
                (timedelta(0), window),
                (timedelta(milliseconds=400), window),
                (timedelta(seconds=59), window),
                (timedelta(minutes=1), window - 1),
                (timedelta(minutes=window, seconds=-1), 1),
            ):
                clock.move_to("2026-03-05 03:00:00")
                clock.tick(elapsed)
                with self.subTest(elapsed=elapsed):
                    self.assertEqual(
                        RateLimit._retry_after_minutes("status_check", client), expected
                    )

    def test_status_check_refuses_odd_input_quietly(self):
        dossier = self.submitted_dossier()
        Dossier = self.env["nationality.dossier"]
        for code, digits in (
            (dossier.name + "\x00", "8213"),
            ("%", "8213"),
            ("x" * 5000, "8213"),
            (dossier.name, "82\x0013"),
            (None, None),
            (["a"], {"b": 1}),
        ):
            self.assertEqual(Dossier._portal_status_lookup(code, digits), [], repr(code))
        self.assertTrue(Dossier._portal_status_lookup(f"  {dossier.name.lower()} ", " 8213 "))


@tagged("post_install", "-at_install")
class TestUploadScanning(NationalityPortalCase):
    """Uploads carrying active content are refused with their reason."""

    def setUp(self):
        super().setUp()
        self.dossier = self.make_draft()
        self.line = self.dossier.document_ids.filtered(
            lambda line: line.document_type_id.code == "birth_certificate_passport"
        )
        self.patch(upload_scan, "MAX_INFLATED", 1024 * 1024)

    def _add(self, name, content):
        return self.line.with_user(self.applicant)._portal_add_files([(name, content)])

    def test_hostile_pdfs_are_refused_with_their_reason(self):
        messages = {
            "javascript": "contains JavaScript",
            "action": "contains actions that launch programs",
            "embedded": "has other files embedded or attached inside it",
            "richmedia": "contains multimedia content",
            "xfa": "is an XFA form",
            "encrypted": "is encrypted or protected by a password",
            "bomb": "has compressed content too large to be checked",
            "unreadable": "has compressed parts that cannot be checked",
            "polyglot": "carries another file or web page code after its end",
        }
        for name, (content, reason) in hostile_pdfs().items():
            self.assertEqual(upload_scan.scan_upload(content)[2], reason, name)
            attachments, errors = self._add(name, content)
            self.assertFalse(attachments, name)
            self.assertEqual(len(errors), 1, name)
            self.assertIn(f"{name} {messages[reason]}", errors[0])
        self.assertFalse(self.line.sudo().attachment_ids)

    def test_hostile_images_are_refused_with_their_reason(self):
        messages = {
            "polyglot": "carries another file or web page code after its end",
            "image_script": "carries web page code or a script in its data",
            "image_damaged": "is damaged or incomplete",
            "image_too_large": "has too many pixels to be processed safely (at most 89 million)",
        }
        for name, (content, reason) in hostile_images().items():
            self.assertEqual(upload_scan.scan_upload(content)[2], reason, name)
            attachments, errors = self._add(name, content)
            self.assertFalse(attachments, name)
            self.assertIn(f"{name} {messages[reason]}", errors[0])
        self.assertFalse(self.line.sudo().attachment_ids)

    def test_clean_scans_and_photos_are_accepted(self):
        exif = upload_scan.Image.Exif()
        exif[0x010F] = "Canon"
        exif[0x0110] = "PowerShot G7"
        files = [
            ("ho_chieu_scan.pdf", scanned_pdf()),
            ("anh_chup_tu_dien_thoai.pdf", pillow_pdf()),
            ("the_can_cuoc.jpg", jpeg_bytes((640, 400), exif=exif.tobytes())),
            ("giay_khai_sinh.png", png_bytes((300, 400))),
            ("to_khai.pdf", make_pdf()),
        ]
        attachments, errors = self.line.with_user(self.applicant)._portal_add_files(files)
        self.assertFalse(errors)
        self.assertEqual(len(attachments), 5)

    def test_one_refusal_keeps_the_rest_of_the_step(self):
        history = self.dossier.document_ids.filtered(
            lambda line: line.document_type_id.code == "personal_history"
        )
        hostile = hostile_pdfs()["obfuscated_name.pdf"][0]
        self.login(self.applicant)
        response = self.post_step(
            "documents",
            {},
            dossier=self.dossier,
            files=[
                (f"file_{self.line.id}", ("ho_chieu.pdf", hostile, "application/pdf")),
                (f"file_{self.line.id}", ("ho_chieu_that.pdf", scanned_pdf(), "application/pdf")),
                (f"file_{history.id}", ("ly_lich.pdf", pillow_pdf(), "application/pdf")),
            ],
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("ho_chieu.pdf contains JavaScript.", response.text)
        self.assertEqual(self.line.sudo().attachment_ids.mapped("name"), ["ho_chieu_that.pdf"])
        self.assertEqual(history.sudo().attachment_ids.mapped("name"), ["ly_lich.pdf"])
        # No file of the refused upload is left behind.
        stored = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", "nationality.dossier.document"), ("res_id", "=", self.line.id)]
            )
        )
        self.assertEqual(stored, self.line.sudo().attachment_ids)

    def test_odd_file_names_are_cleaned(self):
        attachments, errors = self._add(
            "..\\..\\ho\x00chi\u202eeu" + "x" * 300 + ".pdf", make_pdf()
        )
        self.assertFalse(errors)
        self.assertNotIn("\x00", attachments.name)
        self.assertNotIn("\u202e", attachments.name)
        self.assertLessEqual(len(attachments.name), 120)
        self.assertTrue(attachments.name.endswith(".pdf"))
        self.assertNotIn("\\", attachments.name)


@tagged("post_install", "-at_install")
class TestTextLimits(NationalityPortalCase):
    """Text typed by people is bounded and free of control characters, in the
    models (whoever writes) and on the portal (where the rest is saved)."""

    def test_models_refuse_control_characters_and_overlong_values(self):
        dossier = self.make_dossier("nationality_certificate")
        dossier.write({"reasons": "Dòng một\nDòng hai\tcó tab", "street": "Số 5 phố Huế"})
        for vals, message in (
            ({"full_name": "Nguyễn Văn A\x00"}, "Full Name contains control"),
            ({"full_name": "Nguyễn\u202eVăn"}, "Full Name contains control"),
            ({"full_name": "Nguyễn Văn\nA"}, "Full Name contains control"),
            ({"full_name": "Ă" * 151}, "Full Name is too long: 151 characters, at most 150."),
            ({"birth_place": "x" * 251}, "at most 250"),
            ({"reasons": "Lý do\x07"}, "contains control"),
            ({"reasons": "x" * 4001}, "at most 4000"),
            ({"email": "a" * 250 + "@x.vn"}, "at most 254"),
        ):
            with self.assertRaisesRegex(ValidationError, message, msg=str(vals)):
                dossier.write(vals)
        member = self.env["nationality.dossier.member"].create(
            {"dossier_id": dossier.id, "full_name": "Trần Thị Bé", "relation": "child"}
        )
        with self.assertRaisesRegex(ValidationError, "at most 500"):
            member.write({"residence": "Hà Nội " * 100})
        with self.assertRaisesRegex(ValidationError, "contains control"):
            self.env["nationality.dossier.member"].create(
                {"dossier_id": dossier.id, "full_name": "Bé\x1b[31m", "relation": "child"}
            )
        # The limit counts characters in NFC, not bytes or decomposed marks.
        name = "Nguyễn Thị Ánh Tuyết " * 7
        decomposed = unicodedata.normalize("NFD", name)
        self.assertGreater(len(decomposed), 150)
        dossier.write({"full_name": decomposed[:149]})

    def test_portal_step_refuses_the_value_and_saves_the_rest(self):
        dossier = self.make_draft()
        self.login(self.applicant)
        response = self.post_step(
            "applicant",
            self.applicant_form(
                full_name="Lê Hoàng Phúc" * 20,
                birth_place="Huế\x00",
                occupation="<script>alert('xss')</script> Kỹ sư",
                workplace='"><img src=x onerror=alert(1)>',
            ),
            dossier=dossier,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Full Name is too long: 260 characters, at most 150.", response.text)
        self.assertIn(
            "Place of birth contains control or invisible formatting characters", response.text
        )
        dossier.invalidate_recordset()
        self.assertEqual(dossier.full_name, "Lê Hoàng Phúc")
        self.assertEqual(dossier.birth_place, "Xã Phú Xuân, huyện Phú Vang, tỉnh Thừa Thiên Huế")
        # Markup is stored as the text typed, and never rendered as markup.
        self.assertEqual(dossier.occupation, "<script>alert('xss')</script> Kỹ sư")
        self.assertEqual(dossier.workplace, '"><img src=x onerror=alert(1)>')
        for url in (
            f"/en/nationality/apply/restoration/{dossier.id}/applicant",
            f"/en/my/nationality/{dossier.id}",
        ):
            page = self.url_open(url).text
            self.assertNotIn("<script>alert('xss')</script>", page)
            self.assertNotIn("<img src=x onerror", page)
        page = self.url_open(f"/en/nationality/apply/restoration/{dossier.id}/applicant").text
        self.assertIn("&lt;script&gt;alert(", page)

    def test_new_family_member_is_created_only_when_valid(self):
        dossier = self.make_draft()
        self.login(self.applicant)
        response = self.post_step(
            "family",
            {
                "member_new_full_name": "Lê Minh Anh\x00",
                "member_new_relation": "child",
                "member_new_residence": "Hà Nội",
            },
            dossier=dossier,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("contains control", response.text)
        dossier.invalidate_recordset()
        self.assertFalse(dossier.member_ids)

    def test_paths_with_a_nul_character_are_not_found(self):
        self.login(self.applicant)
        dossier = self.make_draft()
        for path in (
            f"/en/my/nationality/{dossier.id}%00",
            "/nationality%00",
            "/en/nationality/apply/restoration%00",
            "/web/content/1%00",
        ):
            # (the website may first redirect to the visitor's language)
            response = self.url_open(path)
            self.assertEqual(response.status_code, 404, path)

    def test_templates_never_render_user_text_as_markup(self):
        for path in (ADDON / "views").glob("*.xml"):
            text = path.read_text()
            self.assertNotIn("t-raw", text, path.name)
        # User text goes through t-out (escaped) in the portal pages; the only
        # markup rendered is the notice written by administrators (sanitized
        # HTML fields) and the applicant's message body built by QWeb.
        for path in (ADDON / "views").glob("*.xml"):
            for match in re.finditer(r't-out="([^"]+)"', path.read_text()):
                self.assertNotIn("Markup(", match.group(1), path.name)
