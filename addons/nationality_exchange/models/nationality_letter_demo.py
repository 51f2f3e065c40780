# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo exchange between the Departments of Justice and the Cục: dossiers of
their own taken to the Ministry with proposal letters, a request for more
documents and a notice of decision, all through the real methods."""

import logging
from datetime import date, timedelta

from odoo import Command, api, models
from odoo.addons.nationality_dossier.models.nationality_dossier import simulated_clock
from odoo.addons.nationality_dossier.tools.dates import vietnam_today
from odoo.addons.nationality_dossier.tools.pdf import text_pdf

_logger = logging.getLogger(__name__)

DEMO_MODULE = "nationality_exchange"
DEMO_PREFIX = "demo_letter_"
DOSSIER_MODULE = "nationality_dossier"


class NationalityLetterDemoLoader(models.AbstractModel):
    _name = "nationality.letter.demo.loader"
    _description = "Nationality exchange demo scenarios"

    @api.model
    def _load_demo_letters(self):
        """Create the demo exchange, unless a previous run already did. Every
        step runs on a past working day with the dossiers' simulated clock."""
        if self.env["ir.model.data"].search_count(
            [("module", "=", DEMO_MODULE), ("name", "=like", DEMO_PREFIX + "%")]
        ):
            _logger.info("Nationality exchange demo letters already loaded; nothing to do.")
            return False
        self.env["nationality.demo.loader"]._load_demo_translations("nationality_exchange")
        today = vietnam_today(self.env)

        def at(working_days, clock):
            return self._demo_moment(today, working_days, clock)

        ministry = self.env.ref(f"{DOSSIER_MODULE}.agency_ministry")

        # Hà Nội forwards two naturalization dossiers with one proposal.
        kim = self._demo_dossier(
            "hn",
            "naturalization",
            {
                "full_name": "Kim Min-jun",
                "gender": "male",
                "birth_date": date(1985, 4, 12),
                "birth_place": "Seoul, Hàn Quốc",
                "nationality_ids": [Command.set(self.env.ref("base.kr").ids)],
                "id_document_type": "passport",
                "id_document_number": "M48213067",
                "vietnamese_name_requested": "Kim Minh Tuấn",
                "reasons": "Kết hôn với công dân Việt Nam, thường trú tại Hà Nội từ năm 2012.",
            },
            [at(62, "09:10"), at(57, "10:00"), at(52, "15:30"), at(47, "09:00")],
        )
        chai = self._demo_dossier(
            "hn",
            "naturalization",
            {
                "full_name": "Somchai Phommachanh",
                "gender": "male",
                "birth_date": date(1962, 1, 1),
                "birth_date_precision": "year",
                "birth_place": "Xiêng Khoảng, Lào",
                "nationality_ids": [Command.set(self.env.ref("base.la").ids)],
                "id_document_type": "passport",
                "id_document_number": "P2058814",
                "vietnamese_name_requested": "Lê Văn Chai",
                "reasons": "Sinh sống ổn định tại Việt Nam hơn 30 năm.",
            },
            [at(61, "14:20"), at(56, "09:30"), at(51, "16:00"), at(46, "10:15")],
        )
        proposal_hn = self._demo_at(
            at(40, "14:00"),
            lambda: self._demo_as("hn_officer", kim | chai)._forward_to_ministry(
                ministry,
                note="Hồ sơ đã được Chủ tịch Ủy ban nhân dân thành phố Hà Nội xem xét, đề nghị.",
            ),
        )
        self._demo_register("proposal_hn", proposal_hn)

        # The Cục acknowledges it and asks for documents for one of them.
        cuc_proposal = self._demo_as("cuc_officer", proposal_hn)
        cuc_chai = self._demo_as("cuc_officer", chai)
        self._demo_at(at(38, "08:30"), cuc_proposal.action_register_receipt)
        cuc_officer = self.env.ref(f"{DOSSIER_MODULE}.user_cuc_officer")
        self._demo_at(
            at(38, "08:40"),
            lambda: (cuc_chai | self._demo_as("cuc_officer", kim)).write(
                {"ministry_user_id": cuc_officer.id}
            ),
        )
        missing = cuc_chai.document_ids.filtered(
            lambda line: line.document_type_id.code == "criminal_record"
        )[:1]
        request_moment = at(30, "10:00")
        request = self._demo_at(
            request_moment,
            lambda: cuc_proposal._request_documents(
                [
                    (
                        cuc_chai,
                        missing,
                        "Phiếu lý lịch tư pháp cấp sau ngày nộp hồ sơ và bản dịch có chứng "
                        "thực giấy tờ về quốc tịch Lào.",
                    )
                ],
                date_due=request_moment.date() + timedelta(days=20),
            ),
        )
        self._demo_register("request_documents_hn", request)

        # Hồ Chí Minh City forwards a restoration; the Cục notifies the decision.
        mai_anh = self._demo_dossier(
            "hcm",
            "restoration",
            {
                "full_name": "Nguyễn Thị Mai Anh",
                "gender": "female",
                "birth_date": date(1971, 9, 3),
                "birth_place": "Sài Gòn",
                "nationality_ids": [Command.set(self.env.ref("base.us").ids)],
                "id_document_type": "passport",
                "id_document_number": "A03918274",
                "former_nationality_loss": "Thôi quốc tịch Việt Nam theo Quyết định số "
                "512/QĐ-CTN ngày 20/03/1998",
                "reasons": "Về nước sinh sống và đầu tư tại Thành phố Hồ Chí Minh.",
            },
            [at(70, "08:45"), at(65, "09:30"), at(60, "14:00"), at(55, "10:30")],
        )
        proposal_hcm = self._demo_at(
            at(50, "15:00"),
            lambda: self._demo_as("hcm_officer", mai_anh)._forward_to_ministry(ministry),
        )
        self._demo_register("proposal_hcm", proposal_hcm)
        # The Cục enters it in its incoming register before deciding.
        self._demo_at(
            at(37, "14:00"), self._demo_as("cuc_officer", proposal_hcm).action_register_receipt
        )
        decision_moment = at(25, "16:00")
        notice = self._demo_at(
            decision_moment,
            lambda: self._demo_as("cuc_leader", proposal_hcm)._notify_decision(
                "2710/QĐ-CTN",
                self._demo_moment(today, 27, "09:00").date(),
                [(self._demo_as("cuc_leader", mai_anh), "granted", "")],
            ),
        )
        self._demo_register("decision_notice_hcm", notice)
        # Deadlines and flags as of today.
        # sudo: the demo dossiers belong to two departments and one is decided.
        (kim | chai | mai_anh).sudo()._refresh_deadline_status()
        # The daily watch, as after the back-office demo: the dossiers that
        # went to the Ministry remind or escalate to the Ministry's staff.
        self.env["nationality.demo.loader"]._run_deadline_watch()
        _logger.info("Loaded the nationality exchange demo letters.")
        return True

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _demo_moment(self, today, working_days, clock):
        """Naive UTC moment at ``clock`` (Vietnam time) ``working_days``
        working days before ``today``."""
        _day, moment = self.env["nationality.demo.loader"]._demo_moment(
            ("wd", working_days, clock), today
        )
        return moment

    @api.model
    def _demo_at(self, moment, step):
        """Run ``step`` at ``moment`` and date its chatter messages accordingly."""
        self.env.flush_all()
        self.env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM mail_message")
        watermark = self.env.cr.fetchone()[0]
        with simulated_clock(moment):
            result = step()
            # Post the tracking messages while the clock says so.
            self.env.flush_all()
            self.env.cr.flush()
        self.env["mail.message"].sudo().search(
            [
                ("id", ">", watermark),
                ("model", "in", ("nationality.dossier", "nationality.letter")),
            ]
        ).write({"date": moment})
        return result

    @api.model
    def _demo_as(self, login, records):
        return self.env["nationality.demo.loader"]._demo_as(login, records)

    @api.model
    def _demo_dossier(self, unit, code, values, moments):
        """A counter dossier received and accepted at ``moments[0]``, then
        taken stage by stage (one moment each) to the last stage of the
        Department of Justice."""
        company = self.env.ref(f"{DOSSIER_MODULE}.company_stp_{unit}")
        procedure = self.env["nationality.procedure"].search([("code", "=", code)], limit=1)
        Dossier = self._demo_as(f"{unit}_reception", self.env["nationality.dossier"])

        def receive():
            dossier = Dossier.create(
                dict(values, procedure_id=procedure.id, company_id=company.id, channel="counter")
            )
            dossier.action_receive()
            for line in dossier.document_ids.filtered("is_blocking"):
                line.write({"copies_received": max(line.copies_required, 1)})
                if line.original_required:
                    line.action_mark_original_seen()
            application = dossier.document_ids[:1]
            scan = self.env["ir.attachment"].create(
                {
                    "name": f"{application.name} - {dossier.full_name}.pdf",
                    "mimetype": "application/pdf",
                    "raw": text_pdf([f"Ho so {dossier.name}"]),
                    "res_model": "nationality.dossier.document",
                    "res_id": application.id,
                }
            )
            application.write({"attachment_ids": [Command.link(scan.id)]})
            dossier.write({"fee_paid": True, "fee_paid_date": dossier._today()})
            dossier.action_accept()
            return dossier

        dossier = self._demo_at(moments[0], receive)
        officer = self._demo_as(f"{unit}_officer", dossier)
        officer.write({"user_id": officer.env.uid})
        index = 1
        while officer.current_stage_line_id and not officer.can_forward_to_ministry:
            moment = moments[min(index, len(moments) - 1)]
            self._demo_at(moment, officer.action_complete_stage)
            index += 1
        return dossier

    @api.model
    def _demo_register(self, key, record):
        self.env["ir.model.data"].create(
            {
                "module": DEMO_MODULE,
                "name": f"{DEMO_PREFIX}{key}",
                "model": record._name,
                "res_id": record.id,
                "noupdate": True,
            }
        )
