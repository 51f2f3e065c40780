# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dates as Vietnamese official papers write them (Nghị định 30/2020/NĐ-CP):
the papers are Vietnamese whatever the user's language, so these texts are
not translated."""

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
