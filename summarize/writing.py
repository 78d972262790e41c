"""Article JSON files and the digest, each written atomically (temp file in the same folder, rename)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import socket
import tempfile
from importlib import metadata
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

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


class OutputLock:
    """One run per output folder. The lock file holds host and process id; a lock whose process is
    gone (a crashed or killed run) is taken over, so it never blocks the next night."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LOCK_NAME

    def __enter__(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        owner = f"{socket.gethostname()} {os.getpid()}"
        while True:
            try:
                handle = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                holder = self.path.read_text(encoding="utf-8", errors="replace").split()
                if _still_running(holder):
                    raise OutputLocked(
                        f"{self.path.parent}: another run (process {' on '.join(reversed(holder))}) "
                        "is writing here; wait for it to finish, "
                        f"or remove {self.path} if it is not running") from None
                log.warning("taking over the lock of a run that is gone (%s)", " ".join(holder))
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(owner)
            return self

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)


def _still_running(holder: list[str]) -> bool:
    if len(holder) != 2 or not holder[1].isdigit():
        return False
    if holder[0] != socket.gethostname():
        return True  # another machine's run: we cannot tell, so do not steal it
    try:
        os.kill(int(holder[1]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
    record = read_record(out_dir / f"{article.id}.json")
    return bool(record and record.get("sha256") == article.sha256
                and record.get("fingerprint") == settings_fingerprint)


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
    """What the digest shows of an article, from its file; None when the file is missing or not ours."""
    record = read_record(path)
    if record is None:
        return None
    paragraphs: dict[int, list[digest.EntrySentence]] = {}
    for sentence in record["sentences"]:
        flags = tuple(Flag(f["kind"], f["reason"]) for f in sentence.get("flags", []))  # none if not German
        paragraphs.setdefault(sentence["paragraph"], []).append(
            digest.EntrySentence(sentence["de"], sentence["en"], flags))
    title, source = record["title"], record["source"]
    return digest.Entry(
        id=record["id"], title_de=title["de"], title_en=title["en"], title_derived=title["derived"],
        language=record["language"], summary_en=record["summary_en"], source_path=record["source_path"],
        outlet=source["outlet"], published=source["published"], url=source["url"],
        paragraphs=tuple(tuple(sentences) for _, sentences in sorted(paragraphs.items())),
        warnings=tuple(record["warnings"]), original=record["original"],
    )


def write_digest(out_dir: Path, article_ids: list[str], done: list[Article]) -> Path:
    """The digest of the run's articles: those done now from their records, those skipped as unchanged
    from their files.

    digest.json (machine-readable, with the stories), digest.md and digest.html (for people)."""
    done_now = {article.id: article for article in done}
    entries = []
    for article_id in article_ids:
        entry = (digest.Entry.of(done_now[article_id]) if article_id in done_now
                 else read_entry(out_dir / f"{article_id}.json"))
        if entry is not None:
            entries.append(entry)
    stories = digest.group_stories(entries)
    generated = datetime.now(timezone.utc).isoformat(timespec="seconds")
    path = out_dir / "digest.json"
    write_json(path, {
        "schema_version": SCHEMA_VERSION,
        "generated": generated,
        "articles": [{"id": e.id, "title_en": e.title_en, "summary_en": e.summary_en,
                      "source_path": e.source_path, "language": e.language, "warnings": list(e.warnings)}
                     for e in entries],
        "stories": [{"title": digest.story_title(story), "article_ids": [e.id for e in story]}
                    for story in stories],
    })
    write_text(out_dir / "digest.md", digest.render_markdown(entries, generated, stories))
    write_text(out_dir / "digest.html", digest.render_html(entries, generated, stories))
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
        "ignored_files": report.ignored_files,
        "translation": {
            "sentences": report.sentences,
            "distinct": report.distinct_sentences,
            "cache_hits": report.cache_hits,
            "repairs_tried": report.repairs_tried,
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


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically: a temp file in the same folder, flushed, fsynced, renamed over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
