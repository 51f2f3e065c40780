# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class NationalityAdminUnit(models.Model):
    """Vietnam's administrative units after 1 July 2025 (34 provinces and their
    wards/communes), with the pre-2025 provinces they succeed."""

    _name = "nationality.admin.unit"
    _description = "Administrative unit of Vietnam"
    _order = "unit_type, name"
    _parent_name = "parent_id"

    name = fields.Char(required=True, index="trigram")
    code = fields.Char(required=True, index=True, help="Official code of the unit.")
    unit_type = fields.Selection(
        [("province", "Province / centrally-run city"), ("ward", "Ward / commune / special zone")],
        required=True,
        index=True,
    )
    division_type = fields.Char(help="e.g. thành phố trung ương, tỉnh, phường, xã, đặc khu.")
    parent_id = fields.Many2one(
        "nationality.admin.unit", string="Province", index=True, ondelete="cascade"
    )
    legacy_state_ids = fields.Many2many(
        "res.country.state",
        string="Former provinces",
        help="Provinces before the 2025 reorganisation that this province succeeds.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_type_unique",
            "unique(code, unit_type)",
            "An administrative unit code must be unique.",
        ),
    ]

    @api.depends("name", "parent_id.name")
    def _compute_display_name(self):
        for unit in self:
            if unit.unit_type == "ward" and unit.parent_id:
                unit.display_name = f"{unit.name}, {unit.parent_id.name}"
            else:
                unit.display_name = unit.name
