"""Named furniture patterns: what a single line of a page says about itself (ads, credits, comment
widgets, share bars, ...). Each pattern's name is the reason shown to users; a hit is strong evidence
for the line model and, inside the article, a veto."""

from __future__ import annotations

import html
import re

from ..lexicon import function_word_share

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
        \(?\s*(?:(?:titel)?bild|bilder|fotos?|(?:bild|foto)?quelle|video|grafik|illustration|credit)s?\s*:.{{0,80}}
                                                          # "Foto: ..", "Bildquelle: ..", "(Credits: ..)"
      | [^.!?]{{0,30}}\(screenshot\)                                             # "Instagram (Screenshot)"
      | screenshot(?:\s*[:,/]\s*|\s+(?:aus|von|via)\s+)[^.!?]{{1,40}}             # "Screenshot,Strava"
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
CAPTION_MARK = re.compile(
    r"©|\bcopyright\b|all rights reserved"                                  # anywhere in a caption
    r"|\((?:symbolbild|archivbild|archiv|archivfoto|symbolfoto)\)"              # picture notes
    r"|^legende\s*:"                                                           # a caption labelled as such
    r"|\bphoto(?:grapher)?\s*(?:by\b|:)|\bvia (?:getty|unsplash|imago|shutterstock|pixabay)"  # stock credits
    r"|\bon unsplash\b|\b(?:unsplash|pixabay|pexels)$",
    re.IGNORECASE,
)
# A credit glued to a caption's end, found from the separator before it (searching every position of a
# long line for an agency name is what made cleaning slow): "... - Keystone", "... IMAGO/Jochen Tack",
# "... Foto: Name/Agency".
AGENCY_ALONE = re.compile(rf"\s*(?:{AGENCIES})\s*", re.IGNORECASE)
AGENCY_BEFORE_SLASH = re.compile(rf"(?:{AGENCIES})\s*$", re.IGNORECASE)
NAMES_AFTER_SLASH = re.compile(r"\s*[A-ZÄÖÜ][\w.-]*(?:\s+[A-ZÄÖÜ][\w.-]*){0,3}\s*")
# (A credit may name a web address or an initial: "Bildquelle: auto-motor.at/Name", "Bild: S. Name"; or
# stand on the next line, a lynx dump wrapping it: "... haben einen guten Draht. Foto:".)
CREDIT_LABEL = re.compile(r"\b(?:fotos?|bild|(?:bild|foto)?quelle)\s*:\s*"
                          r"(?:[^.!?]|\.(?=\S)|(?<=\b[A-ZÄÖÜ])\.){0,60}$", re.IGNORECASE)
SEPARATOR = re.compile(r"\s[-–|/]")


class CaptionWithCredit:
    """A caption with its credit glued on: a mark anywhere, or a credit at its very end."""

    @staticmethod
    def search(text: str) -> bool:
        if CAPTION_MARK.search(text):
            return True
        separators = [m.end() for m in SEPARATOR.finditer(text, max(0, len(text) - 40))]
        if separators and AGENCY_ALONE.fullmatch(text, separators[-1]):
            return True
        slash = text.rfind("/")
        if slash > 0 and AGENCY_BEFORE_SLASH.search(text, max(0, slash - 30), slash) \
                and NAMES_AFTER_SLASH.fullmatch(text, slash + 1):
            return True
        lowered = text[-70:].lower()
        return any(label in lowered for label in ("foto", "bild", "quelle")) \
            and bool(CREDIT_LABEL.search(text, max(0, len(text) - 80)))


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
    rf"^(?:von|(?:übersetzt\s+)?von\s*:|by|text:|autor(?:in)?:|eine analyse von|ein kommentar von"
    rf"|ein gastbeitrag von)\s+"
    rf"(?:unserem\s+\w+\s+|unserer\s+\w+\s+)?{NAMES}(?:(?:und|&)\s+{NAMES})?(?:[,|/·].{{0,100}})?$",
    re.I,
)
# A live ticker's entry header: "17.05 Uhr: Fischmarkt unter Wasser" is content, not a date line.
TICKER_ENTRY = re.compile(r"^\d{1,2}[.:]\d{2}(?:\s*uhr)?\s*[:–-]\s*\S+\s+\S+", re.I)
READING_TIME = re.compile(r"^(?:lesezeit|lesedauer|hördauer)\b|^\d+\s*min(?:\.|uten)?(?:\s+lesezeit)?$", re.I)

# A reader-comment section opens with its heading or its form ("3 Kommentare zu <headline>", "2 Gedanken
# zu „<headline>“", "Kommentar hinzufügen", "Netiquette", "Diskussion (86 Beiträge)", "Deine E-Mail-Adresse
# wird nicht veröffentlicht"):
# on the real pages never above an article's last line, and the comments below it are prose by readers.
COMMENT_SECTION = re.compile(
    r"^\d+\s+(?:kommentare?|gedanken|antworten?|reaktionen|meinungen)\s+(?:zu|auf|zum|zur|für)\b"
    r"|^\d+\s+leser-?kommentare\b"
    r"|^(?:kommentar hinzufügen|schreiben sie einen kommentar|hinterlasse(?:n sie)? einen kommentar"
    r"|hier klicken, um das kommentieren abzubrechen"
    r"|(?:ihr|dein) kommentar:?(?:\s*\*)?$|leave a (?:comment|reply)|antworten abbrechen|netiquette"
    r"|leserkommentare"
    r"|kommentare sind (?:geschlossen|deaktiviert|bei diesem)|(?:deine|ihre) e-mail-adresse wird nicht"
    r" veröffentlicht|leave this field blank|diskussion \(\d+ beiträge\)$"
    r"|die diskussion ist (?:geöffnet|geschlossen))", re.I)

# Patterns that decide a line outright, in order; the name is the reason shown to users.
FURNITURE_PATTERNS: tuple[tuple[str, re.Pattern[str] | CaptionWithCredit], ...] = (
    ("ad slot", re.compile(
        r"^[-–—*\s]*(?:anzeige|werbung|ad|ads|advertisement|sponsored|promotion|kurze werbeeinblendung"
        r"|weiter nach der werbung|artikel wird nach der werbung fortgesetzt)[-–—*\s]*$"
        r"|^(?:anzeige|werbung)\s*[|:·]|^\*werbung\b|weiterlesen nach der (?:anzeige|werbung)", re.I)),
    # An affiliate link or its footnote is marked with an asterisk.
    ("affiliate link or footnote", re.compile(r"^(?=.{0,200}$).*\*$|^\*\s*\w", re.I)),
    ("external content embed", re.compile(
        r"^externer? inhalt$|inhalte? (?:von [\w.-]+ )?(?:anzeigen|zulassen|laden)\b|^immer erlauben$"
        r"|^(?:instagram|twitter|x|youtube|facebook|tiktok|bluesky|podcast)-(?:inhalt|beitrag|post)$"
        r"|externe inhalte|ihre zustimmung.{0,60}(?:inhalt|eingebunden)"
        r"|sieh dir diesen beitrag auf instagram an|view this post on instagram|a post shared by"
        r"|ein beitrag geteilt von"
        r"|(?:anzuzeigen|zu sehen|abzuspielen).{0,40}"
        r"(?:datenübermittlung|datenübertragung|datenweitergabe|zustimmen)", re.I)),
    ("comment widget", re.compile(
        r"^(?:\d+\s+|keine\s+)?(?:kommentare?|postings?|leserkommentare)(?:\s*\(\d+\))?$"
        r"|noch keine kommentare|kommentare deaktiviert für"  # the latter in a list of other articles
        r"|anzahl kommentare:"
        r"|kommentar (?:verfassen|schreiben)|an der (?:unterhaltung|diskussion) teilnehmen|zu den kommentaren"
        r"|^bitte (?:einloggen|anmelden)|^(?:jetzt )?(?:einloggen|anmelden|registrieren)\b.{0,60}$"
        r"|melden sie sich an|melde dich an|diskutieren sie mit|community-richtlinien|kommentarfunktion"
        r"|^zum forum\b.{0,30}$|^(?:jetzt )?kommentieren(?: sie)?(?: hier)?\b.{0,40}$", re.I)),
    # WordPress's comment heading, as German themes write it: "Graugans sagt: 31. Oktober 2023 um 15:15 Uhr";
    # a forum's, its member's name and since when they are one: "RockyRider66 dabei seit 12/2006".
    ("reader comment", re.compile(
        r"^\S{1,40}(?: \S{1,40}){0,3} (?:sagt|schreibt|meint|kommentiert):?\s+"
        r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}\.\s+[A-ZÄÖÜ][a-zä]+\s+\d{4}),?\s+(?:um\s+)?\d{1,2}[:.]\d{2}\b"
        r"|^\S{1,40} (?:dabei|mitglied) seit:? \d{1,2}/\d{4}\b",
        re.I)),
    # What a site tells a reader who logs in, registers or votes: "Vielen Dank für Ihre Registrierung.",
    # "Herzlich Willkommen! Loggen Sie sich in Ihrem Konto ein".
    ("login or account message", re.compile(
        r"^(?=.{0,200}$)(?:vielen dank für (?:ihre|deine)"
        r" (?:registrierung|anmeldung|bestellung|bewertung|stimme)"
        r"|(?:sie haben|du hast) (?:sich|dich) erfolgreich"
        r"|herzlich willkommen!|.*loggen sie sich in ihrem konto)",
        re.I)),
    ("poll", re.compile(r"^umfrage\b|^abstimmen$|^\d[\d.]*\s+stimmen$|^jetzt abstimmen", re.I)),
    ("gallery teaser", re.compile(
        r"^(?:gehe zur galerie|zur (?:bilder)?galerie|(?:bilder)?galerie(?: ansehen| öffnen)?|alle bilder)$"
        r"|^\d+\s+bilder$|^\d+\s*/\s*\d+$"
        # its hint to the reader: "Tipp: du kannst mit der Tastatur blättern"
        r"|^(?:tipp:\s*)?(?:du kannst|sie können) (?:auch )?mit (?:der|ihrer|deiner) tastatur blättern",
        re.I)),
    ("audio or video player", re.compile(
        r"^[▶►]?\s*(?:audio|video|podcast)(?:\s+(?:laden|abspielen|starten|ansehen))?$", re.I)),
    ("counter or page number", re.compile(r"^\d+$")),
    ("related articles", re.compile(
        r"\s\|\s*(?:mehr|audio|video)$"  # a teaser's link: "<headline> | mehr"
        r"|^(?:mehr zum thema|mehr zu diesem thema|lesen sie (?:auch|mehr|hier)|lies auch|schon gelesen"
        r"|lesetipps?"
        r"|das könnte (?:sie|dich|euch) auch (?:interessieren|gefallen)|passend zum thema|auch lesenswert"
        r"|ähnliche artikel|weitere artikel|auch interessant|empfehlungen|zum thema|mehr aus|verwandte themen"
        r"|weitere meldungen|(?:die )?meistgelesen(?:e|en)?(?: artikel)?|top-themen|mehr aktuelle news"
        r"|neueste (?:artikel|beiträge|meldungen|nachrichten)|news-?ticker)\b.{0,100}$"
        r"|^mehr\s+[\w-]+:?$"
        # another article's link under its teaser: "Weiterlesen über <headline>", "Zum Artikel <headline>"
        r"|^(?:weiterlesen (?:über|zu|auf|bei)|zum artikel)\s.{3,160}$", re.I)),
    ("navigation", re.compile(
        r"^schaltfläche\b|zurück zum anfang|^nach oben$|^startseite\b|^(?:[\w-]+\s*[>»›/]\s*){2,}[\w -]+$"
        r"|^(?:[^>»›.!?]{1,30}[>»›]\s*){2,}[^>»›.!?]{1,30}$",
        re.I)),
    # A drop-down menu printed on one line opens with its heading twice ("Politik Politik Landespolitik
    # ...", "Beauty & Lifestyle Beauty & Lifestyle Schminkschule ..."), however long the teasers in it are;
    # a kicker glued to a headline that repeats it is short ("Wurmkiste Wurmkiste selber bauen").
    # (An author box repeats a name before a verb: "Anna Berger Anna Berger lehrt ...".)
    # Or it closes with its button: "News Alle News Grand-Prix-Berichte ... schließen" (a headline ending on
    # the verb has fewer words).
    ("drop-down menu", re.compile(
        r"^((?:[A-ZÄÖÜ][\w&-]*|&)(?: (?:[A-ZÄÖÜ][\w-]*|&)){0,2}) \1 (?=[A-ZÄÖÜ0-9])(?:\S+ ){3}"
        r"|^(?:\S+ ){25,}(?i:schließen)$")),
    ("metadata box", re.compile(
        r"^(?:details zur meldung|artikel-?informationen|infobox|infos?|zur person|steckbrief|fakten"
        r"|über (?:den|die) autor(?:in)?)$", re.I)),
    ("cookie notice", re.compile(
        r"^(?=.*\bcookies?\b)(?=.*(?:verwende|nutz|akzeptier|zustimm|einverstanden|einstellung))"
        r"|^(?:einverstanden|akzeptieren|alle akzeptieren|ablehnen|einstellungen|cookie-einstellungen)$"
        r"|^mehr erfahren\b.{0,30}$"
        # A consent manager's own wording (Complianz): "Die technische Speicherung oder der Zugriff ist ..."
        r"|^die technische speicherung oder der (?:zugang|zugriff)\b", re.I)),
    ("byline or date", BYLINE),
    ("reading time", READING_TIME),
    ("share or listen button", re.compile(
        r"^(?:artikel\s+)?(?:teilen|merken|drucken|anhören|hören|vorlesen|speichern|link kopieren"
        r"|verschenken)(?:\s*[|·]\s*\w+)*$|^(?:liveblog|ticker|seite) aktualisieren$"
        r"|^(?:ältere|weitere|mehr) (?:einträge|beiträge)(?: laden| anzeigen)?$|^(?:jetzt )?live verfolgen$"
        # A share bar: nothing but networks and share verbs ("teilen tweeten mailen kommentieren pdf").
        r"|^(?:(?:teilen|tweeten|twittern|mailen|e-?mail|mail|per|drucken|print|pdf|download|facebook|twitter|x"
        r"|linkedin|xing|whatsapp|reddit|digg|pinterest|telegram|flipboard|threads|bluesky|mastodon"
        r"|kommentieren|forum|autor|kontaktieren|jetzt|artikel|link|kopieren|auf|bei|versenden|senden"
        r"|empfehlen|merken|speichern)[\s,|·:/]*){2,}$", re.I)),
    ("subscription or paywall", re.compile(
        r"^(?=.{0,160}$).*(?:\bnewsletter\b|abonnieren|\babo\b|abonnent|weiterlesen mit|jederzeit kündbar"
        r"|im ersten monat|jetzt testen|\bplus$|[a-z]\+$|e-mail-adresse|journalismus braucht"
        r"|aus unserem angebot|in ihr(?:em)? postfach|kostenlosen artikel|registrieren und\b"
        r"|und weiterlesen)", re.I)),
    ("app or social media prompt", re.compile(
        r"^(?=.{0,200}$).*(?:(?:whatsapp|telegram)-kanal|folgen sie uns|app\b.*herunterladen|push-nachrichten"
        r"|jetzt .*herunterladen|push-benachrichtigung|benachrichtigung(?:en)? aktivieren"
        r"|schick(?:en sie)? uns\b)"
        # An outlet's follower count: "auf Facebook über 240.000 Follower", "Twitter 224 Tsd. Follower".
        r"|^(?:auf\s+|bei\s+)?(?:facebook|twitter|instagram|youtube|tiktok|linkedin|xing|threads|bluesky"
        r"|pinterest|mastodon|whatsapp|telegram)\s+(?:über\s+|mehr als\s+)?\d[\d.,]*\s*(?:tsd\.?|mio\.?|k)?"
        r"\s*(?:follower|fans|abonnenten|likes)?$", re.I)),
    ("appeal for support", re.compile(
        r"^(?=.{0,250}$).*(?:unterstützen sie (?:uns|unsere|diese)"
        r"|unterstütze (?:uns|unsere|\w+ (?:bereits )?mit)|zeigen sie ihre wertschätzung|jetzt spenden"
        r"|spenden sie|mit einer spende|besuchen sie unseren \S*shop)", re.I)),
    ("disclaimer or source note", re.compile(
        r"^\*?hinweis:.*|anlageberatung|^mit material von\b|^dieses thema im programm"
        r"|^(?:dieser|der) (?:text|artikel|beitrag) (?:wurde |ist |steht )?(?:veröffentlicht )?"
        r"unter (?:der|einer) (?:lizenz|cc)"
        r"|^(?:red|redaktion)\b.{0,40}$|^\(?alle angaben ohne gewähr\)?\.?$", re.I)),
    ("agency tag", re.compile(rf"^\((?:[\w-]+,\s*)*(?:{AGENCIES})(?:[,/]\s*[\w-]+)*\)$", re.I)),
    # (An author box prints the name as its heading, glued to the bio: "Jana Berg Jana Berg lehrt ...".)
    ("author bio", re.compile(
        r"^([A-ZÄÖÜ][\w-]+ [A-ZÄÖÜ][\w-]+) \1 [a-zäöü]"
        r"|^[A-ZÄÖÜ][\w-]+ [A-ZÄÖÜ][\w-]+ (?:ist|arbeitet als|schreibt als)\b.{0,60}"
        r"(?:redakteur|redaktorin|korrespondent|autor|reporter|journalist|ressort|leiter)"
        r"|^alle artikel von\b|^(?:dem|der) autor(?:in)? folgen$"
        r"|^über (?:[A-ZÄÖÜ][\w.-]*\s+){1,3}\d+\s+(?:artikel|beiträge)$", re.I)),
    # A shop's button beside a product in a buying guide: "24,95 € Zu Thalia", "Bei Green Stories kaufen",
    # "Zum Shop", and the price notice under it.
    ("shop link", re.compile(
        r"^(?:ab\s+|nur\s+)?\d[\d.,]*\s*(?:€|euro|eur|chf|fr\.)\s*\*?\s*(?:zu|bei|auf|im)\s+\S+(?:\s+\S+)?$"
        r"|^\S+(?:\s+\S+){0,5}\s+(?:bei|auf)\s+\S+(?:\s+\S+){0,2}\s+(?:kaufen|bestellen)$"
        r"|^(?:jetzt (?:kaufen|bestellen)|zum (?:angebot|shop|produkt)|preis kann jetzt höher sein)"
        # the shop's empty basket: "0 Es befinden sich keine Produkte im Warenkorb.", "Ihr Warenkorb ist leer"
        r"|^(?:\d+\s+)?(?:warenkorb\s+)?es befinden sich keine (?:produkte|artikel) im warenkorb"
        r"|^(?:ihr |dein )?warenkorb ist leer", re.I)),
    # A pager's link to the previous or next article: "← <headline>", "<headline> →" ("«" and "»" open
    # and close Swiss quotations, and a quotation mark has no space after it).
    ("link to the previous or next article", re.compile(
        r"^[←‹]\s|\s[→›]$|^(?=.{0,160}$)(?:vorheriger|nächster|voriger|vorherige|nächste|älterer|neuerer)\s+"
        r"(?:artikel|beitrag|post|eintrag|meldung)\b", re.I)),
    # A control's label: a verb after at most three words ("Livebereich öffnen", "Fehler gefunden? Jetzt
    # melden."); with more words, or a number first, it is a subheading or a tip ("Freibad soll im Mai
    # öffnen", "1. Fenster nur kurz öffnen").
    ("interface control", re.compile(
        r"^(?=.{0,60}$)(?!\d)(?:\S+\s+){0,3}(?:laden|aktualisieren|anzeigen|erlauben|melden|bewerten|öffnen|ansehen"
        r"|abspielen|zuerst|herunterladen|downloaden|vergrößern)[.!]?$", re.I)),
    # A menu or a topic list printed on one line: its label, then words without a sentence's punctuation
    # (too long for the short-line patterns).
    # Tags are links, and a dump writes links joined by commas as "Drohne , Iran , USA".
    ("tag list or navigation", re.compile(
        r"^(?:schlagw[öo]rte?r?|tags|stichw[öo]rte?r?|themenseiten)\s*:"
        r"|^[^,]{1,40}(?: , [^,]{1,40}){2,}$"
        r"|^(?:menü|menu|hauptmenü|rubriken|mehr zum thema|weitere themen|verwandte themen|themen)\s*:?\s+"
        r"(?-i:(?:[A-ZÄÖÜ0-9][\w&.…-]*\s*|[&|…]\s*){3,})$",
        re.I)),
    ("image file name", re.compile(r"^\S+\.(?:jpe?g|png|gif|webp)$", re.I)),
    ("photo credit", CREDIT_LINE),
    ("copyright line", COPYRIGHT_LINE),
    ("photo caption with credit", CaptionWithCredit()),
)

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
# A site's menu flattened into one line: many capitalised link words without a sentence's end and next to
# no function words ("News Alle News Grand-Prix-Berichte Interviews Kolumnen ...", "Bekleidung Arm- und
# Beinlinge Handschuhe Helme ..."); on the real pages' labelled lines, 226 such lines of the get_text dumps
# and none of article text (a numbered list's entries, "9. Name, Rolle (5.317 Follower): ...", open with
# their number). However long it runs, it is no paragraph.
LINK_ROW_WORDS = 10
LINK_ROW_MAX_FUNCTION_SHARE = 0.1
LINK_ROW_CAPITALS = 0.6
LINK_ROW = "navigation menu (links run together)"
# A list's number, then words without a digit (a table's row carries its figures after the rank).
NUMBERED_HEADING = re.compile(r"^(?:#\s?\d+|\d{1,2}\.)\s+\D+$")

# Complete tags, and a broken opening tag glued to the next word ("<pAnalysten").
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
BROKEN_TAG = re.compile(r"</?(?:p|div|span|strong|em|b|i|u|br|a|li|ul|ol|h[1-6])(?=[A-ZÄÖÜ„\"«])")
HTML_LINK = re.compile(r"<a\s[^>]*href|https?://", re.I)
# Agency tag closing a paragraph: "(afp/er)", "(dpa)", "(sda/APA)".
TRAILING_AGENCY_TAG = re.compile(rf"\s*\((?:{AGENCIES})(?:/[a-z]{{1,5}})*\)\s*$", re.I)
# Soft hyphens ("biopo\xadli\xadtisch", as pages hyphenate long words), zero-width spaces and joiners, byte
# order marks: invisible on the page, but they split a word for the model, the lexicon and the checks.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
BULLET_MARKS = "•·▪●◦‣*–-"
BULLET = re.compile(rf"^[{BULLET_MARKS}]\s+")
# An agency in a dateline: "Hannover (dpa) - Ein Lastwagen ..." keeps "Hannover – Ein Lastwagen ...".
DATELINE_AGENCY = re.compile(rf"^([A-ZÄÖÜ][\w./ -]{{1,40}}?)\s*\((?:{AGENCIES})"
                             rf"(?:/[a-z]{{1,5}})*\)\s*[-–—]\s*", re.I)

SENTENCE_END = re.compile(r"[.!?…:“\"»«)]$")
GOOD_MIN_CHARS = 60
GOOD_MIN_FUNCTION_SHARE = 0.15
HEADLINE_WORDS = (3, 20)
LIST_ITEM_MIN_WORDS = 4


def repair(text: str) -> str:
    """Remove HTML tags and entities, invisible characters, agency tags and bullets; normalise
    whitespace."""
    # Each repair runs only where its mark is present: most lines need none, and cleaning must stay cheap.
    if "<" in text:
        text = HTML_TAG.sub(" ", BROKEN_TAG.sub("", text))
    if "&" in text:
        text = html.unescape(text)
    if INVISIBLE.search(text):
        text = INVISIBLE.sub("", text)
    text = " ".join(text.split())
    if text.endswith(")"):
        text = TRAILING_AGENCY_TAG.sub("", text)
    if "(" in text[:60]:
        text = DATELINE_AGENCY.sub(r"\1 – ", text)
    return BULLET.sub("", text) if text[:1] in BULLET_MARKS else text


def _letter_share(text: str) -> float:
    return sum(c.isalpha() for c in text) / max(1, len(text.replace(" ", "")))


def is_data_widget(text: str) -> bool:
    """Scores, tables, prices: "2 : 1", "Ballbesitz 54 % – 46 %", "1. SV Lindhorst 58", "DAX 18.384,35"; not
    a numbered heading ("#3 Steckturm", "2. Zur gleichen Zeit essen")."""
    if len(text) <= DATA_WIDGET_MAX_CHARS and _letter_share(text) < 0.5:
        return True
    if NUMBERED_HEADING.match(text):
        return False
    tokens = text.split()
    numeric = sum(bool(re.search(r"\d", token)) or token in ("%", "€") for token in tokens)
    return len(text) <= 120 and numeric / len(tokens) >= 0.4 and function_word_share(text) < 0.1


def capital_share(words: list[str]) -> float:
    """The share of words that open with a capital letter."""
    return sum(word[:1].isupper() for word in words) / max(1, len(words))


def is_link_row(text: str) -> bool:
    words = text.split()
    return (len(words) >= LINK_ROW_WORDS and not text[:1].isdigit() and not SENTENCE_END.search(text)
            and capital_share(words) >= LINK_ROW_CAPITALS
            and function_word_share(text) < LINK_ROW_MAX_FUNCTION_SHARE)


def is_date_line(text: str) -> bool:
    """A date or time with little else: "Stand: 11.03.2024 18:32 Uhr", "12.01.2024, 06:58", "16:47 Uhr"."""
    if not DATE_OR_TIME.search(text) or len(text) > 80 or TICKER_ENTRY.match(text):
        return False
    rest = DATE_LINE_WORDS.sub(" ", DATE_OR_TIME.sub(" ", text))
    return len(re.findall(r"[A-Za-zÄÖÜäöüß]{2,}", rest)) <= 3 and not text.endswith(".")


# Furniture is short: a line longer than this is prose unless a pattern that matches prose says otherwise.
LONG_LINE_CHARS = 300
LONG_LINE_PATTERNS = ("external content embed", "cookie notice", "reader comment", "drop-down menu")
# Patterns for what is never more than a few words (on real pages none hit a line of over 15 words):
# a longer line skips them.
SHORT_LINE_WORDS = 15
SHORT_LINE_PATTERNS = frozenset({
    "ad slot", "gallery teaser", "audio or video player", "counter or page number", "related articles",
    "navigation", "metadata box", "reading time", "share or listen button", "interface control",
    "photo credit", "copyright line", "shop link",
})


def furniture_reason(text: str, raw: str) -> str:
    """The reason a line is page furniture by its own text, or "" when nothing says so."""
    if len(text) > LONG_LINE_CHARS:
        reason = next((reason for reason, pattern in FURNITURE_PATTERNS
                       if reason in LONG_LINE_PATTERNS and pattern.search(text)), "")
        return reason or (LINK_ROW if is_link_row(text) else "")
    long = text.count(" ") >= SHORT_LINE_WORDS
    for reason, pattern in FURNITURE_PATTERNS:
        if not (long and reason in SHORT_LINE_PATTERNS) and pattern.search(text):
            return reason
    if GLUED_TAGS.match(text) or LOWERCASE_TAGS.match(text) or SEPARATED_TAGS.match(text):
        return "tag list or navigation"
    if is_link_row(text):
        return LINK_ROW
    if is_date_line(text):
        return "byline or date"
    if is_data_widget(text):
        return "data widget (scores, prices, temperatures)"
    if CAPITALS_LINE.match(text):
        return "kicker in capitals"
    if HTML_LINK.search(raw) and len(text) < 2 * GOOD_MIN_CHARS:
        return "link"
    return ""
