"""Cleaning: the seeds' gold labels exactly, through the CLI, and one case per furniture rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.cleaning import clean, language_guess, repair

from conftest import DATA, SEEDS

SEED_GOLD = sorted((DATA / "seeds_gold").glob("*.json"))


@pytest.mark.parametrize("gold_path", SEED_GOLD, ids=lambda p: p.stem)
def test_clean_json_reproduces_seed_gold_labels(gold_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    code, out, err = cli("clean", SEEDS / gold["file"], "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["title"] == gold["title"]
    assert result["kept_lines"] == sorted(gold["keep"])
    removed = {r["line"] for r in result["removed"]}
    assert removed == set(gold["drop"])
    assert all(r["reason"] for r in result["removed"])


def test_clean_json_has_cleaned_paragraphs_and_unique_sentences(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("clean", SEEDS / "000_186858dc41ba0cad.txt", "--format", "json")
    result = json.loads(out)
    assert result["paragraphs"][-1].endswith("gegen die Ukraine unterstützt.")  # "(afp/er)" stripped
    teaser = "Nach US-Angaben plant Nordkoreas Machthaber Kim Jong-un ein Treffen mit Kreml-Chef"
    assert sum(s.startswith(teaser) for s in result["sentences"]) == 1  # teaser repeated in body: once
    assert "vom 10. bis zum 13. September ein Wirtschaftsforum statt." in " ".join(result["sentences"])


def test_clean_text_marks_kept_and_removed_lines_with_reasons(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("clean", SEEDS / "001_69f38e4b299e07f8.txt")
    assert code == 0
    assert "title: Nordkorea dementiert, Waffen und Munition nach Russland geliefert zu haben." in out
    assert "(derived from the first sentence)" in out
    assert "-   4 Ad    [ad slot]" in out
    assert "+   6 Das Wichtigste in Kürze" in out


def test_no_headline_gives_no_title_but_a_derived_one(cli) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = cli("clean", SEEDS / "001_69f38e4b299e07f8.txt", "--format", "json")
    result = json.loads(out)
    assert result["title"] is None
    assert result["derived_title"].startswith("Nordkorea dementiert")


# One page per rule: (page text, line number expected removed, reason fragment).
PAGE_FURNITURE = [
    ("Politik\nKanzler trifft Gewerkschaften im Kanzleramt\n" + "Der Kanzler hat am Montag die Spitzen der "
     "Gewerkschaften zu einem Gespräch über die Rente in das Kanzleramt eingeladen.", 1, "kicker"),
    ("Titel der Meldung für den Test hier\nWerbung\nDer Text des Artikels steht hier und er ist lang genug, "
     "um als Fließtext erkannt zu werden.", 2, "ad slot"),
    ("Titel der Meldung für den Test hier\nDer Minister sprach in Berlin vor der Presse über die neuen "
     "Pläne.\nFoto: Michael Kappeler/dpa", 3, "photo credit"),
    ("Titel der Meldung für den Test hier\nDer Minister sprach in Berlin vor der Presse.\nFoto: Michael "
     "Kappeler/dpa\nDer Minister sprach am Montag in Berlin vor der Presse über die neuen Pläne der "
     "Regierung.", 2, "photo caption"),
    ("Titel der Meldung für den Test hier\nDer Text des Artikels steht hier und er ist lang genug, um als "
     "Fließtext erkannt zu werden.\nInnenpolitikBundestagSPD", 3, "tag list"),
    ("Titel der Meldung für den Test hier\nDer Text des Artikels steht hier und er ist lang genug, um als "
     "Fließtext erkannt zu werden.\nMehr zum Thema\nAndere Meldung über etwas ganz anderes", 4,
     "related articles"),
    ("Titel der Meldung für den Test hier\nDer Text des Artikels steht hier und er ist lang genug, um als "
     "Fließtext erkannt zu werden.\n3 Kommentare", 3, "comment widget"),
    ("Titel der Meldung für den Test hier\nDer Text des Artikels steht hier und er ist lang genug, um als "
     "Fließtext erkannt zu werden.\nDer Bürgermeister beim Besuch der Baustelle. (Symbolbild) - Keystone", 3,
     "caption with credit"),
    ("Titel der Meldung für den Test hier\nDer Text des Artikels steht hier und er ist lang genug, um als "
     "Fließtext erkannt zu werden.\n1/24\nGehe zur Galerie", 3, "gallery"),
]


BODY = ("Der Text des Artikels steht hier und er ist lang genug, um als Fließtext erkannt zu werden.\n"
        "Auch der zweite Absatz ist lang genug, um als Fließtext des Artikels zu gelten.")
# A furniture line placed between the headline and the body: (line, reason fragment).
LINE_FURNITURE = [
    ("Von Miriam Koch, HR", "byline"),
    ("Kostenlos registrieren und weiterlesen", "subscription"),
    ("Vorheriger Artikel", "previous or next article"),
    ("Die technische Speicherung oder der Zugriff ist erforderlich, um Nutzerprofile zu erstellen, um "
     "Werbung zu versenden oder um den Nutzer auf einer Website zu verfolgen.", "cookie notice"),
    ("Von Katrin Albers | 07.10.2024, 10:30 Uhr | Lesedauer: 5 Minuten", "byline"),
    ("Stand: 11.03.2024 18:32 Uhr", "date"),
    ("Lesezeit: 3 Min.", "reading time"),
    ("Artikel anhören", "listen button"),
    ("Externer Inhalt", "external content"),
    ("Jetzt Stromanbieter vergleichen und bis zu 500 € sparen ›*", "affiliate"),
    ("Ballbesitz 54 % – 46 %", "data widget"),
    ("Fehler gefunden? Jetzt melden.", "interface control"),
    ("Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie zu.", "cookie"),
    ("Jetzt weiterlesen mit AZ Plus", "subscription"),
    ("Ratgeber › Geld & Verbraucher › Energie", "navigation"),
    ("Polizei | Verkehr | Unfälle | Niedersachsen", "tag list"),
    ("DRAMA AM BAGGERSEE", "capitals"),
    ("(APA, red)", "agency tag"),
    ("Über Anna Berger 112 Artikel", "author bio"),
    ("Anna Berger Anna Berger lehrt Geschichte an der Universität Basel und schreibt über Medien.",
     "author bio"),
    ("Benachrichtigung aktivieren Dürfen wir Sie über die wichtigsten Nachrichten informieren?", "app"),
    ("← Stadtrat beschließt neuen Haushalt für das kommende Jahr", "previous or next article"),
    ("Hitzewelle: Bauern fürchten um die Ernte →", "previous or next article"),
    ("(Alle Angaben ohne Gewähr)", "disclaimer"),
    ("Menü Politik Wirtschaft Sport Kultur Reise Auto Digital Wissen Gesundheit Familie Karriere Immobilien "
     "Podcasts Videos", "navigation"),
    ("Mehr zum Thema Heizung Wärmepumpe Gebäudeenergiegesetz Förderung Sanierung Dämmung Photovoltaik "
     "Stromspeicher Fernwärme Energieberatung Mieter Vermieter Heizkosten Klimaschutz", "tag list"),
    ("auf Instagram über 18.500 Follower", "social media"),
    ("Facebook 52 Tsd. Likes", "social media"),
    ("auf YouTube 1.234", "social media"),
    ("Infografik herunterladen", "interface control"),
    ("Bildquelle: Stadtarchiv Ulm", "photo credit"),
    ("Die neue Brücke am Abend. (Bildquelle: stadt-ulm.de/Peter Brandl)", "caption with credit"),
    ("Die Bürgermeisterin bei der Eröffnung der neuen Brücke. Foto:", "caption with credit"),
    ("Sport Sport Fußball Handball Eishockey Tennis Formel 1 Radsport Wintersport Ergebnisse Tabellen "
     "Liveticker", "drop-down menu"),
    ("Reise & Urlaub Reise & Urlaub Städtereisen Strand Wandern Camping Kreuzfahrt", "drop-down menu"),
    ("Politik Politik Inland Ausland Wahl 2025 : Warum die Koalition am Haushalt scheitern könnte und was "
     "das für die Bürgerinnen und Bürger in den Ländern bedeutet, erklärt unser Korrespondent",
     "drop-down menu"),
    ("Von : Jana Berg", "byline"),
    ("Übersetzt von : Jana Berg", "byline"),
    ("Die alte Brücke im Nebel / Photo by Jana Berg on Unsplash", "caption with credit"),
    ("Die Bürgermeisterin am Montag. Jana Berg/Anadolu Agency via Getty Images", "caption with credit"),
    ("Instagram (Screenshot)", "photo credit"),
    ("(Credits: Stadtarchiv Ulm )", "photo credit"),
    ("brücke_ulm_2024.jpg", "image file name"),
    ("- Anzeige -", "ad slot"),
    ("Keine Kommentare", "comment widget"),
    ("Veröffentlicht am: 28. Oktober 2023 | Anzahl Kommentare: noch keine", "comment widget"),
    ("teilen tweeten mailen kommentieren pdf download", "share"),
    ("Twitter Facebook LinkedIn Email Reddit Print", "share"),
    ("Sieh dir diesen Beitrag auf Instagram an Ein Beitrag geteilt von Stadt Ulm (@stadtulm)", "embed"),
    ("24,95 € Zu Thalia", "shop link"),
    ("Weiterlesen über Neue Kita in der Südstadt: Eröffnung verschiebt sich", "related articles"),
    ("Holzbausteine bei Spielwaren Berg kaufen", "shop link"),
    ("Preis kann jetzt höher sein. Preis vom 02.01.2023 08:29 Uhr", "shop link"),
    ("Stadtrat beschließt neuen Haushalt für das kommende Jahr | mehr", "related articles"),
    ("Vielen Dank für Ihre Registrierung. Sie haben den Aktivierungslink per E-Mail erhalten.", "login"),
    ("Ratgeber Einsteiger-Guide Kaufberatung Werkstatt Podcast Fahrtechnik Touren & Reisen Rückrufe "
     "Gebrauchtmarkt", "links run together"),
    ("Garten Alle Gartenthemen Hochbeete Rasenpflege Obstbäume Gartenmöbel Die Redaktion empfiehlt: "
     "Wie der Rasen den Sommer übersteht und was Sie jetzt im Beet tun können Tipps der Woche schließen",
     "drop-down menu"),
    ("0 Es befinden sich keine Produkte im Warenkorb.", "shop link"),
    ("Tipp: du kannst mit der Tastatur blättern", "gallery teaser"),
    ("RadlerJana dabei seit 12/2006", "reader comment"),
    ("Das könnte dich auch gefallen", "related articles"),
    ("Kommentare deaktiviert für Neue Kita in der Südstadt öffnet später", "comment widget"),
    ("Brücke , Sanierung , Stadtrat , Verkehr", "tag list"),
    ("Themenseiten: Verkehr , Stadtrat", "tag list"),
    ("Neueste Artikel", "related articles"),
]
# Prose that opens with a menu's or a topic list's label is prose.
PROSE_WITH_FURNITURE_OPENINGS = [
    "Menü und Getränke kosteten die Gäste zusammen rund vierzig Euro pro Person.",
    "Themen wie Heizung und Sanierung beschäftigen die Gemeinde seit Monaten.",
    "Über Berlin zogen am Abend schwere Gewitter mit Starkregen und Hagel.",
    "«Wir haben keine andere Wahl», sagte die Gemeindepräsidentin am Abend vor den Medien.",
    "Die Ministerin sagt: 3. Oktober 2023 bleibt ein Feiertag, auch wenn der Bund es anders will.",
    "Facebook zählte im dritten Quartal weltweit 2,9 Milliarden Nutzer, teilte der Konzern mit.",
    "Wer die Karte herunterladen will, findet sie auf der Seite der Gemeinde unter Verkehr.",
    "Teilen wollten die Nachbarn den Garten nicht, auch nicht mit der Gemeinde.",
    "Für 24,95 Euro bekommt man bei Thalia das Buch, das die Stadtgeschichte erzählt.",
    "Von der Brücke aus sieht man bei klarem Wetter bis zu den Alpen, sagen die Anwohner.",
]
# A numbered subheading of a buying guide or a list article is no data widget.
NUMBERED_SUBHEADINGS = ["#3 Steckturm", "4. Regenbogen"]


@pytest.mark.parametrize("line, reason", LINE_FURNITURE)
def test_furniture_line_is_removed_with_reason(line: str, reason: str) -> None:
    page = f"Titel der Meldung für den Test hier\n{line}\n{BODY}"
    removed = {r.line: r.reason for r in clean(page).removed}
    assert 2 in removed and reason in removed[2]


@pytest.mark.parametrize("line", PROSE_WITH_FURNITURE_OPENINGS)
def test_prose_opening_with_a_furniture_label_is_kept(line: str) -> None:
    page = f"Titel der Meldung für den Test hier\n{BODY}\n{line}\n{BODY}"
    assert line in [p.text for p in clean(page).paragraphs]


@pytest.mark.parametrize("line", NUMBERED_SUBHEADINGS)
def test_a_numbered_subheading_followed_by_prose_is_kept(line: str) -> None:
    page = f"Titel der Meldung für den Test hier\n{BODY}\n{line}\n{BODY}"
    assert line in [p.text for p in clean(page).paragraphs]


# A credit in brackets, a source, a lead photo's credit printed below the paragraph.
@pytest.mark.parametrize("credit", ["(Bild: Jana Berg)", "Quelle: Stadtverwaltung",
                                    "Titelbild: Jana Berg/dpa"])
def test_a_credit_below_a_paragraph_leaves_the_paragraph(credit: str) -> None:
    paragraph = ("Über das neue Album und die Verstärker seiner Laufbahn hat sich unser Redakteur mit dem "
                 "Gitarristen unterhalten, und ein Kollege hat das neue Modul gespielt und getestet.")
    page = f"Titel der Meldung für den Test hier\n{BODY}\n{paragraph}\n{credit}\n{BODY}"
    cleaned = clean(page)
    assert paragraph in [p.text for p in cleaned.paragraphs]
    assert {r.line: r.reason for r in cleaned.removed}[5] == "photo credit"


def test_reader_comments_written_as_long_prose_are_not_the_article() -> None:
    comment = ("ich verstehe die ganze Aufregung nicht, denn die Stadt hat schon im letzten Jahr "
               "angekündigt, dass die Brücke gesperrt wird, und wer die Zeitung liest, wusste das seit "
               "Monaten. Mir tun nur die Anwohner leid, die jetzt jeden Tag einen langen Umweg fahren "
               "müssen, weil niemand an eine Ersatzbrücke für die Bauzeit gedacht hat.")
    comments = [f"{name} sagt: {day}. Oktober 2023 um 15:{minute} Uhr {comment} Antworten"
                for name, day, minute in (("Graugans", 31, 15), ("Peter K.", 30, 17), ("andiY", 1, 22))]
    page = "\n\n".join(["Brücke über den Fluss wird ab Montag gesperrt", BODY, *comments])
    cleaned = clean(page)
    assert [p.text for p in cleaned.paragraphs] == BODY.split("\n")
    assert all(r.reason.endswith("reader comment") for r in cleaned.removed) and len(cleaned.removed) == 3


def test_ticker_entry_header_with_time_is_content() -> None:
    page = f"Titel der Meldung für den Test hier\n{BODY}\n17.05 Uhr: Fischmarkt unter Wasser\n{BODY}"
    assert 4 in clean(page).kept_lines


@pytest.mark.parametrize("page, line, reason", PAGE_FURNITURE)
def test_furniture_rule_removes_line_with_reason(page: str, line: int, reason: str) -> None:
    removed = {r.line: r.reason for r in clean(page).removed}
    assert line in removed and reason in removed[line]


KEPT_CONTENT = [
    # A subheading between two paragraphs is content.
    ("Titel der Meldung für den Test hier\nDer erste Absatz des Artikels ist lang genug, um als Fließtext "
     "erkannt zu werden.\nStreit um die Rente\nDer zweite Absatz des Artikels ist ebenfalls lang genug für "
     "den Test.", 3),
    # "Werbung" inside prose is content.
    ("Titel der Meldung für den Test hier\nDie Werbung für das neue Produkt lief seit Wochen im Fernsehen "
     "und kostete Millionen.", 2),
    # A paragraph without its final full stop.
    ("Titel der Meldung für den Test hier\nDie Stärkung der Beziehungen werde dabei helfen, die Sicherheit "
     "der Region zu gewährleisten, erklärte er", 2),
]


@pytest.mark.parametrize("page, line", KEPT_CONTENT)
def test_article_content_is_kept(page: str, line: int) -> None:
    assert line in clean(page).kept_lines


REPAIRS = [
    ("<pAnalysten sind sich einig.", "Analysten sind sich einig."),
    ("Er sagte: &bdquo;Nein&ldquo; &amp; ging.", "Er sagte: „Nein“ & ging."),
    ("<strong>Wien</strong> &nbsp;ist  groß.", "Wien ist groß."),
    ("Russland unterstützt den Krieg. (afp/er)", "Russland unterstützt den Krieg."),
    ("  • Nordkorea dementiert.", "Nordkorea dementiert."),
    ("Hannover (dpa) - Ein Lastwagen hat Ladung verloren.", "Hannover – Ein Lastwagen hat Ladung verloren."),
]


@pytest.mark.parametrize("raw, repaired", REPAIRS)
def test_repair_of_kept_lines(raw: str, repaired: str) -> None:
    assert repair(raw) == repaired


LANGUAGES = [
    ("Die USA haben Nordkorea vor Waffenlieferungen an Russland gewarnt, sagte der Berater.", "de"),
    ("Nordkorea hat Angaben der US-Regierung bestritten, wonach der Staat Munition liefert.", "de"),
    ("The United States has warned North Korea against supplying weapons to Russia.", "en"),
    ("Les États-Unis ont mis en garde la Corée du Nord contre la livraison d'armes à la Russie.", "fr"),
    ("Gli Stati Uniti hanno avvertito la Corea del Nord di non fornire armi alla Russia.", "it"),
    ("1:0 2:1 3:3", "unknown"),
]


@pytest.mark.parametrize("text, language", LANGUAGES)
def test_language_guess(text: str, language: str) -> None:
    assert language_guess(text) == language


PROSE = ("Der Stadtrat hat am Dienstagabend nach langer Debatte beschlossen, die Brücke über den Fluss bis "
         "zum Herbst des kommenden Jahres vollständig zu sanieren, und dafür zwölf Millionen Euro bewilligt.")
# A dump as a wrapping tool writes it, and the block the cleaner must read from it.
WRAPPED_DUMPS = [
    # html2text: Markdown heading, link with its target, emphasis, wrapped at 78.
    ("# Brücke wird saniert\n\nDer [Stadtrat](https://example.org/rat) hat am **Dienstagabend** nach langer"
     " Debatte\nbeschlossen, die Brücke über den Fluss bis zum Herbst des kommenden Jahres\nvollständig zu"
     " sanieren, und dafür zwölf Millionen Euro bewilligt.\n", PROSE),
    # lynx: link numbers, indentation, and its "References" list at the end.
    ("   Der [1]Stadtrat hat am Dienstagabend nach langer Debatte beschlossen, die\n   Brücke über den Fluss"
     " bis zum Herbst des kommenden Jahres vollständig zu\n   sanieren, und dafür zwölf Millionen Euro"
     " bewilligt.\n\nReferences\n\n   1. https://example.org/rat\n", PROSE),
]


@pytest.mark.parametrize("dump, paragraph", WRAPPED_DUMPS)
def test_wrapped_dumps_give_whole_paragraphs_without_marks(dump: str, paragraph: str) -> None:
    head, _, references = dump.partition("References")
    heading, _, body = head.partition("\n\n") if head.startswith("#") else ("", "", head)
    # Four paragraphs (the headline once): enough lines for the width they were wrapped at to be told. (Each
    # a little different: a paragraph printed again is a box's copy.)
    numbers = ("zwölf", "elf", "zehn", "neun")
    page = heading + "\n\n" + "\n".join(body.replace("zwölf", number) for number in numbers) + (
        "References" + references if references else "")
    cleaned = clean(page)
    texts = [p.text for p in cleaned.paragraphs if p.text != cleaned.title]
    assert texts == [paragraph.replace("zwölf", number) for number in numbers]
    kept = " ".join([cleaned.title or "", *texts])
    assert not any(mark in kept for mark in ("References", "https://", "[1]", "**", "#"))


def test_a_teaser_of_another_article_after_the_end_goes_with_its_reason() -> None:
    body = "\n".join(f"{PROSE} Das ist der {n}. Absatz des Berichts über die Sanierung der alten Brücke."
                     for n in range(1, 6))
    page = ("Startseite\nPolitik\nSport\nKultur\n\nBrücke über den Fluss wird saniert\n" + body
            + "\n\nMeistgelesen\n1\nNeue Kita in der Südstadt öffnet später\n2\nBusse fahren ab Montag im"
              " Zehn-Minuten-Takt\n3\nFreibad erhöht die Preise deutlich\nImpressum\nDatenschutz\n\n"
              "Stadtwerke erhöhen die Preise\nDie Stadtwerke verlangen ab Januar für Strom und Gas deutlich "
              "mehr Geld von ihren Kunden, teilte das Unternehmen am Montag mit.\n")
    cleaned = clean(page)
    assert cleaned.title == "Brücke über den Fluss wird saniert"
    assert len(cleaned.paragraphs) == 5
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Startseite"].startswith("before the article's start")
    teaser = ("Die Stadtwerke verlangen ab Januar für Strom und Gas deutlich mehr Geld von ihren Kunden, "
              "teilte das Unternehmen am Montag mit.")
    assert reasons[teaser].startswith("after the article's end")


def test_a_comment_counter_in_the_body_does_not_take_the_text_after_it() -> None:
    paragraphs = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn", "neun", "acht")]
    page = "Brücke über den Fluss wird saniert\n" + "\n".join(paragraphs[:3]) + "\n3 Kommentare\n" \
        + "\n".join(paragraphs[3:]) + "\n"
    cleaned = clean(page)
    assert [p.line for p in cleaned.paragraphs] == [2, 3, 4, 6, 7]
    assert {r.line: r.reason for r in cleaned.removed}[5] == "comment widget"


def test_extracted_main_text_is_kept_whole_but_for_named_furniture() -> None:
    text = f"{PROSE}\nAnzeige\nKurz.\n{PROSE.replace('zwölf', 'elf')}"
    cleaned = clean(text, extracted=True)
    assert [p.line for p in cleaned.paragraphs] == [1, 3, 4]


def test_a_headline_printed_twice_is_the_title_once_and_never_a_paragraph() -> None:
    paragraphs = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn", "neun")]
    headline = "Brücke über den Fluss wird saniert"
    page = f"Startseite\nPolitik\n\n{headline}\n" + "\n".join(paragraphs[:2]) + f"\n{headline}\n" \
        + "\n".join(paragraphs[2:]) + "\n"
    cleaned = clean(page)
    assert cleaned.title == headline
    assert headline not in [p.text for p in cleaned.paragraphs]
    assert len(cleaned.paragraphs) == 4
    assert {r.line: r.reason for r in cleaned.removed}[7] == "the headline again"


def test_a_standfirst_of_two_sentences_above_the_body_is_not_the_headline() -> None:
    headline = "Brücke: Was Pendler jetzt wissen müssen"
    standfirst = ("Die Brücke über den Fluss wird saniert. Der Stadtrat hat beschlossen, was Pendler ab "
                  "Herbst erwartet")
    page = "\n".join(["Startseite", "Verkehr", headline, standfirst,
                      *(PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn"))])
    assert clean(page).title == headline


def test_soft_hyphens_and_zero_width_spaces_leave_the_article_text() -> None:
    # Pages hyphenate long words with soft hyphens; a dump keeps them, invisible, inside the words.
    hyphenated = PROSE.replace("Debatte", "De\u00adbat\u00adte").replace("Millionen", "Mil\u00adlio\u200bnen")
    cleaned = clean(f"Brücke über den Fluss wird saniert\n{hyphenated}\n{PROSE.replace('zwölf', 'elf')}")
    assert cleaned.paragraphs[0].text == PROSE


TIPS = [("1. Fenster nur kurz öffnen",
         "Stoßlüften tauscht die Luft in wenigen Minuten aus, ohne dass die Wände auskühlen."),
        ("2. Türen geschlossen halten",
         "Kühle Räume sollten nicht mit der warmen Luft aus dem Wohnzimmer geheizt werden."),
        ("3. Heizkörper nicht zustellen",
         "Ein Sofa vor dem Heizkörper hält die Wärme zurück, die den Raum erreichen soll.")]
OTHER_ARTICLES = [
    ("Neue Kita in der Südstadt öffnet später",
     "Die Eröffnung verschiebt sich, weil Handwerker fehlen und die Möbel erst im März geliefert werden."),
    ("Busse fahren ab Montag im Takt von zehn Minuten",
     "Die Verkehrsbetriebe setzen dafür zwölf neue Fahrer ein, die sie im Herbst eingestellt haben."),
    ("Freibad erhöht die Preise deutlich",
     "Ein Erwachsener zahlt im Sommer fünf Euro, das sind achtzig Cent mehr als im vergangenen Jahr.")]


def test_other_articles_listed_as_titles_and_teasers_go_and_numbered_tips_stay() -> None:
    body = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn")]
    tips = [line for tip in TIPS for line in tip]
    teasers = [line for teaser in OTHER_ARTICLES for line in teaser]
    closing = PROSE.replace("zwölf", "neun")
    page = "\n".join(["Startseite", "Politik", "Brücke über den Fluss wird saniert", *body, *tips, closing,
                      *teasers, "Impressum"])
    cleaned = clean(page)
    assert [p.text for p in cleaned.paragraphs] == [*body, *tips, closing]
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert all(reasons[line] == "after the article's end: list of other articles (titles and teasers)"
               for line in teasers)


def test_an_author_bio_after_the_article_goes_with_its_reason() -> None:
    body = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn", "neun")]
    bio = ["Jana Berg", "Jana Berg ist Redakteurin im Lokalressort und schreibt seit 2015 über Verkehr, "
           "Bauprojekte und die Politik im Rathaus."]
    page = "\n".join(["Startseite", "Brücke über den Fluss wird saniert", *body, *bio, "Impressum"])
    cleaned = clean(page)
    assert [p.text for p in cleaned.paragraphs] == body
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert all(reasons[line] == "after the article's end: author bio" for line in bio)


def test_a_paragraph_printed_again_inside_the_article_goes_and_its_first_copy_stays() -> None:
    body = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn", "neun")]
    page = "\n".join(["Startseite", "Brücke über den Fluss wird saniert", *body[:3], body[0], body[3]])
    cleaned = clean(page)
    assert [p.text for p in cleaned.paragraphs] == body
    assert [r.reason for r in cleaned.removed if r.text == body[0]] == [
        "printed again further up the page (a box or a teaser)"]


def test_the_name_of_a_product_above_its_shop_link_goes_with_the_link() -> None:
    body = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn", "neun")]
    shop = ["Holzbausteine Großer Regenbogen", "28,99 € Zu Spielwaren Berg",
            "Preis kann jetzt höher sein. Preis vom 02.01.2023 08:29 Uhr"]
    page = "\n".join(["Startseite", "Brücke über den Fluss wird saniert", *body[:2], *shop, *body[2:]])
    cleaned = clean(page)
    assert [p.text for p in cleaned.paragraphs] == body
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons[shop[0]] == "shop link (the product's name above it)"


def test_the_headline_below_a_slogan_and_a_teaser_line_in_the_span_is_found() -> None:
    slogan = "Unabhängig, kritisch und aus der Region für die Region seit vielen Jahren"
    teaser = "Der Stadtrat hat entschieden, und die Pendler müssen sich auf Umwege einstellen"
    headline = "Brücke über den Fluss wird ab Herbst saniert"
    page = "\n".join(["Startseite", "Lokales", slogan, teaser, "Foto: Stadtarchiv", headline,
                      *(PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn"))])
    assert clean(page).title == headline


def test_a_menu_row_of_hyphenated_words_above_the_headline_is_not_taken_for_it() -> None:
    menu = "Service Einsteiger-Guide Kaufberatung Werkstatt Rückruf-Aktionen"
    headline = "Brücke über den Fluss wird ab Herbst saniert"
    page = "\n".join(["Startseite", menu, "Lokales", headline,
                      *(PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn"))])
    assert clean(page).title == headline


def test_what_the_span_takes_in_above_the_headline_goes_before_the_article() -> None:
    caption = "Die Brücke im Jahr 1950, als die Straßenbahn noch über sie fuhr und die Stadt klein war."
    headline = "Brücke über den Fluss wird ab Herbst saniert"
    page = "\n".join(["Startseite", "Lokales", caption, headline,
                      *(PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn"))])
    cleaned = clean(page)
    assert cleaned.title == headline
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons[caption].startswith("before the article's start")


def test_a_kicker_glued_to_a_headline_that_repeats_it_is_no_drop_down_menu() -> None:
    headline = "Hochbeet Hochbeet selber bauen"
    page = "\n".join(["Startseite", "Garten", headline,
                      *(PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn"))])
    assert clean(page).title == headline


def test_reader_comments_longer_than_the_article_end_it_at_their_heading() -> None:
    # Comments without a "<name> sagt: <date>" header: plain prose by readers, more of it than the article.
    headline = "Brücke über den Fluss wird saniert"
    body = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf")]
    comments = [f"Am {day}. Mai 2017 um 14:38 von Leser{day} Ich verstehe die ganze Aufregung nicht, denn "
                "die Stadt hat schon im letzten Jahr angekündigt, dass die Brücke gesperrt wird, und wer die "
                "Zeitung liest, wusste das seit Monaten. Mir tun nur die Anwohner leid, die jetzt jeden Tag "
                "einen langen Umweg fahren müssen." for day in range(1, 7)]
    page = "\n".join(["Startseite", "Lokales", headline, *body, f"6 Kommentare zu {headline}",
                      "Kommentar hinzufügen", *comments])
    cleaned = clean(page)
    assert cleaned.title == headline
    assert [p.text for p in cleaned.paragraphs] == body
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert all(reasons[comment] == "after the article's end: reader comments" for comment in comments)


@pytest.mark.parametrize("opener", ["33 LESER-KOMMENTARE", "Ihr Kommentar *",
                                    "Hier klicken, um das Kommentieren abzubrechen."])
def test_a_comment_section_opened_by_its_count_or_its_form_ends_the_article(opener: str) -> None:
    headline = "Brücke über den Fluss wird saniert"
    body = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf")]
    comments = [f"Ich verstehe die ganze Aufregung nicht, denn die Stadt hat schon vor {day} Monaten "
                "angekündigt, dass die Brücke gesperrt wird, und wer die Zeitung liest, wusste das. Mir tun "
                "die Anwohner leid, die jetzt jeden Tag einen Umweg fahren müssen." for day in range(2, 8)]
    page = "\n".join(["Startseite", "Lokales", headline, *body, opener, *comments])
    cleaned = clean(page)
    assert [p.text for p in cleaned.paragraphs] == body
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert all(reasons[comment] == "after the article's end: reader comments" for comment in comments)


def test_the_headline_below_a_site_slogan_written_as_a_sentence_is_found() -> None:
    slogan = "brueckenblatt.de - Das Online-Magazin für alle, die wissen wollen, was in ihrer Stadt passiert."
    headline = "Brücke über den Fluss wird ab Herbst saniert"
    page = "\n".join(["Startseite", "Impressum Menü", slogan, "Anzeige", "Newsletter bestellen", "Suchen",
                      headline, *(PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn"))])
    assert clean(page).title == headline


# A table dumped one cell a line, as get_text-style scrapers write a <table>: labels and figures.
SPEC_TABLE = ["Technische Daten", "Zylinder", "4", "Hubraum in ccm", "1.598", "Leistung PS/kW", "180/132",
              "Drehmoment Nm", "350", "Getriebe", "6-Gang-Automatik", "Höchstgeschwindigkeit in km/h", "187",
              "Verbrauch in Liter", "1,6", "Länge in cm", "478,5", "Leergewicht in kg", "1.965"]
TABLE_BODY = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn", "neun", "acht", "sieben")]
TABLE_PAGE_TOP = ["Startseite", "Auto", "Tests", "Neuheiten", "Suche",
                  "Santa Fe im Test: Hybrid für die Brücke"]


def test_a_table_in_the_body_neither_ends_the_article_nor_loses_its_cells() -> None:
    page = "\n".join([*TABLE_PAGE_TOP, *TABLE_BODY[:2], *SPEC_TABLE, *TABLE_BODY[2:], "Mehr aus Kassel",
                      "Neue Ampel am Bahnhof", "Fest im Park"])
    cleaned = clean(page)
    assert cleaned.title == TABLE_PAGE_TOP[-1]
    assert [p.text for p in cleaned.paragraphs] == [*TABLE_BODY[:2], *SPEC_TABLE, *TABLE_BODY[2:]]


def test_a_table_right_after_the_last_paragraph_is_the_articles() -> None:
    page = "\n".join([*TABLE_PAGE_TOP, *TABLE_BODY[:3], *SPEC_TABLE, "Artikel weiterempfehlen", "Facebook"])
    assert [p.text for p in clean(page).paragraphs] == [*TABLE_BODY[:3], *SPEC_TABLE]


# A training plan: a header row, figures with their units, and a description column of whole phrases.
PLAN_TABLE = ["Strecke", "Aufgabe", "Pause", "400 m", "einschwimmen, Lagen in umgekehrter Reihenfolge",
              "8 x 50 m", "Beine mit Flossen in Bauch-, Seiten- und Rückenlage", "15 s", "1.000 m",
              "Pyramide: 50 m - 100 m - 150 m - 200 m - 150 m - 100 m - 50 m (erste Hälfte Lagen GA2, "
              "zweite Hälfte Kraul GA1)", "20 s"]


def test_a_table_with_a_header_row_and_long_cells_right_after_the_article_is_its_own() -> None:
    page = "\n".join([*TABLE_PAGE_TOP, *TABLE_BODY[:3], *PLAN_TABLE,
                      "Teilen Facebook Twitter WhatsApp E-Mail Drucken"])
    assert [p.text for p in clean(page).paragraphs] == [*TABLE_BODY[:3], *PLAN_TABLE]


def test_other_articles_listed_with_their_dates_after_the_article_are_no_table() -> None:
    teasers = ["Hot Meistgelesen"]
    titles = ["Ampel am Bahnhof fällt wochenlang aus", "Neuer Radweg entlang des Flusses",
              "Stadtfest im Park zieht Tausende an", "Bäckerei am Markt schließt nach 80 Jahren",
              "Schwimmbad öffnet nach Sanierung wieder"]
    for day, title in enumerate(titles, start=20):
        teasers += [f"{day}.01.2024", title]
    page = "\n".join([*TABLE_PAGE_TOP, *TABLE_BODY[:3], *teasers])
    assert [p.text for p in clean(page).paragraphs] == TABLE_BODY[:3]


def test_a_calendar_or_share_counters_away_from_the_article_stay_furniture() -> None:
    calendar = ["Veranstaltungen", "« Oktober 2023 »", *"MDMDFSS", *(str(day) for day in range(1, 32))]
    counters = ["Kategorien", "News", "Tags:", "Brücke", "0", "0", "0", "0", "0 x geteilt",
                "Vorheriger Beitrag"]
    page = "\n".join([*TABLE_PAGE_TOP, *TABLE_BODY[:3], *counters, "Mehr aus Kassel", "Neue Ampel am Bahnhof",
                      "Fest im Park", *calendar])
    assert [p.text for p in clean(page).paragraphs] == TABLE_BODY[:3]


def test_the_headline_at_the_end_of_a_breadcrumb_trail_is_the_title_without_the_trail() -> None:
    headline = "Black Friday bei der Brücke: Stadt senkt kurzfristig die Gebühren für das Parkhaus am Fluss"
    subheading = "Was Pendler jetzt wissen müssen"
    body = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn")]
    trail = f"Brueckenblatt.de > Artikel > Lokales > {headline}"
    page = "\n".join(["IT Sicherheit", "Datenschutz Malware", trail, "Bildquelle: Jana Berg", headline,
                      "1.11.23 20:19 von Jana Berg Lesezeit: 4 Min.", "Inhalt", subheading, body[0],
                      subheading, *body[1:]])
    assert clean(page).title == headline


def test_a_paragraph_inside_the_article_is_never_removed_as_a_short_line() -> None:
    # After a share bar and a newsletter box the model doubts what follows; a paragraph inside the article
    # goes only by a pattern that names it furniture.
    paragraph = ('die Maskenpflicht (siehe "Maskenpflicht") entfällt bei Dienstleistungen, bei denen eine '
                 "Maske nicht getragen werden kann, etwa bei der Gesichtskosmetik oder der Rasur,")
    body = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn", "neun", "acht")]
    box = ["Artikel teilen", "Facebook", "Twitter", "Newsletter abonnieren", "Jetzt testen", "Anzeige"]
    page = "\n".join(["Startseite", "Lokales", "Brücke über den Fluss wird saniert", *body[:2], *box,
                      "Bayern", paragraph, "Nordrhein-Westfalen", *body[2:]])
    assert paragraph in [p.text for p in clean(page).paragraphs]


def test_a_headline_of_words_without_function_words_around_a_dash_is_no_menu_row() -> None:
    headline = "Hund vertreibt Einbrecher – Zeugenaufruf"
    body = ["Die Polizei in Bockenem sucht Zeugen eines versuchten Einbruchs in der Nordstraße, bei dem in "
            "der Nacht zum Mittwoch ein Hund die Täter vertrieben hat.",
            "Nach Angaben der Polizei schlug der Hund des Hausbewohners gegen Mitternacht an, worauf zwei "
            "Unbekannte über den Garten flüchteten und in der Dunkelheit verschwanden.",
            "Die Polizei in Bockenem bittet Zeugen, die in der Nacht verdächtige Personen in der Nordstraße "
            "gesehen haben, sich bei der Dienststelle zu melden."]
    page = "\n".join(["Startseite", "Bockenem Polizei", headline, "1. November 2023", *body])
    assert clean(page).title == headline


def test_the_items_of_a_list_without_marks_after_a_lead_in_with_a_colon_are_kept() -> None:
    items = ["Pasterze (Kärnten): minus 203 Meter", "Schalfferner (Tirol): minus 114 Meter",
             "Gepatschferner (Tirol): minus 96 Meter", "Sulzbachkees (Salzburg): minus 77 Meter"]
    lead_in = "Die stärksten Rückgänge verzeichneten die Messteams bei diesen Gletschern:"
    body = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn", "neun")]
    page = "\n".join(["Startseite", "Chronik", "Gletscher schmelzen so schnell wie nie", *body[:2], lead_in,
                      *items, *body[2:], "Zum Thema", "Klimawandel: Warum die Alpen schneller erwärmen"])
    kept = [p.text for p in clean(page).paragraphs]
    assert all(item in kept for item in items), kept


def test_other_articles_whose_titles_read_as_prose_around_a_colon_go_as_a_list() -> None:
    body = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn", "neun")]
    teasers = ["Neue Kita in der Südstadt: Warum die Eröffnung sich um ein halbes Jahr verschiebt",
               "Die Eröffnung verschiebt sich, weil Handwerker fehlen und die Möbel erst im März kommen.",
               "Busse im Takt von zehn Minuten – was sich für die Fahrgäste ab Montag ändert",
               "Die Verkehrsbetriebe setzen dafür zwölf neue Fahrer ein, eingestellt im Herbst.",
               "Freibad: Ein Erwachsener zahlt im Sommer fünf Euro und damit mehr als bisher",
               "Das sind achtzig Cent mehr als im vergangenen Jahr, teilten die Stadtwerke am Montag mit."]
    page = "\n".join(["Startseite", "Brücke über den Fluss wird saniert", *body, *teasers, "Impressum"])
    cleaned = clean(page)
    assert [p.text for p in cleaned.paragraphs] == body
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert all(reasons[line] == "after the article's end: list of other articles (titles and teasers)"
               for line in teasers)


def test_an_author_bio_under_a_heading_about_the_author_goes_with_its_reason() -> None:
    body = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn", "neun")]
    bio = ["Über Jana Berg", "Jana Berg kam 2015 aus Leipzig in die Lokalredaktion und berichtet seither "
           "über Verkehr, Bauprojekte und die Politik im Rathaus."]
    page = "\n".join(["Startseite", "Brücke über den Fluss wird saniert", *body, *bio, "Impressum"])
    cleaned = clean(page)
    assert [p.text for p in cleaned.paragraphs] == body
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert all(reasons[line] == "after the article's end: author bio" for line in bio)


MOST_READ = ["1 Neue Kita in der Südstadt öffnet erst im Sommer",
             "2 Busse fahren ab Montag im Takt von zehn Minuten",
             "3 Freibad erhöht die Preise für Erwachsene deutlich",
             "4 Stadtwerke verlangen mehr Geld für Strom und Gas"]
# A ranked table in the body: its rows end with their figures (a data widget, not a list of articles).
RANKED_ROWS = ["1 Ulm 126.000", "2 Neu-Ulm 60.000", "3 Blaubeuren 12.000"]


def test_a_most_read_list_of_ranked_titles_goes_as_one_and_ranked_figures_are_no_such_list() -> None:
    body = [PROSE.replace("zwölf", word) for word in ("zwölf", "elf", "zehn", "neun")]
    page = "\n\n".join(["Startseite", "Brücke über den Fluss wird saniert", *body[:3], *RANKED_ROWS, body[3],
                        *MOST_READ, "Impressum"])
    cleaned = clean(page)
    assert [p.text for p in cleaned.paragraphs] == body
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert all(reasons[row] == "after the article's end: list of other articles (most read)"
               for row in MOST_READ)
    assert not any("most read" in reasons[row] for row in RANKED_ROWS)


def test_a_news_ticker_of_headlines_run_into_datelines_goes_and_datelined_briefs_stay() -> None:
    places = ("Ulm", "Frankfurt am Main", "Halle an der Saale", "Bad Bentheim")
    briefs = [f"{place} – " + PROSE.replace("zwölf", word) for place, word in zip(places, ("zwölf", "elf",
                                                                                          "zehn", "neun"))]
    ticker = ["Fast 250 Fernseher vom Lastwagen gestohlen Bad Bentheim (dpa/lni) – Unbekannte Täter haben "
              "auf einem Rastplatz einen Lastwagen aufgebrochen.",
              "Neue Kita in der Südstadt öffnet später Kassel (dpa) – Die Eröffnung verschiebt sich, weil "
              "Handwerker fehlen.",
              "Freibad erhöht die Preise Hameln (dpa/lni) – Ein Erwachsener zahlt im Sommer fünf Euro."]
    page = "\n\n".join(["Startseite", "Nachrichten aus der Region",
                        *(brief.replace(" – ", " (dpa) – ", 1) for brief in briefs), "Newsticker", *ticker,
                        "Impressum"])
    cleaned = clean(page)
    assert [p.text for p in cleaned.paragraphs] == briefs
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert all(reasons[entry] == "after the article's end: list of other articles (news ticker)"
               for entry in ticker)
