# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# QCVN 102:2016 agency identifier: V1V2V3.Z1Z2.Y1Y2.MX1X2, e.g. 000.00.19.H56
AGENCY_CODE_PATTERN = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")

AGENCY_TYPES = [
    ("stp", "Department of Justice (STP)"),
    ("police", "Provincial police"),
    ("people_committee", "Provincial People's Committee chairperson"),
    ("ministry", "Ministry of Justice (the Cục)"),
    ("president", "State President"),
    ("mission", "Overseas representative mission"),
    ("other_ministry", "Other ministry or central agency"),
    ("organisation", "Organisation"),
    ("individual", "Individual"),
]


class NationalityAgency(models.Model):
    """An agency taking part in nationality matters, with its dated electronic identifier."""

    _name = "nationality.agency"
    _description = "Nationality agency"
    _order = "agency_type, name"

    # Official names are proper nouns and are not translated.
    name = fields.Char(required=True, index="trigram")
    short_name = fields.Char(
        string="Abbreviation",
        help="Used in the notation of official letters, e.g. STP or HCTP.",
    )
    agency_type = fields.Selection(AGENCY_TYPES, required=True, index=True)
    governing_agency_name = fields.Char(
        string="Governing agency",
        compute="_compute_governing_agency_name",
        store=True,
        readonly=False,
        help="The agency directly above this one (cơ quan chủ quản), printed above its "
        "name on official letters: the provincial People's Committee for a Department "
        "of Justice, the Ministry of Justice for the Cục.",
    )
    code = fields.Char(
        string="Electronic identifier",
        index=True,
        help="Agency identifier under QCVN 102:2016 (e.g. 000.00.19.H56), "
        "used in dossier codes and in edXML messages.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Odoo company",
        help="The company that works in this system for this agency "
        "(each Department of Justice and the Ministry).",
    )
    province_id = fields.Many2one(
        "nationality.admin.unit",
        domain="[('unit_type', '=', 'province')]",
    )
    country_id = fields.Many2one("res.country", help="For overseas missions.")
    address = fields.Char()
    email = fields.Char()
    phone = fields.Char()
    date_from = fields.Date(string="Valid from")
    date_to = fields.Date(string="Valid until")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Two agencies cannot share an electronic identifier."),
    ]

    @api.depends("agency_type", "province_id.name")
    def _compute_governing_agency_name(self):
        for agency in self:
            if agency.agency_type == "stp" and agency.province_id:
                # "Thành phố Hà Nội" → "Ủy ban nhân dân thành phố Hà Nội".
                province = agency.province_id.name
                agency.governing_agency_name = (
                    f"Ủy ban nhân dân {province[:1].lower()}{province[1:]}"
                )
            elif not agency.governing_agency_name:
                agency.governing_agency_name = False

    def _unit_name(self):
        """The agency's own name, without the governing agency that its full
        name may end with ("Cục Hành chính tư pháp – Bộ Tư pháp")."""
        self.ensure_one()
        name = (self.name or "").strip()
        governing = (self.governing_agency_name or "").strip()
        if governing:
            for separator in (" – ", " - "):
                name = name.removesuffix(f"{separator}{governing}")
        return name

    @api.constrains("code")
    def _check_code(self):
        for agency in self:
            if agency.code and not AGENCY_CODE_PATTERN.match(agency.code):
                raise ValidationError(
                    _(
                        "The electronic identifier %(code)s does not follow the "
                        "QCVN 102:2016 format (e.g. 000.00.19.H56).",
                        code=agency.code,
                    )
                )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for agency in self:
            if agency.date_from and agency.date_to and agency.date_to < agency.date_from:
                raise ValidationError(_("An agency cannot stop being valid before it starts."))
