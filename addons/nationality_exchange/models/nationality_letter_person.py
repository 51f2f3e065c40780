# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unicodedata

from odoo import _, api, fields, models
from odoo.addons.nationality_dossier.tools.access import user_rights_env
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

    @api.model
    def _check_dossiers_readable(self, dossier_ids):
        """Raise unless the user may read every dossier of ``dossier_ids``
        (checked in ``self``'s environment, the user's own rights): a letter
        shows the names of its dossiers to all its readers, so it refers
        only to dossiers its author may read."""
        dossiers = self.env["nationality.dossier"].browse(
            {int(dossier_id) for dossier_id in dossier_ids if dossier_id}
        )
        if len(dossiers.exists()) != len(dossiers) or not dossiers.has_access("read"):
            raise UserError(
                _(
                    "A letter can refer only to dossiers you may read: choose the dossiers "
                    "of your own department."
                )
            )

    @api.model
    def _check_dossier_readable(self, vals, persons=None):
        """The dossier of a listed person is one the user may read; a
        dossier already set on every person of ``persons`` stays."""
        if "dossier_id" in vals:
            dossier_id = vals["dossier_id"]
        elif persons is None:
            # The ORM adds the defaults of the context after create() runs.
            dossier_id = self.env.context.get("default_dossier_id")
        else:
            return
        if isinstance(dossier_id, models.BaseModel):
            dossier_id = dossier_id.id
        if not dossier_id or (
            persons is not None and all(person.dossier_id.id == dossier_id for person in persons)
        ):
            return
        env = user_rights_env(self.env)
        if env is not None:
            self.with_env(env)._check_dossiers_readable({dossier_id})

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if isinstance(vals.get("full_name"), str):
                vals["full_name"] = unicodedata.normalize("NFC", vals["full_name"]).strip()
            check_field_texts(self, vals, PERSON_TEXT_FIELDS)
            self._check_dossier_readable(vals)
        persons = super().create(vals_list)
        persons.letter_id._check_list_editable()
        return persons

    def write(self, vals):
        if "letter_id" in vals and any(person.letter_id.id != vals["letter_id"] for person in self):
            raise UserError(_("A person listed in a letter stays in that letter."))
        self.letter_id._check_list_editable()
        # sudo: the dossiers set now, only to leave them out of the check.
        self._check_dossier_readable(vals, self.sudo())
        if isinstance(vals.get("full_name"), str):
            vals["full_name"] = unicodedata.normalize("NFC", vals["full_name"]).strip()
        check_field_texts(self, vals, PERSON_TEXT_FIELDS)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_from_drafts(self):
        self.letter_id._check_list_editable()
