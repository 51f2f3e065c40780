# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo scenarios: realistic dossiers of two Departments of Justice, taken
through the real workflow methods on past days with the simulated clock, so
that codes, register lines, stages, due dates and chatter are genuine."""

import logging
from datetime import date, datetime, time, timedelta

from odoo import Command, api, models

from ..tools.dates import VIETNAM_TZ, vietnam_today
from ..tools.pdf import text_pdf
from .nationality_dossier import simulated_clock

_logger = logging.getLogger(__name__)

DEMO_MODULE = "nationality_dossier"
DEMO_PREFIX = "demo_dossier_"
# Vietnam keeps UTC+7 all year round.
VIETNAM_UTC_OFFSET = timedelta(hours=7)
# Steps performed by the applicant through the National Public Service Portal.
PORTAL = "portal"
CIVIL_STATUS_DB = "Cơ sở dữ liệu hộ tịch điện tử"
POPULATION_DB = "Cơ sở dữ liệu quốc gia về dân cư"
NATIONALITY_DB = "Cơ sở dữ liệu quốc tịch (Bộ Tư pháp)"


class NationalityDemoLoader(models.AbstractModel):
    """Loads the demo dossiers. Called once from the demo data."""

    _name = "nationality.demo.loader"
    _description = "Nationality dossiers demo scenarios"

    # ------------------------------------------------------------------
    # Entry point
    # ------------------------------------------------------------------
    @api.model
    def _load_demo_dossiers(self):
        """Create the demo dossiers, unless a previous run already did."""
        if self.env["ir.model.data"].search_count(
            [
                ("module", "=", DEMO_MODULE),
                ("model", "=", "nationality.dossier"),
                ("name", "=like", DEMO_PREFIX + "%"),
            ]
        ):
            _logger.info("Nationality demo dossiers already loaded; nothing to do.")
            return False
        self._load_demo_translations("nationality_dossier")
        today = vietnam_today(self.env)
        scenarios = self._demo_scenarios()
        timeline = []
        for order, scenario in enumerate(scenarios):
            previous = None
            for index, (when, actor, action, params) in enumerate(scenario["steps"]):
                day, moment = self._demo_moment(when, today)
                if previous and moment and moment < previous:
                    raise ValueError(f"{scenario['key']}: step {index} goes back in time")
                previous = moment or previous
                # Steps without a moment happen now, after every dated step.
                sort_key = (moment or datetime.max, order, index)
                timeline.append((sort_key, scenario, day, moment, actor, action, params))
        timeline.sort(key=lambda step: step[0])
        dossiers = {}
        for _key, scenario, day, moment, actor, action, params in timeline:
            self._demo_run_step(dossiers, scenario, day, moment, actor, action, params)
        Dossier = self.env["nationality.dossier"].with_context(tz=VIETNAM_TZ)
        demo = Dossier.browse([dossier.id for dossier in dossiers.values()])
        demo._refresh_deadline_status()
        self._run_deadline_watch()
        _logger.info("Loaded %s nationality demo dossiers.", len(demo))
        return True

    @api.model
    def _load_demo_translations(self, module_name):
        """Odoo loads a module's translations after its demo data: what the
        demo writes from translated terms (chatter messages, activities,
        stage names) would stay in English. Load the Vietnamese ones first."""
        if "vi_VN" in dict(self.env["res.lang"].get_installed()):
            self.env["ir.module.module"].search([("name", "=", module_name)])._update_translations(
                "vi_VN"
            )

    @api.model
    def _run_deadline_watch(self):
        """The daily watch on the demo dossiers, as the cron will run it every
        morning from now on: reminders to the officers, escalations of the
        overdue stages to the leaders."""
        self.env["nationality.dossier"].with_context(tz=VIETNAM_TZ)._cron_deadline_watch()

    # ------------------------------------------------------------------
    # Timeline
    # ------------------------------------------------------------------
    def _demo_working_days_before(self, today, count):
        """The working day ``count`` working days before ``today``."""
        Calendar = self.env["nationality.working.calendar"]
        days_off, worked = Calendar._exceptions_between(
            today - timedelta(days=count * 3 + 60), today
        )
        day = today
        while count > 0:
            day -= timedelta(days=1)
            if Calendar._is_working(day, days_off, worked):
                count -= 1
        return day

    def _demo_moment(self, when, today):
        """(day, naive UTC moment) of a step; (today, None) for "now"."""
        if when is None:
            return today, None
        kind, value, clock = when
        day = self._demo_working_days_before(today, value) if kind == "wd" else value
        hour, minute = (int(part) for part in clock.split(":"))
        return day, datetime.combine(day, time(hour, minute)) - VIETNAM_UTC_OFFSET

    def _demo_env_for(self, actor, company):
        if actor == PORTAL:
            # sudo: the applicant files through the National Public Service
            # Portal, which has no user of its own in this demo.
            return self.env["nationality.dossier"].sudo().with_context(tz=VIETNAM_TZ)
        return self._demo_as(actor, self.env["nationality.dossier"])

    @api.model
    def _demo_as(self, login, records):
        """``records`` as the demo user ``login``, in their companies, time
        zone and language."""
        user = self.env.ref(f"{DEMO_MODULE}.user_{login}")
        return records.with_user(user).with_context(
            allowed_company_ids=user.company_ids.ids, tz=user.tz or VIETNAM_TZ, lang=user.lang
        )

    def _demo_run_step(self, dossiers, scenario, day, moment, actor, action, params):
        key = scenario["key"]
        company = self.env.ref(f"{DEMO_MODULE}.{scenario['company']}")
        Dossier = self._demo_env_for(actor, company)
        self.env.flush_all()
        self.env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM mail_message")
        watermark = self.env.cr.fetchone()[0]
        handler = getattr(self, f"_demo_step_{action}")
        target = Dossier.browse(dossiers[key].id) if key in dossiers else Dossier
        if moment:
            with simulated_clock(moment):
                dossier = handler(target, params, day)
                # Post the tracking messages of this step while the clock says so.
                self.env.cr.flush()
        else:
            dossier = handler(target, params, day)
            self.env.cr.flush()
        if key not in dossiers:
            dossiers[key] = dossier.sudo()
            self._demo_register(key, dossier, moment)
        if moment:
            # The chatter shows the day each step really happened.
            self.env["mail.message"].sudo().search(
                [
                    ("model", "=", "nationality.dossier"),
                    ("res_id", "=", dossiers[key].id),
                    ("id", ">", watermark),
                ]
            ).write({"date": moment})

    def _demo_register(self, key, dossier, moment):
        self.env["ir.model.data"].create(
            {
                "module": DEMO_MODULE,
                "name": f"{DEMO_PREFIX}{key}",
                "model": "nationality.dossier",
                "res_id": dossier.id,
                "noupdate": True,
            }
        )
        if moment:
            # The dossier was typed in on that day, not when the demo was loaded.
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE nationality_dossier SET create_date = %s WHERE id = %s",
                (moment, dossier.id),
            )
            dossier.invalidate_recordset(["create_date"])

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def _demo_step_create(self, Dossier, params, day):
        return Dossier.create(params)

    def _demo_step_receive(self, dossier, params, day):
        dossier.action_receive()
        return dossier

    def _demo_step_submit_online(self, dossier, params, day):
        dossier.action_submit_online()
        return dossier

    def _demo_step_accept(self, dossier, params, day):
        dossier.action_accept()
        return dossier

    def _demo_step_checklist(self, dossier, params, day):
        """The applicant hands in the papers (counter, post) or uploads scans
        (online) for every item still missing, except those in ``skip``."""
        skip = set(params.get("skip", ()))
        lines = dossier.document_ids.filtered(
            lambda line: line.is_blocking and line.document_type_id.code not in skip
        )
        if dossier.channel == "online":
            for line in lines:
                attachment = (
                    self.env["ir.attachment"]
                    .sudo()
                    .create(
                        {
                            "name": f"{line.document_type_id.code}.pdf",
                            "mimetype": "application/pdf",
                            "raw": text_pdf(
                                [line.name, dossier.full_name, day.strftime("%d/%m/%Y")]
                            ),
                            "res_model": "nationality.dossier.document",
                            "res_id": line.id,
                        }
                    )
                )
                line.write({"attachment_ids": [Command.link(attachment.id)]})
            return dossier
        for line in lines:
            line.write({"copies_received": max(line.copies_required, 1)})
            if line.original_required:
                line.action_mark_original_seen()
        return dossier

    def _demo_step_lookup(self, dossier, params, day):
        """Record the database look-ups that replace papers: {code: (database, result)}."""
        for code, (source, reference) in params.items():
            line = dossier.document_ids.filtered(
                lambda doc, code=code: doc.document_type_id.code == code
            )
            line.write({"lookup_source": source, "lookup_reference": reference})
            line.action_record_lookup()
        return dossier

    def _demo_step_pay(self, dossier, params, day):
        dossier.write(
            {"fee_paid": True, "fee_receipt_number": params["receipt"], "fee_paid_date": day}
        )
        return dossier

    def _demo_step_assign(self, dossier, params, day):
        dossier.write(
            {
                field: self.env.ref(f"{DEMO_MODULE}.user_{login}").id
                for field, login in params.items()
            }
        )
        return dossier

    def _demo_step_note(self, dossier, params, day):
        dossier.message_post(body=params["body"], subtype_xmlid="mail.mt_note")
        return dossier

    def _demo_step_complete_stage(self, dossier, params, day):
        if params.get("note"):
            dossier.message_post(body=params["note"], subtype_xmlid="mail.mt_note")
        dossier.action_complete_stage()
        return dossier

    def _demo_step_supplement(self, dossier, params, day):
        lines = dossier.document_ids.filtered(
            lambda line: line.document_type_id.code in params["codes"]
        )
        dossier.action_request_supplement(note=params["note"], missing_lines=lines)
        return dossier

    def _demo_step_supplement_received(self, dossier, params, day):
        dossier.action_supplement_received()
        return dossier

    def _demo_step_decide(self, dossier, params, day):
        dossier.action_decide(
            params["result"],
            decision_number=params.get("number"),
            decision_date=day,
            note=params.get("note"),
        )
        return dossier

    def _demo_step_deliver(self, dossier, params, day):
        dossier.action_deliver()
        return dossier

    def _demo_step_refuse(self, dossier, params, day):
        dossier.action_refuse(params["reason"])
        return dossier

    def _demo_step_withdraw(self, dossier, params, day):
        dossier.action_withdraw(params["reason"])
        return dossier

    # ------------------------------------------------------------------
    # Scenarios
    # ------------------------------------------------------------------
    def _demo_scenarios(self):
        """Fifteen dossiers of Hà Nội and Thành phố Hồ Chí Minh across the six
        procedures. ``("wd", n, "hh:mm")`` is n working days before the day the
        demo is loaded, at that time in Vietnam; ``None`` is now."""

        def ref(xmlid):
            return self.env.ref(xmlid if "." in xmlid else f"{DEMO_MODULE}.{xmlid}").id

        def proc(code):
            return ref(f"procedure_{code}")

        return [
            # Hà Nội -----------------------------------------------------
            {
                "key": "hn_naturalization_kim",
                "company": "company_stp_hn",
                "steps": [
                    (
                        ("wd", 47, "08:30"),
                        "hn_reception",
                        "create",
                        {
                            "procedure_id": proc("naturalization"),
                            "company_id": ref("company_stp_hn"),
                            "channel": "counter",
                            "full_name": "Kim Min-jun",
                            "other_names": "김민준",
                            "gender": "male",
                            "birth_date": date(1986, 3, 15),
                            "birth_place": "Busan, Hàn Quốc",
                            "nationality_ids": [Command.set([ref("base.kr")])],
                            "id_document_type": "passport",
                            "id_document_number": "M48213057",
                            "id_document_issue_date": date(2021, 5, 20),
                            "id_document_issuer": "Bộ Ngoại giao Hàn Quốc",
                            "occupation": "Kỹ sư phần mềm",
                            "workplace": "Công ty TNHH Phần mềm Hanbit Việt Nam",
                            "address_scheme": "current",
                            "street": "Số 27 phố Trần Hưng Đạo",
                            "ward_id": ref("ward_00073"),
                            "province_id": ref("province_01"),
                            "email": "kim.minjun@example.com",
                            "phone": "0912 345 678",
                            "vietnamese_name_requested": "Kim Minh Tuấn",
                            "ground_ids": [Command.set([ref("ground_spouse_vn")])],
                            "reasons": "Kết hôn với công dân Việt Nam từ năm 2015, có con là công dân "
                            "Việt Nam, sinh sống ổn định tại Hà Nội và mong muốn gắn bó lâu dài "
                            "với Việt Nam.",
                            "member_ids": [
                                Command.create(
                                    {
                                        "relation": "spouse",
                                        "full_name": "Nguyễn Thị Thu Trang",
                                        "gender": "female",
                                        "birth_date": date(1990, 7, 2),
                                        "birth_place": "Hà Nội",
                                        "is_vietnamese_citizen": True,
                                        "nationality_ids": [Command.set([ref("base.vn")])],
                                        "id_document_type": "citizen_id",
                                        "id_document_number": "001190034567",
                                        "residence": "Số 27 phố Trần Hưng Đạo, phường Cửa Nam, "
                                        "thành phố Hà Nội",
                                    }
                                ),
                                Command.create(
                                    {
                                        "relation": "child",
                                        "full_name": "Kim Bảo Ngọc",
                                        "gender": "female",
                                        "birth_date": date(2017, 9, 14),
                                        "birth_place": "Hà Nội",
                                        "is_vietnamese_citizen": True,
                                        "nationality_ids": [Command.set([ref("base.vn")])],
                                        "residence": "Số 27 phố Trần Hưng Đạo, phường Cửa Nam, "
                                        "thành phố Hà Nội",
                                    }
                                ),
                            ],
                        },
                    ),
                    (("wd", 47, "08:40"), "hn_reception", "receive", {}),
                    (("wd", 47, "09:05"), "hn_reception", "checklist", {}),
                    (("wd", 47, "09:10"), "hn_reception", "pay", {"receipt": "BL 0004521"}),
                    (("wd", 47, "09:15"), "hn_reception", "accept", {}),
                    (("wd", 47, "10:30"), "hn_leader", "assign", {"user_id": "hn_officer"}),
                    (
                        ("wd", 44, "14:00"),
                        "hn_officer",
                        "complete_stage",
                        {
                            "note": "Đã gửi Công văn số 215/STP-HCTP đề nghị Công an thành phố "
                            "Hà Nội xác minh nhân thân người xin nhập quốc tịch."
                        },
                    ),
                    (
                        ("wd", 24, "15:20"),
                        "hn_officer",
                        "complete_stage",
                        {
                            "note": "Công an thành phố Hà Nội trả lời kết quả xác minh tại Công văn "
                            "số 1032/CAHN-PA08: không có thông tin vi phạm pháp luật."
                        },
                    ),
                    (
                        ("wd", 15, "09:45"),
                        "hn_officer",
                        "complete_stage",
                        {
                            "note": "Đã có Tờ trình số 88/TTr-STP trình Chủ tịch Ủy ban nhân dân "
                            "thành phố đề xuất ý kiến."
                        },
                    ),
                    (
                        ("wd", 3, "16:10"),
                        "hn_officer",
                        "complete_stage",
                        {
                            "note": "Ủy ban nhân dân thành phố Hà Nội có Công văn số 3456/UBND-NC "
                            "đề nghị Bộ Tư pháp xem xét, trình Chủ tịch nước."
                        },
                    ),
                    (
                        ("wd", 2, "08:50"),
                        "cuc_leader",
                        "assign",
                        {"ministry_user_id": "cuc_officer"},
                    ),
                ],
            },
            {
                "key": "hn_naturalization_lao",
                "company": "company_stp_hn",
                "steps": [
                    (
                        ("wd", 6, "13:40"),
                        "hn_reception",
                        "create",
                        {
                            "procedure_id": proc("naturalization"),
                            "company_id": ref("company_stp_hn"),
                            "channel": "counter",
                            "full_name": "Sengphet Phommachanh",
                            "gender": "male",
                            "birth_date": date(1979, 1, 1),
                            "birth_date_precision": "year",
                            "birth_place": "Tỉnh Savannakhet, Lào",
                            "nationality_ids": [Command.set([ref("base.la")])],
                            "id_document_type": "passport",
                            "id_document_number": "P0412753",
                            "ethnicity": "Lào",
                            "occupation": "Làm nông nghiệp",
                            "address_scheme": "current",
                            "street": "Thôn Thanh Nhàn",
                            "ward_id": ref("ward_00070"),
                            "province_id": ref("province_01"),
                            "phone": "0976 112 358",
                            "vietnamese_name_requested": "Phạm Văn Sơn",
                            "fee_exemption_id": ref("fee_exempt_lao_migrant"),
                            "reasons": "Di cư sang Việt Nam từ năm 1998, được cư trú theo Thỏa thuận "
                            "giữa Chính phủ Việt Nam và Chính phủ Lào; cả gia đình sinh sống ổn "
                            "định tại Việt Nam.",
                            "member_ids": [
                                Command.create(
                                    {
                                        "relation": "spouse",
                                        "full_name": "Bounmy Phommachanh",
                                        "gender": "female",
                                        "birth_date": date(1983, 1, 1),
                                        "birth_date_precision": "year",
                                        "birth_place": "Tỉnh Savannakhet, Lào",
                                        "nationality_ids": [Command.set([ref("base.la")])],
                                        "residence": "Thôn Thanh Nhàn, phường Hoàn Kiếm, "
                                        "thành phố Hà Nội",
                                    }
                                ),
                                Command.create(
                                    {
                                        "relation": "child",
                                        "full_name": "Noy Phommachanh",
                                        "gender": "female",
                                        "birth_date": date(2014, 5, 12),
                                        "birth_place": "Hà Nội",
                                        "nationality_ids": [Command.set([ref("base.la")])],
                                        "applies_with_applicant": True,
                                        "vietnamese_name_requested": "Phạm Thị Ngọc",
                                        "residence": "Thôn Thanh Nhàn, phường Hoàn Kiếm, "
                                        "thành phố Hà Nội",
                                    }
                                ),
                            ],
                        },
                    ),
                    (("wd", 6, "13:45"), "hn_reception", "receive", {}),
                    (
                        ("wd", 6, "14:05"),
                        "hn_reception",
                        "lookup",
                        {
                            "parent_child_proof": (
                                CIVIL_STATUS_DB,
                                "Trích lục khai sinh số 215/TLKS-BS của Noy Phommachanh",
                            )
                        },
                    ),
                    (
                        ("wd", 6, "14:20"),
                        "hn_reception",
                        "checklist",
                        {"skip": ["criminal_record", "parents_agreement"]},
                    ),
                    (
                        ("wd", 6, "14:35"),
                        "hn_reception",
                        "supplement",
                        {
                            "codes": ["criminal_record", "parents_agreement"],
                            "note": "Bổ sung Phiếu lý lịch tư pháp do cơ quan có thẩm quyền của Lào "
                            "cấp (hợp pháp hóa lãnh sự, dịch sang tiếng Việt) và văn bản thỏa "
                            "thuận của cha mẹ về việc cháu Noy nhập quốc tịch Việt Nam.",
                        },
                    ),
                ],
            },
            {
                "key": "hn_restoration_le_hoang_phuc",
                "company": "company_stp_hn",
                "steps": [
                    (
                        ("wd", 27, "07:55"),
                        PORTAL,
                        "create",
                        {
                            "procedure_id": proc("restoration"),
                            "company_id": ref("company_stp_hn"),
                            "channel": "online",
                            "full_name": "Lê Hoàng Phúc",
                            "gender": "male",
                            "birth_date": date(1975, 8, 22),
                            "birth_place": "Hà Nội",
                            "birth_registration_place": "Ủy ban nhân dân phường Hàng Bạc, "
                            "quận Hoàn Kiếm, thành phố Hà Nội",
                            "nationality_ids": [Command.set([ref("base.de")])],
                            "id_document_type": "passport",
                            "id_document_number": "C01X7TK29",
                            "id_document_issue_date": date(2022, 3, 4),
                            "id_document_issuer": "Stadt Berlin",
                            "occupation": "Kỹ sư cơ khí",
                            "address_scheme": "abroad",
                            "address_abroad": "Hauptstraße 12, 10827 Berlin",
                            "residence_country_id": ref("base.de"),
                            "residence_before_leaving": "Phường Hàng Bạc, quận Hoàn Kiếm, "
                            "thành phố Hà Nội",
                            "email": "le.hoang.phuc@example.de",
                            "phone": "+49 30 1234 5678",
                            "former_nationality_loss": "Được thôi quốc tịch Việt Nam theo Quyết "
                            "định số 1180/QĐ-CTN ngày 10/07/2009 của Chủ tịch nước.",
                            "ground_ids": [Command.set([ref("ground_repatriation")])],
                            "reasons": "Nghỉ hưu, trở về Hà Nội sinh sống cùng mẹ già.",
                        },
                    ),
                    (
                        ("wd", 27, "08:05"),
                        PORTAL,
                        "checklist",
                        {"skip": ["former_nationality_proof"]},
                    ),
                    (
                        ("wd", 27, "08:10"),
                        PORTAL,
                        "pay",
                        {"receipt": "Thanh toán trực tuyến, mã giao dịch 2611847305"},
                    ),
                    (("wd", 27, "08:12"), PORTAL, "submit_online", {}),
                    (
                        ("wd", 26, "09:30"),
                        "hn_reception",
                        "lookup",
                        {
                            "former_nationality_proof": (
                                NATIONALITY_DB,
                                "Quyết định số 1180/QĐ-CTN ngày 10/07/2009 cho thôi quốc tịch",
                            )
                        },
                    ),
                    (("wd", 26, "09:40"), "hn_reception", "accept", {}),
                    (("wd", 26, "11:00"), "hn_leader", "assign", {"user_id": "hn_officer"}),
                    (
                        ("wd", 22, "10:15"),
                        "hn_officer",
                        "complete_stage",
                        {
                            "note": "Đã gửi Công văn số 301/STP-HCTP đề nghị Công an thành phố "
                            "Hà Nội xác minh nhân thân."
                        },
                    ),
                    (
                        ("wd", 12, "15:30"),
                        "hn_officer",
                        "complete_stage",
                        {
                            "note": "Công an thành phố Hà Nội trả lời kết quả xác minh tại Công văn "
                            "số 1187/CAHN-PA08."
                        },
                    ),
                ],
            },
            {
                "key": "hn_renunciation_mai_anh",
                "company": "company_stp_hn",
                "steps": [
                    (
                        ("wd", 85, "08:20"),
                        "hn_reception",
                        "create",
                        {
                            "procedure_id": proc("renunciation"),
                            "company_id": ref("company_stp_hn"),
                            "channel": "counter",
                            "full_name": "Trần Thị Mai Anh",
                            "gender": "female",
                            "birth_date": date(1992, 11, 3),
                            "birth_place": "Hà Nội",
                            "nationality_ids": [Command.set([ref("base.vn")])],
                            "id_document_type": "citizen_id",
                            "id_document_number": "001192045678",
                            "id_document_issue_date": date(2021, 8, 16),
                            "id_document_issuer": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
                            "occupation": "Nhân viên văn phòng",
                            "address_scheme": "current",
                            "street": "Số 18 ngõ 165 đường Cầu Giấy",
                            "ward_id": ref("ward_00167"),
                            "province_id": ref("province_01"),
                            "email": "maianh.tran@example.com",
                            "phone": "0988 765 432",
                            "foreign_country_id": ref("base.jp"),
                            "reasons": "Kết hôn với công dân Nhật Bản, xin nhập quốc tịch Nhật Bản; "
                            "pháp luật Nhật Bản yêu cầu thôi quốc tịch hiện có.",
                            "member_ids": [
                                Command.create(
                                    {
                                        "relation": "spouse",
                                        "full_name": "Sato Kenji",
                                        "gender": "male",
                                        "birth_date": date(1988, 4, 9),
                                        "birth_place": "Osaka, Nhật Bản",
                                        "nationality_ids": [Command.set([ref("base.jp")])],
                                        "id_document_type": "passport",
                                        "id_document_number": "TR4418305",
                                    }
                                )
                            ],
                        },
                    ),
                    (("wd", 85, "08:30"), "hn_reception", "receive", {}),
                    (
                        ("wd", 85, "08:40"),
                        "hn_reception",
                        "lookup",
                        {
                            "vn_nationality_proof": (
                                POPULATION_DB,
                                "Số định danh cá nhân 001192045678, quốc tịch Việt Nam",
                            )
                        },
                    ),
                    (("wd", 85, "08:55"), "hn_reception", "checklist", {}),
                    (("wd", 85, "09:00"), "hn_reception", "pay", {"receipt": "BL 0003987"}),
                    (("wd", 85, "09:05"), "hn_reception", "accept", {}),
                    (("wd", 85, "10:00"), "hn_leader", "assign", {"user_id": "hn_officer"}),
                    (
                        ("wd", 80, "14:30"),
                        "hn_officer",
                        "complete_stage",
                        {
                            "note": "Đã đăng thông báo trên báo Hà Nội mới và Cổng thông tin điện "
                            "tử của Bộ Tư pháp; đã đề nghị Công an thành phố xác minh."
                        },
                    ),
                    (("wd", 68, "10:00"), "hn_officer", "complete_stage", {}),
                    (("wd", 59, "09:15"), "hn_officer", "complete_stage", {}),
                    (("wd", 54, "15:00"), "hn_officer", "complete_stage", {}),
                    (
                        ("wd", 53, "09:00"),
                        "cuc_leader",
                        "assign",
                        {"ministry_user_id": "cuc_officer"},
                    ),
                    (
                        ("wd", 41, "16:00"),
                        "cuc_officer",
                        "complete_stage",
                        {
                            "note": "Bộ Tư pháp đã có Tờ trình Thủ tướng Chính phủ để trình Chủ "
                            "tịch nước xem xét, quyết định."
                        },
                    ),
                    (
                        ("wd", 28, "10:30"),
                        "cuc_leader",
                        "decide",
                        {"result": "granted", "number": "1856/QĐ-CTN"},
                    ),
                    (("wd", 25, "14:15"), "hn_reception", "deliver", {}),
                ],
            },
            {
                "key": "hn_nationality_certificate_huy",
                "company": "company_stp_hn",
                "steps": [
                    (
                        ("wd", 3, "08:10"),
                        "hn_reception",
                        "create",
                        {
                            "procedure_id": proc("nationality_certificate"),
                            "company_id": ref("company_stp_hn"),
                            "channel": "counter",
                            "full_name": "Nguyễn Quang Huy",
                            "gender": "male",
                            "birth_date": date(1968, 2, 10),
                            "birth_place": "Xã Đông Ngạc, huyện Từ Liêm, thành phố Hà Nội",
                            "nationality_ids": [Command.set([ref("base.vn")])],
                            "id_document_type": "citizen_id",
                            "id_document_number": "001068007812",
                            "address_scheme": "legacy",
                            "street": "Số 8 ngõ 102 phố Khâm Thiên",
                            "address_legacy": "Phường Thổ Quan, quận Đống Đa, thành phố Hà Nội",
                            "legacy_state_id": ref("base.state_vn_VN-HN"),
                            "phone": "0903 221 456",
                            "reasons": "Bổ sung hồ sơ định cư của vợ con tại Cộng hòa Séc.",
                        },
                    ),
                    (("wd", 3, "08:15"), "hn_reception", "receive", {}),
                    (
                        ("wd", 3, "08:25"),
                        "hn_reception",
                        "lookup",
                        {
                            "vn_nationality_proof": (
                                POPULATION_DB,
                                "Số định danh cá nhân 001068007812",
                            )
                        },
                    ),
                    (("wd", 3, "08:35"), "hn_reception", "checklist", {}),
                    (("wd", 3, "08:40"), "hn_reception", "pay", {"receipt": "BL 0005102"}),
                    (("wd", 3, "08:45"), "hn_reception", "accept", {}),
                    (("wd", 3, "09:30"), "hn_leader", "assign", {"user_id": "hn_officer"}),
                ],
            },
            {
                "key": "hn_origin_certificate_huong",
                "company": "company_stp_hn",
                "steps": [
                    (
                        ("wd", 12, "21:30"),
                        PORTAL,
                        "create",
                        {
                            "procedure_id": proc("origin_certificate"),
                            "company_id": ref("company_stp_hn"),
                            "channel": "online",
                            "full_name": "Nguyễn Thị Thanh Hương",
                            "other_names": "Marie Thanh Huong Nguyen",
                            "gender": "female",
                            "birth_date": date(1983, 6, 17),
                            "birth_place": "Paris, Cộng hòa Pháp",
                            "nationality_ids": [Command.set([ref("base.fr")])],
                            "id_document_type": "passport",
                            "id_document_number": "19AB23456",
                            "occupation": "Bác sĩ",
                            "address_scheme": "abroad",
                            "address_abroad": "24 rue Garibaldi, 69006 Lyon",
                            "residence_country_id": ref("base.fr"),
                            "email": "marie.nguyen@example.fr",
                            "reasons": "Cha là ông Nguyễn Văn Lộc, sinh năm 1950 tại Hà Nội, định cư "
                            "tại Pháp từ năm 1975; xin xác nhận là người gốc Việt Nam.",
                        },
                    ),
                    (("wd", 12, "21:40"), PORTAL, "checklist", {"skip": ["origin_proof"]}),
                    (
                        ("wd", 12, "21:45"),
                        PORTAL,
                        "pay",
                        {"receipt": "Thanh toán trực tuyến, mã giao dịch 2611902214"},
                    ),
                    (("wd", 12, "21:46"), PORTAL, "submit_online", {}),
                    (
                        ("wd", 11, "08:50"),
                        "hn_reception",
                        "lookup",
                        {
                            "origin_proof": (
                                CIVIL_STATUS_DB,
                                "Đăng ký khai sinh năm 1950 của ông Nguyễn Văn Lộc (cha)",
                            )
                        },
                    ),
                    (("wd", 11, "09:00"), "hn_reception", "accept", {}),
                    (("wd", 11, "10:00"), "hn_leader", "assign", {"user_id": "hn_officer"}),
                    (
                        ("wd", 8, "15:00"),
                        "hn_leader",
                        "decide",
                        {"result": "granted", "number": "37/GXN-STP"},
                    ),
                ],
            },
            {
                "key": "hn_certificate_refused_toan",
                "company": "company_stp_hn",
                "steps": [
                    (
                        ("wd", 15, "10:20"),
                        "hn_reception",
                        "create",
                        {
                            "procedure_id": proc("nationality_certificate"),
                            "company_id": ref("company_stp_hn"),
                            "channel": "post",
                            "full_name": "Đặng Văn Toàn",
                            "gender": "male",
                            "birth_date": date(1959, 1, 1),
                            "birth_date_precision": "year",
                            "birth_place": "Xã Thanh Thùy, huyện Thanh Oai, tỉnh Hà Tây",
                            "nationality_ids": [Command.set([ref("base.cz")])],
                            "id_document_type": "passport",
                            "id_document_number": "44123987",
                            "address_scheme": "abroad",
                            "address_abroad": "Libušská 319/126, 142 00 Praha 4",
                            "residence_country_id": ref("base.cz"),
                            "residence_before_leaving": "Xã Thanh Thùy, huyện Thanh Oai, tỉnh Hà Tây",
                        },
                    ),
                    (("wd", 15, "10:25"), "hn_reception", "receive", {}),
                    (
                        ("wd", 14, "09:10"),
                        "hn_reception",
                        "refuse",
                        {
                            "reason": "Ông Đặng Văn Toàn đã được thôi quốc tịch Việt Nam theo Quyết "
                            "định số 547/QĐ-CTN ngày 18/03/2012 của Chủ tịch nước, nên không thuộc "
                            "trường hợp được cấp Giấy xác nhận có quốc tịch Việt Nam. Ông có thể "
                            "làm thủ tục xin trở lại quốc tịch Việt Nam."
                        },
                    ),
                ],
            },
            {
                "key": "hn_foreign_notice_long",
                "company": "company_stp_hn",
                "steps": [
                    (
                        None,
                        "hn_reception",
                        "create",
                        {
                            "procedure_id": proc("foreign_nationality_notice"),
                            "company_id": ref("company_stp_hn"),
                            "channel": "counter",
                            "full_name": "Phạm Đức Long",
                            "gender": "male",
                            "birth_date": date(1980, 9, 9),
                            "birth_place": "Hà Nội",
                            "nationality_ids": [Command.set([ref("base.vn"), ref("base.au")])],
                            "id_document_type": "citizen_id",
                            "id_document_number": "001080023456",
                            "address_scheme": "current",
                            "street": "Số 5 phố Ngọc Lâm",
                            "ward_id": ref("ward_00148"),
                            "province_id": ref("province_01"),
                            "foreign_country_id": ref("base.au"),
                            "foreign_nationality_date": date(2025, 11, 20),
                        },
                    ),
                ],
            },
            # Thành phố Hồ Chí Minh -------------------------------------
            {
                "key": "hcm_naturalization_stateless",
                "company": "company_stp_hcm",
                "steps": [
                    (
                        ("wd", 9, "09:00"),
                        "hcm_reception",
                        "create",
                        {
                            "procedure_id": proc("naturalization"),
                            "company_id": ref("company_stp_hcm"),
                            "channel": "counter",
                            "full_name": "Sok Chanthou",
                            "gender": "female",
                            "birth_date": date(1972, 1, 1),
                            "birth_date_precision": "year",
                            "birth_place": "Tỉnh Kampong Chhnang, Campuchia",
                            "stateless": True,
                            "ethnicity": "Khmer",
                            "id_document_type": "residence_card",
                            "id_document_number": "TT0917325",
                            "occupation": "Buôn bán nhỏ",
                            "address_scheme": "current",
                            "street": "Số 112/4 đường Nơ Trang Long",
                            "ward_id": ref("ward_26929"),
                            "province_id": ref("province_79"),
                            "phone": "0938 554 120",
                            "vietnamese_name_requested": "Sơn Thị Thu",
                            "fee_exemption_id": ref("fee_exempt_stateless_hardship"),
                            "reasons": "Không quốc tịch, cư trú ổn định tại Thành phố Hồ Chí Minh từ "
                            "năm 1992, biết tiếng Việt, tự nuôi sống bản thân.",
                        },
                    ),
                    (("wd", 9, "09:10"), "hcm_reception", "receive", {}),
                    (("wd", 8, "08:30"), "hcm_reception", "checklist", {}),
                    (("wd", 8, "08:40"), "hcm_reception", "accept", {}),
                    (("wd", 8, "10:00"), "hcm_leader", "assign", {"user_id": "hcm_officer"}),
                    (
                        ("wd", 4, "14:45"),
                        "hcm_officer",
                        "complete_stage",
                        {
                            "note": "Đã gửi Công văn số 512/STP-HCTP đề nghị Công an Thành phố Hồ "
                            "Chí Minh xác minh nhân thân."
                        },
                    ),
                ],
            },
            {
                "key": "hcm_restoration_bich_ngoc",
                "company": "company_stp_hcm",
                "steps": [
                    (
                        ("date", date(2025, 6, 30), "08:20"),
                        "hcm_reception",
                        "create",
                        {
                            "procedure_id": proc("restoration"),
                            "company_id": ref("company_stp_hcm"),
                            "channel": "counter",
                            "full_name": "Huỳnh Thị Bích Ngọc",
                            "gender": "female",
                            "birth_date": date(1961, 4, 30),
                            "birth_place": "Sài Gòn",
                            "nationality_ids": [Command.set([ref("base.us")])],
                            "id_document_type": "passport",
                            "id_document_number": "567812345",
                            "occupation": "Kế toán (đã nghỉ hưu)",
                            "address_scheme": "legacy",
                            "street": "Số 45 đường Lê Thánh Tôn",
                            "address_legacy": "Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
                            "legacy_state_id": ref("base.state_vn_VN-SG"),
                            "phone": "0909 318 227",
                            "former_nationality_loss": "Được thôi quốc tịch Việt Nam theo Quyết "
                            "định số 112/QĐ-CTN ngày 15/01/2003 của Chủ tịch nước.",
                            "ground_ids": [Command.set([ref("ground_restore_family")])],
                            "reasons": "Mẹ là công dân Việt Nam, đã về nước chăm sóc mẹ.",
                        },
                    ),
                    (("date", date(2025, 6, 30), "08:30"), "hcm_reception", "receive", {}),
                    (
                        ("date", date(2025, 6, 30), "09:00"),
                        "hcm_reception",
                        "checklist",
                        {"skip": ["criminal_record"]},
                    ),
                    (
                        ("date", date(2025, 6, 30), "09:10"),
                        "hcm_reception",
                        "supplement",
                        {
                            "codes": ["criminal_record"],
                            "note": "Bổ sung Phiếu lý lịch tư pháp do cơ quan có thẩm quyền của Hoa "
                            "Kỳ cấp, đã hợp pháp hóa lãnh sự.",
                        },
                    ),
                    (
                        ("date", date(2025, 7, 2), "14:00"),
                        "hcm_reception",
                        "supplement_received",
                        {},
                    ),
                    (("date", date(2025, 7, 2), "14:10"), "hcm_reception", "checklist", {}),
                    (
                        ("date", date(2025, 7, 3), "08:30"),
                        "hcm_reception",
                        "pay",
                        {"receipt": "BL 0001733"},
                    ),
                    (("date", date(2025, 7, 3), "08:35"), "hcm_reception", "accept", {}),
                    (
                        ("date", date(2025, 7, 3), "10:00"),
                        "hcm_leader",
                        "assign",
                        {"user_id": "hcm_officer"},
                    ),
                    (("date", date(2025, 7, 9), "15:00"), "hcm_officer", "complete_stage", {}),
                    (("date", date(2025, 7, 28), "10:30"), "hcm_officer", "complete_stage", {}),
                    (
                        ("date", date(2025, 7, 30), "09:00"),
                        "hcm_reception",
                        "supplement",
                        {
                            "codes": [],
                            "note": "Bổ sung bản dịch có chứng thực Giấy chứng nhận nhập quốc tịch "
                            "Hoa Kỳ để hoàn thiện hồ sơ trình Ủy ban nhân dân Thành phố.",
                        },
                    ),
                    (
                        ("date", date(2025, 8, 6), "15:30"),
                        "hcm_reception",
                        "supplement_received",
                        {},
                    ),
                    (("date", date(2025, 8, 8), "16:00"), "hcm_officer", "complete_stage", {}),
                    (("date", date(2025, 8, 15), "11:00"), "hcm_officer", "complete_stage", {}),
                    (
                        ("date", date(2025, 8, 18), "08:30"),
                        "cuc_leader",
                        "assign",
                        {"ministry_user_id": "cuc_officer"},
                    ),
                    (
                        ("date", date(2025, 9, 3), "14:00"),
                        "cuc_leader",
                        "decide",
                        {
                            "result": "refused",
                            "note": "Chủ tịch nước không chấp thuận cho bà Huỳnh Thị Bích Ngọc trở "
                            "lại quốc tịch Việt Nam (thông báo của Văn phòng Chủ tịch nước).",
                        },
                    ),
                ],
            },
            {
                "key": "hcm_renunciation_withdrawn",
                "company": "company_stp_hcm",
                "steps": [
                    (
                        ("wd", 30, "20:15"),
                        PORTAL,
                        "create",
                        {
                            "procedure_id": proc("renunciation"),
                            "company_id": ref("company_stp_hcm"),
                            "channel": "online",
                            "full_name": "Nguyễn Hoàng Nam",
                            "gender": "male",
                            "birth_date": date(1995, 7, 21),
                            "birth_place": "Thành phố Hồ Chí Minh",
                            "nationality_ids": [Command.set([ref("base.vn")])],
                            "id_document_type": "citizen_id",
                            "id_document_number": "079095012678",
                            "occupation": "Kỹ sư tài chính",
                            "address_scheme": "current",
                            "street": "Số 86 đường Lê Lợi",
                            "ward_id": ref("ward_26743"),
                            "province_id": ref("province_79"),
                            "email": "hoangnam.nguyen@example.com",
                            "foreign_country_id": ref("base.sg"),
                            "reasons": "Làm việc lâu dài tại Singapore, xin nhập quốc tịch Singapore.",
                        },
                    ),
                    (
                        ("wd", 30, "20:25"),
                        PORTAL,
                        "checklist",
                        {"skip": ["vn_nationality_proof"]},
                    ),
                    (
                        ("wd", 30, "20:30"),
                        PORTAL,
                        "pay",
                        {"receipt": "Thanh toán trực tuyến, mã giao dịch 2610553871"},
                    ),
                    (("wd", 30, "20:31"), PORTAL, "submit_online", {}),
                    (
                        ("wd", 29, "08:40"),
                        "hcm_reception",
                        "lookup",
                        {
                            "vn_nationality_proof": (
                                POPULATION_DB,
                                "Số định danh cá nhân 079095012678",
                            )
                        },
                    ),
                    (("wd", 29, "08:50"), "hcm_reception", "accept", {}),
                    (("wd", 29, "10:00"), "hcm_leader", "assign", {"user_id": "hcm_officer"}),
                    (("wd", 24, "16:00"), "hcm_officer", "complete_stage", {}),
                    (
                        ("wd", 18, "09:20"),
                        "hcm_reception",
                        "withdraw",
                        {
                            "reason": "Ông Nguyễn Hoàng Nam có đơn xin rút hồ sơ: không còn nhu cầu "
                            "nhập quốc tịch Singapore."
                        },
                    ),
                ],
            },
            {
                "key": "hcm_nationality_certificate_my_linh",
                "company": "company_stp_hcm",
                "steps": [
                    (
                        ("wd", 20, "19:05"),
                        PORTAL,
                        "create",
                        {
                            "procedure_id": proc("nationality_certificate"),
                            "company_id": ref("company_stp_hcm"),
                            "channel": "online",
                            "full_name": "Trương Thị Mỹ Linh",
                            "gender": "female",
                            "birth_date": date(1987, 12, 1),
                            "birth_place": "Thành phố Hồ Chí Minh",
                            "nationality_ids": [Command.set([ref("base.vn")])],
                            "id_document_type": "citizen_id",
                            "id_document_number": "079187003456",
                            "address_scheme": "abroad",
                            "address_abroad": "12 George Street, Sydney NSW 2000",
                            "residence_country_id": ref("base.au"),
                            "residence_before_leaving": "Phường 7, Quận 3, Thành phố Hồ Chí Minh",
                            "email": "mylinh.truong@example.com.au",
                            "reasons": "Hộ chiếu Việt Nam hết hạn, cần xác nhận quốc tịch để bảo lãnh "
                            "con sinh tại Úc.",
                        },
                    ),
                    (
                        ("wd", 20, "19:15"),
                        PORTAL,
                        "checklist",
                        {"skip": ["vn_nationality_proof"]},
                    ),
                    (
                        ("wd", 20, "19:20"),
                        PORTAL,
                        "pay",
                        {"receipt": "Thanh toán trực tuyến, mã giao dịch 2610998142"},
                    ),
                    (("wd", 20, "19:21"), PORTAL, "submit_online", {}),
                    (
                        ("wd", 19, "08:30"),
                        "hcm_reception",
                        "lookup",
                        {
                            "vn_nationality_proof": (
                                POPULATION_DB,
                                "Số định danh cá nhân 079187003456",
                            )
                        },
                    ),
                    (("wd", 19, "08:45"), "hcm_reception", "accept", {}),
                    (("wd", 19, "09:30"), "hcm_leader", "assign", {"user_id": "hcm_officer"}),
                    (
                        ("wd", 16, "16:30"),
                        "hcm_leader",
                        "decide",
                        {"result": "granted", "number": "152/GXN-STP"},
                    ),
                    (("wd", 14, "10:00"), "hcm_reception", "deliver", {}),
                ],
            },
            {
                "key": "hcm_origin_certificate_tam",
                "company": "company_stp_hcm",
                "steps": [
                    (
                        ("wd", 1, "22:10"),
                        PORTAL,
                        "create",
                        {
                            "procedure_id": proc("origin_certificate"),
                            "company_id": ref("company_stp_hcm"),
                            "channel": "online",
                            "full_name": "Nguyễn Thanh Tâm",
                            "other_names": "Tam Thanh Nguyen",
                            "gender": "male",
                            "birth_date": date(1990, 2, 26),
                            "birth_place": "San Jose, California, Hoa Kỳ",
                            "nationality_ids": [Command.set([ref("base.us")])],
                            "id_document_type": "passport",
                            "id_document_number": "548193027",
                            "address_scheme": "abroad",
                            "address_abroad": "1830 Story Road, San Jose, CA 95122",
                            "residence_country_id": ref("base.us"),
                            "email": "tam.nguyen@example.com",
                            "reasons": "Ông nội là ông Nguyễn Văn Thành, sinh năm 1938 tại Gia Định.",
                        },
                    ),
                    (("wd", 1, "22:20"), PORTAL, "checklist", {}),
                    (
                        ("wd", 1, "22:25"),
                        PORTAL,
                        "pay",
                        {"receipt": "Thanh toán trực tuyến, mã giao dịch 2612030577"},
                    ),
                    (("wd", 1, "22:26"), PORTAL, "submit_online", {}),
                ],
            },
            {
                "key": "hcm_foreign_notice_khoa",
                "company": "company_stp_hcm",
                "steps": [
                    (
                        ("wd", 2, "13:30"),
                        "hcm_reception",
                        "create",
                        {
                            "procedure_id": proc("foreign_nationality_notice"),
                            "company_id": ref("company_stp_hcm"),
                            "channel": "counter",
                            "full_name": "Lê Minh Khoa",
                            "gender": "male",
                            "birth_date": date(1985, 1, 15),
                            "birth_place": "Thành phố Hồ Chí Minh",
                            "nationality_ids": [Command.set([ref("base.vn"), ref("base.ca")])],
                            "id_document_type": "citizen_id",
                            "id_document_number": "079085009876",
                            "address_scheme": "current",
                            "street": "Số 20 đường Phan Xích Long",
                            "ward_id": ref("ward_27073"),
                            "province_id": ref("province_79"),
                            "foreign_country_id": ref("base.ca"),
                            "foreign_nationality_date": date(2024, 6, 12),
                        },
                    ),
                    (("wd", 2, "13:35"), "hcm_reception", "receive", {}),
                    (("wd", 2, "13:50"), "hcm_reception", "checklist", {}),
                    (("wd", 2, "13:55"), "hcm_reception", "accept", {}),
                    (("wd", 2, "15:00"), "hcm_leader", "assign", {"user_id": "hcm_officer"}),
                ],
            },
            {
                "key": "hcm_naturalization_zhang",
                "company": "company_stp_hcm",
                "steps": [
                    (
                        ("wd", 1, "09:30"),
                        "hcm_reception",
                        "create",
                        {
                            "procedure_id": proc("naturalization"),
                            "company_id": ref("company_stp_hcm"),
                            "channel": "counter",
                            "full_name": "Zhang Wei",
                            "other_names": "张伟",
                            "gender": "male",
                            "birth_date": date(1978, 10, 5),
                            "birth_place": "Thượng Hải, Trung Quốc",
                            "nationality_ids": [Command.set([ref("base.cn")])],
                            "id_document_type": "passport",
                            "id_document_number": "E12345678",
                            "occupation": "Giáo sư vật lý",
                            "workplace": "Trường Đại học Khoa học Tự nhiên, Đại học Quốc gia "
                            "Thành phố Hồ Chí Minh",
                            "address_scheme": "current",
                            "street": "Số 227 đường Nguyễn Văn Cừ",
                            "ward_id": ref("ward_26824"),
                            "province_id": ref("province_79"),
                            "email": "zhang.wei@example.edu.vn",
                            "vietnamese_name_requested": "Trương Vĩ",
                            "ground_ids": [Command.set([ref("ground_beneficial")])],
                            "keep_foreign_nationality": True,
                        },
                    ),
                    (("wd", 1, "09:35"), "hcm_reception", "receive", {}),
                ],
            },
        ]
