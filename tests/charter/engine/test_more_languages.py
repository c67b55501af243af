"""German, Spanish, Italian and Dutch profanity lists, enabled per charter by its languages."""

import re
from pathlib import Path

import pytest

from server.charter.engine.wordlists import DATA_DIR, available_languages, load_word_list

NEW_LANGUAGES = ("de", "es", "it", "nl")

BLOCKED = [
    ("de", "Das ist doch Scheiße", "Scheiße"),
    ("de", "so ein Arschloch", "Arschloch"),
    ("de", "du Wichser", "Wichser"),
    ("es", "qué mierda de día", "mierda"),
    ("es", "hijo de puta", "hijo de puta"),
    ("es", "menudo gilipollas", "gilipollas"),
    ("it", "che cazzo fai", "cazzo"),
    ("it", "vaffanculo a tutti", "vaffanculo"),
    ("it", "sei uno stronzo", "stronzo"),
    ("nl", "wat een klootzak", "klootzak"),
    ("nl", "godverdomme, weer te laat", "godverdomme"),
    ("nl", "die hufter", "hufter"),
]


@pytest.mark.parametrize(("language", "text", "excerpt"), BLOCKED)
def test_a_language_s_list_blocks_once_the_charter_enables_it(check, found, language, text, excerpt):
    assert found(check(text, {"languages": ["fr", "en", language]}), "profanity") == [excerpt]
    assert found(check(text), "profanity") == []  # default charter: French and English only


WARNED = [("de", "die Muschi schläft"), ("es", "¡qué pedo!"), ("it", "che bordello"), ("nl", "wat een eikel")]


@pytest.mark.parametrize(("language", "text"), WARNED)
def test_ambiguous_entries_of_the_new_lists_warn(check, language, text):
    assert check(text, {"languages": [language]}).verdict == "warn"


INNOCENT = [
    ("de", "Schuhe wichsen vor dem Termin"),
    ("de", "Die nackte Wahrheit über Bonzen und Kimme und Korn"),
    ("es", "una mesa de madera maciza"),
    ("es", "el pinche de cocina llegó"),
    ("es", "un trio de jazz y una heroína"),
    ("it", "il cavallo di troia"),
    ("it", "la Mona Lisa al Louvre"),
    ("it", "pesce e regina, una pompa e una fava"),
    ("nl", "de pot op het vuur en een asbak"),
    ("nl", "een schatje met een muts"),
]


@pytest.mark.parametrize(("language", "text"), INNOCENT)
def test_innocent_words_of_the_new_languages_are_not_blocked(check, language, text):
    assert check(text, {"languages": [language]}).verdict in ("ok", "warn")


def test_the_curated_lists_are_every_language_file_and_nothing_else():
    assert set(NEW_LANGUAGES) <= set(available_languages())
    assert all(re.fullmatch(r"[a-z]{2}", language) for language in available_languages())


@pytest.mark.parametrize("language", NEW_LANGUAGES)
def test_every_entry_of_a_new_list_is_reviewed_in_review_md(language):
    review = " ".join((Path(DATA_DIR) / "REVIEW.md").read_text(encoding="utf-8").lower().split())
    word_list = load_word_list(language)
    for entry in word_list.entries:
        assert entry.forms[0].lower() in review, f"{language}: {entry.forms[0]} has no review note"
        assert entry.severity in ("block", "warn")
