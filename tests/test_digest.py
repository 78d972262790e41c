"""The human digest: stories (grouping), shared agency sentences, escaping, digest.html in a real browser."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from summarize import digest, writing
from summarize.preparing import prepare
from summarize.reading import read_article
from summarize.records import Article, Flag

from conftest import DATA, ROOT, SEEDS

ARTICLES = DATA / "articles"
HELDOUT = DATA / "heldout" / "articles"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
SEED_IDS = [path.stem for path in SEED_FILES]
DIGEST_SCHEMA = json.loads((ROOT / "summarize" / "digest.schema.json").read_text(encoding="utf-8"))
GENERATED = "2024-03-14T02:30:00+00:00"

HOSTILE_TEXT = """\
Hacker schleusen &lt;script&gt;alert(1)&lt;/script&gt; in das Bürgerportal von Neustadt ein
Die Stadtverwaltung von Neustadt hat am Montag eine Sicherheitslücke in ihrem Bürgerportal bestätigt, \
über die Angreifer fremden Code in die Seiten einschleusen konnten.
<script>document.title='pwned';</script>
<img src=x onerror="document.title='pwned';document.body.appendChild(\
document.createElement('h1')).id='pwned'">
Ein IT-Experte hatte die Stadt nach eigenen Angaben bereits im Januar auf das Problem hingewiesen, das \
sich mit wenigen Zeilen Code ausnutzen ließ. Die Verwaltung erklärte, die Lücke sei inzwischen geschlossen \
und es gebe keine Hinweise darauf, dass Daten von Bürgerinnen und Bürgern abgeflossen seien.
Der Datenschutzbeauftragte des Landes kündigte an, den Vorfall zu prüfen. Zeichen wie <b>fett</b> & \
"Anführungszeichen" sowie # Rauten und *Sterne* sollen im Bericht als Text erscheinen.
"""


def german_article(path: Path, article_id: str | None = None) -> Article:
    """An article cleaned and segmented for real, the German standing in for the English (grouping and
    shared sentences read only the German)."""
    article = prepare(read_article(path, article_id))
    article.title_en = article.title_de
    article.sentences = [replace(s, en=s.de) for s in article.sentences]
    article.summary_en = " ".join(s.de for s in article.sentences[:2])
    return article


def german_entry(path: Path, article_id: str | None = None) -> digest.Entry:
    return digest.Entry.of(german_article(path, article_id))


def entry(article_id: str, title: str = "Title", sentences: tuple[str, ...] = ("Ein Satz.",), **changes: Any
          ) -> digest.Entry:
    """A minimal entry: one paragraph per sentence, English = German."""
    paragraphs = tuple((digest.EntrySentence(s, s),) for s in sentences)
    base = digest.Entry(
        id=article_id, title_de=title, title_en=title, summary_en=sentences[0] if sentences else "",
        source_path=f"in/{article_id}.txt", paragraphs=paragraphs,
        original="\n".join([title, *sentences]) + "\n")
    return replace(base, **changes)


@pytest.fixture(scope="module")
def seeds() -> list[digest.Entry]:
    return [german_entry(path) for path in SEED_FILES]


# --------------------------------------------------------------------------------------------------
# Stories


@pytest.mark.parametrize("unrelated", [
    ARTICLES / "108_sport_bundesliga.txt",
    ARTICLES / "107_live_blog_ukraine.txt",          # same war, different event
    ARTICLES / "116_austrian_quality_daily_nationalrat.txt",
    HELDOUT / "204_gruenwalde_hohenbruck.txt",
])
def test_the_seeds_are_one_story_and_an_unrelated_article_is_its_own(seeds, unrelated: Path) -> None:
    other = german_entry(unrelated)
    stories = digest.group_stories([*seeds[:2], other, *seeds[2:]])
    assert [[r.id for r in story] for story in stories] == [SEED_IDS, [other.id]]


@pytest.mark.parametrize("first, second", [
    # Same topic, different events: the closest such pairs among the test articles.
    (ARTICLES / "108_sport_bundesliga.txt", HELDOUT / "204_gruenwalde_hohenbruck.txt"),
    (ARTICLES / "120_regional_daily_radwege_notitle.txt", HELDOUT / "200_lindenau_radwegenetz.txt"),
    (ARTICLES / "105_agency_short_apa_notitle.txt", HELDOUT / "208_insolvenzen_quartal_apa.txt"),
    (ARTICLES / "111_weather_unwetter.txt", HELDOUT / "202_oststeiermark_hagel.txt"),
])
def test_articles_on_the_same_topic_but_different_events_stay_apart(first: Path, second: Path) -> None:
    a, b = german_entry(first), german_entry(second)
    assert digest.similarity(a, b) < digest.STORY_THRESHOLD
    assert len(digest.group_stories([a, b])) == 2


def test_every_pair_of_seed_reports_is_above_the_threshold(seeds) -> None:
    # Average-link merges them whatever the order; the margin is what the threshold was chosen from.
    for i, a in enumerate(seeds):
        for b in seeds[i + 1:]:
            assert digest.similarity(a, b) >= digest.STORY_THRESHOLD + 0.05, (a.id, b.id)


def test_all_test_articles_the_seeds_form_the_only_multi_article_story(seeds) -> None:
    others = [german_entry(p) for p in sorted(ARTICLES.glob("*.txt")) + sorted(HELDOUT.glob("*.txt"))]
    stories = digest.group_stories(others + seeds)
    assert [r.id for r in stories[0]] == SEED_IDS
    assert all(len(story) == 1 for story in stories[1:])
    assert [story[0].id for story in stories[1:]] == [r.id for r in others]  # first appearance


def test_a_later_report_continues_its_story_from_the_signature_alone(seeds) -> None:
    """A night remembers its stories by signature (a cut centroid): each seed report, as the next night's
    story, continues the story of the other four; none of the other test articles continues it, the
    same-topic ones included (those of the weather and the war)."""
    others = [german_entry(p) for p in sorted(ARTICLES.glob("*.txt")) + sorted(HELDOUT.glob("*.txt"))]
    for i, later in enumerate(seeds):
        earlier = [digest.Signature(digest.signature(digest.centroid(story)))
                   for story in [seeds[:i] + seeds[i + 1:], *([o] for o in others)]]
        assert len(earlier[0].stems) == digest.stories.SIGNATURE_STEMS
        assert digest.continued([digest.centroid([later])], earlier) == [[0]], later.id
    found = digest.continued([digest.centroid([other]) for other in others],
                             [digest.Signature(digest.signature(digest.centroid(seeds)))])
    assert found == [[] for _ in others]


@pytest.mark.parametrize("order, expected", [
    # input order (by index into the list below) -> stories as indices
    ([0, 1, 2, 3, 4], [[0, 1, 3], [2], [4]]),
    ([4, 3, 2, 1, 0], [[3, 1, 0], [4], [2]]),
    ([2, 0, 4, 1, 3], [[0, 1, 3], [2], [4]]),
])
def test_stories_are_ordered_by_size_then_first_appearance_articles_by_input(order, expected) -> None:
    texts = [
        ("Brand in Lagerhalle", "Ein Großbrand hat in der Nacht eine Lagerhalle im Hafen von Emden zerstört. "
         "Die Feuerwehr Emden bekämpfte den Brand der Lagerhalle mit achtzig Einsatzkräften."),
        ("Lagerhalle in Emden abgebrannt", "Im Hafen von Emden ist eine Lagerhalle vollständig abgebrannt. "
         "Achtzig Einsatzkräfte der Feuerwehr kämpften stundenlang gegen den Brand."),
        ("Neue Brücke eröffnet", "In Passau wurde die neue Innbrücke für den Verkehr freigegeben. "
         "Die Bauarbeiten hatten drei Jahre gedauert und kosteten vierzig Millionen Euro."),
        ("Großbrand im Emdener Hafen", "Eine Lagerhalle im Emdener Hafen brannte in der Nacht nieder. "
         "Die Feuerwehr Emden war mit achtzig Einsatzkräften vor Ort."),
        ("Schulstreik in Graz", "Schülerinnen und Schüler in Graz streikten für bessere Busverbindungen "
         "zu ihren Schulen am Stadtrand."),
    ]
    records = [entry(f"r{i}", title, (text,)) for i, (title, text) in enumerate(texts)]
    stories = digest.group_stories([records[i] for i in order])
    assert [[int(r.id[1:]) for r in story] for story in stories] == [
        sorted(story, key=order.index) for story in expected]


def test_no_articles_no_stories() -> None:
    assert digest.group_stories([]) == []
    assert digest.shared_sentences([]) == {}


def test_story_keywords_are_shared_nouns_and_names(seeds) -> None:
    keywords = digest.story_keywords(seeds)
    assert {"Nordkorea", "Russland", "Putin"} <= set(keywords)
    assert all(word[0].isupper() for word in keywords)
    assert digest.story_keywords(seeds[:1]) == []


# --------------------------------------------------------------------------------------------------
# Shared sentences

AGENCY = "Kim und Putin hatten sich schon 2019 in der russischen Hafenstadt Wladiwostok getroffen."


@pytest.mark.parametrize("other, shared", [
    (AGENCY, True),
    # case and punctuation; whitespace; one word changed
    ("kim UND putin hatten sich schon 2019 in der russischen Hafenstadt Wladiwostok getroffen", True),
    ("Kim und Putin hatten  sich schon 2019\nin der russischen Hafenstadt Wladiwostok getroffen!", True),
    ("Kim und Putin hatten sich bereits 2019 in der russischen Hafenstadt Wladiwostok getroffen.", True),
    ("Kim und Putin trafen sich bereits 2019 im russischen Wladiwostok.", False),  # paraphrase
    ("Putin und Kim hatten sich 2023 im Kosmodrom Wostotschny getroffen.", False),
])
def test_a_nearly_verbatim_sentence_is_shared(other: str, shared: bool) -> None:
    records = [entry("a", "A", ("Erster Satz hier.", AGENCY)), entry("b", "B", (other, "Noch ein Satz."))]
    expected = {("a", 1): ["b"], ("b", 0): ["a"]} if shared else {}
    assert digest.shared_sentences(records) == expected


@pytest.mark.parametrize("sentence", [
    "Das sagte er am Montag.",   # 5 words: stock phrase, not agency copy
    "Ja.",
])
def test_short_sentences_are_never_shared(sentence: str) -> None:
    assert digest.shared_sentences([entry("a", "A", (sentence,)), entry("b", "B", (sentence,))]) == {}


def test_shared_lists_the_other_articles_in_input_order_never_itself() -> None:
    records = [entry("c", "C", (AGENCY,)),
               entry("a", "A", ("Etwas ganz anderes steht in diesem Satz hier.",)),
               entry("b", "B", ("Vorweg.", AGENCY)), entry("d", "D", (AGENCY, AGENCY.upper()))]
    assert digest.shared_sentences(records) == {
        ("c", 0): ["b", "d"], ("b", 1): ["c", "d"], ("d", 0): ["c", "b"], ("d", 1): ["c", "b"]}


def test_the_seeds_share_agency_sentences(seeds) -> None:
    shared = digest.shared_sentences(seeds)
    by_id = {r.id: r for r in seeds}
    assert shared  # 000 and 003 carry the same dpa paragraph
    for (article_id, index), others in shared.items():
        assert article_id not in others
        for other in others:
            assert any(key[0] == other and article_id in ids for key, ids in shared.items())
        assert len(by_id[article_id].sentences[index].de.split()) >= digest.SHARED_MIN_WORDS


def test_a_shared_sentence_is_shown_once_and_marked_in_the_digest() -> None:
    records = [entry("a", "First report", ("Erster Satz hier.", AGENCY)),
               entry("b", "Second report", (AGENCY, "Noch ein Satz."))]
    page = digest.render_html(records, GENERATED)
    translations = "".join(re.findall(r'<details class="translation">.*?</details>', page, re.S))
    assert translations.count(html.escape(AGENCY)) == 1
    assert "also in: <a href=\"#a-b\">Second report</a>" in translations
    assert 'as in <a href="#a-a">First report</a>' in translations
    markdown = digest.render_markdown(records, GENERATED)
    translations = "".join(re.findall(r"<summary>English translation</summary>.*?</details>", markdown, re.S))
    assert translations.count(AGENCY) == 1
    assert "also in: [Second report](#a-b)" in translations and "as in [First report](#a-a)" in translations


# --------------------------------------------------------------------------------------------------
# Rendering and escaping

HOSTILE = {
    "title": "<script>alert(1)</script> # Not a heading",
    "summary": "<img src=x onerror=alert(2)> [click](http://evil.example/) *bold* `code` &amp; done",
    "original": "</pre><script>alert(3)</script>\n```\n# heading\n<iframe src=http://evil.example/>",
    "path": 'in/"><script>alert(4)</script>.txt',
    "warning": "<b onmouseover=alert(5)>warning</b>",
    "outlet": "<i>Outlet</i> & Co",
}


def hostile_entry() -> digest.Entry:
    return entry("x<y>", HOSTILE["title"], ("# Eine Überschrift, die keine ist.", "1. Kein Listenpunkt."),
                 source_path=HOSTILE["path"], warnings=(HOSTILE["warning"],), outlet=HOSTILE["outlet"],
                 summary_en=HOSTILE["summary"], original=HOSTILE["original"])


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.urls += [value or "" for name, value in attrs if name in ("href", "src", "action", "formaction")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


SAFE_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "header", "footer", "nav", "section",
             "article", "h1", "h2", "h3", "p", "a", "ol", "ul", "li", "span", "strong", "em", "code", "pre",
             "details", "summary", "div", "time", "hr", "blockquote"}


def test_html_escapes_every_input_string() -> None:
    page = digest.render_html([hostile_entry(), entry("plain", "Plain article")], GENERATED)
    parsed = parse(page)
    assert parsed.tags <= SAFE_TAGS - {"blockquote"}
    assert not [a for a in parsed.attributes if a.startswith("on")]
    assert all(url.startswith("#") for url in parsed.urls)
    text = "".join(parsed.text)
    for value in HOSTILE.values():
        assert value in text  # shown as text, exactly
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<iframe" not in page.lower()


def test_markdown_keeps_its_structure_with_hostile_inputs() -> None:
    markdown = digest.render_markdown([hostile_entry(), entry("plain", "Plain article")], GENERATED)
    outside_code = re.sub(r"^(`{3,})text\n.*?^\1$", "", markdown, flags=re.M | re.S)  # code blocks
    outside_code = re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", outside_code)  # code spans
    assert "<script" not in outside_code and "<img" not in outside_code and "<iframe" not in outside_code
    assert "</details>" in outside_code.split("German original")[-1]  # the fence closed where it should
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").render(markdown)
    parsed = parse(rendered)
    assert parsed.tags <= SAFE_TAGS - {"blockquote"}, parsed.tags
    assert not [a for a in parsed.attributes if a.startswith("on")]
    assert all(url.startswith("#") for url in parsed.urls), parsed.urls  # the input's link is text
    assert "h1" not in parsed.tags or rendered.count("<h1>") == 1  # only the digest's own heading
    text = "".join(parsed.text)
    assert HOSTILE["title"] in text and HOSTILE["original"].rstrip("\n") in text


@pytest.mark.parametrize("text, expected", [
    ("# Titel", "\\# Titel"),
    ("> Zitat", "\\> Zitat"),
    ("1. Punkt", "1\\. Punkt"),
    ("12) Punkt", "12\\) Punkt"),
    ("1-2 Tore", "1-2 Tore"),
    ("- Punkt", "\\- Punkt"),
    ("a <b> c", "a &lt;b> c"),
    ("AT&T &amp; Co", "AT&T &amp;amp; Co"),
    ("*fett* _kursiv_ [Link](x) `Code`", "\\*fett\\* \\_kursiv\\_ \\[Link\\](x) \\`Code\\`"),
    ("zwei\nZeilen", "zwei Zeilen"),
    ("Köln – 3 % mehr", "Köln – 3 % mehr"),
])
def test_md_escape(text: str, expected: str) -> None:
    assert digest.md_escape(text) == expected


def test_html_is_self_contained_and_readable_everywhere() -> None:
    page = digest.render_html([entry("a", "A")], GENERATED)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "@media print" in page and "prefers-color-scheme: dark" in page
    assert "<script" not in page and "<link" not in page and "@import" not in page and "url(" not in page
    assert "14 March 2024" in page


@pytest.mark.parametrize("changes, shown, hidden", [
    ({}, ["Source", "in/a.txt"], ["Outlet", "not German", "warning"]),
    ({"outlet": "Der Standard"}, ["Outlet", "Der Standard"], []),
    ({"url": "https://example.org"}, [], ["Outlet"]),
    ({"language": "en"}, ["not German (en)"], []),
    ({"warnings": ("w1", "w2", "w3")}, ["3 warnings", "w1", "w3"], []),
    ({"warnings": ("only one",)}, ["1 warning", "only one"], ["1 warnings"]),
    ({"title_de": "T", "title_en": "T", "title_derived": True}, ["headline from first sentence"], []),
])
def test_marks(changes: dict[str, Any], shown: list[str], hidden: list[str]) -> None:
    rec = entry("a", "A", ("Ein Satz.",), **changes)
    for page in (digest.render_html([rec], GENERATED), digest.render_markdown([rec], GENERATED)):
        page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
        for text in shown:
            assert text in page
        for text in hidden:
            assert text not in page


def test_story_headings_and_contents(seeds) -> None:
    other = german_entry(ARTICLES / "108_sport_bundesliga.txt")
    records = [*seeds, other]
    for page in (digest.render_html(records, GENERATED), digest.render_markdown(records, GENERATED)):
        assert "(5 reports)" in page and "Contents" in page and "14 March 2024" in page
        assert page.count(f"Story: {digest.story_title(seeds)}") == 2  # contents and heading
        for rec in records:
            assert rec.id in page and rec.source_path in page


def test_write_digest_writes_json_with_stories_markdown_and_html(tmp_path: Path, seeds) -> None:
    articles = [german_article(path) for path in [*SEED_FILES, ARTICLES / "108_sport_bundesliga.txt"]]
    for article in articles:
        writing.write_article(tmp_path, article, {}, "0" * 64)
    records = [digest.Entry.of(article) for article in articles]
    ids = [rec.id for rec in records] + ["missing"]
    writing.write_digest(tmp_path, ids, done=articles[2:4], warnings=[])  # the others as if skipped
    data = json.loads((tmp_path / "digest.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, DIGEST_SCHEMA)
    assert [s["article_ids"] for s in data["stories"]] == [SEED_IDS, ["108_sport_bundesliga"]]
    assert data["stories"][0]["title"] == digest.story_title(seeds)
    generated = data["generated"]
    assert (tmp_path / "digest.md").read_text(encoding="utf-8") == digest.render_markdown(records, generated)
    assert (tmp_path / "digest.html").read_text(encoding="utf-8") == digest.render_html(records, generated)
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_article_skipped_as_unchanged_is_in_the_digest_as_when_it_was_done(tmp_path: Path) -> None:
    # Its entry is read from its file; it must be the entry the run made of the article then.
    (tmp_path / "english.txt").write_text(
        "US warns North Korea\n\nThe United States has warned North Korea against supplying weapons to "
        "Russia. It said that the talks were a matter of concern for the region.\n", encoding="utf-8")
    articles = [german_article(SEEDS / "000_186858dc41ba0cad.txt"), german_article(tmp_path / "english.txt")]
    flagged = articles[0]
    flagged.sentences = [replace(s, confidence=-0.5) for s in flagged.sentences]
    doubts = (Flag("confidence", "the model is unsure"), Flag("number", "2019 is missing"))
    flagged.sentences[1] = replace(flagged.sentences[1], confidence=-2.5, flags=doubts,
                                   repair="translated again with 8 beams")
    assert articles[1].language == "en"
    for article in articles:
        writing.write_article(tmp_path, article, {}, "0" * 64)
        assert writing.read_entry(tmp_path / f"{article.id}.json") == digest.Entry.of(article)
    assert writing.read_entry(tmp_path / "missing.json") is None


def test_write_text_is_atomic_and_leaves_no_temp_file_on_failure(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "digest.md"
    writing.write_text(target, "old\n")

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        writing.write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["digest.md"]


# --------------------------------------------------------------------------------------------------
# End to end: the real CLI, then digest.html in a real headless Chromium

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


CHROMIUM = Path("/usr/bin/chromium")  # Debian's package


def chromium_or_skip() -> str:
    """Debian's chromium, or skip; with SUMMARIZE_REQUIRE_BROWSER=1 (CI) a missing browser fails instead."""
    required = os.environ.get("SUMMARIZE_REQUIRE_BROWSER") == "1"
    path = shutil.which("chromium") or (str(CHROMIUM) if CHROMIUM.exists() else None)
    problem = None
    if path is None:
        problem = "no chromium on PATH (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright package is not installed (pip install '.[test]')"
    if problem:
        if required:
            pytest.fail(f"SUMMARIZE_REQUIRE_BROWSER=1 but {problem}")
        pytest.skip(problem)
    assert path is not None
    return path


@pytest.mark.parametrize("required, outcome", [(None, pytest.skip.Exception), ("1", pytest.fail.Exception)])
def test_a_missing_browser_skips_unless_required(monkeypatch, tmp_path: Path, required, outcome) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    if required is None:
        monkeypatch.delenv("SUMMARIZE_REQUIRE_BROWSER", raising=False)
    else:
        monkeypatch.setenv("SUMMARIZE_REQUIRE_BROWSER", required)
    with pytest.raises(outcome):
        chromium_or_skip()


def test_digest_html_in_a_real_browser(tmp_path: Path, tiny_model: Path, cli) -> None:  # type: ignore[no-untyped-def]
    chromium = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    folder = tmp_path / "in"
    folder.mkdir()
    for path in [*SEED_FILES, ARTICLES / "108_sport_bundesliga.txt"]:
        shutil.copy(path, folder / path.name)
    (folder / "900_hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = cli("run", folder, "-o", out, "--model", tiny_model, "--quiet")
    assert code == 0, err

    data = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, DIGEST_SCHEMA)
    assert [story["article_ids"] for story in data["stories"]] == [
        SEED_IDS, ["108_sport_bundesliga"], ["900_hostile"]]
    records = {a["id"]: writing.read_entry(out / f"{a['id']}.json") for a in data["articles"]}
    hostile = records["900_hostile"]
    assert hostile is not None and "<script>" in hostile.title_de and "<script>" in hostile.original

    markdown = (out / "digest.md").read_text(encoding="utf-8")
    for rec in records.values():
        assert rec is not None and digest.md_escape(rec.heading) in markdown

    url = (out / "digest.html").resolve().as_uri()
    requests: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

            def record_and_block(route) -> None:  # type: ignore[no-untyped-def]
                requests.append(route.request.url)
                if route.request.url == url:
                    route.continue_()
                else:
                    route.abort()

            page.route("**/*", record_and_block)
            page.goto(url)
            page.wait_for_load_state("load")
            expected_title = f"News digest — {digest.format_generated(data['generated'])}"
            assert page.title() == expected_title

            # Every article's title is on the page, as text.
            headings = [" ".join(text.split())
                        for text in page.locator("article h2, article h3").all_text_contents()]
            for rec in records.values():
                assert rec is not None and " ".join(rec.heading.split()) in headings
            german = page.locator(f"#{digest._anchors([hostile])['900_hostile']} .de-title").text_content()
            assert german == hostile.title_de
            original = page.locator("article").last.locator("pre.original").text_content()
            assert original == hostile.original
            page.screenshot(path=str(tmp_path / "digest_closed.png"), full_page=True)

            # One click opens a section.
            details = page.locator("article").first.locator("details.translation")
            assert details.evaluate("d => d.open") is False
            details.locator("summary").click()
            assert details.evaluate("d => d.open") is True
            assert details.locator(".body").is_visible()
            for article in (page.locator("article").first, page.locator("article").last):
                closed = article.locator("details:not([open]) > summary")
                while closed.count():
                    closed.first.click()
            assert page.locator("article").last.locator("details.original").evaluate("d => d.open") is True
            page.screenshot(path=str(tmp_path / "digest_open.png"), full_page=True)

            # Nothing from an input ran or became an element, and nothing was fetched.
            assert page.title() == expected_title and dialogs == []
            assert page.evaluate("document.getElementById('pwned')") is None
            foreign = "script, img, iframe, object, embed, link, video, audio, svg"
            assert page.evaluate(f"document.querySelectorAll('{foreign}').length") == 0
            assert page.evaluate("[...document.querySelectorAll('*')]"
                                 ".some(e => [...e.attributes].some(a => a.name.startsWith('on')))") is False
            assert requests == [url]

            # Phone: no sideways scrolling, even with the tiny model's endless gibberish words.
            page.set_viewport_size({"width": 375, "height": 800})
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
            page.screenshot(path=str(tmp_path / "digest_phone.png"))

            # Print: closed sections print expanded, without background colours.
            page.emulate_media(media="print")
            closed = page.locator("article").nth(1).locator("details.original")
            assert closed.evaluate("d => d.open") is False
            assert closed.locator("pre").is_visible()
            assert page.evaluate("getComputedStyle(document.body).backgroundColor") in ("rgba(0, 0, 0, 0)",
                                                                                         "rgb(255, 255, 255)")

            # Dark mode follows the system.
            page.emulate_media(media="screen", color_scheme="dark")
            red, green, blue = [int(x) for x in page.evaluate(
                "getComputedStyle(document.body).backgroundColor").strip("rgba()").split(",")[:3]]
            assert red + green + blue < 3 * 60
            page.screenshot(path=str(tmp_path / "digest_dark.png"))
        finally:
            browser.close()
    assert dialogs == [] and requests == [url]
    for name in ("digest_closed.png", "digest_open.png"):
        assert (tmp_path / name).stat().st_size > 10_000


def test_articles_and_stories_are_ordered_by_publication_date_when_known() -> None:
    from summarize.digest import group_stories

    def dated(article_id: str, text: str, published: str | None) -> digest.Entry:
        return entry(article_id, article_id, (text,), published=published)

    storm = ("Der Sturm Helga hat in Norddeutschland Bäume entwurzelt und den Bahnverkehr zwischen Hamburg "
             "und Bremen lahmgelegt.")
    vote = ("Der Stadtrat von Lindenau hat über das neue Radwegenetz abgestimmt und die Finanzierung durch "
            "Fördermittel beschlossen.")
    records = [dated("storm-old", storm, "2024-02-20 08:00:00"), dated("vote", vote, "2024-03-01"),
               dated("storm-undated", storm, None),
               dated("storm-new", storm + " Am Abend", "2024-02-21T09:30:00")]
    stories = group_stories(records)
    assert [[r.id for r in story] for story in stories] == [["storm-new", "storm-old", "storm-undated"],
                                                               ["vote"]]
