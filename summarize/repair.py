"""Stage: check every translated sentence and translate the doubtful ones again, keeping the best."""

from __future__ import annotations

import math
from dataclasses import replace

from . import checks, segmenting
from .records import Article, Sentence
from .settings import Settings
from .translating import translate_fitted
from .translation import Translator

# The beam is doubled up to this; sentences this long are also tried in two halves.
MAX_REPAIR_BEAMS = 8
REPAIR_SPLIT_WORDS = 25

# A working model flags a few sentences in a hundred; over this share, the run says the model looks wrong.
ABNORMAL_FLAGGED_SHARE = 0.5

# A repair candidate: how it was made, its English, the model's score.
Candidate = tuple[str, str, float]


def check_and_repair(articles: list[Article], translator: Translator, settings: Settings) -> dict[str, int]:
    """Check every translated sentence; translate each flagged one again with a wider beam (and, when
    long, in two clause-sized halves) and keep the candidate with the fewest flags, then the best score.
    At most `max_repair_share` of each article's distinct sentences are repaired, the most doubtful first
    (per article, so that an article comes out the same whatever else the run holds: a resumed run equals
    an uninterrupted one). Returns how many repairs were tried, how many the budget left out, and how many
    flags remain, by kind."""
    config = settings.translation
    german = [a for a in articles if a.language == "de"]
    for article in german:
        article.sentences = [
            replace(s, flags=tuple(checks.check(s.de, s.en, s.confidence, config.min_confidence)))
            for s in article.sentences]
    chosen = most_doubtful(german, config.max_repair_share) if config.repair else [set() for _ in german]
    doubtful = list(dict.fromkeys(s.de for article, repair in zip(german, chosen) for s in article.sentences
                                  if s.de in repair))
    flagged_distinct = {s.de for a in german for s in a.sentences if s.flags}
    left_out = len(flagged_distinct) - len(doubtful) if config.repair else 0
    counts: dict[str, int] = {"repairs_tried": len(doubtful), "repairs_left_out": left_out}
    candidates = repair_candidates(doubtful, translator, settings) if config.repair else {}
    for article, repair in zip(german, chosen):
        article.sentences = [best_of(s, candidates[s.de], config.min_confidence) if s.de in repair else s
                             for s in article.sentences]
        flagged = [f.kind for s in article.sentences for f in s.flags]
        for kind in flagged:
            counts[kind] = counts.get(kind, 0) + 1
        if flagged:
            kinds = ", ".join(f"{kind}: {flagged.count(kind)}" for kind in dict.fromkeys(flagged))
            sentences = sum(1 for s in article.sentences if s.flags)
            article.warnings.append(f"{sentences} sentences flagged ({kinds})")
    return counts


def most_doubtful(articles: list[Article], share: float) -> list[set[str]]:
    """Per article, the flagged distinct German sentences to repair within its budget (`share` of its
    distinct sentences), most flags first, then the lowest confidence, then in article order."""
    chosen = []
    for article in articles:
        first: dict[str, Sentence] = {}
        for sentence in article.sentences:
            first.setdefault(sentence.de, sentence)
        budget = math.floor(share * len(first) + 1e-9)
        flagged = [s for s in first.values() if s.flags]
        ranked = sorted(range(len(flagged)),
                        key=lambda i: (-len(flagged[i].flags), flagged[i].confidence or 0.0, i))
        chosen.append({flagged[i].de for i in ranked[:budget]})
    return chosen


def flagged_share_warning(flagged: int, sentences: int) -> str | None:
    """A warning for the run when far more of its German sentences are flagged than a working model
    gives."""
    if not sentences or flagged / sentences <= ABNORMAL_FLAGGED_SHARE:
        return None
    return (f"{flagged} of {sentences} sentences ({flagged / sentences:.0%}) are flagged, far more "
            "than a working model gives: is translation.model a German-to-English model, and whole?")


def repair_candidates(doubtful: list[str], translator: Translator, settings: Settings
                      ) -> dict[str, list[Candidate]]:
    """Per doubtful German sentence, its translations made again: with a wider beam, and (when long) in
    two clause-sized halves."""
    config = settings.translation
    candidates: dict[str, list[Candidate]] = {de: [] for de in doubtful}
    if not doubtful:
        return candidates
    wider = min(2 * config.num_beams, MAX_REPAIR_BEAMS)
    again = translate_fitted(doubtful, translator, config.max_input_tokens, wider)
    for de, (en, score) in zip(doubtful, again):
        candidates[de].append((f"translated again with {wider} beams", en, score))
    long = [de for de in doubtful if len(de.split()) >= REPAIR_SPLIT_WORDS]
    halves = {de: segmenting.split_long(de, len(de) // 2 + 1) for de in long}
    halves = {de: parts for de, parts in halves.items() if len(parts) > 1}
    flat_halves = [part for parts in halves.values() for part in parts]
    translated = iter(translate_fitted(flat_halves, translator, config.max_input_tokens))
    for de, parts in halves.items():
        pairs = [next(translated) for _ in parts]
        candidates[de].append(("split at a clause boundary", " ".join(t for t, _ in pairs),
                               sum(s for _, s in pairs) / len(pairs)))
    return candidates


def best_of(sentence: Sentence, candidates: list[Candidate], min_confidence: float) -> Sentence:
    """The flagged sentence with the candidate translation that has the fewest flags, then the best score;
    unchanged when none is better."""
    best = sentence
    best_key = (len(sentence.flags), -(sentence.confidence or 0.0))
    for how, en, score in candidates:
        flags = tuple(checks.check(sentence.de, en, score, min_confidence))
        if (len(flags), -score) < best_key:
            best_key = (len(flags), -score)
            best = replace(sentence, en=en, confidence=round(score, 4), flags=flags, repair=how)
    return best
