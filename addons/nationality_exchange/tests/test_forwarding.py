# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .letters_common import PDF, LettersCase


@tagged("post_install", "-at_install")
class TestForwarding(LettersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kim = cls.dossier_at_committee()
        cls.hoa = cls.dossier_at_committee(
            full_name="Wang Li Hua",
            vietnamese_name_requested="Vương Lệ Hoa",
            nationality_ids=[(6, 0, cls.env.ref("base.cn").ids)],
            **cls.year_only(1979),
        )
        cls.scan = cls.attach_file(cls.kim, cls.hn_reception, "Đơn xin nhập quốc tịch.pdf", PDF)

    def forward(self, dossiers, user=None):
        user = user or self.hn_officer
        return self.as_user(dossiers, user)._forward_to_ministry(
            self.agency_ministry, note="Hồ sơ đã được Chủ tịch UBND thành phố đồng ý."
        )

    def visible(self, records, user):
        return self.as_user(records.browse(), user).search([("id", "in", records.ids)])

    # ------------------------------------------------------------------
    # The department forwards
    # ------------------------------------------------------------------
    def test_forward_batch_with_proposal_letter(self):
        dossiers = self.kim | self.hoa
        self.assertTrue(self.kim.can_forward_to_ministry)
        self.assertFalse(self.visible(dossiers, self.cuc_officer))

        letter = self.forward(dossiers)

        self.assertEqual(letter.letter_type, "proposal")
        self.assertEqual(letter.state, "sent")
        self.assertTrue(letter.number)
        self.assertEqual(letter.company_id, self.stp_hn)
        self.assertEqual(letter.receiving_agency_ids, self.agency_ministry)
        self.assertEqual(letter.dossier_ids, dossiers)
        self.assertEqual(
            sorted(letter.person_ids.mapped("full_name")), ["Kim Min-jun", "Wang Li Hua"]
        )
        self.assertEqual(set(letter.person_ids.mapped("result")), {"proposed"})
        self.assertIn("Hồ sơ đã được Chủ tịch UBND", letter.body)
        self.assertIn("Wang Li Hua", letter.body)
        # The complete file: the checklist files and the list of persons.
        self.assertIn(self.scan, letter.attachment_ids)
        sheet_file = letter.attachment_ids.filtered(lambda a: a.name.endswith(".xlsx"))
        self.assertEqual(len(sheet_file), 1)
        rows = list(load_workbook(io.BytesIO(sheet_file.raw)).active.values)
        self.assertEqual(len(rows), 3)
        self.assertIn("Wang Li Hua", [row[2] for row in rows])
        self.assertIn("1979", [row[3] for row in rows])

        for dossier in dossiers:
            self.assertEqual(dossier.stage_id.code, "ministry_review")
            self.assertTrue(dossier.reached_ministry)
            self.assertIn(letter, dossier.letter_ids)
        # The Cục sees the dossiers and the letter; the other department sees neither.
        self.assertEqual(self.visible(dossiers, self.cuc_officer), dossiers)
        self.assertEqual(self.visible(letter, self.cuc_officer), letter)
        self.assertTrue(self.as_user(letter, self.cuc_officer).is_incoming)
        self.assertEqual(
            self.as_user(letter, self.cuc_officer).attachment_ids.mapped("name"),
            letter.attachment_ids.mapped("name"),
        )
        self.assertFalse(self.visible(dossiers, self.hcm_officer))
        self.assertFalse(self.visible(letter, self.hcm_officer))

    def test_forward_only_from_the_last_department_stage(self):
        early = self.make_dossier("naturalization", full_name="Park Ji-hoon")
        early.action_receive()
        self.complete_checklist(early)
        early.write({"fee_paid": True})
        early.action_accept()
        self.assertEqual(early.stage_id.code, "police_request")
        self.assertFalse(early.can_forward_to_ministry)
        with self.assertRaisesRegex(UserError, "last stage before"):
            self.forward(early)
        certificate = self.make_dossier("nationality_certificate", full_name="Lê Văn Tám")
        with self.assertRaisesRegex(UserError, "no ministry stage"):
            self.forward(certificate)
        self.forward(self.kim)
        with self.assertRaisesRegex(UserError, "already at the Ministry"):
            self.forward(self.kim)

    def test_one_department_per_proposal(self):
        hcm = self.dossier_at_committee(
            company=self.stp_hcm,
            reception=self.hcm_officer,
            officer=self.hcm_officer,
            full_name="Lý Văn Phúc",
        )
        with self.assertRaisesRegex(UserError, "one department"):
            self.forward(self.kim | hcm, user=self.env.user)
        # Each department forwards its own.
        letter = self.forward(hcm, user=self.hcm_officer)
        self.assertEqual(letter.issuing_agency_id, self.agency_hcm)
        self.assertFalse(self.visible(letter, self.hn_officer))

    def test_only_processing_officers_forward(self):
        with self.assertRaises(AccessError):
            self.forward(self.kim, user=self.hn_reception)
        with self.assertRaises(AccessError):
            self.as_user(self.kim, self.cuc_officer)._forward_to_ministry(self.agency_ministry)
        self.assertEqual(self.kim.stage_id.code, "committee_review")
        self.assertFalse(self.kim.letter_ids)

    def test_forward_wizard(self):
        action = self.as_user(self.kim | self.hoa, self.hn_officer).action_open_forward_wizard()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.hn_officer)
            .with_context(action["context"], allowed_company_ids=self.stp_hn.ids)
        )
        self.assertEqual(wizard_form.receiving_agency_id, self.agency_ministry)
        self.assertEqual(wizard_form.notation, "STP-HCTP")
        wizard_form.signer_competence = "KT."
        wizard = wizard_form.save()
        result = wizard.action_confirm()
        letter = self.env["nationality.letter"].browse(result["res_id"])
        self.assertEqual(letter.signer_competence, "KT.")
        self.assertIn(self.kim.procedure_id.name, letter.subject)
        self.assertEqual(self.kim.stage_id.code, "ministry_review")

    # ------------------------------------------------------------------
    # The Cục answers
    # ------------------------------------------------------------------
    def test_request_documents_then_supplement(self):
        proposal = self.forward(self.kim | self.hoa)
        missing = self.as_user(self.hoa, self.cuc_officer).document_ids[:1]
        request = self.as_user(proposal, self.cuc_officer)._request_documents(
            [
                (
                    self.as_user(self.hoa, self.cuc_officer),
                    missing,
                    "Bản dịch hộ chiếu có chứng thực",
                )
            ],
            date_due=date(2031, 1, 15),
        )
        self.assertEqual(request.letter_type, "request_documents")
        self.assertEqual(request.state, "sent")
        self.assertEqual(request.company_id, self.ministry)
        self.assertEqual(request.issuing_agency_id, self.agency_ministry)
        self.assertEqual(request.receiving_agency_ids, self.agency_hn)
        self.assertEqual(request.response_for_id, proposal)
        self.assertEqual(request.notation, "HCTP-QT")
        self.assertEqual(request.person_ids.result, "documents_requested")
        self.assertIn("Bản dịch hộ chiếu", request.person_ids.note)
        self.assertEqual(proposal.state, "answered")

        self.assertEqual(self.hoa.state, "supplement")
        self.assertEqual(self.hoa.stage_id.code, "ministry_review")
        self.assertTrue(self.hoa.clock_paused_since)
        self.assertTrue(missing.requested_in_supplement)
        self.assertIn(request.name, self.hoa.supplement_note)
        self.assertEqual(self.kim.state, "in_progress")

        # The department reads the request; the other department does not.
        self.assertTrue(self.as_user(request, self.hn_officer).is_incoming)
        self.assertFalse(self.visible(request, self.hcm_officer))

        # The department sends the supplement: the dossier goes on at the Ministry.
        action = self.as_user(request, self.hn_officer).action_reply()
        self.assertEqual(action["context"]["default_letter_type"], "supplement")
        reply = (
            self.env["nationality.letter"]
            .with_user(self.hn_officer)
            .with_context(action["context"], allowed_company_ids=self.stp_hn.ids)
            .create({"dossier_ids": [(6, 0, self.hoa.ids)]})
        )
        reply.action_sign_and_send()
        self.assertEqual(request.state, "answered")
        self.assertEqual(self.hoa.state, "in_progress")
        self.assertFalse(self.hoa.clock_paused_since)
        self.assertEqual(self.hoa.stage_id.code, "ministry_review")

    def test_request_documents_rights_and_checks(self):
        proposal = self.forward(self.kim)
        with self.assertRaises(AccessError):
            self.as_user(proposal, self.hn_officer)._request_documents(
                [(self.kim, self.kim.document_ids[:1], "")]
            )
        with self.assertRaisesRegex(UserError, "Say which documents"):
            self.as_user(proposal, self.cuc_officer)._request_documents(
                [
                    (
                        self.as_user(self.kim, self.cuc_officer),
                        self.env["nationality.dossier.document"],
                        " ",
                    )
                ]
            )
        with self.assertRaisesRegex(UserError, "not in letter"):
            self.as_user(proposal, self.cuc_officer)._request_documents(
                [(self.hoa, self.hoa.document_ids[:1], "Thiếu lý lịch tư pháp")]
            )
        self.assertEqual(self.kim.state, "in_progress")

    def test_request_wizard(self):
        proposal = self.forward(self.kim | self.hoa)
        context = {"default_letter_id": proposal.id, "allowed_company_ids": self.ministry.ids}
        wizard_form = Form(
            self.env["nationality.letter.request.wizard"]
            .with_user(self.cuc_officer)
            .with_context(**context)
        )
        self.assertEqual(wizard_form.notation, "HCTP-QT")
        self.assertEqual(
            wizard_form.subject, f"Request for more documents (reply to letter {proposal.name})"
        )
        self.assertEqual(len(wizard_form.line_ids), 2)
        with wizard_form.line_ids.edit(0) as line:
            line.note = "Giấy xác nhận có quốc tịch nước ngoài"
        wizard_form.line_ids.remove(1)
        result = wizard_form.save().action_confirm()
        self.assertEqual(
            [result[key] for key in ("type", "res_model", "view_mode", "target")],
            ["ir.actions.act_window", "nationality.letter", "form", "current"],
        )
        request = self.env["nationality.letter"].browse(result["res_id"])
        self.assertEqual(len(request.dossier_ids), 1)
        self.assertEqual(request.dossier_ids.state, "supplement")

    def test_decision_notice_with_list_of_persons(self):
        proposal = self.forward(self.kim | self.hoa)
        self.as_user(proposal, self.cuc_officer).action_register_receipt()
        self.assertEqual(proposal.state, "received")
        results = [
            (self.as_user(self.kim, self.cuc_leader), "granted", ""),
            (self.as_user(self.hoa, self.cuc_leader), "refused", "Chưa đủ thời gian thường trú"),
        ]
        with self.assertRaises(AccessError):
            self.as_user(proposal, self.cuc_officer)._notify_decision(
                "1234/QĐ-CTN", date(2031, 5, 20), results
            )
        notice = self.as_user(proposal, self.cuc_leader)._notify_decision(
            "1234/QĐ-CTN", date(2031, 5, 20), results
        )
        self.assertEqual(notice.letter_type, "decision_notice")
        self.assertEqual(notice.decision_number, "1234/QĐ-CTN")
        self.assertEqual(notice.state, "sent")
        self.assertEqual(notice.receiving_agency_ids, self.agency_hn)
        self.assertEqual(proposal.state, "answered")
        by_name = {person.full_name: person.result for person in notice.person_ids}
        self.assertEqual(by_name, {"Kim Min-jun": "granted", "Wang Li Hua": "refused"})
        rows = list(load_workbook(io.BytesIO(notice.attachment_ids.raw)).active.values)
        self.assertEqual(
            sorted((row[2], row[4]) for row in rows[1:]),
            [("Kim Min-jun", "Granted"), ("Wang Li Hua", "Not granted")],
        )

        self.assertEqual(self.kim.state, "decided")
        self.assertEqual(self.kim.decision_result, "granted")
        self.assertEqual(self.kim.decision_number, "1234/QĐ-CTN")
        self.assertEqual(self.kim.decision_date, date(2031, 5, 20))
        # A grant completes the Ministry's remaining stages first.
        self.assertEqual(set(self.kim.stage_line_ids.mapped("state")), {"done"})
        self.assertEqual(self.hoa.decision_result, "refused")
        self.assertIn("cancelled", self.hoa.stage_line_ids.mapped("state"))

        # The department is told: the notice is incoming for it, with a to-do.
        self.assertTrue(self.as_user(notice, self.hn_reception).is_incoming)
        self.assertFalse(self.visible(notice, self.hcm_officer))
        activity = self.kim.activity_ids.filtered(lambda act: act.user_id == self.hn_officer)
        self.assertIn(notice.name, activity.note)
        # Nobody changes the notice once sent.
        with self.assertRaises(AccessError):
            self.as_user(notice, self.hn_officer).write({"decision_number": "9/QĐ-CTN"})

    def test_decision_wizard(self):
        proposal = self.forward(self.kim)
        context = {"default_letter_id": proposal.id, "allowed_company_ids": self.ministry.ids}
        wizard_form = Form(
            self.env["nationality.letter.decision.wizard"]
            .with_user(self.cuc_leader)
            .with_context(**context)
        )
        self.assertEqual(wizard_form.notation, "HCTP-QT")
        # Left empty, the subject names the decision and the proposal.
        self.assertFalse(wizard_form.subject)
        self.assertEqual(len(wizard_form.line_ids), 1)
        wizard_form.decision_number = "88/QĐ-CTN"
        with wizard_form.line_ids.edit(0) as line:
            self.assertEqual(line.result, "granted")
        result = wizard_form.save().action_confirm()
        notice = self.env["nationality.letter"].browse(result["res_id"])
        self.assertEqual(notice.dossier_ids, self.kim)
        self.assertEqual(self.kim.decision_number, "88/QĐ-CTN")

    def test_decision_lines_only_for_dossiers_the_ministry_reads(self):
        proposal = self.forward(self.kim)
        context = {"default_letter_id": proposal.id, "allowed_company_ids": self.ministry.ids}
        wizard = (
            self.env["nationality.letter.decision.wizard"]
            .with_user(self.cuc_leader)
            .with_context(**context)
            .create({"decision_number": "89/QĐ-CTN"})
        )
        # A dossier still at the department: its applicant's name would show
        # on the line (a related field read as superuser).
        at_department = self.make_dossier("naturalization", full_name="Park Ji-hoon")
        Line = self.env["nationality.letter.decision.wizard.line"].with_user(self.cuc_leader)
        with self.assertRaises(UserError):
            Line.with_context(**context).create(
                {"wizard_id": wizard.id, "dossier_id": at_department.id}
            )
        line = Line.with_context(**context).create(
            {"wizard_id": wizard.id, "dossier_id": self.kim.id}
        )
        self.assertEqual(line.full_name, self.kim.full_name)
        with self.assertRaises(UserError):
            line.write({"dossier_id": at_department.id})

    def test_only_the_addressee_answers(self):
        proposal = self.forward(self.kim)
        with self.assertRaisesRegex(UserError, "not sent to the agency of your current company"):
            self.as_user(proposal, self.hn_leader)._answering_company()
        self.assertEqual(
            self.as_user(proposal, self.cuc_leader)._answering_company(), self.ministry
        )

    def test_dossier_smart_button(self):
        letter = self.forward(self.kim)
        action = self.as_user(self.kim, self.hn_officer).action_open_letters()
        self.assertEqual(
            self.env["nationality.letter"].with_user(self.hn_officer).search(action["domain"]),
            letter,
        )
        self.assertEqual(self.kim.letter_count, 1)
