# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pure functions behind the registry search: query expansion for one typo.

The search keys themselves (``name_key``, ``name_sorted_key``) are computed by
the SQL functions created in ``nationality.record.init()`` so that the
registry, the importer and the queries share one definition; these helpers
work on keys already computed by PostgreSQL."""

import functools
import unicodedata

# Letters typed by mistake: the unaccented Latin alphabet and the space (a
# space typed inside a word or two words run together).
TYPO_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def strip_diacritics(text):
    """``text`` without diacritics, đ/Đ written d/D."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def sorted_key(key):
    """Words of a normalised key in code-point order: the same order as the SQL
    function ``nationality_sorted_key`` (``COLLATE "C"`` on UTF-8)."""
    return " ".join(sorted(key.split()))


@functools.lru_cache(maxsize=4096)
def _word_edits(word):
    """Every string at one edit of ``word`` (the empty string included when
    the word has one letter), ``word`` excluded."""
    letters = TYPO_ALPHABET + "".join(sorted(set(word) - set(TYPO_ALPHABET)))
    edits = set()
    for index in range(len(word)):
        head, tail = word[:index], word[index + 1 :]
        edits.add(head + tail)
        if index + 1 < len(word):
            edits.add(head + word[index + 1] + word[index] + word[index + 2 :])
        for letter in letters:
            edits.add(head + letter + tail)
    for index in range(len(word) + 1):
        for letter in letters:
            edits.add(word[:index] + letter + word[index:])
    edits.discard(word)
    return frozenset(edits)


def _structural_edits(words):
    """Word lists at one edit of the key that touch a space: two words run
    together (with or without a letter between), a word split in two (by a
    space added or replacing a letter), a letter moved across a space."""
    for index in range(len(words) - 1):
        left, right = words[index], words[index + 1]
        before, after = words[:index], words[index + 2 :]
        yield [*before, left + right, *after]
        for letter in TYPO_ALPHABET:
            yield [*before, left + letter + right, *after]
        if len(left) > 1:
            yield [*before, left[:-1], left[-1] + right, *after]
        if len(right) > 1:
            yield [*before, left + right[0], right[1:], *after]
    for index, word in enumerate(words):
        before, after = words[:index], words[index + 1 :]
        for position in range(1, len(word)):
            yield [*before, word[:position], word[position:], *after]
        for position in range(1, len(word) - 1):
            yield [*before, word[:position], word[position + 1 :], *after]


def typo_words(key):
    """Every word that a key at one edit of ``key`` can contain."""
    words = key.split()
    candidates = set(words)
    for word in words:
        candidates |= _word_edits(word)
    for variant in _structural_edits(words):
        candidates.update(variant)
    candidates.discard("")
    return candidates


def one_edit_variants(key, known=None):
    """The sorted-word keys at one edit of ``key`` (a letter replaced,
    removed, added, or two neighbours swapped, spaces included), ``key``
    itself included. With ``known`` (a set of words), only keys made of known
    words: a name with one typo is then found by a few exact look-ups in the
    B-tree index on ``name_sorted_key`` instead of a fuzzy scan."""
    words = key.split()
    if not words:
        return set()

    def accept(candidate):
        return known is None or all(word in known for word in candidate)

    variants = {" ".join(sorted(words))}
    for index, word in enumerate(words):
        before, after = words[:index], words[index + 1 :]
        others_known = accept(before) and accept(after)
        if not others_known:
            continue
        for edit in _word_edits(word):
            if known is not None and edit and edit not in known:
                continue
            candidate = [*before, edit, *after] if edit else [*before, *after]
            if candidate:
                variants.add(" ".join(sorted(candidate)))
    for candidate in _structural_edits(words):
        if accept(candidate):
            variants.add(" ".join(sorted(candidate)))
    return variants
