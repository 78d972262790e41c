"""Stage: clean one article's text and split it into sentences (pure; no model needed)."""

from __future__ import annotations

from . import cleaning, segmenting
from .errors import InputError
from .lexicon import language_guess
from .reading import text_for_cleaning
from .records import Article


def prepare(article: Article) -> Article:
    """Clean and segment one article (pure, no model needed)."""
    cleaned = cleaning.clean(text_for_cleaning(article), extracted=article.text is not None)
    article.cleaned = cleaned
    article.sentences = segment_unique([p.text for p in cleaned.paragraphs])
    if not any(article.sentences):
        raise InputError(f"{article.path}: no article text left after cleaning")
    article.language = language_guess(" ".join(article.flat_sentences()))
    if article.language != "de":
        article.warnings.append(
            f"not German (looks like {article.language}): not translated; "
            "the summary is in the original language")
    if article.source.title:  # the page's or record's own headline
        article.title_de = article.source.title
    elif cleaned.title:
        article.title_de = cleaned.title
    else:
        article.title_de = article.flat_sentences()[0]
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
