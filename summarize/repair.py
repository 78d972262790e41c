"""Stage: check every translated sentence and translate the doubtful ones again, keeping the best."""

from __future__ import annotations

from . import checks, segmenting
from .records import Article
from .settings import Settings
from .translating import flat, translate_fitted, unflatten
from .translation import Translator

# The beam is doubled up to this; sentences this long are also tried in two halves.
MAX_REPAIR_BEAMS = 8
REPAIR_SPLIT_WORDS = 25


def check_and_repair(articles: list[Article], translator: Translator, settings: Settings) -> dict[str, int]:
    """Check every translated sentence; translate each flagged one again with a wider beam (and, when
    long, in two clause-sized halves) and keep the candidate with the fewest flags, then the best score.
    Returns how many repairs were tried and how many flags remain, by kind."""
    config = settings.translation
    german = [a for a in articles if a.language == "de"]
    for article in german:
        article.flags = [checks.check(de, en, score, config.min_confidence) for de, en, score in
                         zip(article.flat_sentences(), flat(article.translations), article.confidence)]
        article.repaired = [""] * len(article.flags)
    doubtful = list(dict.fromkeys(de for a in german for de, f in zip(a.flat_sentences(), a.flags) if f))
    counts: dict[str, int] = {"repairs_tried": len(doubtful) if config.repair else 0}
    candidates: dict[str, list[tuple[str, str, float]]] = {de: [] for de in doubtful}
    if config.repair and doubtful:
        wider = min(2 * config.num_beams, MAX_REPAIR_BEAMS)
        for de, (en, score) in zip(doubtful,
                                   translate_fitted(doubtful, translator, config.max_input_tokens, wider)):
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
    for article in german:
        english = flat(article.translations)
        for i, (de, flags) in enumerate(zip(article.flat_sentences(), article.flags)):
            if flags:
                best = (len(flags), -article.confidence[i])
                for how, en, score in candidates[de]:
                    new_flags = checks.check(de, en, score, config.min_confidence)
                    if (len(new_flags), -score) < best:
                        best = (len(new_flags), -score)
                        english[i], article.confidence[i], article.flags[i] = en, round(score, 4), new_flags
                        article.repaired[i] = how
            for flag in article.flags[i]:
                counts[flag.kind] = counts.get(flag.kind, 0) + 1
        article.translations = unflatten(english, article.sentences)
        flagged = [f.kind for flags in article.flags for f in flags]
        if flagged:
            kinds = ", ".join(f"{kind}: {flagged.count(kind)}" for kind in dict.fromkeys(flagged))
            article.warnings.append(f"{sum(1 for f in article.flags if f)} sentences flagged ({kinds})")
    return counts
