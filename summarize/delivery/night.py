"""What a night's digest shows: the articles not delivered before (new ones, and those whose input changed
since), grouped into stories; a story that goes on from one of the last week's nights says since when
(each night's stories are remembered by their signatures, so the earlier articles are not read again);
stories with new articles first, and inside a story the new articles first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

from ..digest import (Earlier, Entry, History, NightRef, Signature, centroid, continued, format_day,
                      group_stories, signature)
from .ledger import Ledger

# A story continues when a new report joins a story of the last week's nights: older ones are rarely what
# a reader remembers.
CONTINUING_NIGHTS = 7


@dataclass(frozen=True)
class RememberedStory:
    """A story as a night delivered it: its articles, and the signature that recognises it later."""

    article_ids: tuple[str, ...]
    signature: Signature


@dataclass(frozen=True)
class NightPlan:
    """A night's digest before it is written: the articles shown, their stories in digest order, what
    earlier nights sent of them, each shown article's sha256 (what the ledger keeps), and the stories as
    the archive remembers them."""

    entries: list[Entry]
    stories: list[list[Entry]]
    history: History
    carried: dict[str, str]
    remembered: list[RememberedStory]


def plan_night(shown: list[Entry], identities: Mapping[str, str], updated: Mapping[str, str], ledger: Ledger,
               earlier: list[RememberedStory], today: date) -> NightPlan:
    """The night of `shown` (the run's articles not delivered before or changed since, with their sha256 in
    `identities`; `updated`: those changed, each with the night that first carried it), grouped into
    stories; a story that continues one of `earlier` (the stories of the last CONTINUING_NIGHTS nights)
    says since when."""
    shown_ids = {entry.id for entry in shown}
    stories = [sorted(story, key=lambda e: e.id in updated) for story in group_stories(shown)]  # new first
    continuing = {}
    centroids = [centroid(story) for story in stories]  # once: for what each continues, and its signature
    for story, found in zip(stories, continued(centroids, [story.signature for story in earlier])):
        sent = sorted({article_id for j in found for article_id in earlier[j].article_ids
                       if article_id in ledger.articles} - shown_ids)
        if sent:
            continuing[story[0].id] = _earlier(ledger, sent, today)
    # Stories with something new before those that only bring updates; larger first, as group_stories.
    stories.sort(key=lambda story: (all(e.id in updated for e in story), -len(story)))
    labels = {n.folder: _label(n.folder, n.day, today) for n in ledger.nights}
    history = History(continuing, {article_id: labels[night] for article_id, night in updated.items()
                                   if article_id in shown_ids})
    remembered = [RememberedStory(tuple(e.id for e in story), Signature(signature(mean)))
                  for story, mean in zip(stories, centroids)]
    return NightPlan(shown, stories, history, {e.id: identities[e.id] for e in shown}, remembered)


def _earlier(ledger: Ledger, article_ids: list[str], today: date) -> Earlier:
    carried = {night for article_id in article_ids for night in ledger.articles[article_id].nights}
    nights = [night for night in ledger.nights if night.folder in carried]  # in the archive's order
    refs = tuple(NightRef(night.folder, _label(night.folder, night.day, today)) for night in nights)
    return Earlier(len(article_ids), refs)


def _label(folder: str, day: date, today: date) -> str:
    """'28 November', with the year when it is not this night's, and the run of that day after the first:
    '28 November (2)'."""
    run = folder.removeprefix(day.isoformat()).lstrip("-")
    return format_day(day, with_year=day.year != today.year) + (f" ({run})" if run else "")

