"""What a night's digest shows: the articles not delivered before (new ones, and those whose input changed
since), grouped into stories together with the articles of recent nights, so that a story that goes on
says since when; stories with new articles first, and inside a story the new articles first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

from ..digest import Earlier, Entry, History, NightRef, format_day, group_stories
from .ledger import Ledger, changed_since_delivered, recent_articles

# A story continues when a new report joins an article of the last week's nights: older ones are rarely
# what a reader remembers, and each night they are grouped again with the new ones.
CONTINUING_NIGHTS = 7


@dataclass(frozen=True)
class NightPlan:
    """A night's digest before it is written: the articles shown, their stories in digest order, what
    earlier nights sent of them, and each shown article's sha256 (what the ledger keeps)."""

    entries: list[Entry]
    stories: list[list[Entry]]
    history: History
    carried: dict[str, str]


def continuable(ledger: Ledger) -> set[str]:
    """The ids of delivered articles that a new report can continue (those of the last nights)."""
    return set(recent_articles(ledger, CONTINUING_NIGHTS))


def plan_night(entries: list[Entry], identities: Mapping[str, str], ledger: Ledger, earlier: list[Entry],
               today: date) -> NightPlan:
    """The night of `entries` (the run's, with their sha256 in `identities`); `earlier` are entries of
    articles delivered on recent nights (continuable), those of the run among them."""
    due, updated = changed_since_delivered(ledger, identities)
    due_ids = set(due)
    shown = [entry for entry in entries if entry.id in due_ids]
    recent = continuable(ledger)
    before = [entry for entry in earlier if entry.id in recent and entry.id not in due_ids]
    stories, continuing = [], {}
    for story in group_stories(shown + before):
        now = sorted((e for e in story if e.id in due_ids), key=lambda e: e.id in updated)  # new first
        if now:
            stories.append(now)
            sent = [e for e in story if e.id not in due_ids]
            if sent:
                continuing[now[0].id] = _earlier(ledger, [e.id for e in sent], today)
    # Stories with something new before those that only bring updates; larger first, as group_stories.
    stories.sort(key=lambda story: (all(e.id in updated for e in story), -len(story)))
    labels = {n.folder: _label(n.folder, n.day, today) for n in ledger.nights}
    history = History(continuing, {article_id: labels[night] for article_id, night in updated.items()})
    return NightPlan(shown, stories, history, {e.id: identities[e.id] for e in shown})


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

