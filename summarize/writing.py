"""Article JSON files and the digest, each written atomically (temp file in the same folder, rename)."""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import logging
import os
import re
import socket
import tempfile
from importlib import metadata
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from . import digest
from .errors import OutputLocked
from .records import Article, Flag, RunReport, Sentence
from .settings import Settings
from .version import __version__

SCHEMA_VERSION = 2
LOCK_NAME = ".summarize.lock"
# Libraries whose version can change a translation or a summary.
LIBRARIES = ("transformers", "ctranslate2", "torch", "sentencepiece", "sacremoses", "pysbd")

log = logging.getLogger(__name__)

TEMP_SUFFIX = ".tmp"
ARCHIVE = "archive"  # OUT/archive/: the nights delivered (summarize.delivery), and their ledger
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _new_file_mode() -> int:
    umask = os.umask(0o022)  # reading the umask means setting it: set it straight back
    os.umask(umask)
    return 0o666 & ~umask


class OutputLock:
    """One run per output folder, held with the operating system's advisory lock (flock) on a lock file
    kept open for the run: a crashed or killed run cannot leave it behind. The file names the holder
    (host, process, start) for the message another run gets. Taking the lock also removes the temp files
    an interrupted run left."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LOCK_NAME
        self.handle: int | None = None

    def __enter__(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while self.handle is None:
            try:
                handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except IsADirectoryError:
                raise OutputLocked(f"{self.path}: is a folder, not a run's lock file; remove it") from None
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(handle, 300).decode("utf-8", "replace").strip() or "unknown"
                os.close(handle)
                raise OutputLocked(f"{self.path.parent}: another run ({holder}) is writing here; "
                                   "wait for it to finish") from None
            if _same_file(handle, self.path):
                self.handle = handle
            else:  # the holder removed the file as we opened it: lock the new one
                os.close(handle)
        os.ftruncate(self.handle, 0)
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        os.write(self.handle, f"process {os.getpid()} on {socket.gethostname()}, started {started}".encode())
        for where in ("", f"{ARCHIVE}/", f"{ARCHIVE}/*/"):  # the output folder, the archive, its nights
            for orphan in self.path.parent.glob(f"{where}.*{TEMP_SUFFIX}"):
                orphan.unlink(missing_ok=True)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.path.unlink(missing_ok=True)  # before the unlock: a run waiting to lock sees a new file
            os.close(self.handle)
            self.handle = None


def _same_file(handle: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle), path.stat())
    except FileNotFoundError:
        return False


def fingerprint(settings: Settings) -> str:
    """Everything that can change an article's output: tool and library versions, translation and summary
    settings. An article whose input bytes and fingerprint are unchanged is not redone."""
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    parts = {"tool": __version__, "libraries": versions,
             "translation": dataclasses.asdict(settings.translation),
             "summary": dataclasses.asdict(settings.summary)}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def read_record(path: Path) -> dict[str, Any] | None:
    """An article file as written by us, or None when it is missing, truncated or not ours."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("schema_version") != SCHEMA_VERSION:
        return None
    return record


def is_up_to_date(out_dir: Path, article: Article, settings_fingerprint: str) -> bool:
    """Whether the article's file is complete and was made from these bytes with these settings; a file
    the digest could not read (truncated, edited, fields missing) is not, and the article is redone."""
    record = read_record(out_dir / f"{article.id}.json")
    return bool(record and record.get("sha256") == article.sha256
                and record.get("fingerprint") == settings_fingerprint and _entry_of(record) is not None)


def provenance(translation: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Everything needed to tell why two runs' outputs differ (timings live in run.json only)."""
    return {
        "tool": {"name": "summarize", "version": __version__},
        "translation": translation,
        "summary": dataclasses.asdict(settings.summary),
        "settings_source": settings.source,
    }


def article_record(article: Article, models: dict[str, Any], settings_fingerprint: str) -> dict[str, Any]:
    paragraphs = article.sentences_by_paragraph()
    return {
        "schema_version": SCHEMA_VERSION,
        "id": article.id,
        "source_path": str(article.path),
        "sha256": article.sha256,
        "source": {
            "kind": article.source.kind, "line": article.source.line, "url": article.source.url,
            "outlet": article.source.outlet, "published": article.source.published,
            "authors": list(article.source.authors),
        },
        "encoding": article.encoding,
        "fingerprint": settings_fingerprint,
        "title": {"de": article.title_de, "en": article.title_en, "derived": article.title_derived},
        "language": article.language,
        "summary_en": article.summary_en,
        "summary_sentences": article.summary_sentences,
        "cleaned_de": [" ".join(s.de for s in sentences) for sentences in paragraphs],
        "translation_en": [" ".join(s.en for s in sentences) for sentences in paragraphs],
        "sentences": [sentence_record(number, sentence)
                      for number, sentences in enumerate(paragraphs) for sentence in sentences],
        "flagged_sentences": sum(1 for s in article.sentences if s.flags),
        "kept_lines": article.cleaned.kept_lines if article.cleaned else [],
        "removed": [dataclasses.asdict(r) for r in article.cleaned.removed] if article.cleaned else [],
        "models": models,
        "warnings": article.warnings,
        "original": article.original,
    }


def sentence_record(paragraph: int, sentence: Sentence) -> dict[str, Any]:
    """Where a sentence is (its paragraph numbered as in cleaned_de), German, English, and for a translated
    article the model's confidence, the checks' flags and how it was repaired."""
    record: dict[str, Any] = {"paragraph": paragraph, "line": sentence.line, "de": sentence.de,
                              "en": sentence.en}
    if sentence.confidence is not None:
        record["confidence"] = sentence.confidence
        record["flags"] = [{"kind": f.kind, "reason": f.reason} for f in sentence.flags]
        if sentence.repair:
            record["repaired"] = sentence.repair
    return record


def write_article(out_dir: Path, article: Article, models: dict[str, Any], settings_fingerprint: str) -> Path:
    path = out_dir / f"{article.id}.json"
    write_json(path, article_record(article, models, settings_fingerprint))
    return path


def read_entry(path: Path) -> digest.Entry | None:
    """What the digest shows of an article, from its file; None when the file is missing, not ours, or
    lacks a field the digest needs."""
    record = read_record(path)
    return _entry_of(record) if record is not None else None


def _entry_of(record: dict[str, Any]) -> digest.Entry | None:
    try:
        return _entry(record)
    except (KeyError, TypeError, AttributeError, ValueError):
        return None


def _entry(record: dict[str, Any]) -> digest.Entry:
    """The digest's entry of an article record; a TypeError or KeyError where a field is missing or not
    what we write (a file edited by hand, or damaged)."""
    paragraphs: dict[int, list[digest.EntrySentence]] = {}
    for sentence in record["sentences"]:
        flags = tuple(Flag(_text(f["kind"]), _text(f["reason"])) for f in sentence.get("flags", []))
        paragraphs.setdefault(_number(sentence["paragraph"]), []).append(
            digest.EntrySentence(_text(sentence["de"]), _text(sentence["en"]), flags))
    title, source = record["title"], record["source"]
    return digest.Entry(
        id=_text(record["id"]), title_de=_text(title["de"]), title_en=_text(title["en"]),
        title_derived=bool(title["derived"]), language=_text(record["language"]),
        summary_en=_text(record["summary_en"]), source_path=_text(record["source_path"]),
        outlet=_text(source["outlet"], optional=True), published=_text(source["published"], optional=True),
        url=_text(source["url"], optional=True),
        paragraphs=tuple(tuple(sentences) for _, sentences in sorted(paragraphs.items())),
        warnings=tuple(_text(warning) for warning in record["warnings"]), original=_text(record["original"]),
    )


def _text(value: Any, optional: bool = False) -> Any:
    if not (isinstance(value, str) or optional and value is None):
        raise TypeError(f"not a text: {value!r}")
    return value


def _number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"not a number: {value!r}")
    return value


def write_digest(out_dir: Path, article_ids: list[str], done: list[Article], warnings: list[str]) -> Path:
    """The digest of the given articles, as a first night shows them (the library's digest of a list of
    articles; a run's nights go through delivery.publish): digest.json, digest.md and digest.html."""
    entries = digest_entries(out_dir, article_ids, [digest.Entry.of(article) for article in done])
    stories = digest.group_stories(entries)
    generated = datetime.now(timezone.utc).isoformat(timespec="seconds")
    record = digest_record(entries, stories, generated, warnings)
    return write_digest_pages(out_dir, record, digest.digest_view(entries, generated, stories, warnings))


def digest_entries(out_dir: Path, article_ids: Iterable[str], done: list[digest.Entry]) -> list[digest.Entry]:
    """The digest's entries of the given articles: those done now as given, the others (skipped as
    unchanged) from their files; an unreadable file is left out."""
    done_now = {entry.id: entry for entry in done}
    entries = []
    for article_id in article_ids:
        entry = (done_now[article_id] if article_id in done_now
                 else read_entry(out_dir / f"{article_id}.json"))
        if entry is not None:
            entries.append(entry)
    return entries


def digest_record(entries: list[digest.Entry], stories: list[list[digest.Entry]], generated: str,
                  warnings: list[str], history: digest.History | None = None) -> dict[str, Any]:
    """digest.json: the articles shown (new, or updated since an earlier night sent them) and their stories,
    with the earlier nights of a story that continues."""
    history = history or digest.History()
    return {
        "schema_version": SCHEMA_VERSION,
        "generated": generated,
        "warnings": warnings,
        "articles": [{"id": e.id, "title_en": e.title_en, "summary_en": e.summary_en,
                      "source_path": e.source_path, "language": e.language, "warnings": list(e.warnings),
                      "status": "updated" if e.id in history.updated else "new"}
                     for e in entries],
        "stories": [{"title": digest.story_title(story), "article_ids": [e.id for e in story],
                     **_continuing(history.earlier.get(story[0].id))}
                    for story in stories],
    }


def _continuing(earlier: digest.Earlier | None) -> dict[str, Any]:
    if earlier is None:
        return {}
    nights = [night.folder for night in earlier.nights]
    return {"continuing": {"since": nights[0], "earlier_reports": earlier.reports, "nights": nights}}


def write_digest_pages(folder: Path, record: dict[str, Any], view: digest.DigestView,
                       nights_href: str | None = None) -> Path:
    """digest.json, digest.md and digest.html in `folder`; `nights_href` is where the archive's nights are
    from there (for the links of a continuing story)."""
    path = folder / "digest.json"
    write_json(path, record)
    # (written a story at a time: a big night's pages are hundreds of megabytes)
    write_text(folder / "digest.md", digest.markdown_parts(view, nights_href))
    write_text(folder / "digest.html", digest.html_parts(view, nights_href))
    return path


def write_run_report(out_dir: Path, report: RunReport, models: dict[str, Any]) -> Path:
    """out/run.json: what ran, with which models and settings, and what became of every input."""
    counts: dict[str, int] = {}
    for status, _ in report.statuses.values():
        counts[status] = counts.get(status, 0) + 1
    path = out_dir / "run.json"
    write_json(path, {
        "schema_version": SCHEMA_VERSION,
        "started": report.started,
        "finished": report.finished,
        "seconds": {"total": round(report.total_seconds, 3),
                    "translation": round(report.translate_seconds, 3),
                    "checks_and_repairs": round(report.check_seconds, 3)},
        "models": models,
        "counts": counts,
        "warnings": report.warnings,
        "ignored_files": report.ignored_files,
        "delivery": report.delivery,
        "translation": {
            "sentences": report.sentences,
            "distinct": report.distinct_sentences,
            "cache_hits": report.cache_hits,
            "repairs_tried": report.repairs_tried,
            "repairs_left_out": report.repairs_left_out,
            "flagged_by_kind": report.flags,
        },
        "inputs": [
            {"path": path, "status": status, "reason": reason}
            for path, (status, reason) in report.statuses.items()
        ],
    })
    return path


def write_json(path: Path, data: Any) -> None:
    """Write so that `path` is always either the old complete file or the new complete file."""
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_text(path: Path, text: str | Iterable[str]) -> None:
    """Write UTF-8 text (or its parts, in order) atomically: a temp file in the same folder, flushed,
    fsynced, renamed over `path`; with the permissions the user's umask gives a new file (a temp file's
    own are the owner's only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        os.chmod(handle, _new_file_mode())
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            for part in [text] if isinstance(text, str) else text:
                # A file name that is not UTF-8 (its bytes kept as lone surrogates) is shown with U+FFFD.
                file.write(LONE_SURROGATE.sub("\ufffd", part))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
