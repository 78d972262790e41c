"""Pure: what the line model sees of each block: its own text, its neighbours', its section's, and where it
lies against the page's densest stretch of prose (Boilerpipe's shallow text features, Finn's body text)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

from ..lexicon import function_word_share
from .dumps import CACHED_LINES, Block
from .patterns import (AGENCIES, BYLINE, COMMENT_SECTION, GOOD_MIN_CHARS, GOOD_MIN_FUNCTION_SHARE,
                       SENTENCE_END, capital_share, furniture_reason, is_date_line)

DIGIT = re.compile(r"\d")
LETTER = re.compile(r"[^\W\d_]")
PROSE_MIN_WORDS = 12
# German prose capitalises its nouns and a sentence's first word, some three words in ten; a menu flattened
# into one line, or a row of teaser headlines, capitalises nearly every word (on the real pages' labelled
# prose, 40 article words against 1,006 of furniture stand at seven in ten or more).
PROSE_MAX_CAPITAL_SHARE = 0.7
# First guess of the body for the "distance to the prose" features: a prose block gains its words, every
# other block costs this many.
FIRST_GUESS_COST = 8.0
# Blank lines mark sections when at most this share of blocks follows one; else a section is the
# block's neighbourhood of this many blocks either side.
MARKED_SECTIONS_MAX_SHARE = 0.5
SECTION_WINDOW = 3
# A table dumped one cell a line (a spec sheet, a league table, a training plan, statistics in the body):
# at least TABLE_MIN_CELLS lines in a row that are not prose, TABLE_FIGURE_SHARE of them (and
# TABLE_MIN_FIGURES at least) a figure, mostly digits ("1.598", "15:6", "€ 68.490,00", "8 x 50 m"), different
# ones (a menu or a table of contents has next to none, a share bar's counters the same "0" again and
# again, and a list of other articles' dates is no table). A cell may be long: a plan's description column
# ("einschwimmen, Lagen umgekehrte Reihenfolge ..."). Its cells' shapes set off patterns ("4" a counter,
# "Verstappen/Kvyat" a credit, "15:6" a time) that say nothing inside a table.
TABLE_MIN_CELLS = 8
TABLE_FIGURE_SHARE = 0.25
TABLE_MIN_FIGURES = 4
TABLE_FIGURE_DIGITS = 0.5
CELL_SHAPE_REASONS = frozenset({
    "data widget (scores, prices, temperatures)", "counter or page number", "byline or date", "photo credit",
    "affiliate link or footnote", "horizontal rule", "gallery teaser", "kicker in capitals",
    "tag list or navigation", "disclaimer or source note", "link",
})
# A cookie or consent dialog's prose: consent and data words together (an article on data protection
# has them too, so this is evidence for the model, not a pattern's verdict).
CONSENT = re.compile(
    r"^(?=.*\b(?:einwillig\w*|zustimm\w*|widerruf\w*|datenschutz\w*|cookies?|opt-?out|tracking|nutzerprofile?)\b)"
    r"(?=.*\b(?:speicher\w*|daten|dienste?n?|verarbeit\w*|zugriff|zugang|zwecke?n?|anbieter\w*|endger\w*"
    r"|werbung|einstellungen)\b)", re.I)
# Promotions, calls to action and widgets speak to the reader ("Unterstützen Sie ...", "Lies auch"):
# a capitalised "Sie" or "Ihr-" inside a sentence, or the familiar "du" forms.
READER = re.compile(r"(?<=[a-zäöüß,] )(?:Sie|Ihnen|Ihre[mnrs]?)\b"
                    r"|\b(?:[Dd]u|[Dd]ich|[Dd]ir|[Dd]eine?[mnrs]?|[Ee]uch)\b")


@dataclass
class Described:
    """A block with what its own text says."""

    block: Block
    words: int
    function_share: float
    sentence_end: bool
    capital_share: float
    digit_share: float
    reason: str  # a named pattern's hit, "" when none
    date_or_byline: bool
    prose: bool  # long enough, with German function words, and no pattern says otherwise
    consent: bool  # consent-dialog words
    addresses_reader: bool
    opens_comments: bool  # the heading or form of a reader-comment section


def describe(block: Block) -> Described:
    return Described(block, *text_facts(block.text, block.raw, block.dump_furniture))


# (Cached as dumps.CACHED_LINES says: a night's pages repeat their lines.)
@lru_cache(maxsize=CACHED_LINES)
def text_facts(text: str, raw: str, dump_furniture: str
               ) -> tuple[int, float, bool, float, float, str, bool, bool, bool, bool, bool]:
    words = text.split()
    digits = len(DIGIT.findall(text))
    function_share = function_word_share(text)
    reason = dump_furniture or furniture_reason(text, raw)
    capitals = capital_share(words)
    prose = ((len(words) >= PROSE_MIN_WORDS or len(text) >= GOOD_MIN_CHARS)
             and function_share >= GOOD_MIN_FUNCTION_SHARE and capitals < PROSE_MAX_CAPITAL_SHARE
             and not reason)
    return (
        len(words),
        function_share,
        bool(SENTENCE_END.search(text)),
        capitals,
        digits / max(1, digits + len(LETTER.findall(text))),
        reason,
        bool(BYLINE.match(text)) or is_date_line(text),
        prose,
        bool(CONSENT.search(text)),
        bool(READER.search(text)),
        bool(COMMENT_SECTION.match(text)),
    )


NAMES = (
    "bias", "log_words", "function_share", "sentence_end", "capital_share", "digit_share", "pattern_hit",
    "date_or_byline", "prose", "bullet", "heading", "blank_before", "blank_after",
    "prev_log_words", "prev_prose", "next_log_words", "next_prose", "prev2_prose", "next2_prose",
    "window_prose_share", "section_prose_share", "section_log_words", "section_log_blocks",
    "in_first_guess", "log_distance_to_first_guess", "after_first_guess",
    "short_headline_shape", "lead_in_shape",
    "repeated_on_page", "starts_with_date", "numeric_date", "log_same_start_neighbours",
    "log_same_dated_end_neighbours",
    "log_end_markers_above", "relative_position", "consent_vocabulary",
    "addresses_reader", "exclamation", "question", "run_log_words", "run_share_of_largest",
)
# What usually follows an article rather than sits in it; seen above a block, it tells the article may
# be over (evidence for the model, not a verdict: a comment count also stands in bylines).
END_MARKERS = frozenset({
    "comment widget", "reader comment", "related articles", "author bio", "subscription or paywall",
    "share or listen button", "app or social media prompt", "copyright line", "tag list or navigation",
    "appeal for support",
})
START_DATE = re.compile(r"^\W{0,3}(?:\d{1,2}[.:/]\d{1,2}|\d{4}-\d\d|(?:mo|di|mi|do|fr|sa|so)\w*,? \d)", re.I)
NUMERIC_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:\d{2}){1,2}\b")
DIGITS = re.compile(r"\d")
# Lists of teasers, comments and links repeat a start ("06.11.23 - 13:52 von ...") or a dated end ("...
# 6. November 2023"): blocks this near are compared.
START_WINDOW = 4
# A list of other articles' teasers: TEASER_LIST_PAIRS or more pairs in a row of a title
# (TEASER_TITLE_WORDS, no full stop, no pattern's hit) and a teaser of prose (at most TEASER_WORDS words in
# TEASER_SENTENCES sentences). An article's subheadings come with longer paragraphs, and its numbered tips
# ("1. Raumtemperatur senken") and a live ticker's entries ("15.38 Uhr: Erste Schulen schließen") open with
# their number or time; on the real pages three such pairs in a row were other articles every time, two in
# a row a list in the body now and then.
TEASER_LIST = "list of other articles (titles and teasers)"
TEASER_LIST_PAIRS = 3
# A title split by a colon or a dash ("Drei VPN-Lösungen getestet: Wer hat die Nase vorn?") is a title even
# when it reads as prose.
TITLE_SPLIT = re.compile(r"\S: \S|\S \S*[–-] \S")
TEASER_TITLE_WORDS = (2, 15)
TEASER_WORDS = 40
TEASER_SENTENCES = 3
NUMBERED_ENTRY = re.compile(r"\d{1,2}(?:[.)]\s|[.:]\d\d)")
# A most-read list: RANKED_LIST_ENTRIES or more blocks in a row, each a bare rank counting up, then a title
# ("2 Gewerbliche Geschirrspüler zerstören ...", "3 Phantom Kohlensäure: ..."). An article's numbered steps
# write "1." or "1)", a table's ranked rows end with their figures, and a list of sources holds addresses.
RANKED_LIST = "list of other articles (most read)"
RANKED_LIST_ENTRIES = 3
RANKED_ENTRY = re.compile(r"(\d{1,2}) (?=[A-ZÄÖÜ„\"])(?!.*(?:https?:|www\.|\d\S*$))")
# A news ticker: TICKER_ENTRIES or more blocks in a row, each a headline run into its dateline, five words
# or more before the agency (read from the raw line: repair() takes a dateline's agency out). A place
# ("Frankfurt am Main (dpa) – ...") opens an article's first paragraph, or each of a round-up's.
TICKER_LIST = "list of other articles (news ticker)"
TICKER_ENTRIES = 3
TICKER_ENTRY = re.compile(rf"(?:\S+ ){{5,25}}\((?:{AGENCIES})(?:/[a-z]{{1,5}})*\)\s*[-–—]\s", re.I)
SENTENCE_BREAK = re.compile(r"[.!?…][\"“”»«]?(?:\s|$)")
# An author's bio: a name of BIO_NAME_WORDS words alone, then a paragraph that opens with it and a verb
# saying who they are.
AUTHOR_BIO = "author bio"
BIO_NAME_WORDS = (2, 4)
# The name may stand in a heading: "Über Lars Sobiraj", "Über die Autorin: Meike Neitz".
BIO_HEADING = re.compile(r"^(?:über (?:den autor|die autorin)|über)\b:?\s*", re.I)
BIO_VERB = re.compile(r"(?:ist|war|arbeitet|schreibt|lebt|studierte)\b")


def best_stretch(gains: list[float]) -> tuple[int, int]:
    """(first, last) index of the contiguous stretch with the greatest sum of gains (Kadane's maximum
    subarray); (0, -1) when no gain is positive."""
    best, span = 0.0, (0, -1)
    running, start = 0.0, 0
    for i, gain in enumerate(gains):
        if running <= 0:
            running, start = gain, i
        else:
            running += gain
        if running > best:
            best, span = running, (start, i)
    return span


def first_guess(described: list[Described]) -> tuple[int, int]:
    """The stretch with the best sum of prose words minus a cost per other block (Finn et al.'s body text
    extraction), as (first, last) indices; a table costs as one block, as it would if dumped as one, so
    that a table in the body does not split it. A consent dialog's prose counts for nothing: its dozen
    paragraphs of data-processing terms outweighed a four-paragraph article (meininger)."""
    cells = table_cells(described)
    opens_a_table = [cell and not (i and cells[i - 1]) for i, cell in enumerate(cells)]
    return best_stretch([(0 if item.consent else item.words) if item.prose
                         else -FIRST_GUESS_COST * (not cell or opens)
                         for item, cell, opens in zip(described, cells, opens_a_table)])


def table_cells(described: list[Described]) -> list[bool]:
    """Per block, whether it is a cell of a table dumped one cell a line."""
    result = [False] * len(described)
    start = 0
    for i, item in enumerate([*described, None]):
        if item is not None and _cell_shaped(item):
            continue
        # The table ends at its last cell with a figure: short lines after it ("Artikel weiterempfehlen",
        # "Facebook") are the page's.
        end = next((j + 1 for j in range(i - 1, start - 1, -1) if described[j].digit_share > 0), start)
        run = described[start:end]
        figures = {cell.block.text for cell in run
                   if cell.digit_share >= TABLE_FIGURE_DIGITS and not cell.date_or_byline}
        enough = max(TABLE_MIN_FIGURES, TABLE_FIGURE_SHARE * len(run))
        if len(run) >= TABLE_MIN_CELLS and len(figures) >= enough:
            result[start:end] = [True] * len(run)
        start = i + 1
    return result


def _cell_shaped(item: Described) -> bool:
    return (not item.prose and (not item.reason or item.reason in CELL_SHAPE_REASONS))


def feature_rows(described: list[Described]) -> list[list[float]]:
    """One row of floats per block, in the order of NAMES."""
    n = len(described)
    first, last = first_guess(described)
    sections = _sections(described)
    marked = sections_are_marked(described)
    counts: dict[str, int] = {}
    for item in described:
        counts[item.block.text] = counts.get(item.block.text, 0) + 1
    starts = [DIGITS.sub("0", " ".join(item.block.text.split()[:2])) for item in described]
    ends = [_dated_end(item.block.text) for item in described]
    markers_above = 0
    run_words = prose_runs(described)
    largest_run = max([1, *run_words])
    rows = []
    for i, item in enumerate(described):
        block = item.block

        def near(offset: int) -> Described | None:
            j = i + offset
            return described[j] if 0 <= j < n else None

        prev, nxt, prev2, next2 = near(-1), near(1), near(-2), near(2)
        window = [described[j] for j in range(max(0, i - 3), min(n, i + 4)) if j != i]
        section = sections[i]
        distance = 0 if first <= i <= last else (first - i if i < first else i - last)
        words = item.words
        rows.append([
            1.0,
            math.log1p(words),
            item.function_share,
            float(item.sentence_end),
            item.capital_share,
            item.digit_share,
            float(bool(item.reason)),
            float(item.date_or_byline),
            float(item.prose),
            float(block.bullet),
            float(block.heading),
            float(marked and block.blank_before),
            float(marked and nxt is not None and nxt.block.blank_before),
            math.log1p(prev.words) if prev else 0.0,
            float(prev.prose) if prev else 0.0,
            math.log1p(nxt.words) if nxt else 0.0,
            float(nxt.prose) if nxt else 0.0,
            float(prev2.prose) if prev2 else 0.0,
            float(next2.prose) if next2 else 0.0,
            sum(other.prose for other in window) / max(1, len(window)),
            section[0],
            section[1],
            section[2],
            float(first <= i <= last),
            math.log1p(distance),
            float(i > last),
            float(3 <= words <= 20 and not item.sentence_end and not item.reason),
            float(bool(nxt and nxt.prose) and not item.reason and words <= 20),
            float(counts[block.text] > 1),
            float(bool(START_DATE.match(block.text))),
            float(bool(NUMERIC_DATE.search(block.text))),
            math.log1p(_same_nearby(starts, i)),
            math.log1p(_same_nearby(ends, i) if ends[i] else 0),
            math.log1p(markers_above),
            i / max(1, n - 1),
            float(item.consent),
            float(item.addresses_reader),
            float("!" in block.text),
            float(block.text.rstrip().endswith("?")),
            math.log1p(run_words[i]),
            run_words[i] / largest_run,
        ])
        markers_above += item.reason in END_MARKERS
    return rows


def _same_nearby(values: list[str], i: int) -> int:
    """How many blocks within START_WINDOW of block i have its value."""
    near = range(max(0, i - START_WINDOW), min(len(values), i + START_WINDOW + 1))
    return sum(values[j] == values[i] for j in near if j != i)


def _dated_end(text: str) -> str:
    """The shape of a block's last three words when they hold a figure ("6. November 2023" -> "0. November
    0000"), else "": a list of teasers closes each entry with its date."""
    end = " ".join(text.split()[-3:])
    return DIGITS.sub("0", end) if DIGITS.search(end) else ""


def prose_runs(described: list[Described]) -> list[int]:
    """Per block, the words of the unbroken run of prose blocks it stands in; 0 for a block that is not
    prose. An article is one long run, a list of teasers many short ones."""
    result = [0] * len(described)
    start = 0
    for i, item in enumerate([*described, None]):
        if item is not None and item.prose:
            continue
        words = sum(other.words for other in described[start:i])
        result[start:i] = [words] * (i - start)
        start = i + 1
    return result


def mark_teaser_lists(described: list[Described]) -> list[Described]:
    """The blocks with the lists of other articles' teasers among them marked as such: each entry a title
    and a sentence or two ("iPad Air 4 2020 im Test: Fast schon „Pro“" / "Das iPad Air geht in die vierte
    Generation. ..."), TEASER_LIST_PAIRS of them in a row."""
    def opens_pair(i: int) -> bool:
        title, teaser = described[i], described[i + 1]
        return (not title.reason and TEASER_TITLE_WORDS[0] <= title.words <= TEASER_TITLE_WORDS[1]
                and not title.block.text.endswith(".")
                and not NUMBERED_ENTRY.match(title.block.text)
                and (not title.prose or TITLE_SPLIT.search(title.block.text) is not None)
                and teaser.prose and teaser.words <= TEASER_WORDS
                and len(SENTENCE_BREAK.findall(teaser.block.text)) <= TEASER_SENTENCES)

    result = list(described)
    i = 0
    while i < len(described) - 1:
        end = i
        while end < len(described) - 1 and opens_pair(end):
            end += 2
        if end - i >= 2 * TEASER_LIST_PAIRS:
            result[i:end] = [replace(item, reason=TEASER_LIST, prose=False) for item in described[i:end]]
            i = end
        else:
            i += 1
    return result


def mark_ranked_lists(described: list[Described]) -> list[Described]:
    """The blocks with the most-read lists among them marked as such: RANKED_LIST_ENTRIES or more entries in
    a row, each a rank one above the last, then a title."""
    ranks = [int(match.group(1)) if (match := RANKED_ENTRY.match(item.block.text)) else -1
             for item in described]
    return _mark_runs(described, [rank >= 0 for rank in ranks], lambda i: ranks[i] == ranks[i - 1] + 1,
                      RANKED_LIST, RANKED_LIST_ENTRIES)


def mark_ticker_lists(described: list[Described]) -> list[Described]:
    """The blocks with a news ticker's entries among them marked as such: TICKER_ENTRIES or more in a row,
    each another article's headline run into its dateline ("Fast 250 Fernseher vom Lastwagen gestohlen Bad
    Bentheim (dpa/lni) – Unbekannte Täter ...")."""
    entries = ["(" in item.block.raw and TICKER_ENTRY.match(item.block.raw) is not None for item in described]
    return _mark_runs(described, entries, lambda i: True, TICKER_LIST, TICKER_ENTRIES)


def _mark_runs(described: list[Described], entries: list[bool], continues: Callable[[int], bool], reason: str,
               shortest: int) -> list[Described]:
    """The described blocks with each run of `shortest` or more entries in a row marked with the reason; an
    entry joins the run above it if `continues` says so (called only with an entry above)."""
    result = list(described)
    start = 0
    for i in range(1, len(described) + 1):
        if i < len(described) and entries[i] and entries[i - 1] and continues(i):
            continue
        if entries[start] and i - start >= shortest:
            result[start:i] = [replace(item, reason=reason, prose=False) for item in described[start:i]]
        start = i
    return result


def mark_author_bios(described: list[Described]) -> list[Described]:
    """An author's name standing alone, then a paragraph that opens with it and says who they are ("Meike
    Neitz" / "Meike Neitz studierte Internationale Beziehungen ..."), or a heading about them, then a
    paragraph that opens with their name ("Über Lars Sobiraj" / "Lars Sobiraj fing ... an"): both marked as
    the author's bio (on the real pages, every such pair followed the article)."""
    result = list(described)
    for i in range(1, len(described)):
        name, bio = described[i - 1], described[i]
        text = BIO_HEADING.sub("", name.block.text)
        headed = text != name.block.text
        if (not name.prose and not name.reason and BIO_NAME_WORDS[0] <= len(text.split()) <= BIO_NAME_WORDS[1]
                and bio.block.text.startswith(text + " ")
                and (headed or BIO_VERB.match(bio.block.text, len(text) + 1))):
            result[i - 1:i + 1] = [replace(item, reason=AUTHOR_BIO, prose=False) for item in (name, bio)]
    return result


def _sections(described: list[Described]) -> list[tuple[float, float, float]]:
    """Per block, its section's (share of prose blocks, log of words, log of blocks). Where blank lines
    mark the page's sections (a get_text dump), a section runs from one to the next; where they stand
    between all blocks (Markdown, lynx, w3m), the section is the block's neighbourhood."""
    if sections_are_marked(described):
        bounds = [i for i, item in enumerate(described) if i and item.block.blank_before]
        starts, ends = [0, *bounds], [*bounds, len(described)]
        ranges = [(start, end) for start, end in zip(starts, ends) for _ in range(start, end)]
    else:
        ranges = [(max(0, i - SECTION_WINDOW), min(len(described), i + SECTION_WINDOW + 1))
                  for i in range(len(described))]
    stats: dict[tuple[int, int], tuple[float, float, float]] = {}  # a section's, computed once
    result = []
    for start, end in ranges:
        if (start, end) not in stats:
            members = described[start:end]
            stats[start, end] = (sum(m.prose for m in members) / len(members),
                                 math.log1p(sum(m.words for m in members)), math.log1p(len(members)))
        result.append(stats[start, end])
    return result


def sections_are_marked(described: list[Described]) -> bool:
    """Whether blank lines separate sections rather than every block."""
    return sum(item.block.blank_before for item in described) <= MARKED_SECTIONS_MAX_SHARE * len(described)
