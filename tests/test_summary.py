"""The summarizer contract: rate, take the best within the limits, restore article order."""

from __future__ import annotations

import pytest

from summarize import summary
from summarize.preparing import prepare
from summarize.reading import read_article
from summarize.summary import summary_candidates

from conftest import SEEDS, count_calls

ARTICLE = [
    "Der Stadtrat hat am Dienstag ein neues Radwegenetz für die ganze Stadt beschlossen.",
    "Das Radwegenetz soll bis 2030 fertig sein und die Stadt rund zwölf Millionen Euro kosten.",
    "Die Opposition kritisierte die Kosten des Radwegenetzes im Stadtrat scharf.",
    "Am Abend regnete es.",
    "Der Stadtrat hat am Dienstag ein neues Radwegenetz für die ganze Stadt beschlossen, hieß es.",
    "Fördermittel des Landes sollen einen Teil der Kosten für das Radwegenetz decken.",
]
WORDS = [len(s.split()) for s in ARTICLE]


@pytest.mark.parametrize("method", list(summary.SUMMARIZERS))
@pytest.mark.parametrize("max_sentences, max_words", [(1, 80), (2, 80), (3, 80), (3, 20), (3, 5)])
def test_limits_and_article_order(method: str, max_sentences: int, max_words: int) -> None:
    chosen = summary.choose(method, ARTICLE, WORDS, max_sentences, max_words)
    assert chosen == sorted(chosen) and len(chosen) <= max_sentences
    assert sum(WORDS[i] for i in chosen) <= max_words


def test_never_two_sentences_saying_the_same_thing() -> None:
    chosen = summary.choose("extractive", ARTICLE, WORDS, 3, 80)
    assert not {0, 4} <= set(chosen)


def test_central_sentences_beat_the_aside() -> None:
    assert 3 not in summary.choose("extractive", ARTICLE, WORDS, 3, 80)


def test_ineligible_sentences_are_never_chosen() -> None:
    eligible = [i != 0 for i in range(len(ARTICLE))]
    assert 0 not in summary.choose("extractive", ARTICLE, WORDS, 3, 80, eligible)


def test_preferred_sentences_come_first() -> None:
    preferred = [i in (3, 5) for i in range(len(ARTICLE))]
    assert summary.choose("extractive", ARTICLE, WORDS, 2, 80, preferred=preferred) == [3, 5]


def test_key_points_of_the_outlet_are_preferred_and_headings_never_chosen() -> None:
    article = prepare(read_article(SEEDS / "001_69f38e4b299e07f8.txt"))
    eligible, preferred = summary_candidates(article)
    german = [s.de for s in article.sentences]
    assert [s for s, p in zip(german, preferred) if p] == [
        "Nordkorea dementiert, Russland mit Waffen und Munition versorgt zu haben.",
        "Zwischen den beiden Ländern habe es nie Waffenhandel gegeben.",
        "Die USA würden «feindselige Versuche» unternehmen, um den Ruf zu schädigen.",
    ]
    not_eligible = [s for s, e in zip(german, eligible) if not e]
    assert "Das Wichtigste in Kürze" in not_eligible
    assert "Experten vermuten Waffenmangel in Russland wegen Sanktionen" in not_eligible
    assert article.title_de in not_eligible  # derived title: not again in the summary


def _sentences(count: int) -> list[str]:
    return [f"Satz {i} über die Stadt und den Rat." for i in range(count)]


def test_a_very_long_article_is_rated_with_work_in_proportion_to_its_length() -> None:
    sentences = _sentences(20_000)
    scores = summary.rate_centrality(sentences)
    assert len(scores) == len(sentences) and scores[-1] == 0.0
    # The sentence graph is quadratic, so only the first MAX_RANKED sentences are ranked. Past that,
    # twice the sentences must cost at most twice the work (counted in calls, not seconds). The sizes are
    # small enough that a quadratic rating fails here in seconds instead of stalling.
    longer, longest = 2 * summary.MAX_RANKED, 4 * summary.MAX_RANKED
    work = {count: count_calls(summary.rate_centrality, _sentences(count))[0] for count in (longer, longest)}
    assert work[longest] <= 2 * work[longer], work


def test_a_sentence_the_cleaner_removed_elsewhere_or_holding_the_headline_is_never_a_summary_candidate(
        tmp_path) -> None:  # type: ignore[no-untyped-def]
    headline = "Stadtrat beschließt neues Radwegenetz für Kassel"
    glued = f"{headline} Der Beschluss fiel am Dienstagabend mit großer Mehrheit im Rathaus."
    teaser = "Die Kosten von zwölf Millionen Euro trägt zum Teil das Land Hessen, sagte der Bürgermeister."
    body = [glued, teaser,
            "Bis zum Jahr 2030 sollen in der Stadt mehr als vierzig Kilometer neue Radwege entstehen.",
            "Die Opposition kritisierte den Zeitplan als zu ehrgeizig und forderte eine bessere Planung.",
            "Der Verkehrsclub begrüßte die Entscheidung und sprach von einem wichtigen Signal."]
    page = "\n\n".join([headline, *body, "Meistgelesen", "Neue Ampel am Königsplatz sorgt für Ärger",
                        teaser]) + "\n"
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    article = prepare(read_article(path))
    assert article.title_de == headline
    removed = [line.text for line in article.cleaned.removed]
    assert teaser in removed  # the copy after the end goes, as another article's teaser
    eligible, _ = summary_candidates(article)
    by_sentence = dict(zip((s.de for s in article.sentences), eligible))
    assert by_sentence[teaser] is False  # the article's own copy of it is not summed up either
    assert not any(ok for de, ok in by_sentence.items() if headline in de)
    assert sum(by_sentence.values()) >= 3  # the rest of the article still is


def test_a_sentence_holding_a_removed_teaser_with_its_date_is_never_a_summary_candidate(
        tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A most-read list at the page's top prints a teaser bare; the same teaser after the article's end
    # carries its date: the two differ as lines, yet the kept copy is that removed text.
    teaser = "Fertigungsbetriebe in Kassel setzen ihren Wachstumskurs trotz Fachkräftemangel fort"
    body = ["Der Stadtrat hat am Dienstagabend mit großer Mehrheit ein neues Radwegenetz für Kassel "
            "beschlossen, das bis zum Jahr 2030 fertig sein soll.",
            "Die Kosten von zwölf Millionen Euro trägt zum Teil das Land Hessen, sagte der Bürgermeister.",
            "Die Opposition kritisierte den Zeitplan als zu ehrgeizig und forderte eine bessere Planung.",
            "Der Verkehrsclub begrüßte die Entscheidung und sprach von einem wichtigen Signal für die Stadt."]
    page = "\n".join(["Das Neueste:", f"{teaser}.", "Stadtrat beschließt neues Radwegenetz für Kassel", *body,
                      "Neueste Beiträge", f"{teaser} 21. November 2019",
                      "Neue Ampel am Königsplatz sorgt für Ärger 20. November 2019"]) + "\n"
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    article = prepare(read_article(path))
    eligible, _ = summary_candidates(article)
    by_sentence = dict(zip((s.de for s in article.sentences), eligible))
    assert all(not ok for de, ok in by_sentence.items() if teaser in de), by_sentence
    assert sum(by_sentence.values()) >= 3


def test_a_paragraph_printed_twice_inside_the_article_stays_a_summary_candidate_once(
        tmp_path) -> None:  # type: ignore[no-untyped-def]
    lead = ("Der Stadtrat hat am Dienstagabend mit großer Mehrheit ein neues Radwegenetz für Kassel "
            "beschlossen, das bis zum Jahr 2030 fertig sein soll.")
    body = ["Die Kosten von zwölf Millionen Euro trägt zum Teil das Land Hessen, sagte der Bürgermeister.",
            "Die Opposition kritisierte den Zeitplan als zu ehrgeizig und forderte eine bessere Planung.",
            "Der Verkehrsclub begrüßte die Entscheidung und sprach von einem wichtigen Signal für die Stadt."]
    page = "\n\n".join(["Stadtrat beschließt neues Radwegenetz für Kassel", lead, body[0], lead, *body[1:]])
    path = tmp_path / "page.txt"
    path.write_text(page + "\n", encoding="utf-8")
    article = prepare(read_article(path))
    assert [line.reason for line in article.cleaned.removed if line.text == lead] == [
        "printed again further up the page (a box or a teaser)"]
    eligible, _ = summary_candidates(article)
    assert [ok for sentence, ok in zip(article.sentences, eligible) if sentence.de == lead] == [True]
