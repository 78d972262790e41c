"""Checks of what a translation says, beyond its numbers and words: a clause or a hedge left out
(`omission`), a negation dropped or added (`negation`), a name changed, translated or lost (`name`).
These are the errors neural translation is known for and a reader of the English cannot see. Pure
functions over a (German, English) pair, each finding a Flag with a reason a reader understands; the
tables below are the documented knowledge they use."""

from __future__ import annotations

import re

from . import dictionaries
from .records import Flag

WORD = re.compile(r"[A-Za-zÄÖÜäöüßÀ-ÿ]+(?:['’-][A-Za-zÄÖÜäöüßÀ-ÿ]+)*")

# --------------------------------------------------------------------------------------------------
# omission: hedges and quantity modifiers, and the English a faithful translation uses for them

MODIFIERS: dict[str, tuple[str, str]] = {
    # German (a regex over the lower-cased sentence): (what to call it, the English that renders it)
    r"\bvorläufig": ("vorläufig (provisional)", r"provisional|preliminar|temporar|interim|for now|"
                     r"for the time being|initial|tentative|so far"),
    r"\bmutmaßlich": ("mutmaßlich (alleged)", r"alleged|suspect|presum|believed|thought to|probabl|likely|"
                      r"apparent|purported"),
    r"\bmindestens\b": ("mindestens (at least)", r"at least|no fewer|no less|minimum|or more"),
    r"\berstmals\b|\bzum ersten mal\b": ("erstmals (for the first time)", r"first|never before|maiden"),
    r"\brund\b|\betwa\b|\bungefähr\b|\bcirca\b|\bca\.": (
        "rund / etwa (about)", r"about|around|roughly|some|approximately|nearly|almost|close to|or so|"
                               r"circa|\bc\.|estimated|just under|just over|little under|little over"),
    r"\bfast\b|\bbeinahe\b|\bnahezu\b": ("fast (nearly)", r"almost|nearly|close to|all but|virtually|"
                                         r"practically|just short|just under"),
    r"\bknapp\b": ("knapp (just under)", r"just|almost|nearly|barely|narrow|slight|close to|little|short|"
                   r"some|about|around|roughly"),
    r"\bangeblich": ("angeblich (reportedly)", r"reported|alleged|supposed|said to|claim|purported|"
                     r"apparent"),
    r"\bvoraussichtlich": ("voraussichtlich (expected)", r"expect|likely|probabl|anticipat|project|"
                           r"schedul|forecast|due to|set to|should|will probably|planned"),
    r"\boffenbar|\boffensichtlich": ("offenbar (apparently)", r"apparent|evident|seeming|appear|obvious|"
                                     r"clear|seem"),
    r"\bbis zu\b": ("bis zu (up to)", r"up to|as many as|as much as|maximum|no more than|at most|"
                                    r"as low as|as high as|as far as|as long as"),
    r"\bmehr als\b": ("mehr als (more than)", r"more than|over|above|in excess|upwards|exceed|plus|"
                      r"greater than|longer than|higher than|larger than"),
    r"\bweniger als\b": ("weniger als (less than)", r"less than|fewer than|under|below|lower than"),
    r"\bhöchstens\b": ("höchstens (at most)", r"at most|no more than|maximum|at the most"),
    r"\bzunächst\b": ("zunächst (initially)", r"initial|at first|first|for now|for the time being|"
                      r"to begin with|so far|yet|early|preliminar|to start"),
    r"\bvorerst\b": ("vorerst (for now)", r"for now|for the time being|initial|temporar|yet|provisional|"
                     r"at present|currently|so far|until further"),
    r"\bteilweise\b|\bteils\b": ("teilweise (partly)", r"part|some|at times|sometimes|in places|"
                                 r"in some|certain|not all"),
}

# Words that open a clause, in each language: a German sentence with several more than its translation
# has lost one (with the translation much shorter, which a merged clause is not).
GERMAN_CLAUSE = re.compile(r"\b(?:dass|weil|obwohl|obgleich|nachdem|während|damit|sodass|bevor|seitdem|"
                           r"falls|sofern|wobei|weshalb|wodurch|und|oder|aber|sondern|doch|denn|sowie)\b|"
                           r",\s*(?:der|die|das|dem|den|deren|dessen|welche[rsnm]?|wo|wie|was|um)\b")
ENGLISH_CLAUSE = re.compile(r"\b(?:that|because|although|though|while|whereas|after|before|since|unless|"
                            r"if|when|whether|so|and|or|but|which|who|whom|whose|where|as well as|"
                            r"to)\b|[,;:–—]")
# English runs 1.0 to 1.4 times as many words as German; under this share with a clause fewer, the
# translation lost content.
OMISSION_WORD_RATIO = 0.85
OMISSION_MIN_WORDS = 10
QUOTED = re.compile(r"[„“\"»«‚‘]([^„“\"»«‚‘]{3,})[“”\"«»‘’]")
QUOTE_SHARE = 0.6


def omission_flag(german: str, english: str) -> Flag | None:
    """A hedge or quantity modifier of MODIFIERS without its English; or fewer clauses and far fewer
    words than the German; or a quotation cut short."""
    lower_de, lower_en = german.lower(), english.lower()
    lost = [name for pattern, (name, rendered) in MODIFIERS.items()
            if re.search(pattern, lower_de) and not re.search(rendered, lower_en)]
    if lost:
        return Flag("omission", f"“{lost[0].split(' (')[0]}” is not rendered ({lost[0].split('(')[1][:-1]}?)")
    de_words, en_words = len(WORD.findall(german)), len(WORD.findall(english))
    de_clauses = len(GERMAN_CLAUSE.findall(lower_de))
    en_clauses = len(ENGLISH_CLAUSE.findall(lower_en))
    if (de_words >= OMISSION_MIN_WORDS and en_words < OMISSION_WORD_RATIO * de_words
            and de_clauses > en_clauses):
        return Flag("omission", f"a clause seems missing ({en_words} English words for {de_words} German, "
                                f"{en_clauses} clause openings for {de_clauses})")
    de_quoted = sum(len(WORD.findall(q)) for q in QUOTED.findall(german))
    en_quoted = sum(len(WORD.findall(q)) for q in QUOTED.findall(english))
    if de_quoted >= 6 and en_quoted < QUOTE_SHARE * de_quoted and en_words < de_words * 1.1:
        return Flag("omission", f"part of the quotation seems missing ({en_quoted} words quoted for "
                                f"{de_quoted})")
    return None


# --------------------------------------------------------------------------------------------------
# negation

GERMAN_NEGATION = re.compile(r"\b(?:nicht|nichts|kein(?:e[rnms]?)?|keinerlei|nie|niemals|niemand(?:e[nm])?|"
                             r"weder|kaum|ohne|nirgends|nirgendwo|keineswegs|keinesfalls)\b")
# German negations that carry no negation across ("nicht nur ... sondern auch" = "as well as"; "so hoch
# wie nie zuvor" = "higher than ever"; "nicht unumstritten" = "controversial").
GERMAN_NOT_NEGATING = re.compile(r"\bnicht nur\b|\bwie (?:noch )?nie(?: zuvor)?\b|\bnicht un\w+|"
                                 r"\bkein wunder\b|\bnicht zuletzt\b|\bnie zuvor\b")
ENGLISH_NEGATION = re.compile(r"\b(?:not|no|never|nobody|nothing|none|neither|nor|without|hardly|barely|"
                              r"scarcely|nowhere|cannot)\b|n't\b|\bno one\b|\bno-one\b")
ENGLISH_NOT_NEGATING = re.compile(r"\bnot only\b|\bno wonder\b|\bnot least\b|\bnot until\b|"
                                  r"\bno later than\b|\bnever before\b|\bthan ever\b|\bnone other than\b|"
                                  r"\bno doubt\b|\bvot\w* no\b|\bno votes?\b|\bno-votes?\b")
# English that carries a negation without a negative word ("ohne Erfolg" = "unsuccessfully"; "nicht
# eingehalten" = "failed to meet").
ENGLISH_NEGATIVE_WORDS = re.compile(
    r"\bun(?!der|til|ion|it|ivers|less|ique|iform|us|ited|veil|load|dergo)\w{3,}|\bnon-?\w{3,}|"
    r"\bin(?:ab|capab|complet|conclus|correct|definit|effect|sufficien|valid|adequa|access|accura|"
    r"appropri|compat|consist|evitab|eligib)\w*|\bim(?:possib|probab|precis|partial|matur)\w*|"
    r"\bil(?:legal|legit|logic)\w*|\bir(?:regular|relevan|respons|revers)\w*|"
    r"\bdis(?:agree|approv|honest|allow|proportion|continu|qualif)\w*|\w{3,}less(?:ly|ness)?\b|"
    r"\bfail|\brefus|\bden(?:y|ies|ied|ial)\b|\breject|\black|\bfree of\b|\babsen|\bfew\b|\blittle\b|"
    r"\bno longer\b|\brather than\b|\binstead\b|\bavoid|\bprevent|\bbanned\b|\bmiss")
# German that an English negation renders without a German one ("erst am Mittwoch" = "not until
# Wednesday", "unklar" = "not clear", "verweigern" = "refuse", "fehlen" = "there is no").
GERMAN_NEGATIVE_WORDS = re.compile(
    r"\berst\b|\bspätestens\b|\bnein\b|\bun(?!ter|s\b|ser|sere|d\b|gefähr|sere[mnrs])\w{3,}|\w{3,}los(?:e[nmrs]?)?\b|"
    r"weiger|\bablehn|\blehnt\w*\b.*\bab\b|bestreit|bestritt|dementier|zurückgewies|zurückweis|\bverbot|"
    r"verbiet|verhinder|\bfehl|\bgefehlt|\bmangel|scheiter|verfehl|versäum|vermeid|verzicht|\bwenig|"
    r"\bgering|ausgeschlossen|\banstatt\b|\bstattdessen\b|\bnur\b|abgesagt|\bsagt\w*\b.*\bab\b|"
    r"gestrichen|verpasst")

def negation_flag(german: str, english: str) -> Flag | None:
    """A negation of the German with none in the English (the sentence may say the opposite), one in the
    English with none in the German, or "erst" (not until) turned into "already"."""
    lower_de, lower_en = german.lower(), english.lower()
    de = GERMAN_NEGATION.findall(GERMAN_NOT_NEGATING.sub(" ", lower_de))
    en = ENGLISH_NEGATION.findall(ENGLISH_NOT_NEGATING.sub(" ", lower_en))
    if de and not en and not ENGLISH_NEGATIVE_WORDS.search(lower_en):
        return Flag("negation", f"the German negates (“{de[0]}”) and the English does not: it may say "
                                "the opposite")
    if len(de) >= len(en) + 2 and not ENGLISH_NEGATIVE_WORDS.search(lower_en):
        return Flag("negation", f"the German negates {len(de)} times (“{', '.join(de)}”), the English "
                                f"{len(en)} times")
    if en and not de and not GERMAN_NEGATIVE_WORDS.search(lower_de):
        return Flag("negation", f"the English negates (“{en[0]}”) and the German does not")
    if re.search(r"\berst\b", lower_de) and re.search(r"\balready\b", lower_en) \
            and not re.search(r"\b(?:bereits|schon)\b", lower_de):
        return Flag("negation", "“erst” (not until, only) became “already”")
    return None


# --------------------------------------------------------------------------------------------------
# name

# German names with their English exonyms: a faithful translation may use either.
EXONYMS: dict[str, tuple[str, ...]] = {
    "München": ("Munich",), "Köln": ("Cologne",), "Genf": ("Geneva",), "Wien": ("Vienna",),
    "Bayern": ("Bavaria", "Bavarian", "Bayern"), "Nordrhein-Westfalen": ("North Rhine-Westphalia",),
    "Niedersachsen": ("Lower Saxony",), "Sachsen": ("Saxony",), "Sachsen-Anhalt": ("Saxony-Anhalt",),
    "Thüringen": ("Thuringia",), "Hessen": ("Hesse",), "Rheinland-Pfalz": ("Rhineland-Palatinate",),
    "Mecklenburg-Vorpommern": ("Mecklenburg-Western Pomerania", "Mecklenburg-Vorpommern"),
    "Moskau": ("Moscow",), "Peking": ("Beijing", "Peking"), "Warschau": ("Warsaw",), "Prag": ("Prague",),
    "Rom": ("Rome",), "Venedig": ("Venice",), "Mailand": ("Milan",), "Brüssel": ("Brussels",),
    "Türkei": ("Turkey", "Türkiye"), "Schweiz": ("Switzerland", "Swiss"), "Österreich": ("Austria",),
    "Deutschland": ("Germany", "German"), "Frankreich": ("France", "French"), "Italien": ("Italy",),
    "Spanien": ("Spain",), "Polen": ("Poland",), "Russland": ("Russia",), "Ukraine": ("Ukraine",),
    "Griechenland": ("Greece",), "Ungarn": ("Hungary",), "Tschechien": ("Czech",), "Dänemark": ("Denmark",),
    "Niederlande": ("Netherlands", "Dutch"), "Belgien": ("Belgium",), "Schweden": ("Sweden",),
    "Norwegen": ("Norway",), "Finnland": ("Finland",), "Kroatien": ("Croatia",), "Rumänien": ("Romania",),
    "Japan": ("Japan",), "China": ("China",), "Indien": ("India",), "Ägypten": ("Egypt",),
    "Kärnten": ("Carinthia",), "Steiermark": ("Styria",), "Tirol": ("Tyrol", "Tirol"),
    "Niederösterreich": ("Lower Austria",), "Oberösterreich": ("Upper Austria",), "Zürich": ("Zurich",),
    "Luzern": ("Lucerne",), "Bodensee": ("Lake Constance",), "Donau": ("Danube",), "Rhein": ("Rhine",),
    "Ostsee": ("Baltic",), "Nordsee": ("North Sea",), "Mittelmeer": ("Mediterranean",),
    "Ärmelkanal": ("English Channel", "Channel"), "Alpen": ("Alps",), "Grünen": ("Greens", "Green"),
    "Grüne": ("Greens", "Green"), "Linke": ("Left",), "Linken": ("Left",), "Union": ("Union", "CDU"),
    "Bundestag": ("Bundestag", "parliament", "lower house"),
    "Bundesrat": ("Bundesrat", "upper house", "Federal Council", "federal government"),
}
# Words before a name: titles and offices ("Herr Schneider", "Bundesfinanzminister Christian Lindner").
TITLE = re.compile(r"(?:Herr|Herrn|Frau|Dr|Prof|Professor(?:in)?|\w*[mM]inister(?:in)?|"
                   r"\w*[pP]räsident(?:in)?|\w*[kK]anzler(?:in)?|\w*[bB]ürgermeister(?:in)?|\w*[sS]precher(?:in)?|\w*[cC]hef(?:in)?|"
                   r"\w*[tT]rainer(?:in)?|\w*[vV]orsitzende[rn]?|Landrat|Landrätin|Senator(?:in)?|Papst|"
                   r"Kommissar(?:in)?|Abgeordnete[rn]?|Anwalt|Anwältin|Stürmer|Torhüter|Autor(?:in)?|"
                   r"Regisseur(?:in)?|Sänger(?:in)?|Kapitän(?:in)?|Bischof|Kardinal|Direktor(?:in)?)\.?")
# Endings of German nouns, never of a name: a word the dictionary misses with one of them is a noun.
NOUN_ENDING = re.compile(r"(?:ung|ungen|heit|keit|schaft|tion|ität|ismus|ment|chen|nis|tum|ling|erei|ik|"
                         r"ur|ei|isten|ist|ierung|sten|ern)$")
# Capitalised German abbreviations ("5 Mio. Euro"): never names.
ABBREVIATIONS = frozenset("Mrd Mio Tsd Nr Str Abs Jh Jhd Bd Hrsg Ca Mo Di Mi Do Fr Sa So Jan Feb Apr Aug Sept "
                          "Okt Nov Dez Bzw Usw Evtl Inkl Max Min Std Mind".split())
TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
PLAIN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"})


def name_flag(german: str, english: str) -> Flag | None:
    """A name of the German (a person, place, party, club or organisation) that the English neither keeps
    nor gives as its exonym: changed, misspelt, translated literally ("Herr Schneider" as "Mr Tailor") or
    replaced by a pronoun."""
    english_words = {w.lower() for w in WORD.findall(english)}
    english_lower = english.lower()
    for name in german_names(german):
        if not _kept(name, english_words, english_lower):
            return Flag("name", f"“{name}” is not in the translation (changed, translated or left out?)")
    return None


def german_names(german: str) -> list[str]:
    """The German's names, in order: words after a title or office, words of EXONYMS, and capitalised words
    (not opening the sentence) that the English dictionary knows only as names or the German one not at
    all. Of a run of names ("Olaf Scholz") only the last: a translation may drop a first name."""
    tokens = [(m.group(0), m.start()) for m in WORD.finditer(german)]
    candidate = []
    for i, (token, start) in enumerate(tokens):
        opening = i == 0 or german[:start].rstrip().endswith((".", ":", "!", "?", "„", "\"", "«"))
        abbreviation = token in ABBREVIATIONS and german[start + len(token):start + len(token) + 1] == "."
        candidate.append(token[:1].isupper() and not TITLE.fullmatch(token) and not abbreviation and (
            _after_title(tokens, i) or token in EXONYMS
            or (not opening and _name_like(token) and _is_name(token))))
    names = [token for i, (token, _) in enumerate(tokens)
             if candidate[i] and not (i + 1 < len(tokens) and candidate[i + 1]
                                      and german[tokens[i][1] + len(token):tokens[i + 1][1]] == " ")]
    return list(dict.fromkeys(names))


def _after_title(tokens: list[tuple[str, int]], i: int) -> bool:
    """Whether a title or office stands right before this word, or before the first names it follows."""
    j = i - 1
    while j >= 0 and tokens[j][0][:1].isupper() and not TITLE.fullmatch(tokens[j][0]) and i - j <= 2:
        j -= 1
    return j >= 0 and j < i and bool(TITLE.fullmatch(tokens[j][0])) and tokens[i][0][:1].isupper()


def _name_like(token: str) -> bool:
    return len(token) >= 3 and not token.isupper() and not NOUN_ENDING.search(token.lower())


def _is_name(token: str) -> bool:
    """A capitalised word no German dictionary knows, in no form (not "internationale"), that is not a
    compound of known words ("Mütterrente", "FIFA-Weltrangliste"): a name."""
    if dictionaries.listed(token) or dictionaries.listed(token.lower()) or _compound(token):
        return False
    return dictionaries.german_knows(token) is False and not dictionaries.german_knows(token.lower())


def _compound(token: str) -> bool:
    """Whether the word ends in a listed German word of 3+ letters after a listed head ("Sieg|tor",
    "Masern|fällen"; "Baer|bock" is not: "Baer" is no word), or is joined by a hyphen to one."""
    if "-" in token:
        return any(dictionaries.german_knows(part) for part in token.split("-")[1:] if len(part) >= 3)
    for cut in range(3, len(token) - 2):
        head, tail = token[:cut], token[cut:].capitalize()
        if dictionaries.listed(tail) and any(dictionaries.listed(h) or dictionaries.listed(h.capitalize())
                                             for h in (head, head.removesuffix("s"))):
            return True
    return False


def _kept(name: str, english_words: set[str], english_lower: str) -> bool:
    """The name, a form of it (genitive, adjective in -er, umlauts written out, transliterated otherwise:
    "Selenskyj" as "Zelensky") or its exonym is in the English."""
    forms = {name, name.removesuffix("s"), name.removesuffix("'"), name.removesuffix("er"),
             name.removesuffix("ern"), name.removesuffix("en"), name.removesuffix("n")}
    for form in list(forms):
        forms |= {form.translate(TRANSLITERATION), form.translate(PLAIN)}
    for form in forms:
        if len(form) >= 3 and (form.lower() in english_words or form.lower() in english_lower):
            return True
        if any(exonym.lower() in english_lower for exonym in EXONYMS.get(form, ())):
            return True
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
