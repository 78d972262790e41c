"""The view model: what both digests show, worked out once, so that each renderer only formats it.

``digest_view`` turns the entries into a DigestView: its stories in digest order, each a StoryView of
ArticleViews, and an article's translation as paragraphs of SentenceViews that say whether a sentence is
agency copy (shown here in full, or already shown by an article earlier in the digest) and whether the
checks flagged it. Every string is as the entry has it; the renderers escape.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable, Mapping

from .entries import Entry, EntrySentence, shown
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
    return f"{format_day(moment)}, {moment:%H:%M} {zone}".rstrip()


def format_day(day: date, with_year: bool = True) -> str:
    """'1 December 2026'; without the year '1 December'."""
    return f"{day.day} {_MONTHS[day.month - 1]}" + (f" {day.year}" if with_year else "")


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
    source_path: str
    outlet: str | None
    published: str | None
    link: str | None
    marks: list[str]  # what a reader should know before trusting the article ("2 warnings")
    paragraphs: list[list[SentenceView]]
    original: str
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
class NightRef:
    """An earlier night of the archive: its folder there ("2026-11-28", a second run that day
    "2026-11-28-2") and its date for people ("28 November")."""

    folder: str
    label: str


@dataclass(frozen=True)
class Earlier:
    """What readers were sent of a story before this night: how many reports, on which nights (oldest
    first)."""

    reports: int
    nights: tuple[NightRef, ...]

    @property
    def note(self) -> str:
        """'Continuing since 28 November, 3 earlier reports'."""
        return f"Continuing since {self.nights[0].label}, {counted(self.reports, 'earlier report')}"


@dataclass(frozen=True)
class History:
    """What earlier nights delivered, as a night's digest shows it: per story (keyed by the id of its first
    article shown) the earlier reports, and per article sent before in another version the night it was
    first sent ("28 November"). Empty for a first night."""

    earlier: Mapping[str, Earlier] = field(default_factory=dict)
    updated: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StoryView:
    number: int
    title: str
    keywords: list[str]
    articles: list[ArticleView]
    earlier: Earlier | None = None  # the story continues from earlier nights

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
    warnings: tuple[str, ...] = ()  # about the run as a whole (a model that looks wrong)

    @property
    def overview(self) -> str:
        return f"{counted(self.article_count, 'report')} in {counted(len(self.stories), 'story', 'stories')}"


def digest_view(entries: list[Entry], generated: str, stories: list[list[Entry]] | None = None,
                warnings: list[str] | None = None, history: History | None = None) -> DigestView:
    """The digest of `entries`; `stories` is group_stories(entries), computed when not given; `history`
    marks the stories that continue from earlier nights and the articles updated since they were sent."""
    stories = group_stories(entries) if stories is None else stories
    history = history or History()
    places = _Places(entries, [entry for story in stories for entry in story])
    story_views = [StoryView(number, story_title(story), story_keywords(story),
                             [_article_view(entry, places, history.updated.get(entry.id)) for entry in story],
                             history.earlier.get(story[0].id))
                   for number, story in enumerate(stories, 1)]
    return DigestView(generated, format_generated(generated), len(entries), story_views,
                      tuple(warnings or ()))


class _Places:
    """Where each article stands in the digest: its anchor, and so which of the articles that carry the
    same agency copy shows it in full (the first in the digest)."""

    def __init__(self, entries: list[Entry], order: list[Entry]) -> None:
        self.anchors = _anchors(order)
        self._position = {entry.id: n for n, entry in enumerate(order)}
        self._by_id = {entry.id: entry for entry in entries}
        self._shared = shared_sentences(entries)

    def ref(self, article_id: str) -> ArticleRef:
        return ArticleRef(self.anchors[article_id], self._by_id[article_id].heading)

    def sentence(self, entry: Entry, index: int, sentence: EntrySentence) -> SentenceView:
        flag = _flag(sentence)
        others = self._shared.get((entry.id, index))
        if not others:
            return SentenceView(sentence.en, flag=flag)
        here = self._position[entry.id]
        earlier = [o for o in others if self._position.get(o, here) < here]
        if earlier:
            first = min(earlier, key=self._position.__getitem__)
            return SentenceView(sentence.en, as_in=self.ref(first), flag=flag)
        return SentenceView(sentence.en, also_in=tuple(self.ref(o) for o in others), flag=flag)


def _article_view(entry: Entry, places: _Places, first_sent: str | None) -> ArticleView:
    numbers = itertools.count()  # each sentence's index in the whole article: what shared copy is keyed by
    return ArticleView(
        anchor=places.anchors[entry.id],
        title=entry.heading,
        title_de=entry.title_de if entry.title_de and entry.language == "de" else None,
        language=entry.language,
        summary=entry.summary_en or "(no summary)",
        source_path=entry.source_path,
        outlet=shown(entry.outlet),
        published=shown(entry.published),
        link=_link(entry),
        marks=_marks(entry) + ([f"updated since it was sent on {first_sent}"] if first_sent else []),
        paragraphs=[[places.sentence(entry, next(numbers), sentence) for sentence in paragraph]
                    for paragraph in entry.paragraphs],
        original=entry.original,
        warnings=list(entry.warnings),
    )


def _link(entry: Entry) -> str | None:
    """The original article's address, only when it is a plain web link (never javascript: or data:)."""
    url = shown(entry.url)
    return url if url and re.match(r"https?://[^\s<>\"']+$", url) else None


def _anchors(entries: Iterable[Entry]) -> dict[str, str]:
    """A unique, URL-safe anchor per article id."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for entry in entries:
        base = "a-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", entry.id).strip("-") or "article")
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        anchors[entry.id] = anchor
    return anchors


def _flag(sentence: EntrySentence) -> Flag | None:
    if not sentence.flags:
        return None
    return Flag("; ".join(f"{f.kind}: {f.reason}" for f in sentence.flags), sentence.de)


def _marks(entry: Entry) -> list[str]:
    marks = []
    if entry.language != "de":
        marks.append(f"not German ({entry.language}), not translated")
    if entry.title_derived:
        marks.append("headline from first sentence")
    if entry.warnings:
        marks.append(counted(len(entry.warnings), "warning"))
    return marks
