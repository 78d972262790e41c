"""German sentence segmentation (pysbd plus thin repairs) and clause splitting of over-long sentences."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

logger = logging.getLogger(__name__)

# pysbd was chosen over syntok by benchmarks/compare_segmenters.py on tests/data/sentences_gold.jsonl:
# syntok splits after every German ordinal ("am 3." | "Oktober") and after "u. a.", which is worse for
# translation than anything pysbd gets wrong. The repairs below only cover what pysbd still misses.

WHITESPACE = re.compile(r"\s+")

# --- vetoes: a boundary (from pysbd or from a repair) is dropped when one of these says "not a sentence end".

# German sentences never start lower-case, so a split before a lower-case word is an abbreviation or ordinal
# pysbd did not know ("im 12. Jh." | "errichtet"). A parenthesis is not skipped: an agency tag such as
# "(sda)" after the last full stop stays a unit of its own for the cleaner to drop.
STARTS_LOWERCASE = re.compile(r"^[\"'„“”«»‹›‚‘’]*[a-zäöüß]")

# A sentence ends in terminal punctuation, maybe followed by closing quotes or brackets; pysbd occasionally
# splits elsewhere ("ProSiebenSat.1" | "Media"). Only a bullet may start a new item without it.
TERMINAL_END = re.compile(r"[.!?…][\"“”»«›‹’')\]]*$")
BULLET = re.compile(r"^[•▪◦‣●]")

# Abbreviations that do not end a sentence in news text; pysbd's German list misses some ("inkl."), and the
# repairs that add boundaries must not split after them either. "usw."/"etc." are deliberately absent: they
# usually close an enumeration at the end of a sentence. "Mio."/"Mrd." are kept together even in the rare
# "kostet 2 Mio. Die ..." because a missed boundary costs translation less than a wrong one.
NON_FINAL_ABBREVIATION = re.compile(
    r"(?:^|[\s(\[„“«»\"'])"  # "km/h." is not an abbreviation "h."
    r"(?:(?i:z\.\s?B|u\.\s?a|v\.\s?a|d\.\s?h|z\.\s?T|u\.\s?U|i\.\s?d\.\s?R|bzw|ca|dr|prof|nr|st|mio|mrd|jh|jhd"
    r"|sog|vgl|inkl|exkl|zzgl|ggf|evtl|bspw|bzgl|hrsg|geb|hr|fr)"
    r"|[a-zäöüß]"  # one lower-case letter is part of an abbreviation: "o.", "s.", "(r.)"
    r"|(?<![uo]\.\s)(?<![uo]\.)[A-ZÄÖÜ])\.$"  # a single capital is an initial ("George W. Bush"), not "u. Ä."
)

# Abbreviations that are only abbreviations before a number ("Art. 5 Abs. 1", "Tel. 0221", "Hauptstr. 12");
# "Art." alone is also the noun ("in seiner Art. Die ..."), so it is not vetoed elsewhere (pysbd itself
# still keeps that case together).
NUMBERED_ABBREVIATION = re.compile(r"(?:^|[\s(\[])(?i:art|abs|kap|bd|tel|ziff|[a-zäöüß]*str)\.$")
DIGIT_START = re.compile(r"^\d")

# Determiners and prepositions that make a following "<number>." an ordinal ("des 75. Jahrestags",
# "den 3. Platz", "Zum 100. Geburtstag"); four-digit numbers are left out because "bis 2019." ends sentences.
ORDINAL_AFTER_DETERMINER = re.compile(
    r"(?i:\b(?:am|im|vom|zum|zur|beim|ab|bis|seit|dem|den|der|des|die|das|ein|eine|einem|einen|einer|eines"
    r"|sein|seine|seinem|seinen|seiner|seines|ihr|ihre|ihrem|ihren|ihrer|ihres|jede|jeder|jedem|jeden|jedes))"
    r"\s+\d{1,3}\.$"
)

# A day number followed by a month is a date, never a sentence end ("bis 13. September").
DAY_NUMBER = re.compile(r"\b\d{1,2}\.$")
MONTH_START = re.compile(
    r"^(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    r"|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez)\b"
)

# --- repairs that add boundaries pysbd misses (each candidate still has to pass the vetoes above).

# "usw."/"etc."/"u. Ä." absorb the sentence's full stop; pysbd treats them like any abbreviation and never
# splits after them.
FINAL_ABBREVIATION_END = re.compile(r"(?:\b(?:usw|usf|etc)|\b[uo]\.\s?Ä)\.(?=\s+[\"„«»]?[A-ZÄÖÜ])")

# A quotation that ends with its own terminal punctuation ends the sentence when a capitalised word follows
# („Wer zahlt?“ Diese Frage ...); pysbd misses this for «…» and "…" and for ?/! inside the quote.
QUOTE_END = re.compile(r"[.!?…][\"“”»«›‹’']+(?=\s+[\"„«»‚‹]?[A-ZÄÖÜ0-9])")

# pysbd keeps several quoted sentences together; split inside a quotation like outside it.
QUOTATION = re.compile(r"„[^“”„]*[“”]|«[^«»]*»|»[^«»]*«|\"[^\"]*\"")
TERMINAL_INSIDE_QUOTE = re.compile(r"[.!?]+(?=\s+[A-ZÄÖÜ])")

# pysbd splits after "..." + capital but not after the single character "…"; treat both alike.
# "[…]" marks an omission inside a quotation and is excluded.
ELLIPSIS_END = re.compile(r"(?<!\[)…(?=\s+[A-ZÄÖÜ])")

# A bullet marker starts a new item even when the previous item has no final punctuation.
BULLET_START = re.compile(r"(?<=\s)(?=[•▪◦‣●])")  # same markers as BULLET

# Scraped captions often glue the next sentence to a full stop ("im September 2023.Ahn Young-joon").
# Split only after a lower-case word or a four-digit year and before a capitalised word; glued ordinals
# ("3.Liga"), domains ("ORF.at") and abbreviations ("Dr.Meier", vetoed below) stay together.
GLUED_FULL_STOP = re.compile(r"(?:(?<=[a-zäöüß]{2})|(?<=\b\d{4}))\.(?=[A-ZÄÖÜ][a-zäöüß])")
URL_OR_EMAIL_TOKEN = re.compile(r"(?:://|www\.|@)\S*$")

# pysbd reads every "<number>. Capital" as an ordinal; after a quantity word the number is a count that
# ends the sentence ("stieg auf 12. Danach").
COUNT_AT_SENTENCE_END = re.compile(
    r"(?i:\b(?:auf|bei|mit|von|über|unter|rund|etwa|knapp|fast|nur|insgesamt))\s+\d(?:[\d.,]*\d)?\.(?=\s+[A-ZÄÖÜ])"
)

# pysbd sometimes cuts between a full stop and its closing quote ('Vorgang.' | '" Weitere'); a sentence
# never starts with a closing quote followed by a space, so the quote moves back to the left sentence.
LEADING_CLOSING_QUOTE = re.compile(r"[\"“”»«›‹’']+(?=\s|$)")

# --- split_long: clause boundaries, best first. Each pattern matches the whitespace to cut at.
CONJUNCTIONS = (
    "und|oder|aber|denn|sondern|doch|während|weil|dass|da|wenn|als|ob|obwohl|nachdem|bevor|damit|sodass"
    "|wobei|indem|wie|um|wo|was|die|der|das|dem|den|deren|dessen|welche|welcher|welches"
)
CLAUSE_BREAKS = (
    re.compile(r"(?<=;)\s+"),
    re.compile(r"(?<=:)\s+"),
    re.compile(r"\s+(?=[–—-]\s)"),  # a spaced dash; "-" only counts with spaces, unlike in "Atom-U-Boote"
    re.compile(rf"(?<=,)\s+(?=(?:{CONJUNCTIONS})\b)"),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"\s+"),
)


@lru_cache(maxsize=1)
def _segmenter():
    # Imported lazily: building pysbd's rule tables costs ~0.1 s, which callers that never segment skip.
    import pysbd

    return pysbd.Segmenter(language="de", clean=False)


# pysbd's time grows with the square of its input (each abbreviation it finds rewrites the whole text):
# a longer paragraph goes to it in windows of about this many characters, cut where a sentence surely ends.
LIBRARY_WINDOW = 4000
# A sure sentence end: a full word (four lower-case letters: no abbreviation), its stop, a capital next.
SURE_END = re.compile(r"(?<=[a-zäöüß]{4}[.!?]) (?=[A-ZÄÖÜ])")
# The context the boundary checks read on either side of a candidate.
CONTEXT_CHARS = 200


def _library_boundaries(text: str) -> set[int]:
    """Start offsets (in `text`) of every pysbd sentence after the first; a long text in windows, each
    cut at a sure sentence end (or, failing one, at a space) and its cut a boundary only when sure."""
    starts: set[int] = set()
    begin = 0
    while len(text) - begin > LIBRARY_WINDOW:
        limit = begin + LIBRARY_WINDOW
        sure = [m.end() for m in SURE_END.finditer(text, begin + LIBRARY_WINDOW // 2, limit)]
        cut = sure[-1] if sure else text.rfind(" ", begin + 1, limit) + 1 or limit
        starts |= {begin + s for s in _window_boundaries(text[begin:cut])}
        if sure:
            starts.add(cut)
        begin = cut
    return starts | {begin + s for s in _window_boundaries(text[begin:])}


def _window_boundaries(text: str) -> set[int]:
    starts: set[int] = set()
    pos = 0
    for i, segment in enumerate(_segmenter().segment(text)):
        segment = segment.strip()
        if not segment:
            continue
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if not text.startswith(segment, pos):
            # pysbd is meant to return the text unchanged with clean=False; if it ever does not, realign.
            found = text.find(segment, pos)
            if found < 0:
                logger.debug("pysbd changed a segment, boundary dropped: %r", segment[:40])
                continue
            pos = found
        if i:
            starts.add(pos)
        pos += len(segment)
    return starts


def _repair_boundaries(text: str) -> set[int]:
    """Start offsets of sentences that pysbd misses (see the *_END / *_START constants)."""
    starts: set[int] = set()
    for pattern in (FINAL_ABBREVIATION_END, QUOTE_END, ELLIPSIS_END, COUNT_AT_SENTENCE_END):
        starts.update(m.end() for m in pattern.finditer(text))
    for quote in QUOTATION.finditer(text):
        inner = quote.group()
        starts.update(quote.start() + m.end() for m in TERMINAL_INSIDE_QUOTE.finditer(inner))
    starts.update(m.start() for m in BULLET_START.finditer(text))
    for m in GLUED_FULL_STOP.finditer(text):
        if not URL_OR_EMAIL_TOKEN.search(text[: m.end()]):
            starts.add(m.end())
    # A boundary found at the whitespace before a sentence is recorded at the sentence's first character.
    return {_skip_space(text, s) for s in starts}


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _is_sentence_end(left: str, right: str) -> bool:
    """False when the text on either side of a candidate boundary shows it is not one."""
    if not left or not right:
        return False
    if STARTS_LOWERCASE.match(right):
        return False
    if not TERMINAL_END.search(left) and not BULLET.match(right):
        return False
    tail = left[-80:]
    if NON_FINAL_ABBREVIATION.search(tail) or ORDINAL_AFTER_DETERMINER.search(tail):
        return False
    if DAY_NUMBER.search(tail) and MONTH_START.match(right):
        return False
    return not (NUMBERED_ABBREVIATION.search(tail) and DIGIT_START.match(right))


def split_sentences(paragraph: str) -> list[str]:
    """Split one cleaned paragraph into stripped, non-empty sentences.

    `" ".join(result)` equals the whitespace-normalised paragraph, except that a sentence glued to the
    previous full stop ("2023.Ahn") comes back as two sentences joined by a space.
    """
    # pysbd treats every line break as a sentence end; paragraphs may be wrapped, so normalise first.
    text = WHITESPACE.sub(" ", paragraph).strip()
    if not text:
        return []
    starts = {s for s in _library_boundaries(text) | _repair_boundaries(text) if 0 < s < len(text)}
    for start in sorted(starts):
        quote = LEADING_CLOSING_QUOTE.match(text, start)
        if quote:
            starts.discard(start)
            starts.add(_skip_space(text, quote.end()))
    starts = {s for s in starts
              if _is_sentence_end(text[max(0, s - CONTEXT_CHARS):s].rstrip(), text[s:s + CONTEXT_CHARS])}

    sentences, prev = [], 0
    for start in sorted(starts) + [len(text)]:
        piece = text[prev:start].strip()
        if piece:
            sentences.append(piece)
        prev = start
    return sentences


def split_long(sentence: str, max_chars: int) -> list[str]:
    """Split a sentence longer than `max_chars` at clause boundaries into pieces of at most `max_chars`.

    Breaks are tried in the order of CLAUSE_BREAKS; within the best available kind the rightmost break that
    keeps the piece under the limit wins, so pieces stay few and long. `" ".join(result)` gives the
    (whitespace-normalised) sentence back; a single word longer than `max_chars` stays whole.
    """
    if max_chars <= 0:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    if len(sentence) <= max_chars:
        return [sentence]
    rest = WHITESPACE.sub(" ", sentence).strip()
    pieces = []
    # A break that leaves a very short first piece only helps when nothing better fits.
    min_piece = max_chars // 3
    while len(rest) > max_chars:
        cut = _best_break(rest, max_chars, min_piece) or _best_break(rest, max_chars, 1)
        if cut is None:
            # No whitespace within the limit: cut at the first whitespace after it, or keep the rest whole.
            m = WHITESPACE.search(rest, max_chars)
            if not m:
                break
            cut = (m.start(), m.end())
        pieces.append(rest[: cut[0]].rstrip())
        rest = rest[cut[1] :].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _best_break(text: str, max_chars: int, min_piece: int) -> tuple[int, int] | None:
    """(end of piece, start of rest) for the best clause break whose piece fits, or None."""
    for pattern in CLAUSE_BREAKS:
        # Search the whole text, not text[:max_chars]: the lookaheads must see the word after the break.
        fitting = [
            m for m in pattern.finditer(text) if min_piece <= m.start() <= max_chars and m.end() < len(text)
        ]
        if fitting:
            best = fitting[-1]
            return best.start(), best.end()
    return None
