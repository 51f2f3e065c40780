# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class NationalityDocumentType(models.Model):
    """A kind of paper that nationality dossiers ask for."""

    _name = "nationality.document.type"
    _description = "Document type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    form_code = fields.Char(
        help="Official form code where the paper has a form, e.g. TP/QT-2025-ĐXNQT.1."
    )
    description = fields.Text(translate=True, help="Guidance shown to applicants and officers.")
    is_sensitive = fields.Boolean(
        help="Identity document images, criminal-record papers and similar sensitive personal data."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A document type code must be unique."),
    ]
