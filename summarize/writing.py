"""Article JSON files and the digest, each written atomically (temp file in the same folder, rename)."""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .records import Article
from .settings import Settings

if TYPE_CHECKING:
    from .pipeline import RunReport

SCHEMA_VERSION = 1


def provenance(translation: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Everything needed to tell why two runs' outputs differ (timings live in run.json only)."""
    return {
        "tool": {"name": "summarize", "version": __version__},
        "translation": translation,
        "summary": dataclasses.asdict(settings.summary),
        "settings_source": settings.source,
    }


def article_record(article: Article, models: dict[str, Any]) -> dict[str, Any]:
    assert article.cleaned is not None  # only prepared articles reach the writer
    kept = [(p, s) for p, s in zip(article.cleaned.paragraphs, article.sentences) if s]
    english = [t for t, s in zip(article.translations, article.sentences) if s]
    return {
        "schema_version": SCHEMA_VERSION,
        "id": article.id,
        "source_path": str(article.path),
        "sha256": article.sha256,
        "title": {"de": article.title_de, "en": article.title_en, "derived": article.title_derived},
        "language": article.language,
        "summary_en": article.summary_en,
        "summary_sentences": article.summary_sentences,
        "cleaned_de": [" ".join(sentences) for _, sentences in kept],
        "translation_en": [" ".join(t) for t in english],
        "sentences": [
            {"paragraph": index, "line": paragraph.line, "de": de, "en": en}
            for index, ((paragraph, sentences), translations) in enumerate(zip(kept, english))
            for de, en in zip(sentences, translations)
        ],
        "kept_lines": article.cleaned.kept_lines,
        "removed": [dataclasses.asdict(r) for r in article.cleaned.removed],
        "models": models,
        "warnings": article.warnings,
        "original": article.original,
    }


def write_article(out_dir: Path, article: Article, models: dict[str, Any]) -> Path:
    path = out_dir / f"{article.id}.json"
    write_json(path, article_record(article, models))
    return path


def write_digest(out_dir: Path, articles: list[Article]) -> Path:
    path = out_dir / "digest.json"
    write_json(path, {
        "schema_version": SCHEMA_VERSION,
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "articles": [
            {"id": a.id, "title_en": a.title_en, "summary_en": a.summary_en, "source_path": str(a.path),
             "language": a.language, "warnings": a.warnings}
            for a in articles
        ],
    })
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
        "seconds": {"total": round(report.total_seconds, 3), "translation": round(report.translate_seconds, 3)},
        "models": models,
        "counts": counts,
        "translation": {
            "sentences": report.sentences,
            "distinct": report.distinct_sentences,
            "cache_hits": report.cache_hits,
        },
        "inputs": [
            {"path": path, "status": status, "reason": reason}
            for path, (status, reason) in report.statuses.items()
        ],
    })
    return path


def write_json(path: Path, data: Any) -> None:
    """Write so that `path` is always either the old complete file or the new complete file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
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
