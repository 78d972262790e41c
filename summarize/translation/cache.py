"""A persistent sentence cache that wraps any Translator: a sentence translated once with the same model
and settings is never translated again (re-runs, wire copy repeated across outlets)."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

from ..errors import Interrupted
from . import Translator

log = logging.getLogger(__name__)

# Provenance fields that do not change a translation, so they do not split the cache.
NOT_IN_KEY = ("batch_tokens", "max_input_tokens")
# Sentences translated (and committed) at a time; large enough for full batches.
CHUNK = 256


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class CachedTranslator(Translator):
    """Looks every sentence up in SQLite first; only misses reach the wrapped translator."""

    def __init__(self, inner: Translator, path: Path) -> None:
        self.inner = inner
        self.path = path
        self.stats = CacheStats()
        self.settings = {k: v for k, v in inner.provenance().items() if k not in NOT_IN_KEY}
        self.db = self._open()

    def key(self, num_beams: int | None) -> str:
        """The cache key of the model and settings, with another beam for a repair: a repair is cached
        like any translation, so a resumed run repairs as the uninterrupted one did."""
        settings = self.settings if num_beams is None else {**self.settings, "num_beams": num_beams}
        return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()

    def _open(self, first_try: bool = True) -> sqlite3.Connection | None:
        """The cache's database; a file that is not one (corrupt, truncated) is set aside and a new one
        begun; where none can be written, None: the run goes on without a cache."""
        db = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS scored_translations ("
                " settings TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,"
                " score REAL NOT NULL, PRIMARY KEY (settings, source))")
            db.execute("SELECT COUNT(*) FROM scored_translations").fetchone()
            return db
        except (sqlite3.Error, OSError) as exc:
            if db is not None:
                db.close()
            if first_try and _is_corrupt(exc) and self.path.is_file():
                self._set_aside(exc)
                return self._open(first_try=False)
            log.warning("%s: the sentence cache cannot be used (%s); this run translates without it",
                        self.path, exc)
            return None

    def _set_aside(self, exc: Exception) -> None:
        """Keep a broken cache file for inspection, out of the way of the next run."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            if part.exists():
                part.replace(Path(f"{aside}{suffix}"))
        log.warning("%s: the sentence cache is broken (%s); set aside as %s, a new one begun",
                    self.path, exc, aside.name)

    def _give_up(self, exc: Exception) -> None:
        """A cache that fails mid-run (disk full, corrupt pages) costs the run its cache, not its output."""
        log.warning("%s: the sentence cache failed (%s); the rest of this run translates without it",
                    self.path, exc)
        if self.db is not None:
            self.db.close()
            self.db = None
        if _is_corrupt(exc) and self.path.is_file():
            self._set_aside(exc)

    def translate_scored(self, sentences: Sequence[str], num_beams: int | None = None
                         ) -> list[tuple[str, float]]:
        key = self.key(num_beams)
        found = {source: (target, score) for source, target, score in self._lookup(set(sentences), key)}
        missing = [s for s in dict.fromkeys(sentences) if s not in found]
        self.stats.hits += len(sentences) - sum(1 for s in sentences if s in missing)
        self.stats.misses += len(missing)
        # In chunks, each stored as soon as it is done: a run killed mid-way loses one chunk at most.
        chunks = [missing[start:start + CHUNK] for start in range(0, len(missing), CHUNK)]
        finished = self.inner.translate_chunks(chunks, num_beams)
        for chunk in chunks:
            try:
                translated = next(finished)
            except Interrupted as stop:  # keep what was finished, so the next run need not redo it
                self._store([(chunk[index], pair) for index, pair in stop.done.items()], key)
                raise
            self._store(list(zip(chunk, translated)), key)
            found.update(zip(chunk, translated))
        return [found[s] for s in sentences]

    def _store(self, pairs: list[tuple[str, tuple[str, float]]], key: str) -> None:
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO scored_translations VALUES (?, ?, ?, ?)",
                                    [(key, source, target, score) for source, (target, score) in pairs])
        except sqlite3.Error as exc:
            self._give_up(exc)

    def _lookup(self, sentences: set[str], key: str) -> list[tuple[str, str, float]]:
        rows: list[tuple[str, str, float]] = []
        batch = list(sentences)
        try:
            for start in range(0, len(batch), 500):  # SQLite caps the number of bound parameters
                if self.db is None:
                    return []
                chunk = batch[start:start + 500]
                marks = ",".join("?" * len(chunk))
                rows += self.db.execute(
                    "SELECT source, target, score FROM scored_translations WHERE settings = ? "
                    f"AND source IN ({marks})",
                    [key, *chunk],
                ).fetchall()
        except sqlite3.Error as exc:
            self._give_up(exc)
            return []
        return rows

    def count_tokens(self, sentence: str) -> int:
        return self.inner.count_tokens(sentence)

    def provenance(self) -> dict[str, Any]:
        return self.inner.provenance()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


def _is_corrupt(exc: Exception) -> bool:
    """Whether SQLite found the file itself broken (not a database, malformed), rather than the disk full
    or the file unwritable."""
    return isinstance(exc, sqlite3.DatabaseError) and any(
        words in str(exc) for words in ("not a database", "malformed", "corrupt"))
