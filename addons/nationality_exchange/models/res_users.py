# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    nationality_agency_id = fields.Many2one(
        "nationality.agency",
        string="Agency (exchange)",
        help="The agency on whose behalf an external user asks for nationality lookups; "
        "record rules limit the user to that agency's requests.",
    )
