# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import re
from datetime import date, timedelta
from pathlib import Path

from freezegun import freeze_time

from odoo import fields
from odoo.addons.nationality_dossier.tools.dates import vietnam_today
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import NationalityPortalCase, make_pdf


def privacy_inputs(html):
    """The privacy acceptance check boxes of a page."""
    return re.findall(r"<input[^>]*name=\"privacy_notice_id\"[^>]*>", html)


def section(html, css_class):
    """The HTML of the <section> whose class contains ``css_class``."""
    start = html.index(css_class)
    return html[start : html.index("</section>", start)]


@tagged("post_install", "-at_install")
class TestPrivacyNotice(NationalityPortalCase):
    """The privacy notice is versioned data; applicants accept the version in
    force when they file, and accepted versions are frozen."""

    def _filing(self, dossier, **extra):
        return self.post_step(
            "filing",
            {"company_id": str(self.stp_hn.id), "declaration": "1", **extra},
            dossier=dossier,
            nav="submit",
        )

    def test_first_version_is_in_force_in_both_languages(self):
        notice = self.notice
        self.assertEqual(notice.name, "2026.1")
        self.assertTrue(notice.is_current)
        body = notice.body
        for words in (
            "Department of Justice",
            "provincial police",
            "People's Committee",
            "Ministry of Justice",
            "Office of the President",
            "2 working days",
            "archives",
        ):
            self.assertIn(words, body)
        body_vi = notice.with_context(lang="vi_VN").body
        for words in ("Sở Tư pháp", "Công an", "Văn phòng Chủ tịch nước", "02 ngày làm việc"):
            self.assertIn(words, body_vi)
        self.assertIn("nhiệm vụ", notice.with_context(lang="vi_VN").legal_basis)
        # The public page shows it without signing in, in the visitor's language
        # (Vietnamese by default).
        page_vi = self.url_open(
            "/nationality/privacy", headers={"Accept-Language": "vi-VN,vi;q=0.9"}
        )
        self.assertEqual(page_vi.status_code, 200)
        self.assertIn("02 ngày làm việc", page_vi.text)
        self.assertIn("Phiên bản 2026.1, có hiệu lực từ ngày 01/01/2026", page_vi.text)
        page = self.url_open("/en/nationality/privacy")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Version 2026.1, in force since 01/01/2026", page.text)
        self.assertIn("2 working days", page.text)

    def test_a_version_takes_effect_on_vietnams_day_for_everybody(self):
        """The visitors' record rule compared the effective date with the
        server's UTC day, frozen in the cached rule domain: from 17:00 to
        24:00 UTC (already the next day in Hà Nội) a version the back office
        showed in force was hidden from applicants, and it stayed hidden as
        long as the cache lived."""
        Notice = self.env["nationality.privacy.notice"]
        with freeze_time("2026-12-03 20:00:00") as clock:  # 04/12 03:00 in Hà Nội
            self.env.registry.clear_cache()
            replacement = self.notice.copy({"name": "2026.2"})
            self.assertEqual(replacement.date_effective, date(2026, 12, 4))
            replacement.action_publish()
            self.assertEqual(Notice._get_current(), replacement)
            self.assertTrue(replacement.is_effective)
            visitor = Notice.with_user(self.env.ref("base.public_user"))
            self.assertEqual(visitor._get_current(), replacement)
            later = self.notice.copy({"name": "2026.3", "date_effective": date(2026, 12, 6)})
            later.action_publish()
            self.assertEqual(visitor._get_current(), replacement, "not yet in force")
            self.assertFalse(visitor.search([("id", "=", later.id)]))
            # Two days later, without any cache cleared.
            clock.move_to("2026-12-05 17:30:00")  # 06/12 00:30 in Hà Nội
            self.assertEqual(visitor._get_current(), later)
            self.assertEqual(Notice._get_current(), later)

    def test_new_versions_and_the_public_page(self):
        Notice = self.env["nationality.privacy.notice"]
        # Versions take effect on Vietnam's day, for the back office, the
        # record rules and the public page alike.
        today = vietnam_today(self.env)
        # A new version starts unpublished, with the text of the old one.
        action = self.notice.action_new_version()
        draft = Notice.browse(action["res_id"]).with_context(active_test=False)
        self.assertFalse(draft.active)
        self.assertEqual(draft.body, self.notice.body)
        self.assertIn(
            "02 ngày làm việc", draft.with_context(lang="vi_VN").body, "translations are copied"
        )
        self.assertEqual(Notice._get_current(), self.notice, "unpublished: not in force")
        draft.write(
            {
                "name": "2026.2",
                "body": "<h3>Who processes your data</h3><p>Version two of the notice.</p>",
                "date_effective": today + timedelta(days=10),
            }
        )
        draft.action_publish()
        self.assertEqual(Notice._get_current(), self.notice, "not yet effective")
        self.authenticate(None, None)
        self.assertNotIn("Version two", self.url_open("/en/nationality/privacy").text)
        draft.date_effective = today
        self.assertEqual(Notice._get_current(), draft)
        page = self.url_open("/en/nationality/privacy")
        self.assertIn("Version 2026.2, in force since", page.text)
        self.assertIn("Version two of the notice.", page.text)
        older = re.sub(r"\s+", " ", section(page.text, "o_nationality_privacy_older"))
        self.assertIn(
            "Version 2026.1, in force from 01/01/2026, "
            f"replaced on {today.strftime('%d/%m/%Y')}",
            older,
        )
        # Visitors and applicants read only published versions that took effect.
        future = draft.copy({"name": "2027.1", "active": True})
        future.date_effective = today + timedelta(days=30)
        Public = Notice.with_user(self.env.ref("base.public_user"))
        self.assertEqual(Public.search([]), draft | self.notice)
        Applicant = Notice.with_user(self.applicant)
        self.assertNotIn(future, Applicant.search([]))
        with self.assertRaises(AccessError):
            Applicant.create({"name": "x", "title": "x", "body": "<p>x</p>"})

    def test_accepted_versions_are_frozen(self):
        Notice = self.env["nationality.privacy.notice"]
        untouched = self.notice.copy({"name": "2026.9"})
        untouched.write({"title": "Tên mới"})  # not accepted yet: editable
        accepted = self.notice.consent_count
        self.submitted_dossier()
        self.notice.invalidate_recordset()
        self.assertEqual(self.notice.consent_count, accepted + 1)
        self.assertTrue(self.notice.is_locked)
        for vals in (
            {"body": "<p>Nội dung khác</p>"},
            {"summary": "Khác"},
            {"date_effective": "2026-02-01"},
            {"active": False},
        ):
            with self.assertRaisesRegex(UserError, "was accepted by applicants", msg=str(vals)):
                self.notice.write(vals)
        with self.assertRaises(UserError):
            self.notice.with_context(lang="vi_VN").write({"title": "Khác"})
        with self.assertRaisesRegex(UserError, "was accepted by applicants"):
            self.notice.update_field_translations("title", {"vi_VN": "Tiêu đề khác"})
        with self.assertRaisesRegex(UserError, "was accepted by applicants"):
            self.notice.unlink()
        untouched.unlink()
        self.assertTrue(Notice.search([("name", "=", "2026.1")]))
        with self.assertRaises(ValidationError):
            Notice.create({"name": "trống", "title": "x", "body": "<p> </p>"})

    def test_filing_requires_the_acceptance_never_ticked_in_advance(self):
        dossier = self.complete_draft(self.make_draft())
        self.login(self.applicant)
        page = self.url_open(f"/en/nationality/apply/restoration/{dossier.id}/filing")
        boxes = privacy_inputs(page.text)
        self.assertEqual(len(boxes), 1)
        self.assertNotIn("checked", boxes[0])
        self.assertIn(f'value="{self.notice.id}"', boxes[0])
        self.assertIn("version 2026.1", page.text)
        # Filing without the box is refused with the reason, and nothing is recorded.
        response = self._filing(dossier)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Read the privacy notice and tick the box to accept it", response.text)
        self.assertNotIn("checked", privacy_inputs(response.text)[0])
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "draft")
        self.assertFalse(dossier.privacy_notice_id)
        Consent = self.env["nationality.privacy.consent"].sudo()
        self.assertFalse(Consent.search([("dossier_id", "=", dossier.id)]))
        # A version that is no longer in force is refused too.
        replacement = self.notice.copy({"name": "2026.2"})
        replacement.action_publish()
        response = self._filing(dossier, privacy_notice_id=str(self.notice.id))
        self.assertIn("The privacy notice was updated", response.text)
        self.assertIn("version 2026.2", response.text)
        with self.assertRaisesRegex(UserError, "The privacy notice was updated"):
            dossier.with_user(self.applicant).action_portal_submit(self.notice)
        self.assertEqual(dossier.state, "draft")
        # Accepting the version in force files the dossier and records the acceptance.
        response = self._filing(dossier, privacy_notice_id=str(replacement.id))
        self.assertEqual(response.status_code, 303)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "submitted")
        consent = Consent.search([("dossier_id", "=", dossier.id)])
        self.assertEqual(len(consent), 1)
        self.assertEqual(consent.notice_id, replacement)
        self.assertEqual(consent.kind, "filing")
        self.assertEqual(consent.partner_id, self.applicant.partner_id)
        self.assertEqual(consent.user_id, self.applicant)
        self.assertEqual(consent.company_id, self.stp_hn)
        self.assertEqual(consent.ip_address, "127.0.0.1")
        self.assertIn(consent.lang, ("en_US", "vi_VN"))
        self.assertEqual(
            consent.notice_digest, replacement.with_context(lang=consent.lang)._digest()
        )
        self.assertAlmostEqual(
            consent.accepted_at, fields.Datetime.now(), delta=timedelta(minutes=5)
        )
        # The back office and the applicant see which version was accepted and when.
        reception = self.as_user(dossier, self.hn_reception)
        self.assertEqual(reception.privacy_notice_id, replacement)
        self.assertEqual(reception.date_privacy_accepted, consent.accepted_at)
        detail = self.url_open(f"/en/my/nationality/{dossier.id}")
        self.assertIn("o_nationality_privacy_accepted", detail.text)
        self.assertIn("2026.2", detail.text)

    def test_acceptance_records_are_written_by_the_system_only(self):
        dossier = self.submitted_dossier()
        consent = (
            self.env["nationality.privacy.consent"].sudo().search([("dossier_id", "=", dossier.id)])
        )
        self.assertEqual(consent.notice_id, self.notice)
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(AccessError):
            consent.with_user(admin).write({"ip_address": "10.0.0.1"})
        with self.assertRaises(AccessError):
            consent.with_user(admin).unlink()
        with self.assertRaises(AccessError):
            self.env["nationality.privacy.consent"].with_user(admin).create(
                {
                    "notice_id": self.notice.id,
                    "accepted_at": fields.Datetime.now(),
                    "kind": "filing",
                }
            )
        with self.assertRaises(AccessError):
            consent.with_user(self.applicant).read(["ip_address"])
        with self.assertRaises(AccessError):
            self.as_user(consent, self.hn_reception).read(["ip_address"])
        # The applicant cannot stamp an acceptance on their draft by hand.
        draft = self.make_draft().with_user(self.applicant)
        with self.assertRaises(AccessError):
            draft.write({"privacy_notice_id": self.notice.id})
        with self.assertRaises(AccessError):
            draft.write({"date_preregistered": fields.Datetime.now()})

    def test_no_notice_in_force_means_no_filing(self):
        dossier = self.complete_draft(self.make_draft())
        Notice = self.registry["nationality.privacy.notice"]
        self.patch(Notice, "_get_current", lambda self, on_date=None: self.browse())
        self.login(self.applicant)
        page = self.url_open(f"/en/nationality/apply/restoration/{dossier.id}/filing")
        self.assertIn("no privacy notice in force", page.text)
        self.assertFalse(privacy_inputs(page.text))
        response = self._filing(dossier, privacy_notice_id=str(self.notice.id))
        self.assertIn("no privacy notice in force", response.text)
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "draft")

    def test_preregistration_is_sent_with_the_acceptance(self):
        naturalization = self.procedures["naturalization"]
        dossier = self.make_draft(procedure=naturalization)
        self.login(self.applicant)
        page = self.url_open(f"/en/nationality/apply/naturalization/{dossier.id}/filing")
        self.assertIn("o_nationality_preregister", page.text)
        self.assertNotIn("checked", privacy_inputs(page.text)[0])
        Reception = self.as_user(self.env["nationality.dossier"], self.hn_reception)
        response = self.post_step(
            "filing",
            {"company_id": str(self.stp_hn.id), "declaration": "1"},
            dossier=dossier,
            nav="preregister",
            code="naturalization",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Read the privacy notice and tick the box", response.text)
        self.assertNotIn(dossier, Reception.search([("id", "=", dossier.id)]))
        response = self.post_step(
            "filing",
            {"company_id": str(self.stp_hn.id), "privacy_notice_id": str(self.notice.id)},
            dossier=dossier,
            nav="preregister",
            code="naturalization",
        )
        self.assertIn("Confirm the declaration", response.text)
        self.assertNotIn(dossier, Reception.search([("id", "=", dossier.id)]))
        response = self.post_step(
            "filing",
            {
                "company_id": str(self.stp_hn.id),
                "declaration": "1",
                "privacy_notice_id": str(self.notice.id),
            },
            dossier=dossier,
            nav="preregister",
            code="naturalization",
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"/my/nationality/{dossier.id}?preregistered=1", response.headers["Location"])
        dossier.invalidate_recordset()
        self.assertEqual(dossier.state, "draft")
        self.assertTrue(dossier.portal_preregistration and dossier.date_preregistered)
        self.assertEqual(dossier.privacy_notice_id, self.notice)
        consent = (
            self.env["nationality.privacy.consent"].sudo().search([("dossier_id", "=", dossier.id)])
        )
        self.assertEqual(consent.kind, "preregistration")
        self.assertIn(dossier, Reception.search([("id", "=", dossier.id)]))
        # An online procedure is filed, not pre-registered.
        online = self.complete_draft(self.make_draft()).with_user(self.applicant)
        with self.assertRaisesRegex(UserError, "file the dossier instead"):
            online.action_portal_preregister(self.notice)


@tagged("post_install", "-at_install")
class TestApplicantSeesAccesses(NationalityPortalCase):
    """Once the dossier is closed, its applicant sees which agencies accessed
    it and when: not who, nor from where."""

    def setUp(self):
        super().setUp()
        self.dossier = self.submitted_dossier()
        self.file = self.dossier.sudo().document_ids.attachment_ids[:1]
        Log = self.env["nationality.access.log"]
        # The department opens the dossier; an officer downloads a file over HTTP.
        self.as_user(self.dossier, self.hn_reception).web_read({"full_name": {}})
        self.as_user(self.dossier, self.hn_officer).web_read({"full_name": {}})
        self.authenticate(self.hn_officer.login, self.hn_officer.login)
        download = self.url_open(f"/web/content/{self.file.id}?download=true")
        self.assertEqual(download.status_code, 200)
        # The Ministry looks the person up (as the exchange does).
        self.as_user(Log, self.cuc_officer)._log("lookup", self.dossier, reason="Tra cứu")
        self.lines = Log.sudo().search([("dossier_res_id", "=", self.dossier.id)])
        self.assertEqual(
            sorted(self.lines.mapped("action")), ["download", "lookup", "open", "open"]
        )
        self.assertIn("127.0.0.1", self.lines.mapped("ip_address"))

    def _page(self, user, dossier=None):
        self.login(user)
        return self.url_open(f"/en/my/nationality/{(dossier or self.dossier).id}")

    def test_nothing_is_shown_before_closing(self):
        self.assertEqual(self.dossier.with_user(self.applicant)._portal_access_summary(), [])
        page = self._page(self.applicant)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_nationality_accesses", page.text)

    def test_applicant_sees_agencies_and_days_only(self):
        self.as_user(self.dossier, self.hn_reception).action_withdraw(
            "Đơn xin rút hồ sơ của người nộp"
        )
        summary = self.dossier.with_user(self.applicant)._portal_access_summary()
        self.assertTrue(summary)
        for row in summary:
            self.assertEqual(set(row), {"agency", "date", "kind", "count"})
        day = self.dossier.with_user(self.applicant)._in_local_tz()
        today = fields.Datetime.context_timestamp(day, self.lines[0].access_date).date()
        by_kind = {(row["agency"], row["kind"]): row for row in summary}
        hn = self.agency_hn.name
        ministry = self.ministry.nationality_agency_id.name
        self.assertEqual(by_kind[(hn, "Opened")]["count"], 2, "two openings the same day")
        self.assertEqual(by_kind[(hn, "Downloaded a document")]["count"], 1)
        self.assertEqual(by_kind[(ministry, "Ran a nationality lookup")]["count"], 1)
        self.assertTrue(all(row["date"] == today for row in summary))

        html = section(self._page(self.applicant).text, "o_nationality_accesses")
        self.assertIn(hn, html)
        self.assertIn(ministry, html)
        self.assertIn(today.strftime("%d/%m/%Y"), html)
        self.assertIn("Downloaded a document", html)
        for hidden in (
            self.hn_reception.name,
            self.hn_officer.name,
            self.cuc_officer.name,
            "127.0.0.1",
            "Tra cứu",
            self.file.name,
        ):
            self.assertNotIn(hidden, html)

    def test_another_applicant_sees_nothing(self):
        self.as_user(self.dossier, self.hn_reception).action_withdraw("Rút hồ sơ")
        with self.assertRaises(AccessError):
            self.dossier.with_user(self.other_applicant)._portal_access_summary()
        page = self._page(self.other_applicant)
        self.assertEqual(page.status_code, 404)
        self.assertNotIn(self.agency_hn.name, page.text)
        with self.assertRaises(AccessError):
            self.env["nationality.access.log"].with_user(self.applicant).search([])
        # Their own closed dossier lists only its own accesses.
        own = self.submitted_dossier(user=self.other_applicant)
        self.as_user(own, self.hn_reception).action_withdraw("Rút hồ sơ")
        self.assertEqual(own.with_user(self.other_applicant)._portal_access_summary(), [])
        self.assertIn("No access was recorded.", self._page(self.other_applicant, own).text)

    def test_uploads_of_the_applicant_are_not_accesses(self):
        draft = self.make_draft()
        draft.document_ids[:1]._portal_add_files([("ho_chieu.pdf", make_pdf())])
        self.assertFalse(
            self.env["nationality.access.log"].sudo().search([("dossier_res_id", "=", draft.id)])
        )


@tagged("post_install", "-at_install")
class TestPrivacyNoticeUpgrade(NationalityPortalCase):
    def test_upgrade_gives_the_kept_rule_its_new_domain(self):
        """The visitors' rule is kept on upgrades (noupdate): migrations/18.0.1.2.0
        replaces its domain, which compared with the server's UTC day."""
        rule = self.env.ref("nationality_portal.rule_privacy_notice_published")
        rule.domain_force = (
            "[('active', '=', True), ('date_effective', '<=', time.strftime('%Y-%m-%d'))]"
        )
        script = (
            Path(__file__).resolve().parent.parent / "migrations" / "18.0.1.2.0" / "post-migrate.py"
        )
        spec = importlib.util.spec_from_file_location("nationality_portal_1_2_0", script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, None)
        self.assertIn("time.strftime", rule.domain_force, "a new installation is left alone")
        module.migrate(self.env.cr, "18.0.1.1.0")
        self.assertEqual(rule.domain_force, "[('active', '=', True), ('is_effective', '=', True)]")
        self.assertEqual(
            self.env["nationality.privacy.notice"]
            .with_user(self.env.ref("base.public_user"))
            ._get_current(),
            self.notice,
        )
