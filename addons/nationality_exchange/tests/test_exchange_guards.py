# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What requesters and officers cannot do to lookup requests, their persons
and the registry outside the workflow: answering or backdating a request
themselves, linking another agency's letter, moving persons between
requests, and reading the registry without the search (a reproduction of
the faults an adversarial test found)."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .letters_common import PDF, LettersCase
from .lookups_common import LookupCase

PERSON = {"full_name": "Lê Minh Tuấn", "birth_date": "1979", "birth_place": "Hải Phòng"}


@tagged("post_install", "-at_install")
class TestLookupGuards(LookupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Request = cls.env["nationality.lookup.request"]
        cls.Letter = cls.env["nationality.letter"]
        cls.target = cls.record_named(cls, "Nguyễn Văn Bình", "2345/QĐ-CTN")

    def submit(self, user=None, **payload):
        values = {"purpose": "Xác minh quốc tịch", "persons": [dict(PERSON)]}
        values.update(payload)
        reference = self.Request.with_user(user or self.berlin_user).api_submit(values)
        return self.Request.search([("name", "=", reference)])

    def answer(self, request, result="no_record"):
        as_cuc = self.as_user(request, self.cuc_officer)
        if request.state == "received":
            as_cuc.action_start()
        self.as_user(request.person_ids, self.cuc_officer).write({"result": result})
        as_cuc.action_send_answer()
        self.assertEqual(request.state, "answered")

    # ------------------------------------------------------------------
    # H3: the workflow of requests and persons
    # ------------------------------------------------------------------
    def test_requester_cannot_write_the_workflow_of_its_request(self):
        for values in (
            {"state": "answered", "answer_date": "2026-12-01", "answer_letter_number": "123/X"},
            {"state": "cancelled"},
            {"answer_letter_number": "123/X"},
            {"date_due": "2030-01-01"},
            {"channel": "letter"},
            {"answer_working_days": 300},
            # Backdating the reception makes the Ministry overdue at once.
            {"date_received": "2026-01-05"},
            {"user_id": self.cuc_leader.id},
        ):
            request = self.submit()
            received, due = request.date_received, request.date_due
            with self.subTest(values=values):
                with self.assertRaises(AccessError):
                    request.with_user(self.berlin_user).write(values)
                self.env.invalidate_all()
                self.assertEqual(request.state, "received")
                self.assertEqual((request.date_received, request.date_due), (received, due))
                self.assertFalse(request.answer_letter_number)
        # What the requester may change while the request waits.
        request.with_user(self.berlin_user).write({"contact": "Phạm Thu Trang, +49 30 5363 0108"})
        self.assertEqual(request.contact, "Phạm Thu Trang, +49 30 5363 0108")

    def test_requester_cannot_create_a_request_with_workflow_values(self):
        Request = self.Request.with_user(self.berlin_user)
        base = {
            "requester_agency_id": self.mission_berlin.id,
            "purpose": "Xác minh quốc tịch",
            "person_ids": [Command.create(dict(PERSON, birth_date="1979-01-01"))],
        }
        for values in (
            {"state": "answered"},
            {"answer_letter_number": "1/X"},
            {"date_received": "2020-01-02"},
            {"channel": "letter"},
            {"user_id": self.cuc_officer.id},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                Request.create(dict(base, **values))
        # The form sends today's date and no officer: accepted.
        request = Request.create(
            dict(
                base,
                date_received=Request.default_get(["date_received"])["date_received"],
                user_id=False,
            )
        )
        self.assertEqual(request.state, "received")
        self.assertEqual(request.channel, "back_office")
        # The Ministry records a request that came by official letter.
        by_letter = self.as_user(self.Request, self.cuc_officer).create(
            dict(base, channel="letter", date_received=date(2026, 3, 2))
        )
        self.assertEqual((by_letter.channel, by_letter.date_received), ("letter", date(2026, 3, 2)))
        with self.assertRaises(AccessError):
            self.as_user(self.Request, self.cuc_officer).create(dict(base, state="answered"))

    def test_the_ministry_too_changes_the_state_only_by_the_workflow(self):
        request = self.submit()
        as_cuc = self.as_user(request, self.cuc_officer)
        with self.assertRaises(AccessError):
            as_cuc.write({"state": "in_progress"})
        with self.assertRaises(AccessError):
            as_cuc.write({"answer_letter_id": self.Letter.search([], limit=1).id})
        # The Ministry records the day a paper request came in, while it waits.
        as_cuc.write({"date_received": date(2026, 3, 2)})
        calendar = self.env["nationality.working.calendar"]
        self.assertEqual(request.date_due, calendar.add_working_days(date(2026, 3, 2), 10))
        as_cuc.action_start()
        with self.assertRaises(UserError):
            as_cuc.write({"date_received": date(2026, 3, 3)})

    def test_requester_cannot_link_a_letter_of_another_agency(self):
        request = self.submit()
        other = self.Letter.create(
            {
                "direction": "outgoing",
                "company_id": self.stp_hn.id,
                "issuing_agency_id": self.agency_hn.id,
                "subject": "Công văn của Sở",
            }
        )
        with self.assertRaises(UserError):
            request.with_user(self.berlin_user).write({"request_letter_id": other.id})
        self.assertFalse(request.request_letter_id)

    def test_the_answer_never_closes_another_agencys_letter(self):
        """Even the Ministry cannot link a letter that is not the requester's:
        answering the request would mark that letter answered."""
        request = self.submit()
        # A letter of Hà Nội to the Ministry, readable by the Ministry.
        theirs = self.as_user(self.Letter, self.hn_reception).create(
            {
                "direction": "outgoing",
                "company_id": self.stp_hn.id,
                "letter_type": "lookup_request",
                "notation": "STP-HCTP",
                "receiving_agency_ids": [Command.set(self.agency_ministry.ids)],
                "subject": "Đề nghị xác minh quốc tịch",
            }
        )
        theirs.action_sign_and_send()
        with self.assertRaisesRegex(UserError, "not a letter of"):
            self.as_user(request, self.cuc_officer).write({"request_letter_id": theirs.id})
        self.answer(request)
        self.assertEqual(theirs.state, "sent")

    def test_requester_links_its_own_letter(self):
        hn_request = self.submit(user=self.hn_reception)
        letter = self.as_user(self.Letter, self.hn_reception).create(
            {
                "direction": "outgoing",
                "company_id": self.stp_hn.id,
                "letter_type": "lookup_request",
                "notation": "STP-HCTP",
                "receiving_agency_ids": [Command.set(self.agency_ministry.ids)],
                "subject": "Đề nghị xác minh quốc tịch",
            }
        )
        letter.action_sign_and_send()
        self.as_user(hn_request, self.hn_reception).write({"request_letter_id": letter.id})
        self.assertEqual(hn_request.request_letter_id, letter)
        self.answer(hn_request)
        # Its letter is answered by the Ministry's answer.
        self.assertEqual(letter.state, "answered")
        self.assertEqual(hn_request.answer_letter_id.response_for_id, letter)

    def test_requester_cannot_push_a_person_into_another_agencys_request(self):
        theirs = self.submit(user=self.hn_reception)
        mine = self.submit()
        with self.assertRaises(UserError):
            mine.person_ids.with_user(self.berlin_user).write({"request_id": theirs.id})
        with self.assertRaises(UserError):
            mine.with_user(self.berlin_user).write(
                {"person_ids": [Command.link(theirs.person_ids.id)]}
            )
        self.assertEqual(len(theirs.person_ids), 1)
        self.assertEqual(len(mine.person_ids), 1)
        # Not even the Ministry moves a person to another request.
        with self.assertRaises(UserError):
            self.as_user(mine.person_ids, self.cuc_officer).write({"request_id": theirs.id})

    def test_candidates_and_results_change_only_by_the_workflow(self):
        request = self.submit(persons=[{"full_name": "Nguyễn Văn Bình", "birth_date": "1978"}])
        person = self.as_user(request.person_ids, self.cuc_officer)
        self.as_user(request, self.cuc_officer).action_start()
        with self.assertRaises(AccessError):
            person.write(
                {"match_ids": [Command.create({"record_id": self.target.id, "score": 100})]}
            )
        with self.assertRaises(AccessError):
            person.write({"date_searched": "2026-01-01 00:00:00"})
        person.action_search_registry()
        self.assertTrue(person.match_ids)
        self.answer(request, result="inconclusive")
        # Once answered, the published result is frozen.
        with self.assertRaises(UserError):
            person.write({"result": "has_nationality"})
        with self.assertRaises(UserError):
            self.as_user(self.env["nationality.lookup.person"], self.cuc_officer).create(
                {"request_id": request.id, "full_name": "Trần Văn Hai"}
            )
        self.assertEqual(request.person_ids.result_published, "inconclusive")

    def assert_answer_refused(self, call):
        # The error rolls back what the call wrote, as an RPC call would.
        with self.assertRaisesRegex(AccessError, "Only the Ministry records the result"):
            with self.env.cr.savepoint():
                call()

    def test_requesters_never_give_the_answer_of_their_request(self):
        """An overseas mission or a Department of Justice enters persons
        without the Ministry's answer: it would read as the Ministry's once
        the request is answered (the fields' groups are not checked when a
        record is created)."""
        answer = {
            "result": "has_nationality",
            "result_note": "Đã có quốc tịch Việt Nam, không cần xác minh",
            "result_record_id": self.target.id,
        }
        Person = self.env["nationality.lookup.person"]
        for user in (self.berlin_user, self.hn_reception):
            Request = self.as_user(self.Request, user)
            for field, value in answer.items():
                person = {"full_name": "Trần Thị Dung", "birth_date": "1985-03-08", field: value}
                with self.subTest(user=user.login, field=field, how="request"):
                    self.assert_answer_refused(
                        lambda person=person, Request=Request: Request.create(
                            {
                                "purpose": "Xác minh quốc tịch để cấp hộ chiếu",
                                "person_ids": [Command.create(person)],
                            }
                        )
                    )
            request = self.submit(user=user)
            own = self.as_user(request, user)
            listed = self.as_user(request.person_ids, user)
            for field, value in answer.items():
                person = {"full_name": "Trần Thị Dung", field: value}
                with self.subTest(user=user.login, field=field, how="person"):
                    self.assert_answer_refused(
                        lambda person=person, user=user, request=request: self.as_user(
                            Person, user
                        ).create(dict(person, request_id=request.id))
                    )
                    self.assert_answer_refused(
                        lambda person=person, own=own: own.write(
                            {"person_ids": [Command.create(person)]}
                        )
                    )
                    # The ORM itself refuses the fields of the Ministry's group on write.
                    with self.assertRaises(AccessError):
                        own.write({"person_ids": [Command.update(listed.id, {field: value})]})
                    with self.assertRaises(AccessError):
                        listed.write({field: value})
            self.env.invalidate_all()
            self.assertEqual(request.person_ids.mapped("full_name"), ["Lê Minh Tuấn"])
            self.assertFalse(
                request.person_ids.filtered(
                    lambda person: person.result or person.result_note or person.result_record_id
                )
            )
            # What the requester enters: the persons, without any answer.
            added = self.as_user(Person, user).create(
                {
                    "request_id": request.id,
                    "full_name": "Trần Thị Dung",
                    "birth_date": "1985-03-08",
                    "birth_place": "Nam Định",
                    "note": "Con gái ông Lê Minh Tuấn",
                    "result": False,
                }
            )
            self.assertEqual(added.birth_place, "Nam Định")
            self.assertFalse(added.result)
        # The Ministry gives the answer, and the requester reads it once sent.
        third = self.as_user(Person, self.cuc_officer).create(
            {
                "request_id": request.id,
                "full_name": "Nguyễn Văn Bình",
                "birth_date": "1978-06-15",
                "result": "released",
                "result_record_id": self.target.id,
                "result_note": "Quyết định số 2345/QĐ-CTN",
            }
        )
        self.assertEqual(third.result_record_id, self.target)
        as_cuc = self.as_user(request, self.cuc_officer)
        as_cuc.action_start()
        self.as_user(request.person_ids - third, self.cuc_officer).write({"result": "no_record"})
        as_cuc.action_send_answer()
        self.assertEqual(
            self.as_user(request.person_ids, self.hn_reception).mapped("result_published"),
            ["no_record", "no_record", "released"],
        )
        # A copy of an answered request asks again: it carries no answer.
        copy = as_cuc.copy()
        self.assertEqual(len(copy.person_ids), 3)
        self.assertFalse(copy.person_ids.filtered("result"))

    # ------------------------------------------------------------------
    # H4: the requester reads its answer
    # ------------------------------------------------------------------
    def test_requester_reads_the_answer_with_a_fresh_cache(self):
        request = self.submit()
        self.answer(request)
        # A real RPC call starts with an empty cache.
        self.env.invalidate_all()
        status = self.Request.with_user(self.berlin_user).api_status(request.name)
        self.assertEqual([p["result"] for p in status["persons"]], ["no_record"])
        self.env.invalidate_all()
        rows = (
            self.env["nationality.lookup.person"]
            .with_user(self.berlin_user)
            .search_read([("request_id", "=", request.id)], ["full_name", "result_published"])
        )
        self.assertEqual([row["result_published"] for row in rows], ["no_record"])
        self.env.invalidate_all()
        form = request.with_user(self.berlin_user).web_read(
            {"person_count": {}, "unresolved_count": {}, "state": {}}
        )
        self.assertEqual(form[0]["state"], "answered")
        self.assertEqual(form[0]["unresolved_count"], 0)

    # ------------------------------------------------------------------
    # H5: the registry is read through its search only
    # ------------------------------------------------------------------
    def test_registry_cannot_be_dumped_by_plain_read(self):
        for user in (self.berlin_user, self.hn_officer, self.hn_leader):
            Record = self.Record.with_user(user)
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Record.search_read([], ["full_name", "id_number", "passport_number"])
                with self.assertRaises(AccessError):
                    self.target.with_user(user).read(["full_name"])
                with self.assertRaises(AccessError):
                    Record.name_search("Nguyễn")
        # The Ministry reads its registry.
        self.assertEqual(
            self.target.with_user(self.cuc_officer).read(["full_name"])[0]["full_name"],
            "Nguyễn Văn Bình",
        )

    def test_registry_search_users_see_the_matches_only(self):
        Log = self.env["nationality.access.log"].sudo()
        before = Log.search_count([("action", "=", "lookup")])
        matches = self.Record.with_user(self.berlin_user).api_search(
            {"name": "Nguyễn Văn Bình", "birth_date": "15/06/1978"}, limit=3
        )
        self.assertEqual(matches[0]["id"], self.target.id)
        self.assertEqual(matches[0]["authority"], "Chủ tịch nước")
        self.assertEqual(Log.search_count([("action", "=", "lookup")]), before + 1)
        # The search form shows the candidates as search result lines.
        wizard = (
            self.env["nationality.record.search.wizard"]
            .with_user(self.hn_officer)
            .create({"name": "Nguyen Van Binh", "birth_date": "1978", "reason": "Hồ sơ HN-1"})
        )
        wizard.action_search()
        self.env.invalidate_all()
        line = wizard.line_ids[0]
        self.assertEqual(
            (line.full_name, line.birth_date_display, line.decision_number, line.authority),
            ("Nguyễn Văn Bình", "15/06/1978", "2345/QĐ-CTN", "Chủ tịch nước"),
        )
        # A line opens in its own form: the record's form is the Ministry's.
        view = line.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("decision_number", view)
        self.assertNotIn('name="record_id"', view)

    def test_search_lines_come_from_the_search_only(self):
        """Lines made up by the user would read any record through the lines'
        related fields."""
        Wizard = self.env["nationality.record.search.wizard"].with_user(self.berlin_user)
        wizard = Wizard.create({"name": "Nguyen Van Binh", "reason": "Hồ sơ ĐSQ-1"})
        records = self.Record.search([], limit=50)
        with self.assertRaises(AccessError):
            wizard.write(
                {
                    "line_ids": [
                        Command.create({"record_id": record.id, "rank": 1}) for record in records
                    ]
                }
            )
        with self.assertRaises(AccessError):
            self.env["nationality.record.search.line"].with_user(self.berlin_user).create(
                {"wizard_id": wizard.id, "record_id": records[0].id}
            )
        with self.assertRaises(AccessError):
            Wizard.create(
                {
                    "name": "Nguyen Van Binh",
                    "reason": "Hồ sơ ĐSQ-1",
                    "line_ids": [Command.create({"record_id": records[0].id})],
                }
            )


@tagged("post_install", "-at_install")
class TestLetterGuards(LettersCase):
    def test_letter_state_and_number_change_only_by_signing(self):
        letter = self.new_letter(self.hn_reception)
        for values in (
            {"state": "sent"},
            {"number": 1},
            {"sent_by_id": self.hn_reception.id},
            {"date_sent": "2026-01-01 08:00:00"},
            {"document_id": "f3c2d0f6-0000-4000-8000-000000000000"},
            {"name": "01/STP-HCTP"},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                letter.write(values)
        self.assertEqual((letter.state, letter.number, letter.name), ("draft", 0, "STP-HCTP"))
        with self.assertRaises(AccessError):
            self.new_letter(self.hn_reception, state="sent", number=7)
        letter.action_sign_and_send()
        self.assertEqual(letter.state, "sent")
        self.assertEqual(letter.name, f"{letter.number:02d}/STP-HCTP")
        self.assertEqual(letter.sent_by_id, self.hn_reception)

    def test_a_sent_letter_is_frozen_even_for_administrators(self):
        letter = self.new_letter(self.hn_reception)
        letter.action_sign_and_send()
        admin = letter.sudo()
        for values in (
            {"letter_date": "2020-01-01"},
            {"subject": "Khác"},
            {"number": 99},
            {"state": "draft"},
            {"receiving_agency_ids": [Command.set(self.agency_hcm.ids)]},
            {"trace_ids": [Command.clear()]},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                admin.write(values)
        with self.assertRaises(AccessError):
            self.env["nationality.letter.trace"].create(
                {
                    "letter_id": letter.id,
                    "organ_code": "000.00.00.G08",
                    "timestamp": "2026-01-01 00:00:00",
                }
            )
        self.assertEqual(letter.state, "sent")
        self.assertEqual(len(letter.trace_ids), 1)

    def test_incoming_paper_letter_takes_the_printed_number(self):
        letter = self.as_user(self.Letter, self.cuc_officer).create(
            {
                "direction": "incoming",
                "company_id": self.ministry.id,
                "issuing_agency_id": self.agency_bng.id,
                "receiving_agency_ids": [Command.set(self.agency_ministry.ids)],
                "number": 45,
                "notation": "BNG-LS",
                "letter_date": date(2026, 2, 3),
                "subject": "V/v xác minh quốc tịch",
            }
        )
        letter.write({"number": 46})
        letter.action_register_incoming()
        self.assertEqual((letter.name, letter.state), ("46/BNG-LS", "received"))
        with self.assertRaises(AccessError):
            letter.write({"number": 47})

    def test_a_reply_answers_only_a_letter_addressed_to_its_issuer(self):
        # Hồ Chí Minh City writes to the Ministry…
        theirs = self.new_letter(self.hcm_officer)
        theirs.action_sign_and_send()
        # … and Hà Nội, which cannot read that letter, replies to it.
        reply = self.new_letter(self.hn_reception)
        with self.assertRaises(UserError):
            reply.write({"response_for_id": theirs.id})
        with self.assertRaises(UserError):
            self.new_letter(self.hn_reception, response_for_id=theirs.id)
        # Even a letter it can read is answered only if it was addressed to it.
        own = self.new_letter(self.hn_reception)
        own.action_sign_and_send()
        reply.write({"response_for_id": own.id})
        reply.action_sign_and_send()
        self.assertEqual(own.state, "sent")

    # ------------------------------------------------------------------
    # What a letter refers to: dossiers and files its author may read
    # ------------------------------------------------------------------
    def _other_department(self):
        """A dossier of Hồ Chí Minh City at its People's Committee, with a
        scan, and one of Hà Nội with its own."""
        theirs = self.dossier_at_committee(
            company=self.stp_hcm,
            reception=self.hcm_officer,
            officer=self.hcm_officer,
            full_name="Lim Wei Ming",
            vietnamese_name_requested="Lâm Vĩ Minh",
            nationality_ids=[Command.set(self.env.ref("base.sg").ids)],
        )
        their_scan = self.attach_file(
            theirs, self.hcm_officer, "Đơn xin nhập quốc tịch - Lâm Vĩ Minh.pdf", PDF
        )
        ours = self.dossier_at_committee(full_name="Kim Min-jun")
        our_scan = self.attach_file(ours, self.hn_reception, "Đơn xin nhập quốc tịch.pdf", PDF)
        return theirs, their_scan, ours, our_scan

    def assert_refused_silently(self, theirs, call):
        """``call`` is refused with a message that names nothing of ``theirs``."""
        # The error rolls back what the call wrote, as an RPC call would.
        with self.assertRaisesRegex(UserError, "(dossiers|files) you may read") as caught:
            with self.env.cr.savepoint():
                call()
        message = str(caught.exception)
        for secret in (theirs.name, theirs.full_name, "Lâm Vĩ Minh", "Lim Wei Ming"):
            self.assertNotIn(secret, message)

    def test_a_letter_refers_only_to_dossiers_its_author_may_read(self):
        theirs, _their_scan, ours, _our_scan = self._other_department()
        Letter = self.as_user(self.Letter, self.hn_officer)
        Person = self.as_user(self.env["nationality.letter.person"], self.hn_officer)
        person = {"full_name": "Lâm Vĩ Minh", "dossier_id": theirs.id}
        before = self.Letter.search_count([])
        # The probe of the breaker: the letter would show the dossier's name.
        self.assert_refused_silently(
            theirs,
            lambda: Letter.create(
                {
                    "subject": "V/v hồ sơ xin nhập quốc tịch",
                    "letter_type": "other",
                    "person_ids": [Command.create(person)],
                }
            ),
        )
        self.assert_refused_silently(
            theirs, lambda: self.new_letter(self.hn_officer, dossier_ids=[Command.set(theirs.ids)])
        )
        # Nor through the defaults of the context, which an RPC caller sets.
        self.assert_refused_silently(
            theirs,
            lambda: Letter.with_context(default_dossier_ids=[Command.set(theirs.ids)]).create(
                {"subject": "V/v hồ sơ xin nhập quốc tịch"}
            ),
        )
        self.assertEqual(self.Letter.search_count([]), before)
        letter = self.new_letter(
            self.hn_officer,
            dossier_ids=[Command.set(ours.ids)],
            person_ids=[Command.create({"full_name": "Kim Min-jun", "dossier_id": ours.id})],
        )
        listed = letter.person_ids
        for call in (
            lambda: letter.write({"dossier_ids": [Command.link(theirs.id)]}),
            lambda: letter.write({"dossier_ids": [Command.set((ours | theirs).ids)]}),
            lambda: letter.write({"dossier_ids": (ours | theirs).ids}),
            lambda: letter.write({"person_ids": [Command.create(person)]}),
            lambda: letter.write({"person_ids": [Command.update(listed.id, person)]}),
            lambda: Person.create(dict(person, letter_id=letter.id)),
            lambda: Person.with_context(default_dossier_id=theirs.id).create(
                {"letter_id": letter.id, "full_name": "Lâm Vĩ Minh"}
            ),
            lambda: listed.write({"dossier_id": theirs.id}),
        ):
            with self.subTest(call=call):
                self.assert_refused_silently(theirs, call)
        self.env.invalidate_all()
        self.assertEqual(letter.dossier_ids, ours)
        self.assertEqual(letter.person_ids.dossier_id, ours)
        # Not even the Ministry refers to a dossier not yet sent to it.
        self.assert_refused_silently(
            theirs, lambda: self.new_letter(self.cuc_officer, dossier_ids=[Command.set(theirs.ids)])
        )
        # Its own dossiers, again or with others of its own, are accepted.
        other = self.dossier_at_committee(
            full_name="Somchai Phommachanh",
            vietnamese_name_requested="Lê Văn Chai",
            nationality_ids=[Command.set(self.env.ref("base.la").ids)],
        )
        letter.write(
            {
                "dossier_ids": [Command.set((ours | other).ids)],
                "person_ids": [
                    Command.update(listed.id, {"dossier_id": ours.id, "note": "Đã bổ sung"}),
                    Command.create({"full_name": "Lê Văn Chai", "dossier_id": other.id}),
                ],
            }
        )
        self.assertEqual(letter.person_ids.dossier_id, ours | other)
        self.assertEqual(
            self.as_user(letter.person_ids, self.hn_officer).dossier_id.ids, (ours | other).ids
        )
        # The Ministry's reply proposes none of the dossiers it may not read.
        letter.action_sign_and_send()
        action = self.as_user(letter, self.cuc_officer).action_reply()
        self.assertEqual(action["context"]["default_dossier_ids"], [Command.set([])])
        reply = (
            self.as_user(self.Letter, self.cuc_officer)
            .with_context(**action["context"])
            .create({"body": "<p>Cục đã nhận công văn.</p>"})
        )
        self.assertEqual((reply.response_for_id, reply.dossier_ids), (letter, ours.browse()))

    def test_a_letter_carries_only_files_its_author_may_read(self):
        theirs, their_scan, ours, our_scan = self._other_department()
        # Hà Nội would send the file of Hồ Chí Minh City with its own letter.
        self.assert_refused_silently(
            theirs,
            lambda: self.new_letter(self.hn_officer, attachment_ids=[Command.set(their_scan.ids)]),
        )
        self.assert_refused_silently(
            theirs,
            lambda: self.as_user(self.Letter, self.hn_officer)
            .with_context(default_attachment_ids=[Command.set(their_scan.ids)])
            .create({"subject": "V/v hồ sơ xin nhập quốc tịch"}),
        )
        letter = self.new_letter(self.hn_officer, attachment_ids=[Command.set(our_scan.ids)])
        for value in (
            [Command.link(their_scan.id)],
            [Command.set((our_scan | their_scan).ids)],
            their_scan.ids,
        ):
            with self.subTest(value=value):
                self.assert_refused_silently(
                    theirs, lambda v=value: letter.write({"attachment_ids": v})
                )
        self.env.invalidate_all()
        self.assertEqual(letter.attachment_ids, our_scan)
        # The files it may read: its dossiers', its letters', its uploads.
        upload = self.as_user(self.env["ir.attachment"], self.hn_officer).create(
            {"name": "Tờ trình 12-STP.pdf", "raw": PDF, "mimetype": "application/pdf"}
        )
        report = self.as_user(self.env["ir.attachment"], self.hn_officer).create(
            {
                "name": "Báo cáo 12-STP-HCTP.pdf",
                "raw": PDF,
                "mimetype": "application/pdf",
                "res_model": "nationality.letter",
                "res_id": letter.id,
            }
        )
        letter.write({"attachment_ids": [Command.set((our_scan | upload | report).ids)]})
        letter.action_sign_and_send()
        self.assertEqual(letter.attachment_ids, our_scan | upload | report)
        # The Ministry's reply may carry the files of the letter it answers.
        reply = self.new_letter(
            self.cuc_officer,
            response_for_id=letter.id,
            receiving_agency_ids=[Command.set(self.agency_hn.ids)],
            attachment_ids=[Command.set(report.ids)],
        )
        self.assertEqual(reply.attachment_ids, report)
        # But not the files of the dossiers that did not reach it.
        self.assert_refused_silently(
            theirs, lambda: reply.write({"attachment_ids": [Command.link(our_scan.id)]})
        )
