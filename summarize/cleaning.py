"""Pure: the lines of a scraped page -> title, article paragraphs, and removed lines with reasons.

Each non-blank line is judged in three passes, the way jusText judges HTML paragraphs:
1. patterns: named furniture patterns (ads, credits, comment widgets, ...) decide a line outright;
2. features: length, share of German function words and sentence punctuation mark the rest as
   "good" (prose) or "short" (could be a subheading, could be furniture);
3. context: captions are found by the credit that follows them, furniture blocks run to the next
   blank line, the headline and its kicker are found at the top, and short lines are judged by the
   line they introduce.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .records import Cleaned, Paragraph, RemovedLine

# Photo and news agencies whose names make up credit lines and agency tags.
AGENCIES = (
    r"dpa|afp|ap|apa|ots|reuters|keystone|sda|kna|epd|ddp|dapd|epa|efe|ansa|tass|kcna|kns|xinhua|yonhap"
    r"|imago(?:[ -]images)?|getty(?:\s*images)?|picture[ -]alliance|picturedesk(?:\.com)?|sputnik"
    r"|shutterstock|istock(?:photo)?|adobe\s*stock|photothek|action\s*press|eibner|gepa|freshfocus"
    r"|ullstein(?:\s*bild)?|afp/getty|zvg|uncredited|red|sid|kyodo|anp|belga|ap\s*photo"
)

# A whole line that is a photo credit: "Foto: dpa", "REUTERS", "Karl Schöndorfer / picturedesk.com".
CREDIT_LINE = re.compile(
    rf"""^(?:
        (?:foto|fotos|bild|bilder|quelle|video|grafik|illustration|credit)s?\s*:.{{0,80}}   # "Foto: ..."
      | (?:(?:{AGENCIES})\b[\s/,.-]*)+                                            # "REUTERS", "dpa/AFP"
      | ©.{{0,40}}[a-z]\s*/\s*[A-ZÄÖÜ][a-zäöüß].{{0,40}}                          # "© GEPA pictures/Mario K."
      | [\w.' -]{{2,40}}\s*/\s*(?:{AGENCIES}).{{0,40}}                            # "Name / picturedesk.com"
      | [A-ZÄÖÜ][\w.-]{{1,20}}\s*/\s*[A-ZÄÖÜ][\w.-]+(?:\s+[A-ZÄÖÜ][\w.-]+){{0,2}} # "ORF/Markus Steiner"
      | (?:https?://|www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|de|at|ch|net|org)(?:/\S*)?     # "instagram.com/name"
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A copyright line closes a page (or an agency's wire copy): "© Euronews", "© dpa-infocom, dpa:2403...".
COPYRIGHT_LINE = re.compile(r"^(?:©|\(c\)|copyright\b).{0,100}$", re.I)

# A caption with its credit glued on: "... 2023. ©Vladimir Smirnov/Sputnik", "... (Archivbild) - Keystone",
# "...2023.Ahn Young-joon/Copyright 2023 The AP. All rights reserved.",
# "...Leitung.picture alliance / Anadolu".
CAPTION_WITH_CREDIT = re.compile(
    rf"""(?:
        ©                                                       # copyright sign anywhere in a caption
      | \bcopyright\b | all\ rights\ reserved
      | \((?:symbolbild|archivbild|archiv|archivfoto|symbolfoto)\)   # picture notes
      | \s[-–|/]\s*(?:{AGENCIES})\s*$                           # "... - Keystone" at the end
      | (?:{AGENCIES})\s*/\s*[A-ZÄÖÜ][\w.-]*(?:\s+[A-ZÄÖÜ][\w.-]*){{0,3}}\s*$   # "... IMAGO/Jochen Tack"
      | \b(?:foto|bild|quelle)\s*:\s*[^.!?]{{1,60}}$            # "... Foto: Name/Agency" at the end
      | ^legende\s*:                                            # a caption labelled as such
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Dates and times as bylines and page headers print them; a line that is little else is a date line.
DATE_OR_TIME = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b|\b\d{1,2}\.\s+[A-ZÄÖÜ][a-zä]+\s+\d{4}\b|\b\d{1,2}[:.]\d{2}(?:\s*uhr)?\b"
    r"|\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|heute|gestern|vor \d+ (?:minuten|stunden))\b",
    re.I,
)
DATE_LINE_WORDS = re.compile(
    r"\b(?:stand|aktualisiert|publiziert|veröffentlicht|erstellt|zuletzt"
    r"|online seit|update|uhr|am|um|seit)\b|[,:|·-]",
    re.I,
)
# "Von Miriam Koch, HR", "Von S. Winkler und M. Brandt", "Von Katrin Albers | 07.10.2024, 10:30 Uhr":
# names (capitalised words) after "Von", then nothing or a separator; "Von Montag an gilt ..." is prose.
NAMES = r"(?:[A-ZÄÖÜ][\w.'-]*\s*){1,3}"
BYLINE = re.compile(
    rf"^(?:von|by|text:|autor(?:in)?:|eine analyse von|ein kommentar von|ein gastbeitrag von)\s+"
    rf"(?:unserem\s+\w+\s+|unserer\s+\w+\s+)?{NAMES}(?:(?:und|&)\s+{NAMES})?(?:[,|/·].{{0,100}})?$",
    re.I,
)
# A live ticker's entry header: "17.05 Uhr: Fischmarkt unter Wasser" is content, not a date line.
TICKER_ENTRY = re.compile(r"^\d{1,2}[.:]\d{2}(?:\s*uhr)?\s*[:–-]\s*\S+\s+\S+", re.I)
READING_TIME = re.compile(r"^(?:lesezeit|lesedauer|hördauer)\b|^\d+\s*min(?:\.|uten)?(?:\s+lesezeit)?$", re.I)

# Patterns that decide a line outright, in order; the name is the reason shown to users.
FURNITURE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ad slot", re.compile(
        r"^(?:anzeige|werbung|ad|ads|advertisement|sponsored|promotion|kurze werbeeinblendung"
        r"|weiter nach der werbung|artikel wird nach der werbung fortgesetzt)$"
        r"|^(?:anzeige|werbung)\s*[|:·]|^\*werbung\b|weiterlesen nach der (?:anzeige|werbung)", re.I)),
    # An affiliate link or its footnote is marked with an asterisk.
    ("affiliate link or footnote", re.compile(r"^(?=.{0,200}$).*\*$|^\*\s*\w", re.I)),
    ("external content embed", re.compile(
        r"^externer? inhalt$|inhalte? (?:von [\w.-]+ )?(?:anzeigen|zulassen|laden)\b|^immer erlauben$"
        r"|^(?:instagram|twitter|x|youtube|facebook|tiktok|bluesky|podcast)-(?:inhalt|beitrag|post)$"
        r"|externe inhalte|ihre zustimmung.{0,60}(?:inhalt|eingebunden)", re.I)),
    ("comment widget", re.compile(
        r"^(?:\d+\s+)?(?:kommentare?|postings?|leserkommentare)(?:\s*\(\d+\))?$|noch keine kommentare"
        r"|kommentar (?:verfassen|schreiben)|an der (?:unterhaltung|diskussion) teilnehmen|zu den kommentaren"
        r"|^bitte (?:einloggen|anmelden)|^(?:jetzt )?(?:einloggen|anmelden|registrieren)\b.{0,60}$"
        r"|melden sie sich an|melde dich an|diskutieren sie mit|community-richtlinien|kommentarfunktion"
        r"|^zum forum\b.{0,30}$", re.I)),
    ("poll", re.compile(r"^umfrage\b|^abstimmen$|^\d[\d.]*\s+stimmen$|^jetzt abstimmen", re.I)),
    ("gallery teaser", re.compile(
        r"^(?:gehe zur galerie|zur (?:bilder)?galerie|(?:bilder)?galerie(?: ansehen| öffnen)?|alle bilder)$"
        r"|^\d+\s+bilder$|^\d+\s*/\s*\d+$", re.I)),
    ("audio or video player", re.compile(
        r"^[▶►]?\s*(?:audio|video|podcast)(?:\s+(?:laden|abspielen|starten|ansehen))?$", re.I)),
    ("counter or page number", re.compile(r"^\d+$")),
    ("related articles", re.compile(
        r"^(?:mehr zum thema|mehr zu diesem thema|lesen sie (?:auch|mehr)|das könnte sie auch interessieren"
        r"|ähnliche artikel|weitere artikel|auch interessant|empfehlungen|zum thema|mehr aus|verwandte themen"
        r"|weitere meldungen|meistgelesen(?:e artikel)?|top-themen|mehr aktuelle news|news-ticker)\b.{0,100}$"
        r"|^mehr\s+[\w-]+:?$", re.I)),
    ("navigation", re.compile(
        r"^schaltfläche\b|zurück zum anfang|^nach oben$|^startseite\b|^(?:[\w-]+\s*[>»›/]\s*){2,}[\w -]+$"
        r"|^(?:[^>»›.!?]{1,30}[>»›]\s*){2,}[^>»›.!?]{1,30}$",
        re.I)),
    ("metadata box", re.compile(
        r"^(?:details zur meldung|artikel-?informationen|infobox|infos?|zur person|steckbrief|fakten"
        r"|über (?:den|die) autor(?:in)?)$", re.I)),
    ("cookie notice", re.compile(
        r"^(?=.*\bcookies?\b)(?=.*(?:verwende|nutz|akzeptier|zustimm|einverstanden|einstellung))"
        r"|^(?:einverstanden|akzeptieren|alle akzeptieren|ablehnen|einstellungen|cookie-einstellungen)$"
        r"|^mehr erfahren\b.{0,30}$", re.I)),
    ("byline or date", BYLINE),
    ("reading time", READING_TIME),
    ("share or listen button", re.compile(
        r"^(?:artikel\s+)?(?:teilen|merken|drucken|anhören|hören|vorlesen|speichern|link kopieren"
        r"|verschenken)(?:\s*[|·]\s*\w+)*$|^(?:liveblog|ticker|seite) aktualisieren$"
        r"|^(?:ältere|weitere|mehr) (?:einträge|beiträge)(?: laden| anzeigen)?$|^(?:jetzt )?live verfolgen$"
        r"|öffnen$", re.I)),
    ("subscription or paywall", re.compile(
        r"^(?=.{0,160}$).*(?:\bnewsletter\b|abonnieren|\babo\b|abonnent|weiterlesen mit|jederzeit kündbar"
        r"|im ersten monat|jetzt testen|\bplus$|[a-z]\+$|e-mail-adresse|journalismus braucht"
        r"|aus unserem angebot|in ihr(?:em)? postfach|kostenlosen artikel)", re.I)),
    ("app or social media prompt", re.compile(
        r"^(?=.{0,200}$).*(?:(?:whatsapp|telegram)-kanal|folgen sie uns|app\b.*herunterladen|push-nachrichten"
        r"|jetzt .*herunterladen|push-benachrichtigung|schick(?:en sie)? uns\b)", re.I)),
    ("disclaimer or source note", re.compile(
        r"^\*?hinweis:.*|anlageberatung|^mit material von\b|^dieses thema im programm"
        r"|^(?:red|redaktion)\b.{0,40}$", re.I)),
    ("agency tag", re.compile(rf"^\((?:[\w-]+,\s*)*(?:{AGENCIES})(?:[,/]\s*[\w-]+)*\)$", re.I)),
    ("author bio", re.compile(
        r"^[A-ZÄÖÜ][\w-]+ [A-ZÄÖÜ][\w-]+ (?:ist|arbeitet als|schreibt als)\b.{0,60}"
        r"(?:redakteur|redaktorin|korrespondent|autor|reporter|journalist|ressort|leiter)"
        r"|^alle artikel von\b|^(?:dem|der) autor(?:in)? folgen$", re.I)),
    ("interface control", re.compile(
        r"^(?=.{0,60}$)(?:\S+\s+){0,4}(?:laden|aktualisieren|anzeigen|erlauben|melden|bewerten|öffnen|ansehen"
        r"|abspielen|zuerst|vergleichen)[.!]?$", re.I)),
    ("photo credit", CREDIT_LINE),
    ("copyright line", COPYRIGHT_LINE),
    ("photo caption with credit", CAPTION_WITH_CREDIT),
)

# Lines after which, up to the next blank line, everything belongs to the same piece of furniture
# (a gallery teaser, a comment widget, a related-links list, a metadata box, a poll, a player).
BLOCK_STARTERS = frozenset({
    "comment widget", "gallery teaser", "related articles", "metadata box", "poll", "audio or video player",
    "external content embed",
})

# Tags glued together by the scraper: "RusslandTechnologieUkraine". German compounds never have
# capitals inside a word, so a lower-case letter followed by a capital in one token joins two tags.
GLUED_TAGS = re.compile(r"^(?=\S*[a-zäöüß][A-ZÄÖÜ])[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]+$")
# Tag lines as some outlets print them: all lower case, which German prose never is.
LOWERCASE_TAGS = re.compile(r"^[a-zäöüß]+(?:[ -][a-zäöüß]+){0,3}$")

# Tags or menu entries separated by bars or dots: "Polizei | Verkehr | Unfälle", "Münster · Verkehr · Rad".
SEPARATED_TAGS = re.compile(r"^[^.!?|·•]{1,40}(?:\s[|·•]\s[^.!?|·•]{1,40}){2,}$")
# A short line all in capitals: a kicker or badge ("DRAMA AM BAGGERSEE", "LIVE"); never German prose.
CAPITALS_LINE = re.compile(r"^(?=.*[A-ZÄÖÜ]{2})[A-ZÄÖÜ0-9 !?:&+-]{2,40}$")
DATA_WIDGET_MAX_CHARS = 40

# Complete tags, and a broken opening tag glued to the next word ("<pAnalysten").
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
BROKEN_TAG = re.compile(r"</?(?:p|div|span|strong|em|b|i|u|br|a|li|ul|ol|h[1-6])(?=[A-ZÄÖÜ„\"«])")
HTML_LINK = re.compile(r"<a\s[^>]*href|https?://", re.I)
# Agency tag closing a paragraph: "(afp/er)", "(dpa)", "(sda/APA)".
TRAILING_AGENCY_TAG = re.compile(rf"\s*\((?:{AGENCIES})(?:/[a-z]{{1,5}})*\)\s*$", re.I)
BULLET = re.compile(r"^[•·▪●◦‣*–-]\s+")
# An agency in a dateline: "Hannover (dpa) - Ein Lastwagen ..." keeps "Hannover – Ein Lastwagen ...".
DATELINE_AGENCY = re.compile(rf"^([A-ZÄÖÜ][\w./ -]{{1,40}}?)\s*\((?:{AGENCIES})"
                             rf"(?:/[a-z]{{1,5}})*\)\s*[-–—]\s*", re.I)

SENTENCE_END = re.compile(r"[.!?…:“\"»«)]$")
# Common German function words: prose has many, furniture has few.
FUNCTION_WORDS = frozenset(
    "der die das den dem des ein eine einer einem einen eines und oder aber sondern denn dass weil wenn als"
    " ob wie in im ins an am auf aus bei mit nach von vom zu zum zur für über unter vor hinter zwischen"
    " durch gegen ohne um bis seit während wegen ist sind war waren wird werden wurde wurden hat haben"
    " hatte hatten sein kann können soll sollen will wollen muss müssen nicht auch noch schon nur sich es"
    " er sie wir ihr ihm ihn ihre seine sein man so sehr mehr dies diese dieser dieses damit dabei dort"
    " hier jetzt bereits zudem doch".split()
)

# The most frequent function words of languages a German outlet's page may also be written in.
OTHER_FUNCTION_WORDS = {
    "en": frozenset("the of and to in is that for it with as was on be by at this are from have has not but"
                    .split()),
    "fr": frozenset("le la les de des du et est une un dans pour que qui sur pas au aux avec ce il elle"
                    .split()),
    "it": frozenset("il lo la gli le di del della che e è un una per non con sono nel alla".split()),
    "es": frozenset("el los las de del que y es un una por con para no se su al lo como".split()),
}
MIN_LANGUAGE_SHARE = 0.08

GOOD_MIN_CHARS = 60
GOOD_MIN_FUNCTION_SHARE = 0.15
HEADLINE_WORDS = (3, 20)
LIST_ITEM_MIN_WORDS = 4


@dataclass
class _Line:
    number: int
    raw: str
    text: str  # repaired
    verdict: str = ""  # "furniture", "good" or "short"
    reason: str = ""


def repair(text: str) -> str:
    """Remove HTML tags and entities, agency tags and bullets; normalise whitespace."""
    text = html.unescape(HTML_TAG.sub(" ", BROKEN_TAG.sub("", text)))
    text = TRAILING_AGENCY_TAG.sub("", text)
    text = DATELINE_AGENCY.sub(r"\1 – ", " ".join(text.split()))
    return BULLET.sub("", text)


def _letter_share(text: str) -> float:
    return sum(c.isalpha() for c in text) / max(1, len(text.replace(" ", "")))


def _is_data_widget(text: str) -> bool:
    """Scores, tables, prices: "2 : 1", "Ballbesitz 54 % – 46 %", "1. SV Lindhorst 58", "DAX 18.384,35"."""
    if len(text) <= DATA_WIDGET_MAX_CHARS and _letter_share(text) < 0.5:
        return True
    tokens = text.split()
    numeric = sum(bool(re.search(r"\d", token)) or token in ("%", "€") for token in tokens)
    return len(text) <= 120 and numeric / len(tokens) >= 0.4 and function_word_share(text) < 0.1


def _is_date_line(text: str) -> bool:
    """A date or time with little else: "Stand: 11.03.2024 18:32 Uhr", "12.01.2024, 06:58", "16:47 Uhr"."""
    if not DATE_OR_TIME.search(text) or len(text) > 80 or TICKER_ENTRY.match(text):
        return False
    rest = DATE_LINE_WORDS.sub(" ", DATE_OR_TIME.sub(" ", text))
    return len(re.findall(r"[A-Za-zÄÖÜäöüß]{2,}", rest)) <= 3 and not text.endswith(".")


def function_word_share(text: str, function_words: frozenset[str] = FUNCTION_WORDS) -> float:
    words = re.findall(r"[A-Za-zÄÖÜäöüßàâçéèêëîïôûùœ]+", text)
    if not words:
        return 0.0
    return sum(word.lower() in function_words for word in words) / len(words)


def language_guess(text: str) -> str:
    """"de", or the code of the language whose function words the text uses more than German's ("en", "fr",
    "it", "es"); "unknown" when it has too few of any. Good enough to tell a page is not German."""
    shares = {code: function_word_share(text, words) for code, words in OTHER_FUNCTION_WORDS.items()}
    shares["de"] = function_word_share(text)
    best = max(shares, key=lambda code: shares[code])
    return best if shares[best] >= MIN_LANGUAGE_SHARE else "unknown"


def clean(text: str) -> Cleaned:
    """Judge every line of a page; return the title, the kept paragraphs and the removed lines."""
    lines = [
        _Line(number, raw, repair(raw))
        for number, raw in enumerate(text.split("\n"), start=1)
    ]
    content = [line for line in lines if line.text]
    for line in content:
        _judge_alone(line)
    _mark_captions(content)
    _mark_blocks(lines)
    title = _find_title(content)
    _judge_short_lines(content)

    paragraphs = tuple(
        Paragraph(line.number, line.text, list_item=bool(BULLET.match(line.raw.strip())))
        for line in content
        if line.verdict != "furniture" and line is not title
    )
    removed = tuple(
        RemovedLine(line.number, line.raw, line.reason) for line in content if line.verdict == "furniture"
    )
    return Cleaned(
        title=title.text if title else None,
        title_line=title.number if title else None,
        paragraphs=paragraphs,
        removed=removed,
    )


def _furniture(line: _Line, reason: str) -> None:
    line.verdict, line.reason = "furniture", reason


def _judge_alone(line: _Line) -> None:
    text = line.text
    for reason, pattern in FURNITURE_PATTERNS:
        if pattern.search(text):
            return _furniture(line, reason)
    if GLUED_TAGS.match(text) or LOWERCASE_TAGS.match(text) or SEPARATED_TAGS.match(text):
        return _furniture(line, "tag list or navigation")
    if _is_date_line(text):
        return _furniture(line, "byline or date")
    if _is_data_widget(text):
        return _furniture(line, "data widget (scores, prices, temperatures)")
    if CAPITALS_LINE.match(text):
        return _furniture(line, "kicker in capitals")
    if len(HTML_LINK.findall(line.raw)) and len(text) < 2 * GOOD_MIN_CHARS:
        return _furniture(line, "link")
    if len(text) >= GOOD_MIN_CHARS and function_word_share(text) >= GOOD_MIN_FUNCTION_SHARE:
        line.verdict = "good"
    elif BULLET.match(line.raw.strip()) and len(text.split()) >= LIST_ITEM_MIN_WORDS:
        line.verdict = "good"  # an item of the outlet's own key points
    else:
        line.verdict = "short"


def _mark_captions(content: list[_Line]) -> None:
    """The line right above a credit line is its caption, and so is an identical copy just above it."""
    for i, line in enumerate(content):
        if line.reason != "photo credit" or i == 0:
            continue
        j = i - 1
        caption = content[j]
        if caption.number != line.number - 1 or caption.verdict == "furniture" or len(caption.text) > 300:
            continue  # a credit after a blank line closes the page, it does not caption the paragraph
        if TRAILING_AGENCY_TAG.search(caption.raw):
            continue  # wire copy closing with "(APA)": the credit below is the agency's, not a photo's
        while j >= 0 and content[j].text == caption.text:
            _furniture(content[j], "photo caption (followed by a credit)")
            j -= 1


def _mark_blocks(lines: list[_Line]) -> None:
    """A block starter takes every following line up to the next blank line with it."""
    starter = ""
    for line in lines:
        if not line.text:
            starter = ""
        elif line.reason in BLOCK_STARTERS:
            starter = line.reason
        elif starter and line.verdict != "furniture":
            _furniture(line, f"{starter} (same block)")


def _find_title(content: list[_Line]) -> _Line | None:
    """The headline is the longest headline-shaped line before the body starts; shorter lines above it
    are kickers and rubrics. A page that starts with prose has no headline line."""
    candidates: list[_Line] = []
    for line in content:
        if line.verdict == "furniture":
            continue
        if (line.text.endswith(".") or len(line.text.split()) > HEADLINE_WORDS[1]
                or BULLET.match(line.raw.strip())):
            break  # prose or a list: the body has begun
        candidates.append(line)
    headlines = [line for line in candidates if len(line.text.split()) >= HEADLINE_WORDS[0]]
    if not headlines:
        return None
    title = max(headlines, key=lambda line: (len(line.text.split()), -line.number))
    for kicker in candidates:
        if kicker.number < title.number:
            _furniture(kicker, "kicker or rubric above the headline")
    title.verdict = "title"
    return title


def _judge_short_lines(content: list[_Line]) -> None:
    """A short line is kept when it introduces article text (a subheading, a list heading)."""
    for i in reversed(range(len(content))):
        line = content[i]
        if line.verdict != "short":
            continue
        following = next((later for later in content[i + 1:]), None)
        if line.text.endswith((".", "!", "?", "“", '"', "»")) and len(line.text.split()) >= 4:
            line.verdict = "good"  # a short sentence is prose
        elif following is not None and following.verdict in ("good", "short-kept"):
            line.verdict = "short-kept"
        else:
            _furniture(line, "short line not followed by article text")
