"""name: person, place, party, club and organisation names of the German kept in the English, as
written, transliterated or as their English exonyms (a table); none swapped, misspelt, translated
literally or lost to a pronoun. Telling a name from a German noun takes the dictionaries (dictionaries.py)."""

from __future__ import annotations

import re

from .. import dictionaries
from ..records import Flag
from .words import WORD

# German names with their English exonyms: a faithful translation may use either.
# (A country may be rendered by its adjective: "die Außenminister Chinas" = "the Chinese foreign ministers";
# an exonym is matched as a word's start, so "Russia" covers "Russian".)
PLACES_AND_INSTITUTIONS: dict[str, tuple[str, ...]] = {
    "München": ("Munich",), "Köln": ("Cologne",), "Genf": ("Geneva",), "Wien": ("Vienna",),
    "Bayern": ("Bavaria", "Bavarian", "Bayern"), "Nordrhein-Westfalen": ("North Rhine-Westphalia",),
    "Niedersachsen": ("Lower Saxony",), "Sachsen": ("Saxony",), "Sachsen-Anhalt": ("Saxony-Anhalt",),
    "Thüringen": ("Thuringia",), "Hessen": ("Hesse",), "Rheinland-Pfalz": ("Rhineland-Palatinate",),
    "Mecklenburg-Vorpommern": ("Mecklenburg-Western Pomerania", "Mecklenburg-Vorpommern"),
    "Moskau": ("Moscow",), "Peking": ("Beijing", "Peking"), "Warschau": ("Warsaw",), "Prag": ("Prague",),
    "Rom": ("Rome",), "Venedig": ("Venice",), "Mailand": ("Milan",), "Brüssel": ("Brussels",),
    "Türkei": ("Turkey", "Türkiye", "Turkish"), "Schweiz": ("Switzerland", "Swiss"),
    "Österreich": ("Austria",), "Deutschland": ("Germany", "German"), "Frankreich": ("France", "French"),
    "Italien": ("Italy",), "Spanien": ("Spain", "Spanish"), "Polen": ("Poland", "Polish"),
    "Russland": ("Russia",), "Ukraine": ("Ukraine", "Ukrainian"), "Griechenland": ("Greece", "Greek"),
    "Ungarn": ("Hungary", "Hungarian"), "Tschechien": ("Czech",), "Dänemark": ("Denmark", "Danish"),
    "Niederlande": ("Netherlands", "Dutch"), "Belgien": ("Belgium", "Belgian"),
    "Schweden": ("Sweden", "Swedish"), "Norwegen": ("Norway", "Norwegian"),
    "Finnland": ("Finland", "Finnish"), "Kroatien": ("Croatia",), "Rumänien": ("Romania",),
    "Japan": ("Japan",), "China": ("China", "Chinese"), "Indien": ("India",), "Ägypten": ("Egypt",),
    "Kärnten": ("Carinthia",), "Steiermark": ("Styria",), "Tirol": ("Tyrol", "Tirol"),
    "Niederösterreich": ("Lower Austria",), "Oberösterreich": ("Upper Austria",), "Zürich": ("Zurich",),
    "Luzern": ("Lucerne",), "Wallis": ("Valais",), "Tessin": ("Ticino",), "Neuenburg": ("Neuchâtel",),
    "Graubünden": ("Grisons", "Graubünden"), "Genfersee": ("Lake Geneva",), "Bodensee": ("Lake Constance",),
    "Donau": ("Danube",), "Rhein": ("Rhine",), "Ostsee": ("Baltic",), "Nordsee": ("North Sea",),
    "Mittelmeer": ("Mediterranean",), "Ärmelkanal": ("English Channel", "Channel"), "Alpen": ("Alps",),
    "Grünen": ("Greens", "Green"), "Grüne": ("Greens", "Green"), "Linke": ("Left",), "Linken": ("Left",),
    "Union": ("Union", "CDU"), "Bundestag": ("Bundestag", "parliament", "lower house"),
    "Bundesrat": ("Bundesrat", "upper house", "Federal Council", "federal government"), "Europa": ("Europe",),
    "Afrika": ("Africa",), "Asien": ("Asia",), "Amerika": ("America",), "Australien": ("Australia",),
    "Brasilien": ("Brazil",), "Kanada": ("Canada",), "Mexiko": ("Mexico",), "Irak": ("Iraq",),
    "Marokko": ("Morocco",), "Tunesien": ("Tunisia",), "Algerien": ("Algeria",), "Äthiopien": ("Ethiopia",),
    "Kenia": ("Kenya",), "Südafrika": ("South Africa",), "Argentinien": ("Argentina",),
    "Kolumbien": ("Colombia",), "Indonesien": ("Indonesia",), "Vietnam": ("Vietnam",), "Syrien": ("Syria",),
    "Libanon": ("Lebanon",), "Saudi-Arabien": ("Saudi Arabia",), "Nordkorea": ("North Korea",),
    "Südkorea": ("South Korea",), "Großbritannien": ("Britain", "UK", "British"),
    "Schottland": ("Scotland", "Scottish"), "Irland": ("Ireland", "Irish"), "Weißrussland": ("Belarus",),
    "Litauen": ("Lithuania",), "Lettland": ("Latvia",), "Estland": ("Estonia",), "Slowakei": ("Slovakia",),
    "Slowenien": ("Slovenia",), "Serbien": ("Serbia",), "Bulgarien": ("Bulgaria",), "Georgien": ("Georgia",),
    "Kiew": ("Kyiv", "Kiev"), "Lissabon": ("Lisbon",), "Neapel": ("Naples",), "Florenz": ("Florence",),
    "Belgrad": ("Belgrade",), "Bukarest": ("Bucharest",), "Kopenhagen": ("Copenhagen",), "Athen": ("Athens",),
    "Krakau": ("Krakow",), "Danzig": ("Gdansk", "Gdańsk"), "Antwerpen": ("Antwerp",), "Vatikan": ("Vatican",),
    "Hannover": ("Hanover",), "Landtag": ("Landtag", "state parliament", "state assembly"),
    "Nationalrat": ("National Council", "Nationalrat"), "Ständerat": ("Council of States", "Ständerat"),
    "Nürnberg": ("Nuremberg",), "Straßburg": ("Strasbourg",), "Göteborg": ("Gothenburg",),
    "Mosel": ("Moselle",), "Süd": ("South",), "Nord": ("North",), "Ost": ("East",), "West": ("West",),
    "Braunschweig": ("Brunswick",),
    "Franziskus": ("Francis",), "Benedikt": ("Benedict",), "Johannes": ("John",), "Karl": ("Charles",),
}
# Parties, whose acronyms English keeps or spells out.
PARTIES: dict[str, tuple[str, ...]] = {
    "SPD": ("Social Democrat",), "CDU": ("Christian Democrat",), "CSU": ("Christian Social",),
    "FDP": ("Free Democrat", "Liberal"), "AfD": ("Alternative for Germany",), "BSW": ("Sahra Wagenknecht",),
    "ÖVP": ("OVP", "People's Party"), "SPÖ": ("SPO", "Social Democrat"), "FPÖ": ("FPO", "Freedom Party"),
    "NEOS": ("Neos",), "SVP": ("Swiss People's Party", "People's Party"), "SP": ("Social Democrat",),
    "GLP": ("Green Liberal",),
}
EXONYMS = {**PLACES_AND_INSTITUTIONS, **PARTIES}
# Words before a name: titles and offices ("Herr Schneider", "Bundesfinanzminister Christian Lindner").
TITLE = re.compile(r"(?:Herr|Herrn|Frau|Dr|Prof|Professor(?:in)?|\w*[mM]inister(?:in)?|"
                   r"\w*[pP]räsident(?:in)?|\w*[kK]anzler(?:in)?|\w*[bB]ürgermeister(?:in)?|"
                   r"\w*[sS]precher(?:in)?|\w*[cC]hef(?:in)?|"
                   r"\w*[tT]rainer(?:in)?|\w*[vV]orsitzende[rn]?|Landrat|Landrätin|Senator(?:in)?|Papst|"
                   r"Kommissar(?:in)?|Abgeordnete[rn]?|Anwalt|Anwältin|Stürmer(?:in)?|Torhüter(?:in)?|"
                   r"Autor(?:in)?|\w*[pP]olitiker(?:in)?|\w*[sS]ekretär(?:in)?|\w*[sS]pieler(?:in)?|"
                   r"Kollege|Kollegin|\w*[uU]nternehmer(?:in)?|\w*[sS]chauspieler(?:in)?|\w*[lL]eiter(?:in)?|"
                   r"Regisseur(?:in)?|Sänger(?:in)?|Kapitän(?:in)?|Bischof|Kardinal|Direktor(?:in)?|\w*[rR]ichterin|"
                   r"\w*[aA]nwalt|\w*[aA]nwältin|Apotheker(?:in)?|Ärztin|Arzt|"
                   r"FC|VfB|VfL|SC|SV|TSV|BSC|RB|SK|SSC|FSV|AC|Eintracht|Borussia|Fortuna|Hertha|Arminia|"
                   r"Alemannia|Dynamo|Werder|Kickers|Rapid)\.?")
# Endings of German nouns, never of a name: a word the dictionary misses with one of them is a noun.
NOUN_ENDING = re.compile(r"(?:ung|ungen|heit|keit|schaft|sucht|tion|ität|ismus|ment|chen|nis|tum|ling|erei|"
                         r"ik|ur|ei|isten|ist|ierung|sten|ern)$")
# Capitalised German words the dictionaries list like names but that are not: currencies and units,
# months and days.
NOT_NAMES = frozenset(
    "Euro Franken Dollar Pfund Rubel Yen Prozent Grad Uhr Kilometer Meter Tonnen Lkw Pkw Januar Jänner "
    "Februar Feber März April Mai Juni Juli August September Oktober November Dezember Montag Dienstag "
    "Mittwoch Donnerstag Freitag Samstag Sonnabend Sonntag Anfang Mitte Ende".split())
# Capitalised German abbreviations ("5 Mio. Euro"): never names.
ABBREVIATIONS = frozenset(
    "Mrd Mio Tsd Nr Str Abs Jh Jhd Bd Hrsg Ca Mo Di Mi Do Fr Sa So Jan Feb Apr Aug Sept Okt Nov Dez Bzw Usw "
    "Evtl Inkl Max Min Std Mind".split())
TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                                 "ß": "ss"})
PLAIN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"})


def name_flag(german: str, english: str) -> Flag | None:
    """A name of the German (a person, place, party, club or organisation) that the English neither keeps
    nor gives as its exonym: changed, misspelt, translated literally ("Herr Schneider" as "Mr Tailor") or
    replaced by a pronoun; or two names that change places ("Merz accused Scholz" for "Scholz warf Merz
    vor" has both names, in the other order)."""
    english_words = {part for w in WORD.findall(english)
                     for part in (w.lower().removesuffix("'s").removesuffix("’s"), *w.lower().split("-"))}
    names, full_names = _names(german)
    for name in names:
        if not _kept(name, english_words, english):
            return Flag("name", f"“{name}” is not in the translation (changed, translated or left out?)")
    for given, surname in full_names:
        other = re.search(rf"\b([A-Z][a-z]+) {re.escape(surname)}\b", english)
        if other and _folded(other.group(1)) != _folded(given) and other.group(1) not in ENGLISH_TITLES \
                and listed_name(other.group(1)):
            return Flag("name", f"“{given} {surname}” is “{other.group(0)}” in the translation")
    subject = _subject(german, names)
    if subject and len(names) > 1:
        main_clause = _main_clause(english)
        # (A place the German names after a preposition is no agent: "hat in Berlin ... vorgestellt".)
        places = {name: _place(name, main_clause, agent=True) for name in names if name == subject
                  or not re.search(rf"\b(?:{PLACE_PREPOSITIONS}|nach) {re.escape(name)}\b", german)}
        first = min(places, key=places.__getitem__)
        # (An English passive of an active German names its subject after "by": "Dennis K. was
        # sentenced by ...".)
        turned = bool(PASSIVE.search(main_clause)) and not GERMAN_PASSIVE.search(german)
        if first != subject and places[first] < len(main_clause) // 3 and not turned:
            return Flag("name", f"“{first}” and “{subject}” change places (who did what to whom?)")
    route = ROUTE.search(german)
    if route and all(place in names or listed_name(place) for place in route.groups()):
        start, end = _place(route.group(1), english), _place(route.group(2), english)
        if end < start < len(english):
            return Flag("name", f"from “{route.group(1)}” to “{route.group(2)}” is the other way round")
    return None


PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ht|t)\b.*\bby\b")
GERMAN_PASSIVE = re.compile(r"\b(?:wurde|wurden|wird|werden|worden)\b.*\bvon\b")
ENGLISH_TITLES = frozenset("Mr Mrs Ms Miss Dr Prof Sir Dame Lord Lady St".split())
# "von München nach Mailand", "aus Wien nach Graz": the translation keeps the direction.
ROUTE = re.compile(r"\b(?:von|aus|ab) ([A-ZÄÖÜ][\w-]+) (?:nach|bis) ([A-ZÄÖÜ][\w-]+)")
OPENING_WORDS = 5
# English that fronts a phrase before its subject ("After the defeat in Milan, Bayern ...").
FRONTED = re.compile(r"(?:After|Following|At|In|On|According to|Despite|With|Since|When|While|Although|"
                     r"Before|During|Without|As)\b[^,]*,\s*")


def _main_clause(english: str) -> str:
    """The English from its subject on: without a fronted phrase and its comma."""
    fronted = FRONTED.match(english)
    return english[fronted.end():] if fronted else english


def _subject(german: str, names: list[str]) -> str | None:
    """The name that opens the German sentence, before its first lower-case word but an article (at most
    five words: "Der CDU-Abgeordnete Jan Becker warf ..."): its subject, in a German main clause."""
    opening = []
    for word in WORD.findall(german)[:OPENING_WORDS]:
        # (A genitive's name is not the subject: "Der Präsident des 1. FC Köln, Werner Fuchs, ...".)
        if (word[:1].islower() and not DETERMINER.fullmatch(word) or word in ("des", *CONTRACTIONS)
                or opening and word == "der"):
            break
        opening.append(word)
    return next((name for name in names if name in opening), None)


def _place(name: str, english: str, agent: bool = False) -> int:
    """Where the name (as written, or as its exonym) first stands in the English; with `agent`, where it
    first stands other than after a preposition ("The defeat by Bayer Leverkusen leaves Dortmund ...",
    "lost to Eintracht Frankfurt")."""
    places = [found.start() for form in (name, *EXONYMS.get(name, ()))
              for found in re.finditer(rf"\b{re.escape(form)}", english)
              if not (agent and AFTER_PREPOSITION.search(english[:found.start()]))]
    return min(places, default=len(english))


# A name after a preposition, and maybe its club's or given name: "by Werder Bremen", "to Eintracht
# Frankfurt".
AFTER_PREPOSITION = re.compile(r"\b(?:by|to|against|from|over|with|of)\s+(?:[A-Z][\w.-]*\s+)?$")
LIST_SEPARATORS = (", ", " und ", " oder ", " sowie ")
# A preposition and its article in one word: what follows it is no subject ("Die SPD-Fraktion im Landtag
# fordert").
CONTRACTIONS = ("im", "am", "vom", "zum", "zur", "beim", "ins")
# ("nach" is as often "after": "nach Mitternacht", "nach Beginn".)
PLACE_PREPOSITIONS = "in|aus|bei|nahe|ab"
PLACE_PREPOSITION = re.compile(PLACE_PREPOSITIONS)
# Words before which a capitalised word is a noun, not a name ("der Verein", "im Mai").
DETERMINER = re.compile(r"(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|im|am|vom|zum|zur|"
                        r"beim|ins|"
                        r"kein\w*|mein\w*|dein\w*|sein\w*|ihr\w*|unser\w*|euer\w*|dies\w*|jede\w*|"
                        r"welche\w*|alle\w*|viele\w*)", re.I)


def german_names(german: str) -> list[str]:
    """The German's names, in order: words after a title or office, words of EXONYMS, and capitalised words
    (not after an article) that _is_name takes for names. Of a run of names, a first name the English
    dictionary knows ("Olaf" of "Olaf Scholz") is left out: a translation may drop it."""
    return _names(german)[0]


def _names(german: str) -> tuple[list[str], list[tuple[str, str]]]:
    """german_names, and the (first name, surname) pairs whose first name it left out."""
    tokens = [(m.group(0), m.start()) for m in WORD.finditer(german)]
    candidate: list[bool] = []
    for i, (token, start) in enumerate(tokens):
        abbreviation = token in ABBREVIATIONS and german[start + len(token):start + len(token) + 1] == "."
        determined = i > 0 and bool(DETERMINER.fullmatch(tokens[i - 1][0]))
        candidate.append(token[:1].isupper() and not TITLE.fullmatch(token) and not abbreviation
                         and not DETERMINER.fullmatch(token)
                         and token not in NOT_NAMES and (
            _after_title(tokens, i) or token in EXONYMS
            # a surname after a given name: "Hans Müller", "Klaus Bauer", though Müller and Bauer are words
            or (i > 0 and candidate[i - 1] and tokens[i - 1][0] not in EXONYMS and _name_like(token)
                and _first_name_of(tokens, i, german))
            # (not a sentence's first word that German writes in lower case elsewhere: "Knapp 40 Prozent")
            or (not determined and _name_like(token) and _is_name(token)
                and not (i == 0 and dictionaries.listed(token.lower())))
            # a given name the German dictionaries list, right before a surname: "Markus Bäcker"
            or (not determined and i + 1 < len(tokens) and dictionaries.proper_noun(token)
                and _first_name_of(tokens, i + 1, german) and tokens[i + 1][0][:1].isupper()
                and _name_like(tokens[i + 1][0]))
            # a word the German dictionaries list as a name right after a given name or a name ("Peter
            # Hoffmann"; not a noun after a unit: "Kilogramm Kokain") or in a list of names ("in Tirol,
            # Vorarlberg und Salzburg")
            or (i > 0 and _name_like(token) and dictionaries.proper_noun(token)
                and (german[tokens[i - 1][1] + len(tokens[i - 1][0]):start] == " "
                     and _given_name_like(tokens[i - 1][0])
                     or candidate[i - 1] and german[tokens[i - 1][1] + len(tokens[i - 1][0]):start]
                     in LIST_SEPARATORS))
            # a place a dictionary lists as a name, after a preposition of place: "in Bonn", "aus Linz"
            # (not an abstract noun the dictionary lists without a plural: "aus Eifersucht")
            or (i > 0 and PLACE_PREPOSITION.fullmatch(tokens[i - 1][0]) is not None
                and listed_name(token) and not NOUN_ENDING.search(token.lower()))))
    # a first name of a run of names may go
    first_names = {i for i in range(len(tokens) - 1)
                   if candidate[i] and candidate[i + 1] and _first_name_of(tokens, i + 1, german)}
    names = [token for i, (token, _) in enumerate(tokens) if candidate[i] and i not in first_names]
    return list(dict.fromkeys(names)), [(tokens[i][0], tokens[i + 1][0]) for i in sorted(first_names)
                                        if i + 1 not in first_names]


def _first_name_of(tokens: list[tuple[str, int]], i: int, german: str) -> bool:
    """Whether the word before this one could be its first name, a single space before it: one the
    English dictionary knows only capitalised ("Olaf", "Werner"), one the German dictionaries list as a
    name ("Anna", "Katharina"), or one no dictionary knows ("Mareike")."""
    first, start = tokens[i - 1]
    return german[start + len(first):tokens[i][1]] == " " and (listed_name(first)
                                                               or _unknown_to_german(first))


def _given_name_like(word: str) -> bool:
    """A capitalised word the English dictionary knows as written ("Peter"), a dictionary lists as a name,
    or no dictionary knows: not a German noun ("Kilogramm", "Tonnen") nor a place's adjective ("Berliner
    Gymnasien")."""
    place_adjective = word.endswith("er") and (listed_name(word[:-2]) or listed_name(word[:-3] + "en"))
    return (word[:1].isupper() and not DETERMINER.fullmatch(word) and not place_adjective
            and (dictionaries.english_knows(word) or listed_name(word) or _unknown_to_german(word)))


def listed_name(word: str) -> bool:
    """A word the English dictionary knows only capitalised or the German ones list as a name."""
    return dictionaries.english_name(word) or dictionaries.proper_noun(word)


def _after_title(tokens: list[tuple[str, int]], i: int) -> bool:
    """Whether a title or office stands right before this word, or before the first names it follows."""
    j = i - 1
    while j >= 0 and tokens[j][0][:1].isupper() and not TITLE.fullmatch(tokens[j][0]) and i - j < 2:
        j -= 1
    return j >= 0 and bool(TITLE.fullmatch(tokens[j][0])) and tokens[i][0][:1].isupper()


def _name_like(token: str) -> bool:
    """Long enough and not in capitals; a German noun's ending only where no dictionary lists the word as
    a name ("Erik" ends like "Musik")."""
    return len(token) >= 3 and not token.isupper() and (not NOUN_ENDING.search(token.lower())
                                                         or listed_name(token))


def _is_name(token: str) -> bool:
    """A capitalised word that the English dictionary knows only with its capital and the German ones
    list as a proper noun or not at all ("Dortmund", "Graz"; not "Keller", a German noun too), or that
    no German dictionary knows in any form (not "internationale") and is no compound of known words
    ("Mütterrente", "FIFA-Weltrangliste"): a name."""
    if dictionaries.english_name(token) and (dictionaries.proper_noun(token)
                                             or not dictionaries.listed(token)):
        return True
    return _unknown_to_german(token)


def _unknown_to_german(token: str) -> bool:
    if dictionaries.listed(token) or dictionaries.listed(token.lower()) or _compound(token):
        return False
    return dictionaries.german_knows(token) is False and not dictionaries.german_knows(token.lower())


# A compound's tail that the dictionaries know only as a form ("Studierende"): at least this long, and
# tried after the longest heads only (each try is a dictionary lookup).
COMPOUND_TAIL_LETTERS = 6
COMPOUND_FORM_TRIES = 2


def _compound(token: str) -> bool:
    """Whether the word ends in a German word of 3+ letters after a listed head ("Sieg|tor",
    "Masern|fällen", "Medizin|studierende"; "Baer|bock" is not: "Baer" is no word), or is joined by a
    hyphen to one."""
    if "-" in token:
        return any(dictionaries.german_knows(part) for part in token.split("-")[1:] if len(part) >= 3)
    cuts = [cut for cut in range(3, len(token) - 2)
            if any(dictionaries.listed(h) or dictionaries.listed(h.capitalize())
                   for h in (token[:cut], token[:cut].removesuffix("s")))]
    if any(dictionaries.listed(token[cut:].capitalize()) for cut in cuts):
        return True
    long_tails = [cut for cut in cuts if len(token) - cut >= COMPOUND_TAIL_LETTERS]
    return any(dictionaries.german_knows(token[cut:].capitalize())
               for cut in long_tails[-COMPOUND_FORM_TRIES:])


def _kept(name: str, english_words: set[str], english: str) -> bool:
    """The name, a form of it (genitive, adjective in -er, umlauts written out; a foreign name
    transliterated otherwise: "Selenskyj" as "Zelensky"), each part of a hyphenated one, or its exonym
    is in the English."""
    if "-" in name and all(_kept(part, english_words, english) for part in name.split("-") if len(part) >= 3):
        return True
    # (Not "Hartmann" as "Hartman": a double consonant keeps both letters.)
    forms = {name, name.removesuffix("s"), name.removesuffix("'"), name.removesuffix("er"),
             name.removesuffix("ern"), name.removesuffix("en"),
             name if name.endswith("nn") else name.removesuffix("n")}
    if name.endswith("ner"):  # "Kärntner", "Münchner": of Kärnten, München
        forms.add(name[:-3] + "en")
    for form in list(forms):
        forms |= {form.translate(TRANSLITERATION), form.translate(PLAIN)}
    for form in forms:
        if len(form) >= 2 and form.lower() in english_words:
            return True
        if any(re.search(rf"\b{re.escape(exonym)}", english, re.I) for exonym in EXONYMS.get(form, ())):
            return True
    if not _unknown_to_german(name):  # a German name spelt otherwise is misspelt ("Weber" as "Webber")
        return False
    folded = {_folded(word) for word in english_words}
    return any(_folded(form) in folded for form in forms if len(form) >= 4)


# How German spells foreign names and English transliterates them ("Saporischschja" / "Zaporizhzhia",
# "Charkiw" / "Kharkiv"), folded to one spelling; applied in this order.
FOLDS = (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss"), ("ae", "a"), ("oe", "o"), ("ue", "u"),
         ("tsch", "ch"), ("sch", "sh"), ("zh", "sh"), ("kh", "ch"), ("ph", "f"), ("w", "v"), ("j", "i"),
         ("y", "i"), ("z", "s"))


def _folded(word: str) -> str:
    folded = word.lower()
    for written, spoken in FOLDS:
        folded = folded.replace(written, spoken)
    return re.sub(r"(.)\1+", r"\1", folded)
