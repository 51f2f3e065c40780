# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class NationalityLetterTrace(models.Model):
    """One step of a letter's way between agencies (edXML TraceHeader):
    the agency's electronic identifier and when the letter passed it."""

    _name = "nationality.letter.trace"
    _description = "Official letter trace"
    _order = "letter_id, timestamp, id"

    letter_id = fields.Many2one("nationality.letter", required=True, ondelete="cascade", index=True)
    organ_code = fields.Char(string="Electronic identifier", required=True)
    agency_id = fields.Many2one("nationality.agency", string="Agency")
    timestamp = fields.Datetime(required=True)
