"""Find the inputs and turn their bytes into Article records, one small reader per kind of input
(plain text, saved HTML pages, JSON records, JSON Lines, standard input); no cleaning here."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from .errors import ConfigError, InputError
from .records import Article, Source

STDIN = Path("-")
# Input kind by file extension; anything else in an input folder is ignored (and counted).
KINDS_BY_SUFFIX = {".txt": "txt", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
# Tried in order; latin-1 decodes any bytes, so it is the last resort.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")
HTML_START = re.compile(r"^\s*(?:<!doctype html|<html\b|<head\b)", re.I)

# Field names of the record formats scrapers write, per meaning: news-please first, then trafilatura's
# JSON, then common alternatives. `[input.fields]` in models.toml puts its own names in front.
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("maintext", "text", "raw_text", "body", "content", "article_text"),
    "title": ("title", "headline"),
    "description": ("description", "excerpt", "teaser", "summary"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "published": ("date_publish", "date", "published", "date_published", "pubdate"),
    "outlet": ("sitename", "source_domain", "hostname", "outlet", "source", "site"),
    "authors": ("authors", "author", "byline"),
    "id": ("id", "uuid", "guid"),
    "language": ("language", "lang"),
}


@dataclass
class Inputs:
    """The files a run will read, with the id each file's article gets, and what was passed over."""

    files: dict[Path, str] = field(default_factory=dict)  # path -> article id (JSON Lines: a prefix)
    ignored: list[Path] = field(default_factory=list)


def discover(inputs: Iterable[Path | str], recursive: bool = False) -> Inputs:
    """Files as given, `-` for standard input, and the readable files of folders (and of their
    subfolders with `recursive`).

    An article's id is its file stem; a file in a subfolder gets the subfolder in its id
    ("region__wien__unfall"), so equal names in different folders stay apart.
    """
    found = Inputs()
    for given in map(Path, inputs):
        if given == STDIN:
            found.files.setdefault(STDIN, "stdin")
        elif given.is_dir():
            entries = sorted(given.rglob("*") if recursive else given.iterdir())
            for entry in entries:
                if entry.is_dir():
                    continue
                if entry.suffix.lower() not in KINDS_BY_SUFFIX:
                    found.ignored.append(entry)
                    continue
                relative = entry.relative_to(given).with_suffix("")
                found.files.setdefault(entry, "__".join(relative.parts))
        elif given.is_file() or given.is_symlink():
            found.files.setdefault(given, given.stem)
        else:
            raise ConfigError(f"{given}: no such file or folder")
    return found


def read_inputs(path: Path, article_id: str, max_bytes: int, fields: Mapping[str, str] | None = None
                ) -> Iterator[Article | InputError]:
    """The articles of one input, each as it is read; a broken record is an InputError among them, so
    the other records of the same file go on."""
    try:
        data = sys.stdin.buffer.read() if path == STDIN else _read_bytes(path, max_bytes)
        kind = input_kind(path, data)
    except InputError as error:
        yield error
        return
    names = field_names(fields or {})
    if kind == "jsonl":
        yield from _records_of_lines(path, article_id, data, names)
        return
    try:
        yield READERS[kind](path, article_id, data, names)
    except InputError as error:
        yield error


def input_kind(path: Path, data: bytes) -> str:
    """By extension, by content where the extension lies (HTML saved as .txt), JSON Lines on stdin."""
    kind = KINDS_BY_SUFFIX.get(path.suffix.lower(), "txt")
    head = data[:512].decode("utf-8", errors="replace")
    if kind == "txt" and HTML_START.match(head):
        return "html"
    if path == STDIN:
        return "jsonl" if head.lstrip().startswith("{") else "txt"
    return kind


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: cannot read (broken link or file removed)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit "
                         f"(run.max_input_bytes in models.toml)")
    return data


def _checked_text(where: str, data: bytes) -> tuple[str, str]:
    if not data.strip():
        raise InputError(f"{where}: file is empty")
    if b"\x00" in data:
        raise InputError(f"{where}: looks like a binary file (contains NUL bytes), not text")
    return decode(data)


def _article(path: Path, article_id: str, data: bytes, original: str, encoding: str, source: Source,
             text: str | None = None) -> Article:
    article = Article(id=article_id, path=path, sha256=hashlib.sha256(data).hexdigest(), original=original,
                      encoding=encoding, source=source, text=text)
    if encoding != "utf-8":
        article.warnings.append(f"not UTF-8: read as {encoding}")
    return article


def read_text(path: Path, article_id: str, data: bytes, fields: dict[str, tuple[str, ...]]) -> Article:
    """A plain-text dump of a page: the cleaner reads it as it is."""
    text, encoding = _checked_text(str(path), data)
    kind = "stdin" if path == STDIN else "txt"
    return _article(path, article_id, data, text, encoding, Source(kind=kind))


def read_html(path: Path, article_id: str, data: bytes, fields: dict[str, tuple[str, ...]]) -> Article:
    """A saved page: trafilatura finds the main text (one paragraph a line, comments left out) and the
    page's metadata; our cleaner then removes what furniture it left."""
    import trafilatura

    page, encoding = _checked_text(str(path), data)
    text = trafilatura.extract(page, include_comments=False, include_tables=False, deduplicate=True)
    if not text or not text.strip():
        raise InputError(f"{path}: no article text found in the HTML page")
    meta = trafilatura.extract_metadata(page)
    source = Source(kind="html")
    if meta is not None:
        authors = tuple(a.strip() for a in re.split(r";|,| und | and ", meta.author or "") if a.strip())
        source = Source(kind="html", url=meta.url, outlet=meta.sitename or meta.hostname, published=meta.date,
                        authors=authors, title=meta.title)
    return _article(path, article_id, data, page, encoding, source, text)


def read_json(path: Path, article_id: str, data: bytes, fields: dict[str, tuple[str, ...]]) -> Article:
    """One JSON record per file (news-please, trafilatura's JSON, or fields named in [input.fields])."""
    text, encoding = _checked_text(str(path), data)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    return record_article(record, path, article_id, None, data, text, encoding, fields, "json")


def _records_of_lines(path: Path, prefix: str, data: bytes, fields: dict[str, tuple[str, ...]]
                      ) -> Iterator[Article | InputError]:
    """One record per line; a line that is not valid JSON or has no text is reported with its number."""
    try:
        text, encoding = _checked_text(str(path), data)
    except InputError as error:
        yield error
        return
    raw_lines = data.split(b"\n")
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})", number) from None
            yield record_article(record, path, f"{prefix}-{number}", number, raw_lines[number - 1], line,
                                 encoding, fields, "stdin" if path == STDIN else "jsonl")
        except InputError as error:
            yield error


def record_article(record: Any, path: Path, fallback_id: str, line: int | None, data: bytes, original: str,
                   encoding: str, fields: dict[str, tuple[str, ...]], kind: str) -> Article:
    where = f"{path}:{line}" if line else str(path)
    if not isinstance(record, dict):
        raise InputError(f"{where}: a JSON record must be an object, not {type(record).__name__}", line)
    value = {meaning: _first(record, names) for meaning, names in fields.items()}
    body = value["text"]
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"{where}: no article text (none of the fields {', '.join(fields['text'])})", line)
    description = value["description"] if isinstance(value["description"], str) else ""
    if description.strip() and description.strip()[:60] not in body:
        body = description.strip() + "\n" + body  # the teaser, when the text does not repeat it
    url = _string(value["url"])
    authors = value["authors"]
    if isinstance(authors, str):
        authors = [a for a in re.split(r";|,| und | and ", authors)]
    source = Source(kind=kind, line=line, url=url, outlet=_string(value["outlet"]) or _hostname(url),
                    published=_string(value["published"]), title=_string(value["title"]),
                    authors=tuple(str(a).strip() for a in (authors or []) if str(a).strip()))
    article_id = safe_id(_string(value["id"]) or _url_id(url) or fallback_id)
    return _article(path, article_id, data, original, encoding, source, body.replace("\r\n", "\n"))


def field_names(custom: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The record field names to try per meaning, the user's own first."""
    return {meaning: ((custom[meaning],) if meaning in custom else ()) + names
            for meaning, names in RECORD_FIELDS.items()}


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    return next((record[name] for name in names if record.get(name) not in (None, "", [])), None)


def _string(value: Any) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def _hostname(url: str | None) -> str | None:
    found = re.match(r"https?://(?:www\.)?([^/:?#]+)", url or "")
    return found.group(1) if found else None


def _url_id(url: str | None) -> str | None:
    """"https://www.lz.de/lokales/radwege-123.html" -> "radwege-123-1a2b3c4d": readable and unique."""
    if not url:
        return None
    last = [part for part in re.split(r"[/?#]", url.rstrip("/")) if part][-1]
    stem = re.sub(r"\.(?:s?html?|php|aspx?)$", "", last)
    return f"{stem[:60]}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def safe_id(text: str) -> str:
    """An id that is a safe, portable file name: letters, digits, dot, dash and underscore only."""
    cleaned = re.sub(r"[^\w.-]+", "-", text, flags=re.ASCII).strip(".-")[:100]
    return cleaned or hashlib.sha256(text.encode()).hexdigest()[:12]


READERS: dict[str, Callable[[Path, str, bytes, dict[str, tuple[str, ...]]], Article]] = {
    "txt": read_text,
    "html": read_html,
    "json": read_json,
}


def read_article(path: Path, article_id: str | None = None, max_bytes: int = 2_000_000) -> Article:
    """The one article of a single-article input (a text, HTML or JSON file)."""
    for item in read_inputs(path, article_id or path.stem, max_bytes):
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError(f"{path}: no article in this file")


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (a byte-order mark is kept in the text, so nothing is lost), else Windows-1252, else Latin-1."""
    for encoding in ("utf-8", *FALLBACK_ENCODINGS):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def text_for_cleaning(article: Article) -> str:
    """What the cleaner reads: the extracted main text, or the original without a byte-order mark; CRLF
    and CR line ends become LF (line numbers stay the same)."""
    text = article.text if article.text is not None else article.original.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")
