"""Stories: articles about the same event, grouped; their similarity, shared keywords and titles.

Two articles are about the same event when their cleaned German texts (headline included) use the same
content words. Words are lower-cased, German function words and words under 4 letters dropped, and each
word cut to its first 6 letters (a crude stemmer that also folds case endings and most compounds' heads:
"Nordkoreas"/"Nordkorea", "Waffenlieferungen"/"Waffenlieferung"). Each article is a vector of raw counts
of those stems; similarity is the cosine of two vectors. No IDF weighting on purpose: the weights then do
not depend on which other articles happen to be in the run, so one threshold holds for a run of 2
articles and for one of 200.

Clustering is average-link (UPGMA) agglomeration: the two stories with the highest *average* pairwise
similarity merge while that average is at least ``STORY_THRESHOLD``. Average-link rather than single-link
so that a chain of loosely related articles (a match report, another match report, a stadium story, ...)
does not snowball into one story.

``STORY_THRESHOLD = 0.35`` was measured on the five seed reports (one event told by five outlets) and the
41 other test articles (tests/data/articles and tests/data/heldout, all different events, among them
pairs on the same *topic*: two football match reports, two cycle-lane council decisions, two storm
reports): every pair of seed reports scores 0.43 or more, the closest pair of different events 0.26 (two
insolvency agency reports). 0.35 sits in the middle of that gap.
"""

from __future__ import annotations

import heapq
import math
import re
import sys
from array import array
from collections import Counter, defaultdict
from itertools import combinations
from typing import Iterator, Mapping

from .. import lexicon
from .entries import Entry, shown

STORY_THRESHOLD = 0.35
KEYWORDS = 5
# See _candidate_similarities: clustering compares a pair of articles when it shares this many stems
# that at most so many of the run's articles use (a word in more than 50 of a night's articles is a
# topic's, not one event's: "Ukraine", "Inflation"). Measured with benchmarks/night_size.py.
MIN_SHARED_STEMS, RARE_STEM_MAX_ARTICLES = 2, 50
# A delivered story is remembered by its centroid's strongest stems (see signature): enough to recognise
# it on a later night, small enough that a week of 20,000-article nights loads in seconds.
SIGNATURE_STEMS = 64


def _words(entry: Entry) -> list[str]:
    return lexicon.content_words(entry.text_de)


def _vector(entry: Entry) -> dict[str, float]:
    counts = Counter(lexicon.stem(w) for w in _words(entry))
    norm = math.sqrt(sum(n * n for n in counts.values()))
    return {stem: n / norm for stem, n in counts.items()} if norm else {}


def _candidate_similarities(articles: list[Entry]) -> dict[tuple[int, int], float]:
    """Cosine similarity of the pairs (i < j) likely to be one story, the only ones clustering looks at,
    found through an inverted index: articles about one event share some of its rarer words (names,
    places), so a pair is compared only when it shares two stems that at most RARE_STEM_MAX_ARTICLES
    articles of the run use. A night of 20,000 articles is not compared pair by pair; a pair that is
    compared gets its exact similarity, every shared stem counted."""
    vectors = [_vector(article) for article in articles]
    shared = _rare_stem_pairs(vectors)
    return {(i, j): _cosine(vectors[i], vectors[j]) for (i, j), stems in sorted(shared.items())
            if stems >= MIN_SHARED_STEMS}


def _rare_stem_pairs(left: list[dict[str, float]], right: list[Signature] | None = None
                     ) -> Counter[tuple[int, int]]:
    """How many rare stems each pair shares: pairs (i < j) within `left`, or with `right` given, pairs (i, j)
    of a left and a right vector. A stem is rare where at most RARE_STEM_MAX_ARTICLES vectors use it
    (those of `right` when given: the ones looked up)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, vector in enumerate(left if right is None else right):
        for stem in vector:
            postings[stem].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    if right is None:
        for indices in postings.values():
            if len(indices) <= RARE_STEM_MAX_ARTICLES:
                shared.update(combinations(indices, 2))
        return shared
    for i, vector in enumerate(left):
        for stem in vector:
            indices = postings.get(stem, ())
            if len(indices) <= RARE_STEM_MAX_ARTICLES:
                shared.update((i, j) for j in indices)
    return shared


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(weight * b[stem] for stem, weight in a.items() if stem in b)


def similarity(a: Entry, b: Entry) -> float:
    """The story similarity of two articles (cosine of their content-word stem counts), 0..1."""
    return _cosine(_vector(a), _vector(b))


def _cluster(entries: list[Entry]) -> list[list[int]]:
    """Average-link agglomeration; clusters as sorted lists of indices, largest first, then by first index.

    A cluster is named by its first member. `between[a][b]` is the sum of the pairwise similarities of
    clusters a and b (so merging just adds rows). The pairs whose average reaches the threshold wait in a
    heap, best first (on a tie the lowest names); a merge changes only the merged cluster's pairs, so the
    heap entries of the two clusters it joined are stale from then on (told by their versions) and the
    merged cluster's pairs go in anew."""
    members: dict[int, list[int]] = {i: [i] for i in range(len(entries))}
    between: dict[int, dict[int, float]] = {i: {} for i in range(len(entries))}
    for (i, j), value in _candidate_similarities(entries).items():
        between[i][j] = between[j][i] = value
    version = dict.fromkeys(members, 0)

    def average(a: int, b: int) -> float:
        return between[a].get(b, 0.0) / (len(members[a]) * len(members[b]))

    waiting = [(-average(a, b), a, b, 0, 0) for a in between for b in between[a]
               if a < b and average(a, b) >= STORY_THRESHOLD]
    heapq.heapify(waiting)
    while waiting:
        _, keep, gone, keep_version, gone_version = heapq.heappop(waiting)
        if version.get(keep) != keep_version or version.get(gone) != gone_version:
            continue  # a cluster of this pair has merged since
        members[keep] = sorted(members[keep] + members.pop(gone))
        del version[gone]
        version[keep] += 1
        links = between.pop(gone)
        links.pop(keep, None)
        between[keep].pop(gone, None)
        for other, value in links.items():
            del between[other][gone]
            between[keep][other] = between[other][keep] = between[keep].get(other, 0.0) + value
        for other in between[keep]:
            if average(keep, other) >= STORY_THRESHOLD:
                a, b = min(keep, other), max(keep, other)
                heapq.heappush(waiting, (-average(a, b), a, b, version[a], version[b]))
    return sorted(members.values(), key=lambda m: (-len(m), m[0]))


def group_stories(entries: list[Entry]) -> list[list[Entry]]:
    """Articles about the same event, grouped (see the module docstring for the measure and threshold).

    Stories are ordered by size (largest first), then by their newest publication date where articles
    have one (newest first), then by their first article's position in the input; inside a story,
    dated articles come newest first and undated ones after them, in input order."""
    stories = []
    for cluster in _cluster(entries):
        dated = sorted((i for i in cluster if _iso_date(entries[i])), key=lambda i: _iso_date(entries[i]),
                       reverse=True)
        stories.append([entries[i] for i in dated + [i for i in cluster if not _iso_date(entries[i])]])
    newest = {id(story): max((_iso_date(e) for e in story), default="") for story in stories}
    order = {id(story): position for position, story in enumerate(stories)}
    return sorted(stories, key=lambda s: (-len(s), _descending(newest[id(s)]), order[id(s)]))


class Signature:
    """A signature held compactly (a week of 20,000-article nights is some 100,000 of them): its stems,
    interned, and their weights as 32-bit floats."""

    __slots__ = ("stems", "weights")

    def __init__(self, weights: Mapping[str, float]) -> None:
        self.stems = tuple(sys.intern(stem) for stem in weights)
        self.weights = array("f", weights.values())

    def __iter__(self) -> Iterator[str]:
        return iter(self.stems)

    def items(self) -> Iterator[tuple[str, float]]:
        return zip(self.stems, self.weights)


def signature(centroid: Mapping[str, float]) -> dict[str, float]:
    """What a later night recognises a story by: its centroid cut to its SIGNATURE_STEMS strongest stems.
    The stems shared by the story's articles weigh most in a centroid, so the cut keeps what tells the
    story from others."""
    strongest = sorted(centroid.items(), key=lambda item: (-item[1], item[0]))[:SIGNATURE_STEMS]
    return {stem: round(weight, 4) for stem, weight in strongest}


def centroid(story: list[Entry]) -> dict[str, float]:
    """The mean of the story's articles' unit vectors: its dot product with another story's centroid is
    the two stories' average-link similarity, the measure grouping uses."""
    total: Counter[str] = Counter()
    for entry in story:
        total.update(_vector(entry))
    return {stem: weight / len(story) for stem, weight in total.items()}


def continued(centroids: list[dict[str, float]], earlier: list[Signature]) -> list[list[int]]:
    """For each story (by its centroid), the earlier stories it continues (indices into `earlier`, their
    signatures): those whose average-link similarity with it reaches STORY_THRESHOLD, as when grouping; the
    candidates found, as there, through the rare stems they share, so each story meets only its likely
    predecessors."""
    found: list[list[int]] = [[] for _ in centroids]
    for (i, j), stems in sorted(_rare_stem_pairs(centroids, earlier).items()):
        mean = centroids[i]
        if stems >= MIN_SHARED_STEMS and sum(weight * mean.get(stem, 0.0)
                                             for stem, weight in earlier[j].items()) >= STORY_THRESHOLD:
            found[i].append(j)
    return found


def _iso_date(entry: Entry) -> str:
    """The publication date and time as sortable ISO text ("2024-03-12 10:15"), or "" when unknown."""
    found = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?", shown(entry.published) or "")
    return f"{found.group(1)} {found.group(2) or '00:00'}" if found else ""


def _descending(text: str) -> tuple[int, ...]:
    """A sort key that puts later ISO dates first and unknown ("") last."""
    return tuple(-ord(c) for c in text) if text else (1,)


def _representative(story: list[Entry]) -> Entry:
    """The article most similar, on average, to the story's others (the first one on a tie)."""
    if len(story) <= 2:
        return story[0]
    vectors = [_vector(entry) for entry in story]

    def score(i: int) -> float:
        return sum(_cosine(vectors[i], vectors[j]) for j in range(len(story)) if j != i)
    return story[max(range(len(story)), key=lambda i: (round(score(i), 9), -i))]


def story_title(story: list[Entry]) -> str:
    """A story's label: the English title of its most central article."""
    return _representative(story).heading


def story_keywords(story: list[Entry], limit: int = KEYWORDS) -> list[str]:
    """Nouns and names most of the story's articles share (in their most frequent spelling), for a
    multi-article story: a label that, unlike the machine-translated headline, cannot be garbled."""
    if len(story) < 2:
        return []
    documents: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for entry in story:
        words = _words(entry)
        documents.update({lexicon.stem(w) for w in words})
        for word in words:
            totals[lexicon.stem(word)] += 1
            spellings[lexicon.stem(word)][word] += 1
    needed = max(2, math.ceil(len(story) / 2))
    # Capitalised words only: in German those are the nouns and names, which say what a story is about.
    spelling = {s: spellings[s].most_common(1)[0][0] for s in documents}
    ranked = sorted((s for s in documents if documents[s] >= needed and spelling[s][:1].isupper()),
                    key=lambda s: (-documents[s], -totals[s], s))
    return [spelling[s] for s in ranked[:limit]]

