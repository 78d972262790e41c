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

# A whole line that is a credit: "Foto: dpa", "REUTERS", "Karl Schöndorfer / picturedesk.com".
CREDIT_LINE = re.compile(
    rf"""^(?:
        (?:foto|fotos|bild|bilder|quelle|video|grafik|illustration|credit)s?\s*:.{{0,80}}   # "Foto: ..."
      | ©.{{0,80}}                                                                     # "© Euronews"
      | (?:(?:{AGENCIES})\b[\s/,.-]*)+                                                 # "REUTERS", "dpa/AFP"
      | [\w.' -]{{2,40}}\s*/\s*(?:{AGENCIES}).{{0,40}}                                 # "Name / picturedesk.com"
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# A caption with its credit glued on: "... 2023. ©Vladimir Smirnov/Sputnik", "... (Archivbild) - Keystone",
# "...2023.Ahn Young-joon/Copyright 2023 The AP. All rights reserved."
CAPTION_WITH_CREDIT = re.compile(
    rf"""(?:
        ©                                                       # copyright sign anywhere in a caption
      | \bcopyright\b | all\ rights\ reserved
      | \((?:symbolbild|archivbild|archiv|archivfoto|symbolfoto)\)   # picture notes
      | \s[-–|/]\s*(?:{AGENCIES})\s*$                           # "... - Keystone" at the end
      | \b(?:foto|bild|quelle)\s*:\s*[^.!?]{{1,60}}$            # "... Foto: Name/Agency" at the end
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Patterns that decide a line outright, in order; the name is the reason shown to users.
FURNITURE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ad slot", re.compile(
        r"^(?:anzeige|werbung|ad|ads|advertisement|sponsored|promotion|kurze werbeeinblendung"
        r"|weiter nach der werbung|artikel wird nach der werbung fortgesetzt)$", re.I)),
    ("comment widget", re.compile(
        r"^(?:\d+\s+)?kommentare?$|noch keine kommentare|kommentar (?:verfassen|schreiben)"
        r"|an der (?:unterhaltung|diskussion) teilnehmen|zu den kommentaren|^bitte (?:einloggen|anmelden)"
        r"|^(?:jetzt )?(?:einloggen|anmelden|registrieren)\b.{0,60}$", re.I)),
    ("counter or page number", re.compile(r"^\d+(?:\s*/\s*\d+)?$")),
    ("gallery teaser", re.compile(
        r"^(?:gehe zur galerie|zur (?:bilder)?galerie|(?:bilder)?galerie(?: ansehen| öffnen)?|alle bilder)$"
        r"|^\d+\s+bilder$", re.I)),
    ("related articles", re.compile(
        r"^(?:mehr zum thema|lesen sie (?:auch|mehr)|das könnte sie auch interessieren|ähnliche artikel"
        r"|weitere artikel|auch interessant|empfehlungen|zum thema|mehr aus|verwandte themen"
        r"|weitere meldungen|meistgelesen)\b.{0,100}$", re.I)),
    ("navigation", re.compile(
        r"^schaltfläche\b|zurück zum anfang|^nach oben$|^startseite\b|^(?:[\w-]+\s*[>»›]\s*){2,}[\w -]+$",
        re.I)),
    ("metadata box", re.compile(r"^(?:details zur meldung|artikel-?informationen|infobox)$", re.I)),
    ("photo credit", CREDIT_LINE),
    ("photo caption with credit", CAPTION_WITH_CREDIT),
)

# Lines after which, up to the next blank line, everything belongs to the same piece of furniture
# (a gallery teaser, a comment widget, a related-links list, a metadata box).
BLOCK_STARTERS = frozenset({"comment widget", "gallery teaser", "related articles", "metadata box"})

# Tags glued together by the scraper: "RusslandTechnologieUkraine". German compounds never have
# capitals inside a word, so a lower-case letter followed by a capital in one token joins two tags.
GLUED_TAGS = re.compile(r"^(?=\S*[a-zäöüß][A-ZÄÖÜ])[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]+$")
# Tag lines as some outlets print them: all lower case, which German prose never is.
LOWERCASE_TAGS = re.compile(r"^[a-zäöüß]+(?:[ -][a-zäöüß]+){0,3}$")

# Complete tags, and a broken opening tag glued to the next word ("<pAnalysten").
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
BROKEN_TAG = re.compile(r"</?(?:p|div|span|strong|em|b|i|u|br|a|li|ul|ol|h[1-6])(?=[A-ZÄÖÜ„\"«])")
HTML_LINK = re.compile(r"<a\s[^>]*href|https?://", re.I)
# Agency tag closing a paragraph: "(afp/er)", "(dpa)", "(sda/APA)".
TRAILING_AGENCY_TAG = re.compile(rf"\s*\((?:{AGENCIES})(?:/[a-z]{{1,5}})*\)\s*$", re.I)
BULLET = re.compile(r"^[•·▪●◦‣*–-]\s+")

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

GOOD_MIN_CHARS = 60
GOOD_MIN_FUNCTION_SHARE = 0.15
HEADLINE_WORDS = (3, 20)
KICKER_MAX_WORDS = 3


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
    text = BULLET.sub("", " ".join(text.split()))
    return text


def function_word_share(text: str) -> float:
    words = re.findall(r"[A-Za-zÄÖÜäöüß]+", text)
    if not words:
        return 0.0
    return sum(word.lower() in FUNCTION_WORDS for word in words) / len(words)


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
        Paragraph(line.number, line.text)
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
    if GLUED_TAGS.match(text) or LOWERCASE_TAGS.match(text):
        return _furniture(line, "tag list")
    if len(HTML_LINK.findall(line.raw)) and len(text) < 2 * GOOD_MIN_CHARS:
        return _furniture(line, "link")
    if len(text) >= GOOD_MIN_CHARS and function_word_share(text) >= GOOD_MIN_FUNCTION_SHARE:
        line.verdict = "good"
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
    """The headline is the first headline-shaped line before the body; short lines above it are kickers."""
    above: list[_Line] = []
    for line in content:
        if line.verdict == "furniture":
            continue
        words = len(line.text.split())
        if line.text.endswith(".") or words > HEADLINE_WORDS[1]:
            return None  # the page starts with prose: no headline line
        if words >= HEADLINE_WORDS[0]:
            for kicker in above:
                _furniture(kicker, "kicker or rubric above the headline")
            line.verdict = "title"
            return line
        above.append(line)
    return None


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
