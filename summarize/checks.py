"""Pure checks over (German sentence, English translation) pairs, as translators' QA tools run them:
numbers, untranslated text, loops, implausible length, lost acronyms, low model confidence; and what
the translation says (meaning.py): omissions, negations, names. Each finding is a Flag with a kind and
a reason a reader understands."""

from __future__ import annotations

import re

from typing import Iterator

from .errors import InputError
from .lexicon import FUNCTION_WORDS, language_guess
from .meaning import name_flag, negation_flag, omission_flag
from .numbers import english_items, german_items, unmatched
from .records import Flag

KINDS = ("number", "untranslated", "repetition", "length", "acronym", "omission", "negation", "name",
         "confidence")


def check(german: str, english: str, confidence: float | None = None, min_confidence: float | None = None
          ) -> list[Flag]:
    """Every flag for one sentence pair, in the order of KINDS."""
    flags = [number_flag(german, english), untranslated_flag(german, english), repetition_flag(english),
             length_flag(german, english), acronym_flag(german, english), omission_flag(german, english),
             negation_flag(german, english), name_flag(german, english)]
    if confidence is not None and min_confidence is not None and confidence < min_confidence:
        flags.append(Flag("confidence",
                          f"the model was unsure (score {confidence:.2f}, below {min_confidence})"))
    return [flag for flag in flags if flag is not None]


GERMAN_SCORE = re.compile(r"\b(\d{1,3}):(\d{1,3})\b(?!\s*Uhr)")


def number_flag(german: str, english: str) -> Flag | None:
    """Every number written in digits on one side must be on the other, in any of its usual forms."""
    missing, added = unmatched(german_items(german), english_items(english))
    problems = []
    if missing:
        problems.append("missing or changed: " + ", ".join(i.text for i in missing))
    if added:
        problems.append("not in the German: " + ", ".join(i.text for i in added))
    scores = GERMAN_SCORE.findall(german)
    for home, away in scores:
        # English writes a match result winner first ("lost 2-1" for "unterlag 1:2"): only a lower score
        # put first against the German order is a reversal. Set scores ("6:4, 3:6") keep their order.
        forward, reverse = rf"\b{home}\s*[-:–]\s*{away}\b", rf"\b{away}\s*[-:–]\s*{home}\b"
        strict = len(scores) > 1 or int(home) > int(away)
        if home != away and strict and re.search(reverse, english) and not re.search(forward, english):
            problems.append(f"score {home}:{away} reversed")
    return Flag("number", "; ".join(problems)) if problems else None


# Lower-case words both languages use ("in", "an", "die", "was", "also"): not evidence of German.
ENGLISH_WORDS_TOO = frozenset(
    "in an am so was will also man die war hat bin er um bis mehr hier sein and of to".split())
GERMAN_ONLY_WORDS = FUNCTION_WORDS - ENGLISH_WORDS_TOO
# Lower-case particles of names copied as they are ("Tour de France", "Ursula von der Leyen").
NAME_PARTICLES = frozenset("de la le du di da del della van von der den ten zu y e".split())
UNTRANSLATED_MIN_WORDS = 3
UNTRANSLATED_SHARE = 0.12


# A run of this many words copied from the German, one of them a lower-case German word, is a clause left
# untranslated ("ADAC warnt vor Glätte on the roads"); names alone ("Red Bull Salzburg") are not.
COPIED_RUN = 3
TOKEN = re.compile(r"[\wÄÖÜäöüß/'-]+")


def untranslated_flag(german: str, english: str) -> Flag | None:
    """The output is the input, or still (partly) German."""
    copied = _copied_german_run(german, english)
    if " ".join(german.split()).lower() == " ".join(english.split()).lower() and len(german.split()) > 1:
        return Flag("untranslated", "the output is the German input")
    # Words both languages use ("so", "in", "an", "will") are no evidence of German: left out of the guess.
    own = " ".join(w for w in english.split() if w.lower().strip(".,;:!?") not in ENGLISH_WORDS_TOO)
    if len(english.split()) >= 4 and language_guess(own) == "de":
        return Flag("untranslated", "the output is mostly German")
    words = re.findall(r"[A-Za-zÄÖÜäöüß]+", english)
    german_words = [w for w in words if w.lower() in GERMAN_ONLY_WORDS]
    if (len(german_words) >= UNTRANSLATED_MIN_WORDS
            and len(german_words) / max(1, len(words)) >= UNTRANSLATED_SHARE):
        return Flag("untranslated", f"still German in part ({', '.join(german_words[:5])})")
    if copied:
        return Flag("untranslated", f"a German phrase was left in: “{copied}”")
    return None


def _copied_german_run(german: str, english: str) -> str:
    """The first run of COPIED_RUN+ consecutive words of the German found verbatim in the English that
    holds a lower-case word which is not also English."""
    source = TOKEN.findall(german)
    target = TOKEN.findall(english)
    grams = {tuple(source[i:i + COPIED_RUN]) for i in range(len(source) - COPIED_RUN + 1)}
    for i in range(len(target) - COPIED_RUN + 1):
        run = tuple(target[i:i + COPIED_RUN])
        if run in grams and any(w[:1].islower() and w.lower() not in ENGLISH_WORDS_TOO | NAME_PARTICLES
                                for w in run):
            return " ".join(run)
    return ""


def repetition_flag(english: str) -> Flag | None:
    finding = repetition(english)
    return Flag("repetition", finding) if finding else None


# English is usually 0.8 to 1.3 times as long as German in characters; far outside is a truncated or
# hallucinated output.
LENGTH_RATIO = (0.35, 2.0)
SENTENCE_END = re.compile(r"[.!?…:;\"“”»«')\]]$")
LENGTH_MIN_CHARS = 30


def length_flag(german: str, english: str) -> Flag | None:
    if SENTENCE_END.search(german.strip()) and not SENTENCE_END.search(english.strip()):
        return Flag("length", "the translation stops mid-sentence")
    if len(german) < LENGTH_MIN_CHARS:
        return None
    ratio = len(english) / len(german)
    if ratio < LENGTH_RATIO[0]:
        return Flag("length",
                    f"much shorter than the German ({ratio:.0%} of its length): something is missing")
    if ratio > LENGTH_RATIO[1]:
        return Flag("length", f"much longer than the German ({ratio:.0%} of its length): something was added")
    return None


ACRONYM = re.compile(r"\b(?:[A-ZÄÖÜ]{2,6}|[A-ZÄÖÜ][a-z][A-ZÄÖÜ]{1,3})(?:s)?\b")
ENGLISH_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
ROMAN_NUMERAL = re.compile(r"^[IVXLC]+$")
# German acronyms and the English a good translation may use instead (any of them will do).
ACRONYM_EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "UNO": ("UN", "U.N.", "United Nations"), "USA": ("US", "U.S.", "United States", "America"),
    "EZB": ("ECB", "European Central Bank"), "IWF": ("IMF", "International Monetary Fund"),
    # Club prefixes that English usage drops ("FC Bayern München" is "Bayern Munich").
    "FC": ("",), "SC": ("",), "SV": ("",), "TSV": ("",), "VfB": ("",), "VfL": ("",), "BSC": ("",),
    "BRD": ("FRG", "Germany", "Federal Republic"), "DDR": ("GDR", "East Germany", "East German"),
    "IAEO": ("IAEA",), "UdSSR": ("USSR", "Soviet Union"), "NATO": ("NATO", "Nato"),
    "KI": ("AI", "artificial intelligence"), "EM": ("Euro", "European Championship"),
    "WM": ("World Cup", "World Championship", "World Ski Championship", "world championship"),
    "BIP": ("GDP", "gross domestic product"),
    "AKW": ("nuclear",), "LKW": ("truck", "lorry", "HGV"), "PKW": ("car",), "ÖPNV": ("public transport",),
    "EU": ("EU", "European Union"), "WHO": ("WHO", "World Health Organization"),
    "MEZ": ("CET", "Central European Time"), "MESZ": ("CEST", "Central European Summer Time"),
    "GmbH": ("GmbH", "company"), "AG": ("AG", "company"), "SUV": ("SUV",), "CO": ("CO",),
}


def acronym_flag(german: str, english: str) -> Flag | None:
    """An acronym of the German (UN, NATO, SPD, ÖVP) must be in the English as itself or an accepted
    equivalent; a spelled-out name is accepted too, unless the English puts another acronym in its
    place ("World Health Organization (WTO)")."""
    acronyms = [a for a in dict.fromkeys(m.group(0) for m in ACRONYM.finditer(german))
                if not ROMAN_NUMERAL.match(a)]
    expected: dict[str, tuple[str, ...]] = {}
    for acronym in acronyms:
        base = acronym[:-1] if acronym.endswith("s") and acronym[:-1] in ACRONYM_EQUIVALENTS else acronym
        expected[acronym] = (base, *ACRONYM_EQUIVALENTS.get(base, ()))
    known = {a.upper() for accepted in expected.values() for a in accepted}
    stranger = [a for a in ENGLISH_ACRONYM.findall(english) if a not in known]
    lost = []
    for acronym, accepted in expected.items():
        short = [a for a in accepted if a.isupper() or a == ""]
        spelled = [a for a in accepted if a not in short]
        if any(a == "" or re.search(rf"(?<!\w){re.escape(a)}(?!\w)", english) for a in short):
            continue
        if not stranger and any(re.search(rf"(?<!\w){re.escape(a)}", english, re.I) for a in spelled):
            continue
        lost.append(acronym)
    if not lost:
        return None
    replaced = f" (the English has {', '.join(stranger)} instead)" if stranger else ""
    return Flag("acronym", "missing: " + ", ".join(lost) + replaced)

WORD = re.compile(r"\w+")
# An n-gram repeated this many times in a row is a generation loop, not style ("very, very" is 2).
# Punctuation is ignored: "behind the leaders, behind the leaders" repeats too.
MIN_REPEATS = {1: 4, **{n: 3 for n in range(2, 9)}}


def repetition(translation: str) -> str | None:
    """The longest-running repeated n-gram (n = 1..8 words) in a translation, described, or None."""
    words = WORD.findall(translation.lower())
    worst: tuple[int, int, str] | None = None
    for n, needed in MIN_REPEATS.items():
        for start in range(len(words) - n * needed + 1):
            gram = words[start:start + n]
            repeats = 1
            while words[start + repeats * n:start + (repeats + 1) * n] == gram:
                repeats += 1
            if repeats >= needed and (worst is None or repeats * n > worst[0] * worst[1]):
                worst = (repeats, n, " ".join(gram))
    if worst is None:
        return None
    repeats, _, gram = worst
    return f"repeats “{gram}” {repeats} times in a row (likely a generation loop)"


def read_pairs(text: str) -> Iterator[tuple[int, str, str] | InputError]:
    """(line number, German, English) for each line of a check file, German and English separated by a
    tab; blank lines and a "de<TAB>en" header are skipped, and a line without a tab is an InputError
    that names its line."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or (number == 1 and line.strip().lower().split("\t") == ["de", "en"]):
            continue
        german, tab, english = line.partition("\t")
        if tab:
            yield number, german.strip(), english.strip()
        else:
            yield InputError("no tab between German and English", line=number)
