# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class NationalityRegister(models.Model):
    """A register kept under the forms circular (e.g. Sổ thụ lý, TP/QT-2025-STLHSQT)."""

    _name = "nationality.register"
    _description = "Nationality register"
    _order = "code"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Form code of the register, e.g. TP/QT-2025-STLHSQT.")
    legal_basis = fields.Char(translate=True)
    active = fields.Boolean(default=True)
