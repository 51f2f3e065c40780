# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import Command
from odoo.addons.nationality_dossier.models.nationality_dossier import WORKFLOW_FIELDS
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_workflow import NationalityWorkflowCase

ROLES = (
    "hn_reception",
    "hn_officer",
    "hn_leader",
    "hcm_reception",
    "hcm_officer",
    "hcm_leader",
    "cuc_officer",
    "cuc_leader",
    "plain_user",
    "admin",
)
HN_DESK = {"hn_reception", "hn_officer", "hn_leader", "admin"}

# Which role may make which transition on a dossier of the Hà Nội department.
# Every other role gets an AccessError.
ALLOWED = {
    "receive": HN_DESK,
    "submit_online": HN_DESK,
    "accept": HN_DESK,
    "request_supplement_at_reception": HN_DESK,
    "supplement_received": HN_DESK,
    "refuse": HN_DESK,
    "withdraw": HN_DESK,
    "request_supplement_at_stp_stage": HN_DESK,
    "request_supplement_at_ministry_stage": {"cuc_officer", "cuc_leader", "admin"},
    "complete_stp_stage": {"hn_officer", "hn_leader", "admin"},
    "complete_ministry_stage": {"cuc_officer", "cuc_leader", "admin"},
    "decide_stp_procedure": {"hn_leader", "admin"},
    "decide_president_procedure": {"cuc_leader", "admin"},
    "deliver": HN_DESK,
}


class _Undo(Exception):
    """Raised to roll back a transition that was allowed."""


@tagged("post_install", "-at_install")
class TestTransitionPermissions(NationalityWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        make = cls.make_dossier
        spouse = [
            Command.create(
                {
                    "relation": "spouse",
                    "full_name": "Nguyễn Thị Thu Trang",
                    "is_vietnamese_citizen": True,
                }
            )
        ]
        cls.draft = make("nationality_certificate", full_name="Nguyễn Quang Huy")
        cls.draft_online = make("restoration", channel="online", full_name="Lê Hoàng Phúc")
        cls.received = make("nationality_certificate", full_name="Đặng Văn Toàn")
        cls.receive(cls.received)
        cls.complete_checklist(cls.as_user(cls.received, cls.hn_reception))
        cls.received.write({"fee_paid": True})
        cls.supplement = cls.receive(make("origin_certificate", full_name="Nguyễn Thanh Tâm"))
        cls.as_user(cls.supplement, cls.hn_reception).action_request_supplement(
            note="Bổ sung giấy tờ chứng minh người gốc Việt Nam."
        )
        cls.stp_stage = cls.accept(
            make("naturalization", full_name="Kim Min-jun", member_ids=spouse)
        )
        cls.ministry_stage = cls.walk_to(
            cls.accept(make("naturalization", full_name="Sok Chanthou")), "ministry_review"
        )
        cls.stp_decision = cls.accept(
            make("nationality_certificate", full_name="Trương Thị Mỹ Linh")
        )
        cls.president_decision = cls.walk_to(
            cls.accept(make("renunciation", full_name="Trần Thị Mai Anh")), "president_decision"
        )
        cls.decided = cls.decide(
            cls.accept(make("origin_certificate", full_name="Nguyễn Thị Thanh Hương")),
            number="37/GXN-STP",
        )
        cls.users = {role: getattr(cls, role) for role in ROLES}
        cls.transitions = {
            "receive": (cls.draft, lambda d: d.action_receive()),
            "submit_online": (cls.draft_online, lambda d: d.action_submit_online()),
            "accept": (cls.received, lambda d: d.action_accept()),
            "request_supplement_at_reception": (
                cls.received,
                lambda d: d.action_request_supplement(note="Bổ sung bản sao hộ chiếu."),
            ),
            "supplement_received": (cls.supplement, lambda d: d.action_supplement_received()),
            "refuse": (cls.received, lambda d: d.action_refuse("Không thuộc thẩm quyền.")),
            "withdraw": (cls.stp_stage, lambda d: d.action_withdraw("Đơn xin rút hồ sơ.")),
            "request_supplement_at_stp_stage": (
                cls.stp_stage,
                lambda d: d.action_request_supplement(note="Bổ sung lý lịch tư pháp."),
            ),
            "request_supplement_at_ministry_stage": (
                cls.ministry_stage,
                lambda d: d.action_request_supplement(note="Bổ sung giấy xác nhận thường trú."),
            ),
            "complete_stp_stage": (cls.stp_stage, lambda d: d.action_complete_stage()),
            "complete_ministry_stage": (cls.ministry_stage, lambda d: d.action_complete_stage()),
            "decide_stp_procedure": (
                cls.stp_decision,
                lambda d: d.action_decide("granted", decision_number="152/GXN-STP"),
            ),
            "decide_president_procedure": (
                cls.president_decision,
                lambda d: d.action_decide("granted", decision_number="1856/QĐ-CTN"),
            ),
            "deliver": (cls.decided, lambda d: d.action_deliver()),
        }

    def attempt(self, dossier, transition, user):
        """Whether ``user`` may make ``transition``; an allowed one is rolled back."""
        self.env.invalidate_all()
        try:
            with self.env.cr.savepoint():
                transition(self.as_user(dossier, user))
                raise _Undo
        except _Undo:
            return True
        except AccessError:
            return False
        finally:
            self.env.invalidate_all()

    def test_every_transition_checks_who_makes_it(self):
        self.assertEqual(set(ALLOWED), set(self.transitions))
        wrong = []
        for name, (dossier, transition) in self.transitions.items():
            for role, user in self.users.items():
                expected = role in ALLOWED[name]
                if self.attempt(dossier, transition, user) != expected:
                    wrong.append(f"{role} {'could not' if expected else 'could'} {name}")
        self.assertEqual(wrong, [])


@tagged("post_install", "-at_install")
class TestRecordRules(NationalityWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        child = [
            Command.create(
                {
                    "relation": "child",
                    "full_name": "Noy Phommachanh",
                    "birth_date": date(2014, 5, 12),
                    "applies_with_applicant": True,
                }
            )
        ]
        cls.hn = cls.accept(
            cls.make_dossier("naturalization", full_name="Sengphet Phommachanh", member_ids=child)
        )
        cls.hcm = cls.accept(
            cls.make_dossier(
                "naturalization",
                company=cls.stp_hcm,
                user=cls.hcm_reception,
                full_name="Zhang Wei",
                member_ids=[
                    Command.create(
                        {
                            "relation": "child",
                            "full_name": "Zhang Xiaoming",
                            "birth_date": date(2012, 3, 8),
                            "applies_with_applicant": True,
                        }
                    )
                ],
            )
        )

    def lines(self, dossier):
        return {
            "nationality.dossier": (dossier, "full_name"),
            "nationality.dossier.member": (dossier.member_ids, "full_name"),
            "nationality.dossier.document": (dossier.document_ids, "name"),
            "nationality.dossier.stage.line": (dossier.stage_line_ids, "state"),
        }

    def test_departments_do_not_see_each_other(self):
        for user, own, other in (
            (self.hn_reception, self.hn, self.hcm),
            (self.hn_officer, self.hn, self.hcm),
            (self.hn_leader, self.hn, self.hcm),
            (self.hcm_reception, self.hcm, self.hn),
            (self.hcm_officer, self.hcm, self.hn),
            (self.hcm_leader, self.hcm, self.hn),
        ):
            mine, theirs = self.lines(own), self.lines(other)
            for model, (records, field) in theirs.items():
                with self.subTest(user=user.login, model=model):
                    self.assertTrue(records)
                    Model = self.as_user(self.env[model], user)
                    both = records | mine[model][0]
                    self.assertEqual(Model.search([("id", "in", both.ids)]).ids, mine[model][0].ids)
                    self.assertFalse(Model.search([("company_id", "=", other.company_id.id)]))
                    with self.assertRaises(AccessError):
                        Model.browse(records.ids).read([field])
            with self.assertRaises(AccessError):
                self.as_user(other, user).write({"phone": "0900 000 000"})
            with self.assertRaises(AccessError):
                self.as_user(other.member_ids, user).write({"residence": "Hà Nội"})
            with self.assertRaises(AccessError):
                self.as_user(other.document_ids[:1], user).write({"note": "Đã xem"})
            with self.assertRaises(AccessError):
                self.make_dossier("nationality_certificate", company=other.company_id, user=user)

    def test_ministry_sees_only_what_reached_it_from_every_department(self):
        self.walk_to(self.hn, "ministry_review")
        hcm_renunciation = self.walk_to(
            self.accept(
                self.make_dossier(
                    "renunciation",
                    company=self.stp_hcm,
                    user=self.hcm_reception,
                    full_name="Nguyễn Hoàng Nam",
                )
            ),
            "president_decision",
        )
        self.decide(hcm_renunciation, number="1902/QĐ-CTN")
        hn_local = self.accept(self.make_dossier("restoration", full_name="Lê Hoàng Phúc"))
        hn_certificate = self.decide(
            self.accept(self.make_dossier("nationality_certificate")), number="12/GXN-STP"
        )
        everything = self.hn | self.hcm | hcm_renunciation | hn_local | hn_certificate
        for user in (self.cuc_officer, self.cuc_leader):
            Dossier = self.as_user(self.env["nationality.dossier"], user)
            # The HCM naturalization is still at the Department: not visible.
            self.assertEqual(
                Dossier.search([("id", "in", everything.ids)]), self.hn | hcm_renunciation
            )
            for dossier in (self.hcm, hn_local, hn_certificate):
                for model, (records, field) in self.lines(dossier).items():
                    with self.subTest(user=user.login, dossier=dossier.full_name, model=model):
                        if not records:
                            continue
                        with self.assertRaises(AccessError):
                            self.as_user(self.env[model], user).browse(records.ids).read([field])
            for model, (records, _field) in self.lines(self.hn).items():
                visible = self.as_user(self.env[model], user).search([("id", "in", records.ids)])
                self.assertEqual(visible, records)
            with self.assertRaises(AccessError):
                self.make_dossier("nationality_certificate", user=user)
        # The Cục assigns its officer on a dossier that reached it.
        self.as_user(self.hn, self.cuc_leader).write({"ministry_user_id": self.cuc_officer.id})
        self.assertEqual(self.hn.ministry_user_id, self.cuc_officer)

    def test_a_user_without_nationality_rights_sees_nothing(self):
        for model in self.lines(self.hn):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.as_user(self.env[model], self.plain_user).search([])
        with self.assertRaises(AccessError):
            self.as_user(self.hn, self.plain_user).read(["full_name"])
        with self.assertRaises(AccessError):
            self.make_dossier("nationality_certificate", user=self.plain_user)


@tagged("post_install", "-at_install")
class TestClosedDossiers(NationalityWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def make(code, name):
            return cls.make_dossier(
                code,
                full_name=name,
                member_ids=[
                    Command.create(
                        {"relation": "spouse", "full_name": "Phạm Thị Hoa", "residence": "Hà Nội"}
                    )
                ],
            )

        cls.decided = cls.decide(
            cls.accept(make("nationality_certificate", "Nguyễn Quang Huy")), number="15/GXN-STP"
        )
        cls.delivered = cls.decide(
            cls.accept(make("origin_certificate", "Nguyễn Thị Thanh Hương")), number="16/GXN-STP"
        )
        cls.as_user(cls.delivered, cls.hn_reception).action_deliver()
        cls.refused = cls.receive(make("nationality_certificate", "Đặng Văn Toàn"))
        cls.as_user(cls.refused, cls.hn_reception).action_refuse(
            "Đã được thôi quốc tịch Việt Nam năm 2012."
        )
        cls.withdrawn = cls.accept(make("renunciation", "Nguyễn Hoàng Nam"))
        cls.as_user(cls.withdrawn, cls.hn_reception).action_withdraw("Đơn xin rút hồ sơ.")
        cls.closed = (cls.decided, cls.delivered, cls.refused, cls.withdrawn)

    def test_closed_dossiers_are_read_only_even_for_leaders_and_the_administrator(self):
        for dossier in self.closed:
            for user in (self.hn_leader, self.admin):
                with self.subTest(state=dossier.state, user=user.login):
                    closed = self.as_user(dossier, user)
                    self.assertEqual(closed.full_name, dossier.full_name)
                    with self.assertRaises(AccessError):
                        closed.write({"phone": "0900 000 000"})
                    with self.assertRaises(AccessError):
                        closed.unlink()
                    with self.assertRaises(AccessError):
                        closed.member_ids.write({"residence": "Thành phố Hồ Chí Minh"})
                    with self.assertRaises(AccessError):
                        closed.member_ids.unlink()
                    with self.assertRaises(AccessError):
                        closed.document_ids[:1].write({"note": "Sửa sau khi đóng"})
                    with self.assertRaises(AccessError):
                        self.as_user(self.env["nationality.dossier.member"], user).create(
                            {"dossier_id": dossier.id, "relation": "child", "full_name": "An"}
                        )
            # Staff still exchange messages on a closed dossier.
            self.as_user(dossier, self.hn_officer).message_post(body="Đã lưu trữ hồ sơ.")

    def test_a_decided_dossier_is_still_delivered(self):
        self.assertEqual(self.decided.state, "decided")
        self.as_user(self.decided, self.hn_reception).action_deliver()
        self.assertEqual(self.decided.state, "delivered")
        self.assertEqual(self.decided.delivered_by_id, self.hn_reception)
        self.assertTrue(self.decided.date_delivered)
        with self.assertRaisesText(UserError, "cannot have its result delivered"):
            self.as_user(self.refused, self.hn_reception).action_deliver()

    def test_only_drafts_can_be_deleted(self):
        draft = self.make_dossier("nationality_certificate", full_name="Phạm Đức Long")
        with self.assertRaises(AccessError):
            self.as_user(draft, self.hn_reception).unlink()
        self.as_user(draft, self.hn_leader).unlink()
        self.assertFalse(draft.exists())
        received = self.receive(self.make_dossier("nationality_certificate"))
        for user in (self.hn_leader, self.admin):
            with self.subTest(user=user.login):
                with self.assertRaisesText(UserError, "Only draft dossiers"):
                    self.as_user(received, user).unlink()
        self.assertTrue(received.exists())


@tagged("post_install", "-at_install")
class TestWorkflowFields(NationalityWorkflowCase):
    def sample(self, name):
        """A plausible value for the workflow field ``name``."""
        field = self.env["nationality.dossier"]._fields[name]
        if field.type == "selection":
            return field.get_values(self.env)[-1]
        if field.type == "many2one":
            return self.env[field.comodel_name].search([], limit=1).id
        return {
            "char": "000.00.21.H26-260305-0099",
            "text": "Sửa tay",
            "date": date(2026, 3, 5),
            "datetime": datetime(2026, 3, 5, 2, 0),
            "integer": 7,
            "boolean": True,
        }[field.type]

    def test_workflow_fields_are_out_of_reach_of_write_and_create(self):
        dossier = self.accept(self.make_dossier("nationality_certificate"))
        for name in sorted(WORKFLOW_FIELDS):
            value = self.sample(name)
            for user in (self.hn_leader, self.admin):
                with self.subTest(field=name, user=user.login), self.assertRaises(AccessError):
                    self.as_user(dossier, user).write({name: value})
            if name != "name":
                with self.subTest(field=name, at="create"), self.assertRaises(AccessError):
                    self.make_dossier("nationality_certificate", **{name: value})
        self.assertEqual(dossier.state, "in_progress")
        # A code given at creation is ignored: the department numbers its dossiers.
        draft = self.make_dossier("nationality_certificate", name="HS-TU-DAT")
        self.assertEqual(draft.name, "/")

    def test_stage_deadlines_change_only_through_the_workflow(self):
        dossier = self.accept(self.make_dossier("nationality_certificate"))
        line = dossier.current_stage_line_id
        due = line.date_due
        for user in (self.hn_officer, self.hn_leader, self.admin):
            with self.subTest(user=user.login):
                tampered = self.as_user(line, user)
                for values in (
                    {"date_due": date(2030, 1, 1)},
                    {"state": "done"},
                    {"escalated": True},
                    {"paused_days": 20},
                ):
                    with self.assertRaises(AccessError):
                        tampered.write(values)
                with self.assertRaises(AccessError):
                    tampered.unlink()
                with self.assertRaises(AccessError):
                    self.as_user(self.env["nationality.dossier.stage.line"], user).create(
                        {
                            "dossier_id": dossier.id,
                            "stage_id": line.stage_id.id,
                            "date_due": date(2030, 1, 1),
                        }
                    )
        self.assertEqual(line.date_due, due)
        self.assertEqual(len(dossier.stage_line_ids), 1)
