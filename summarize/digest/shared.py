"""Shared (agency) sentences: agency copy reused by several outlets.

Two sentences of different articles are "the same" when both have at least ``SHARED_MIN_WORDS`` words
and the Jaccard similarity of their word sets (lower-cased, punctuation dropped) is at least
``SHARED_JACCARD``. 0.8 tolerates a changed word or two in a 20-word sentence (an outlet's house style,
"Kim Jong Un" / "Kim Jong-un") but not a paraphrase; 6 words keeps short stock phrases ("Das sagte er am
Montag.") from counting as copy.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from .entries import Entry

SHARED_JACCARD = 0.8
SHARED_MIN_WORDS = 6

_WORD = re.compile(r"\w+")


def _sentence_words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def shared_sentences(entries: list[Entry]) -> dict[tuple[str, int], list[str]]:
    """For (article id, index into its sentences): the ids of the OTHER articles holding a nearly
    verbatim same German sentence (Jaccard of word sets >= SHARED_JACCARD, both >= SHARED_MIN_WORDS words).
    Ids are listed in input order; sentences shared with no other article are left out.

    Candidate pairs come from prefix filtering (a pair at Jaccard >= t shares a word among each set's
    |x| - ceil(t|x|) + 1 rarest words), so a run's sentences are not all compared with each other."""
    items: list[tuple[str, int, frozenset[str]]] = []
    for entry in entries:
        for index, sentence in enumerate(entry.sentences):
            words = _sentence_words(sentence.de)
            if len(_WORD.findall(sentence.de)) >= SHARED_MIN_WORDS and words:
                items.append((entry.id, index, words))
    frequency: Counter[str] = Counter(w for _, _, words in items for w in words)
    index_by_word: dict[str, list[int]] = defaultdict(list)
    found: dict[tuple[str, int], set[str]] = defaultdict(set)
    for number, (article, sentence_index, words) in enumerate(items):
        ordered = sorted(words, key=lambda w: (frequency[w], w))
        prefix = ordered[: len(words) - math.ceil(SHARED_JACCARD * len(words)) + 1]
        candidates: set[int] = set()
        for word in prefix:
            candidates.update(index_by_word[word])
            index_by_word[word].append(number)
        for other in candidates:
            other_article, other_index, other_words = items[other]
            if other_article == article:
                continue
            if len(words & other_words) / len(words | other_words) >= SHARED_JACCARD:
                found[(article, sentence_index)].add(other_article)
                found[(other_article, other_index)].add(article)
    order = {entry.id: position for position, entry in enumerate(entries)}
    return {key: sorted(ids, key=lambda i: order.get(i, 0)) for key, ids in found.items()}
