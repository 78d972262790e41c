"""The human digest of a run: articles grouped into stories, as Markdown and as one self-contained HTML page.

Pure functions over digest entries (what the digest shows of an article, made from the run's Article or
read from its ``out/<id>.json``); ``writing.write_digest`` does the I/O. Each module imports only those
above it:

    entries         Entry: what the digest shows of an article (titles, summary, source, sentences, original)
    stories         articles grouped into stories (the measure and threshold); keywords, a story's title;
                    a story's signature, and the earlier stories a story continues
    shared          agency copy: nearly verbatim sentences that several articles carry
    view            the view model both renderers format: stories, articles, paragraphs, notes, counts
    markdown_page   the Markdown digest
    html_page       the HTML digest, with its stylesheet digest.css inlined
    mail_page       the digest as an e-mail's HTML part and a feed entry's content (inline styles only)
"""

from __future__ import annotations

from .entries import Entry, EntrySentence
from .html_page import CSS, PAGE_HEAD, html_of, html_parts, render_html
from .mail_page import mail_document, mail_html_of
from .markdown_page import markdown_of, markdown_parts, md_escape, render_markdown
from .shared import SHARED_JACCARD, SHARED_MIN_WORDS, shared_sentences
from .stories import (KEYWORDS, STORY_THRESHOLD, Signature, centroid, continued, group_stories, signature,
                      similarity, story_keywords, story_title)
from .view import DigestView, Earlier, History, NightRef, counted, digest_view, format_day, format_generated
from .view import _anchors  # noqa: F401  (_anchors: the browser test finds articles by it)

__all__ = [
    "CSS",
    "DigestView",
    "Earlier",
    "Entry",
    "EntrySentence",
    "History",
    "KEYWORDS",
    "NightRef",
    "PAGE_HEAD",
    "SHARED_JACCARD",
    "SHARED_MIN_WORDS",
    "STORY_THRESHOLD",
    "Signature",
    "centroid",
    "continued",
    "counted",
    "digest_view",
    "format_day",
    "format_generated",
    "group_stories",
    "html_of",
    "html_parts",
    "mail_document",
    "mail_html_of",
    "markdown_of",
    "markdown_parts",
    "md_escape",
    "render_html",
    "render_markdown",
    "shared_sentences",
    "signature",
    "similarity",
    "story_keywords",
    "story_title",
]
