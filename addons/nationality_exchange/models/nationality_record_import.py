# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
import itertools
import logging
import re
import time
import unicodedata
import zipfile
from datetime import date, datetime

from odoo import _, api, fields, models
from odoo.addons.nationality_dossier.tools.dates import latest_today
from odoo.addons.nationality_dossier.tools.language import user_language_env
from odoo.addons.nationality_dossier.tools.person_input import (
    CONTROL_CHARS,
    IDENTITY_NUMBER,
    PASSPORT_NUMBER,
    is_possible_birth_date,
    name_problem,
    normalize_text,
)
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.name_matching import strip_diacritics
from ..tools.synthetic_registry import DEMO_PERSONS, IMPORT_COLUMNS, RegistryGenerator
from ..tools.text_input import has_refused_characters, shown, spreadsheet_safe
from .nationality_record import EVENT_TYPES

_logger = logging.getLogger(__name__)

# Columns of a register file; the first row of the file names them, in any
# order, in English or in Vietnamese (with or without diacritics).
COLUMN_ALIASES = {
    "full_name": ("full_name", "name", "ho_ten", "ho_va_ten", "ten"),
    "former_name": ("former_name", "ten_cu", "ten_truoc_day", "ten_nuoc_ngoai"),
    "gender": ("gender", "sex", "gioi_tinh"),
    "birth_date": ("birth_date", "date_of_birth", "ngay_sinh", "ngay_thang_nam_sinh", "nam_sinh"),
    "birth_place": ("birth_place", "place_of_birth", "noi_sinh"),
    "id_number": (
        "id_number",
        "identity_number",
        "so_dinh_danh",
        "so_dinh_danh_ca_nhan",
        "cccd",
        "cmnd",
        "so_cccd",
        "so_cmnd",
    ),
    "passport_number": ("passport_number", "passport", "ho_chieu", "so_ho_chieu"),
    "nationality": ("nationality", "country", "quoc_tich", "quoc_tich_nuoc_ngoai"),
    "event_type": ("event_type", "event", "loai_su_kien", "su_kien", "noi_dung"),
    "decision_number": (
        "decision_number",
        "certificate_number",
        "so_quyet_dinh",
        "so_giay_xac_nhan",
        "so_qd",
    ),
    "decision_date": ("decision_date", "ngay_quyet_dinh", "ngay_cap", "ngay_qd"),
    "authority": ("authority", "co_quan", "co_quan_quyet_dinh", "co_quan_cap"),
    "note": ("note", "ghi_chu"),
}
REQUIRED_COLUMNS = ("full_name", "event_type", "decision_number")

# Event types as written in registers: the codes, the English labels and the
# usual Vietnamese wording, compared without diacritics.
EVENT_ALIASES = {
    "naturalization": ("nhap quoc tich", "cho nhap quoc tich", "nhap quoc tich viet nam"),
    "restoration": ("tro lai quoc tich", "cho tro lai quoc tich", "tro lai quoc tich viet nam"),
    "renunciation": ("thoi quoc tich", "cho thoi quoc tich", "thoi quoc tich viet nam"),
    "deprivation": ("tuoc quoc tich", "tuoc quoc tich viet nam"),
    "annulment": (
        "huy quyet dinh nhap quoc tich",
        "huy bo quyet dinh cho nhap quoc tich",
        "huy quyet dinh cho nhap quoc tich viet nam",
    ),
    "nationality_certificate": (
        "xac nhan co quoc tich",
        "xac nhan co quoc tich viet nam",
        "giay xac nhan co quoc tich viet nam",
    ),
    "origin_certificate": (
        "xac nhan nguoi goc viet nam",
        "xac nhan la nguoi goc viet nam",
        "giay xac nhan la nguoi goc viet nam",
    ),
}
GENDER_ALIASES = {
    "male": "male",
    "m": "male",
    "nam": "male",
    "female": "female",
    "f": "female",
    "nu": "female",
}

_STAGING_COLUMNS = (
    "line",
    "full_name",
    "former_name",
    "gender",
    "birth_date",
    "birth_date_precision",
    "birth_year",
    "birth_place",
    "id_number",
    "passport_number",
    "country_id",
    "event_type",
    "decision_number",
    "decision_date",
    "authority",
    "note",
)
_COPY_BATCH = 20000
# Longest line of a CSV file, in characters: a register's row is a few hundred.
MAX_CSV_LINE = 64 * 1024
# Largest size of the files inside an XLSX workbook, in megabytes: a register
# of a million rows is a few hundred.
MAX_XLSX_UNPACKED_MB = 1024
# Loads of at least this many rows, and this share of the registry, rebuild the
# search indexes instead of updating them row by row.
_REBUILD_MIN_ROWS = 50000
_REBUILD_SHARE = 0.2
_DATE_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DATE_MY = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_DATE_Y = re.compile(r"^(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_SPACES = re.compile(r"\s+")


class RowError(Exception):
    """A row of a register file that cannot be imported, with the reason."""


def _header_key(value):
    text = strip_diacritics(unicodedata.normalize("NFC", str(value or ""))).lower().strip()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _label_key(value):
    text = strip_diacritics(unicodedata.normalize("NFC", str(value or ""))).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _copy_text(value):
    """A value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


class NationalityRecordImport(models.Model):
    """One import of a historic register into the nationality records: the
    file, who imported it, how many rows went in, and the rejected rows with
    their reasons as a downloadable CSV file."""

    _name = "nationality.record.import"
    _description = "Import of a nationality register"
    _order = "id desc"

    name = fields.Char(string="File", required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Imported by", readonly=True, default=lambda self: self.env.user
    )
    state = fields.Selection(
        [("done", "Imported"), ("rejected", "Nothing imported")],
        readonly=True,
        default="done",
    )
    rows_read = fields.Integer(string="Rows read", readonly=True)
    rows_imported = fields.Integer(string="Rows imported", readonly=True)
    rows_rejected = fields.Integer(string="Rows rejected", readonly=True)
    duration = fields.Float(string="Duration (seconds)", readonly=True, digits=(16, 1))
    rows_per_second = fields.Integer(string="Rows per second", readonly=True)
    ignored_columns = fields.Char(string="Ignored columns", readonly=True)
    rejected_file = fields.Binary(string="Rejected rows", attachment=True, readonly=True)
    rejected_filename = fields.Char(string="Rejected rows file name", readonly=True)
    record_count = fields.Integer(string="Records", compute="_compute_record_count")

    def _compute_record_count(self):
        counts = dict(
            self.env["nationality.record"]
            .with_context(active_test=False)
            ._read_group([("import_id", "in", self.ids)], ["import_id"], ["__count"])
        )
        for batch in self:
            batch.record_count = counts.get(batch, 0)

    def action_view_records(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Imported records"),
            "res_model": "nationality.record",
            "view_mode": "list,form",
            "domain": [("import_id", "=", self.id)],
        }

    @api.model
    def _load_demo_registry(self, count=3000):
        """Demo data: a historic register of ``count`` synthetic persons plus
        the named persons of the demo lookups, loaded through the importer."""
        generator = RegistryGenerator(seed=20260101, today=fields.Date.context_today(self))
        persons = itertools.chain(DEMO_PERSONS, generator.rows(count))
        rows = itertools.chain(
            [(1, list(IMPORT_COLUMNS))],
            (
                (line, [person[column] for column in IMPORT_COLUMNS])
                for line, person in enumerate(persons, start=2)
            ),
        )
        return self.import_rows(rows, "so_dang_ky_quoc_tich_demo.csv")

    # ------------------------------------------------------------------
    # Reading files
    # ------------------------------------------------------------------
    @api.model
    def import_file(self, content, filename):
        """Import a register given as bytes (CSV in UTF-8 or XLSX); return the
        import record. Raises UserError if the file itself is unusable (format,
        encoding, missing columns); rows in error are rejected one by one."""
        if not content:
            raise UserError(_("The file is empty."))
        if not isinstance(content, bytes) or not isinstance(filename or "", str):
            raise UserError(
                _("Send the file as bytes (base64 over XML-RPC) and its name as a text.")
            )
        filename = CONTROL_CHARS.sub("", filename or "")[:255] or _("register")
        if content[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
            rows = self._read_xlsx(content)
        else:
            rows = self._read_csv(io.BytesIO(content))
        return self.import_rows(rows, filename)

    @api.private
    @api.model
    def import_path(self, path):
        """Import a register file from the server's disk (benchmark, scripts)."""
        if path.lower().endswith(".xlsx"):
            with open(path, "rb") as handle:
                return self.import_file(handle.read(), path)
        with open(path, "rb") as handle:
            return self.import_rows(self._read_csv(handle), path)

    @api.model
    def _read_csv(self, stream):
        """(line number, list of cells) for each row of a UTF-8 CSV stream;
        the separator (comma, semicolon or tab) is taken from the header."""
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")

        def lines():
            # Lines of bounded length: a file of one endless line is refused
            # instead of being read whole into memory.
            number = 0
            while True:
                line = text.readline(MAX_CSV_LINE + 1)
                if not line:
                    return
                number += 1
                if len(line) > MAX_CSV_LINE:
                    raise UserError(
                        _(
                            "Line %(line)s of the CSV file is longer than %(limit)s characters: "
                            "this is not a register.",
                            line=number,
                            limit=MAX_CSV_LINE,
                        )
                    )
                yield line

        source = lines()
        try:
            first = next(source, "")
        except UnicodeDecodeError as error:
            raise UserError(_("The CSV file must be encoded in UTF-8.")) from error
        counts = {separator: first.count(separator) for separator in (",", ";", "\t")}
        separator = max(counts, key=counts.get)

        def rows():
            try:
                header = next(csv.reader([first], delimiter=separator), [])
            except csv.Error as error:
                raise UserError(
                    _(
                        "The CSV file is malformed near line %(line)s: %(error)s",
                        line=1,
                        error=error,
                    )
                ) from error
            yield 1, header
            reader = csv.reader(source, delimiter=separator)
            try:
                for row in reader:
                    yield reader.line_num + 1, row
            except UnicodeDecodeError as error:
                raise UserError(
                    _(
                        "The CSV file must be encoded in UTF-8 (invalid bytes after line %(line)s).",
                        line=reader.line_num + 1,
                    )
                ) from error
            except csv.Error as error:
                raise UserError(
                    _(
                        "The CSV file is malformed near line %(line)s: %(error)s",
                        line=reader.line_num + 1,
                        error=error,
                    )
                ) from error

        return rows()

    @api.model
    def _read_xlsx(self, content):
        try:
            import openpyxl
        except ImportError as error:  # pragma: no cover - declared dependency
            raise UserError(_("Reading XLSX files needs the Python package openpyxl.")) from error
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                unpacked = sum(item.file_size for item in archive.infolist())
        except (zipfile.BadZipFile, ValueError) as error:
            raise UserError(
                _("The file is not a readable XLSX workbook: %(error)s", error=error)
            ) from error
        if unpacked > MAX_XLSX_UNPACKED_MB * 1024 * 1024:
            # A "zip bomb": a small file that unpacks to gigabytes.
            raise UserError(
                _(
                    "The workbook unpacks to more than %(limit)s MB: split it or save it as CSV.",
                    limit=MAX_XLSX_UNPACKED_MB,
                )
            )
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:
            raise UserError(
                _("The file is not a readable XLSX workbook: %(error)s", error=error)
            ) from error

        def rows():
            number = 0
            try:
                sheet = workbook.worksheets[0]
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                    yield number, list(row)
            except Exception as error:
                # The sheet is read while the rows are imported: a broken or
                # hostile sheet (e.g. entities expanding to gigabytes, which
                # the XML parser stops) is refused with its line.
                raise UserError(
                    _(
                        "The workbook cannot be read after row %(line)s: %(error)s",
                        line=number,
                        error=error,
                    )
                ) from error
            finally:
                workbook.close()

        return rows()

    # ------------------------------------------------------------------
    # The import
    # ------------------------------------------------------------------
    @api.private
    @api.model
    def import_rows(self, rows, source_name):
        """Validate ``rows`` ((line number, cells) pairs, the header first),
        load the valid ones with COPY into a temporary table, then insert them
        into the registry with one INSERT ... SELECT that computes the search
        keys. Rows in error are rejected with their reason.

        A file that turns out unusable while it is read (an endless line, a
        broken sheet) leaves nothing behind: the import runs in a savepoint."""
        self.env["nationality.record"].check_access("create")
        with self.env.cr.savepoint():
            return self._import_rows(rows, source_name)

    @api.model
    def _import_rows(self, rows, source_name):
        started = time.monotonic()
        rows = iter(rows)
        header_line, columns, ignored = self._read_header(rows)
        batch = self.create({"name": source_name})
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("DROP TABLE IF EXISTS nationality_record_staging")
        cr.execute(
            """
            CREATE TEMPORARY TABLE nationality_record_staging (
                line integer, full_name text, former_name text, gender varchar,
                birth_date date, birth_date_precision varchar, birth_year integer,
                birth_place text, id_number varchar, passport_number varchar,
                country_id integer, event_type varchar, decision_number text,
                decision_date date, authority text, note text
            )
            """
        )
        rejected = io.StringIO()
        rejected_writer = csv.writer(rejected)

        def reject(cells):
            # The report is opened in spreadsheets: cells are never formulas.
            rejected_writer.writerow([spreadsheet_safe(cell) for cell in cells])

        reject(["line", "reason", *columns])
        countries = self._country_lookup()
        events = self._event_lookup()
        today = latest_today(self.env)
        buffer = io.StringIO()
        pending = read = rejected_count = 0
        for line, cells in rows:
            if not cells or all(cell in (None, "") for cell in cells):
                continue
            read += 1
            values = dict(zip(columns, cells))
            try:
                row = self._validate_row(values, countries, events, today)
            except RowError as error:
                rejected_count += 1
                reject([line, str(error), *cells[: len(columns)]])
                continue
            buffer.write(str(line))
            for value in row:
                buffer.write("\t")
                buffer.write(_copy_text(value))
            buffer.write("\n")
            pending += 1
            if pending >= _COPY_BATCH:
                self._copy_staging(buffer)
                buffer = io.StringIO()
                pending = 0
        if pending:
            self._copy_staging(buffer)
        imported, duplicates = self._insert_from_staging(batch)
        for line, reason, displayed in duplicates:
            rejected_count += 1
            reject([line, reason, *(displayed.get(column, "") for column in columns)])
        cr.execute("DROP TABLE IF EXISTS nationality_record_staging")
        cr.execute("DROP TABLE IF EXISTS nationality_record_keyed")
        self.env["nationality.record"].invalidate_model()
        duration = time.monotonic() - started
        values = {
            "state": "done" if imported else "rejected",
            "rows_read": read,
            "rows_imported": imported,
            "rows_rejected": rejected_count,
            "duration": duration,
            "rows_per_second": round(read / duration) if duration > 0 else 0,
            "ignored_columns": ", ".join(ignored) or False,
        }
        if rejected_count:
            values["rejected_file"] = base64.b64encode(rejected.getvalue().encode("utf-8-sig"))
            stem = re.sub(r"[^\w.-]+", "_", str(source_name).rsplit("/", 1)[-1]).rsplit(".", 1)[0]
            values["rejected_filename"] = f"{stem}_rejected_rows.csv"
        batch.write(values)
        _logger.info(
            "Register %s: %s rows read, %s imported, %s rejected in %.1f s",
            source_name,
            read,
            imported,
            rejected_count,
            duration,
        )
        return batch

    @api.model
    def _read_header(self, rows):
        line, cells = next(
            (
                (number, row)
                for number, row in rows
                if row and any(cell not in (None, "") for cell in row)
            ),
            (0, None),
        )
        if cells is None:
            raise UserError(_("The file has no header row and no data."))
        by_alias = {
            alias: column for column, aliases in COLUMN_ALIASES.items() for alias in aliases
        }
        columns = []
        ignored = []
        for cell in cells:
            column = by_alias.get(_header_key(cell))
            if column in columns:
                raise UserError(
                    _(
                        "The column %(column)s appears twice in the header (line %(line)s).",
                        column=cell,
                        line=line,
                    )
                )
            if column is None and cell not in (None, ""):
                ignored.append(str(cell))
            columns.append(column or f"__ignored_{len(columns)}")
        missing = [column for column in REQUIRED_COLUMNS if column not in columns]
        if missing:
            raise UserError(
                _(
                    "The header (line %(line)s) lacks the required columns: %(missing)s. "
                    "Expected columns: %(expected)s.",
                    line=line,
                    missing=", ".join(missing),
                    expected=", ".join(COLUMN_ALIASES),
                )
            )
        return line, columns, ignored

    @api.model
    def _country_lookup(self):
        lookup = {}
        countries = self.env["res.country"].sudo().with_context(active_test=False).search([])
        for lang, _name in self.env["res.lang"].get_installed():
            for country in countries.with_context(lang=lang):
                lookup[_label_key(country.name)] = country.id
        for country in countries:
            lookup[country.code.lower()] = country.id
        lookup["viet nam"] = lookup.get("vn")
        return lookup

    @api.model
    def _event_lookup(self):
        lookup = {}
        for code, label in EVENT_TYPES:
            lookup[code] = code
            lookup[_label_key(label)] = code
        for lang, _name in self.env["res.lang"].get_installed():
            selection = self.env["nationality.record"].with_context(lang=lang)._fields["event_type"]
            for code, label in selection._description_selection(self.with_context(lang=lang).env):
                lookup[_label_key(label)] = code
        for code, aliases in EVENT_ALIASES.items():
            for alias in aliases:
                lookup[alias] = code
        return lookup

    def _text(self, value, limit=None, label=None):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        # The same folding as the forms and the API: look-alike spaces and
        # letters (full-width, no-break...) as the ordinary ones, then NFC.
        text = _SPACES.sub(" ", normalize_text(str(value))).strip()
        if has_refused_characters(text):
            raise RowError(
                _(
                    "%(column)s: contains control or invisible formatting characters",
                    column=label,
                )
            )
        if limit and len(text) > limit:
            raise RowError(
                _("%(column)s: longer than %(limit)s characters", column=label, limit=limit)
            )
        return text

    def _parse_date(self, value, label, allow_partial):
        """(date, precision) of a cell; RowError with the reason otherwise."""
        if value in (None, ""):
            return None, None
        if isinstance(value, datetime):
            return value.date(), "day"
        if isinstance(value, date):
            return value, "day"
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(int(value)) if float(value).is_integer() else str(value)
        text = str(value).strip()
        try:
            match = _DATE_DMY.match(text)
            if match:
                day, month, year = (int(part) for part in match.groups())
                return date(year, month, day), "day"
            match = _DATE_ISO.match(text)
            if match:
                year, month, day = (int(part) for part in match.groups())
                return date(year, month, day), "day"
            if allow_partial:
                match = _DATE_MY.match(text)
                if match:
                    return date(int(match.group(2)), int(match.group(1)), 1), "month"
                match = _DATE_Y.match(text)
                if match:
                    return date(int(match.group(1)), 1, 1), "year"
        except ValueError as error:
            raise RowError(
                _("%(column)s: %(value)s is not a valid date", column=label, value=shown(text))
            ) from error
        if allow_partial:
            raise RowError(
                _(
                    "%(column)s: %(value)s is not a date (expected dd/mm/yyyy, mm/yyyy or yyyy)",
                    column=label,
                    value=shown(text),
                )
            )
        raise RowError(
            _(
                "%(column)s: %(value)s is not a date (expected dd/mm/yyyy)",
                column=label,
                value=shown(text),
            )
        )

    @api.model
    def _validate_row(self, values, countries, events, today):
        """The staging values of one row, in the order of _STAGING_COLUMNS
        after ``line``; RowError with the reason if the row is not valid. A
        reason starts with the column it is about, as named in the report."""
        text = self._text
        _ = self.env._
        full_name = text(values.get("full_name"), 200, "full_name")
        if not full_name:
            raise RowError(_("full_name: missing"))
        if not any(char.isalpha() for char in full_name):
            raise RowError(_("full_name: no letters"))
        if any(char.isdigit() for char in full_name):
            raise RowError(_("full_name: contains digits"))
        former_name = text(values.get("former_name"), 200, "former_name") or None
        # Accents on letters, not piled up: the rule of every other way in.
        for column, name in (("full_name", full_name), ("former_name", former_name)):
            problem = name_problem(name, column)
            if problem:
                raise RowError(user_language_env(self.env)._(problem))
        gender_text = _label_key(values.get("gender"))
        gender = None
        if gender_text:
            gender = GENDER_ALIASES.get(gender_text)
            if not gender:
                raise RowError(
                    _(
                        "gender: %(value)s is not male/female (nam/nữ)",
                        value=shown(values.get("gender")),
                    )
                )
        birth_date, precision = self._parse_date(values.get("birth_date"), "birth_date", True)
        if birth_date and not is_possible_birth_date(birth_date, today):
            raise RowError(
                _(
                    "birth_date: %(value)s is not a possible date of birth",
                    value=shown(values.get("birth_date")),
                )
            )
        birth_place = text(values.get("birth_place"), 200, "birth_place") or None
        raw_id = values.get("id_number")
        if isinstance(raw_id, int | float) and not isinstance(raw_id, bool):
            raise RowError(
                _(
                    "id_number: stored as a number in the spreadsheet, so leading zeros may be "
                    "lost; format the column as text"
                )
            )
        id_number = _SPACES.sub("", text(raw_id, 32, "id_number")).upper() or None
        if id_number and not IDENTITY_NUMBER.match(id_number):
            raise RowError(_("id_number: %(value)s does not have 9 or 12 digits", value=id_number))
        passport = (
            _SPACES.sub("", text(values.get("passport_number"), 32, "passport_number")).upper()
            or None
        )
        if passport and not PASSPORT_NUMBER.match(passport):
            raise RowError(
                _(
                    "passport_number: %(value)s is not 5 to 20 letters and digits with a digit",
                    value=passport,
                )
            )
        country_id = None
        nationality = values.get("nationality")
        if nationality not in (None, ""):
            country_id = countries.get(_label_key(nationality))
            if not country_id:
                raise RowError(
                    _("nationality: unknown country %(value)s", value=shown(nationality))
                )
        event_text = values.get("event_type")
        if event_text in (None, ""):
            raise RowError(_("event_type: missing"))
        event = events.get(_label_key(event_text)) or events.get(str(event_text).strip())
        if not event:
            raise RowError(_("event_type: unknown event %(value)s", value=shown(event_text)))
        decision_number = text(values.get("decision_number"), 64, "decision_number")
        if not decision_number:
            raise RowError(_("decision_number: missing"))
        decision_date, _precision = self._parse_date(
            values.get("decision_date"), "decision_date", False
        )
        if decision_date and decision_date > today:
            raise RowError(
                _(
                    "decision_date: %(value)s is in the future",
                    value=shown(values.get("decision_date")),
                )
            )
        if decision_date and birth_date and decision_date < birth_date:
            raise RowError(_("decision_date: before the date of birth"))
        return (
            full_name,
            former_name,
            gender,
            birth_date,
            precision or "day",
            birth_date.year if birth_date else 0,
            birth_place,
            id_number,
            passport,
            country_id,
            event,
            decision_number,
            decision_date,
            text(values.get("authority"), 200, "authority") or None,
            text(values.get("note"), 4000, "note") or None,
        )

    def _copy_staging(self, buffer):
        buffer.seek(0)
        self.env.cr.copy_from(buffer, "nationality_record_staging", columns=_STAGING_COLUMNS)

    def _insert_from_staging(self, batch):
        """Insert the staged rows that are not duplicates; return the number
        inserted and the duplicates as (line, reason, shown values)."""
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS nationality_record_keyed")
        cr.execute(
            """
            CREATE TEMPORARY TABLE nationality_record_keyed AS
            SELECT sorted.*,
                   row_number() OVER same AS occurrence,
                   min(line) OVER same AS first_line
            FROM (
                SELECT keyed.*, nationality_sorted_key(keyed.name_key) AS name_sorted_key
                FROM (
                    SELECT staging.*, nationality_search_key(full_name) AS name_key,
                           nationality_code_key(decision_number) AS decision_number_key
                    FROM nationality_record_staging staging
                ) keyed
            ) sorted
            WINDOW same AS (PARTITION BY decision_number_key, name_sorted_key, birth_year ORDER BY line)
            """
        )
        cr.execute(
            """
            SELECT DISTINCT ON (keyed.line) keyed.line, keyed.first_line, record.id,
                   keyed.full_name, keyed.birth_date, keyed.birth_date_precision, keyed.decision_number
            FROM nationality_record_keyed keyed
            LEFT JOIN nationality_record record
                   ON record.decision_number_key = keyed.decision_number_key
                  AND record.name_sorted_key = keyed.name_sorted_key
                  AND record.birth_year = keyed.birth_year
            WHERE keyed.occurrence > 1 OR record.id IS NOT NULL
            ORDER BY keyed.line
            """
        )
        duplicates = []
        for line, first_line, record_id, name, born, precision, decision in cr.fetchall():
            if record_id:
                reason = _("already in the registry (record %(id)s)", id=record_id)
            else:
                reason = _(
                    "duplicate of line %(line)s (same person, year of birth and decision)",
                    line=first_line,
                )
            displayed = {"full_name": name, "decision_number": decision}
            if born:
                displayed["birth_date"] = (
                    str(born.year) if precision == "year" else born.strftime("%d/%m/%Y")
                )
            duplicates.append((line, reason, displayed))
        cr.execute("SELECT count(*) FROM nationality_record_keyed")
        staged = cr.fetchone()[0]
        cr.execute("SELECT reltuples FROM pg_class WHERE relname = 'nationality_record'")
        existing = max(cr.fetchone()[0], 0)
        Record = self.env["nationality.record"]
        rebuild = staged >= _REBUILD_MIN_ROWS and staged >= existing * _REBUILD_SHARE
        if rebuild:
            # A large load: rebuilding the indexes afterwards is much faster
            # than keeping them up to date row by row. The table stays locked
            # for searches until the import commits.
            Record._drop_search_indexes()
        cr.execute(
            SQL(
                """
                INSERT INTO nationality_record (
                    full_name, former_name, gender, birth_date, birth_date_precision, birth_year,
                    birth_place, id_number, passport_number, country_id, event_type,
                    decision_number, decision_date, authority, note, import_id, source_line,
                    name_key, name_sorted_key, decision_number_key, active,
                    create_uid, create_date, write_uid, write_date
                )
                SELECT full_name, former_name, gender, birth_date, birth_date_precision, birth_year,
                       birth_place, id_number, passport_number, country_id, event_type,
                       decision_number, decision_date, authority, note, %(batch)s, line,
                       name_key, name_sorted_key, decision_number_key, TRUE,
                       %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
                FROM nationality_record_keyed keyed
                WHERE occurrence = 1 AND NOT EXISTS (
                    SELECT 1 FROM nationality_record record
                    WHERE record.decision_number_key = keyed.decision_number_key
                      AND record.name_sorted_key = keyed.name_sorted_key
                      AND record.birth_year = keyed.birth_year
                )
                ORDER BY line
                """,
                batch=batch.id,
                uid=self.env.uid,
            )
        )
        inserted = cr.rowcount
        if rebuild:
            cr.execute("SET LOCAL maintenance_work_mem = '256MB'")
            Record._create_search_indexes()
        Record._register_words(
            SQL("SELECT name_key FROM nationality_record WHERE import_id = %s", batch.id)
        )
        if inserted > 10000:
            # Fresh statistics for the planner after a large load.
            cr.execute("ANALYZE nationality_record")
        return inserted, duplicates
