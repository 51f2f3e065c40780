# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import datetime, time, timedelta

from .common import NationalityCase


def vn_moment(day, hour=9, minute=0):
    """A naive UTC datetime for ``day`` at hour:minute in Vietnam (UTC+7)."""
    return datetime.combine(day, time(hour, minute)) - timedelta(hours=7)


class NationalityWorkflowCase(NationalityCase):
    """NationalityCase with every role of both Departments and helpers that
    take a dossier through the real workflow with the right person."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        g = "nationality_dossier.group_"

        user = cls.make_user
        cls.hcm_reception = user("t.hcm.reception", cls.stp_hcm, g + "reception_officer")
        cls.hcm_leader = user("t.hcm.leader", cls.stp_hcm, g + "stp_leader")
        cls.admin = env.ref("base.user_admin")
        cls.staff = {
            cls.stp_hn: (cls.hn_reception, cls.hn_officer, cls.hn_leader),
            cls.stp_hcm: (cls.hcm_reception, cls.hcm_officer, cls.hcm_leader),
        }

    @contextmanager
    def assertRaisesText(self, exception, pattern):
        """assertRaises (which rolls the failed change back) and the message
        matches ``pattern``; unittest's assertRaisesRegex keeps the change."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    @classmethod
    def reception_of(cls, dossier):
        return cls.staff[dossier.company_id][0]

    @classmethod
    def officer_of(cls, dossier):
        return cls.staff[dossier.company_id][1]

    @classmethod
    def leader_of(cls, dossier):
        return cls.staff[dossier.company_id][2]

    @classmethod
    def receive(cls, dossier):
        reception = cls.as_user(dossier, cls.reception_of(dossier))
        reception.action_receive()
        return dossier

    @classmethod
    def accept(cls, dossier):
        """Receive (unless filed online), complete the file, pay, and accept."""
        reception = cls.as_user(dossier, cls.reception_of(dossier))
        if dossier.state == "draft":
            reception.action_receive()
        cls.complete_checklist(reception)
        if reception.fee_amount and not reception.fee_paid:
            reception.write({"fee_paid": True, "fee_receipt_number": "BL 0000001"})
        reception.action_accept()
        return dossier

    @classmethod
    def stage_actor(cls, dossier):
        if dossier.stage_id.is_ministry_stage:
            return cls.cuc_officer
        return cls.officer_of(dossier)

    @classmethod
    def complete_stage(cls, dossier):
        cls.as_user(dossier, cls.stage_actor(dossier)).action_complete_stage()
        return dossier

    @classmethod
    def walk_to(cls, dossier, stage_code):
        """Complete stages until ``stage_code`` is the current one."""
        seen = []
        while dossier.stage_id.code != stage_code:
            if dossier.stage_id.code in seen:
                raise AssertionError(f"{stage_code} is not a stage of {dossier.display_name}")
            seen.append(dossier.stage_id.code)
            cls.complete_stage(dossier)
        return dossier

    @classmethod
    def decider_of(cls, dossier):
        if dossier.procedure_id.decided_by_ministry:
            return cls.cuc_leader
        return cls.leader_of(dossier)

    @classmethod
    def decide(cls, dossier, result="granted", number="1234/QĐ-CTN"):
        cls.as_user(dossier, cls.decider_of(dossier)).action_decide(result, decision_number=number)
        return dossier

    @staticmethod
    def line_of(dossier, code):
        """The checklist line of ``dossier`` for the document type ``code``."""
        line = dossier.document_ids.filtered(lambda doc: doc.document_type_id.code == code)
        if len(line) != 1:
            raise AssertionError(f"{dossier.display_name} has no single {code} line")
        return line
