# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, models
from odoo.exceptions import UserError

# A limit of N working days never spans more than this many calendar days,
# even across Tết; it bounds the holiday query.
_MAX_SPAN_FACTOR = 3


class NationalityWorkingCalendar(models.AbstractModel):
    """Deadline arithmetic on Vietnam's working-day calendar: Monday to Friday
    minus the public holidays, plus weekend days made working days, as recorded
    in ``nationality.holiday``. Every stage due date goes through here."""

    _name = "nationality.working.calendar"
    _description = "Working-day calendar"

    @api.model
    def _exceptions_between(self, date_from, date_to):
        """Return (days off, weekend working days) as two sets for the range."""
        # sudo: the calendar is public knowledge and the dates feed deadlines
        # computed for every user, including portal applicants.
        days = (
            self.env["nationality.holiday"]
            .sudo()
            .search_read([("date", ">=", date_from), ("date", "<=", date_to)], ["date", "day_type"])
        )
        days_off = {day["date"] for day in days if day["day_type"] == "holiday"}
        worked = {day["date"] for day in days if day["day_type"] == "working_day"}
        return days_off, worked

    @api.model
    def is_working_day(self, day):
        days_off, worked = self._exceptions_between(day, day)
        return self._is_working(day, days_off, worked)

    @staticmethod
    def _is_working(day, days_off, worked):
        if day in worked:
            return True
        return day.weekday() < 5 and day not in days_off

    @api.model
    def add_working_days(self, start, count):
        """The date on which a limit of ``count`` working days counted from
        ``start`` ends: ``start`` itself is not counted (the clock starts the
        next day), and the result is always a working day."""
        if count < 0:
            raise UserError(_("A number of working days cannot be negative."))
        horizon = start + timedelta(days=max(count, 1) * _MAX_SPAN_FACTOR + 30)
        days_off, worked = self._exceptions_between(start, horizon)
        day = start
        remaining = count
        while remaining > 0:
            day += timedelta(days=1)
            if day > horizon:
                more_off, more_worked = self._exceptions_between(day, day + timedelta(days=365))
                days_off |= more_off
                worked |= more_worked
                horizon = day + timedelta(days=365)
            if self._is_working(day, days_off, worked):
                remaining -= 1
        if count == 0:
            return self.next_working_day(start)
        return day

    @api.model
    def next_working_day(self, day):
        """``day`` if it is a working day, else the first working day after it."""
        days_off, worked = self._exceptions_between(day, day + timedelta(days=60))
        while not self._is_working(day, days_off, worked):
            day += timedelta(days=1)
        return day

    @api.model
    def add_calendar_days(self, start, count, extend_to_working_day=True):
        end = start + timedelta(days=count)
        return self.next_working_day(end) if extend_to_working_day else end

    @api.model
    def add_time_limit(self, start, count, unit, extend_to_working_day=True):
        if unit == "working_day":
            return self.add_working_days(start, count)
        return self.add_calendar_days(start, count, extend_to_working_day)

    @api.model
    def working_days_between(self, date_from, date_to):
        """Working days in the half-open interval (date_from, date_to]:
        how many working days have passed from ``date_from`` to ``date_to``.
        Negative when ``date_to`` is earlier."""
        if date_to == date_from:
            return 0
        sign = 1
        if date_to < date_from:
            date_from, date_to = date_to, date_from
            sign = -1
        days_off, worked = self._exceptions_between(date_from, date_to)
        count = 0
        day = date_from
        while day < date_to:
            day += timedelta(days=1)
            if self._is_working(day, days_off, worked):
                count += 1
        return sign * count
