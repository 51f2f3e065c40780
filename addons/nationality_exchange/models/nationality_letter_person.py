# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unicodedata

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.text_input import check_field_texts

PERSON_RESULTS = [
    ("proposed", "Proposed"),
    ("documents_requested", "Documents requested"),
    ("granted", "Granted"),
    ("refused", "Not granted"),
]

# Texts of a listed person checked for refused characters (no length limit).
PERSON_TEXT_FIELDS = dict.fromkeys(("full_name", "dossier_code", "birth_date_display", "note"))


class NationalityLetterPerson(models.Model):
    """One person on the list a letter carries: the persons proposed in a
    proposal, or granted and not granted in a notice of decision."""

    _name = "nationality.letter.person"
    _description = "Person listed in an official letter"
    _order = "letter_id, sequence, id"

    letter_id = fields.Many2one("nationality.letter", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    dossier_id = fields.Many2one("nationality.dossier", index=True, ondelete="set null")
    dossier_code = fields.Char(help="Code of the dossier at the Department of Justice.")
    full_name = fields.Char(required=True)
    birth_date_display = fields.Char(string="Born", help="As on the papers: dd/mm/yyyy or yyyy.")
    result = fields.Selection(PERSON_RESULTS, required=True, default="proposed")
    note = fields.Char()

    @api.model
    def _values_from_dossier(self, dossier, result="proposed", note=False):
        return {
            "dossier_id": dossier.id,
            "dossier_code": dossier.name,
            "full_name": dossier.full_name,
            "birth_date_display": dossier.birth_date_display or False,
            "result": result,
            "note": note or False,
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if isinstance(vals.get("full_name"), str):
                vals["full_name"] = unicodedata.normalize("NFC", vals["full_name"]).strip()
            check_field_texts(self, vals, PERSON_TEXT_FIELDS)
        persons = super().create(vals_list)
        persons.letter_id._check_list_editable()
        return persons

    def write(self, vals):
        if "letter_id" in vals and any(person.letter_id.id != vals["letter_id"] for person in self):
            raise UserError(_("A person listed in a letter stays in that letter."))
        self.letter_id._check_list_editable()
        if isinstance(vals.get("full_name"), str):
            vals["full_name"] = unicodedata.normalize("NFC", vals["full_name"]).strip()
        check_field_texts(self, vals, PERSON_TEXT_FIELDS)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_from_drafts(self):
        self.letter_id._check_list_editable()
