"""Delivering the digest where people read it: an archive of nights that knows what is new, an Atom feed,
and e-mail. Each module has one job, and only this one reads and writes the output folder's state:

    ledger      what was delivered: nights, the articles each carried (id, sha256), e-mail still pending
    night       what a night's digest shows: what is new or changed, stories that continue
    archive     the night's digest kept under its date, and OUT/index.html
    feed        OUT/feed.xml (Atom)
    mail        the e-mail message, and sending it over SMTP with retries

The digest files are written before anything is sent; a night is marked e-mailed only once the server
accepted it, so a failed night goes out with the next run (or `summarize deliver`), and only once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Mapping

from .. import writing
from ..digest import Entry, digest_view, mail_html_of, markdown_of
from ..errors import DeliveryFailed
from ..settings import EmailSettings
from . import ledger as ledgers
from .archive import night_folder, read_message, read_stories, write_index, write_night, write_stories
from .feed import FEED_NIGHTS, write_feed
from .ledger import ARCHIVE, Ledger, Night
from .mail import build_message, password_of, send, server_of
from .night import CONTINUING_NIGHTS, plan_night

__all__ = ["EmailOutcome", "deliver_pending", "local_now", "password_of", "publish"]

log = logging.getLogger(__name__)


def local_now() -> datetime:
    """The clock a run reads by default: now, in local time (the night's date is the local one)."""
    return datetime.now().astimezone()


def publish(out_dir: Path, identities: Mapping[str, str], done: list[Entry], warnings: list[str],
            finished: datetime, email: bool, base_url: str = "") -> dict[str, Any]:
    """The run's night: its digest (what is new or changed since the nights before) at the top of out_dir
    and in the archive, the index, the feed and the ledger; with `email`, its e-mail is pending. A run
    with nothing new adds no night (the digest files stay the last night's). `identities` are the run's
    articles (id -> sha256 of the input), in input order; `done` the entries of those translated now, the
    others are read back from their files. `base_url` is where out_dir is served (deliver.base_url; "":
    not known), for the e-mail's links to the archive and the feed's. Returns what run.json says."""
    ledger = ledgers.load(out_dir)
    due, updated = ledgers.changed_since_delivered(ledger, identities)
    shown = writing.digest_entries(out_dir, due, done)
    recent = [night.folder for night in ledger.nights[-CONTINUING_NIGHTS:]]
    plan = plan_night(shown, identities, updated, ledger, read_stories(out_dir, recent), finished.date())
    if not plan.entries and ledger.nights:
        log.info("nothing new since the night of %s: nothing delivered", ledger.nights[-1].folder)
        _write_index_and_feed(out_dir, ledger, base_url)
        return {"night": None, "new": 0, "updated": 0}
    generated = finished.astimezone(timezone.utc).isoformat(timespec="seconds")
    view = digest_view(plan.entries, generated, plan.stories, warnings, plan.history)
    record = writing.digest_record(plan.entries, plan.stories, generated, warnings, plan.history)
    if not plan.entries:  # a first run with no articles: its digest says so, and there is no night yet
        writing.write_digest_pages(out_dir, record, view)
        return {"night": None, "new": 0, "updated": 0}
    night = Night(ledgers.folder_for(ledger, finished.date()), finished.isoformat(timespec="seconds"),
                  len(plan.stories), len(plan.entries), tuple(story.title for story in view.stories))
    nights_url = f"{base_url}{ARCHIVE}/" if base_url else None
    write_night(out_dir, night, record, view, (mail_html_of(view, nights_url, night.folder),
                                               markdown_of(view, nights_url, full=False)))
    write_stories(out_dir, night.folder, plan.remembered)
    ledger = ledgers.with_night(ledger, night, plan.carried, email)
    ledgers.save(out_dir, ledger)
    _write_index_and_feed(out_dir, ledger, base_url)
    updated_shown = len(plan.history.updated)
    return {"night": night.folder, "archive": str(night_folder(out_dir, night.folder)),
            "new": len(plan.entries) - updated_shown, "updated": updated_shown}


def _write_index_and_feed(out_dir: Path, ledger: Ledger, base_url: str) -> None:
    """Both are made from the ledger each run, so a run stopped after the ledger was saved leaves neither
    behind it for long."""
    write_index(out_dir, ledger.nights)
    contents = {}
    for night in ledger.nights[-FEED_NIGHTS:]:
        try:
            contents[night.folder] = read_message(out_dir, night.folder)[0]
        except OSError:  # a night folder removed by hand: its entry keeps its summary
            pass
    write_feed(out_dir, ledger.feed_id, ledger.nights, contents, base_url)


@dataclass
class EmailOutcome:
    """What became of the pending e-mail: the nights sent (or, dry, written to .eml files), those still
    pending, and why the server did not take them."""

    sent: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    failure: str = ""

    def report(self, email: EmailSettings) -> dict[str, Any]:
        status = "failed" if self.failure else "sent" if self.sent else "nothing to send"
        return {"status": status, "server": server_of(email), "sent": self.sent, "pending": self.pending,
                **({"reason": self.failure} if self.failure else {})}


def deliver_pending(out_dir: Path, email: EmailSettings, dry_run: bool = False,
                    clock: Callable[[], datetime] = local_now) -> EmailOutcome:
    """E-mail every night still pending, oldest first, each marked sent once the server accepted it; stop at
    the first the server does not take (the rest stay pending). `dry_run` writes each message to the
    night's digest.eml instead (the latest night's when none is pending) and changes nothing."""
    ledger = ledgers.load(out_dir)
    pending = list(ledger.pending) or ([ledger.nights[-1].folder] if dry_run and ledger.nights else [])
    password = None if dry_run else password_of(email)
    outcome = EmailOutcome(pending=list(ledger.pending))
    for folder in pending:
        fragment, text = read_message(out_dir, folder)
        message = build_message(ledgers.night_of(ledger, folder), fragment, text, email, clock(),
                                ledger.feed_id)
        if dry_run:
            path = night_folder(out_dir, folder) / "digest.eml"
            writing.write_text(path, message.as_string())
            outcome.written.append(path)
            continue
        try:
            send(message, email, password)
        except DeliveryFailed as failed:
            outcome.failure = str(failed)
            ledgers.save(out_dir, ledgers.with_failure(ledger, clock().isoformat(timespec="seconds"),
                                                        server_of(email), str(failed)))
            break
        ledger = ledgers.with_emailed(ledger, folder, clock().isoformat(timespec="seconds"))
        ledgers.save(out_dir, ledger)  # at once: a failure with the next night must not send this one again
        outcome.sent.append(folder)
        outcome.pending.remove(folder)
    return outcome
