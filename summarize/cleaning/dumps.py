"""Pure: a page's text dump, as common tools write it, -> blocks of text with the line they start on.

A get_text-style dump (one line per block element) needs nothing but the repairs; html2text's Markdown
and lynx's or w3m's `-dump` wrap paragraphs at a fixed width, mark headings, links and lists, and
lynx adds a "References" list of link targets. Blocks are the same article whichever tool wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .patterns import repair

# A night's pages from one outlet repeat its menus, footers and widgets line for line: each distinct line
# is unmarked and judged once while it keeps coming. The most recent CACHED_LINES (some 150 pages' worth)
# are kept: a cache of every line of a 20,000-article night held about 250 MB.
CACHED_LINES = 20_000

# Markdown marks (html2text): images, links with their targets, headings, emphasis, quotes, escapes.
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
# A link's target may hold a space where html2text wrapped it.
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKDOWN_HEADING = re.compile(r"^\s*(#{1,6})\s+")
MARKDOWN_EMPHASIS = re.compile(r"\*\*|(?<!\w)_|_(?!\w)")
MARKDOWN_ESCAPE = re.compile(r"\\([-\\`*_{}\[\]()#+.!|>])")
MARKDOWN_RULE = re.compile(r"^\s*(?:[*_-]\s*){3,}$")
QUOTE_MARK = re.compile(r"^\s*(?:>\s?)+")
# lynx's link numbers and placeholders, w3m's and inscriptis' image placeholders.
LINK_NUMBER = re.compile(r"\[\d+\]")
PLACEHOLDER = re.compile(r"\[(?:IMG|INLINE|BUTTON|image|img|LINK|iframe|embed)\]", re.I)
# lynx closes a dump with its link targets: "References", then "   1. https://...".
REFERENCES_HEADING = re.compile(r"^\s*(?:References|Visible links:?|Hidden links:?)\s*$")
REFERENCE_ENTRY = re.compile(r"^\s*\d+\.\s+\S+:\S*\s*$|^\s*\d+\.\s+(?:https?|file|mailto|javascript):")
# A list item as dumpers mark it: "* ", "+ ", "- ", "• " after any indentation (numbers stay: "1. FC Köln").
LIST_MARK = re.compile(r"^\s*[*+•·▪●◦‣–-]\s+(?=\S)")
# In a wrapped dump a dash may begin the rest of a sentence; only these marks begin an item there.
WRAPPED_LIST_MARK = re.compile(r"^\s*[*+•·▪●◦‣]\s+(?=\S)")
# A wrapped dump breaks lines at one width, so hardly any line with spaces is longer; a get_text dump's
# long lines are as long as their paragraphs, and its line breaks are not explained by any width.
MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 60, 100
LONGER_LINE_COST = 3
MIN_EXPLAINED_BREAKS = 5


@dataclass
class Block:
    """One block of the page: its first input line (1-based), the raw text as dumped, the repaired text."""

    number: int
    raw: str
    text: str
    bullet: bool = False
    heading: bool = False
    blank_before: bool = False
    dump_furniture: str = ""  # a reason when the dumping tool itself added the block


def blocks(text: str) -> list[Block]:
    """The page's blocks in order; blank lines separate them, and so do line ends unless wrapped."""
    lines = text.split("\n")
    width = wrap_width(lines)
    result: list[Block] = []
    references = False
    blank = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            blank = True
            continue
        if REFERENCES_HEADING.match(raw) or (references and REFERENCE_ENTRY.match(raw)):
            references = True
            result.append(Block(number, raw, raw.strip(), blank_before=blank,
                                dump_furniture="link list added by the dumping tool"))
            blank = False
            continue
        references = False
        previous = result[-1] if result else None
        if previous is not None and not blank and width and _continues(previous.raw, raw, width):
            previous.raw += "\n" + raw
        else:
            result.append(Block(number, raw, "", blank_before=blank))
        blank = False
    for block in result:
        if not block.dump_furniture:
            _unmark(block)
    return [block for block in result if block.text]


def wrap_width(lines: list[str]) -> int:
    """The width a dump was wrapped at, or 0 when its lines are not wrapped: the width that explains the
    most line breaks (the line ends where the next line's first word would not have fitted) while
    hardly any line is longer (a URL may be)."""
    span = MAX_WRAP_WIDTH - MIN_WRAP_WIDTH + 2
    explained = [0] * span  # by width - MIN_WRAP_WIDTH, as differences: a pair explains a range of widths
    for line, after in zip(lines, lines[1:]):
        if line.strip() and after.strip():
            low = max(len(line.rstrip()), MIN_WRAP_WIDTH) - MIN_WRAP_WIDTH
            high = min(len(line.rstrip()) + len(after.split(None, 1)[0]), MAX_WRAP_WIDTH) - MIN_WRAP_WIDTH
            if low <= high:
                explained[low] += 1
                explained[high + 1] -= 1
    longer = [0] * span  # lines longer than each width
    for line in lines:
        length = len(line.rstrip())
        if length > MIN_WRAP_WIDTH and " " in line.strip() and "://" not in line and "](" not in line:
            longer[min(length - 1, MAX_WRAP_WIDTH) - MIN_WRAP_WIDTH] += 1
    best, best_width, running, beyond = 0, 0, 0, sum(longer)
    for offset in range(span - 1):
        running += explained[offset]
        value = running - LONGER_LINE_COST * beyond
        beyond -= longer[offset]
        if value > best:
            best, best_width = value, MIN_WRAP_WIDTH + offset
    return best_width if best >= MIN_EXPLAINED_BREAKS else 0


def _continues(previous: str, line: str, width: int) -> bool:
    """Whether a line is the wrapped rest of the previous one: the previous line ended where the first
    word of this one would not have fitted, and this one does not start a list item or heading."""
    if WRAPPED_LIST_MARK.match(line) or MARKDOWN_HEADING.match(line) or MARKDOWN_RULE.match(line):
        return False
    last = previous.rsplit("\n", 1)[-1].rstrip()
    first_word = line.split(None, 1)[0]
    return len(last) + 1 + len(first_word) > width - 2


def _unmark(block: Block) -> None:
    """Markdown and dump marks off; the repaired text of the whole block on one line."""
    block.heading, block.bullet, rule, block.text = unmarked(block.raw)
    if rule:
        block.dump_furniture = "horizontal rule"


@lru_cache(maxsize=CACHED_LINES)
def unmarked(raw: str) -> tuple[bool, bool, bool, str]:
    """A block's raw text as (heading, list item, horizontal rule, its repaired text on one line). (Cached:
    a night's pages repeat their blocks.)"""
    lines = raw.split("\n")
    first = lines[0]
    bullet = bool(LIST_MARK.match(first))
    joined = " ".join(line.strip() for line in lines)
    joined = MARKDOWN_HEADING.sub("", QUOTE_MARK.sub("", joined))
    rule = bool(MARKDOWN_RULE.match(joined))
    joined = MARKDOWN_IMAGE.sub(" ", joined)
    joined = MARKDOWN_LINK.sub(r"\1", joined)
    joined = PLACEHOLDER.sub(" ", LINK_NUMBER.sub("", joined))
    joined = MARKDOWN_ESCAPE.sub(r"\1", MARKDOWN_EMPHASIS.sub("", joined))
    if bullet:
        joined = LIST_MARK.sub("", joined, count=1)
    return bool(MARKDOWN_HEADING.match(first)), bullet, rule, repair(joined)
