"""Merge a freshly exported template into an addon's vi.po, keeping every
existing translation, and list the terms still to translate.

    .venv/bin/python scripts/i18n_merge.py addons/<addon>/i18n/<addon>.pot addons/<addon>/i18n/vi.po

Exit status 1 when a term has no Vietnamese translation yet (new entries are
added with an empty msgstr so that a translator sees them)."""

import sys

import polib


def merge(pot_path, po_path):
    template = polib.pofile(pot_path)
    old = polib.pofile(po_path)
    known = {entry.msgid: entry.msgstr for entry in old if entry.msgstr and not entry.obsolete}
    merged = polib.POFile(wrapwidth=78)
    merged.metadata = old.metadata or template.metadata
    missing = []
    for entry in template:
        entry.msgstr = known.get(entry.msgid, "")
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        if not entry.msgstr:
            missing.append(entry.msgid)
        merged.append(entry)
    merged.save(po_path)
    return missing


def main():
    pot_path, po_path = sys.argv[1:3]
    missing = merge(pot_path, po_path)
    for msgid in missing:
        sys.stdout.write(f"untranslated: {msgid!r}\n")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
