"""Turn the inputs' bytes into Article records, one small reader per kind of input (plain text, saved HTML
pages, JSON records, JSON Lines, standard input); no cleaning here. discovery.py finds the inputs."""

from __future__ import annotations

import hashlib
import json
import re
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator, Mapping

from .discovery import KINDS_BY_SUFFIX, RESERVED_IDS, STDIN, safe_id
from .errors import InputError
from .records import Article, Source

# Tried in order; latin-1 decodes any bytes, so it is the last resort.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")
HTML_START = re.compile(r"^\s*(?:<!doctype html|<html\b|<head\b)", re.I)
READ_CHUNK = 1 << 20
# Python refuses to turn longer digit strings into integers; such a number in a record is kept as digits.
MAX_INT_DIGITS = 4000
# What a JSON string may hold that no output file can: lone surrogates, NUL and other control characters.
UNWRITABLE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

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


def read_inputs(path: Path, article_id: str, max_bytes: int, fields: Mapping[str, str] | None = None
                ) -> Iterator[Article | InputError]:
    """The articles of one input, each as it is read; a broken record is an InputError among them, so
    the other records of the same file go on."""
    try:
        data = _read_stdin(max_bytes) if path == STDIN else _read_bytes(path, max_bytes)
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
    """At most `max_bytes` of a regular file: its size is checked before it is read, and a FIFO or a
    device (which would block or never end) is not opened."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file ({_file_kind(info.st_mode)}); only files are read")
        if info.st_size > max_bytes:
            raise InputError(_too_big(path, info.st_size, max_bytes))
        with path.open("rb") as file:
            data = _read_at_most(file, max_bytes)
    except FileNotFoundError:
        raise InputError(f"{path}: cannot read (broken link or file removed)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if data is None:  # it grew while we read it
        raise InputError(f"{path}: grew over the {max_bytes / 1e6:g} MB limit while being read "
                         "(run.max_input_bytes in models.toml)")
    return data


def _read_stdin(max_bytes: int) -> bytes:
    data = _read_at_most(sys.stdin.buffer, max_bytes)
    if data is None:
        raise InputError(f"standard input: more than the {max_bytes / 1e6:g} MB limit "
                         "(run.max_input_bytes in models.toml)")
    return data


def _read_at_most(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """The stream's bytes, or None as soon as there are more than `max_bytes`."""
    chunks, total = [], 0
    while chunk := stream.read(READ_CHUNK):
        total += len(chunk)
        if total > max_bytes:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(path: Path, size: int, max_bytes: int) -> str:
    return (f"{path}: {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit "
            "(run.max_input_bytes in models.toml)")


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def _checked_text(where: str, data: bytes) -> tuple[str, str]:
    if not data.strip():
        raise InputError(f"{where}: file is empty")
    if b"\x00" in data:
        raise InputError(f"{where}: looks like a binary file (contains NUL bytes), not text")
    return decode(data)


def _article(path: Path, article_id: str, data: bytes, original: str, encoding: str, source: Source,
             text: str | None = None) -> Article:
    reserved = article_id.lower() in RESERVED_IDS
    article = Article(id=f"{article_id}-article" if reserved else article_id, path=path,
                      sha256=hashlib.sha256(data).hexdigest(), original=original,
                      encoding=encoding, source=source, text=text)
    if encoding != "utf-8":
        article.warnings.append(f"not UTF-8: read as {encoding}")
    if reserved:
        article.warnings.append(f"id {article_id!r} is the name of one of the run's own files: "
                                f"written as {article.id}.json")
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
    record = parse_json(text, str(path))
    return record_article(record, path, article_id, None, data, text, encoding, fields, "json")


def parse_json(text: str, where: str, line: int | None = None) -> Any:
    """A JSON value, or an InputError saying why not; a byte-order mark before it is allowed, as in a
    text file, and a number too long for Python stays its digits."""
    try:
        return json.loads(text.removeprefix("\ufeff"), parse_int=_integer)
    except json.JSONDecodeError as exc:
        at = "" if line else f" at line {exc.lineno}"
        raise InputError(f"{where}: not valid JSON ({exc.msg}{at})", line) from None
    except RecursionError:
        raise InputError(f"{where}: not read: JSON nested too deeply", line) from None


def _integer(digits: str) -> int | str:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else digits


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
            record = parse_json(line, f"{path}:{number}", number)
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
    replaced = any(isinstance(v, str) and UNWRITABLE.search(v) for v in _strings(value))
    body = _writable(value["text"]) if isinstance(value["text"], str) else ""
    if not body.strip():
        raise InputError(f"{where}: no article text (none of the fields {', '.join(fields['text'])})", line)
    description = _string(value["description"]) if isinstance(value["description"], str) else None
    if description and description[:60] not in body:
        body = description + "\n" + body  # the teaser, when the text does not repeat it
    url = _string(value["url"])
    authors = value["authors"]
    if isinstance(authors, str):
        authors = re.split(r";|,| und | and ", authors)
    names = [_string(a) for a in (authors if isinstance(authors, list) else [authors])]
    source = Source(kind=kind, line=line, url=url, outlet=_string(value["outlet"]) or _hostname(url),
                    published=_string(value["published"]), title=_string(value["title"]),
                    authors=tuple(name for name in names if name))
    article_id = safe_id(_string(value["id"]) or _url_id(url) or fallback_id)
    article = _article(path, article_id, data, original, encoding, source, body.replace("\r\n", "\n"))
    if replaced:
        article.warnings.append("the record's fields held characters no output file can (NUL: removed; "
                                "other control characters, lone surrogates: shown as U+FFFD)")
    return article


def field_names(custom: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The record field names to try per meaning, the user's own first."""
    return {meaning: ((custom[meaning],) if meaning in custom else ()) + names
            for meaning, names in RECORD_FIELDS.items()}


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    return next((record[name] for name in names if record.get(name) not in (None, "", [])), None)


def _strings(value: Any) -> Iterator[Any]:
    """Every string inside a field's value (a list of authors holds several)."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _strings(item)
    else:
        yield value


def _string(value: Any) -> str | None:
    """A text field's text: a string (or a number) stripped, with what no output file can hold replaced;
    None for anything else (a list, an object)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return _writable(str(value)).strip() or None


def _writable(text: str) -> str:
    """NUL characters dropped, other control characters and lone surrogates (which UTF-8 cannot hold)
    replaced."""
    return UNWRITABLE.sub(lambda found: "" if found.group() == "\x00" else "\ufffd", text)


def _hostname(url: str | None) -> str | None:
    found = re.match(r"https?://(?:www\.)?([^/:?#]+)", url or "")
    return found.group(1) if found else None


def _url_id(url: str | None) -> str | None:
    """"https://www.lz.de/lokales/radwege-123.html" -> "radwege-123-1a2b3c4d": readable and unique."""
    if not url:
        return None
    parts = [part for part in re.split(r"[/?#]", url.rstrip("/")) if part]
    if not parts:
        return None
    stem = re.sub(r"\.(?:s?html?|php|aspx?)$", "", parts[-1])
    return f"{stem[:60]}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


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
