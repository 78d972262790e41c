"""The archive of nights: each night's digest kept under its date (OUT/archive/2026-12-01/), the current
one at the top of the output folder as before, and OUT/index.html listing the nights, newest first."""

from __future__ import annotations

import html
import json
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import writing
from ..digest import CSS, PAGE_HEAD, DigestView, Signature, counted, format_generated
from .ledger import ARCHIVE, Night
from .night import RememberedStory

log = logging.getLogger(__name__)

INDEX = "index.html"
# A night's e-mail and feed entry, made with its digest: the e-mail goes out later when the server is down.
MESSAGE_HTML = "message.html"
MESSAGE_TEXT = "message.txt"
# The night's stories as later nights recognise them (delivery.night.RememberedStory).
STORIES = "stories.json"


def write_night(out_dir: Path, night: Night, record: dict[str, Any], view: DigestView,
                message: tuple[str, str]) -> None:
    """The night's digest at the top of the output folder (the current one) and in its archive folder,
    with its message (HTML fragment and text) beside it there."""
    writing.write_digest_pages(out_dir, record, view, nights_href=f"{ARCHIVE}/")
    folder = night_folder(out_dir, night.folder)
    writing.write_digest_pages(folder, record, view, nights_href="../")
    writing.write_text(folder / MESSAGE_HTML, message[0])
    writing.write_text(folder / MESSAGE_TEXT, message[1])


def write_stories(out_dir: Path, folder: str, stories: list[RememberedStory]) -> None:
    writing.write_json(night_folder(out_dir, folder) / STORIES, {
        "schema_version": 1,
        "stories": [{"article_ids": list(story.article_ids), "signature": dict(story.signature.items())}
                    for story in stories]})


def read_stories(out_dir: Path, folders: list[str]) -> list[RememberedStory]:
    """The stories the given nights delivered; a night whose file is gone or damaged is left out (its
    stories then continue nothing), with a warning."""
    stories = []
    for folder in folders:
        path = night_folder(out_dir, folder) / STORIES
        try:
            for story in json.loads(path.read_text(encoding="utf-8"))["stories"]:
                stories.append(RememberedStory(tuple(map(str, story["article_ids"])), Signature(
                    {str(stem): float(weight) for stem, weight in story["signature"].items()})))
        except (OSError, TypeError, KeyError, ValueError, AttributeError) as exc:
            log.warning("%s: cannot be read (%s); its stories are not followed", path, exc)
    return stories


def night_folder(out_dir: Path, folder: str) -> Path:
    return out_dir / ARCHIVE / folder


def read_message(out_dir: Path, folder: str) -> tuple[str, str]:
    """A night's message as written with its digest: (HTML fragment, text)."""
    where = night_folder(out_dir, folder)
    return tuple(  # type: ignore[return-value]
        (where / name).read_text(encoding="utf-8") for name in (MESSAGE_HTML, MESSAGE_TEXT))


def write_index(out_dir: Path, nights: tuple[Night, ...]) -> None:
    writing.write_text(out_dir / INDEX, index_html(nights))


def index_html(nights: tuple[Night, ...]) -> str:
    """OUT/index.html: every night, newest first, with its story and report counts, its story titles and
    links to its digest (HTML, Markdown, JSON). Self-contained like digest.html: inline CSS, no scripts."""
    out = [*PAGE_HEAD, "<title>News digest — archive</title>", f"<style>\n{CSS}</style>", "</head>",
           "<body>", "<main>", '<header class="digest">',
           '<p class="eyebrow">News digest · German press in English</p>', "<h1>Archive</h1>",
           f'<p class="lede">{counted(len(nights), "night")}, newest first · <a href="digest.html">the '
           'latest digest</a> · <a href="feed.xml">Atom feed</a></p>', "</header>"]
    for night in reversed(nights):
        out += _night(night)
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _night(night: Night) -> list[str]:
    href = f"{ARCHIVE}/{html.escape(night.folder, quote=True)}"
    when = format_generated(night.finished)
    out = [f'<article class="night" id="night-{html.escape(night.folder, quote=True)}">',
           f'<h2><a href="{href}/digest.html">{html.escape(when)}</a></h2>',
           f'<p class="meta"><span>{counted(night.stories, "story", "stories")}, '
           f'{counted(night.reports, "report")}</span><span><a href="{href}/digest.md">Markdown</a></span>'
           f'<span><a href="{href}/digest.json">JSON</a></span>'
           f'<span><time datetime="{html.escape(night.finished, quote=True)}">'
           f'{datetime.fromisoformat(night.finished):%A}</time></span></p>']
    if night.story_titles:
        out.append('<ul class="night-stories">'
                   + "".join(f"<li>{html.escape(title)}</li>" for title in night.story_titles) + "</ul>")
    return out + ["</article>"]
