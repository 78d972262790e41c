"""The digest as Markdown (GitHub-flavoured: collapsed sections are <details> blocks)."""

from __future__ import annotations

import re
from typing import Iterator

from .entries import Entry
from .view import ArticleRef, ArticleView, DigestView, Earlier, SentenceView, StoryView, digest_view

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


def _code_span(text: str) -> str:
    text = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _fenced(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip(chr(10))}\n{fence}"


def render_markdown(entries: list[Entry], generated: str, stories: list[list[Entry]] | None = None,
                    warnings: list[str] | None = None) -> str:
    """The digest as Markdown. `stories` is group_stories(entries), computed when not given."""
    return markdown_of(digest_view(entries, generated, stories, warnings))


def markdown_of(view: DigestView, nights_href: str | None = None, full: bool = True) -> str:
    """The Markdown digest of a view (writing.write_digest builds one view for both digests).

    `nights_href` is where the archive's night folders are from this page ("archive/", "../"), to link
    the earlier nights of a continuing story; None names them without links. `full=False`
    leaves out the collapsible translation, original and warnings (an e-mail, where nothing collapses)."""
    return "".join(markdown_parts(view, nights_href, full))


def markdown_parts(view: DigestView, nights_href: str | None = None, full: bool = True) -> Iterator[str]:
    """markdown_of's page a story at a time, for writing it without holding it whole."""
    out = [f"# News digest — {md_escape(view.when)}", "",
           f"{view.overview}. Generated {md_escape(view.generated)}.", ""]
    out += [f"> **Warning:** {md_escape(warning)}\n" for warning in view.warnings]
    if not view.article_count:
        out += ["No articles in this run.", ""]
        yield "\n".join(out)
        return
    out += _contents(view)
    # The page is its lines joined by newlines, with no blank lines at its end: each story's part starts
    # with the newline that ends the line before it, and the last part loses its trailing ones.
    part = "\n".join(out)
    for story in view.stories:
        yield part
        part = "\n" + "\n".join(["---", "", *_story(story, nights_href, full)])
    yield part.rstrip("\n") + "\n"


def _contents(view: DigestView) -> list[str]:
    out = ["## Contents", ""]
    for story in view.stories:
        if story.single:
            article = story.articles[0]
            out.append(f"{story.number}. {_link(article.ref)}")
            continue
        out.append(f"{story.number}. [Story: {md_escape(story.title)} ({story.reports})](#{story.anchor})")
        out += [f"    - {_link(article.ref)}" for article in story.articles]
    return out + [""]


def _story(story: StoryView, nights_href: str | None, full: bool) -> list[str]:
    continuing = [_continuing(story.earlier, nights_href), ""] if story.earlier else []
    if story.single:
        return continuing + _article(story.articles[0], "##", full)
    out = [f'<a id="{story.anchor}"></a>', "", f"## Story: {md_escape(story.title)} ({story.reports})", "",
           *continuing]
    if story.keywords:
        out += ["Shared words: " + " · ".join(md_escape(k) for k in story.keywords), ""]
    for article in story.articles:
        out += _article(article, "###", full)
    return out


def _continuing(earlier: Earlier, nights_href: str | None) -> str:
    nights = [md_escape(night.label) if nights_href is None
              else f"[{md_escape(night.label)}](<{nights_href}{night.folder}/digest.md>)"
              for night in earlier.nights]
    return f"*{md_escape(earlier.note)}: {' · '.join(nights)}*"


def _article(article: ArticleView, level: str, full: bool) -> list[str]:
    out = [f'<a id="{article.anchor}"></a>', "", f"{level} {md_escape(article.title)}", ""]
    if article.title_de:
        out += [f"*{md_escape(article.title_de)}*", ""]
    out += [md_escape(article.summary), "", _meta(article), ""]
    if not full:
        return out
    out += ["<details>", "<summary>English translation</summary>", ""]
    paragraphs = [" ".join(_sentence(sentence) for sentence in paragraph) for paragraph in article.paragraphs]
    out += [p for paragraph in paragraphs for p in (paragraph, "")] or ["(no text)", ""]
    out += ["</details>", ""]
    out += ["<details>", "<summary>German original</summary>", ""]
    out += [_fenced(article.original), "", "</details>", ""]
    if article.warnings:
        out += ["<details>", f"<summary>Warnings ({len(article.warnings)})</summary>", ""]
        out += [f"- {md_escape(w)}" for w in article.warnings]
        out += ["", "</details>", ""]
    return out


def _meta(article: ArticleView) -> str:
    meta = [f"Source: {_code_span(article.source_path)}"]
    meta += [f"Outlet: {md_escape(article.outlet)}"] if article.outlet else []
    meta += [f"Published: {md_escape(article.published)}"] if article.published else []
    meta += [f"[original article](<{article.link}>)"] if article.link else []
    meta += [f"**{md_escape(mark)}**" for mark in article.marks]
    return " · ".join(meta)


def _sentence(sentence: SentenceView) -> str:
    if sentence.as_in is not None:
        text = f"*(agency copy, as in {_link(sentence.as_in)}: “{md_escape(sentence.opening)}”)*"
    elif sentence.also_in:
        links = ", ".join(_link(ref) for ref in sentence.also_in)
        text = f"{md_escape(sentence.english)} *(agency copy, also in: {links})*"
    else:
        text = md_escape(sentence.english)
    if sentence.flag:
        text += f" **[⚑ {md_escape(sentence.flag.reasons)} · German: „{md_escape(sentence.flag.german)}“]**"
    return text


def _link(ref: ArticleRef) -> str:
    return f"[{md_escape(ref.title)}](#{ref.anchor})"
