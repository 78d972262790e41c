"""OUT/feed.xml: an Atom feed (RFC 4287) with one entry per night, the last FEED_NIGHTS nights, each with
the night's digest as its HTML content. Built with ElementTree, which escapes every text and attribute."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Mapping

from .. import writing
from ..digest import counted
from ..version import __version__
from .ledger import ARCHIVE, Night

FEED = "feed.xml"
FEED_NIGHTS = 30
ATOM = "http://www.w3.org/2005/Atom"
FEED_TITLE = "News digest — German press in English"
# Characters XML 1.0 does not allow (most control characters, lone surrogates): an input may hold them, and
# a feed reader rejects the whole feed for one.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def write_feed(out_dir: Path, feed_id: str, nights: tuple[Night, ...], contents: Mapping[str, str],
               base_url: str = "") -> None:
    writing.write_text(out_dir / FEED, atom_of(feed_id, nights, contents, base_url))


def atom_of(feed_id: str, nights: tuple[Night, ...], contents: Mapping[str, str], base_url: str = "") -> str:
    """The feed of the last FEED_NIGHTS `nights` (one at least), newest first; `contents` holds a night's
    HTML by its folder (a night without is summarized only). Ids are stable: the feed's is made once for
    the output folder, an entry's is derived from it and the night's folder. Links are relative to the
    feed's own place unless `base_url` (where the output folder is served) is given; then they are
    absolute, and the feed names its own address (rel="self", as RFC 4287 recommends)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(_atom("feed"))
    shown = nights[-FEED_NIGHTS:]
    _add(feed, "id", feed_id)
    _add(feed, "title", FEED_TITLE)
    _add(feed, "updated", shown[-1].finished)
    author = ET.SubElement(feed, _atom("author"))
    _add(author, "name", "summarize")
    _add(feed, "generator", "summarize", version=__version__)
    ET.SubElement(feed, _atom("link"), rel="alternate", type="text/html", href=f"{base_url}index.html")
    if base_url:
        ET.SubElement(feed, _atom("link"), rel="self", type="application/atom+xml", href=f"{base_url}{FEED}")
    root = uuid.UUID(feed_id.removeprefix("urn:uuid:"))
    for night in reversed(shown):
        entry = ET.SubElement(feed, _atom("entry"))
        _add(entry, "id", f"urn:uuid:{uuid.uuid5(root, night.folder)}")
        _add(entry, "title", night.title)
        _add(entry, "updated", night.finished)
        _add(entry, "published", night.finished)
        ET.SubElement(entry, _atom("link"), rel="alternate", type="text/html",
                      href=f"{base_url}{ARCHIVE}/{night.folder}/digest.html")
        _add(entry, "summary", _summary(night), type="text")
        if night.folder in contents:
            _add(entry, "content", contents[night.folder], type="html")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _atom(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _add(parent: ET.Element, name: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _atom(name), attributes)
    element.text = NOT_XML.sub("\ufffd", text)
    return element


def _summary(night: Night) -> str:
    """'12 stories, 31 reports: Title of the first story; ...'."""
    counts = f"{counted(night.stories, 'story', 'stories')}, {counted(night.reports, 'report')}"
    return f"{counts}: {'; '.join(night.story_titles)}" if night.story_titles else counts
