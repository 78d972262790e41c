"""Pure: a scraped page's text dump -> title, article paragraphs, and removed lines with reasons.

1. dumps: the dump (get_text style, html2text's Markdown, lynx or w3m) becomes blocks of text;
2. features and model: each block gets a probability of being article text from its own words, its
   neighbours' and its section's (a small logistic regression trained on real pages);
3. span: the article is the one stretch where article text outweighs everything else; whatever lies
   before or after it is removed as such, full sentences included;
4. inside the span, named patterns (captions, credits, ads, embeds, widgets) and the model decide each
   block; the headline is the headline-shaped block right above the body.
"""

from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache

from ..lexicon import FUNCTION_WORDS, content_words, function_word_share, language_guess, stem
from ..records import Cleaned, Paragraph, RemovedLine
from .dumps import blocks
from .features import (CACHED_LINES, Described, best_stretch, describe, feature_rows, mark_author_bios,
                       mark_ranked_lists, mark_teaser_lists, mark_ticker_lists, table_cells)
from .model import LineModel, shipped
from .patterns import TRAILING_AGENCY_TAG, repair

__all__ = ["FUNCTION_WORDS", "clean", "function_word_share", "language_guess", "repair"]

# The headline sits at most this many blocks above where the span starts (kicker, teaser, byline, date,
# share bar, a login box between; the span often starts below the teaser).
TITLE_LOOKBACK = 30
TITLE_WORDS = (2, 25)
# Headline evidence (headline_evidence): the share of its topic words found in the body's first
# OPENING_BLOCKS and first BODY_BLOCKS prose blocks, taken of at least TOPIC_WORDS words, and the log of
# how many; at most HEADER_SIGNS signs of an article header in the HEADER_REACH blocks below it (the last
# two reasons: the lead picture's credit); a little against each block of distance above the span.
BODY_BLOCKS = 30
TOPIC_WORDS = 4
SHARED_WORDS_WEIGHT = 1.5
HEADER_SIGNS, HEADER_REACH = 2, 6
HEADER_REASONS = frozenset({"share or listen button", "reading time", "comment widget", "byline or date",
                            "photo credit", "copyright line"})
DISTANCE_WEIGHT = 0.15
# Separators of breadcrumbs and tag lists: "Sport | Tennis", "Home › News", "Politik , Deutschland".
TITLE_SEPARATOR = re.compile(r"\s[|•·>/»,]\s|›")
MENU_ROW_WORDS = 5
MENU_ROW_MAX_WORDS, MENU_ROW_CAPITALS = 12, 0.75
# A teaser or caption of two sentences: a word's full stop, then a capital ("1. FC", "Dr. Weber" are no
# sentence's end).
TWO_SENTENCES = re.compile(r"[a-zäöüß]{2}\. [A-ZÄÖÜ]")
HEADLINE_PUNCTUATION = re.compile(r"[:–—,!?\"'„“”«»‚‘’()]|\s-\s")
TEASER_LOOKBACK = 4
# Short lines right above the headline are its kicker or rubric.
KICKER_BLOCKS, KICKER_WORDS = 2, 4
MARKER_WORDS = 4
# A bare "Mehr aus Kassel" or "Meistgelesen" opens a list of other articles: the span crosses it only for
# much more article text after it. ("Lesen Sie auch" and "Mehr zum Thema" also stand inside articles,
# before one link.)
SECTION_MARKER_COST = 4.0
LIST_OPENER = re.compile(
    r"^(?:mehr aus|meistgelesen|weitere (?:artikel|meldungen|nachrichten|beiträge)"
    r"|das könnte (?:sie|dich|euch)|ähnliche artikel|empfehlungen|verwandte themen|top-themen"
    r"|neueste (?:artikel|beiträge|meldungen|nachrichten)"
    r"|mehr aktuelle news|auch interessant|passend zum thema|auch lesenswert|news-?ticker)\b", re.I)
HEADLINE_WORDS = (3, 20)
# The body opens with a sentence, or a paragraph this long: a site's slogan or a teaser line without a
# sentence's end, in the span above the headline, is neither, and the headline may stand below them.
OPENING_PARAGRAPH_WORDS = 20
# A headline shares its topic words with the article's first prose blocks.
OPENING_BLOCKS = 4
# Below this much evidence a headline-shaped block is none: a page without a headline has subheadings
# ("Das Wichtigste in Kürze") and menu entries that share nothing with its body.
MIN_HEADLINE_EVIDENCE = 0.5
# A table right after the article is its own when at most this many short blocks stand between, and a
# heading of at least TABLE_HEADING_WORDS words or a header row (its first TABLE_HEADER_CELLS cells without
# a digit) announces it.
TABLE_HEADING_BLOCKS = 2
TABLE_HEADING_WORDS = 2
TABLE_HEADER_CELLS = 2
# A list without marks has at most this many items.
UNMARKED_LIST_ITEMS = 12
# A paragraph of at least this many words printed again further down the page is a box or a teaser there
# (domradio's info box, twice); the first copy stands.
REPEATED_PROSE_WORDS = 15
PRINTED_AGAIN = "printed again further up the page (a box or a teaser)"
# A caption is the block right above a credit line, unless it is longer than this (then it is a paragraph:
# "Quelle: Landesregierung" names the source of the paragraph above it, and a page's lead photo is often
# credited below the article's last paragraph).
CAPTION_MAX_WORDS = 20


def clean(text: str, model: LineModel | None = None, *, extracted: bool = False) -> Cleaned:
    """Find the article on a page; return its title, its paragraphs and every removed line with a reason.
    `extracted`: the text is already an extractor's main text (trafilatura, a scraper's record), so the
    whole of it is the article and only what names itself furniture inside it goes."""
    model = model or shipped()
    described = analyse(text)
    return decide(described, model.probabilities(feature_rows(described)), model, extracted=extracted)


def analyse(text: str) -> list[Described]:
    """The page's blocks with what each one's own text says, and what a run of them is (a list of other
    articles' teasers, a most-read list, a news ticker, an author's bio)."""
    described = mark_teaser_lists([describe(block) for block in blocks(text)])
    return mark_author_bios(mark_ticker_lists(mark_ranked_lists(described)))


def decide(described: list[Described], probabilities: list[float], model: LineModel, *,
           extracted: bool = False, language: str | None = None) -> Cleaned:
    """Span, headline and each block's fate from the line model's probabilities. `language` is the page's
    page_language(described) when the caller has it already (training decides each page many times)."""
    # A page in another language has no German prose for the model to find: like an extractor's main
    # text, all of it is the article but for what names itself furniture.
    whole = extracted or (language or page_language(described)) not in ("de", "unknown")
    cells = table_cells(described)
    if not whole:
        first, last = article_span(probabilities, described, model, cells)
        first = _teaser_above(described, probabilities, first, model.span_threshold)
        # No stretch of prose the model believes in (a page of short lines, a bare list): nothing on it
        # tells article from furniture but the patterns, so they alone decide.
        whole = not any(item.prose for item in described[first:last + 1])
    if whole:
        first, last = 0, len(described) - 1
    title = find_title(described, probabilities, first, last)
    if whole and title is not None:
        first = max(first, title)  # what stands above the headline is its kicker or the page's top
    reasons = _reasons(described, probabilities, first, last, title, 0.0 if whole else model.keep_threshold,
                       cells)
    paragraphs = tuple(
        Paragraph(item.block.number, item.block.text, list_item=item.block.bullet)
        for i, item in enumerate(described) if i != title and i not in reasons
    )
    removed = tuple(RemovedLine(item.block.number, item.block.raw, reasons[i])
                    for i, item in enumerate(described) if i in reasons)
    return Cleaned(
        title=described[title].block.text if title is not None else None,
        title_line=described[title].block.number if title is not None else None,
        paragraphs=paragraphs,
        removed=removed,
    )


def page_language(described: list[Described]) -> str:
    return language_guess(" ".join(item.block.text for item in described))


def article_span(probabilities: list[float], described: list[Described], model: LineModel,
                 cells: list[bool]) -> tuple[int, int]:
    """(first, last) block of the stretch with the best sum of (probability - threshold), a likely block
    weighted by its length in words, so that a run of short furniture ends the article and one stray
    prose teaser after it cannot extend it; (0, -1) when no block is likely article text. A table's
    cells (`cells`) neither end the article nor lengthen it, and a table right after it is its own."""
    gains = []
    for p, item, cell in zip(probabilities, described, cells):
        # Prose counts by its length; everything else costs the same short or long, so that a byline, a
        # date and a share bar between teaser and body do not cut the teaser off.
        if cell:
            gains.append(0.0)
            continue
        if item.words <= MARKER_WORDS and LIST_OPENER.match(item.block.text):
            gains.append(-SECTION_MARKER_COST)
            continue
        if p > model.span_threshold:
            weight = 1.0 + item.words ** 0.5
        else:
            weight = 1.0 if item.reason or item.prose else model.gap_weight
        gains.append((p - model.span_threshold) * weight)
    # The article ends where its reader comments begin, however much prose they hold: the span is the best
    # stretch above the first comment section with likely article text above it.
    for i in _comment_sections(described):
        first, last = best_stretch(gains[:i])
        if last >= first:
            break
    else:
        first, last = best_stretch(gains)
    return first, _table_after(described, cells, first, last)


def _table_after(described: list[Described], cells: list[bool], first: int, last: int) -> int:
    """Where the article ends once a table right after its last block is taken in: a spec sheet or a
    league table closing it, announced by a heading ("Technische Daten", "Die Tabelle nach dem 10.
    Spieltag"), which may stand between, or by its own header row ("Strecke", "Aufgabe", "Pause"). A
    widget right after the last paragraph without either (a forecast's "Fr", "31°", "18°") is the page's."""
    if last < first:
        return last
    for i in range(last + 1, min(len(described), last + 2 + TABLE_HEADING_BLOCKS)):
        if cells[i]:
            heading = (item for item in described[i - 1:i + 1] if not item.prose)
            header_row = all(item.digit_share == 0 for item in described[i:i + TABLE_HEADER_CELLS])
            if not (header_row or any(item.words >= TABLE_HEADING_WORDS for item in heading)):
                return last
            end = i
            while end + 1 < len(described) and cells[end + 1]:
                end += 1
            return end
        if described[i].prose or described[i].reason:
            return last
    return last


def _comment_sections(described: list[Described]) -> list[int]:
    """Where a reader-comment section opens (its heading or its form), by index."""
    return [i for i, item in enumerate(described) if item.opens_comments]


def _teaser_above(described: list[Described], probabilities: list[float], first: int,
                  threshold: float) -> int:
    """Where the article starts once a likely prose block right above the span is taken in: a teaser set
    apart from the body only by furniture that names itself (a caption, an ad, tags)."""
    for i in range(first - 1, max(-1, first - 1 - TEASER_LOOKBACK), -1):
        item = described[i]
        if item.prose and probabilities[i] >= threshold:
            return i
        if not item.reason:
            break
    return first


def find_title(described: list[Described], probabilities: list[float], first: int, last: int) -> int | None:
    """The headline: of the headline-shaped blocks above the body (or opening it), the one with the most
    evidence of being its article's headline (headline_evidence); None when there is no such block."""
    if last < first:
        return None
    # The span may open with a scoreboard, a date or a slogan before the headline: look down to its first
    # paragraph.
    body_start = next((i for i in range(first, last + 1) if _opens_the_body(described, i, last)), first)
    end = min(last + 1, max(first + 3, body_start + 1))
    candidates = [i for i in range(max(0, first - TITLE_LOOKBACK), end) if _headline_shaped(described, i)]
    if not candidates:
        return None
    counts: dict[str, int] = {}
    for item in described:
        counts[item.block.text] = counts.get(item.block.text, 0) + 1
    wrapped = {i: _wrapped_by(described, i, candidates) for i in candidates}
    evidence = {i: headline_evidence(described, probabilities, i, first, last, counts)
                - (wrapped[i] is not None) for i in candidates}
    # What a breadcrumb's place at the article's top says of it, it says of the headline at its end.
    for i, j in wrapped.items():
        if j is not None:
            evidence[j] = max(evidence[j], evidence[i])
    best = max(candidates, key=lambda i: (evidence[i], i))
    return best if evidence[best] >= MIN_HEADLINE_EVIDENCE else None


def _opens_the_body(described: list[Described], i: int, last: int) -> bool:
    """A paragraph (a sentence, or OPENING_PARAGRAPH_WORDS of prose) with prose right after it: a site's
    slogan standing alone above the headline ("<site> - Das Online-Magazin für ...") is none."""
    item = described[i]
    return (item.prose and (item.sentence_end or item.words >= OPENING_PARAGRAPH_WORDS)
            and i < last and described[i + 1].prose)


def _wrapped_by(described: list[Described], i: int, candidates: list[int]) -> int | None:
    """The headline-shaped block below a breadcrumb trail or a teaser list's entry whose text it holds as
    half its words or more: "Home > Politik > <headline>", "<headline> in Politik , Deutschland"; None
    when it holds none. (A headline naming the person of a caption below it holds a far smaller part.)"""
    text = described[i].block.text
    return next((j for j in candidates if j > i and described[j].block.text != text
                 and described[j].block.text in text and 2 * described[j].words >= described[i].words), None)


def _headline_shaped(described: list[Described], i: int) -> bool:
    """A few words, no sentence's full stop, no pattern that names it furniture, not a list's item, not a
    lead-in to what follows (a line ending with a colon)."""
    item = described[i]
    return not (item.reason or item.block.bullet or item.date_or_byline
                or item.block.text.endswith((".", ":")) or not TITLE_WORDS[0] <= item.words <= TITLE_WORDS[1]
                or TWO_SENTENCES.search(item.block.text))


def headline_evidence(described: list[Described], probabilities: list[float], i: int, first: int, last: int,
                      counts: dict[str, int]) -> float:
    """How much a headline-shaped block looks like the article's headline: one point for each sign, so
    that no single one decides (menus, login boxes and other articles' teasers each show some)."""
    item = described[i]
    text = item.block.text
    # The article after it is about what it names: its topic words come back in the body.
    later_prose = (later.block.text for later in described[max(first, i + 1):last + 1]
                   if later.prose and later.block.text != text)
    body = [topic_words(later) for later in itertools.islice(later_prose, BODY_BLOCKS)]
    words = topic_words(text)
    opening = words & frozenset().union(*body[:OPENING_BLOCKS])
    whole = words & frozenset().union(*body)
    # (A share of at least TOPIC_WORDS words: a two-word menu item that names one topic word is no
    # headline.)
    evidence = (probabilities[i] + item.block.heading
                + (len(opening) + len(whole)) / max(TOPIC_WORDS, len(words))
                + SHARED_WORDS_WEIGHT * math.log1p(len(whole)))
    # Byline, date, share bar or reading time right below it: a page's article header.
    evidence += min(HEADER_SIGNS, _header_signs_below(described, i))
    # A breadcrumb's short links above it; a page repeats its headline (breadcrumb, share text, footer).
    evidence += sum(other.words <= KICKER_WORDS - 1 for other in described[max(0, i - 3):i]) / 3
    evidence += counts[text] > 1
    # Against: separators of a tag list or breadcrumb; a menu's row; standing inside the body (a
    # subheading or an info box's title); distance above the body.
    evidence -= min(2, len(TITLE_SEPARATOR.findall(text)))
    evidence -= _menu_row(item)
    evidence -= i > first
    return evidence - DISTANCE_WEIGHT * math.log1p(max(0, first - i))


def _menu_row(item: Described) -> bool:
    """A menu's or footer's row of links run together: many words and not one function word, or no
    punctuation at all and nearly every word capitalised or too many words for a headline (on real pages a
    headline of six words or more without punctuation has at most seven in ten capitalised). A dash is no
    word: "Hund vertreibt Einbrecher – Zeugenaufruf" is a headline of four; a hyphen inside a word is no
    punctuation: "Service Einsteiger-Guide Kaufberatung Werkstatt" is a menu's row."""
    words = sum(any(c.isalnum() for c in word) for word in item.block.text.split())
    if words >= MENU_ROW_WORDS and item.function_share == 0:
        return True
    if HEADLINE_PUNCTUATION.search(item.block.text):
        return False
    return item.words >= MENU_ROW_MAX_WORDS or item.words >= 6 and item.capital_share >= MENU_ROW_CAPITALS


def _header_signs_below(described: list[Described], i: int) -> int:
    """Bylines, dates, share bars and reading times in the blocks below a block, up to the first prose
    block after the one right below it (a teaser may stand between headline and byline)."""
    signs = 0
    for offset, later in enumerate(described[i + 1:i + 1 + HEADER_REACH]):
        if later.prose and offset:
            break
        signs += later.date_or_byline or later.reason in HEADER_REASONS
    return signs


@lru_cache(maxsize=CACHED_LINES)
def topic_words(text: str) -> frozenset[str]:
    """The stems of a text's topic words: a headline shares them with its article's opening. (Cached: each
    headline candidate reads the same body blocks.)"""
    return frozenset(stem(word) for word in content_words(text))


def _reasons(described: list[Described], probabilities: list[float], first: int, last: int,
             title: int | None, keep_threshold: float, cells: list[bool]) -> dict[int, str]:
    """Why each removed block is removed, by index; kept blocks have none. Inside the article, a table's
    cells are kept whatever their shapes look like, and a block of prose goes only by a pattern (the model
    decides short lines: subheadings and list items stay, widget labels go)."""
    # The article opens with its headline: what the span takes in above it is its kicker or the page's (a
    # one-word rubric the model half believes, a gallery's captions, another article's teaser).
    top = title if title is not None else first
    reasons: dict[int, str] = {}
    # A headline printed twice (a page's top and the article's) must not reach the summary as a sentence.
    headline = described[title].block.text if title is not None else None
    comments = next((i for i in _comment_sections(described) if i > last), len(described))
    for i, item in enumerate(described):
        if i == title:
            continue
        own = item.reason or _linked_by_marker(described, i) or _named_by_shop_link(described, i) or (
            "the headline again" if item.block.text == headline else "")
        if i < top:
            kicker = title is not None and top - KICKER_BLOCKS <= i and item.words <= KICKER_WORDS
            if own or not kicker:
                reasons[i] = f"before the article's start: {own or _kind_outside(item)}"
            else:
                reasons[i] = "kicker or rubric above the headline"
        elif i > last:
            kind = own or ("reader comments" if i >= comments else _kind_outside(item))
            reasons[i] = f"after the article's end: {kind}"
        elif i < first and (own or not item.prose):
            reasons[i] = own or "kicker, byline or page element above the article"
        elif cells[i]:
            continue
        elif own:
            reasons[i] = own
        elif (probabilities[i] < keep_threshold and not item.prose
              and not _belongs_to_body(described, i, last)):
            reasons[i] = "short line that is not article text"
    _mark_captions(described, reasons, title)
    _mark_repeated_paragraphs(described, reasons, title)
    return reasons


def _linked_by_marker(described: list[Described], i: int) -> str:
    """A headline right after a bare "Lesen Sie auch" or "Mehr zum Thema" is the link it announces."""
    marker = described[i - 1] if i > 0 else None
    item = described[i]
    if (marker is not None and marker.reason == "related articles" and marker.words <= MARKER_WORDS
            and not item.sentence_end and item.words <= HEADLINE_WORDS[1]):
        return "related articles (the headline after the marker)"
    return ""


def _named_by_shop_link(described: list[Described], i: int) -> str:
    """A short line right above a shop's link ("24,95 € Zu Thalia", "Jetzt kaufen") is the product's name
    (on the real pages it was every time)."""
    item = described[i]
    below = described[i + 1] if i + 1 < len(described) else None
    if (below is not None and below.reason == "shop link" and not item.prose
            and item.words <= HEADLINE_WORDS[1]):
        return "shop link (the product's name above it)"
    return ""


def _belongs_to_body(described: list[Described], i: int, last: int) -> bool:
    """Inside the article, a short line is its subheading, a list's lead-in or a list item when prose or
    a list follows it (or, for an item, precedes it), the end of a sentence the dump broke off, or an item
    of a list without marks."""
    item = described[i]
    if item.words > HEADLINE_WORDS[1]:
        return False
    after = described[i + 1] if i < last else None
    before = described[i - 1] if i > 0 else None
    if after is not None and not after.reason and (after.prose or after.block.bullet):
        return True
    if item.block.bullet and before is not None and (before.prose or before.block.bullet):
        return True
    # The rest of a paragraph's last sentence that the dump broke off ("Stadtteilen zusammenkommen.“").
    if before is not None and before.prose and not before.sentence_end and item.sentence_end \
            and not (before.reason or before.addresses_reader or item.addresses_reader):
        return True
    # A list written without marks: the short lines after a sentence that ends with a colon ("... bei
    # diesen Gletschern:"), unless it speaks to the reader (a promotion's "Dann hilft dir:"). (A short
    # lead-in, "In diesem Artikel:", as often opens a table of contents or a promotion's list.)
    j = i - 1
    while j >= 0 and i - j <= UNMARKED_LIST_ITEMS and not described[j].reason and not described[j].prose \
            and described[j].words <= HEADLINE_WORDS[1]:
        j -= 1
    lead_in = described[j] if j >= 0 else None
    return (lead_in is not None and lead_in.prose and not lead_in.reason and not lead_in.addresses_reader
            and lead_in.block.text.endswith(":"))


def _kind_outside(item: Described) -> str:
    """What a block outside the article most likely is, in a reader's words."""
    if item.prose:
        return "teaser of another article, comment or promotion"
    if item.words <= 3:
        return "navigation menu or page element"
    return "list of other articles or links"


def _mark_repeated_paragraphs(described: list[Described], reasons: dict[int, str], title: int | None) -> None:
    """A kept paragraph printed further up the page already is a box or a teaser printed again."""
    seen: set[str] = set()
    for i, item in enumerate(described):
        text = item.block.text
        if i not in reasons and i != title and item.prose and item.words >= REPEATED_PROSE_WORDS \
                and text in seen:
            reasons[i] = PRINTED_AGAIN
        seen.add(text)


def _mark_captions(described: list[Described], reasons: dict[int, str], title: int | None) -> None:
    """The block right above a credit line is its caption, and so is an identical copy just above it."""
    for i, item in enumerate(described):
        if item.reason != "photo credit" or i == 0:
            continue
        j = i - 1
        caption = described[j].block
        if (j in reasons or j == title or caption.number != item.block.number - 1
                or described[j].words > CAPTION_MAX_WORDS or TRAILING_AGENCY_TAG.search(caption.raw)):
            continue  # wire copy closing with "(APA)": the credit below is the agency's, not a photo's
        while j >= 0 and described[j].block.text == caption.text:
            reasons[j] = "photo caption (followed by a credit)"
            j -= 1

