# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.osv import expression

# Documents whose followers and notifications are shown only with the
# documents themselves: who follows a dossier, who was notified of its
# messages (and the dossier's name they carry) is personal data.
PRIVATE_DOCUMENT_MODELS = ("nationality.dossier",)


def private_documents_domain(env, model_field, id_field):
    """A domain on lines about documents (followers, notifications) keeping
    those whose document, named by ``model_field`` and ``id_field``, the user
    of ``env`` may read, when it is one of PRIVATE_DOCUMENT_MODELS."""
    domain = []
    for model in PRIVATE_DOCUMENT_MODELS:
        Model = env[model]
        if Model.has_access("read"):
            # A subquery of the records the user may read (record rules apply).
            allowed = ["|", (model_field, "!=", model), (id_field, "in", Model._search([]))]
        else:
            allowed = [(model_field, "!=", model)]
        domain = expression.AND([domain, allowed])
    return domain


def private_documents_access_error(lines, document_of):
    """``_check_access`` for reading ``lines`` about documents: the lines whose
    document (``document_of(line)``: ``(model, id)``, read as superuser) is a
    private document the user may not read, with the error to raise, or None."""
    env = lines.env
    forbidden = lines.browse()
    # sudo: which document each line is about.
    documents = {line.id: document_of(line) for line in lines.sudo()}
    for model in PRIVATE_DOCUMENT_MODELS:
        ids = {res_id for name, res_id in documents.values() if name == model}
        if not ids:
            continue
        readable = set(env[model].browse(ids)._filtered_access("read").ids)
        forbidden |= lines.browse(
            line_id
            for line_id, (name, res_id) in documents.items()
            if name == model and res_id not in readable
        )
    if not forbidden:
        return None
    names = sorted({env[name]._description for name, _id in documents.values() if name})
    return forbidden, lambda: AccessError(
        _(
            "You cannot see the followers or the notifications of records you are not "
            "allowed to read (%(model)s).",
            model=", ".join(names),
        )
    )


class MailFollowers(models.Model):
    """Who follows a nationality dossier is personal data (the applicant, the
    family...): staff see the followers only of the dossiers they may read.
    Odoo lets every internal user read every follower; messages and
    activities are already filtered by the access to their document."""

    _inherit = "mail.followers"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND(
                [domain or [], private_documents_domain(self.env, "res_model", "res_id")]
            )
        return super()._search(domain, offset, limit, order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or operation != "read" or self.env.su or not self.ids:
            return result
        return private_documents_access_error(self, lambda line: (line.res_model, line.res_id))
