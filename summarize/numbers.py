"""Pure: the numbers a German sentence and its English translation state, in comparable form.

Each number found becomes an Item: the text it came from and the canonical forms it may stand for
("n:41832", "m:9" for a month, "t:10:30" for a clock time). German and English items are matched when
they share a form, so "3,5" matches "3.5", "1.000" matches "1,000" and "1000", "am 3. Oktober" matches
"October 3" and "3 October", "10.30 Uhr" matches "10:30 a.m.", "5 Mio. Euro" matches "€5m".
Numbers written as words are optional: they may match a digit on the other side but are never missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

GERMAN_MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feber": 2, "feb": 2, "märz": 3, "mär": 3, "april": 4,
    "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}
ENGLISH_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
GERMAN_SCALES = {"tsd": 10**3, "tausend": 10**3, "mio": 10**6, "million": 10**6, "millionen": 10**6,
                 "mrd": 10**9, "milliarde": 10**9, "milliarden": 10**9, "bio": 10**12, "billion": 10**12,
                 "billionen": 10**12}
ENGLISH_SCALES = {"thousand": 10**3, "million": 10**6, "millions": 10**6, "mn": 10**6, "mln": 10**6,
                  "billion": 10**9, "billions": 10**9, "bn": 10**9, "trillion": 10**12, "tn": 10**12}
# "€5m", "$2bn", "£3k": one-letter scales only count right after a currency ("5m" alone may be metres).
CURRENCY_SCALES = {"k": 10**3, "m": 10**6, "b": 10**9}
CURRENCY_BEFORE = re.compile(r"(?:[€$£]|\b(?:EUR|USD|CHF|GBP))\s?$")
# Cardinal number words are compared when both sides use one ("sieben" vs "seventeen"); the articles
# "ein/eine" and English "one" are too ambiguous ("one of the ...") to count.
GERMAN_CARDINALS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17,
    "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000,
}
ENGLISH_CARDINALS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
}
GERMAN_WORDS = {
    **GERMAN_CARDINALS, "null": 0, "eins": 1, "erste": 1, "ersten": 1, "zweite": 2, "zweiten": 2,
    "dritte": 3, "dritten": 3, "vierte": 4, "vierten": 4, "fünfte": 5, "fünften": 5,
    "halbe": 0.5, "hälfte": 0.5, "drittel": Decimal(1) / 3, "viertel": 0.25, "doppelt": 2, "zweimal": 2,
    "dreimal": 3,
}
ENGLISH_WORDS = {
    **ENGLISH_CARDINALS, "zero": 0, "one": 1, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "half": 0.5, "quarter": 0.25,
    "twice": 2, "double": 2,
    "dozen": 12, "noon": "t:12:00", "midday": "t:12:00", "midnight": "t:0:00",
}

# German: "2:05:37" durations; "13.09.2023" / "13.09." dates; "10.30 Uhr" / "18 Uhr" times; "2:1" scores;
# "41.832" / "1'500" thousands; "3,5" decimals; plain digits. Longest first: the first alternative wins.
GERMAN_NUMBER = re.compile(
    r"(?P<duration>\b\d{1,2}:\d{2}:\d{2}\b)"
    r"|(?P<date>\b(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<mo>0?[1-9]|1[0-2])\.(?P<y>\d{4}(?!\d)|\d{2}(?!\d))?)"
    r"|(?P<time>\b(?P<h>\d{1,2})(?:[.:](?P<mi>\d{2}))?\s*Uhr\b)"
    r"|(?P<score>\b(?P<a>\d{1,3}):(?P<b>\d{1,3})\b)"
    r"|(?P<num>\d{1,3}(?:[.'’]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
)
# English: durations; "10:30 a.m." / "6pm" / "18:00" times; "9/13/2023" dates; "41,832.5"; "3.5"; digits.
ENGLISH_NUMBER = re.compile(
    r"(?P<duration>\b\d{1,2}:\d{2}:\d{2}\b)"
    r"|(?P<time>\b(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ampm>[ap])\.?\s?m\b\.?|\b(?P<h24>\d{1,2}):(?P<mi24>\d{2})\b)"
    r"|(?P<date>\b(?P<p>\d{1,2})/(?P<q>\d{1,2})/(?P<y>\d{2,4})\b)"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
)
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
# A sign belongs to the number: "minus 5 Grad" is not "5 degrees".
MINUS_BEFORE = re.compile(r"(?:\bminus\s+|(?<![\w.,])[-−–]\s?)$", re.I)
# "zwischen 6 und 14 Uhr": the 6 is a clock time too; so is the 10 of "between 10 and 11 pm".
TIME_RANGE_AFTER = re.compile(r"^\s*(?:und|bis|-|–)\s*\d{1,2}(?:[.:]\d{2})?\s*Uhr", re.I)
CLOCK_WITH_DOT = re.compile(r"(1?\d|2[0-3])\.([0-5]\d)")
ENGLISH_TIME_RANGE_AFTER = re.compile(r"^\s*(?:and|to|till|-|–)\s*\d{1,2}(?:[:.]\d{2})?\s*([ap])\.?\s?m\b",
                                      re.I)
# "zweitägig", "dreijährige", "vierköpfig": a number inside a German compound.
GERMAN_COMPOUND = re.compile(
    r"\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)"
    r"(?=tägig|jährig|wöchig|stündig|monatig|köpfig|fach|teilig|stöckig|sitzig|spurig)", re.I)


@dataclass(frozen=True)
class Item:
    """One number as written, and the canonical forms it may mean."""

    text: str
    forms: frozenset[str]
    optional: bool = False  # written as a word: may match, never missing


def value_form(value: Decimal | float | int) -> str:
    number = Decimal(str(value)).normalize()
    return f"n:{number:f}"


def _parse(text: str, thousands: str, decimal: str) -> Decimal:
    try:
        return Decimal(re.sub(f"[{thousands}'’]", "", text).replace(decimal, "."))
    except InvalidOperation:  # pragma: no cover - the patterns only let digits through
        return Decimal(0)


def _next_word(text: str, end: int) -> str:
    found = WORD.match(text[end:].lstrip(" .€$£%-"))
    return found.group(0) if found else ""


def _with_scale(value: Decimal, word: str, scales: dict[str, int]) -> frozenset[str]:
    """"5 Mio." is 5,000,000, and so is "5 million"."""
    return frozenset({value_form(value * scales.get(word, 1))})


def _signed(value: Decimal, text: str, start: int) -> Decimal:
    return -value if MINUS_BEFORE.search(text[max(0, start - 7):start]) else value


def _months(text: str, months: dict[str, int], needs_number: tuple[str, ...] = ()) -> list[Item]:
    """Every month named (capitalised, each once); those in `needs_number` ("May", also a verb) only
    next to a number."""
    items, seen = [], set()
    for match in WORD.finditer(text):
        word = match.group(0)
        month = months.get(word.lower()) if word[:1].isupper() else None
        if not month or month in seen:
            continue
        if word.lower() in needs_number and not (
                re.search(r"\d\.?\s*$", text[:match.start()]) or re.match(r"\.?\s*\d", text[match.end():])):
            continue
        seen.add(month)
        items.append(Item(word, frozenset({f"m:{month}"})))
    return items


def german_items(text: str) -> list[Item]:
    items: list[Item] = []
    for match in GERMAN_NUMBER.finditer(text):
        if match["duration"]:
            items.append(Item(match["duration"], frozenset({"d:" + match["duration"].lstrip("0")})))
        elif match["date"]:
            items.append(Item(match["d"], frozenset({value_form(int(match["d"]))})))
            if match["y"]:
                items.append(Item(match["y"], _year_forms(match["y"])))
        elif match["time"]:
            hour, minute = int(match["h"]), int(match["mi"] or 0)
            items.append(Item(match["time"], frozenset({f"t:{hour}:{minute:02}"})))
        elif match["score"]:
            items += [Item(match["a"], frozenset({value_form(int(match["a"]))})),
                      Item(match["b"], frozenset({value_form(int(match["b"]))}))]
        else:
            raw = match["num"]
            value = _signed(_parse(raw, ".", ","), text, match.start())
            forms = set(_with_scale(value, _next_word(text, match.end()).lower(), GERMAN_SCALES))
            if raw.isdigit() and int(raw) <= 24 and TIME_RANGE_AFTER.match(text[match.end():]):
                forms.add(f"t:{int(raw)}:00")
            items.append(Item(raw, frozenset(forms)))
    # Only with a number, as English "May" and "March" (also a verb): symmetric.
    items += _months(text, GERMAN_MONTHS, needs_number=("mai", "märz", "mär"))
    named = {form for item in items for form in item.forms if form.startswith("m:")}
    for match in GERMAN_NUMBER.finditer(text):  # the month of "13.09.2023", unless also named
        month = f"m:{int(match['mo'])}" if match["date"] else ""
        if month and month not in named:
            named.add(month)
            items.append(Item(match["mo"], frozenset({month})))
    items += _word_items(text, GERMAN_WORDS, GERMAN_SCALES)
    items += [Item(m.group(0), frozenset({value_form(GERMAN_CARDINALS[m.group(1).lower()])}), optional=True)
              for m in GERMAN_COMPOUND.finditer(text)]
    return items


def english_items(text: str) -> list[Item]:
    items: list[Item] = []
    for match in ENGLISH_NUMBER.finditer(text):
        if match["duration"]:
            items.append(Item(match["duration"], frozenset({"d:" + match["duration"].lstrip("0")})))
        elif match["time"]:
            if match["ampm"]:
                hour = int(match["h"]) % 12 + (12 if match["ampm"].lower() == "p" else 0)
                forms = {f"t:{hour}:{int(match['mi'] or 0):02}"}
            else:
                hour, minute = int(match["h24"]), int(match["mi24"])
                forms = {f"t:{hour}:{minute:02}"}
                if hour <= 12:  # "6.30" in a British text may be evening: accept the afternoon reading too
                    forms.add(f"t:{hour + 12}:{minute:02}")
            items.append(Item(match["time"], frozenset(forms)))
        elif match["date"]:
            p, q = int(match["p"]), int(match["q"])
            # US (month/day) or British (day/month): either reading may be meant.
            items += [Item(match["p"], frozenset({value_form(p), f"m:{p}"} if p <= 12 else {value_form(p)})),
                      Item(match["q"], frozenset({value_form(q), f"m:{q}"} if q <= 12 else {value_form(q)})),
                      Item(match["y"], _year_forms(match["y"]))]
        else:
            raw = match["num"]
            value = _signed(_parse(raw, ",", "."), text, match.start())
            following = _next_word(text, match.end())
            if raw.isdigit() and following.lower() in ("st", "nd", "rd", "th"):
                following = _next_word(text, match.end() + 2)
            scales = ENGLISH_SCALES
            if CURRENCY_BEFORE.search(text[:match.start()]):
                scales = {**ENGLISH_SCALES, **CURRENCY_SCALES}
            forms = set(_with_scale(value, following.lower(), scales))
            clock = CLOCK_WITH_DOT.fullmatch(raw)
            if clock:  # "at around 7.30" (British, no a.m.) for "gegen 7.30 Uhr"
                hour, minute = int(clock.group(1)), clock.group(2)
                forms |= {f"t:{hour}:{minute}", f"t:{hour + 12}:{minute}"}
            range_end = ENGLISH_TIME_RANGE_AFTER.match(text[match.end():])
            if raw.isdigit() and int(raw) <= 12 and range_end:
                forms.add(f"t:{int(raw) % 12 + (12 if range_end.group(1).lower() == 'p' else 0)}:00")
            items.append(Item(raw, frozenset(forms)))
    items += _months(text, ENGLISH_MONTHS, needs_number=("may", "march"))
    items += _word_items(text, ENGLISH_WORDS, ENGLISH_SCALES)
    return items


def _year_forms(year: str) -> frozenset[str]:
    """"23" in a date is 2023 (or 1923): both forms."""
    value = int(year)
    if len(year) == 2:
        return frozenset({value_form(value), value_form(2000 + value), value_form(1900 + value)})
    return frozenset({value_form(value)})


def _word_items(text: str, words: dict[str, object], scales: dict[str, int]) -> list[Item]:
    """Number words, optional; "two million" counts as 2,000,000."""
    items = []
    for match in WORD.finditer(text):
        word = match.group(0)
        value = words.get(word.lower())
        if value is None:
            continue
        if isinstance(value, str):
            form = value
        else:
            scale = scales.get(_next_word(text, match.end()).lower(), 1) if word.lower() not in scales else 1
            form = value_form(Decimal(str(value)) * scale)
        items.append(Item(word, frozenset({form}), optional=True))
    return items


def unmatched(german: list[Item], english: list[Item]) -> tuple[list[Item], list[Item]]:
    """German items with no English counterpart, and English items with no German one.

    Items with fewer possible forms are matched first, so an unambiguous number is not taken by a
    reading of an ambiguous date. Words count only when both sides are left with a cardinal word
    ("sieben Jahre" as "seventeen years")."""
    free = list(english)
    missing = []
    for item in sorted(german, key=lambda i: (i.optional, len(i.forms))):
        partner = next((e for e in sorted(free, key=lambda e: (e.optional, len(e.forms)))
                        if e.forms & item.forms), None)
        if partner is None:
            missing.append(item)
            continue
        free.remove(partner)
    added = [e for e in free if not e.optional]
    german_words = [i for i in missing if i.optional and i.text.lower() in GERMAN_CARDINALS]
    english_words = [e for e in free if e.optional and e.text.lower() in ENGLISH_CARDINALS]
    if german_words and english_words:
        return [i for i in missing if not i.optional] + german_words, added + english_words
    return [i for i in missing if not i.optional], added
