"""Vietnamese is a first-class language: every translatable term of every addon
has a Vietnamese translation in the addon's i18n/vi.po."""

from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

ADDONS = ("nationality_dossier", "nationality_portal", "nationality_exchange")
ADDONS_DIR = Path(__file__).resolve().parent.parent / "addons"


@tagged("post_install", "-at_install")
class TestVietnameseTranslations(TransactionCase):
    def _exported_terms(self, addon):
        reader = TranslationModuleReader(self.env.cr, modules=[addon])
        return {
            source
            for module, _type, _name, _res_id, source, _value, _comments in reader
            if module == addon and source and source.strip()
        }

    def test_every_term_is_translated(self):
        for addon in ADDONS:
            with self.subTest(addon=addon):
                po_path = ADDONS_DIR / addon / "i18n" / "vi.po"
                self.assertTrue(po_path.exists(), f"{addon} has no i18n/vi.po")
                catalog = polib.pofile(str(po_path))
                translated = {
                    entry.msgid for entry in catalog if entry.msgstr.strip() and not entry.obsolete
                }
                missing = sorted(self._exported_terms(addon) - translated)
                self.assertFalse(
                    missing,
                    f"{addon}/i18n/vi.po lacks {len(missing)} translation(s), e.g. {missing[:5]}",
                )

    def test_vietnamese_is_loaded_for_the_ui(self):
        # The test database is built with --load-language=vi_VN: the procedure
        # names reach users in Vietnamese.
        procedure = self.env.ref("nationality_dossier.procedure_restoration").with_context(
            lang="vi_VN"
        )
        self.assertEqual(procedure.name, "Trở lại quốc tịch Việt Nam")
