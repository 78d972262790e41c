"""Translation checks as tables: (German, English) -> the kinds of flags expected."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from summarize.checks import check, repetition

from conftest import ROOT

# Faithful translations in the many ways numbers are written: no flag.
FAITHFUL = [
    ("Die Arbeitslosigkeit stieg um 3,5 Prozent.", "Unemployment rose by 3.5 percent."),
    ("Die Arbeitslosigkeit stieg um 3,5 Prozent.", "Unemployment rose by 3.5%."),
    ("Das Stadion fasst 41.832 Zuschauer.", "The stadium holds 41,832 spectators."),
    ("Das Stadion fasst 1.000 Zuschauer.", "The stadium holds 1000 spectators."),
    ("Die Busse beträgt 1'500 Franken.", "The fine is 1,500 francs."),
    ("Der Konzern verlor 5 Mio. Euro.", "The group lost €5m."),
    ("Der Konzern verlor 5 Mio. Euro.", "The group lost 5 million euros."),
    ("Der Umsatz lag bei 1,2 Mrd. Euro.", "Sales came to €1.2bn."),
    ("Wien hat erstmals 2 Millionen Einwohner.", "Vienna has two million inhabitants for the first time."),
    ("Am 3. Oktober ist Feiertag.", "October 3 is a public holiday."),
    ("Am 3. Oktober ist Feiertag.", "3 October is a public holiday."),
    ("Die Wahl findet am 13.09.2023 statt.", "The election takes place on September 13, 2023."),
    ("Die Wahl findet am 13.09.2023 statt.", "The election takes place on 13/09/2023."),
    ("Das Forum findet vom 10. bis zum 13. September statt.", "The forum runs from September 10 to 13."),
    ("Die Sitzung beginnt um 10.30 Uhr.", "The meeting starts at 10:30 a.m."),
    ("Gewählt wird bis 18 Uhr.", "Polls are open until 6 p.m."),
    ("Kontrolliert wurde zwischen 6 und 14 Uhr.", "Checks ran between 6 a.m. and 2 p.m."),
    ("Freiburg gewann 2:1 gegen Mainz.", "Freiburg beat Mainz 2-1."),
    ("Salzburg unterlag Rapid mit 1:2.", "Salzburg lost 2-1 to Rapid."),
    ("Er feierte den 75. Geburtstag.", "He celebrated his 75th birthday."),
    ("Er wurde Dritter beim 3. Rennen im 19. Jahrhundert.",
     "He came third in the 3rd race of the 19th century."),
    ("Ein 27-Jähriger wurde festgenommen.", "A 27-year-old was arrested."),
    ("Es werden 20 bis 30 Grad erwartet.", "Temperatures of 20-30 degrees are expected."),
    ("In der Nacht wird es minus 5 Grad kalt.", "Overnight it will be -5 degrees."),
    ("Der Marathon dauerte 2:05:37 Stunden.", "The marathon took 2:05:37."),
    ("Die Saison 2024/25 beginnt im August.", "The 2024/25 season starts in August."),
    ("Die UNO und die USA kritisierten die EZB.", "The UN and the US criticised the ECB."),
    ("Die SPD und die ÖVP stimmten zu.", "The SPD and the ÖVP agreed."),
    ("Der FC Bayern München gewann.", "Bayern Munich won."),
    ("Bei der Tour de France wurde er Zweiter.", "He finished second at the Tour de France."),
    ("Die Pressekonferenz beginnt um 14 Uhr MEZ.", "The press conference starts at 2 p.m. CET."),
    # Negations carried across in other words, and idioms that carry none.
    ("Die Polizei fand keine Spuren.", "Police found no traces."),
    ("Das Gericht hat den Antrag nicht zugelassen.", "The court refused to admit the application."),
    ("Der Angriff blieb ohne Erfolg.", "The attack was unsuccessful."),
    ("Die Preise stiegen so stark wie nie zuvor.", "Prices rose more sharply than ever."),
    ("Der Plan ist nicht unumstritten.", "The plan is controversial."),
    ("Nicht nur Berlin, sondern auch Hamburg protestierte.", "Hamburg protested as well as Berlin."),
    ("Die Brücke wird erst am Mittwoch geöffnet.", "The bridge will not open until Wednesday."),
    ("Nie zuvor kamen so viele Besucher in den Zoo.", "More visitors than ever came to the zoo."),
    ("Nicht selten dauert die Fahrt länger als eine Stunde.", "The journey often takes more than an hour."),
    ("Der Bürgermeister bestreitet die Vorwürfe.", "The mayor denies the allegations."),
    ("Laut einer Umfrage ist die Mehrheit dagegen.", "A majority is against it, a survey found."),
    ("Der Klub wartet seit fünf Spielen auf einen Sieg.", "The club has gone five games without a win."),
    ("Dem Verein fehlen noch zwanzig Helfer.", "The club is still twenty helpers short."),
    ("Die Zinsen sind so niedrig wie seit 1990 nicht mehr.",
     "Interest rates are at their lowest since 1990."),
    ("Ohne Helm darf niemand die Baustelle betreten.",
     "Nobody may enter the building site without a helmet."),
    ("Die Halle bleibt wegen Sturmschäden geschlossen.", "The hall remains closed after storm damage."),
    ("Rund 300 Schülerinnen und Schüler nahmen am Wettbewerb teil.",
     "Around 300 pupils took part in the competition."),
    ("Der Konzern steigerte den Umsatz um vier Prozent und damit stärker als erwartet.",
     "At four percent, the group's sales growth beat expectations."),
    ("Der Sturm deckte Dächer ab und riss dabei mehrere Bäume um.",
     "The storm tore off roofs, uprooting several trees."),
    ("Im Kanton Wallis sind Bäche über die Ufer getreten.", "Streams have burst their banks in Valais."),
    ("Zu Beginn der Sitzung sprach die Präsidentin.", "The president spoke at the start of the session."),
    ("Ministerin Jana Kroll hat in Berlin einen Plan vorgestellt.",
     "A plan was presented in Berlin by Minister Jana Kroll."),
    ("Der Präsident des FC Basel, Bernhard Heusler, trat zurück.",
     "Bernhard Heusler, president of FC Basel, resigned."),
    ("Der Konflikt um den Hafen ist längst nicht gelöst.",
     "The conflict over the port is far from resolved."),
    ("Keine andere Stadt baut so viele Radwege wie Münster.",
     "Münster builds more cycle paths than any other city."),
    ("Die Miete ist nicht gerade niedrig.", "The rent is steep."),
    ("Die Arbeitslosigkeit ist so hoch wie seit zwanzig Jahren nicht mehr.",
     "Unemployment is at its highest for twenty years."),
    ("Die Stürmerin blieb erneut ohne Gegentor.", "The goalkeeper kept another clean sheet."),
    ("Der Tunnel wird frühestens 2030 fertig.",
     "The tunnel will not be finished until 2030 at the earliest."),
    ("Die Stadt rät, nicht unbedingt nötige Fahrten zu verschieben.",
     "The city advises postponing non-essential journeys."),
    ("Das Urteil wird erst in drei Wochen verkündet.", "The verdict will not be announced for three weeks."),
    ("Der Verein verzichtet auf eine Berufung.", "The club is not appealing."),
    ("Der Gemeinde fehlt das Geld für die Sanierung.", "The municipality lacks the money for the repairs."),
    ("Die Stadt rechnet mit höchstens 500 Gästen.", "The city expects no more than 500 guests."),
    # Names kept, as exonyms, with umlauts written out or transliterated; a first name may go.
    ("Herr Schneider sprach in Köln.", "Mr Schneider spoke in Cologne."),
    ("Bundeskanzler Olaf Scholz reiste nach Moskau.", "Chancellor Scholz travelled to Moscow."),
    ("Außenministerin Annalena Baerbock kam nach Genf.",
     "Foreign Minister Annalena Baerbock came to Geneva."),
    ("Präsident Selenskyj besuchte Saporischschja.", "President Zelensky visited Zaporizhzhia."),
    ("Der Verein zahlt für den Stürmer eine hohe Ablöse.", "The club is paying a high fee for the striker."),
    ("Bäckermeister Hans Müller aus Passau eröffnet eine zweite Filiale.",
     "Master baker Hans Mueller from Passau is opening a second shop."),
    ("Der Bus fährt von Wien nach Graz.", "The bus runs from Vienna to Graz."),
    ("Die Abgeordnete Petra Lang warf dem Minister Karl Roth Täuschung vor.",
     "MP Petra Lang accused minister Karl Roth of deception."),
    # Hedges and modifiers rendered.
    ("Der mutmaßliche Täter wurde vorläufig festgenommen.",
     "The suspected perpetrator was provisionally arrested."),
    ("Mindestens 12 Menschen starben, erstmals seit Jahren.",
     "At least 12 people died, the first time in years."),
    # A country as its adjective, an exonym; idioms that lose their negation in English; a clock time of
    # a range in the afternoon; a range is no list; a compound whose tail is a form ("Studierende").
    ("Die Außenminister Chinas und Spaniens trafen sich in Straßburg.",
     "The Chinese and Spanish foreign ministers met in Strasbourg."),
    ("Es ist nicht ausgeschlossen, dass der Landtag neu gewählt werden muss.",
     "The state parliament may have to be re-elected."),
    ("Der Trainer hat nie einen Hehl aus seiner Kritik am Verband gemacht.",
     "The coach has always been open about his criticism of the association."),
    ("Kein Wunder, dass die Zuschauer vor dem Abpfiff gingen.",
     "It was hardly surprising that the spectators left before the final whistle."),
    ("Zeugen, die zwischen 21 und 22 Uhr am Bahnhof waren, sollen sich melden.",
     "Anyone who was at the station between 9 and 10 pm is asked to come forward."),
    ("Die Firma soll zwischen 2018 und 2020 Zölle hinterzogen und Akten vernichtet haben.",
     "The company is alleged to have evaded customs duties and destroyed files between 2018 and 2020."),
    ("Das Land will mehr Medizinstudierende für Praxen auf dem Land gewinnen.",
     "The state wants to attract more medical students to rural practices."),
    # The night before a weekday is the day before's; a record kept as "never ... as".
    ("In der Nacht zum Sonntag zogen Gewitter über Franken.", "Thunderstorms swept across Franconia on "
     "Saturday night."),
    ("Die Wirtin hat noch nie so wenig verdient wie in diesem Winter.",
     "The landlady has never earned as little as she did this winter."),
    ("Die Preise sind im Herbst kaum gestiegen.", "Prices barely rose in the autumn."),
    # A negation rendered by silence, by a limit, by "good reason" or "without its critics"; an estimate;
    # "bis zu" as "until"; a quarter; a clock time without "a.m."; a passive naming the subject after
    # "by"; a clause after a comma is no list's item; an abstract noun after "aus"; exonyms.
    ("Die Ministerin hat sich bisher nicht zu dem Bericht geäußert.",
     "The minister has so far remained silent on the report."),
    ("Der FC Basel kam gegen den FC Zürich über ein 1:1 nicht hinaus.",
     "FC Basel could only manage a 1-1 draw against FC Zurich."),
    ("Nicht ohne Grund fordern die Bauern mehr Hilfe.", "Farmers have good reason to demand more help."),
    ("Der Neubau ist nicht unumstritten.", "The new building is not without its critics."),
    ("Die Arbeitslosenquote lag im Juni voraussichtlich bei 5,1 Prozent.",
     "The unemployment rate in June is estimated to have been 5.1 percent."),
    ("Bis zu einer Entscheidung dürften noch Monate vergehen.",
     "It will probably be months before a decision is made."),
    ("Die Notenbank hob den Leitzins um 0,25 Prozentpunkte an.",
     "The central bank raised its key rate by a quarter of a percentage point."),
    ("Der Unfall geschah am Montagmorgen gegen 6.45 Uhr.",
     "The accident happened at around 6.45 on Monday morning."),
    ("Das Amtsgericht Graz verurteilte den Angeklagten Stefan M. zu zwei Jahren Haft.",
     "Stefan M. was sentenced to two years in prison by Graz District Court."),
    ("Nicht nur in Basel, sondern auch in Bern und Luzern steigen die Mieten.",
     "Rents are rising in Bern and Lucerne as well as in Basel."),
    ("Mutmaßlich aus Eifersucht soll der Mann zugestochen haben.",
     "The man is alleged to have stabbed the victim, presumably out of jealousy."),
    ("Die Mieten in Göteborg und an der Mosel steigen.",
     "Rents in Gothenburg and on the Moselle are rising."),
    # A sentence's first word German writes in lower case elsewhere is no name; nor is a noun after a unit.
    ("Knapp die Hälfte der Mitglieder stimmte gegen den Antrag.",
     "Just under half of the members voted against the motion."),
    ("Der Zoll fand im Lastwagen 80 Kilogramm Heroin.", "Customs found 80 kilograms of heroin in the lorry."),
    ("Die FDP stimmt dem Haushalt zu, sofern es keine neuen Schulden gibt.",
     "The FDP will back the budget unless it involves new debt."),
    ("Der Kandidat schnitt in der jüngsten Umfrage nicht gut ab.",
     "The candidate fared poorly in the latest poll."),
    ("Weil die Brücke gesperrt ist, fahren die Busse einen Umweg.",
     "Because the bridge is closed, buses are taking a detour."),
    ("Die Stadt baut die Halle aus, obwohl der Gemeinderat dagegen gestimmt hat.",
     "The town is expanding the hall even though the council voted against it."),
    ("Der Nationalrat hat die Vorlage am Mittwoch abgelehnt.", "The National Council threw out the bill on "
     "Wednesday."),
    ("Die Ministerin räumte Fehler ein, wies einen Rücktritt aber zurück.",
     "The minister admitted mistakes but ruled out resigning."),
    ("Trotz langer Verhandlungen ist keine Einigung gelungen.",
     "Long negotiations failed to produce an agreement."),
    # A name after an English preposition is no agent.
    ("Borussia Mönchengladbach hat nach der Niederlage gegen Werder Bremen kaum noch Chancen auf Europa.",
     "The defeat by Werder Bremen leaves Borussia Mönchengladbach with hardly any chance of reaching "
     "Europe."),
]


@pytest.mark.parametrize("german, english", FAITHFUL)
def test_faithful_translations_are_not_flagged(german: str, english: str) -> None:
    assert check(german, english) == []


# Corrupted translations: the kind of flag each must raise.
CORRUPTED = [
    ("Die Arbeitslosigkeit stieg um 3,5 Prozent.", "Unemployment rose by 35 percent.", "number"),
    ("Das Stadion fasst 41.832 Zuschauer.", "The stadium holds 41,823 spectators.", "number"),
    ("Das Stadion fasst 1.000 Zuschauer.", "The stadium holds 1.0 spectators.", "number"),
    ("Der Umsatz lag bei 1,2 Mrd. Euro.", "Sales came to 1.2 million euros.", "number"),
    ("Die Wahl findet am 12.09.2023 statt.", "The election takes place on December 9, 2023.", "number"),
    ("Die Sitzung beginnt um 23.30 Uhr.", "The meeting starts at 11:30 a.m.", "number"),
    ("Freiburg gewann 2:1 gegen Mainz.", "Freiburg beat Mainz 1-2.", "number"),
    ("Er gewann mit 6:4, 3:6, 7:6.", "He won 6-4, 6-3, 7-6.", "number"),
    ("Er feierte den 75. Geburtstag.", "He celebrated his 57th birthday.", "number"),
    ("Er wurde zu sieben Jahren Haft verurteilt.", "He was sentenced to seventeen years in prison.",
     "number"),
    ("Scholz reist zu einem zweitägigen Besuch.", "Scholz is going on a three-day visit.", "number"),
    ("In der Nacht wird es minus 5 Grad kalt.", "Overnight it will be 5 degrees.", "number"),
    ("Die Arbeitslosigkeit stieg im Jänner.", "Unemployment rose in June.", "number"),
    ("Der Konzern verlor Geld.", "The group lost 5 million euros.", "number"),
    ("Die Forscher messen die Temperatur.", "Die Forscher messen die Temperatur.", "untranslated"),
    ("Der ADAC warnt vor Glätte im Norden.", "ADAC warnt vor Glätte in the north.", "untranslated"),
    ("Die Mannschaft verlor erstmals seit Jahren.", "The team verlor erstmals seit Jahren.", "untranslated"),
    ("Die Mauer fiel.", "The wall fell. The wall fell. The wall fell.", "repetition"),
    ("Er liegt hinter dem Spitzenreiter.",
     "He is behind the leaders, behind the leaders, behind the leaders.", "repetition"),
    ("Die SPD stimmte zu.", "The Social Democrats agreed.", "acronym"),
    ("Die WHO warnt vor Masern.", "The World Health Organization (WTO) warns of measles.", "acronym"),
    ("Die Forscher haben eine neue Methode zur Früherkennung entwickelt.", "The researchers have developed",
     "length"),
    ("Der Rat tagt am Montag in Bern.",
     "The council meets on Monday in Bern, where it will also discuss the budget, the army and the future of "
     "the railways in great detail with all cantons.", "length"),
    ("Der mutmaßliche Täter wurde festgenommen.", "The perpetrator was arrested.", "omission"),
    ("Mindestens 12 Menschen starben.", "12 people died.", "omission"),
    ("Das Ergebnis ist vorläufig.", "The result is final.", "omission"),
    ("Die Täterin stammt vermutlich aus der Region.", "The perpetrator comes from the region.", "omission"),
    ("Laut Polizei fuhr der Wagen viel zu schnell.", "The car was going far too fast.", "omission"),
    ("Die Halle bleibt wegen Sturmschäden geschlossen.", "The hall remains closed.", "omission"),
    ("Die Straße bleibt bis Ende Mai gesperrt.", "The road remains closed.", "omission"),
    ("Der Minister besuchte am Dienstag die Grenze und kündigte mehr Personal an.",
     "The minister visited the border on Tuesday.", "omission"),
    ("Die Polizei stellte drei gestohlene Fahrräder, zwei sehr teure Armbanduhren und viel Bargeld sicher.",
     "Police seized three stolen bicycles and a lot of cash.", "omission"),
    ("Beim Brand wurden zwölf Menschen verletzt, darunter drei Kinder.",
     "Twelve people were injured in the fire, with smoke coming from the roof.", "omission"),
    ("Die Polizei fand keine Spuren.", "Police found traces.", "negation"),
    ("Der Minister trat nicht zurück.", "The minister resigned.", "negation"),
    ("Er war nie in Berlin.", "He was always in Berlin.", "negation"),
    ("Die Firma erhöht die Preise.", "The company is not raising prices.", "negation"),
    ("Die Brücke wird erst am Mittwoch geöffnet.", "The bridge will already open on Wednesday.", "negation"),
    # Idioms and negating verbs turned round.
    ("Der Bürgermeister bestreitet die Vorwürfe.", "The mayor admits the allegations.", "negation"),
    ("Der Zeuge verweigerte die Aussage.", "The witness agreed to testify.", "negation"),
    ("Der Plan ist nicht unumstritten.", "The plan is undisputed.", "negation"),
    ("Die Preise sind so hoch wie nie zuvor.", "Prices are not as high as they were.", "negation"),
    ("Nicht alle Züge fallen aus.", "No trains are cancelled.", "negation"),
    ("Nicht selten dauert die Fahrt länger als eine Stunde.", "The journey rarely takes more than an hour.",
     "negation"),
    ("Kein Wunder, dass die Mieten steigen.", "Surprisingly, rents are rising.", "negation"),
    ("Der Verdächtige war nie zuvor aufgefallen.", "The suspect had come to attention before.", "negation"),
    ("Die Reform betrifft nicht nur Beamte, sondern auch Angestellte.",
     "The reform affects employees rather than civil servants.", "negation"),
    ("Die Gemeinde verzichtet auf neue Gebühren.", "The municipality is introducing new fees.", "negation"),
    ("Die Ministerin war alles andere als begeistert.", "The minister was delighted.", "negation"),
    ("Der Zeuge hat die Aussage nicht verweigert.", "The witness refused to testify.", "negation"),
    ("Die Polizei konnte den Unfall nicht verhindern.", "The police prevented the accident.", "negation"),
    ("Der Patient muss nicht operiert werden.", "The patient must not be operated on.", "negation"),
    ("Ohne Genehmigung darf die Halle nicht öffnen.", "The hall may open without a permit.", "negation"),
    ("Die Zahl der Besucher war so hoch wie nie zuvor.", "There were fewer visitors than ever.", "negation"),
    ("Die Zahlen werden erst am Montag veröffentlicht.", "The figures will not be published on Monday.",
     "negation"),
    ("Nicht nur die Bahn, sondern auch die Post wird bestreikt.", "Not the railway but the post office is "
     "on strike.", "negation"),
    ("Herr Schneider sprach in Köln.", "Mr Tailor spoke in Cologne.", "name"),
    ("Herr Schneider sprach in Köln.", "Mr Schneider spoke in Bonn.", "name"),
    ("Außenministerin Annalena Baerbock kam nach Genf.", "The foreign minister came to Geneva.", "name"),
    ("Frau Vogel kritisierte Herrn Becker.", "Ms Bird criticised Mr Becker.", "name"),
    # A surname that is also a German word, known as a name by the given name before it.
    ("Bäckermeister Hans Müller aus Passau eröffnet eine zweite Filiale.",
     "Master baker Hans Miller from Passau is opening a second shop.", "name"),
    ("Landrat Werner Kessler besuchte die Baustelle.",
     "District administrator Walter Kessler visited the building site.", "name"),
    ("Der Bus fährt von Wien nach Graz.", "The bus runs from Graz to Vienna.", "name"),
    ("Die Abgeordnete Petra Lang warf dem Minister Karl Roth Täuschung vor.",
     "Minister Karl Roth accused MP Petra Lang of deception.", "name"),
    # Given names the German dictionaries list ("Anna") or no dictionary knows ("Mareike"), and one that
    # ends like a German noun ("Erik", like "Musik"), before a surname that is a German word too.
    ("Die Torhüterin Anna Fischer hielt zwei Elfmeter.", "Goalkeeper Anna Fisher saved two penalties.",
     "name"),
    ("Die Ärztin Mareike Lange leitet die Station.", "Doctor Mareike Lang runs the ward.", "name"),
    ("Ihr Kollege Erik Sommer übernahm den Fall.", "Her colleague Erik Winter took over the case.", "name"),
    ("Die Sängerin Katharina Roth tritt in Graz auf.", "Singer Katrin Roth is performing in Graz.", "name"),
    # A place a dictionary lists as a name, after a preposition of place; a club's name.
    ("Die Messe findet in Bonn statt.", "The fair takes place in Cologne.", "name"),
    ("Der Verteidiger wechselt zu Eintracht Frankfurt.", "The defender is moving to VfB Stuttgart.", "name"),
    # A time of day, a season, a weekday, an estimate dropped; "kaum" turned round; a denial or refusal
    # turned into its opposite; a record's direction turned; a surname after a listed given name
    # translated as a word.
    ("Die Polizei sperrte die Brücke am Nachmittag für zwei Stunden.",
     "Police closed the bridge for two hours.", "omission"),
    ("Der Bericht soll im Herbst vorgelegt werden.", "The report is to be presented.", "omission"),
    ("Die Gewerkschaft streikt am Donnerstag in allen Filialen.",
     "The union is striking in all branches.", "omission"),
    ("Schätzungsweise 3000 Menschen kamen zum Konzert.", "3000 people came to the concert.", "omission"),
    ("Die Preise sind im Herbst kaum gestiegen.", "Prices rose sharply in the autumn.", "negation"),
    ("Der Konzern dementierte den Bericht.", "The group confirmed the report.", "negation"),
    ("Der Zeuge weigerte sich auszusagen.", "The witness agreed to testify.", "negation"),
    ("Nie zuvor wurden in Tirol so viele Luchse gezählt.", "Fewer lynxes than ever were counted in Tyrol.",
     "negation"),
    ("Markus Bäcker, der Sprecher der Stadtwerke, bestätigte den Ausfall.",
     "Markus Baker, the spokesman for the municipal utility, confirmed the outage.", "name"),
    # "nicht ausgeschlossen" is "possible", never a certain "not"; a country's adjective must be its own.
    ("Es ist nicht ausgeschlossen, dass der Landtag neu gewählt werden muss.",
     "The state parliament will certainly not have to be re-elected.", "negation"),
    ("Die Außenminister Chinas und Spaniens trafen sich in Straßburg.",
     "The Japanese and Spanish foreign ministers met in Strasbourg.", "name"),
    # A rejection, a refusal or a dismissal turned into its opposite.
    ("Der Verein lehnte das Angebot aus Spanien für seinen Torwart ab.",
     "The club accepted the offer from Spain for its goalkeeper.", "negation"),
    ("Die Ministerin wies die Vorwürfe der Opposition zurück.",
     "The minister accepted the opposition's accusations.", "negation"),
    ("Das Landgericht wies die Klage des Bauern ab.", "The regional court upheld the farmer's lawsuit.",
     "negation"),
    # A condition, a concession or an estimate's hedge left out ("concert" holds no "once").
    ("Falls es weiter regnet, wird das Konzert im Stadtpark abgesagt.",
     "The concert in the city park will be cancelled.", "omission"),
    ("Die Stadt baut die Halle aus, obwohl der Gemeinderat dagegen gestimmt hat.",
     "The town is expanding the hall; the council voted on it.", "omission"),
    ("Nach ersten Schätzungen entstand ein Schaden von zwei Millionen Euro.",
     "The damage came to two million euros.", "omission"),
    ("Trotz des Regens kamen rund 5.000 Besucher zum Stadtfest.",
     "Around 5,000 visitors came to the town festival.", "omission"),
    ("Die Mieten in Graz stiegen im Schnitt um vier Prozent.", "Rents in Graz rose by four percent.",
     "omission"),
    ("Wenn das Wetter mitspielt, wird die Brücke im Mai eröffnet.", "The bridge will open in May.",
     "omission"),
    ("Der Trainer des Vereins, Thomas Hartmann, ist zurückgetreten.",
     "The club's coach, Thomas Hartman, has resigned.", "name"),
    ("Der Zug von Leipzig nach Dresden fiel am Morgen aus.",
     "The train from Dresden to Leipzig was cancelled in the morning.", "name"),
    ("Der Sturm traf vor allem Kärnten, Vorarlberg und Tirol.",
     "The storm hit Carinthia and Tyrol in particular.", "name"),
    ("Werder Bremen verlor am Samstag zu Hause gegen den VfL Wolfsburg.",
     "VfL Wolfsburg lost at home to Werder Bremen on Saturday.", "name"),
]


@pytest.mark.parametrize("german, english, kind", CORRUPTED)
def test_corrupted_translations_are_flagged_by_kind(german: str, english: str, kind: str) -> None:
    flags = check(german, english)
    assert kind in {f.kind for f in flags}, flags
    assert all(f.reason for f in flags)


def test_low_confidence_is_flagged_against_the_threshold() -> None:
    german, english = "Die Mauer fiel.", "The wall fell."
    assert check(german, english, confidence=-0.4, min_confidence=-1.5) == []
    assert [f.kind for f in check(german, english, confidence=-2.3, min_confidence=-1.5)] == ["confidence"]


REPETITIONS = [
    ("the the the the", "“the” 4 times"),
    ("in the city in the city in the city", "“in the city” 3 times"),
    ("It was a very, very good day.", None),
    ("He said he would go and he did go.", None),
    ("Kim Kim Kim", None),  # three of one word can be a name list; four is a loop
    ("", None),
]


@pytest.mark.parametrize("text, finding", REPETITIONS)
def test_repetition(text: str, finding: str | None) -> None:
    result = repetition(text)
    if finding is None:
        assert result is None
    else:
        assert result is not None and finding in result


def test_check_command_on_a_tsv_file(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("de\ten\n"
                     "Die Arbeitslosigkeit stieg um 3,5 Prozent.\tUnemployment rose by 35 percent.\n"
                     "Die SPD stimmte am 3. Oktober zu.\tThe SPD agreed on October 3.\n"
                     "no tab on this line\n", encoding="utf-8")
    code, out, err = cli("check", pairs, "--format", "json")
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [entry["line"] for entry in lines] == [2, 3]
    assert lines[0]["flags"][0]["kind"] == "number" and lines[1]["flags"] == []
    assert "pairs.tsv:4: no tab" in err
    code, out, _ = cli("check", pairs)
    assert "line 2: number:" in out and "line 3: ok" in out


def test_check_targets_are_met_on_both_evaluation_sets() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from check_quality import SETS, evaluate

    for name in ("dev", "heldout"):
        result = evaluate(SETS[name])
        assert result.meets_targets(), result.misses


# What the meaning checks reach on their pairs (README, Translation checks): the tuned dev set, the
# first held-out set (tuned on in a second round), the second (scored before and after that round, then
# tuned on for negation), the third and the fourth (each scored once on the committed checks, then tuned
# on), the fifth (scored once, then tuned on for its false alarms only).
# Floors a little under those figures, so a change that loses catches or adds false alarms fails here.
MEANING_FLOORS = {"meaning dev": ({"omission": 0.94, "negation": 0.88, "name": 0.88}, 0.02),
                  "meaning heldout": ({"omission": 0.91, "negation": 0.94, "name": 0.91}, 0.06),
                  "meaning heldout 2": ({"omission": 0.85, "negation": 0.88, "name": 0.75}, 0.05),
                  "meaning heldout 3": ({"omission": 0.74, "negation": 0.94, "name": 0.83}, 0.04),
                  "meaning heldout 4": ({"omission": 0.71, "negation": 0.86, "name": 0.77}, 0.05),
                  "meaning heldout 5": ({"omission": 0.63, "negation": 0.77, "name": 0.66}, 0.05),
                  "meaning heldout 6": ({"omission": 0.77, "negation": 0.91, "name": 0.80}, 0.03),
                  "meaning heldout 7": ({"omission": 0.68, "negation": 0.88, "name": 0.74}, 0.08)}


@pytest.mark.parametrize("name", MEANING_FLOORS)
def test_meaning_checks_keep_their_measured_catch_rates(name: str) -> None:
    from summarize import dictionaries

    if dictionaries.dictionary("de_DE") is None or dictionaries.dictionary("en_US") is None:
        if os.environ.get("SUMMARIZE_REQUIRE_DICTIONARIES"):
            pytest.fail("the hunspell dictionaries are required here (SUMMARIZE_REQUIRE_DICTIONARIES)")
        pytest.skip("no hunspell de_DE / en_US dictionaries: install hunspell-de-de and hunspell-en-us")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from check_quality import SETS, evaluate

    result = evaluate(SETS[name])
    floors, most_flagged = MEANING_FLOORS[name]
    for kind, floor in floors.items():
        assert result.rate(kind) >= floor, (kind, result.rate(kind))
    assert result.false_alarm_rate <= most_flagged, result.false_alarm_rate


def test_the_article_schema_names_every_kind_of_flag() -> None:
    from summarize.checks import KINDS

    schema = json.loads((ROOT / "summarize" / "article.schema.json").read_text(encoding="utf-8"))
    flag = schema["properties"]["sentences"]["items"]["properties"]["flags"]["items"]
    assert flag["properties"]["kind"]["enum"] == list(KINDS)


@pytest.mark.parametrize("german, english", [
    ("Die Teuerung lag im März bei 1,2 Prozent.", "Inflation stood at 1.2 percent in March."),
    ("Er wird im März wieder spielen.", "He will play again in March."),
    ("Nie zuvor haben in Sachsen so viele Menschen ein Elektroauto gekauft.",
     "Never before have so many people in Saxony bought an electric car."),
])
def test_english_that_shares_words_with_german_is_not_taken_for_german(german: str, english: str) -> None:
    assert check(german, english) == []
