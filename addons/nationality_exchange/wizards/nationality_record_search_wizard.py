# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, fields, models
from odoo.addons.nationality_dossier.models.nationality_dossier import workflow_transition
from odoo.exceptions import UserError

from ..models.nationality_record import REASON_LIMIT
from ..tools.text_input import check_text


class NationalityRecordSearchWizard(models.TransientModel):
    """The registry search form: a person as written in a request, and the
    ranked candidates with their score and the reason of each match."""

    _name = "nationality.record.search.wizard"
    _description = "Search the nationality records"

    name = fields.Char(string="Full name", help="With or without diacritics, in any order.")
    birth_date = fields.Char(string="Date of birth", help="dd/mm/yyyy, mm/yyyy or yyyy")
    birth_place = fields.Char(string="Place of birth")
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    id_number = fields.Char(string="Identity or passport number")
    decision_number = fields.Char(string="Decision or certificate number")
    limit = fields.Integer(default=10)
    reason = fields.Char(
        string="Purpose or legal basis",
        required=True,
        help="Why you search the registry, e.g. the reference of the dossier or request, "
        "or the provision under which the check is made. Kept in the personal data access log.",
    )
    searched = fields.Boolean(readonly=True)
    line_ids = fields.One2many(
        "nationality.record.search.line", "wizard_id", string="Candidates", readonly=True
    )

    def action_search(self):
        self.ensure_one()
        reason = check_text(
            self.env,
            self.reason or "",
            self._fields["reason"]._description_string(self.env),
            REASON_LIMIT,
        )
        if not reason:
            raise UserError(_("Say why you search the registry (purpose or legal basis)."))
        criteria = {
            key: self[key]
            for key in (
                "name",
                "birth_date",
                "birth_place",
                "gender",
                "id_number",
                "decision_number",
            )
            if self[key]
        }
        matches = self.env["nationality.record"].registry_search(
            criteria, limit=self.limit or 10, reason=reason
        )
        # The lines are the matches of the search just made and logged: the
        # only way candidates are made (see nationality.record.candidate.mixin).
        with workflow_transition():
            self._write_matches(matches)
        return {
            "type": "ir.actions.act_window",
            "name": _("Search the nationality records"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def _write_matches(self, matches):
        self.ensure_one()
        self.write(
            {
                "searched": True,
                "line_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "rank": rank,
                            "record_id": match["record"].id,
                            "score": match["score"],
                            "reason": match["reason"],
                        }
                    )
                    for rank, match in enumerate(matches, start=1)
                ],
            }
        )
