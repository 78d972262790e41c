"""Real German news pages (../shared/realpages): loading, text dumpers, snippet scoring, baselines, and
line labels for the given dumps derived from each page's HTML.

    python benchmarks/realpages.py                 # baselines, label coverage and the labels' own score
    python benchmarks/realpages.py --dumps         # also the non-blank lines each dumper writes
    python benchmarks/realpages.py --show STEM...  # those pages' dumps, each line marked keep or drop

Dumps other than the given one are cached in benchmarks/.realpages/ (delete it after changing a dumper).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import html2text
import inscriptis
import justext
import lxml.etree
import lxml.html
import trafilatura

from summarize.cleaning.patterns import INVISIBLE

ROOT = Path(__file__).resolve().parent.parent
REALPAGES = Path(os.environ.get("SUMMARIZE_REALPAGES", ROOT.parent / "shared" / "realpages"))
CACHE = ROOT / "benchmarks" / ".realpages"
DUMP_TIMEOUT_S = 60

# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x"> alike.
META_CHARSET = re.compile(r"""(<meta[^>]+?charset\s*=\s*["']?\s*)([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")


def available() -> bool:
    """Whether the real pages are on this machine."""
    return (REALPAGES / "snippets.json").is_file()


@dataclass(frozen=True)
class Page:
    """One saved page: its HTML, the naive scraper's dump of it and its gold snippets."""

    stem: str
    url: str
    outlet: str
    html: str
    dump: str
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]


def decode_html(data: bytes) -> str:
    """The page's text by its declared charset; UTF-8 (errors replaced) when none or an unknown one."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    declared = META_CHARSET.search(data[:65536].decode("latin-1"))  # markup is ASCII in any charset
    # Python's codec for the declared name, as the given dumps were decoded: their iso-8859-1 pages keep
    # windows-1252 quotes as C1 controls, and so must the HTML for the labels to match them.
    if declared:
        try:
            return data.decode(declared.group(2), errors="replace")
        except LookupError:
            pass
    return data.decode("utf-8", errors="replace")


def load_pages() -> list[Page]:
    """Every page, sorted by stem."""
    gold = json.loads((REALPAGES / "snippets.json").read_text(encoding="utf-8"))["pages"]
    pages = []
    for stem in sorted(gold):
        entry = gold[stem]
        dump_text = (REALPAGES / "dumps" / f"{stem}.txt").read_text(encoding="utf-8-sig")
        pages.append(Page(
            stem=stem,
            url=entry["url"],
            outlet=urlsplit(entry["url"]).hostname.removeprefix("www."),
            html=decode_html((REALPAGES / "html" / f"{stem}.html").read_bytes()),
            dump=dump_text.replace("\r\n", "\n"),
            with_snippets=tuple(entry["with"]),
            without_snippets=tuple(entry["without"]),
        ))
    return pages


def normalise(text: str) -> str:
    """Whitespace collapsed to single spaces and invisible characters (soft hyphens, zero-width spaces)
    gone, as the snippet scoring compares text."""
    return WHITESPACE.sub(" ", INVISIBLE.sub("", text)).strip()


# --- dumpers ----------------------------------------------------------------------------------------


def _run(command: list[str], html: str) -> str:
    """The command's stdout for the page's HTML on stdin, as UTF-8."""
    result = subprocess.run(command, input=html.encode("utf-8"), capture_output=True, timeout=DUMP_TIMEOUT_S,
                            check=True)
    return result.stdout.decode("utf-8", errors="replace")


def _html2text(html: str) -> str:
    """html2text as a German user runs it, with --unicode-snob: by default it writes a "ü" that the page
    spells as the entity &uuml; as "u" (and "ß" as "ss"), and no cleaner can give the words back."""
    converter = html2text.HTML2Text()
    converter.unicode_snob = True
    return converter.handle(html)


DUMPERS: dict[str, Callable[[Page], str]] = {
    "get_text": lambda page: page.dump,
    "html2text": lambda page: _html2text(page.html),
    "inscriptis": lambda page: inscriptis.get_text(page.html),
    # lynx believes a page's own charset over -assume_charset, and the bytes it is given are UTF-8.
    "lynx": lambda page: _run(["lynx", "-dump", "-stdin", "-assume_charset=utf-8", "-display_charset=utf-8"],
                              META_CHARSET.sub(r"\g<1>utf-8", page.html)),
    "w3m": lambda page: _run(["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8"], page.html),
}
EXTERNAL_DUMPERS = ("lynx", "w3m")  # programs, named as their binaries


def available_dumpers() -> list[str]:
    """The dumpers that can run here: lynx and w3m only where their binaries are installed."""
    return [name for name in DUMPERS if name not in EXTERNAL_DUMPERS or shutil.which(name)]


def dump(page: Page, dumper: str) -> str:
    """The page as the dumper writes it, cached under benchmarks/.realpages/<dumper>/<stem>.txt."""
    if dumper == "get_text":
        return page.dump  # already a file beside the HTML; a copy would only go stale
    cached = CACHE / dumper / f"{page.stem}.txt"
    source = REALPAGES / "html" / f"{page.stem}.html"
    # A page saved again after its dump was cached is dumped again.
    if cached.is_file() and cached.stat().st_mtime >= source.stat().st_mtime:
        return cached.read_text(encoding="utf-8")
    text = DUMPERS[dumper](page)
    cached.parent.mkdir(parents=True, exist_ok=True)
    # Written whole, then renamed: another run reading the cache meanwhile never sees half a dump.
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(cached)
    return text


# --- snippet scoring --------------------------------------------------------------------------------


@dataclass
class SnippetScore:
    """Snippet counts over pages, micro-averaged as the gold's own evaluation does."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    pages: int = 0
    perfect: int = 0  # pages with no snippet missed and none leaked

    @property
    def precision(self) -> float:
        return self.tp / max(1, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self.tp / max(1, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return 2 * self.precision * self.recall / max(1e-9, self.precision + self.recall)


def snippet_errors(text: str, page: Page) -> tuple[list[str], list[str]]:
    """The page's `with` snippets missing from the text and its `without` snippets found in it."""
    text = normalise(text)
    missed = [s for s in page.with_snippets if normalise(s) not in text]
    leaked = [s for s in page.without_snippets if normalise(s) in text]
    return missed, leaked


def score_snippets(texts: dict[str, str], pages: Iterable[Page]) -> SnippetScore:
    """The snippet score of the cleaned texts (by stem) over the pages; a page without a text scores empty."""
    score = SnippetScore()
    for page in pages:
        missed, leaked = snippet_errors(texts.get(page.stem, ""), page)
        score.pages += 1
        score.tp += len(page.with_snippets) - len(missed)
        score.fn += len(missed)
        score.fp += len(leaked)
        score.perfect += not missed and not leaked
    return score


def snippet_breakdown(texts: dict[str, str], pages: Iterable[Page]) -> dict[str, tuple[list[str], list[str]]]:
    """Per stem, the `with` snippets missed and the `without` snippets leaked, for pages with either."""
    errors = {page.stem: snippet_errors(texts.get(page.stem, ""), page) for page in pages}
    return {stem: (missed, leaked) for stem, (missed, leaked) in errors.items() if missed or leaked}


# --- baselines --------------------------------------------------------------------------------------


def naive_rule(page: Page) -> str:
    """The get_text dump's lines of 12 or more words."""
    return "\n".join(line for line in page.dump.split("\n") if len(line.split()) >= 12)


def justext_on_html(page: Page) -> str:
    """jusText's non-boilerplate paragraphs, with its German stoplist."""
    paragraphs = justext.justext(page.html, justext.get_stoplist("German"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura_on_html(page: Page) -> str:
    """trafilatura's main text with its defaults."""
    return trafilatura.extract(page.html) or ""


BASELINES: dict[str, Callable[[Page], str]] = {
    "naive 12+ words": naive_rule,
    "jusText": justext_on_html,
    "trafilatura": trafilatura_on_html,
}


# --- line labels from the HTML ----------------------------------------------------------------------

# Elements the naive scraper writes on a line of their own.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "button", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
})
# Never article text, even inside the article's container.
FURNITURE_TAGS = frozenset({
    "figure", "figcaption", "aside", "nav", "form", "footer", "script", "style", "noscript", "template",
    "button", "iframe", "svg", "select", "textarea",
})
# Words in the class or id of furniture: sharing, related and most-read lists, ads, captions, bylines ...
FURNITURE_NAME = re.compile(
    r"share|sharing|shariff|social|related|recommend|empfehl|newsletter|comment|kommentar|breadcrumb"
    r"|gallery|galerie|caption|credit|copyright|author|autor|sabox|vcard|paywall|paid|subscri|abonn|donat"
    r"|spende|reward|sidebar|advert|anzeige|werbung|banner|sponsor|adslot|adsbygoogle|pagination|footer"
    r"|infobox|linkbox|mostviewed|most-read|meistgelesen|popular|trending|popup|pop-up|modal|overlay"
    r"|pushlayer|embed|citation|button|notice|tagged|rating"
    r"|(?<![a-z])(ads?|tags?|meta|byline|bio|nav|navi|navigation|menu|toc|btn|shop|promo|img|image|photo"
    r"|foto|bild|picture|visual)(?![a-z])")
# Class names a CMS gives a post for its tags, categories and layout ("tag-bremen"), not for a block.
TAXONOMY = re.compile(r"(tag|category|format|has|with|postid|post-format)-")
# Hidden from readers though a naive scraper writes it out; whole class names ("field-label-hidden" is not).
HIDDEN_CLASSES = frozenset({"hidden", "hide", "d-none", "sr-only", "visually-hidden", "screen-reader-text",
                            "hidecompletely"})
# Named so, an element is either the article's lead or a card linking to another article.
TEASER_NAME = re.compile(r"teaser|snippet")
# Where a page says: here is the article's text.
BODY_NAME = re.compile(
    r"article[-_]*(body|text|content)|story[-_]*body|entry[-_]*content|post[-_]*(content|body)"
    r"|(text|content)[-_]*body|news[-_]*(main[-_]*)?(text|content)|content[-_]*text|item-page|artikel"
    r"|(?<![a-z])(story|body)(?![a-z])")
# A line of fewer words is found in the container's text only as a whole line of it, and only right after
# the text before it (give or take a skipped block): "2021" or "Anzeige" may stand anywhere.
SHORT_LINE_WORDS = 6
SHORT_LINE_REACH = 400
# Lines about the article or pointing away from it: who wrote it and when, how long it reads, photo
# credits, "read also" prompts, tag lists.
BYLINE = re.compile(r"(Von|By|Text|Autor|Autorin)\b:?\s+[A-ZÄÖÜ]")
DATE = re.compile(r"\d{1,2}\.\s?(\d{1,2}\.|[A-ZÄÖÜ][a-zä]+\.?)\s?\d{2,4}|\d{4}-\d{2}-\d{2}"
                  r"|\d{1,2}:\d{2}\s?Uhr|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}")
READING_TIME = re.compile(r"Lesezeit|Lesedauer|\bMin(\.|uten)\s+(Lesezeit|lesen)")
CREDIT = re.compile(r"©|\((Foto|Fotos|Bild|Bilder|Grafik|Quelle)\s*:"
                    r"|^(Foto|Fotos|Bild|Bilder|Titelbild|Grafik|Quelle|Quellen|Credits?)\s*:")
PROMPT = re.compile(
    r"(Lesen Sie (auch|hier|mehr|weiter)|Auch interessant|Schon gelesen|Mehr zu(m| diesem) Thema|Mehr Themen"
    r"|Das könnte (Sie|dich) auch interessieren|Weitere (Artikel|Themen|Beiträge|Nachrichten)|Weiterlesen"
    r"|Mehr dazu|Zum Thema|Folgen Sie uns|Folge uns)\b")
TAG_SEPARATOR = re.compile(r"\s[-|·•/]\s")
PROSE_END = re.compile(r"[a-zäöüß]{2,}[.!?]\W*$")
# "Headline | Outlet", "Headline - Outlet": og:title and <title> often name the outlet after the headline.
TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+")
# Pages whose container the labeler finds but whose labels stay wrong, read by eye.
UNLABELLED = {
    "0a24692a9ea846c1819bd6a5f92a8874": "its story container also holds most-read widgets and a second,"
                                        " unrelated story",
}

Element = lxml.html.HtmlElement


@dataclass(frozen=True)
class LineLabels:
    """1-based numbers of the dump's non-blank lines that are the article (keep) and that are not."""

    keep: frozenset[int]
    drop: frozenset[int]
    title: str | None


@dataclass(frozen=True)
class _Texts:
    """Elements' text as the naive scraper would dump it: its lines, and all of it run together."""

    lines: frozenset[str]
    text: str

    def has(self, line: str) -> bool:
        """The line is one of these, or a longer one found in the running text (a block split otherwise)."""
        return line in self.lines or (len(line.split()) >= SHORT_LINE_WORDS and line in self.text)


def _parse(html: str) -> Element:
    """The page's element tree without comments."""
    # From bytes: lxml refuses a str that carries an XML encoding declaration.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    return lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)


def _text(element: Element) -> str:
    """The element's text as the naive scraper writes it: its text nodes joined by spaces."""
    return normalise(" ".join(element.itertext()))


def _names(element: Element) -> str:
    """The element's class names and id, less those a CMS gives a post for its tags and categories."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()
    return " ".join(name for name in names if not TAXONOMY.match(name))


def _links(element: Element) -> list[Element]:
    return [link for link in element.iter("a") if link.get("href") is not None]


def _links_only(element: Element) -> bool:
    """A block all of whose text is links, or inside one: "read also", a related headline or card, a
    table of contents, a list of sources."""
    if element.tag not in BLOCK_TAGS or not _text(element):
        return False
    if any(ancestor.tag == "a" and ancestor.get("href") is not None for ancestor in element.iterancestors()):
        return True
    return normalise(" ".join(text for link in _links(element) for text in link.itertext())) == _text(element)


def _in_running_text(element: Element) -> bool:
    """The element stands among loose words of its parent, as a link in a sentence does."""
    parent = element.getparent()
    if parent is None:
        return False
    return bool(normalise("".join([parent.text or ""] + [sibling.tail or "" for sibling in parent])))


def _named_furniture(element: Element) -> bool:
    """Furniture by its name (a link in a sentence is the sentence's, whatever its name: "tag-link"),
    anything hidden, a teaser that links away."""
    names = _names(element)
    if HIDDEN_CLASSES.intersection(names.split()):
        return True
    if element.tag == "a" and _in_running_text(element):
        return False
    return bool(FURNITURE_NAME.search(names) or TEASER_NAME.search(names) and _links(element))


def _is_furniture(element: Element) -> bool:
    return element.tag in FURNITURE_TAGS or _links_only(element) or _named_furniture(element)


def _furniture(root: Element, container: bool = True) -> set[Element]:
    """The furniture inside root. In a container, an element named like furniture that holds over half of
    its text is the container's own wrapper instead (a theme's "entry share", a layout's "row--sidebar")."""
    most = len(_text(root)) / 2 if container else float("inf")
    return {element for element in root.iterdescendants(lxml.etree.Element)
            if element.tag in FURNITURE_TAGS or _links_only(element)
            or _named_furniture(element) and len(_text(element)) <= most}


def _paragraph_text(element: Element) -> dict[Element, int]:
    """Characters of paragraph text, leaving out the paragraphs in the element's furniture: in the element
    and in each element inside it."""
    furniture = _furniture(element)
    chars: dict[Element, int] = {}
    for paragraph in element.iter("p"):
        inside = itertools.takewhile(lambda ancestor: ancestor is not element, paragraph.iterancestors())
        path = [paragraph, *inside, element]
        if furniture.isdisjoint(path):
            for holder in path:
                chars[holder] = chars.get(holder, 0) + len(_text(paragraph))
    return chars


def _container(root: Element) -> Element | None:
    """The element holding the article's text, inside the one the page marks as its body (the candidate
    with the most paragraph text); None where the page marks none that holds paragraphs."""
    candidates = [
        element for element in root.iter(lxml.etree.Element)
        if element.tag not in ("html", "body")
        and (element.get("itemprop") == "articleBody" or element.tag == "article"
             or BODY_NAME.search(_names(element)))
    ]
    scored = [(element, _paragraph_text(element)) for element in candidates]
    best, chars = max(scored, key=lambda entry: entry[1].get(entry[0], 0), default=(None, {}))
    most = chars.get(best, 0)
    if not most:
        return None
    # The smallest element that still holds nearly all of it: an <article> also wraps its teasers and
    # comments, sometimes the whole page.
    return min((element for element, held in chars.items() if held >= 0.9 * most),
               key=lambda element: len(_text(element)))


def _dump_texts(container: Element, lead: Iterable[Element] = ()) -> _Texts:
    """The text of the container, and of the lead before it, less their furniture, cut into lines where
    blocks start and end."""
    lines: list[str] = []
    buffer: list[str] = []
    pieces: list[str] = []

    def flush() -> None:
        line = normalise(" ".join(buffer))
        buffer.clear()
        if line:
            lines.append(line)

    def walk(element: Element, furniture: set[Element]) -> None:
        block = element.tag in BLOCK_TAGS
        if block:
            flush()
        # Where a block holds blocks, the naive scraper writes each of its own text runs and inline
        # elements on a line of its own; those lines are the block's too.
        if any(child.tag in BLOCK_TAGS for child in element):
            pieces.append(element.text or "")
            for child in element:
                if child.tag not in BLOCK_TAGS and child not in furniture:
                    pieces.append(_text(child))
                pieces.append(child.tail or "")
        buffer.append(element.text or "")
        for child in element:
            if child not in furniture:
                walk(child, furniture)
            buffer.append(child.tail or "")
        if block:
            flush()

    walk(container, _furniture(container))
    for root in lead:
        walk(root, _furniture(root, container=False))
        flush()
    pieces = [piece for piece in map(normalise, pieces) if piece]
    return _Texts(lines=frozenset(lines + pieces), text=" ".join(lines))


def _headlines(root: Element, container: Element,
               order: dict[Element, int]) -> list[tuple[str, Element | None]]:
    """What the article's headline may be, likeliest first: an <h1> inside the container, the nearest one
    before it, then the page's og:title and <title> (whole, and without the outlet's name after it)."""
    # A page without any <h1> sets its headline in the next heading down.
    tag = "h1" if next(root.iter("h1"), None) is not None else "h2"
    inside = list(container.iter(tag))
    before = [heading for heading in root.iter(tag)
              if order[heading] < order[container] and heading not in inside]
    found: list[tuple[str, Element | None]] = [(_text(heading), heading) for heading in inside + before[::-1]]
    for title in root.xpath("//meta[@property='og:title']/@content | //head/title/text()"):
        found += [(normalise(title), None), (normalise(TITLE_SUFFIX.split(title)[0]), None)]
    return [(text, heading) for text, heading in found if text]


def _lead(root: Element, headline: Element, container: Element, order: dict[Element, int]) -> list[Element]:
    """The elements between a headline and the container after it: where a page puts the teaser and the
    byline when it marks the body alone."""
    start = max(order[element] for element in headline.iter())
    around = set(container.iterancestors())
    between = [element for element in root.iter()
               if start < order[element] < order[container] and element not in around]
    inner = set(between)
    return [element for element in between if element.getparent() not in inner and not _is_furniture(element)]


def _is_furniture_line(line: str) -> bool:
    """A byline, date line, reading time, photo credit, "read also" prompt or tag list: a line about the
    article or pointing away from it, not of it, wherever it stands in the container."""
    words = len(line.split())
    if words <= 12 and PROMPT.match(line) or words < 40 and CREDIT.search(line):
        return True
    if PROSE_END.search(line):
        return False
    # "Ab-initio - Ausbildung - Bremen Airport - CAE", "Politik | Berlin | Haushalt".
    separators = len(TAG_SEPARATOR.findall(line))
    if separators >= 3 and words <= 3 * (separators + 1):
        return True
    return (bool(BYLINE.match(line)) and (words <= 8 or "|" in line or bool(DATE.search(line)))
            or bool(DATE.search(line)) and (words < 12 or words < 25 and bool(DATE.match(line)))
            or words <= 6 and bool(READING_TIME.search(line)))


def _is_short(line: str) -> bool:
    return len(line.split()) < SHORT_LINE_WORDS


def _align(lines: list[str], body: _Texts) -> list[int]:
    """The lines (by index) that are the container's text, read in its order: of all ways to find them in
    it one after another, the one covering the most text. A line found only out of order is a copy (a
    table of contents, a teaser list quoting the article, a related headline the article links to)."""
    found: list[tuple[int, int, int]] = []  # the line, its start and end in the container's text
    for at, line in enumerate(lines):
        if not body.has(line):
            continue
        start = body.text.find(line)
        while start >= 0:
            end = start + len(line)
            if not _is_short(line) or (body.text[start - 1:start] + body.text[end:end + 1]).strip() == "":
                found.append((at, start, end))
            start = body.text.find(line, start + 1)
    # For each find, the most text a chain of finds ending in it covers, and the find before it there.
    chains: list[tuple[int, int | None]] = []
    for number, (at, start, end) in enumerate(found):
        short = _is_short(lines[at])
        before = [earlier for earlier, (other, _, other_end) in enumerate(found[:number])
                  if other < at and other_end <= start
                  and (not short or start - other_end <= SHORT_LINE_REACH)]
        previous = max(before, key=lambda earlier: chains[earlier][0], default=None)
        if previous is None and short and start > SHORT_LINE_REACH:
            chains.append((0, None))  # a short line cannot start the text far into it
        else:
            chains.append(((0 if previous is None else chains[previous][0]) + end - start, previous))
    last = max(range(len(chains)), key=lambda number: chains[number][0], default=None)
    taken: list[int] = []
    while last is not None and chains[last][0]:
        taken.append(found[last][0])
        last = chains[last][1]
    return taken[::-1]


def line_labels(page: Page) -> LineLabels | None:
    """Keep and drop for every non-blank line of the page's dump, from the article container its HTML
    marks; None where the page marks none, its text is not in the dump, or it is excluded (UNLABELLED)."""
    if page.stem in UNLABELLED:
        return None
    root = _parse(page.html)
    container = _container(root)
    if container is None:
        return None
    order = {element: number for number, element in enumerate(root.iter())}
    body = _dump_texts(container)
    lines = [(number, normalise(line))
             for number, line in enumerate(page.dump.split("\n"), 1) if line.strip()]
    matched = _align([line for _, line in lines], body)
    prose = [at for at in matched if not _is_short(lines[at][1])]
    if not prose:
        return None
    title, title_at, lead = None, None, body
    # The headline stands above the text (an <h1> lower down heads a box); where the page repeats it (a
    # breadcrumb, a teaser list), it is the one nearest the text.
    headlines = [(text, heading, [at for at, (_, line) in enumerate(lines) if line == text])
                 for text, heading in _headlines(root, container, order)]
    above = [(text, heading, [at for at in places if at <= prose[0]]) for text, heading, places in headlines]
    choices = [entry for entry in above if entry[2]] or [entry for entry in headlines if entry[2]]
    for text, heading, places in choices:
        title, title_at = text, places[-1]
        if heading is not None and container not in heading.iterancestors():
            lead = _dump_texts(container, _lead(root, heading, container, order))
        break
    start = next((at for at in prose if title_at is None or at > title_at), prose[0])
    keep = {lines[at][0] for at in matched if at >= start and not _is_furniture_line(lines[at][1])}
    if title_at is not None:
        keep.add(lines[title_at][0])
        # Between headline and text: the teaser stays; kicker badges, bylines and dates go.
        keep.update(number for number, line in lines[title_at + 1:start]
                    if not _is_short(line) and lead.has(line) and not _is_furniture_line(line))
    return LineLabels(keep=frozenset(keep), drop=frozenset(number for number, _ in lines) - keep, title=title)


def kept_text(page: Page, labels: LineLabels) -> str:
    """The dump's keep lines, joined."""
    lines = page.dump.split("\n")
    return "\n".join(lines[number - 1] for number in sorted(labels.keep))


def label_agreement(page: Page) -> SnippetScore | None:
    """The snippet score of the page's keep lines; None for a page without labels."""
    labels = line_labels(page)
    return None if labels is None else score_snippets({page.stem: kept_text(page, labels)}, [page])


# --- the table --------------------------------------------------------------------------------------


def _score_row(name: str, score: SnippetScore) -> str:
    return (f"{name:24} {score.pages:5} {score.precision:9.3f} {score.recall:7.3f} {score.f1:6.3f}"
            f" {score.perfect:4}/{score.pages}")


def _print_labelled(page: Page, labels: LineLabels | None) -> None:
    """The page's dump, each non-blank line marked K (keep) or d (drop), ? where the page has no labels."""
    print(f"\n{page.stem} ({page.outlet}): title {labels.title if labels else None!r}")
    for number, line in enumerate(page.dump.split("\n"), 1):
        mark = " " if not line.strip() else "?" if labels is None else "K" if number in labels.keep else "d"
        print(f"{number:5} {mark} {line}")


def _print_dumps(pages: list[Page]) -> None:
    """Non-blank lines per dumper, and the pages a dumper failed on."""
    print(f"\n{'dumper':12} {'pages':>5} {'non-blank lines':>15} {'a page':>7}  failed")
    for dumper in available_dumpers():
        counts, failed = [], []
        for page in pages:
            try:
                counts.append(sum(1 for line in dump(page, dumper).split("\n") if line.strip()))
            except (subprocess.SubprocessError, OSError) as error:
                failed.append(f"{page.stem} ({type(error).__name__})")
        print(f"{dumper:12} {len(counts):5} {sum(counts):15} {sum(counts) / max(1, len(counts)):7.1f}"
              f"  {', '.join(failed) or '-'}")
    missing = [name for name in DUMPERS if name not in available_dumpers()]
    if missing:
        print(f"not installed: {', '.join(missing)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dumps", action="store_true", help="also the non-blank lines each dumper writes")
    parser.add_argument("--show", nargs="+", default=[], metavar="STEM", help="these pages' labelled dumps")
    args = parser.parse_args()
    if not available():
        raise SystemExit(f"no real pages at {REALPAGES} (set SUMMARIZE_REALPAGES)")
    pages = load_pages()
    if args.show:
        by_stem = {page.stem: page for page in pages}
        for stem in args.show:
            _print_labelled(by_stem[stem], line_labels(by_stem[stem]))
        return

    print(f"{'snippets':24} {'pages':>5} {'precision':>9} {'recall':>7} {'F1':>6} {'perfect':>9}")
    for name, baseline in BASELINES.items():
        print(_score_row(name, score_snippets({page.stem: baseline(page) for page in pages}, pages)))
    labels = {page.stem: line_labels(page) for page in pages}
    labelled = {page.stem: (page, labels[page.stem]) for page in pages if labels[page.stem] is not None}
    kept = {stem: kept_text(page, page_labels) for stem, (page, page_labels) in labelled.items()}
    pages_labelled = [page for page, _ in labelled.values()]
    print(_score_row("labels' keep lines", score_snippets(kept, pages_labelled)))

    lines = sum(len(page_labels.keep) + len(page_labels.drop) for _, page_labels in labelled.values())
    keep = sum(len(page_labels.keep) for _, page_labels in labelled.values())
    titled = sum(page_labels.title is not None for _, page_labels in labelled.values())
    print(f"\nlabels: {len(labelled)}/{len(pages)} pages, {lines / max(1, len(labelled)):.1f} non-blank lines"
          f" a page, {keep / max(1, lines):.1%} of them keep, {titled} pages with a headline line")
    for page in pages:
        if page.stem not in labelled:
            reason = UNLABELLED.get(page.stem, "no marked container with its text in the dump")
            print(f"  unlabelled {page.stem}: {reason}")
    for stem, (missed, leaked) in snippet_breakdown(kept, pages_labelled).items():
        print(f"  {stem}: missed {missed}, leaked {leaked}")
    if args.dumps:
        _print_dumps(pages)


if __name__ == "__main__":
    main()
