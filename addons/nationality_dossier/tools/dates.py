# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dates as Vietnamese official papers write them (Nghị định 30/2020/NĐ-CP):
the papers are Vietnamese whatever the user's language, so these texts are
not translated; and which day "today" is for the checks of typed dates."""

from odoo import fields

# Vietnam's time zone: the agencies' working days and the dates of their papers.
VIETNAM_TZ = "Asia/Ho_Chi_Minh"

# The dating line left blank for the signer to fill in by hand.
DATE_IN_WORDS_BLANK = "ngày … tháng … năm …"
PLACE_BLANK = "……"


def date_in_words_vi(value):
    """'ngày 03 tháng 12 năm 2026' (day and month on two digits); the blank
    'ngày … tháng … năm …' without a date."""
    if not value:
        return DATE_IN_WORDS_BLANK
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def place_and_date_vi(place, value):
    """'Hà Nội, ngày 03 tháng 12 năm 2026', the dating line of official
    papers; blanks for a missing place or date."""
    return f"{place or PLACE_BLANK}, {date_in_words_vi(value)}"


def vietnam_today(env):
    """Today in Vietnam, where the agencies work (their papers, registers
    and publications are dated on Vietnam's day)."""
    return fields.Date.context_today(env["res.users"].with_context(tz=VIETNAM_TZ))


def latest_today(env):
    """The latest day it may be today for the person typing a date: the later
    of today in Vietnam and today in the user's own time zone (an applicant
    abroad may already be a day ahead). A date is "in the future" only after
    this day; the server's UTC day is never used, as Vietnam is seven hours
    ahead of it."""
    in_vietnam = vietnam_today(env)
    user_tz = env.context.get("tz") or env.user.tz
    if not user_tz:
        return in_vietnam
    return max(in_vietnam, fields.Date.context_today(env["res.users"].with_context(tz=user_tz)))
