"""Summaries on real pages: ROUGE of the chosen German sentences against the outlet's standfirst, next to
lead-3, on the article as our cleaner finds it and on the article lines as labelled from the HTML.

    python benchmarks/real_summaries.py

For every real page (../shared/realpages, or $SUMMARIZE_REALPAGES) the reference is the outlet's
standfirst: the HTML's <meta name="description">, else its og:description, when it has 8 words or more.
The article is taken two ways: cleaned from the page's dump by summarize.cleaning.clean, and as the dump
lines benchmarks/realpages.py labels article text (pages it cannot label are left out of those rows).
Either way the standfirst is taken out first: every sentence 80% or more of whose distinct words are the
standfirst's, or that holds 80% of the standfirst's (a description cut short). Then each method chooses
3 sentences / 80 words of the rest in German, as benchmarks/summary_quality.py does; ROUGE-1/2/L F1 from
rouge-score with its German word tokenizer, the mean over pages. Every page with a standfirst counts, even
where the cleaner left too little text; our cleaning is scored again on the labelled pages alone, so that
it compares like with like with the labelled lines.

Then furniture in our-cleaning summaries: how many contain the cleaner's headline, or a line it removed
(5 or more words of it in a chosen sentence, or a chosen sentence of 5 or more words in it: a copy of a
removed line kept elsewhere counts too), and how many contain text the labels say is not the article's
(the same test against the lines the labels drop, less those that are a copy of the labelled text).
Words are compared lower-cased, whole, and in order.
Exits 2 when the real pages are not on this machine.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rouge_score import rouge_scorer

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realpages  # noqa: E402
from summary_quality import MAX_SENTENCES, MAX_WORDS, METHODS, GermanWords  # noqa: E402

from summarize import summary  # noqa: E402
from summarize.cleaning import PRINTED_AGAIN, clean, repair  # noqa: E402
from summarize.preparing import segment_unique  # noqa: E402
from summarize.summary import HEADING_MAX_WORDS, SENTENCE_END  # noqa: E402

# The page's own summary, most specific first; og:description stands in where a page has no description.
STANDFIRST_XPATHS = (
    "//meta[translate(@name, 'DESCRIPTION', 'description')='description']/@content",
    "//meta[@property='og:description']/@content",
)
# Shorter than this, a description is a site slogan or a keyword list, not a summary of the article.
MIN_STANDFIRST_WORDS = 8
# A sentence this much made of the standfirst's words is the standfirst (or part of it); one holding this
# much of the standfirst's words is the sentence a cut-short description copies.
STANDFIRST_OVERLAP = 0.8
# Shorter lines ("Mehr zum Thema", "Foto: dpa") occur inside article sentences by chance.
FURNITURE_MIN_WORDS = 5
WORDS = GermanWords()
SOURCES = ("our cleaning", "labelled lines")
# The table's rows: a name, the source summarized, and whether only pages with line labels count.
ROWS = (("our cleaning", "our cleaning", False),
        ("our cleaning, labelled pages", "our cleaning", True),
        ("labelled lines", "labelled lines", True))


@dataclass(frozen=True)
class LabelledText:
    """A page's article text by its labels, and its dump lines the labels drop that are not a copy of it."""

    article: str  # matching key of the keep lines run together
    furniture: tuple[str, ...]  # matching keys of drop lines


@dataclass
class Case:
    """One page's reference and the article sentences each source offers for summarizing."""

    stem: str
    standfirst: str
    bodies: dict[str, list[str]]  # by source; a source without the page is absent
    standfirst_found: dict[str, bool]  # by source: whether a sentence was taken out as the standfirst
    title: str | None  # the cleaner's headline
    removed: list[str]  # the lines the cleaner removed
    labelled_text: LabelledText | None  # what the labels call article text and what not; None: no labels
    furniture: list[bool]  # per our-cleaning sentence: what the pipeline never puts in a summary


def key(text: str) -> str:
    """Text as compared for containment: its lower-cased words, space-padded so that a match is whole words
    (the segmenter and the cleaner's repairs may change spacing and punctuation)."""
    return f" {' '.join(WORDS.tokenize(text))} "


def standfirst(page: realpages.Page) -> str | None:
    """The outlet's own summary of the article from the page's meta tags; None when it has none long
    enough."""
    root = realpages._parse(page.html)
    for xpath in STANDFIRST_XPATHS:
        for content in root.xpath(xpath):
            text = realpages.normalise(content)
            if len(text.split()) >= MIN_STANDFIRST_WORDS:
                return text
    return None


def is_standfirst(sentence: str, reference: set[str]) -> bool:
    """Whether the sentence is the standfirst, part of it, or the sentence a cut-short standfirst copies."""
    words = set(WORDS.tokenize(sentence))
    shared = len(words & reference)
    return bool(words) and shared >= STANDFIRST_OVERLAP * min(len(words), len(reference))


def body(paragraphs: list[str], title: str | None, reference: str) -> tuple[list[str], bool]:
    """The sentences a summary may choose from, as summary_quality.py takes them (no subheading, not the
    headline), less the standfirst; and whether any sentence was the standfirst."""
    sentences = [s for paragraph in segment_unique(paragraphs) for s in paragraph
                 if (SENTENCE_END.search(s) or len(s.split()) > HEADING_MAX_WORDS) and s != title]
    reference_words = set(WORDS.tokenize(reference))
    kept = [s for s in sentences if not is_standfirst(s, reference_words)]
    return kept, len(kept) < len(sentences)


def labelled(page: realpages.Page, labels: realpages.LineLabels) -> tuple[list[str], LabelledText]:
    """The keep lines but the headline, repaired as the cleaner repairs its blocks; and the page's text
    by its labels."""
    lines = page.dump.split("\n")
    keep = [repair(lines[number - 1]) for number in sorted(labels.keep)]
    article = " ".join(key(line) for line in keep)
    # A dropped copy of article text (a teaser repeated in a related list) is still the article's text.
    dropped = [repair(lines[number - 1]) for number in sorted(labels.drop)]
    furniture = tuple(dict.fromkeys(key(line) for line in dropped if len(line.split()) >= FURNITURE_MIN_WORDS
                                    and key(line) not in article))
    paragraphs = [line for line in keep if line != labels.title]
    return paragraphs, LabelledText(article, furniture)


def case(page: realpages.Page) -> Case | None:
    """The page's reference and both sources' sentences; None for a page without a standfirst."""
    reference = standfirst(page)
    if reference is None:
        return None
    cleaned = clean(page.dump)
    bodies, found = {}, {}
    bodies["our cleaning"], found["our cleaning"] = body([p.text for p in cleaned.paragraphs], cleaned.title,
                                                         reference)
    labels = realpages.line_labels(page)
    text = None
    if labels is not None:
        paragraphs, text = labelled(page, labels)
        bodies["labelled lines"], found["labelled lines"] = body(paragraphs, labels.title, reference)
    # (A paragraph removed as a copy of one kept further up is the article's text, not furniture.)
    removed = [line.text for line in cleaned.removed if line.reason != PRINTED_AGAIN]
    furniture = [summary.is_furniture(s, summary.removed_sentences(cleaned), cleaned.title)
                 for s in bodies["our cleaning"]]
    return Case(page.stem, reference, bodies, found, cleaned.title, removed, text, furniture)


def choose(method: str, sentences: list[str], furniture: list[bool] | None = None) -> list[str]:
    """The method's summary sentences in article order, within summary_quality.py's limits; never one the
    pipeline holds for furniture (summary.is_furniture), where that is given."""
    counts = [len(s.split()) for s in sentences]
    eligible = [not f for f in furniture] if furniture is not None else None
    return [sentences[i] for i in summary.choose(method, sentences, counts, MAX_SENTENCES, MAX_WORDS,
                                                 eligible)]


def contains(sentence: str, lines: Iterable[str]) -> bool:
    """Whether the sentence holds one of the lines (keys), or is part of one: a furniture paragraph the
    segmenter split counts too."""
    sentence_key = key(sentence)
    long_enough = len(sentence_key.split()) >= FURNITURE_MIN_WORDS
    return any(line in sentence_key or long_enough and sentence_key in line for line in lines)


def has_headline(chosen: list[str], title: str | None) -> bool:
    return title is not None and any(key(title) in key(s) for s in chosen)


def has_removed_line(chosen: list[str], removed: list[str]) -> bool:
    lines = [key(line) for line in removed if len(line.split()) >= FURNITURE_MIN_WORDS]
    return any(contains(s, lines) for s in chosen)


def has_off_article(chosen: list[str], text: LabelledText) -> bool:
    return any(key(s) not in text.article and contains(s, text.furniture) for s in chosen)


def mean_scores(cases: list[Case], source: str, method: str,
                labelled_only: bool) -> tuple[int, dict[str, float]]:
    """Pages and mean ROUGE F1 of the method's summaries of the source's sentences against the standfirst."""
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=WORDS)
    scored = [c for c in cases if source in c.bodies and (not labelled_only or c.labelled_text is not None)]
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    for c in scored:
        furniture = c.furniture if source == "our cleaning" else None
        scores = scorer.score(c.standfirst, " ".join(choose(method, c.bodies[source], furniture)))
        for name in totals:
            totals[name] += scores[name].fmeasure / max(1, len(scored))
    return len(scored), totals


def print_table(cases: list[Case]) -> dict[tuple[str, str], dict[str, float]]:
    print("| article from | method | pages | ROUGE-1 F | ROUGE-2 F | ROUGE-L F |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    results = {}
    for row, source, labelled_only in ROWS:
        for label, method in METHODS.items():
            pages, totals = mean_scores(cases, source, method, labelled_only)
            results[row, label] = totals
            print(f"| {row} | {label} | {pages} | {totals['rouge1']:.3f} | {totals['rouge2']:.3f} "
                  f"| {totals['rougeL']:.3f} |")
    return results


def print_furniture(cases: list[Case]) -> None:
    """How many of our-cleaning summaries hold the headline, a removed line, or text the labels drop."""
    labelled_cases = [c for c in cases if c.labelled_text is not None]
    chosen = {(label, c.stem): choose(method, c.bodies["our cleaning"], c.furniture)
              for label, method in METHODS.items() for c in cases}
    tests = {
        "the headline": (cases, lambda c, s: has_headline(s, c.title)),
        "a line the cleaner removed": (cases, lambda c, s: has_removed_line(s, c.removed)),
        "the headline or a removed line": (cases, lambda c, s: has_headline(s, c.title)
                                           or has_removed_line(s, c.removed)),
        "text the labels say is not the article's": (labelled_cases,
                                                     lambda c, s: has_off_article(s, c.labelled_text)),
    }
    print(f"| our-cleaning summaries containing | {' | '.join(METHODS)} |")
    print(f"| --- |{' ---: |' * len(METHODS)}")
    for name, (among, test) in tests.items():
        counts = [sum(bool(test(c, chosen[label, c.stem])) for c in among) for label in METHODS]
        print(f"| {name} | {' | '.join(f'{count}/{len(among)}' for count in counts)} |")


def main() -> None:
    if not realpages.available():
        print(f"no real pages at {realpages.REALPAGES} (set SUMMARIZE_REALPAGES)", file=sys.stderr)
        sys.exit(2)
    pages = realpages.load_pages()
    cases = [c for page in pages if (c := case(page))]
    labelled_pages = sum("labelled lines" in c.bodies for c in cases)
    print(f"{len(cases)}/{len(pages)} real pages with a standfirst of {MIN_STANDFIRST_WORDS}+ words "
          f"({labelled_pages} of them with line labels); summaries of {MAX_SENTENCES} sentences / "
          f"{MAX_WORDS} words of the article less the standfirst")
    for source in SOURCES:
        found = sum(c.standfirst_found.get(source, False) for c in cases)
        print(f"  {source}: the standfirst was in the text on {found} pages and taken out")
    print()
    results = print_table(cases)
    print()
    for row, _, _ in ROWS:
        ours, lead = results[row, "extractive (ours)"], results[row, "lead-3"]
        print(f"{row}: ours at least lead-3 on every measure: "
              f"{'yes' if all(ours[name] >= lead[name] for name in ours) else 'no'}")
    print()
    print_furniture(cases)


if __name__ == "__main__":
    main()
