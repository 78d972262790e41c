"""The view model: what both digests show, worked out once, so that each renderer only formats it.

``digest_view`` turns the records into a DigestView: its stories in digest order, each a StoryView of
ArticleViews, and an article's translation as paragraphs of SentenceViews that say whether a sentence is
agency copy (shown here in full, or already shown by an article earlier in the digest) and whether the
checks flagged it. Every string is as the record has it; the renderers escape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable

from .fields import Record, published, source_field, title_en
from .shared import shared_sentences
from .stories import group_stories, story_keywords, story_title

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def format_generated(generated: str) -> str:
    """'2024-03-14T02:30:00+00:00' -> '14 March 2024, 02:30 UTC' (anything unparsable as given)."""
    try:
        moment = datetime.fromisoformat(generated)
    except (TypeError, ValueError):
        return generated
    offset = moment.utcoffset()
    zone = "" if offset is None else "UTC" if not offset else moment.strftime("UTC%z")
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M} {zone}".rstrip()


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """'1 report', '3 reports'; an irregular plural is given: counted(2, "story", "stories")."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


@dataclass(frozen=True)
class ArticleRef:
    """Another article of the digest, to link to."""

    anchor: str
    title: str


@dataclass(frozen=True)
class Flag:
    """Why the checks flagged a sentence's translation, and the German it translates."""

    reasons: str
    german: str


@dataclass(frozen=True)
class SentenceView:
    english: str
    also_in: tuple[ArticleRef, ...] = ()  # agency copy shown here in full; these articles carry it too
    as_in: ArticleRef | None = None  # agency copy that this earlier article already shows in full
    flag: Flag | None = None

    @property
    def is_agency_copy(self) -> bool:
        return bool(self.also_in) or self.as_in is not None

    @property
    def opening(self) -> str:
        """The sentence's first words: what stands for it where an earlier article shows it in full."""
        words = self.english.split()
        return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


@dataclass(frozen=True)
class ArticleView:
    anchor: str
    title: str
    title_de: str | None  # the German headline, shown under the English one for a translated article
    language: str
    summary: str
    source_path: Any
    outlet: str | None
    published: str | None
    link: str | None
    marks: list[str]  # what a reader should know before trusting the article ("2 warnings")
    paragraphs: list[list[SentenceView]]
    original: Any
    warnings: list[str]

    @property
    def ref(self) -> ArticleRef:
        return ArticleRef(self.anchor, self.title)

    @property
    def translated(self) -> bool:
        return self.language == "de"

    @property
    def agency_sentences(self) -> int:
        return sum(s.is_agency_copy for paragraph in self.paragraphs for s in paragraph)

    @property
    def original_lines(self) -> int:
        text = self.original
        return text.count("\n") + (1 if text and not text.endswith("\n") else 0)


@dataclass(frozen=True)
class StoryView:
    number: int
    title: str
    keywords: list[str]
    articles: list[ArticleView]

    @property
    def single(self) -> bool:
        return len(self.articles) == 1

    @property
    def anchor(self) -> str:
        return f"story-{self.number}"

    @property
    def reports(self) -> str:
        return counted(len(self.articles), "report")


@dataclass(frozen=True)
class DigestView:
    generated: str
    when: str  # `generated` for people: "14 March 2024, 02:30 UTC"
    article_count: int
    stories: list[StoryView]

    @property
    def overview(self) -> str:
        return f"{counted(self.article_count, 'report')} in {counted(len(self.stories), 'story', 'stories')}"


def digest_view(records: list[Record], generated: str, stories: list[list[Record]] | None = None
                ) -> DigestView:
    """The digest of `records`; `stories` is group_stories(records), computed when not given."""
    stories = group_stories(records) if stories is None else stories
    places = _Places(records, [record for story in stories for record in story])
    story_views = [StoryView(number, story_title(story), story_keywords(story),
                             [_article_view(record, places) for record in story])
                   for number, story in enumerate(stories, 1)]
    return DigestView(generated, format_generated(generated), len(records), story_views)


class _Places:
    """Where each article stands in the digest: its anchor, and so which of the articles that carry the
    same agency copy shows it in full (the first in the digest)."""

    def __init__(self, records: list[Record], order: list[Record]) -> None:
        self.anchors = _anchors(order)
        self._position = {record["id"]: n for n, record in enumerate(order)}
        self._by_id = {record["id"]: record for record in records}
        self._shared = shared_sentences(records)

    def ref(self, article_id: str) -> ArticleRef:
        record = self._by_id.get(article_id)
        return ArticleRef(self.anchors[article_id], title_en(record) if record else article_id)

    def sentence(self, record: Record, index: int, english: str) -> SentenceView:
        flag = _flag(record, index)
        others = self._shared.get((record["id"], index))
        if not others:
            return SentenceView(english, flag=flag)
        here = self._position[record["id"]]
        earlier = [o for o in others if self._position.get(o, here) < here]
        if earlier:
            first = min(earlier, key=self._position.__getitem__)
            return SentenceView(english, as_in=self.ref(first), flag=flag)
        return SentenceView(english, also_in=tuple(self.ref(o) for o in others), flag=flag)


def _article_view(record: Record, places: _Places) -> ArticleView:
    language = record.get("language", "de")
    title_de = (record.get("title") or {}).get("de") or ""
    return ArticleView(
        anchor=places.anchors[record["id"]],
        title=title_en(record),
        title_de=title_de if title_de and language == "de" else None,
        language=language,
        summary=record.get("summary_en") or "(no summary)",
        source_path=record.get("source_path", ""),
        outlet=source_field(record, "outlet"),
        published=published(record),
        link=_link(record),
        marks=_marks(record),
        paragraphs=[[places.sentence(record, index, english) for index, english in paragraph]
                    for paragraph in _paragraphs(record)],
        original=record.get("original", ""),
        warnings=record.get("warnings") or [],
    )


def _link(record: Record) -> str | None:
    """The original article's address, only when it is a plain web link (never javascript: or data:)."""
    url = source_field(record, "url")
    return url if url and re.match(r"https?://[^\s<>\"']+$", url) else None


def _anchors(records: Iterable[Record]) -> dict[str, str]:
    """A unique, URL-safe anchor per article id."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for record in records:
        base = "a-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", record["id"]).strip("-") or "article")
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        anchors[record["id"]] = anchor
    return anchors


def _paragraphs(record: Record) -> list[list[tuple[int, str]]]:
    """The English translation as paragraphs of (sentence index, English sentence); index -1 where the
    record has only the translated text, without its sentences."""
    sentences = record.get("sentences") or []
    if not sentences:
        return [[(-1, text)] for text in record.get("translation_en", []) if text]
    paragraphs: dict[int, list[tuple[int, str]]] = {}
    for index, sentence in enumerate(sentences):
        paragraphs.setdefault(sentence.get("paragraph", 0), []).append((index, sentence.get("en", "")))
    return [paragraphs[key] for key in sorted(paragraphs)]


def _flag(record: Record, index: int) -> Flag | None:
    sentences = record.get("sentences") or []
    if index < 0 or index >= len(sentences) or not sentences[index].get("flags"):
        return None
    reasons = "; ".join(f"{f['kind']}: {f['reason']}" for f in sentences[index]["flags"])
    return Flag(reasons, sentences[index].get("de", ""))


def _marks(record: Record) -> list[str]:
    marks = []
    language = record.get("language", "de")
    if language != "de":
        marks.append(f"not German ({language}), not translated")
    if (record.get("title") or {}).get("derived"):
        marks.append("headline from first sentence")
    count = len(record.get("warnings") or [])
    if count:
        marks.append(counted(count, "warning"))
    return marks
