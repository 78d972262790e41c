"""A persistent sentence cache that wraps any Translator: a sentence translated once with the same model
and settings is never translated again (re-runs, wire copy repeated across outlets)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ..errors import Interrupted
from . import Translator

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
        settings = {k: v for k, v in inner.provenance().items() if k not in NOT_IN_KEY}
        self.key = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS scored_translations ("
            " settings TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, score REAL NOT NULL,"
            " PRIMARY KEY (settings, source))"
        )

    def translate_scored(self, sentences: Sequence[str], num_beams: int | None = None
                         ) -> list[tuple[str, float]]:
        if num_beams is not None:  # a repair with another beam: not what the cache holds
            return self.inner.translate_scored(sentences, num_beams)
        found = {source: (target, score) for source, target, score in self._lookup(set(sentences))}
        missing = [s for s in dict.fromkeys(sentences) if s not in found]
        self.stats.hits += len(sentences) - sum(1 for s in sentences if s in missing)
        self.stats.misses += len(missing)
        # In chunks, each stored as soon as it is done: a run killed mid-way loses one chunk at most.
        chunks = [missing[start:start + CHUNK] for start in range(0, len(missing), CHUNK)]
        finished = self.inner.translate_chunks(chunks)
        for chunk in chunks:
            try:
                translated = next(finished)
            except Interrupted as stop:  # keep what was finished, so the next run need not redo it
                self._store([(chunk[index], pair) for index, pair in stop.done.items()])
                raise
            self._store(list(zip(chunk, translated)))
            found.update(zip(chunk, translated))
        return [found[s] for s in sentences]

    def _store(self, pairs: list[tuple[str, tuple[str, float]]]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO scored_translations VALUES (?, ?, ?, ?)",
                                [(self.key, source, target, score) for source, (target, score) in pairs])

    def _lookup(self, sentences: set[str]) -> list[tuple[str, str, float]]:
        rows: list[tuple[str, str, float]] = []
        batch = list(sentences)
        for start in range(0, len(batch), 500):  # SQLite caps the number of bound parameters
            chunk = batch[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows += self.db.execute(
                "SELECT source, target, score FROM scored_translations WHERE settings = ? "
                f"AND source IN ({marks})",
                [self.key, *chunk],
            ).fetchall()
        return rows

    def count_tokens(self, sentence: str) -> int:
        return self.inner.count_tokens(sentence)

    def provenance(self) -> dict[str, Any]:
        return self.inner.provenance()

    def close(self) -> None:
        self.db.close()
