"""The access matrix: roles × models × read/create/write/delete, written as data
in access_matrix.csv and checked cell by cell. Every model of the three addons
has a line for every role, so a new model cannot ship without a decision."""

import csv
from pathlib import Path

from odoo import Command
from odoo.tests import TransactionCase, tagged

ADDONS = ("nationality_dossier", "nationality_portal", "nationality_exchange")
MATRIX = Path(__file__).resolve().parent / "access_matrix.csv"
OPERATIONS = ("read", "create", "write", "unlink")

# Role → the groups of a user holding only that role.
ROLES = {
    "reception": ["nationality_dossier.group_reception_officer"],
    "processing": ["nationality_dossier.group_processing_officer"],
    "stp_leader": ["nationality_dossier.group_stp_leader"],
    "ministry_officer": ["nationality_dossier.group_ministry_officer"],
    "ministry_leader": ["nationality_dossier.group_ministry_leader"],
    "nationality_admin": ["nationality_dossier.group_nationality_admin"],
    "agency_requester": ["nationality_exchange.group_agency_requester"],
    "internal": ["base.group_user"],
    "portal": ["base.group_portal"],
}


def load_matrix():
    """The cells by (model, role); a cell written twice is refused, so that a
    later line can never silently overrule an earlier one."""
    with open(MATRIX, encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if not row["model"].startswith("#")]
    matrix = {}
    for row in rows:
        key = (row["model"], row["role"])
        if key in matrix:
            raise ValueError(f"access_matrix.csv has two lines for {key[0]} × {key[1]}")
        matrix[key] = row
    return matrix


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: cls.env["res.users"].create(
                {
                    "name": f"Matrix {role}",
                    "login": f"matrix.{role}",
                    "groups_id": [Command.set([cls.env.ref(xmlid).id for xmlid in groups])],
                }
            )
            for role, groups in ROLES.items()
        }
        cls.users["public"] = cls.env.ref("base.public_user")

    def _addon_models(self):
        data = self.env["ir.model.data"].search(
            [("module", "in", ADDONS), ("model", "=", "ir.model")]
        )
        names = self.env["ir.model"].browse(data.mapped("res_id")).mapped("model")
        # Models defined by the addons (not the ones they only extend).
        return sorted(
            name
            for name in names
            if not self.env[name]._abstract and self.env[name]._original_module in ADDONS
        )

    def test_every_model_and_role_has_a_line(self):
        matrix = load_matrix()
        missing = [
            f"{model} × {role}"
            for model in self._addon_models()
            for role in self.users
            if (model, role) not in matrix
        ]
        self.assertFalse(missing, f"access_matrix.csv lacks: {missing}")

    def test_every_cell(self):
        mismatches = []
        for (model, role), row in load_matrix().items():
            if model not in self.env:
                mismatches.append(f"{model}: no such model")
                continue
            records = self.env[model].with_user(self.users[role])
            for operation in OPERATIONS:
                expected = row[operation] == "1"
                if records.has_access(operation) != expected:
                    mismatches.append(
                        f"{model} {role} {operation}: expected {'allowed' if expected else 'denied'}"
                    )
        self.assertFalse(mismatches, "\n".join(mismatches))
