# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class NationalityGround(models.Model):
    """A legal ground invoked in a dossier: an exemption from naturalization
    conditions, a restoration ground, or a fee exemption."""

    _name = "nationality.ground"
    _description = "Legal ground or exemption"
    _order = "ground_type, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    ground_type = fields.Selection(
        [
            ("condition_exemption", "Exemption from naturalization conditions"),
            ("restoration_ground", "Restoration ground"),
            ("fee_exemption", "Fee exemption"),
        ],
        required=True,
    )
    legal_basis = fields.Char(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A ground code must be unique."),
    ]
