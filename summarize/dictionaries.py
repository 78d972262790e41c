"""Kept dictionaries for telling a name from a German noun: Debian's hunspell German dictionaries
(de_DE, de_AT, de_CH, from igerman98) and its English one (en_US, from SCOWL), read with spylls (a
pure-Python hunspell).

German capitalises every noun, so a capital letter says nothing; what does: a word no German dictionary
knows at all (inflections and compounds included, as hunspell resolves them) is most likely a name
("Baerbock", "Söder"); so is a word the English dictionary knows only with its capital ("Dortmund").
Optional: without the dictionaries (Debian's hunspell-de-de, hunspell-de-at, hunspell-de-ch and
hunspell-en-us) the name check uses its context rules and tables alone.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Where Debian and most Linux distributions put hunspell dictionaries; SUMMARIZE_HUNSPELL_DIR goes first.
SEARCH_PATH = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")


def _folders() -> list[Path]:
    extra = os.environ.get("SUMMARIZE_HUNSPELL_DIR")
    return [Path(folder) for folder in ([extra] if extra else []) + list(SEARCH_PATH)]


@lru_cache(maxsize=None)
def dictionary(language: str) -> Any | None:
    """The hunspell dictionary of `language` ("de_DE"), loaded once; None when it or spylls is not
    installed (said once in the log)."""
    try:
        from spylls.hunspell import Dictionary
    except ImportError:
        log.info("spylls is not installed: the name check works without dictionaries")
        return None
    for folder in _folders():
        if (folder / f"{language}.dic").is_file() and (folder / f"{language}.aff").is_file():
            return Dictionary.from_files(str(folder / language))
    log.info("no hunspell dictionary %s in %s: the name check works without it", language,
             ", ".join(map(str, _folders())))
    return None


# German as written in Germany, Austria ("Jänner") and Switzerland: a word any of them knows is German.
GERMAN = ("de_DE", "de_AT", "de_CH")


# Endings that inflect a German word listed without them ("Verhandlung|en", "Hauses"): a quick look in the
# word lists before hunspell's own (slow) resolution of affixes and compounds.
INFLECTIONS = ("", "s", "es", "n", "en", "e", "er", "ern", "em", "ens", "nen")


ONLY_IN_COMPOUNDS = "o"  # igerman98's ONLYINCOMPOUND flag


@lru_cache(maxsize=None)
def german_words() -> dict[str, str]:
    """Every word the German dictionaries list on its own, as listed (without affixes or compounds), with
    its affix flags (of all its entries). Entries that only stand inside compounds (flag o: the lower-case
    "dortmund/Sozm" of "Dortmunder Straße"-like compounds) are left out: they would make every name a
    word."""
    words: dict[str, str] = {}
    for language in GERMAN:
        for folder in _folders():
            path = folder / f"{language}.dic"
            if path.is_file():
                for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
                    word, _, flags = line.strip().partition("/")
                    if ONLY_IN_COMPOUNDS not in flags:
                        words[word] = words.get(word, "") + flags
                break
    return words


# igerman98's flags that inflect a common noun: plurals in -n, -en, -e, -er (N, P, E, R), the genitive in
# -es (T), diminutives (M), feminine forms (F). A capitalised entry without any of them is a proper noun:
# "Dortmund/Sm", "Scholz", "Merkel/S"; not "Keller/NSmij" or "Zug/SETpmij".
NOUN_FLAGS = frozenset("NPERTMF")


def proper_noun(word: str) -> bool:
    """Whether the German dictionaries list the word capitalised as a name: without a common noun's
    inflections, and not as a form of a common noun ("Stunden" of "Stunde/N") or of a lower-case word
    ("Vor" opening a sentence)."""
    words = german_words()
    flags = words.get(word)
    if flags is None or not word[:1].isupper() or NOUN_FLAGS.intersection(flags) or listed(word.lower()):
        return False
    stems = (word[:len(word) - len(ending)] for ending in INFLECTIONS[1:] if word.endswith(ending))
    return not any(NOUN_FLAGS.intersection(words.get(stem, "")) for stem in stems if len(stem) >= 3)


def listed(word: str) -> bool:
    """Whether the German word lists hold the word, or it with one of the usual endings cut off."""
    words = german_words()
    return any(word.endswith(ending) and word[:len(word) - len(ending)] in words
               for ending in INFLECTIONS if len(word) - len(ending) >= 3)


@lru_cache(maxsize=1 << 16)
def german_knows(word: str) -> bool | None:
    """Whether a German dictionary knows the word (as written, inflected or compounded); None without
    one. All three word lists answer first; hunspell's own resolution of affixes and compounds uses de_DE
    alone (each loaded dictionary holds some 80 MB, and de_AT and de_CH changed no result on the pairs)."""
    if listed(word):
        return True
    found = dictionary("de_DE")
    return None if found is None else bool(found.lookup(word))


@lru_cache(maxsize=1 << 16)
def english_knows(word: str) -> bool:
    """Whether the English dictionary knows the word as written."""
    found = dictionary("en_US")
    return found is not None and bool(found.lookup(word))


@lru_cache(maxsize=1 << 16)
def english_name(word: str) -> bool:
    """Whether the English dictionary (Debian's hunspell-en-us) knows the word only with its capital: a
    name ("Dortmund", "Siemens"; not "Regierung", which it does not know, nor "Fisher" as "fisher")."""
    found = dictionary("en_US")
    return found is not None and bool(found.lookup(word)) and not found.lookup(word.lower())
