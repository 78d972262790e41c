"""What has been delivered: the archive's nights, the articles each carried (id and sha256 of its input),
and the nights whose e-mail the server has not accepted yet. One JSON file, OUT/archive/ledger.json.

A Ledger is a value: the functions here return a new one, and only load and save touch the file."""

from __future__ import annotations

import dataclasses
import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping

from .. import writing
from ..digest import counted, format_day

log = logging.getLogger(__name__)

ARCHIVE = writing.ARCHIVE
LEDGER = "ledger.json"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Night:
    """One night in the archive: its folder ("2026-12-01"; a second run that day "2026-12-01-2"), when the
    run finished (ISO, with the local offset), and what its digest holds."""

    folder: str
    finished: str
    stories: int
    reports: int
    story_titles: tuple[str, ...] = ()

    @property
    def day(self) -> date:
        return datetime.fromisoformat(self.finished).date()

    @property
    def title(self) -> str:
        """'News digest, 1 December 2026: 12 stories, 31 reports': the e-mail's subject, the feed's title."""
        return (f"News digest, {format_day(self.day)}: {counted(self.stories, 'story', 'stories')}, "
                f"{counted(self.reports, 'report')}")


@dataclass(frozen=True)
class Delivered:
    """An article as it was delivered: the sha256 of its input then, and the nights that carried it (a
    changed article goes out again)."""

    sha256: str
    nights: tuple[str, ...]


@dataclass(frozen=True)
class Ledger:
    feed_id: str  # urn:uuid, made once for the output folder: the feed's id and the root of its entries' ids
    nights: tuple[Night, ...] = ()
    articles: Mapping[str, Delivered] = field(default_factory=dict)
    pending: tuple[str, ...] = ()  # nights (folders) whose e-mail the server has not accepted yet
    emailed: Mapping[str, str] = field(default_factory=dict)  # night -> when the server accepted its e-mail
    last_failure: Mapping[str, str] = field(default_factory=dict)  # {at, server, reason} of the last try


def new_ledger() -> Ledger:
    return Ledger(feed_id=f"urn:uuid:{uuid.uuid4()}")


def folder_for(ledger: Ledger, day: date) -> str:
    """The archive folder of a night finished on `day`: its date, and for a later run that day -2, -3, ..."""
    taken = {night.folder for night in ledger.nights}
    folder, n = day.isoformat(), 2
    while folder in taken:
        folder, n = f"{day.isoformat()}-{n}", n + 1
    return folder


def changed_since_delivered(ledger: Ledger, identities: Mapping[str, str]
                            ) -> tuple[list[str], dict[str, str]]:
    """The ids of `identities` (id -> sha256) to deliver, in their order, and of those the ones delivered
    before with other content, each with the night that first carried it. The rest went out as they are."""
    due, updated = [], {}
    for article_id, sha256 in identities.items():
        delivered = ledger.articles.get(article_id)
        if delivered is None or delivered.sha256 != sha256:
            due.append(article_id)
        if delivered is not None and delivered.sha256 != sha256:
            updated[article_id] = delivered.nights[0]
    return due, updated


def with_night(ledger: Ledger, night: Night, carried: Mapping[str, str], email: bool) -> Ledger:
    """The ledger after `night` was archived with the articles `carried` (id -> sha256); with `email`, its
    e-mail is pending until the server accepts it."""
    articles = dict(ledger.articles)
    for article_id, sha256 in carried.items():
        before = articles.get(article_id)
        articles[article_id] = Delivered(sha256, (*(before.nights if before else ()), night.folder))
    pending = (*ledger.pending, night.folder) if email else ledger.pending
    return dataclasses.replace(ledger, nights=(*ledger.nights, night), articles=articles, pending=pending)


def with_emailed(ledger: Ledger, folder: str, accepted: str) -> Ledger:
    return dataclasses.replace(ledger, pending=tuple(f for f in ledger.pending if f != folder),
                               emailed={**ledger.emailed, folder: accepted}, last_failure={})


def with_failure(ledger: Ledger, at: str, server: str, reason: str) -> Ledger:
    return dataclasses.replace(ledger, last_failure={"at": at, "server": server, "reason": reason})


def night_of(ledger: Ledger, folder: str) -> Night:
    return next(night for night in ledger.nights if night.folder == folder)


def load(out_dir: Path) -> Ledger:
    """The output folder's ledger; a new one when there is none. A damaged one is set aside (kept beside it
    for inspection, as the sentence cache is) with a warning, and the archive starts again: its articles
    go out once more, which is better than no digest."""
    path = out_dir / ARCHIVE / LEDGER
    try:
        return _from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return new_ledger()
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        aside = path.with_name(f"{LEDGER}.broken-{datetime.now():%Y%m%d-%H%M%S}")
        path.replace(aside)
        log.warning("%s: cannot be read (%s); set aside as %s, and delivery starts afresh", path, exc,
                    aside.name)
        return new_ledger()


def save(out_dir: Path, ledger: Ledger) -> None:
    writing.write_json(out_dir / ARCHIVE / LEDGER, _to_json(ledger))


def _to_json(ledger: Ledger) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "feed_id": ledger.feed_id,
        "nights": [{**dataclasses.asdict(night), "story_titles": list(night.story_titles)}
                   for night in ledger.nights],
        "articles": {article_id: {"sha256": d.sha256, "nights": list(d.nights)}
                     for article_id, d in ledger.articles.items()},
        "email": {"pending": list(ledger.pending), "sent": dict(ledger.emailed),
                  "last_failure": dict(ledger.last_failure)},
    }


def _from_json(data: dict[str, Any]) -> Ledger:
    """A ledger from its file; a KeyError or TypeError where a field is missing or not what we write."""
    if data["schema_version"] != SCHEMA_VERSION:
        raise ValueError(f"schema_version {data['schema_version']!r}, not {SCHEMA_VERSION}")
    email = data["email"]
    return Ledger(
        feed_id=str(data["feed_id"]),
        nights=tuple(Night(str(n["folder"]), str(n["finished"]), int(n["stories"]), int(n["reports"]),
                           tuple(map(str, n["story_titles"]))) for n in data["nights"]),
        articles={str(article_id): Delivered(str(d["sha256"]), tuple(map(str, d["nights"])))
                  for article_id, d in data["articles"].items()},
        pending=tuple(map(str, email["pending"])),
        emailed={str(k): str(v) for k, v in email["sent"].items()},
        last_failure={str(k): str(v) for k, v in email["last_failure"].items()},
    )
