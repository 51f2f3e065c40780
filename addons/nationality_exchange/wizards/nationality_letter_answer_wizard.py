# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class NationalityLetterAnswerWizard(models.AbstractModel):
    """What the wizards answering a proposal letter share: the letter, the
    notation and subject of the answer, and by default one line per dossier
    of the letter that the Ministry is reviewing."""

    _name = "nationality.letter.answer.wizard"
    _description = "Answer to a proposal letter"

    letter_id = fields.Many2one(
        "nationality.letter", string="Proposal", required=True, ondelete="cascade"
    )
    notation = fields.Char()
    subject = fields.Char()

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        letter = self.env["nationality.letter"].browse(values.get("letter_id"))
        if letter:
            company = letter._answering_company()
            values.setdefault("notation", company.nationality_agency_id.letter_notation)
            subject = self._default_subject(letter)
            if subject:
                values.setdefault("subject", subject)
            if "line_ids" in fields_list:
                values["line_ids"] = [
                    fields.Command.create(self._default_line_values(dossier))
                    for dossier in letter._dossiers_under_review()
                ]
        return values

    @api.model
    def _default_subject(self, letter):
        """The subject proposed for the answer to ``letter``, or False."""
        return False

    @api.model
    def _default_line_values(self, dossier):
        """Values of the line proposed for ``dossier``."""
        return {"dossier_id": dossier.id}
