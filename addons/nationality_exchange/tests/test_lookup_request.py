# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import date, timedelta

import openpyxl
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import tagged

from .lookups_common import LookupCase

PERSONS = [
    {
        "full_name": "Nguyen Van Binh",
        "birth_date": "15/06/1978",
        "birth_place": "Nam Dinh",
        "gender": "male",
        "passport_number": "B7654321",
    },
    {"full_name": "Lê Minh Tuấn", "birth_date": "1979", "birth_place": "Hải Phòng"},
]


@tagged("post_install", "-at_install")
class TestLookupRequest(LookupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Request = cls.env["nationality.lookup.request"]
        cls.target = cls.record_named(cls, "Nguyễn Văn Bình", "2345/QĐ-CTN")

    def submit(self, user=None, persons=None, **payload):
        values = {
            "purpose": "Xác minh quốc tịch để cấp Giấy xác nhận có quốc tịch Việt Nam",
            "letter_number": "125/ĐSQ-LS",
            "letter_date": "02/03/2026",
            "persons": PERSONS if persons is None else persons,
        }
        values.update(payload)
        reference = self.Request.with_user(user or self.berlin_user).api_submit(values)
        return self.Request.search([("name", "=", reference)])

    @freeze_time("2026-12-31 23:30:00")  # 01/01/2027 06:30 in Hà Nội
    def test_reference_takes_the_year_of_the_ministrys_day(self):
        """The reference took the server's UTC year: a request received on
        New Year's morning in Hà Nội was numbered in the year before."""
        request = self.submit()
        self.assertEqual(request.date_received, date(2027, 1, 1))
        self.assertRegex(request.name, r"^TC-2027-\d{6}$")

    # A fixed day, for the due date's working days.
    @freeze_time("2026-03-05 03:00:00")  # Thursday 05/03/2026, 10:00 in Hà Nội
    def test_reference_deadline_and_requester(self):
        request = self.submit()
        self.assertEqual(request.date_received, date(2026, 3, 5))
        self.assertRegex(request.name, r"^TC-2026-\d{6}$")
        self.assertEqual(request.requester_agency_id, self.mission_berlin)
        self.assertEqual(request.requester_type, "mission")
        self.assertEqual(request.company_id, self.ministry)
        self.assertEqual(request.channel, "api")
        self.assertEqual(request.state, "received")
        self.assertEqual(request.request_letter_date, date(2026, 3, 2))
        calendar = self.env["nationality.working.calendar"]
        self.assertEqual(request.date_due, calendar.add_working_days(request.date_received, 10))
        # The time limit is configuration.
        self.env["ir.config_parameter"].set_param(
            "nationality_exchange.lookup_answer_working_days", "5"
        )
        later = self.submit()
        self.assertEqual(later.date_due, calendar.add_working_days(later.date_received, 5))
        self.assertNotEqual(later.name, request.name)
        # Over a weekend and the National Day holiday.
        request.sudo().date_received = date(2025, 8, 29)
        self.assertEqual(request.date_due, calendar.add_working_days(date(2025, 8, 29), 10))
        self.assertGreater(request.date_due, date(2025, 8, 29) + timedelta(days=14))

    def test_received_on_the_ministrys_day_whatever_the_requesters_time_zone(self):
        self.berlin_user.tz = "America/New_York"
        # 18:30 on 3 December in New York is 06:30 on 4 December in Hà Nội.
        with freeze_time("2026-12-03 23:30:00"):
            request = self.submit()
            self.assertEqual(request.date_received, date(2026, 12, 4))
            calendar = self.env["nationality.working.calendar"]
            self.assertEqual(request.date_due, calendar.add_working_days(date(2026, 12, 4), 10))
            self.assertFalse(request.is_overdue)

    def test_labels_in_the_callers_language_when_the_call_names_none(self):
        request = self.submit()
        self.berlin_user.lang = "vi_VN"
        # As over XML-RPC without a context: no language in the environment.
        Request = self.env(user=self.berlin_user, context={})["nationality.lookup.request"]
        self.assertFalse(Request.env.lang)
        self.assertEqual(Request.api_status(request.name)["state_label"], "Đã nhận")
        english = Request.with_context(lang="en_US").api_status(request.name)
        self.assertEqual(english["state_label"], "Received")

    def test_persons_are_validated_and_normalised(self):
        request = self.submit()
        first, second = request.person_ids
        self.assertEqual(first.passport_number, "B7654321")
        self.assertEqual(first.birth_date, date(1978, 6, 15))
        self.assertEqual(second.birth_date_precision, "year")
        self.assertEqual(second.birth_date_display, "1979")
        for persons, message in (
            ([{"birth_date": "1980"}], "Person 1: The full name is missing"),
            ([{"full_name": "Lê Văn A", "birth_date": "32/01/1980"}], "Person 1: 32/01/1980"),
            ([PERSONS[0], {"full_name": "Lê Văn B", "id_number": "123"}], "Person 2:"),
            ([{"full_name": "Lê Văn C", "nationality": "Narnia"}], "Unknown country"),
            ([{"full_name": "Lê Văn D", "hobby": "chess"}], "Unknown fields: hobby"),
        ):
            with self.assertRaisesRegex(ValidationError, message):
                self.submit(persons=persons)
        with self.assertRaisesRegex(ValidationError, "list of persons"):
            self.submit(persons=[])
        with self.assertRaisesRegex(ValidationError, "purpose"):
            self.submit(purpose="  ")
        with self.assertRaisesRegex(ValidationError, "Unknown fields: colour"):
            self.submit(colour="red")
        with self.assertRaises(ValidationError):
            self.Request.with_user(self.berlin_user).api_submit(["not", "a", "dict"])

    def test_agencies_see_only_their_own_requests(self):
        berlin = self.submit()
        tokyo = self.submit(user=self.tokyo_user)
        self.assertEqual(tokyo.requester_agency_id, self.mission_tokyo)
        Request = self.Request.with_user(self.berlin_user)
        self.assertEqual(Request.search([("id", "in", (berlin | tokyo).ids)]), berlin)
        with self.assertRaises(AccessError):
            tokyo.with_user(self.berlin_user).read(["name"])
        with self.assertRaises(MissingError):
            Request.api_status(tokyo.name)
        # Nor can they ask on behalf of another agency.
        with self.assertRaises(AccessError):
            self.submit(requester_agency_code="000.00.12.G12")
        with self.assertRaises(AccessError):
            Request.create(
                {
                    "requester_agency_id": self.mission_tokyo.id,
                    "purpose": "x",
                    "person_ids": [Command.create({"full_name": "Lê Văn Tám"})],
                }
            )
        # The Ministry sees both.
        self.assertEqual(
            self.Request.with_user(self.cuc_officer).search([("id", "in", (berlin | tokyo).ids)]),
            berlin | tokyo,
        )

    def test_department_of_justice_requests(self):
        request = self.as_user(self.Request, self.hn_officer).create(
            {
                "purpose": "Kiểm tra danh sách người bị tước quốc tịch (thủ tục xác nhận có quốc tịch)",
                "person_ids": [
                    Command.create(
                        {
                            "full_name": "Đặng Thị Mai",
                            "birth_date": "1960-01-01",
                            "birth_date_precision": "year",
                        }
                    )
                ],
            }
        )
        self.assertEqual(request.requester_agency_id, self.agency_hn)
        self.assertEqual(request.requester_type, "stp")
        self.assertFalse(
            self.as_user(self.Request, self.hcm_officer).search([("id", "=", request.id)])
        )
        self.assertTrue(
            self.as_user(self.Request, self.hn_reception).search([("id", "=", request.id)])
        )
        # Requesters do not process requests.
        with self.assertRaises(AccessError):
            self.as_user(request, self.hn_officer).action_start()
        # Once taken in hand, the requester cannot change it any more.
        self.as_user(request, self.cuc_officer).action_start()
        with self.assertRaises(AccessError):
            self.as_user(request, self.hn_officer).write({"purpose": "Khác"})

    def test_processing_and_answer(self):
        request = self.submit()
        Request = self.as_user(request, self.cuc_officer)
        Request.action_start()
        self.assertEqual(request.state, "in_progress")
        self.assertEqual(request.user_id, self.cuc_officer)
        incoming = request.request_letter_id
        self.assertEqual(
            (incoming.direction, incoming.letter_type, incoming.state),
            ("incoming", "lookup_request", "received"),
        )
        self.assertEqual(incoming.name, "125/ĐSQ-LS")
        self.assertEqual(incoming.issuing_agency_id, self.mission_berlin)
        self.assertEqual(incoming.company_id, self.ministry)

        Request.action_search_registry()
        binh, tuan = request.person_ids
        self.assertTrue(binh.match_ids)
        best = binh.match_ids[0]
        self.assertEqual((best.rank, best.record_id), (1, self.target))
        self.assertEqual(best.score, 100)
        self.assertIn("exact passport number", best.reason)
        self.assertIn("name without diacritics", best.reason)
        self.assertEqual(binh.match_count, len(binh.match_ids))
        self.assertTrue(binh.date_searched)

        with self.assertRaisesRegex(UserError, "Confirm the result of every person"):
            Request.action_prepare_answer()
        self.as_user(best, self.cuc_officer).action_confirm()
        self.assertEqual((binh.result, binh.result_record_id), ("released", self.target))
        self.as_user(tuan, self.cuc_officer).action_confirm_no_record()
        self.assertEqual(tuan.result, "no_record")

        Request.action_prepare_answer()
        answer = request.answer_letter_id
        self.assertEqual(
            (answer.direction, answer.letter_type, answer.state),
            ("outgoing", "lookup_answer", "draft"),
        )
        self.assertEqual(answer.response_for_id, incoming)
        self.assertEqual(answer.receiving_agency_ids, self.mission_berlin)
        self.assertEqual(answer.company_id, self.ministry)
        self.assertIn("2345/QĐ-CTN", answer.body)
        self.assertIn("No record found", answer.body)

        Request.action_send_answer()
        self.assertEqual(answer.state, "sent")
        self.assertTrue(answer.number)
        self.assertEqual(request.state, "answered")
        self.assertEqual(request.answer_date, answer.letter_date)
        self.assertEqual(request.answer_letter_number, answer.name)
        self.assertEqual(incoming.state, "answered")

        status = self.Request.with_user(self.berlin_user).api_status(request.name)
        self.assertEqual(status["state"], "answered")
        self.assertEqual(status["answer_date"], answer.letter_date.strftime("%d/%m/%Y"))
        self.assertEqual(status["answer_date_iso"], answer.letter_date.isoformat())
        self.assertEqual(status["answer_letter_number"], answer.name)
        self.assertEqual(
            [(person["full_name"], person["result"]) for person in status["persons"]],
            [("Nguyen Van Binh", "released"), ("Lê Minh Tuấn", "no_record")],
        )
        # The requester reads the answer letter addressed to it.
        self.assertEqual(answer.with_user(self.berlin_user).name, answer.name)

    def test_signing_the_letter_itself_answers_the_request(self):
        request = self.submit(persons=[PERSONS[1]])
        Request = self.as_user(request, self.cuc_officer)
        Request.action_start()
        self.as_user(request.person_ids, self.cuc_officer).action_confirm_no_record()
        Request.action_prepare_answer()
        self.as_user(request.answer_letter_id, self.cuc_officer).action_sign_and_send()
        self.assertEqual(request.state, "answered")

    def test_status_before_the_answer(self):
        request = self.submit()
        status = self.Request.with_user(self.berlin_user).api_status(f"  {request.name} ")
        self.assertEqual(status["state"], "received")
        self.assertEqual(status["answer_date"], "")
        self.assertEqual(status["answer_letter_number"], "")
        self.assertEqual(status["date_due"], request.date_due.strftime("%d/%m/%Y"))
        self.assertEqual({person["result"] for person in status["persons"]}, {""})
        with self.assertRaises(MissingError):
            self.Request.with_user(self.berlin_user).api_status("TC-1999-000001")
        with self.assertRaises(ValidationError):
            self.Request.with_user(self.berlin_user).api_status("")

    def test_repeat_requests_are_flagged(self):
        first = self.submit()
        second = self.submit(
            persons=[
                {"full_name": "Văn Bình Nguyễn", "birth_date": "1978"},
                {"full_name": "Nguyễn Văn Bình", "birth_date": "1965"},
                {"full_name": "Trần Hữu Nghĩa", "passport_number": "b 7654321"},
            ]
        )
        same_name, other_year, same_passport = second.person_ids.sudo()
        self.assertEqual(same_name.repeat_of_id, first.person_ids[0])
        self.assertEqual(same_name.repeat_request_id, first)
        self.assertFalse(other_year.repeat_of_id)
        self.assertEqual(same_passport.repeat_of_id, first.person_ids[0])
        self.assertEqual(second.with_user(self.cuc_officer).repeat_count, 2)
        # The earlier request belongs to another period or was cancelled: no flag.
        first.sudo().date_received = fields.Date.context_today(first) - timedelta(days=400)
        third = self.submit(persons=[{"full_name": "Nguyen Van Binh", "birth_date": "1978"}])
        self.assertEqual(third.person_ids.sudo().repeat_of_id.request_id, second)
        self.as_user(second, self.cuc_officer).action_cancel("Trùng yêu cầu")
        fourth = self.submit(persons=[{"full_name": "Nguyen Van Binh", "birth_date": "1978"}])
        self.assertEqual(fourth.person_ids.sudo().repeat_of_id.request_id, third)
        # The requester does not see the flag.
        with self.assertRaises(AccessError):
            fourth.person_ids.with_user(self.berlin_user).read(["repeat_of_id"])

    def test_import_persons_from_csv_and_xlsx(self):
        request = self.submit(persons=[PERSONS[1]])
        Wizard = self.env["nationality.lookup.person.import.wizard"].with_user(self.berlin_user)
        content = (
            "Họ và tên,Ngày sinh,Nơi sinh,Số hộ chiếu,Quốc tịch\n"
            "Phạm Thị Hồng,12/01/1990,Hà Nội,C1234509,DE\n"
            "Trịnh Văn Lộc,1955,Thanh Hóa,,\n"
        ).encode()
        Wizard.create(
            {"request_id": request.id, "file": base64.b64encode(content), "filename": "ds.csv"}
        ).action_import()
        self.assertEqual(
            request.person_ids.mapped("full_name"),
            ["Lê Minh Tuấn", "Phạm Thị Hồng", "Trịnh Văn Lộc"],
        )
        self.assertEqual(request.person_ids[1].country_id, self.env.ref("base.de"))
        # A list with errors is refused whole, every error with its line.
        bad = (
            "full_name,birth_date,id_number\n"
            "Hà Văn Khoa,1970,\n"
            "Hà Văn Khoa,31/31/1970,\n"
            ",1971,\n"
            "Hà Thị Loan,1972,12\n"
        ).encode()
        wizard = Wizard.create(
            {"request_id": request.id, "file": base64.b64encode(bad), "filename": "ds.csv"}
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        message = caught.exception.args[0]
        for line in ("Line 3:", "Line 4:", "Line 5:"):
            self.assertIn(line, message)
        self.assertNotIn("Line 2:", message)
        self.assertEqual(len(request.person_ids), 3)
        # XLSX.
        workbook = openpyxl.Workbook()
        workbook.active.append(["full_name", "birth_date", "gender"])
        workbook.active.append(["Mai Thị Hạnh", date(1988, 8, 8), "nữ"])
        stream = io.BytesIO()
        workbook.save(stream)
        Wizard.create(
            {
                "request_id": request.id,
                "file": base64.b64encode(stream.getvalue()),
                "filename": "ds.xlsx",
            }
        ).action_import()
        hanh = request.person_ids[-1]
        self.assertEqual(
            (hanh.full_name, hanh.birth_date, hanh.gender),
            ("Mai Thị Hạnh", date(1988, 8, 8), "female"),
        )
        # Not once the Ministry works on it.
        self.as_user(request, self.cuc_officer).action_start()
        with self.assertRaises(AccessError):
            Wizard.create(
                {"request_id": request.id, "file": base64.b64encode(content), "filename": "x.csv"}
            ).action_import()

    def test_cancel_and_overdue(self):
        request = self.submit()
        request.sudo().date_received = date(2024, 1, 2)
        self.assertTrue(request.is_overdue)
        self.assertIn(request, self.Request.search([("is_overdue", "=", True)]))
        self.assertNotIn(request, self.Request.search([("is_overdue", "=", False)]))
        with self.assertRaises(AccessError):
            request.with_user(self.berlin_user).action_cancel()
        self.as_user(request, self.cuc_officer).action_cancel("Cơ quan yêu cầu rút lại")
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(request.is_overdue)
        with self.assertRaises(UserError):
            self.as_user(request, self.cuc_officer).action_start()
        with self.assertRaises(AccessError):
            request.with_user(self.cuc_officer).unlink()

    def test_views_open_for_each_role(self):
        for user in (self.berlin_user, self.hn_reception, self.cuc_officer):
            views = self.as_user(self.Request, user).get_views([(False, "list"), (False, "form")])
            form = views["views"]["form"]["arch"]
            # Candidates, results before the answer and repeat flags are the Ministry's.
            self.assertEqual("match_count" in form, user == self.cuc_officer, user.login)
            self.assertEqual("repeat_request_id" in form, user == self.cuc_officer, user.login)
        request = self.submit()
        self.as_user(request, self.cuc_officer).action_start()
        self.as_user(request.person_ids, self.cuc_officer).action_confirm_no_record()
        # Before the answer, the requester reads no result.
        published = request.person_ids.with_user(self.berlin_user).read(["result_published"])
        self.assertEqual({row["result_published"] for row in published}, {False})
        with self.assertRaises(AccessError):
            request.person_ids.with_user(self.berlin_user).read(["result"])
        person_views = self.as_user(self.env["nationality.lookup.person"], self.berlin_user)
        self.assertIn(
            "result_published", person_views.get_views([(False, "form")])["views"]["form"]["arch"]
        )
        record_views = self.as_user(self.Record, self.cuc_officer).get_views(
            [(False, "list"), (False, "form"), (False, "search")]
        )
        self.assertIn("decision_number", record_views["views"]["form"]["arch"])
