"""Merge a freshly exported template into an addon's vi.po, keeping every
existing translation, and list the terms still to translate.

    .venv/bin/python scripts/i18n_merge.py addons/<addon>/i18n/<addon>.pot addons/<addon>/i18n/vi.po

Exit status 1 when a term has no Vietnamese translation yet (new entries are
added with an empty msgstr so that a translator sees them).

Every translation is written on one line (``msgstr "…"``, newlines escaped):
a line ``msgstr ""`` then means "not translated" and nothing else, which a
reviewer or a script can count without parsing continuation lines."""

import re
import sys

import polib

# A msgstr opened empty and continued on the following quoted lines.
_CONTINUED_MSGSTR = re.compile(r'^(msgstr(?:\[\d+\])?) ""\n((?:".*"\n)+)', re.MULTILINE)


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
    write_msgstr_on_one_line(po_path)
    return missing


def write_msgstr_on_one_line(po_path):
    """Join each continued msgstr into one quoted string (the same text: PO
    concatenates adjacent strings); the header entry keeps its lines."""
    with open(po_path, encoding="utf-8") as po_file:
        text = po_file.read()
    header_end = text.find("\n\n")

    def join(match):
        if match.start() < header_end:
            return match.group(0)
        parts = [line[1:-1] for line in match.group(2).splitlines()]
        return f'{match.group(1)} "{"".join(parts)}"\n'

    with open(po_path, "w", encoding="utf-8") as po_file:
        po_file.write(_CONTINUED_MSGSTR.sub(join, text))


def main():
    pot_path, po_path = sys.argv[1:3]
    missing = merge(pot_path, po_path)
    for msgid in missing:
        sys.stdout.write(f"untranslated: {msgid!r}\n")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
