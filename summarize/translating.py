"""Stage: translate a run's titles and sentences, each distinct text once, none cut short."""

from __future__ import annotations

from dataclasses import replace

from . import segmenting
from .records import Article
from .translation import Translator


def translate_all(articles: list[Article], translator: Translator, max_tokens: int) -> tuple[int, int]:
    """Translate every title and sentence of the articles in one call, each distinct text once; returns
    how many texts there were and how many distinct. An article that is not German keeps its own text."""
    german = [a for a in articles if a.language == "de"]
    texts = [a.title_de for a in german] + [s.de for a in german for s in a.sentences]
    unique = list(dict.fromkeys(texts))
    english = dict(zip(unique, translate_fitted(unique, translator, max_tokens)))
    for article in articles:
        if article.language != "de":
            article.title_en = article.title_de
            article.sentences = [replace(s, en=s.de) for s in article.sentences]
            continue
        article.title_en = english[article.title_de][0]
        article.sentences = [replace(s, en=english[s.de][0], confidence=round(english[s.de][1], 4))
                             for s in article.sentences]
    return len(texts), len(unique)


def translate_fitted(texts: list[str], translator: Translator, max_tokens: int, num_beams: int | None = None
                     ) -> list[tuple[str, float]]:
    """Translate texts the model may not take whole: over-long ones go in clause-sized pieces, joined
    after (their score is the pieces' mean)."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    for text in texts:
        parts = fit_to_model(text, translator, max_tokens)
        spans.append((len(pieces), len(pieces) + len(parts)))
        pieces.extend(parts)
    translated = translator.translate_scored(pieces, num_beams)
    results = []
    for start, end in spans:
        part = translated[start:end]
        results.append((" ".join(t for t, _ in part), sum(s for _, s in part) / max(1, len(part))))
    return results


def fit_to_model(sentence: str, translator: Translator, max_tokens: int) -> list[str]:
    """Split a sentence the model cannot take whole at clause boundaries; never truncate."""
    tokens = translator.count_tokens(sentence)
    if tokens <= max_tokens:
        return [sentence]
    max_chars = max(1, len(sentence) * max_tokens // tokens)
    parts = segmenting.split_long(sentence, max_chars)
    if len(parts) == 1:  # no whitespace to split at: cut by characters as a last resort
        parts = [sentence[i:i + max_chars] for i in range(0, len(sentence), max_chars)]
    return [piece for part in parts for piece in fit_to_model(part, translator, max_tokens)]

