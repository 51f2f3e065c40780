# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

from odoo import Command, _, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.nationality_record_import import _header_key

PERSON_COLUMNS = {
    "full_name": ("full_name", "name", "ho_ten", "ho_va_ten"),
    "gender": ("gender", "sex", "gioi_tinh"),
    "birth_date": ("birth_date", "date_of_birth", "ngay_sinh", "nam_sinh"),
    "birth_place": ("birth_place", "place_of_birth", "noi_sinh"),
    "id_number": ("id_number", "identity_number", "so_dinh_danh", "cccd", "cmnd"),
    "passport_number": ("passport_number", "passport", "ho_chieu", "so_ho_chieu"),
    "nationality": ("nationality", "country", "quoc_tich"),
    "note": ("note", "ghi_chu"),
}
MAX_PERSONS = 1000
MAX_ERRORS_SHOWN = 20


class NationalityLookupPersonImportWizard(models.TransientModel):
    """Add the persons of a lookup request from a CSV or XLSX list. The list
    is imported whole or not at all: every error is reported with its line."""

    _name = "nationality.lookup.person.import.wizard"
    _description = "Import the persons of a lookup request"

    request_id = fields.Many2one("nationality.lookup.request", required=True)
    file = fields.Binary(required=True)
    filename = fields.Char(string="File name")

    def action_import(self):
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose the file to import."))
        request = self.request_id
        if request.state not in ("received", "in_progress"):
            raise UserError(_("Persons are added only to an open request."))
        self._import_persons(request, base64.b64decode(self.file), self.filename or "")
        return {"type": "ir.actions.act_window_close"}

    def _read_person_rows(self, content, filename):
        """(line, values dict) for each data row of a persons list."""
        Import = self.env["nationality.record.import"]
        if content[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
            rows = Import._read_xlsx(content)
        else:
            rows = Import._read_csv(io.BytesIO(content))
        by_alias = {
            alias: column for column, aliases in PERSON_COLUMNS.items() for alias in aliases
        }
        header = None
        for line, cells in rows:
            if not cells or all(cell in (None, "") for cell in cells):
                continue
            if header is None:
                header = [by_alias.get(_header_key(cell)) for cell in cells]
                if "full_name" not in header:
                    raise UserError(
                        _(
                            "The header (line %(line)s) has no full_name column. Columns: %(columns)s.",
                            line=line,
                            columns=", ".join(PERSON_COLUMNS),
                        )
                    )
                continue
            values = {}
            for column, cell in zip(header, cells):
                if column and cell not in (None, ""):
                    if isinstance(cell, float) and cell.is_integer():
                        cell = int(cell)
                    if hasattr(cell, "strftime"):
                        cell = cell.strftime("%d/%m/%Y")
                    values[column] = cell if isinstance(cell, str) else str(cell)
            yield line, values

    def _import_persons(self, request, content, filename):
        Person = self.env["nationality.lookup.person"]
        commands = []
        errors = []
        for line, values in self._read_person_rows(content, filename):
            try:
                commands.append(Command.create(Person._values_from_payload(values)))
            except ValidationError as error:
                errors.append(_("Line %(line)s: %(error)s", line=line, error=error.args[0]))
            if len(commands) + len(errors) > MAX_PERSONS:
                raise UserError(_("At most %(count)s persons per request.", count=MAX_PERSONS))
        if errors:
            shown = errors[:MAX_ERRORS_SHOWN]
            if len(errors) > MAX_ERRORS_SHOWN:
                shown.append(
                    _("… and %(count)s more errors.", count=len(errors) - MAX_ERRORS_SHOWN)
                )
            raise UserError(
                _(
                    "Nothing was imported. Correct the list and try again:\n%(errors)s",
                    errors="\n".join(shown),
                )
            )
        if not commands:
            raise UserError(_("The list has no person."))
        request.write({"person_ids": commands})
        return len(commands)
