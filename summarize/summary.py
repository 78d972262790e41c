"""Extractive summaries: rate the German sentences, take the best that fit, restore article order."""

from __future__ import annotations

import math
import re
from typing import Callable, Sequence

from .lexicon import FUNCTION_WORDS

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
