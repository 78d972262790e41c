"""omission: content of the German missing from the English: a hedge, quantity, source, reason or time
limit (a table of them and their English), a clause, a list item or a joined part, half of a quotation."""

from __future__ import annotations

import re

from ..records import Flag
from .words import WORD, Renderings, unrendered

MODIFIERS: Renderings = {
    r"\bvorläufig": ("vorläufig", "provisional", r"provisional|preliminar|temporar|interim|for now|"
                     r"for the time being|initial|tentative|so far"),
    r"\bmutmaßlich": ("mutmaßlich", "alleged", r"alleged|suspect|presum|believed|thought to|probabl|likely|"
                      r"apparent|purported"),
    r"\bmindestens\b": ("mindestens", "at least", r"at least|no fewer|no less|minimum|or more"),
    r"\berstmals\b|\bzum ersten mal\b": ("erstmals", "for the first time", r"first|never before|maiden"),
    r"\brund\b|\betwa\b|\bungefähr\b|\bcirca\b|\bca\.": (
        "rund / etwa", "about", r"about|around|roughly|some|approximately|nearly|almost|close to|or so|"
                               r"circa|\bc\.|estimated|just under|just over|little under|little over"),
    r"\bfast\b|\bbeinahe\b|\bnahezu\b": ("fast", "nearly", r"almost|nearly|close to|all but|virtually|"
                                         r"practically|just short|just under"),
    r"\bknapp(?:e[nrms]?)?\b": ("knapp", "just under", r"just|almost|nearly|barely|narrow|slight|close to|"
                                r"little|short|some|about|around|roughly"),
    r"\bangeblich": ("angeblich", "reportedly", r"reported|alleged|supposed|said to|claim|purported|"
                     r"apparent"),
    r"\bvoraussichtlich": ("voraussichtlich", "expected", r"expect|likely|probabl|anticipat|project|"
                           r"schedul|forecast|due to|set to|should|will probably|planned|estimat"),
    r"\boffenbar|\boffensichtlich": ("offenbar", "apparently", r"apparent|evident|seeming|appear|obvious|"
                                     r"clear|seem"),
    # ("bis zu einer Anwendung" is "until", no quantity.)
    r"\bbis zu\b(?! (?:einer?|einem|einen|der|dem|den|des)\b)": (
        "bis zu", "up to", r"up to|as many as|as much as|maximum|no more than|at most|as low as|"
                           r"as high as|as far as|as long as"),
    r"\bmehr als\b": ("mehr als", "more than", r"more than|over|above|in excess|upwards|exceed|plus|"
                      r"greater than|longer than|higher than|larger than"),
    r"\bweniger als\b": ("weniger als", "less than", r"less than|fewer than|under|below|lower than"),
    r"\bhöchstens\b": ("höchstens", "at most", r"at most|no more than|maximum|at the most"),
    r"\bzunächst\b": ("zunächst", "initially", r"initial|at first|first|for now|for the time being|"
                      r"to begin with|so far|yet|early|preliminar|to start"),
    r"\bvorerst\b": ("vorerst", "for now", r"for now|for the time being|initial|temporar|yet|provisional|"
                     r"at present|currently|so far|until further"),
    r"\bteilweise\b|\bteils\b": ("teilweise", "partly", r"part|some|at times|sometimes|in places|"
                                 r"in some|certain|not all"),
    r"\bvermutlich\b": ("vermutlich", "probably", r"probab|presum|likely|believed|thought|suspect|apparent|"
                        r"expected|assum|seem|appear"),
    r"\bvorzeitig": ("vorzeitig", "early", r"early|earlier|prematur|ahead of|before (?:it|the|its|his|her|"
                     r"their)|already|in advance|cut short"),
    # Who says so: "laut Polizei", "nach Angaben der Veranstalter", "der Zeitung zufolge".
    r"\blaut\b|\bnach angaben\b|\bzufolge\b": ("laut / nach Angaben", "according to",
                                                r"accord|said|says|\bsay\b|told|report|announc|stat|claim|"
                                                r"estimat|figures|data|quot|cit|\bper\b|source|count|"
                                                r"confirm|believ|found|show|reveal|indicat|suggest"),
    r"\bdurchschnittlich\b|\bim (?:durch)?schnitt\b": ("durchschnittlich", "on average",
                                                       r"average|\bmean\b|typical|per\b|each|overall"),
    r"\bdarunter\b": ("darunter", "including", r"includ|among|of whom|of which|such as"),
    r"\bschätzungsweise\b": ("schätzungsweise", "an estimated", r"estimat|about|around|roughly|some\b|"
                              r"approximately|nearly|close to|thought to|believed"),
    r"\bvorübergehend": ("vorübergehend", "temporarily", r"temporar|for the time being|for now|interim|"
                         r"provisional|brief|short|for a while|until further|pending"),
    # When: the time of day and the season ("am Nachmittag", "im Herbst"); weekdays below.
    r"\bam (?:vor|nach)?mittag\b|\b(?:vor|nach)?mittags\b": (
        "am Nachmittag", "in the afternoon",
        r"afternoon|midday|noon|morning|\bp\.?m\b|\ba\.?m\b|lunch|\bday\b|daytime"),
    r"\bam abend\b|\babends\b|\bin der nacht\b|\bnachts\b": (
        "am Abend", "in the evening", r"evening|night|tonight|\bp\.?m\b|late|overnight|dark"),
    r"\bam morgen\b|\b(?:früh)?morgens\b|\bam frühen morgen\b": (
        "am Morgen", "in the morning", r"morning|\ba\.?m\b|dawn|early|daybreak|breakfast"),
    r"\bim (?:herbst|frühjahr|frühling|sommer|winter)\b": (
        "im Herbst", "in the autumn", r"autumn|\bfall\b|spring|summer|winter|season|this year|next year|"
                                      r"later|quarter|months"),
    # A reason: "wegen eines Oberleitungsschadens" is "because of damage to the overhead line".
    r"\bwegen\b": ("wegen", "because of", r"because|due to|owing to|\bafter\b|as a result|\bfor\b|"
                   r"following|on account|caused by|in view of|\bamid|given|\bwith\b|thanks to|reason|"
                   r"\bsince\b|\bas\b|\bfrom\b|\bby\b|\bon\b|linked|over"),
    # A clause's condition, reason or concession: "Falls sich das Wetter bessert, ...", "Weil ein Gutachten
    # Mängel festgestellt hat, ...", "obwohl eine Bürgerinitiative protestiert hatte", "trotz des Regens".
    r"\bwenn das wetter mitspielt\b": ("wenn das Wetter mitspielt", "weather permitting",
                                       r"weather|permitting|conditions allow|\bif\b"),
    r"\bfalls\b|\bsofern\b": ("falls", "if", r"\bif\b|unless|provided|providing|\bshould\b|in case|"
                               r"in the event|as long as|\bwhen|\bonce\b|subject to|depend|permitting|"
                               r"assuming|otherwise"),
    r"\bweil\b": ("weil", "because", r"because|\bas\b|since|due to|owing to|after|following|given|\bso\b|"
                  r"therefore|reason|cause|result|thanks to|\bfor\b|\bwith\b|amid|in view of|in light of|"
                  r"citing|having|blam"),
    r"\bobwohl\b|\bobgleich\b|\bwenngleich\b": (
        "obwohl", "although", r"although|though|despite|in spite|even if|\bbut\b|while|whereas|\byet\b|"
                              r"nevertheless|nonetheless|notwithstanding|regardless|however|\bstill\b"),
    # ("Trotz monatelanger Verhandlungen ist es nicht gelungen" = "Months of talks have failed".)
    r"\btrotz\b": ("trotz", "despite", r"despite|in spite|although|though|even|notwithstanding|regardless|"
                   r"\bbut\b|while|\byet\b|\bstill\b|nevertheless|nonetheless|however|fail|for all"),
    r"\bnach (?:ersten |vorläufigen |bisherigen )?(?:schätzungen|erkenntnissen|informationen)\b": (
        "nach Schätzungen", "according to estimates", r"estimat|accord|initial|preliminar|\bfirst\b|believ|"
                                                     r"thought|report|said|so far|indicat|suggest|appear|"
                                                     r"understood|known|evidence|current|findings|"
                                                     r"knowledge"),
    # Until when: "bis Ende März", "bis 2030".
    r"\bbis (?:(?:ende|mitte|anfang) )?(?:(?:19|20)\d\d|januar|jänner|februar|märz|april|mai|juni|juli|"
    r"august|september|oktober|november|dezember|nächste|kommende)": (
        "bis", "until / by", r"until|\btill\b|\bby\b|through|up to|end of|before|no later|ahead of|deadline"),
}

WEEKDAYS = {"montag": "monday", "dienstag": "tuesday", "mittwoch": "wednesday", "donnerstag": "thursday",
            "freitag": "friday", "samstag": "saturday", "sonnabend": "saturday", "sonntag": "sunday"}
# ("In der Nacht zum Sonntag" is "on Saturday night".)
MODIFIERS.update({rf"(?<!nacht zum )\b{day}(?:s|abend|nachmittag|morgen|vormittag)?\b": (
    day.capitalize(), english.capitalize(),
    rf"{english}|{english[:3]}\b|weekend|today|yesterday|tomorrow|the same day|that day|the day")
    for day, english in WEEKDAYS.items()})

# Where a sentence divides (clauses, list items): a translation with two divisions fewer and far fewer words
# than its German has lost a clause or an item; so has one under OMISSION_RATIO.minimum of its length in
# words whatever its divisions. English runs 0.8 to 1.4 times as many words as German (measured on the
# faithful pairs of tests/data: 1% of them under 0.67).
GERMAN_DIVISION = re.compile(r",|;|\b(?:und|oder|sowie|aber|sondern|weil|während|denn|doch)\b")
ENGLISH_DIVISION = re.compile(r",|;|\b(?:and|or|as well as|but|because|while|whereas|which|who|after|"
                              r"since|as)\b")
# Words and numbers, "%" too ("1,2 Prozent" is "1.2%"): what the length ratio counts.
COUNTED = re.compile(rf"{WORD.pattern}|\d+(?:[.,']\d+)*|%")
OMISSION_RATIO = {"minimum": 0.6, "with_fewer_divisions": 0.75}
OMISSION_MIN_WORDS = 8
# A list: items of at most LIST_ITEM_WORDS words between commas, then a coordinator and the last item
# ("Schmuck, Bargeld und ein Gemälde"); its first item's start is not known, so it counts as one. A
# German list with more items than every English one has lost one, unless the English runs a tenth
# longer than the German (a list rendered another way).
LIST_ITEM_WORDS = 4
GERMAN_LIST = re.compile(r"((?:,\s+[^,;:.!?]+?)*)\s+(?:und|oder|sowie)\s", re.I)
ENGLISH_LIST = re.compile(r"((?:,\s+[^,;:.!?]+?)*),?\s+(?:and|or|as well as|plus)\s", re.I)
LIST_LOST_RATIO = 1.1
CLAUSE_OPENER = re.compile(r"(?:sondern|aber|doch|denn|dass|weil|wenn|falls|ob|obwohl|nachdem|bevor|während|"
                           r"sodass|damit|deren|dessen|welche[rsmn]?|but|which|whose|because|although|"
                           r"while|whereas|if|when|that)\b", re.I)
# A range ("zwischen 2017 und 2021", "between 10 and 11 pm") is no list's end.
GERMAN_RANGE = re.compile(r"\bzwischen \S+ und\b", re.I)
ENGLISH_RANGE = re.compile(r"\bbetween \S+ and\b", re.I)
# A part of a sentence joined by a coordinator ("... betrunken und hatte keinen Führerschein"): a
# translation with fewer coordinators, and fewer words than COORDINATION_LOST_RATIO of the German's, has
# lost one.
GERMAN_COORDINATOR = re.compile(r"\b(?:und|sowie|oder)\b(?! (?:damit|somit)\b)")
# (English joins with a participle or "with" what German joins with "und dabei": ", causing ...".)
ENGLISH_COORDINATOR = re.compile(r"\b(?:and|or|as well as|plus|nor|while|but|both)\b|&|,\s+(?:with|\w+ing)\b")
COORDINATION_LOST_RATIO = 0.85
# "Teilnehmerinnen und Teilnehmer", "Kolleginnen und Kollegen" are one English word.
GENDER_PAIR = re.compile(r"\b(\w+?)innen (?:und|oder) \1\w{0,2}\b")
QUOTED = re.compile(r"[„“\"»«‚‘]([^„“\"»«‚‘]{3,})[“”\"«»‘’]")
QUOTE_SHARE = 0.6


def omission_flag(german: str, english: str) -> Flag | None:
    """A hedge, quantity, source, reason or time limit of MODIFIERS without its English; or fewer clauses
    and far fewer words than the German; a list's item or a part joined by "und" gone; or a quotation cut
    short."""
    lower_de, lower_en = german.lower(), english.lower()
    lost = unrendered(MODIFIERS, lower_de, lower_en)
    if lost:
        return Flag("omission", f"“{lost[0]}” is not rendered ({lost[1]}?)")
    de_words, en_words = len(COUNTED.findall(german)), len(COUNTED.findall(english))
    fewer = len(GERMAN_DIVISION.findall(lower_de)) - len(ENGLISH_DIVISION.findall(lower_en))
    ratio = en_words / max(1, de_words)
    if de_words >= OMISSION_MIN_WORDS and (ratio < OMISSION_RATIO["minimum"] or (
            ratio < OMISSION_RATIO["with_fewer_divisions"] and fewer >= 2)):
        return Flag("omission", f"a clause or list item seems missing ({en_words} English words for "
                                f"{de_words} German)")
    de_items = longest_list(GERMAN_RANGE.sub(" ", german), GERMAN_LIST)
    en_items = longest_list(ENGLISH_RANGE.sub(" ", english), ENGLISH_LIST)
    if de_items >= 3 and en_items < de_items and ratio < LIST_LOST_RATIO:
        return Flag("omission", f"an item of a list seems missing ({de_items} in the German, "
                                f"{en_items} in the English)")
    if de_words >= OMISSION_MIN_WORDS and ratio < COORDINATION_LOST_RATIO and \
            len(GERMAN_COORDINATOR.findall(GENDER_PAIR.sub(" ", lower_de))) \
            > len(ENGLISH_COORDINATOR.findall(lower_en)):
        return Flag("omission", "a part joined by “und” or “oder” seems missing (fewer joined parts in the "
                                "English, and fewer words)")
    de_quoted = sum(len(WORD.findall(q)) for q in QUOTED.findall(german))
    en_quoted = sum(len(WORD.findall(q)) for q in QUOTED.findall(english))
    if de_quoted >= 6 and en_quoted < QUOTE_SHARE * de_quoted and en_words < de_words * 1.1:
        return Flag("omission", f"part of the quotation seems missing ({en_quoted} words quoted for "
                                f"{de_quoted})")
    return None


def longest_list(text: str, pattern: re.Pattern[str]) -> int:
    """Items of the longest list in the text (2 for "A und B", 3 for "A, B und C"; 0 without one). A
    stretch after a comma that opens a clause ("sondern auch in Genf", "weil ...") is no item."""
    longest = 0
    for match in pattern.finditer(text):
        segments = re.split(r",\s+", match.group(1))[1:]  # (a decimal comma has no space after it)
        short = 0
        for segment in reversed(segments):  # the commas right before the coordinator
            if len(segment.split()) > LIST_ITEM_WORDS or CLAUSE_OPENER.match(segment):
                break
            short += 1
        longest = max(longest, short + 2)
    return longest
