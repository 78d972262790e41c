"""The human digest of a run: articles grouped into stories, as Markdown and as one self-contained HTML page.

Pure functions over article records (the dicts written to ``out/<id>.json``); ``writing.write_digest`` does
the I/O. Stories (grouping, keywords, titles) are in stories.py, agency copy in shared.py.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from importlib import resources
from typing import Any, Iterable

from .fields import Record, published, source_field, title_en
from .shared import SHARED_JACCARD, SHARED_MIN_WORDS, shared_sentences  # noqa: F401  (public API)
from .stories import (  # noqa: F401  (public API)
    KEYWORDS, STORY_THRESHOLD, group_stories, similarity, story_keywords, story_title)


# --------------------------------------------------------------------------------------------------
# Shared rendering helpers

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


def _outlet(record: Record) -> str | None:
    source = record.get("source")
    if isinstance(source, dict) and isinstance(source.get("outlet"), str) and source["outlet"].strip():
        return source["outlet"].strip()
    return None


def _link(record: Record) -> str | None:
    """The original article's address, only when it is a plain web link (never javascript: or data:)."""
    url = source_field(record, "url")
    return url if url and re.match(r"https?://[^\s<>\"']+$", url) else None


def _facts(record: Record) -> tuple[str | None, str | None, str | None]:
    """What both digests show about where an article comes from: outlet, publication date, link."""
    return _outlet(record), published(record), _link(record)


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
    """The English translation as paragraphs of (sentence index, English sentence)."""
    sentences = record.get("sentences") or []
    if not sentences:
        return [[(-1, text)] for text in record.get("translation_en", []) if text]
    paragraphs: dict[int, list[tuple[int, str]]] = {}
    for index, sentence in enumerate(sentences):
        paragraphs.setdefault(sentence.get("paragraph", 0), []).append((index, sentence.get("en", "")))
    return [paragraphs[key] for key in sorted(paragraphs)]


def _flag_note(record: Record, index: int) -> tuple[str, str] | None:
    """For a sentence the checks flagged: its reasons, and the German it translates."""
    sentences = record.get("sentences") or []
    if index < 0 or index >= len(sentences) or not sentences[index].get("flags"):
        return None
    reasons = "; ".join(f"{f['kind']}: {f['reason']}" for f in sentences[index]["flags"])
    return reasons, sentences[index].get("de", "")


def _marks(record: Record) -> list[str]:
    marks = []
    language = record.get("language", "de")
    if language != "de":
        marks.append(f"not German ({language}), not translated")
    if (record.get("title") or {}).get("derived"):
        marks.append("headline from first sentence")
    count = len(record.get("warnings") or [])
    if count:
        marks.append(f"{count} warning{'s' if count != 1 else ''}")
    return marks


class _Plan:
    """What both renderers need: stories, their labels, anchors, and who shows a shared sentence in full."""

    def __init__(self, records: list[Record], stories: list[list[Record]] | None) -> None:
        self.records = records
        self.stories = group_stories(records) if stories is None else stories
        self.titles = [story_title(story) for story in self.stories]
        self.keywords = [story_keywords(story) for story in self.stories]
        self.order = [record for story in self.stories for record in story]
        self.anchors = _anchors(self.order)
        self.by_id = {record["id"]: record for record in records}
        self.shared = shared_sentences(records)
        self._position = {record["id"]: n for n, record in enumerate(self.order)}

    def shared_note(self, record: Record, index: int) -> tuple[str, list[str]] | None:
        """("first", other ids) when this article shows the sentence in full and others repeat it;
        ("repeat", [id that shows it]) when an article earlier in the digest already did."""
        others = self.shared.get((record["id"], index))
        if not others:
            return None
        here = self._position[record["id"]]
        earlier = [o for o in others if self._position.get(o, here) < here]
        if earlier:
            return "repeat", [min(earlier, key=lambda o: self._position[o])]
        return "first", others

    def title(self, article_id: str) -> str:
        record = self.by_id.get(article_id)
        return title_en(record) if record else article_id


def _reports(n: int) -> str:
    return f"{n} report{'s' if n != 1 else ''}"


def _first_words(text: str, n: int = 6) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


# --------------------------------------------------------------------------------------------------
# Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]~|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-])|^(\s*\d+)([.)])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")


def md_escape(text: str) -> str:
    """Input text made safe inside a Markdown paragraph, heading or link label: one line, no emphasis,
    links, code, raw HTML or entities, no block marker at its start; otherwise unchanged."""
    text = " ".join(str(text).split())
    text = _MD_ENTITY.sub("&amp;", text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = text.replace("<", "&lt;")
    return _MD_LINE_START.sub(lambda m: "\\".join(m.group(1, 2) if m.group(2) else m.group(3, 4)), text)


def _md_code_span(text: str) -> str:
    text = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_fenced(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip(chr(10))}\n{fence}"


def render_markdown(records: list[Record], generated: str, stories: list[list[Record]] | None = None) -> str:
    """The digest as Markdown (GitHub-flavoured: collapsed sections are <details> blocks). `stories` is
    group_stories(records), computed when not given."""
    plan = _Plan(records, stories)
    when = format_generated(generated)
    out: list[str] = [f"# News digest — {md_escape(when)}", ""]
    out += [f"{_reports(len(records))} in {len(plan.stories)} "
            f"stor{'ies' if len(plan.stories) != 1 else 'y'}. Generated {md_escape(generated)}.", ""]
    if not records:
        out += ["No articles in this run.", ""]
        return "\n".join(out)

    out += ["## Contents", ""]
    for number, (story, title) in enumerate(zip(plan.stories, plan.titles), 1):
        if len(story) == 1:
            record = story[0]
            out.append(f"{number}. [{md_escape(title_en(record))}](#{plan.anchors[record['id']]})")
            continue
        out.append(f"{number}. [Story: {md_escape(title)} ({_reports(len(story))})](#story-{number})")
        for record in story:
            out.append(f"    - [{md_escape(title_en(record))}](#{plan.anchors[record['id']]})")
    out.append("")

    for number, (story, title, keywords) in enumerate(zip(plan.stories, plan.titles, plan.keywords), 1):
        out += ["---", ""]
        multi = len(story) > 1
        if multi:
            out += [f'<a id="story-{number}"></a>', "",
                    f"## Story: {md_escape(title)} ({_reports(len(story))})", ""]
            if keywords:
                out += ["Shared words: " + " · ".join(md_escape(k) for k in keywords), ""]
        for record in story:
            out += _md_article(plan, record, "###" if multi else "##")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_article(plan: _Plan, record: Record, level: str) -> list[str]:
    anchor = plan.anchors[record["id"]]
    out = [f'<a id="{anchor}"></a>', "", f"{level} {md_escape(title_en(record))}", ""]
    title_de = (record.get("title") or {}).get("de") or ""
    if title_de and record.get("language", "de") == "de":
        out += [f"*{md_escape(title_de)}*", ""]
    out += [md_escape(record.get("summary_en") or "(no summary)"), ""]
    outlet, published, link = _facts(record)
    meta = [f"Source: {_md_code_span(record.get('source_path', ''))}"]
    meta += [f"Outlet: {md_escape(outlet)}"] if outlet else []
    meta += [f"Published: {md_escape(published)}"] if published else []
    meta += [f"[original article](<{link}>)"] if link else []
    meta += [f"**{md_escape(mark)}**" for mark in _marks(record)]
    out += [" · ".join(meta), ""]
    out += ["<details>", "<summary>English translation</summary>", ""]
    paragraphs = []
    for paragraph in _paragraphs(record):
        parts = []
        for index, english in paragraph:
            note = plan.shared_note(record, index) if index >= 0 else None
            if note is None:
                parts.append(md_escape(english))
            elif note[0] == "first":
                links = ", ".join(f"[{md_escape(plan.title(o))}](#{plan.anchors[o]})" for o in note[1])
                parts.append(f"{md_escape(english)} *(agency copy, also in: {links})*")
            else:
                source = note[1][0]
                link = f"[{md_escape(plan.title(source))}](#{plan.anchors[source]})"
                parts.append(f"*(agency copy, as in {link}: “{md_escape(_first_words(english))}”)*")
            flagged = _flag_note(record, index)
            if flagged:
                parts[-1] += f" **[⚑ {md_escape(flagged[0])} · German: „{md_escape(flagged[1])}“]**"
        paragraphs.append(" ".join(parts))
    out += [p for paragraph in paragraphs for p in (paragraph, "")] or ["(no text)", ""]
    out += ["</details>", ""]

    out += ["<details>", "<summary>German original</summary>", ""]
    out += [_md_fenced(record.get("original", "")), "", "</details>", ""]
    warnings = record.get("warnings") or []
    if warnings:
        out += ["<details>", f"<summary>Warnings ({len(warnings)})</summary>", ""]
        out += [f"- {md_escape(w)}" for w in warnings]
        out += ["", "</details>", ""]
    return out


# --------------------------------------------------------------------------------------------------
# HTML

# The stylesheet lives in digest.css (package data) so it can be read and linted as CSS.
CSS = resources.files(__package__).joinpath("digest.css").read_text(encoding="utf-8")


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def render_html(records: list[Record], generated: str, stories: list[list[Record]] | None = None) -> str:
    """The digest as one self-contained HTML page: inline CSS only, no scripts, fonts, images or links
    outside the page (a Content-Security-Policy forbids them too). Every input string is escaped.
    `stories` is group_stories(records), computed when not given."""
    plan = _Plan(records, stories)
    when = format_generated(generated)
    day, _, clock = when.partition(", ")
    n_stories = len(plan.stories)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">",
        '<meta name="referrer" content="no-referrer">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>News digest — {_e(when)}</title>",
        f"<style>\n{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        '<header class="digest">',
        '<p class="eyebrow">News digest · German press in English</p>',
        f'<h1><time datetime="{_e(generated)}">{_e(day)}</time></h1>',
        f'<p class="lede">{_reports(len(records))} in {n_stories} stor{"ies" if n_stories != 1 else "y"}'
        f"{' · generated ' + _e(clock) if clock else ''}. Summaries and translations are machine-made; "
        "the German original is one click away.</p>",
        "</header>",
    ]
    if not records:
        out += ["<p>No articles in this run.</p>"]
    else:
        out += ['<nav class="contents" aria-label="Contents">', "<h2>Contents</h2>", "<ol>"]
        for number, (story, title) in enumerate(zip(plan.stories, plan.titles), 1):
            if len(story) == 1:
                record = story[0]
                out.append(f'<li><a href="#{plan.anchors[record["id"]]}">{_e(title_en(record))}</a></li>')
                continue
            out.append(f'<li><a href="#story-{number}">Story: {_e(title)}</a> '
                       f'<span class="count">({_reports(len(story))})</span><ul>')
            out += [f'<li><a href="#{plan.anchors[r["id"]]}">{_e(title_en(r))}</a></li>' for r in story]
            out.append("</ul></li>")
        out += ["</ol>", "</nav>"]
        for number, (story, title, keywords) in enumerate(zip(plan.stories, plan.titles, plan.keywords), 1):
            if len(story) == 1:
                out.append(f'<section class="story single" aria-label="{_e(title_en(story[0]))}">')
                out += _html_article(plan, story[0], "h2", eyebrow="Single report")
                out.append("</section>")
                continue
            out += [
                f'<section class="story" id="story-{number}" aria-labelledby="story-{number}-title">',
                "<header>",
                f'<p class="eyebrow">Story · {_reports(len(story))}</p>',
                f'<h2 id="story-{number}-title">Story: {_e(title)} ({_reports(len(story))})</h2>',
            ]
            if keywords:
                out.append('<ul class="keywords" aria-label="Words the reports share">'
                           + "".join(f'<li lang="de">{_e(k)}</li>' for k in keywords) + "</ul>")
            out.append("</header>")
            for record in story:
                out += _html_article(plan, record, "h3")
            out.append("</section>")
    out += [
        f"<footer>Generated {_e(generated)} by summarize. Titles, summaries and translations are machine "
        "translations of the German text; marked sentences are agency copy that several outlets share."
        "</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def _html_article(plan: _Plan, record: Record, level: str, eyebrow: str | None = None) -> list[str]:
    anchor = plan.anchors[record["id"]]
    out = [f'<article id="{anchor}">']
    if eyebrow:
        out.append(f'<p class="eyebrow">{_e(eyebrow)}</p>')
    out.append(f"<{level}>{_e(title_en(record))}</{level}>")
    title_de = (record.get("title") or {}).get("de") or ""
    if title_de and record.get("language", "de") == "de":
        out.append(f'<p class="de-title" lang="de">{_e(title_de)}</p>')
    language = record.get("language", "de")
    lang_attr = "" if language == "de" else f' lang="{_e(language)}"'
    out.append(f'<p class="summary"{lang_attr}>{_e(record.get("summary_en") or "(no summary)")}</p>')

    outlet, published, link = _facts(record)
    meta = [f"<span>Source <code>{_e(record.get('source_path', ''))}</code></span>"]
    meta += [f"<span>Outlet <strong>{_e(outlet)}</strong></span>"] if outlet else []
    meta += [f"<span>Published {_e(published)}</span>"] if published else []
    meta += [f'<span><a href="{_e(link)}" rel="noreferrer">original article</a></span>'] if link else []
    meta += [f'<span class="badge">{_e(mark)}</span>' for mark in _marks(record)]
    out.append(f'<p class="meta">{"".join(meta)}</p>')

    paragraphs = _paragraphs(record)
    shared_count = 0
    body = []
    for paragraph in paragraphs:
        parts = []
        for index, english in paragraph:
            note = plan.shared_note(record, index) if index >= 0 else None
            flagged = _flag_note(record, index)
            marker = (f' <span class="flag">⚑ {_e(flagged[0])}<span class="flag-de" lang="de">German: „'
                      f'{_e(flagged[1])}“</span></span>') if flagged else ""
            if note is None:
                parts.append(_e(english) + marker)
                continue
            shared_count += 1
            if note[0] == "first":
                links = ", ".join(f'<a href="#{plan.anchors[o]}">{_e(plan.title(o))}</a>' for o in note[1])
                parts.append(f'<span class="shared">{_e(english)}</span> '
                             f'<span class="also">(agency copy, also in: {links})</span>')
            else:
                source = note[1][0]
                link = f'<a href="#{plan.anchors[source]}">{_e(plan.title(source))}</a>'
                parts.append(f'<span class="shared-ref">(agency copy, as in {link}: '
                             f"“{_e(_first_words(english))}”)</span>")
            parts[-1] += marker
        body.append(f"<p{lang_attr}>{' '.join(parts)}</p>")
    hint = f"{len(paragraphs)} paragraph{'s' if len(paragraphs) != 1 else ''}"
    if shared_count:
        hint += f", {shared_count} agency sentence{'s' if shared_count != 1 else ''} marked"
    label = "English translation" if language == "de" else "Text (not translated)"
    out += [f'<details class="translation"><summary>{label} <span class="hint">{_e(hint)}</span></summary>',
            '<div class="body">', *(body or ["<p>(no text)</p>"]), "</div>", "</details>"]

    original = record.get("original", "")
    lines = original.count("\n") + (1 if original and not original.endswith("\n") else 0)
    out += [f'<details class="original"><summary>German original <span class="hint">{lines} lines, as scraped'
            "</span></summary>",
            f'<pre class="original" lang="de">{_e(original)}</pre>', "</details>"]
    warnings = record.get("warnings") or []
    if warnings:
        items = "".join(f"<li>{_e(w)}</li>" for w in warnings)
        out += [f'<details class="warnings"><summary>Warnings <span class="hint">{len(warnings)}</span>'
                f'</summary><ul class="warnings">{items}</ul></details>']
    out.append("</article>")
    return out
