"""negation: the German's negations against the English's, with the idioms that carry no negation
across and the English negation the German expresses otherwise."""

from __future__ import annotations

import re

from ..records import Flag
from .words import Renderings, unrendered

GERMAN_NEGATION = re.compile(r"\b(?:nicht|nichts|kein(?:e[rnms]?)?|keinerlei|nie|niemals|niemand(?:e[nm])?|"
                             r"weder|kaum|ohne|nirgends|nirgendwo|keineswegs|keinesfalls)\b")
# "nicht unumstritten" = "controversial".
NOT_UN = r"\bnicht un(?!ter|bedingt)\w+"
NOT_RULED_OUT = r"\bnicht (?:ausgeschlossen|auszuschließen)\b"
NOT_WITHOUT_REASON = r"\bnicht ohne grund\b"
NO_SECRET = r"\b(?:keinen|nie(?:mals)? einen) hehl\b"
# German negations that carry no negation across ("nicht nur ... sondern auch" = "as well as"; "so hoch
# wie nie zuvor" = "higher than ever"; "noch nie so viele", "nie zuvor so warm" = "more than ever", "the
# warmest"), each with the English negation it allows ("never so high", "not uncontroversial", "not
# surprising"): any other, with no real negation in the German, turns the idiom round ("so niedrig wie
# nie zuvor" as "not as low as it once was").
IDIOM_NEGATIONS = {r"\bnicht nur\b": set(), r"\bwie (?:noch )?nie(?: zuvor)?\b": {"never"},
                   NOT_UN: {"not", "n't", "without"}, r"\bkein wunder\b": {"not", "n't", "no", "hardly"},
                   # "nicht ohne Grund" = "with good reason".
                   NOT_WITHOUT_REASON: {"not", "n't", "without"},
                   # "nicht ausgeschlossen" = "possible"; "keinen Hehl daraus machen" = "be open about".
                   NOT_RULED_OUT: {"not", "n't", "cannot"}, NO_SECRET: {"no", "not", "n't", "never"},
                   r"\bnicht zuletzt\b": set(), r"\bnicht selten\b": {"not", "n't"},
                   r"\b(?:noch )?nie(?: zuvor)?\b(?=[^,;.]*\b(?:so|wie)\b)": {"never"},
                   # "so niedrig wie seit zehn Jahren nicht mehr" = "the lowest for ten years".
                   r"\bwie seit [^,;.]{1,40}? nicht mehr\b": {"not", "n't", "never"},
                   # Litotes: "nicht gerade gering" = "considerable".
                   r"\bnicht gerade\b": {"not", "n't"}}
GERMAN_NOT_NEGATING = re.compile("|".join(IDIOM_NEGATIONS))
# German that negates without a negative word, and the English that must render it ("bestreitet" is
# "denies", not "admits"): (its name, its meaning, the English).
NEGATIVE_RENDERINGS: Renderings = {
    r"\bkein wunder\b": ("kein Wunder", "no wonder", r"no wonder|little wonder|small wonder|no surprise|"
                          r"not surpris|unsurpris|hardly surpris|little surprise|understandabl|of course|"
                          r"naturally|small surprise"),
    r"bestreit|bestritt": ("bestreiten", "deny", r"\bden(?:y|ies|ied|ial)|disput|reject|contest|refut|rebut|"
                           r"\bnot\b|n't\b|never|\bno\b|insist|dismiss"),
    r"weiger": ("(ver)weigern", "refuse", r"refus|declin|reject|\bden(?:y|ies|ied|ial)|withh[oe]ld|"
                r"\bnot\b|n't\b|never|\bno\b|without|unwilling|resist"),
    r"dementier": ("dementieren", "deny", r"\bden(?:y|ies|ied|ial)|reject|dismiss|refut|rebut|disput|"
                   r"\bnot\b|n't\b|never|\bno\b|contradict"),
    # "kaum gestiegen" is "barely rose", never "rose sharply".
    r"\bkaum\b": ("kaum", "hardly", r"hardly|barely|scarcely|little|slight|marginal|only just|almost no|"
                   r"next to no|virtually no|few\b|rare|seldom|\bnot\b|n't\b|\bno\b|never|minimal|"
                   r"negligib|difficult|hard\b|modest|small|nearly|almost|unlikely"),
    r"\bnicht selten\b": ("nicht selten", "often", r"often|frequent|common|not rare|not unusual|regular|"
                           r"many|repeated|again and again|routine|usual|sometimes|at times"),
    r"\bfehl(?:t|en|te|ten)\b": ("fehlen", "lack", r"lack|miss|short|without|\bno\b|\bnot\b|n't\b|"
                                 r"shortage|need|absen|want|gap|none"),
    r"verzicht": ("verzichten", "do without", r"forgo|forego|waiv|renounc|refrain|abandon|without|give up|"
                  r"gave up|giv\w* up|drop|\bnot\b|n't\b|\bno\b|never|abstain|against|skip|pass\w* up|"
                  r"sacrific|relinquish|opt\w* out|declin|scrap|shelv|waive"),
    NOT_RULED_OUT: ("nicht ausgeschlossen", "possible", r"possib|\bmay\b|might|could|conceivabl|perhaps|"
                    r"maybe|(?:not|n't|cannot) (?:be )?ruled out|(?:not|n't) rul\w* out|"
                    r"not out of the question"),
    NO_SECRET: ("keinen Hehl machen", "be open about", r"secret|open|frank|candid|hid|plain|clear|public"),
    NOT_WITHOUT_REASON: ("nicht ohne Grund", "with good reason", r"reason|cause|justif|rightly|not without|"
                         r"\bwhy\b|for a reason|understandabl"),
    # A refusal, a rejection or a dismissal must not become its opposite ("lehnte das Angebot ab" as
    # "accepted the offer", "wies die Forderungen zurück" as "bowed to them", "wies die Klage ab" as
    # "upheld it").
    r"\bablehn|\babgelehnt|\blehnt\w*\b[^,;.]*\bab\b": (
        "ablehnen", "reject", r"reject|refus|declin|turn\w* down|rebuff|dismiss|\bden(?:y|ies|ied|ial)|spurn|"
                              r"snub|veto|oppos|against|\bnot\b|n't\b|\bno\b|never|rule\w* out|"
                              r"thr[eo]w\w* out|vot\w* down"),
    r"zurückgewies|zurückweis|\bwies\b[^,;.]*\bzurück\b|\bweist\b[^,;.]*\bzurück\b": (
        "zurückweisen", "reject", r"reject|refus|dismiss|\bden(?:y|ies|ied|ial)|refut|rebuff|rebut|"
                                  r"brush\w* (?:off|aside)|"
                                  r"declin|\bnot\b|n't\b|\bno\b|never|spurn|counter|contest|disput|"
                                  r"rule\w* out"),
    r"abgewiesen|\bwies\b[^,;.]*\bab\b|\bweist\b[^,;.]*\bab\b": (
        "abweisen", "dismiss", r"dismiss|reject|throw\w* out|threw out|thrown out|struck out|turn\w* away|"
                               r"refus|\bden(?:y|ies|ied|ial)|\bnot\b|n't\b|\bno\b|never|declin|overrul"),
    r"\balles andere als\b": ("alles andere als", "anything but", r"anything but|far from|\bnot\b|n't\b|"
                               r"hardly|by no means|\bun\w+|\bdis\w+|\bno\b|never|less than"),
}
# "nicht alle" is "not all", never "none".
NOT_ALL = re.compile(r"\bnicht (?:alle|jede[rsnm]?|immer|überall|ganz)\b")
NOT_ALL_RENDERED = re.compile(r"\b(?:not|n't) (?:\w+ )?(?:all|every|always|everywhere|entirely|quite|"
                              r"completely)\b|\bsome\b|\bonly\b|\bfew\b|\bpart|\bcertain\b|\bmost\b|"
                              r"\bmany\b")
ENGLISH_NEGATION = re.compile(r"\b(?:not|no|never|nobody|nothing|none|neither|nor|without|hardly|barely|"
                              r"scarcely|nowhere|cannot)\b|n't\b|\bno one\b|\bno-one\b")
ENGLISH_NOT_NEGATING = re.compile(r"\bnot (?:only|just|merely|simply|solely|exclusively)\b|\bno wonder\b|"
                                  r"\bnot least\b|\bnot until\b|"
                                  r"\bno (?:later|more|fewer|less) than\b|\bthan ever\b|\bnone other than\b|"
                                  r"\bno doubt\b|\bvot\w* no\b")
# English that carries a negation without a negative word ("ohne Erfolg" = "unsuccessfully"; "nicht
# eingehalten" = "failed to meet").
ENGLISH_NEGATIVE_WORDS = re.compile(
    r"\bun(?!der|til|ion|it|ivers|less|ique|iform|us|ited|veil|load|dergo)\w{3,}|\bnon-?\w{3,}|"
    r"\bin(?:ab|capab|complet|conclus|correct|definit|effect|sufficien|valid|adequa|access|accura|"
    r"appropri|compat|consist|evitab|eligib)\w*|\bim(?:possib|probab|precis|partial|matur)\w*|"
    r"\bil(?:legal|legit|logic)\w*|\bir(?:regular|relevan|respons|revers)\w*|"
    r"\bdis(?:agree|approv|honest|allow|proportion|continu|qualif)\w*|\w{3,}less(?:ly|ness)?\b|"
    r"\bfail|\brefus|\bden(?:y|ies|ied|ial)\b|\breject|\black|\bfree of\b|\babsen|\bfew\b|\blittle\b|"
    # "sofern es keine Nachbesserungen gibt" = "unless it is amended"; "nicht gut" = "poorly".
    r"\bunless\b|\b(?:poor|bad)ly\b|"
    r"\bno longer\b|\brather than\b|\binstead\b|\bavoid|\bprevent|\bbanned\b|\bmiss|\byet to\b|\bdeclin|"
    r"\bceas|\boppos(?:e|ed|es|ing)\b|\bstagnat|\bat the earliest\b|\bat large\b|\bvacan|\bshort of\b|"
    r"\babstain|\bfar from\b|\bthan any(?:one|body|thing)?\b|\bclean sheet|\bsilen(?:t|ce)\b|"
    r"\b(?:stay|stays|stayed|remain|remains|remained|kept|keep|keeps|left)\s+(?:the same|unchanged|stable|"
    r"steady|quiet)\b|\bonly (?:manag|reach|get|got|draw)\w*")
# German that an English negation renders without a German one ("erst am Mittwoch" = "not until
# Wednesday", "unklar" = "not clear", "verweigern" = "refuse", "fehlen" = "there is no").
GERMAN_NEGATIVE_WORDS = re.compile(
    r"\berst\b|\bspätestens\b|\bfrühestens\b|\bnein\b|\bun(?!ter|s\b|ser|sere|d\b|gefähr|sere[mnrs])\w{3,}|"
    r"weiger|\bablehn|\blehnt\w*\b.*\bab\b|bestreit|bestritt|dementier|zurückgewies|zurückweis|\bverbot|"
    r"verbiet|verhinder|\bfehl|\bgefehlt|\bmangel|scheiter|verfehl|versäum|vermeid|verzicht|\bwenig|"
    r"\bgering|ausgeschlossen|\banstatt\b|\bstattdessen\b|\bnur\b|abgesagt|\bsagt\w*\b.*\bab\b|"
    r"gestrichen|verpasst|\bwarte\w*\b.*\bauf\b")

# English that says "not" about a verb that already negates ("did not deny" for "bestritt").
DOUBLE_NEGATIVE = re.compile(
    r"\b(?:not|never|n't)\s+(?:\w+\s+)?(?:deny|denied|reject|refuse|oppose|rule out)")
# An English un- or in- word: "nicht unumstritten" as "undisputed".
ENGLISH_UN_WORD = re.compile(r"\b(?:un|in|non-?)(?!der|til|ion|it|ivers|ique|iform|us\b|ited|to\b|side|"
                             r"clud|crea|dex|form|vest|terest|ternation|tend|stitut|dustr|fluen|cid|"
                             r"itia|jur|sur|spect|stall|tegr|telli|ten|ter|to)\w{4,}")
EARLY = re.compile(r"\balready\b|\bas early as\b|\bas soon as\b")
# "nicht bestritten" (did not deny) as "denied", "konnte nicht verhindern" as "prevented": a verb that
# negates, itself negated in the German.
NEGATED_DENIAL = re.compile(r"\b(?:nicht|nie|niemals|kaum)\b[^,;.]{0,40}(?:bestreit|bestritt|dementier|"
                            r"abgelehnt|ablehn|verweiger|verhinder|zurückgewiesen|zurückweis)")
ENGLISH_DENIAL = re.compile(r"\bden(?:y|ies|ied|ial)\b|\breject|\brefus|\bprevent|\bruled? out|\brebuff")
# "muss nicht" is "need not", "must not" is "darf nicht".
NEED_NOT = re.compile(r"\b(?:muss|müssen|musst|müsst|musste|mussten)\b[^,;.]{0,40}\bnicht\b|"
                      r"\bnicht\b[^,;.]{0,40}\b(?:muss|müssen|musst|müsst|musste|mussten)\b")
MUST_NOT = re.compile(r"\bmust(?:n't| not)\b")
# "erst am Freitag" is "not until Friday" or "only on Friday", never "not on Friday".
ERST = re.compile(r"\berst\b")
ERST_RENDERED = re.compile(r"\buntil\b|\btill\b|\bbefore\b|\bonly\b|\bjust\b|\byet\b|\bnot for\b|"
                           r"\blater\b|\bat the earliest\b|\bfirst\b|\bfor (?:another|a further)\b|"
                           r"\bfor (?:\w+ ){0,2}(?:hours|days|weeks|months|years)\b")
# "so hoch wie nie zuvor" is "higher than ever", never "lower than ever": the idiom's direction.
# ("Nie zuvor wurden so viele Wölfe gezählt" too: "more wolves than ever".)
RECORD = re.compile(r"\bso (\w+?)e?[rsnm]? wie (?:noch )?(?:nie|seit [^,;.]{1,40}? nicht mehr)\b"
                    r"|\b(?:noch )?nie(?: zuvor)?\b[^,;.]{0,40}?\bso (\w+?)e?[rsnm]?\b")
GERMAN_UP = frozenset("hoch viel viele stark groß gut teuer warm heiß schnell oft lang alt früh".split())
GERMAN_DOWN = frozenset("niedrig tief wenig wenige schwach klein schlecht billig günstig kalt langsam selten "
                        "kurz jung spät".split())
ENGLISH_UP = re.compile(r"\b(?:more|most|higher|highest|greater|greatest|stronger|strongest|larger|largest|"
                        r"bigger|biggest|better|best|warmer|warmest|hotter|hottest|faster|fastest|longer|"
                        r"longest|older|oldest|earlier|earliest|record high|peak|surg\w*|soar\w*)\b")
ENGLISH_DOWN = re.compile(r"\b(?:fewer|fewest|less|least|lower|lowest|smaller|smallest|weaker|weakest|worse|"
                          r"worst|cheaper|cheapest|colder|coldest|slower|slowest|rarer|shorter|shortest|"
                          r"younger|later|latest|record low|slump\w*|plung\w*)\b")
COMPARED_WITH_EVER = re.compile(r"\bthan ever\b|\bthan at any\b|\brecord\b")
# A German -los word ("erfolglos") is "without ..." in English.
GERMAN_LACKING = re.compile(r"\w{3,}los(?:e[nmrs]?)?\b")
ENGLISH_ADDITIVE = re.compile(r"\bnot only\b|\bnot just\b|\bas well as\b|\balso\b|\btoo\b|\bbut\b|\bboth\b|"
                              r"\balongside\b|\bin addition\b|\bbesides\b|\bmore than\b|\beven\b")


def negation_flag(german: str, english: str) -> Flag | None:
    """A negation of the German with none in the English (the sentence may say the opposite), one in the
    English with none in the German, an idiom, a negating verb, "muss nicht", "erst" or a record turned
    round."""
    lower_de, lower_en = german.lower(), english.lower()
    without_idioms = GERMAN_NOT_NEGATING.sub(" ", lower_de)
    de = GERMAN_NEGATION.findall(without_idioms)
    en = ENGLISH_NEGATION.findall(ENGLISH_NOT_NEGATING.sub(" ", lower_en))
    softened = bool(ENGLISH_NEGATIVE_WORDS.search(lower_en))
    if de and not en and not softened:
        return Flag("negation", f"the German negates (“{de[0]}”) and the English does not: it may say "
                                "the opposite")
    # "Ohne Zustimmung kann das Gesetz nicht in Kraft treten" as "can enter into force without approval".
    if "ohne" in de and len(de) > len(en) and set(en) == {"without"} and not softened:
        return Flag("negation", f"the German negates {len(de)} times (“{', '.join(de)}”), the English only "
                                "with “without”")
    if len(de) >= len(en) + 2 and not softened:
        return Flag("negation", f"the German negates {len(de)} times (“{', '.join(de)}”), the English "
                                f"{len(en)} times")
    # ("nicht nur" holds a "nur", but no negation the English may carry.)
    negative_german = bool(GERMAN_NEGATIVE_WORDS.search(without_idioms)
                           or GERMAN_NOT_NEGATING.search(lower_de))
    if en and not de and not negative_german and not (
            set(en) == {"without"} and GERMAN_LACKING.search(lower_de)):
        return Flag("negation", f"the English negates (“{en[0]}”) and the German does not")
    if not de and en and GERMAN_NOT_NEGATING.search(lower_de) \
            and not GERMAN_NEGATIVE_WORDS.search(without_idioms):
        allowed = {word for idiom, words in IDIOM_NEGATIONS.items() if re.search(idiom, lower_de)
                   for word in words}
        if not set(en) <= allowed:
            return Flag("negation", f"the English negates (“{en[0]}”) where the German's idiom does not")
    if re.search(NOT_UN, lower_de) and not en and ENGLISH_UN_WORD.search(lower_en) \
            and not re.search(r"\bavoid|\brefrain|\bprevent|\bwithout\b", lower_en):
        return Flag("negation", "“nicht un…” (not un-) lost its “not”: the English says the opposite")
    lost = unrendered(NEGATIVE_RENDERINGS, lower_de, lower_en)
    if lost:
        return Flag("negation", f"“{lost[0]}” ({lost[1]}) is not rendered: the English may say the opposite")
    if NOT_ALL.search(lower_de) and not NOT_ALL_RENDERED.search(lower_en):
        return Flag("negation", "“nicht alle” (not all) became all or none")
    if re.search(r"\bnicht nur\b", lower_de) and re.search(r"\brather than\b|\binstead of\b", lower_en) \
            and not ENGLISH_ADDITIVE.search(lower_en):
        return Flag("negation", "“nicht nur” (not only) became “rather than”")
    if not de and DOUBLE_NEGATIVE.search(lower_en):
        return Flag("negation", "the English negates a denial or refusal that the German states")
    if re.search(r"\bnicht nur\b", lower_de) and re.search(r"\bonly\b", lower_en) \
            and not ENGLISH_ADDITIVE.search(lower_en):
        return Flag("negation", "“nicht nur” (not only) became “only”")
    if NEGATED_DENIAL.search(lower_de) and not en and ENGLISH_DENIAL.search(lower_en):
        return Flag("negation", "the German says it was not denied or prevented; the English says it was")
    if NEED_NOT.search(lower_de) and MUST_NOT.search(lower_en):
        return Flag("negation", "“muss nicht” (need not) became “must not”")
    erst = ERST.search(lower_de)
    if not de and en and erst and not ERST_RENDERED.search(lower_en) \
            and not GERMAN_NEGATIVE_WORDS.search(ERST.sub(" ", lower_de)):
        return Flag("negation", "“erst” (not until) became a plain “not”")
    record = RECORD.search(lower_de)
    # ("nie zuvor so viele" kept as "never so many" keeps its direction whatever else the sentence says.)
    direction = record and (record.group(1) or COMPARED_WITH_EVER.search(lower_en) and record.group(2))
    up, down = ENGLISH_UP.search(lower_en), ENGLISH_DOWN.search(lower_en)
    if direction in GERMAN_UP and down and not up or direction in GERMAN_DOWN and up and not down:
        return Flag("negation", f"“{record.group(0)}” (a record) is turned the other way round")
    if erst and EARLY.search(lower_en) and not re.search(r"\b(?:bereits|schon)\b", lower_de):
        return Flag("negation", "“erst” (not until, only) became “already”")
    return None
