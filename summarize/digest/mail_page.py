"""The digest as an e-mail's HTML part and a feed entry's content: style attributes only, no scripts,
images or stylesheets, as mail programs and feed readers drop a page's <style> and everything active.

Each article shows its title, German headline, summary, source and marks, as in digest.md without its
collapsible sections (nothing collapses in a mail program); the full digest is in the archive."""

from __future__ import annotations

import html

from .view import ArticleView, DigestView, StoryView

_FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif"
_STYLES = {
    "body": f"{_FONT};max-width:42rem;margin:0 auto;padding:1rem;color:#1d2025;background:#ffffff",
    "h1": "font-size:1.6rem;line-height:1.2;margin:0 0 .3rem",
    "lede": "color:#5d636b;margin:0 0 1.2rem;font-size:.95rem",
    "warning": "border-left:4px solid #b45309;padding:.4rem .8rem;margin:.8rem 0;background:#fffbeb",
    "story": "border-top:3px solid #1d2025;padding-top:.5rem;margin:1.6rem 0 .6rem;font-size:1.3rem;"
             "line-height:1.25",
    "continuing": "font-size:.85rem;color:#5d636b;margin:.2rem 0 .6rem",
    "article": "font-size:1.1rem;line-height:1.3;margin:1rem 0 .2rem",
    "de": "font-style:italic;color:#5d636b;margin:0 0 .4rem;font-size:.95rem",
    "summary": "margin:.3rem 0 .4rem;font-family:Georgia,serif;font-size:1.02rem;line-height:1.55",
    "meta": "font-size:.8rem;color:#5d636b;margin:0 0 .8rem",
    "badge": "font-weight:600;color:#8a4a00",
    "link": "color:#1d5fa6",
    "footer": "border-top:1px solid #e3e0d8;margin-top:2rem;padding-top:.8rem;font-size:.8rem;color:#8a9099",
}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _tag(name: str, style: str, inner: str, **attributes: str) -> str:
    """An element with its style inlined; `inner` is HTML already escaped, attribute values are escaped."""
    extra = "".join(f' {key}="{_e(value)}"' for key, value in attributes.items())
    return f'<{name} style="{_STYLES[style]}"{extra}>{inner}</{name}>'


def mail_html_of(view: DigestView, nights_url: str | None = None, night: str | None = None) -> str:
    """The digest of a view as an HTML fragment with inline styles: the feed entry's content, and the body
    of the e-mail (mail_document). `nights_url` is the address of the archive's night folders (deliver's
    base_url + "archive/"), to link the earlier nights of a continuing story and, for `night` (this
    night's folder), the full digest; None names the nights without links."""
    out = [_tag("h1", "h1", f"News digest — {_e(view.when)}"),
           _tag("p", "lede", f"{_e(view.overview)}. Summaries are machine translations of the German press.")]
    out += [_tag("p", "warning", f"<strong>Warning:</strong> {_e(warning)}") for warning in view.warnings]
    if not view.article_count:
        out.append(_tag("p", "lede", "No articles in this run."))
    for story in view.stories:
        out += _story(story, nights_url)
    archived = (f" The full digest, with every translation and original: "
                f"{_tag('a', 'link', 'in the archive', href=f'{nights_url}{night}/digest.html')}."
                if nights_url and night else "")
    out.append(_tag("p", "footer", f"Generated {_e(view.generated)} by summarize.{archived}"))
    return "\n".join(out) + "\n"


def mail_document(fragment: str, title: str) -> str:
    """A whole HTML document around mail_html_of's fragment, for the e-mail's HTML part."""
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{_e(title)}</title>",
        "</head>", f'<body style="{_STYLES["body"]}">', fragment.rstrip("\n"), "</body>", "</html>", ""])


def _story(story: StoryView, nights_url: str | None) -> list[str]:
    out = [] if story.single else [_tag("h2", "story", f"Story: {_e(story.title)} ({_e(story.reports)})")]
    if story.earlier:
        nights = " · ".join(
            _e(night.label) if nights_url is None
            else _tag("a", "link", _e(night.label), href=f"{nights_url}{night.folder}/digest.html")
            for night in story.earlier.nights)
        out.append(_tag("p", "continuing", f"{_e(story.earlier.note)}: {nights}"))
    for article in story.articles:
        out += _article(article, "h2" if story.single else "h3")
    return out


def _article(article: ArticleView, level: str) -> list[str]:
    out = [_tag(level, "article" if level == "h3" else "story", _e(article.title))]
    if article.title_de:
        out.append(_tag("p", "de", _e(article.title_de), lang="de"))
    out.append(_tag("p", "summary", _e(article.summary)))
    meta = [f"Source {_e(article.source_path)}"]
    meta += [f"Outlet {_e(article.outlet)}"] if article.outlet else []
    meta += [f"Published {_e(article.published)}"] if article.published else []
    if article.link:
        meta.append(_tag("a", "link", "original article", href=article.link, rel="noreferrer"))
    meta += [_tag("span", "badge", _e(mark)) for mark in article.marks]
    return out + [_tag("p", "meta", " · ".join(meta))]
