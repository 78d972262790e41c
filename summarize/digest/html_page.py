"""The digest as one self-contained HTML page, its stylesheet (digest.css) inlined."""

from __future__ import annotations

import html
from importlib import resources
from typing import Any, Iterator

from .entries import Entry
from .view import ArticleRef, ArticleView, DigestView, Earlier, SentenceView, StoryView, counted, digest_view

# In its own file so that it reads, diffs and lints as CSS; package data, so it ships with the package.
CSS = resources.files(__package__).joinpath("digest.css").read_text(encoding="utf-8")

# The top of every page this tool writes: no script, font, image or request outside the page can run.
PAGE_HEAD = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta http-equiv="Content-Security-Policy" '
    "content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">",
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light dark">',
]


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def render_html(entries: list[Entry], generated: str, stories: list[list[Entry]] | None = None,
                warnings: list[str] | None = None) -> str:
    """The digest as one self-contained HTML page: inline CSS only, no scripts, fonts, images or links
    outside the page (a Content-Security-Policy forbids them too). Every input string is escaped.
    `stories` is group_stories(entries), computed when not given."""
    return html_of(digest_view(entries, generated, stories, warnings))


def html_of(view: DigestView, nights_href: str | None = None) -> str:
    """The HTML digest of a view (writing.write_digest builds one view for both digests); `nights_href` is
    where the archive's night folders are from this page ("archive/", "../"), to link the earlier nights
    of a continuing story (None: named without links)."""
    return "".join(html_parts(view, nights_href))


def html_parts(view: DigestView, nights_href: str | None = None) -> Iterator[str]:
    """html_of's page a story at a time, for writing it without holding it whole (a night of 20,000
    articles makes a page of hundreds of megabytes)."""
    head = [*PAGE_HEAD, f"<title>News digest — {_e(view.when)}</title>", f"<style>\n{CSS}</style>", "</head>",
            "<body>", "<main>", *_masthead(view)]
    if not view.article_count:
        head += ["<p>No articles in this run.</p>"]
    else:
        head += _contents(view)
    yield _lines(head)
    if view.article_count:
        for story in view.stories:
            yield _lines(_story(story, nights_href))
    yield _lines([
        f"<footer>Generated {_e(view.generated)} by summarize. Titles, summaries and translations are "
        "machine translations of the German text; marked sentences are agency copy that several outlets "
        "share.</footer>",
        "</main>",
        "</body>",
        "</html>",
    ])


def _lines(lines: list[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


def _masthead(view: DigestView) -> list[str]:
    day, _, clock = view.when.partition(", ")
    return [
        '<header class="digest">',
        '<p class="eyebrow">News digest · German press in English</p>',
        f'<h1><time datetime="{_e(view.generated)}">{_e(day)}</time></h1>',
        f'<p class="lede">{view.overview}{" · generated " + _e(clock) if clock else ""}. Summaries and '
        "translations are machine-made; the German original is one click away.</p>",
        *(f'<p class="run-warning" role="alert"><strong>Warning:</strong> {_e(warning)}</p>'
          for warning in view.warnings),
        "</header>",
    ]


def _contents(view: DigestView) -> list[str]:
    out = ['<nav class="contents" aria-label="Contents">', "<h2>Contents</h2>", "<ol>"]
    for story in view.stories:
        if story.single:
            out.append(f"<li>{_link(story.articles[0].ref)}</li>")
            continue
        out.append(f'<li><a href="#{story.anchor}">Story: {_e(story.title)}</a> '
                   f'<span class="count">({story.reports})</span><ul>')
        out += [f"<li>{_link(article.ref)}</li>" for article in story.articles]
        out.append("</ul></li>")
    return out + ["</ol>", "</nav>"]


def _story(story: StoryView, nights_href: str | None) -> list[str]:
    continuing = [_continuing(story.earlier, nights_href)] if story.earlier else []
    if story.single:
        article = story.articles[0]
        eyebrow = "Continuing story" if story.earlier else "Single report"
        return [f'<section class="story single" aria-label="{_e(article.title)}">',
                *_article(article, "h2", eyebrow, continuing), "</section>"]
    out = [
        f'<section class="story" id="{story.anchor}" aria-labelledby="{story.anchor}-title">',
        "<header>",
        f'<p class="eyebrow">Story · {story.reports}</p>',
        f'<h2 id="{story.anchor}-title">Story: {_e(story.title)} ({story.reports})</h2>',
        *continuing,
    ]
    if story.keywords:
        out.append('<ul class="keywords" aria-label="Words the reports share">'
                   + "".join(f'<li lang="de">{_e(k)}</li>' for k in story.keywords) + "</ul>")
    out.append("</header>")
    for article in story.articles:
        out += _article(article, "h3")
    return out + ["</section>"]


def _continuing(earlier: Earlier, nights_href: str | None) -> str:
    nights = [_e(night.label) if nights_href is None
              else f'<a href="{_e(nights_href + night.folder)}/digest.html">{_e(night.label)}</a>'
              for night in earlier.nights]
    return f'<p class="continuing">{_e(earlier.note)}: {" · ".join(nights)}</p>'


def _article(article: ArticleView, level: str, eyebrow: str | None = None, notes: list[str] | None = None
             ) -> list[str]:
    out = [f'<article id="{article.anchor}">']
    if eyebrow:
        out.append(f'<p class="eyebrow">{_e(eyebrow)}</p>')
    out.append(f"<{level}>{_e(article.title)}</{level}>")
    out += notes or []
    if article.title_de:
        out.append(f'<p class="de-title" lang="de">{_e(article.title_de)}</p>')
    out.append(f'<p class="summary"{_lang(article)}>{_e(article.summary)}</p>')
    out.append(f'<p class="meta">{"".join(_meta(article))}</p>')
    out += _translation(article)
    out += [f'<details class="original"><summary>German original <span class="hint">{article.original_lines} '
            'lines, as scraped</span></summary>',
            f'<pre class="original" lang="de">{_e(article.original)}</pre>', "</details>"]
    if article.warnings:
        items = "".join(f"<li>{_e(w)}</li>" for w in article.warnings)
        count = len(article.warnings)
        out += [f'<details class="warnings"><summary>Warnings <span class="hint">{count}</span></summary>'
                f'<ul class="warnings">{items}</ul></details>']
    return out + ["</article>"]


def _lang(article: ArticleView) -> str:
    """The lang attribute of the article's own text: only where it is not translated from German."""
    return "" if article.translated else f' lang="{_e(article.language)}"'


def _meta(article: ArticleView) -> list[str]:
    meta = [f"<span>Source <code>{_e(article.source_path)}</code></span>"]
    meta += [f"<span>Outlet <strong>{_e(article.outlet)}</strong></span>"] if article.outlet else []
    meta += [f"<span>Published {_e(article.published)}</span>"] if article.published else []
    meta += [f'<span><a href="{_e(article.link)}" rel="noreferrer">original article</a></span>'
             ] if article.link else []
    return meta + [f'<span class="badge">{_e(mark)}</span>' for mark in article.marks]


def _translation(article: ArticleView) -> list[str]:
    body = [f"<p{_lang(article)}>{' '.join(_sentence(s) for s in paragraph)}</p>"
            for paragraph in article.paragraphs]
    hint = counted(len(article.paragraphs), "paragraph")
    if article.agency_sentences:
        hint += f", {counted(article.agency_sentences, 'agency sentence')} marked"
    label = "English translation" if article.translated else "Text (not translated)"
    return [f'<details class="translation"><summary>{label} <span class="hint">{_e(hint)}</span></summary>',
            '<div class="body">', *(body or ["<p>(no text)</p>"]), "</div>", "</details>"]


def _sentence(sentence: SentenceView) -> str:
    if sentence.as_in is not None:
        text = (f'<span class="shared-ref">(agency copy, as in {_link(sentence.as_in)}: '
                f"“{_e(sentence.opening)}”)</span>")
    elif sentence.also_in:
        links = ", ".join(_link(ref) for ref in sentence.also_in)
        text = (f'<span class="shared">{_e(sentence.english)}</span> '
                f'<span class="also">(agency copy, also in: {links})</span>')
    else:
        text = _e(sentence.english)
    if sentence.flag:
        text += (f' <span class="flag">⚑ {_e(sentence.flag.reasons)}<span class="flag-de" lang="de">German: „'
                 f"{_e(sentence.flag.german)}“</span></span>")
    return text


def _link(ref: ArticleRef) -> str:
    return f'<a href="#{ref.anchor}">{_e(ref.title)}</a>'
