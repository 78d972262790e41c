"""What the digest shows of an article: an Entry, made from the run's Article, or for an article skipped
as unchanged read from its file (writing.read_entry). Stories sort by the publication date; both digests
show the outlet, the date and the link."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Article, Flag


@dataclass(frozen=True)
class EntrySentence:
    """A sentence as the digest shows it: the German, its translation, and the checks' doubts about it."""

    de: str
    en: str
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One article of the digest."""

    id: str
    title_de: str = ""
    title_en: str = ""
    title_derived: bool = False  # the page had no headline: the first sentence stands in
    language: str = "de"
    summary_en: str = ""
    source_path: str = ""
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    # The sentences of each paragraph, numbered as in the article JSON (paragraphs without any left out).
    paragraphs: tuple[tuple[EntrySentence, ...], ...] = ()
    warnings: tuple[str, ...] = ()
    original: str = ""

    @classmethod
    def of(cls, article: Article) -> Entry:
        return cls(
            id=article.id, title_de=article.title_de, title_en=article.title_en,
            title_derived=article.title_derived, language=article.language, summary_en=article.summary_en,
            source_path=str(article.path), outlet=article.source.outlet, published=article.source.published,
            url=article.source.url,
            paragraphs=tuple(tuple(EntrySentence(s.de, s.en, s.flags) for s in sentences)
                             for sentences in article.sentences_by_paragraph()),
            warnings=tuple(article.warnings), original=article.original,
        )

    @property
    def sentences(self) -> list[EntrySentence]:
        """Every sentence in article order (as the article JSON's `sentences`)."""
        return [sentence for paragraph in self.paragraphs for sentence in paragraph]

    @property
    def heading(self) -> str:
        """The English title; where it is empty, the German one or else the id."""
        return (self.title_en or self.title_de or self.id or "(untitled)").strip() or "(untitled)"

    @property
    def text_de(self) -> str:
        """The German headline and text: what tells one story from another."""
        paragraphs = (" ".join(s.de for s in paragraph) for paragraph in self.paragraphs)
        return " ".join([self.title_de, *paragraphs])


def shown(value: str | None) -> str | None:
    """A source field (outlet, published, url) as the digest shows it: stripped; None when blank."""
    return value.strip() or None if value else None
