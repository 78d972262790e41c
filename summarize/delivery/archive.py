"""The archive of nights: each night's digest kept under its date (OUT/archive/2026-12-01/), the current
one at the top of the output folder as before, and OUT/index.html listing the nights, newest first."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import writing
from ..digest import CSS, PAGE_HEAD, DigestView, counted, format_generated
from .ledger import ARCHIVE, Night

INDEX = "index.html"
# A night's e-mail and feed entry, made with its digest: the e-mail goes out later when the server is down.
MESSAGE_HTML = "message.html"
MESSAGE_TEXT = "message.txt"


def write_night(out_dir: Path, night: Night, record: dict[str, Any], view: DigestView,
                message: tuple[str, str]) -> None:
    """The night's digest at the top of the output folder (the current one) and in its archive folder,
    with its message (HTML fragment and text) beside it there."""
    writing.write_digest_pages(out_dir, record, view, nights_href=f"{ARCHIVE}/")
    folder = night_folder(out_dir, night.folder)
    writing.write_digest_pages(folder, record, view, nights_href="../")
    writing.write_text(folder / MESSAGE_HTML, message[0])
    writing.write_text(folder / MESSAGE_TEXT, message[1])


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
