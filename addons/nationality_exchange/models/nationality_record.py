# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import re
import unicodedata
from datetime import date

from odoo import _, api, fields, models
from odoo.addons.nationality_dossier.models.nationality_birth_date_mixin import (
    BIRTH_DATE_PRECISIONS,
)
from odoo.addons.nationality_dossier.tools.config_param import int_param
from odoo.addons.nationality_dossier.tools.dates import latest_today
from odoo.addons.nationality_dossier.tools.language import user_language_env
from odoo.addons.nationality_dossier.tools.person_input import (
    EARLIEST_BIRTH_YEAR,
    format_birth_date,
    is_possible_birth_date,
    normalize_id_number,
    parse_birth_date,
)
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..tools.name_matching import (
    one_edit_variants,
    sorted_key,
    typo_words,
)
from ..tools.text_input import check_text, normalize_person_texts, shown

_logger = logging.getLogger(__name__)

EVENT_TYPES = [
    ("naturalization", "Naturalization"),
    ("restoration", "Restoration of nationality"),
    ("renunciation", "Renunciation (release from nationality)"),
    ("deprivation", "Deprivation of nationality"),
    ("annulment", "Annulment of a naturalization decision"),
    ("nationality_certificate", "Certificate of Vietnamese nationality issued"),
    ("origin_certificate", "Certificate of Vietnamese origin issued"),
]

# The lookup result an event suggests to the officer who confirms a match.
EVENT_RESULTS = {
    "naturalization": "has_nationality",
    "restoration": "has_nationality",
    "nationality_certificate": "has_nationality",
    "renunciation": "released",
    "deprivation": "deprived",
    "annulment": "inconclusive",
    "origin_certificate": "inconclusive",
}

SEARCH_CRITERIA = (
    "name",
    "full_name",
    "birth_date",
    "birth_year",
    "birth_place",
    "gender",
    "id_number",
    "passport_number",
    "decision_number",
    "event_type",
)

# Longest value of each search criterion, in characters.
CRITERIA_LIMITS = {
    "name": 200,
    "full_name": 200,
    "birth_date": 32,
    "birth_year": 8,
    "birth_place": 250,
    "gender": 16,
    "id_number": 32,
    "passport_number": 32,
    "decision_number": 64,
    "event_type": 40,
}
# Longest reason (purpose, legal basis) given for a search, in characters.
REASON_LIMIT = 500
# Longest value of the text fields of a record, in characters.
RECORD_TEXT_LIMITS = {
    "full_name": 200,
    "former_name": 200,
    "birth_place": 250,
    "id_number": 32,
    "passport_number": 32,
    "decision_number": 64,
    "authority": 250,
    "note": 4000,
}

# Weights of the evidence in a match (see README, "Registry search").
W_NAME_EXACT = 60
W_NAME_TYPO = 50
W_NAME_PARTIAL = 45
W_NAME_SIMILAR = 45  # times the trigram similarity
W_BIRTH_DATE = 30
W_BIRTH_YEAR = 20
W_SAME_YEAR_OTHER_DAY = 8
P_BIRTH_YEAR_DIFFERS = -25
W_PLACE = 5
W_ID = 40
P_ID_DIFFERS = -20
W_DECISION = 20
P_DIACRITIC = -6
P_GENDER = -10
P_EVENT = -10

# Candidate generation limits: the look-ups stay index scans of bounded size.
_EXACT_LIMIT = 300
# How many of the commonest words may be the one left out of a name.
_COMMON_WORDS = 40
_FUZZY_LIMIT = 100
# Trigram similarity under which a name sharing only the date of birth is not a candidate.
_SAME_DATE_MIN_SIMILARITY = 0.35
_FALLBACK_THRESHOLD = 0.5
# The indexes of the registry search: (name, expressions, method, where).
SEARCH_INDEXES = (
    ("nationality_record_name_key_trgm_index", ["name_key gin_trgm_ops"], "gin", ""),
    ("nationality_record_name_sorted_year_index", ["name_sorted_key", "birth_year"], "btree", ""),
    ("nationality_record_birth_date_index", ["birth_date"], "btree", ""),
    ("nationality_record_id_number_index", ["id_number"], "btree", "id_number IS NOT NULL"),
    (
        "nationality_record_passport_index",
        ["passport_number"],
        "btree",
        "passport_number IS NOT NULL",
    ),
    (
        "nationality_record_decision_key_index",
        ["decision_number_key", "name_sorted_key"],
        "btree",
        "",
    ),
    ("nationality_record_import_index", ["import_id"], "btree", ""),
)
# pg_trgm's "similar" operator; SQL() passes code without arguments through.
_TRIGRAM_OPERATOR = SQL("%%")
_UNACCENT_SCHEMA = re.compile(r"^[a-z_][a-z0-9_]*$")


class NationalityRecord(models.Model):
    """One event in the nationality registry: a naturalization, restoration,
    renunciation, deprivation or annulment decision concerning a person, or a
    certificate issued to them, with the person's identity as recorded."""

    _name = "nationality.record"
    _description = "Nationality record"
    _inherit = [
        "mail.thread",
        "nationality.birth.date.mixin",
        "nationality.access.logged.mixin",
    ]
    _order = "decision_date desc, id desc"
    _rec_names_search = ["full_name", "decision_number", "id_number", "passport_number"]

    full_name = fields.Char(required=True, tracking=True, help="As recorded, with diacritics.")
    former_name = fields.Char(
        string="Former name",
        help="Name before the event, e.g. the foreign name of a naturalized person.",
    )
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    birth_date = fields.Date(tracking=True)
    # Declared again here: Odoo files the labels of a selection, and their
    # translations, under the addon that declares its choices.
    birth_date_precision = fields.Selection(BIRTH_DATE_PRECISIONS)
    birth_place = fields.Char(string="Place of birth")
    id_number = fields.Char(
        string="Identity number",
        tracking=True,
        help="Personal identification number (12 digits) or former identity card number.",
    )
    passport_number = fields.Char(string="Passport number", tracking=True)
    country_id = fields.Many2one(
        "res.country",
        string="Other nationality",
        help="The foreign nationality held, acquired or given up with the event.",
    )
    event_type = fields.Selection(EVENT_TYPES, string="Event", required=True, tracking=True)
    decision_number = fields.Char(
        string="Decision or certificate number",
        required=True,
        tracking=True,
        help="e.g. 1234/QĐ-CTN for a decision of the State President.",
    )
    decision_date = fields.Date(string="Decision date", tracking=True)
    authority = fields.Char(help="Who decided or issued, e.g. Chủ tịch nước, Sở Tư pháp Hà Nội.")
    dossier_id = fields.Many2one("nationality.dossier", string="Dossier", ondelete="set null")
    import_id = fields.Many2one(
        "nationality.record.import", string="Imported with", readonly=True, ondelete="set null"
    )
    source_line = fields.Integer(string="Line in the imported file", readonly=True)
    note = fields.Text()
    active = fields.Boolean(default=True)
    # Search keys, computed by PostgreSQL (see init()): lower case without
    # diacritics, đ → d, punctuation removed; and the same words sorted.
    name_key = fields.Char(
        string="Name key", compute="_compute_search_keys", store=True, readonly=True
    )
    name_sorted_key = fields.Char(
        string="Sorted name key", compute="_compute_search_keys", store=True, readonly=True
    )
    decision_number_key = fields.Char(
        string="Decision number key", compute="_compute_search_keys", store=True, readonly=True
    )

    # ------------------------------------------------------------------
    # Database objects
    # ------------------------------------------------------------------
    def init(self):
        result = super().init()
        cr = self.env.cr
        self._create_search_functions(cr)
        self._create_search_indexes()
        # The words of the names in the registry with how many names use
        # them, for the expansion of a name with a typo or a missing word.
        cr.execute("SELECT to_regclass('nationality_record_word')")
        if not cr.fetchone()[0]:
            cr.execute(
                "CREATE TABLE nationality_record_word ("
                " word varchar PRIMARY KEY, frequency integer NOT NULL DEFAULT 0)"
            )
            self._register_words(SQL("SELECT name_key FROM nationality_record"))
        return result

    @api.model
    def _create_search_indexes(self):
        for name, expressions, method, where in SEARCH_INDEXES:
            create_index(self.env.cr, name, self._table, expressions, method=method, where=where)

    @api.model
    def _drop_search_indexes(self):
        """Drop the search indexes before a bulk load (they are rebuilt after
        it in a fraction of the time their row-by-row upkeep would take)."""
        for name, _expressions, _method, _where in SEARCH_INDEXES:
            self.env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))

    @api.model
    def _create_search_functions(self, cr):
        """Create the SQL functions that compute the search keys. PostgreSQL's
        ``unaccent`` removes Vietnamese diacritics and writes đ/Đ as d/D; the
        two-argument form names its dictionary, so the functions do not depend
        on the ``search_path`` of the session that calls them."""
        for extension in ("unaccent", "pg_trgm"):
            cr.execute(SQL("SELECT 1 FROM pg_extension WHERE extname = %s", extension))
            if not cr.rowcount:
                try:
                    with cr.savepoint():
                        cr.execute(
                            SQL("CREATE EXTENSION IF NOT EXISTS %s", SQL.identifier(extension))
                        )
                except Exception as error:
                    raise UserError(
                        _(
                            "The nationality registry needs the PostgreSQL extension %(name)s; "
                            "ask the database administrator to install it (%(error)s).",
                            name=extension,
                            error=error,
                        )
                    ) from error
        cr.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'unaccent'"
        )
        schema = cr.fetchone()[0]
        if not _UNACCENT_SCHEMA.match(schema):
            raise UserError(
                _("Unexpected schema of the unaccent extension: %(schema)s", schema=schema)
            )
        dictionary = f"{schema}.unaccent"
        cr.execute(
            SQL(
                """
                CREATE OR REPLACE FUNCTION nationality_search_key(value text) RETURNS text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
                    SELECT btrim(regexp_replace(
                        lower(%(unaccent)s(%(dictionary)s::regdictionary, normalize(value, NFC))),
                        '[^[:alnum:]]+', ' ', 'g'))
                $fn$
                """,
                unaccent=SQL("%s.unaccent", SQL.identifier(schema)),
                dictionary=dictionary,
            )
        )
        cr.execute(
            """
            CREATE OR REPLACE FUNCTION nationality_sorted_key(value text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
                SELECT array_to_string(ARRAY(
                    SELECT word FROM unnest(string_to_array(value, ' ')) AS word
                    WHERE word <> '' ORDER BY word COLLATE "C"), ' ')
            $fn$
            """
        )
        cr.execute(
            """
            CREATE OR REPLACE FUNCTION nationality_accent_key(value text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
                SELECT nationality_sorted_key(btrim(regexp_replace(
                    lower(normalize(value, NFC)), '[^[:alnum:]]+', ' ', 'g')))
            $fn$
            """
        )
        cr.execute(
            SQL(
                """
                CREATE OR REPLACE FUNCTION nationality_code_key(value text) RETURNS text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
                    SELECT upper(regexp_replace(
                        %(unaccent)s(%(dictionary)s::regdictionary, normalize(value, NFC)),
                        '\\s+', '', 'g'))
                $fn$
                """,
                unaccent=SQL("%s.unaccent", SQL.identifier(schema)),
                dictionary=dictionary,
            )
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("full_name", "decision_number")
    def _compute_search_keys(self):
        keys = self._search_keys_sql(
            [record.full_name or "" for record in self],
            [record.decision_number or "" for record in self],
        )
        for record, (name_key, name_sorted, decision_key) in zip(self, keys):
            record.name_key = name_key
            record.name_sorted_key = name_sorted
            record.decision_number_key = decision_key

    @api.model
    def _search_keys_sql(self, names, codes):
        """(name key, sorted name key, code key) for each pair, computed by
        the same SQL functions as the bulk importer."""
        if not names:
            return []
        self.env.cr.execute(
            SQL(
                """
                SELECT nationality_search_key(name), nationality_sorted_key(nationality_search_key(name)),
                       nationality_code_key(code)
                FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS item(name, code, position)
                ORDER BY position
                """,
                list(names),
                list(codes),
            )
        )
        return self.env.cr.fetchall()

    @api.depends("full_name", "birth_date", "birth_date_precision", "decision_number")
    def _compute_display_name(self):
        for record in self:
            born = format_birth_date(record.birth_date, record.birth_date_precision)
            name = record.full_name or ""
            if born:
                name = f"{name} ({born})"
            record.display_name = (
                f"{name} – {record.decision_number}" if record.decision_number else name
            )

    # ------------------------------------------------------------------
    # Constraints and ORM
    # ------------------------------------------------------------------
    @api.constrains("birth_date", "decision_date")
    def _check_dates(self):
        today = latest_today(self.env)
        for record in self:
            if record._has_impossible_birth_date(today):
                raise ValidationError(
                    _(
                        "The date of birth of %(name)s is not possible.",
                        name=record.full_name,
                    )
                )
            if record.decision_date and record.decision_date > today:
                raise ValidationError(_("A decision date cannot be in the future."))
            if (
                record.birth_date
                and record.decision_date
                and record.decision_date < record.birth_date
            ):
                raise ValidationError(
                    _("The decision concerning %(name)s predates the birth.", name=record.full_name)
                )

    @api.constrains("full_name")
    def _check_full_name(self):
        for record in self:
            if not any(char.isalpha() for char in record.full_name or ""):
                raise ValidationError(_("A full name must contain letters."))

    @api.model
    def _normalize_record_vals(self, vals):
        """NFC, single spaces; control characters and overlong values refused."""
        return normalize_person_texts(
            self,
            vals,
            ("full_name", "former_name", "birth_place", "decision_number", "authority"),
            RECORD_TEXT_LIMITS,
        )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create([self._normalize_record_vals(vals) for vals in vals_list])
        records._register_own_words()
        return records

    def write(self, vals):
        result = super().write(self._normalize_record_vals(vals))
        if "full_name" in vals:
            self._register_own_words()
        return result

    def _register_own_words(self):
        if self:
            self.flush_recordset(["name_key"])
            self._register_words(
                SQL("SELECT name_key FROM nationality_record WHERE id = ANY(%s)", self.ids)
            )

    # ------------------------------------------------------------------
    # Registry search
    # ------------------------------------------------------------------
    @api.model
    def _parse_search_criteria(self, criteria):
        """Validate the criteria of a registry search; return a dict of
        normalised values. Raises ValidationError with a reason otherwise."""
        if not isinstance(criteria, dict):
            raise ValidationError(_("The search criteria must be a dictionary (a JSON object)."))
        unknown = sorted(set(criteria) - set(SEARCH_CRITERIA))
        if unknown:
            raise ValidationError(
                _(
                    "Unknown search criteria: %(unknown)s. Allowed: %(allowed)s.",
                    unknown=", ".join(shown(key) for key in unknown[:10]),
                    allowed=", ".join(SEARCH_CRITERIA),
                )
            )
        # Every value is a text (or a whole number) of bounded length without
        # control characters before anything else looks at it.
        texts = {}
        for key, value in criteria.items():
            if value in (None, False, ""):
                continue
            if isinstance(value, bool) or not isinstance(value, str | int):
                raise ValidationError(
                    _("The search criterion %(key)s must be a text or a number.", key=key)
                )
            texts[key] = check_text(self.env, str(value), key, CRITERIA_LIMITS[key])
        name = texts.get("name") or texts.get("full_name") or ""
        parsed = {
            "name": name,
            "birth_date": False,
            "birth_precision": False,
            "birth_year": 0,
            "birth_place": texts.get("birth_place") or "",
            "gender": texts.get("gender") or False,
            "id_numbers": [],
            "decision_number": texts.get("decision_number") or "",
            "event_type": texts.get("event_type") or False,
        }
        if name and sum(char.isalnum() for char in name) < 2:
            raise ValidationError(_("Give at least two letters of the name."))
        birth = texts.get("birth_date")
        if birth:
            parsed["birth_date"], parsed["birth_precision"] = self._parse_birth_text(birth)
            parsed["birth_year"] = parsed["birth_date"].year
        year = texts.get("birth_year")
        if year:
            try:
                year = int(year)
            except (TypeError, ValueError) as error:
                raise ValidationError(
                    _("The year of birth must be a number, e.g. 1980.")
                ) from error
            if not EARLIEST_BIRTH_YEAR <= year <= date.today().year:
                raise ValidationError(_("The year of birth %(year)s is not possible.", year=year))
            if parsed["birth_year"] and parsed["birth_year"] != year:
                raise ValidationError(_("The year of birth contradicts the date of birth."))
            if not parsed["birth_date"]:
                parsed["birth_date"], parsed["birth_precision"] = date(year, 1, 1), "year"
            parsed["birth_year"] = year
        if parsed["gender"] not in (False, "male", "female"):
            raise ValidationError(_("The gender is 'male' or 'female'."))
        if parsed["event_type"] and parsed["event_type"] not in dict(EVENT_TYPES):
            raise ValidationError(
                _(
                    "Unknown event type %(value)s. Allowed: %(allowed)s.",
                    value=parsed["event_type"],
                    allowed=", ".join(dict(EVENT_TYPES)),
                )
            )
        for key in ("id_number", "passport_number"):
            number = normalize_id_number(texts.get(key) or "")
            if number:
                if not re.fullmatch(r"[A-Z0-9]{5,20}", number):
                    raise ValidationError(
                        _(
                            "%(value)s is not an identity or passport number: 5 to 20 letters and digits.",
                            value=number,
                        )
                    )
                parsed["id_numbers"].append(number)
        if not (name or parsed["id_numbers"] or parsed["decision_number"]):
            raise ValidationError(
                _("Search by name, by identity or passport number, or by decision number.")
            )
        return parsed

    @api.model
    def _parse_birth_text(self, text):
        """(date, precision) from dd/mm/yyyy, mm/yyyy, yyyy or ISO yyyy-mm-dd;
        ValidationError with the reason otherwise."""
        text = unicodedata.normalize("NFC", text).strip()
        iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        try:
            if iso:
                value = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
                precision = "day"
            else:
                value, precision = parse_birth_date(text)
        except ValueError as error:
            raise ValidationError(
                _("%(value)s is not a date: write dd/mm/yyyy, mm/yyyy or yyyy.", value=text)
            ) from error
        if not is_possible_birth_date(value, latest_today(self.env)):
            raise ValidationError(_("%(value)s is not a possible date of birth.", value=text))
        return value, precision

    @api.model
    def _name_expansions(self, name_key):
        """Keys to look up for a name typed with a mistake, made only of words
        that occur in the registry: a few dozen B-tree look-ups instead of a
        fuzzy scan.

        Returns (typo keys, partial keys): the sorted keys at one typo of
        ``name_key`` (itself included), and the sorted keys of the name with
        one of the commonest words added (a middle name such as Thị or Văn
        left out, as foreign papers often do) or, for names of three words or
        more, with one word left out."""
        words = name_key.split()
        self.env.cr.execute(
            SQL(
                """
                SELECT word, word = ANY(%(probe)s) FROM nationality_record_word
                WHERE word = ANY(%(probe)s)
                   OR word IN (SELECT word FROM nationality_record_word
                               ORDER BY frequency DESC, word LIMIT %(common)s)
                """,
                probe=sorted(typo_words(name_key)),
                common=_COMMON_WORDS,
            )
        )
        rows = self.env.cr.fetchall()
        known = {word for word, probed in rows if probed}
        typos = one_edit_variants(name_key, known)
        partial = set()
        if len(words) >= 2 and all(word in known for word in words):
            for word, _probed in rows:
                partial.add(sorted_key(" ".join([*words, word])))
            if len(words) >= 3:
                for index in range(len(words)):
                    partial.add(sorted_key(" ".join(words[:index] + words[index + 1 :])))
        return typos, partial - typos

    @api.model
    def _register_words(self, source):
        """Add the words of the names in ``source`` (SQL yielding the name
        keys of new records) to the vocabulary of the registry and count them.
        The counts only rank the words; names changed later are not uncounted."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO nationality_record_word (word, frequency)
                SELECT word, count(*) FROM (%s) AS keys(name_key),
                       unnest(string_to_array(keys.name_key, ' ')) AS word
                WHERE word <> ''
                GROUP BY word
                ON CONFLICT (word) DO UPDATE
                SET frequency = nationality_record_word.frequency + EXCLUDED.frequency
                """,
                source,
            )
        )

    @api.model
    def _min_score(self):
        return int_param(self.env, "nationality_exchange.registry_min_score", 50, 0, 100)

    @api.private
    @api.model
    def registry_search(self, criteria, limit=10, min_score=None, reason=None):
        """Ranked candidates for ``criteria`` (see ``_parse_search_criteria``).

        Returns a list of dicts ``{"record": record, "score": 0-100,
        "reason": text}``, best first, without candidates under the cut-off
        score or archived. Candidates come from B-tree and trigram indexes
        only.

        The search is the way into the registry for the users of the
        *Nationality registry search* group, who may not read the records
        themselves (only the Ministry does): it checks the group, bounds the
        criteria and the number of matches, and logs every search. The
        records returned are in the caller's environment; read what the
        search shows of them with ``sudo()`` (see ``api_search``).

        Every search is a lookup of personal data: one line of the access log
        records who searched, the criteria, the records found and ``reason``
        (the purpose or legal basis given). Not callable over RPC: the
        integrators' method is ``api_search``."""
        self._check_search_right()
        limit = max(1, min(int(limit or 10), 100))
        query = self._parse_search_criteria(criteria)
        if min_score is None:
            min_score = self._min_score()
        matches = self._registry_matches(query, limit, min_score)
        self._log_search(query, limit, matches, reason)
        return matches

    @api.model
    def _check_search_right(self):
        if not (
            self.env.su or self.env.user.has_group("nationality_exchange.group_registry_search")
        ):
            raise AccessError(_("You are not allowed to search the nationality records registry."))

    @api.model
    def _registry_matches(self, query, limit, min_score):
        """The ranked candidates of a parsed query (see ``registry_search``)."""
        cr = self.env.cr
        self.flush_model()
        cr.execute(
            SQL(
                "SELECT nationality_search_key(%s), nationality_accent_key(%s),"
                " nationality_search_key(%s), nationality_code_key(%s)",
                query["name"],
                query["name"],
                query["birth_place"],
                query["decision_number"],
            )
        )
        name_key, accent_sorted, place_key, decision_key = cr.fetchone()
        name_sorted = sorted_key(name_key)
        variants, partial = self._name_expansions(name_key) if name_key else (set(), set())
        typo_variants = sorted(variants - {name_sorted})
        partial = sorted(partial)
        year = query["birth_year"]
        parts = []
        if query["id_numbers"]:
            parts.append(
                SQL(
                    "(SELECT id FROM nationality_record"
                    " WHERE id_number = ANY(%s) OR passport_number = ANY(%s) LIMIT %s)",
                    query["id_numbers"],
                    query["id_numbers"],
                    _EXACT_LIMIT,
                )
            )
        if decision_key:
            parts.append(
                SQL(
                    "(SELECT id FROM nationality_record"
                    " WHERE decision_number_key = %s %s LIMIT %s)",
                    decision_key,
                    SQL("AND name_sorted_key = ANY(%s)", sorted(variants)) if name_key else SQL(),
                    _EXACT_LIMIT,
                )
            )
        if name_key:
            # The exact name (any order, without diacritics) born within a
            # year or with no known date of birth; a name at one typo born the
            # same year; any name close enough born the very same day.
            years = (
                SQL("AND birth_year = ANY(%s)", [year - 1, year, year + 1, 0]) if year else SQL()
            )
            parts.append(
                SQL(
                    "(SELECT id FROM nationality_record WHERE name_sorted_key = %s %s LIMIT %s)",
                    name_sorted,
                    years,
                    _EXACT_LIMIT,
                )
            )
            if typo_variants:
                parts.append(
                    SQL(
                        "(SELECT id FROM nationality_record WHERE name_sorted_key = ANY(%s) %s LIMIT %s)",
                        typo_variants,
                        SQL("AND birth_year = ANY(%s)", [year, 0]) if year else SQL(),
                        _EXACT_LIMIT if year else _FUZZY_LIMIT,
                    )
                )
            if partial:
                parts.append(
                    SQL(
                        "(SELECT id FROM nationality_record WHERE name_sorted_key = ANY(%s) %s LIMIT %s)",
                        partial,
                        SQL("AND birth_year = ANY(%s)", [year, 0]) if year else SQL(),
                        _FUZZY_LIMIT,
                    )
                )
            if year and query["birth_precision"] == "day":
                parts.append(
                    SQL(
                        "(SELECT id FROM nationality_record"
                        " WHERE birth_date = %s AND similarity(name_key, %s) >= %s LIMIT %s)",
                        query["birth_date"],
                        name_key,
                        _SAME_DATE_MIN_SIMILARITY,
                        _FUZZY_LIMIT,
                    )
                )
        cr.execute(SQL(" UNION ").join(parts))
        candidate_ids = {row[0] for row in cr.fetchall()}
        if name_key and not candidate_ids:
            # Nothing at one typo: fall back on trigram similarity (GIN index),
            # for names with two typos or a missing middle name.
            cr.execute(
                SQL(
                    "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                    str(_FALLBACK_THRESHOLD),
                )
            )
            cr.execute(
                SQL(
                    "SELECT id FROM nationality_record WHERE name_key %s %s %s"
                    " ORDER BY similarity(name_key, %s) DESC LIMIT %s",
                    _TRIGRAM_OPERATOR,
                    name_key,
                    SQL("AND birth_year = ANY(%s)", [year - 1, year, year + 1, 0])
                    if year
                    else SQL(),
                    name_key,
                    _FUZZY_LIMIT,
                )
            )
            candidate_ids.update(row[0] for row in cr.fetchall())
        if not candidate_ids:
            return []
        # Archived records are not found. sudo: the searchers of the registry
        # may not read it (only the Ministry does); the search is their way in,
        # checked and logged by registry_search().
        allowed = self.sudo()._search([("id", "in", list(candidate_ids))])
        keys = {
            "name_key": name_key,
            "name_sorted": name_sorted,
            "accent_sorted": accent_sorted,
            "variants": typo_variants,
            "place_key": place_key,
            "decision_key": decision_key,
        }
        points, possible = self._points_sql(query, keys)
        cr.execute(
            SQL(
                """
                SELECT id, points, name_exact, name_typo, name_partial, word_count,
                       same_order, record_accented,
                       accent_differs, name_similarity, place_similarity, birth_date,
                       birth_date_precision, birth_year, gender, event_type, id_match,
                       passport_match, id_differs, decision_match
                FROM (
                    SELECT features.*, %(points)s AS points
                    FROM (
                        SELECT id, birth_date, birth_date_precision, birth_year, gender, event_type,
                               name_sorted_key = %(name_sorted)s AS name_exact,
                               name_sorted_key = ANY(%(variants)s) AS name_typo,
                               name_sorted_key = ANY(%(partial)s) AS name_partial,
                               array_length(string_to_array(name_key, ' '), 1) AS word_count,
                               name_key = %(name_key)s AS same_order,
                               nationality_accent_key(full_name) <> name_sorted_key AS record_accented,
                               nationality_accent_key(full_name) <> %(accent_sorted)s AS accent_differs,
                               similarity(name_key, %(name_key)s) AS name_similarity,
                               CASE WHEN %(place_key)s <> '' AND birth_place IS NOT NULL
                                    THEN similarity(nationality_search_key(birth_place), %(place_key)s)
                                    ELSE 0 END AS place_similarity,
                               coalesce(id_number = ANY(%(ids)s), FALSE) AS id_match,
                               coalesce(passport_number = ANY(%(ids)s), FALSE) AS passport_match,
                               coalesce(length(id_number) = ANY(%(id_lengths)s)
                                        AND NOT id_number = ANY(%(ids)s), FALSE) AS id_differs,
                               coalesce(decision_number_key = %(decision_key)s, FALSE) AS decision_match
                        FROM nationality_record
                        WHERE id IN %(allowed)s
                    ) features
                ) scored
                WHERE points >= %(min_points)s
                ORDER BY points DESC, id
                LIMIT %(limit)s
                """,
                points=points,
                name_sorted=name_sorted,
                variants=typo_variants,
                partial=partial,
                name_key=name_key,
                accent_sorted=accent_sorted,
                place_key=place_key,
                ids=query["id_numbers"],
                id_lengths=sorted(
                    {len(number) for number in query["id_numbers"] if number.isdigit()}
                ),
                decision_key=decision_key,
                allowed=allowed.subselect(),
                min_points=possible * min_score / 100.0,
                limit=limit,
            )
        )
        rows = cr.dictfetchall()
        accented = bool(name_key) and accent_sorted != name_sorted
        records = self.browse([row["id"] for row in rows])
        return [
            {
                "record": record,
                "score": max(0, min(100, round(100 * row["points"] / possible))),
                "reason": "; ".join(self._match_reasons(row, query, accented)),
            }
            for record, row in zip(records, rows)
        ]

    # ------------------------------------------------------------------
    # Personal data access log
    # ------------------------------------------------------------------
    @api.model
    def _nationality_log_company(self):
        return self._registry_company()

    @api.model
    def _registry_company(self):
        """The company of the Ministry's department that keeps the registry:
        the owner of its data in the access log."""
        return self.env["nationality.lookup.request"]._ministry_company()

    @api.model
    def _log_search(self, query, limit, matches, reason=None):
        """One ``lookup`` line of the access log for a registry search: the
        normalised criteria, the records found and the reason given."""
        birth = format_birth_date(query["birth_date"], query["birth_precision"])
        criteria = {
            "name": query["name"],
            "birth_date": birth,
            "birth_place": query["birth_place"],
            "gender": query["gender"],
            "id_numbers": query["id_numbers"],
            "decision_number": query["decision_number"],
            "event_type": query["event_type"],
        }
        criteria = {key: value for key, value in criteria.items() if value}
        summary = ", ".join(
            str(part)
            for part in (
                query["name"],
                birth,
                *query["id_numbers"],
                query["decision_number"],
            )
            if part
        )
        self.env["nationality.access.log"]._log_event(
            "lookup",
            self._name,
            _("Registry search: %(criteria)s", criteria=shown(summary)),
            reason=reason,
            details={
                "criteria": criteria,
                "limit": limit,
                "found": len(matches),
                "record_ids": [match["record"].id for match in matches],
            },
            company=self._registry_company(),
        )

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self.env["nationality.access.log"]._log_export(
            self, fields_to_export, company=self._registry_company()
        )
        return result

    @api.model
    def _points_sql(self, query, keys):
        """The SQL expression of the points a candidate earns (over the
        columns computed in ``registry_search``) and the points obtainable
        with the evidence the query gives: score = points / obtainable."""
        terms = []
        possible = 0
        if query["id_numbers"]:
            possible += W_ID
            terms.append(
                SQL(
                    "CASE WHEN id_match OR passport_match THEN %s WHEN id_differs THEN %s ELSE 0 END",
                    W_ID,
                    P_ID_DIFFERS,
                )
            )
        if keys["decision_key"]:
            possible += W_DECISION
            terms.append(SQL("CASE WHEN decision_match THEN %s ELSE 0 END", W_DECISION))
        if keys["name_key"]:
            possible += W_NAME_EXACT
            accent_penalty = P_DIACRITIC if keys["accent_sorted"] != keys["name_sorted"] else 0
            terms.append(
                SQL(
                    """CASE WHEN name_exact THEN %s + CASE WHEN accent_differs THEN %s ELSE 0 END
                            WHEN name_typo THEN %s
                            WHEN name_partial THEN %s
                            ELSE round(%s * name_similarity) END""",
                    W_NAME_EXACT,
                    accent_penalty,
                    W_NAME_TYPO,
                    W_NAME_PARTIAL,
                    W_NAME_SIMILAR,
                )
            )
        if query["birth_year"]:
            precision = query["birth_precision"]
            possible += W_BIRTH_DATE if precision == "day" else W_BIRTH_YEAR
            if precision == "day":
                same_year = SQL(
                    "CASE WHEN birth_date_precision = 'day' THEN %s ELSE %s END",
                    W_SAME_YEAR_OTHER_DAY,
                    W_BIRTH_YEAR,
                )
                exact = SQL(
                    "WHEN birth_date_precision = 'day' AND birth_date = %s THEN %s",
                    query["birth_date"],
                    W_BIRTH_DATE,
                )
            elif precision == "month":
                same_year = SQL(
                    "CASE WHEN birth_date_precision <> 'year'"
                    " AND extract(month FROM birth_date) <> %s THEN %s ELSE %s END",
                    query["birth_date"].month,
                    W_SAME_YEAR_OTHER_DAY,
                    W_BIRTH_YEAR,
                )
                exact = SQL()
            else:
                same_year = SQL("%s", W_BIRTH_YEAR)
                exact = SQL()
            terms.append(
                SQL(
                    """CASE WHEN birth_year = 0 THEN 0 %s
                            WHEN birth_year = %s THEN %s
                            WHEN abs(birth_year - %s) = 1 THEN 0
                            ELSE %s END""",
                    exact,
                    query["birth_year"],
                    same_year,
                    query["birth_year"],
                    P_BIRTH_YEAR_DIFFERS,
                )
            )
        if keys["place_key"]:
            possible += W_PLACE
            terms.append(SQL("CASE WHEN place_similarity >= 0.5 THEN %s ELSE 0 END", W_PLACE))
        if query["gender"]:
            terms.append(
                SQL(
                    "CASE WHEN gender IS NOT NULL AND gender <> %s THEN %s ELSE 0 END",
                    query["gender"],
                    P_GENDER,
                )
            )
        if query["event_type"]:
            terms.append(
                SQL("CASE WHEN event_type <> %s THEN %s ELSE 0 END", query["event_type"], P_EVENT)
            )
        return SQL("(%s)", SQL(" + ").join(terms) if terms else SQL("0")), possible or 1

    @api.model
    def _match_reasons(self, row, query, accented):
        """Why a candidate matches, from the columns computed in SQL."""
        reasons = []
        if row["id_match"]:
            reasons.append(_("exact identity number"))
        elif row["passport_match"]:
            reasons.append(_("exact passport number"))
        elif row["id_differs"]:
            reasons.append(_("identity number differs"))
        if row["decision_match"]:
            reasons.append(_("same decision number"))
        if query["name"]:
            if row["name_exact"]:
                details = []
                if not row["same_order"]:
                    details.append(_("name with words in another order"))
                if not accented and row["record_accented"]:
                    details.append(_("name without diacritics"))
                if accented and row["accent_differs"]:
                    details.append(_("other diacritics in the name"))
                reasons.extend(details or [_("same name")])
            elif row["name_typo"]:
                reasons.append(_("one typo in the name"))
            elif row["name_partial"] and row["word_count"] > len(query["name"].split()):
                reasons.append(_("name with a word missing"))
            elif row["name_partial"]:
                reasons.append(_("name with an extra word"))
            elif row["name_similarity"] >= 0.4:
                reasons.append(_("similar name"))
            else:
                reasons.append(_("name differs"))
        if query["birth_year"]:
            year = row["birth_year"]
            if not year:
                reasons.append(_("date of birth unknown in the record"))
            elif (
                query["birth_precision"] == "day"
                and row["birth_date_precision"] == "day"
                and row["birth_date"] == query["birth_date"]
            ):
                reasons.append(_("date of birth matches"))
            elif year == query["birth_year"]:
                if query["birth_precision"] == "day" and row["birth_date_precision"] == "day":
                    reasons.append(_("same year of birth, another day"))
                elif (
                    query["birth_precision"] == "month"
                    and row["birth_date_precision"] != "year"
                    and row["birth_date"].month != query["birth_date"].month
                ):
                    reasons.append(_("same year of birth, another month"))
                else:
                    reasons.append(_("year of birth matches"))
            elif abs(year - query["birth_year"]) == 1:
                reasons.append(_("year of birth one year off"))
            else:
                reasons.append(_("year of birth differs"))
        if query["birth_place"] and row["place_similarity"] >= 0.5:
            reasons.append(_("place of birth matches"))
        if query["gender"] and row["gender"] and row["gender"] != query["gender"]:
            reasons.append(_("gender differs"))
        if query["event_type"] and row["event_type"] != query["event_type"]:
            reasons.append(_("another kind of event"))
        return reasons

    @api.model
    def api_search(self, criteria=None, limit=10):
        """Integrator API: ranked matches of the registry for ``criteria``.

        ``criteria``: a dict with any of ``name``, ``birth_date`` (dd/mm/yyyy,
        mm/yyyy, yyyy or yyyy-mm-dd), ``birth_year``, ``birth_place``,
        ``gender`` (male/female), ``id_number``, ``passport_number``,
        ``decision_number``, ``event_type``; a name, an identity or passport
        number, or a decision number is required. ``limit``: 1 to 100.

        Returns a list of dicts (best first): ``id``, ``full_name``,
        ``birth_date`` (as recorded: dd/mm/yyyy, mm/yyyy or yyyy),
        ``birth_place``, ``event_type``, ``event``, ``decision_number``,
        ``decision_date`` (dd/mm/yyyy), ``authority``, ``score`` (0-100) and
        ``reason``. Only users allowed to search the registry may call it.

        ``criteria`` may also give the ``purpose`` of the search (the reason
        or legal basis, kept in the personal data access log)."""
        limit_error = ValidationError(_("The limit must be a number between 1 and 100."))
        if isinstance(limit, bool) or not isinstance(limit, int | float | str):
            raise limit_error
        try:
            limit = int(limit)
        except (ValueError, OverflowError) as error:
            raise limit_error from error
        if not 1 <= limit <= 100:
            raise limit_error
        purpose = None
        if isinstance(criteria, dict) and "purpose" in criteria:
            criteria = dict(criteria)
            purpose = criteria.pop("purpose")
            if purpose not in (None, ""):
                purpose = check_text(self.env, purpose, "purpose", REASON_LIMIT) or None
        events = dict(
            self._fields["event_type"]._description_selection(user_language_env(self.env))
        )
        result = []
        for match in self.registry_search(criteria, limit=limit, reason=purpose):
            # sudo: what the search shows of each match, to a user allowed to
            # search (checked by registry_search, which logged the search).
            record = match["record"].sudo()
            result.append(
                {
                    "id": record.id,
                    "full_name": record.full_name,
                    "birth_date": record.birth_date_display or "",
                    "birth_place": record.birth_place or "",
                    "event_type": record.event_type,
                    "event": events.get(record.event_type, record.event_type),
                    "decision_number": record.decision_number,
                    "decision_date": record.decision_date.strftime("%d/%m/%Y")
                    if record.decision_date
                    else "",
                    "authority": record.authority or "",
                    "score": match["score"],
                    "reason": match["reason"],
                }
            )
        return result
