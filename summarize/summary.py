"""Stage: summarize each article. Extractive summaries rate the German sentences, take the best that fit
and restore article order; an abstractive model, when configured, summarizes the translation."""

from __future__ import annotations

import logging
import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

from . import cleaning, segmenting
from .errors import ModelUnavailable
from .lexicon import FUNCTION_WORDS
from .records import Article, Cleaned
from .settings import Settings

if TYPE_CHECKING:
    from .abstractive import AbstractiveSummarizer

log = logging.getLogger(__name__)

# Similarity above which two sentences count as saying the same thing.
SAME_THING = 0.6
# How much being early in the article adds to a sentence's centrality (news puts the gist first);
# chosen from 0.5, 1, 2, 4 by benchmarks/summary_quality.py (2 is the only one ahead of lead-3 on all
# of ROUGE-1/2/L).
LEAD_WEIGHT = 2.0
DAMPING = 0.85
ITERATIONS = 50
# Larger than any rating, so preferred sentences are taken first (and among them the usual order holds).
PREFERRED_BONUS = 100.0
# News puts what matters first; ranking a 5,000-sentence page whole would take minutes.
MAX_RANKED = 150
# Key points are a bulleted list among the first paragraphs; a subheading is short and unpunctuated.
KEY_POINTS_WITHIN = 8
HEADING_MAX_WORDS = 8
# A headline this long found inside a sentence is the headline glued to it, not a phrase they share.
HEADLINE_MIN_WORDS = 3
# A removed line's sentence this long, inside a sentence of the article or holding one, is the same text.
REMOVED_MIN_WORDS = 5
SENTENCE_END = re.compile(r"[.!?…\"“”»«)]$")

WORD = re.compile(r"\w+")


def _content_words(sentence: str) -> set[str]:
    return {w for w in WORD.findall(sentence.lower()) if w not in FUNCTION_WORDS and not w.isdigit()}


def similarity(a: set[str], b: set[str]) -> float:
    """Overlap of content words, normalised by sentence lengths (TextRank's measure)."""
    if len(a) < 2 or len(b) < 2:
        return 0.0
    return len(a & b) / (math.log(len(a)) + math.log(len(b)))


def rate_lead(sentences: Sequence[str]) -> list[float]:
    """Earlier is better: the lead-N baseline."""
    return [1.0 / (i + 1) for i in range(len(sentences))]


def rate_centrality(sentences: Sequence[str]) -> list[float]:
    """TextRank centrality over content-word overlap, plus a bonus for the lead. Only the first
    MAX_RANKED sentences are ranked (the graph is quadratic); later ones score 0."""
    words = [_content_words(s) for s in sentences[:MAX_RANKED]]
    n = len(words)
    weights = [[similarity(words[i], words[j]) if i != j else 0.0 for j in range(n)] for i in range(n)]
    totals = [sum(row) for row in weights]
    rank = [1.0] * n
    for _ in range(ITERATIONS):
        rank = [
            (1 - DAMPING) + DAMPING * sum(weights[j][i] / totals[j] * rank[j] for j in range(n) if totals[j])
            for i in range(n)
        ]
    top = max(rank, default=1.0) or 1.0
    ranked = [r / top + LEAD_WEIGHT * lead for r, lead in zip(rank, rate_lead(sentences))]
    return ranked + [0.0] * (len(sentences) - n)


SUMMARIZERS: dict[str, Callable[[Sequence[str]], list[float]]] = {
    "extractive": rate_centrality,
    "lead": rate_lead,
}


def choose(
    method: str,
    sentences: Sequence[str],
    word_counts: Sequence[int],
    max_sentences: int,
    max_words: int,
    eligible: Sequence[bool] | None = None,
    preferred: Sequence[bool] | None = None,
) -> list[int]:
    """Indices of the summary sentences in article order: best rated first, within both limits, only
    `eligible` ones (not the title, not a subheading), never two saying the same thing. `preferred`
    sentences (the outlet's own key points) come before all others."""
    scores = SUMMARIZERS[method](sentences)
    if preferred is not None:
        scores = [score + PREFERRED_BONUS * bool(p) for score, p in zip(scores, preferred)]
    words: dict[int, set[str]] = {}
    chosen: list[int] = []
    used = 0
    for i in sorted(range(len(sentences)), key=lambda i: (-scores[i], i)):
        if len(chosen) == max_sentences:
            break
        if (eligible is not None and not eligible[i]) or used + word_counts[i] > max_words:
            continue
        words[i] = _content_words(sentences[i])
        if any(similarity(words[i], words[j]) > SAME_THING for j in chosen):
            continue
        chosen.append(i)
        used += word_counts[i]
    return sorted(chosen)


def load_abstractive(settings: Settings) -> AbstractiveSummarizer | str:
    """The summarization model, or why it could not be loaded (articles then get extractive summaries)."""
    from .abstractive import AbstractiveSummarizer

    try:
        return AbstractiveSummarizer(settings.summary)
    except ModelUnavailable as exc:
        log.warning("%s; extractive summaries instead", exc)
        return str(exc).splitlines()[0]


def summarize_article(article: Article, settings: Settings,
                      abstractive: AbstractiveSummarizer | str | None = None) -> None:
    """An abstractive summary of the translation when configured and working; otherwise pick summary
    sentences in German and output their translations in article order."""
    config = settings.summary
    if config.method == "abstractive" and article.language == "de":
        if isinstance(abstractive, str) or abstractive is None:
            article.warnings.append(
                f"abstractive summary unavailable ({abstractive}); extractive summary instead")
        else:
            try:
                article.summary_en = abstractive.summarize(" ".join(s.en for s in article.sentences))
                article.summary_sentences = []
                return
            except Exception as exc:  # whatever the model raises must cost this article its abstract only
                article.warnings.append(f"abstractive summary failed ({exc}); extractive summary instead")
    method = "extractive" if config.method == "abstractive" else config.method
    german = [s.de for s in article.sentences]
    english = [s.en for s in article.sentences]
    counts = [len(s.split()) for s in english]
    eligible, preferred = summary_candidates(article)
    chosen = choose(method, german, counts, config.max_sentences, config.max_words, eligible,
                            preferred)
    if not chosen:  # even the best sentence is over the word limit: shorten it, visibly
        chosen = choose(method, german, [0] * len(german), 1, config.max_words, eligible, preferred)
        chosen = chosen or [0]
        words = english[chosen[0]].split()[: config.max_words]
        article.summary_sentences = chosen
        article.summary_en = " ".join(words) + " …"
        article.warnings.append(f"summary shortened to {config.max_words} words")
        return
    article.summary_sentences = chosen
    article.summary_en = " ".join(english[i] for i in chosen)


def summary_candidates(article: Article) -> tuple[list[bool], list[bool]]:
    """Which sentences may be in the summary (not the title again, not a subheading, not a copy of a
    line the cleaner removed or one holding the headline), and which the outlet itself marked as key
    points (a bulleted list near the top)."""
    assert article.cleaned is not None, "summary_candidates needs a prepared article"
    paragraphs = article.cleaned.paragraphs
    removed = removed_sentences(article.cleaned)
    headline = None if article.title_derived else article.title_de
    top_items = [p for p in paragraphs[:KEY_POINTS_WITHIN] if p.list_item]
    has_key_points = len(top_items) >= 2
    eligible: list[bool] = []
    preferred: list[bool] = []
    for sentence in article.sentences:
        paragraph = paragraphs[sentence.paragraph]
        heading = not SENTENCE_END.search(sentence.de) and len(sentence.de.split()) <= HEADING_MAX_WORDS
        title_again = (article.title_derived and sentence.de == article.title_de
                       and len(article.sentences) > 1)
        eligible.append(not title_again and not is_furniture(sentence.de, removed, headline)
                        and (paragraph.list_item or not heading))
        preferred.append(has_key_points and paragraph in top_items)
    return eligible, preferred


def removed_sentences(cleaned: Cleaned) -> frozenset[str]:
    """The sentences of the lines the cleaner removed: never a summary's, even where the page prints one
    again among the article's lines (a teaser repeated, a caption printed twice). A paragraph removed as a
    copy of one kept further up is not among them: its first copy stays the article's."""
    return frozenset(sentence for line in cleaned.removed if line.reason != cleaning.PRINTED_AGAIN
                     for sentence in segmenting.split_sentences(cleaning.repair(line.text)))


def is_furniture(sentence: str, removed: frozenset[str], headline: str | None) -> bool:
    """A copy of a removed line's sentence, a sentence holding one (REMOVED_MIN_WORDS or more: a teaser
    the page prints again with its date) or part of one, or a sentence holding the headline (three words
    or more)."""
    if sentence in removed or (headline is not None and len(headline.split()) >= HEADLINE_MIN_WORDS
                               and headline in sentence):
        return True
    own = _key(sentence)
    return any(other in own or (own in other and _long_enough(own)) for other in _removed_keys(removed))


def _key(text: str) -> str:
    """A text's words, lower-cased, one space apart and around (so that keys match whole words): copies
    differ in punctuation and dashes."""
    return f" {' '.join(WORD.findall(text.lower()))} "


@lru_cache(maxsize=4)
def _removed_keys(removed: frozenset[str]) -> tuple[str, ...]:
    """The keys of the removed sentences long enough to be told apart from a phrase of the article's."""
    return tuple(key for key in map(_key, removed) if _long_enough(key))


def _long_enough(key: str) -> bool:
    """A key of REMOVED_MIN_WORDS words or more (a key has a space before each word and after the last)."""
    return key.count(" ") > REMOVED_MIN_WORDS
