"""Stage: clean one article's text and split it into sentences (pure; no model needed)."""

from __future__ import annotations

from typing import Any

from . import cleaning, segmenting
from .errors import InputError
from .lexicon import language_guess
from .reading import text_for_cleaning
from .records import Article, Sentence


def prepare(article: Article) -> Article:
    """Clean and segment one article (pure, no model needed)."""
    cleaned = cleaning.clean(text_for_cleaning(article), extracted=article.text is not None)
    article.cleaned = cleaned
    per_paragraph = segment_unique([p.text for p in cleaned.paragraphs])
    article.sentences = [Sentence(de, index, cleaned.paragraphs[index].line)
                         for index, sentences in enumerate(per_paragraph) for de in sentences]
    if not article.sentences:
        raise InputError(f"{article.path}: no article text left after cleaning")
    article.language = language_guess(" ".join(s.de for s in article.sentences))
    if article.language != "de":
        article.warnings.append(
            f"not German (looks like {article.language}): not translated; "
            "the summary is in the original language")
    if article.source.title:  # the page's or record's own headline
        article.title_de = article.source.title
    elif cleaned.title:
        article.title_de = cleaned.title
    else:
        article.title_de = article.sentences[0].de
        article.title_derived = True
    return article


def segment_unique(paragraphs: list[str]) -> list[list[str]]:
    """Sentences per paragraph; a sentence already seen earlier in the article (a teaser repeated in
    the body) is kept only at its first place."""
    seen: set[str] = set()
    result = []
    for paragraph in paragraphs:
        sentences = []
        for sentence in segmenting.split_sentences(paragraph):
            if sentence not in seen:
                seen.add(sentence)
                sentences.append(sentence)
        result.append(sentences)
    return result


def clean_record(article: Article) -> dict[str, Any]:
    """What `summarize clean --format json` prints for a prepared article: its title, the kept lines and
    paragraphs, its sentences, and every removed line with its reason."""
    cleaned = article.cleaned
    assert cleaned is not None, "clean_record needs a prepared article"
    return {
        "file": str(article.path),
        "line": article.source.line,
        "title": article.source.title or cleaned.title,
        "derived_title": article.title_de if article.title_derived else None,
        "kept_lines": cleaned.kept_lines,
        "paragraphs": [p.text for p in cleaned.paragraphs],
        "sentences": [s.de for s in article.sentences],
        "removed": [{"line": r.line, "text": r.text, "reason": r.reason} for r in cleaned.removed],
    }
