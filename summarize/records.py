"""Records that cross stages: one Article per input, enriched stage by stage."""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Flag:
    """A doubt about one translated sentence: its kind (see checks.KINDS) and a reason a reader
    understands."""

    kind: str
    reason: str


@dataclass(frozen=True)
class Paragraph:
    """A cleaned paragraph and the 1-based input line it came from."""

    line: int
    text: str
    # An item of a bulleted list on the page (bullet removed from `text`): key points, when near the top.
    list_item: bool = False


@dataclass(frozen=True)
class RemovedLine:
    """An input line the cleaner dropped, with a reason a person understands."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Cleaned:
    """What the cleaner keeps of one text."""

    title: str | None
    title_line: int | None
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[RemovedLine, ...]

    @property
    def kept_lines(self) -> list[int]:
        lines = [p.line for p in self.paragraphs]
        if self.title_line is not None:
            lines.append(self.title_line)
        return sorted(set(lines))


@dataclass(frozen=True)
class Sentence:
    """One German sentence of an article, where it stands, and what translation and the checks made of it."""

    de: str
    paragraph: int  # index into the article's cleaned.paragraphs
    line: int  # the 1-based input line of its paragraph
    en: str = ""
    # The model's mean log-probability per token; None where the model did not translate it (not German).
    confidence: float | None = None
    flags: tuple[Flag, ...] = ()
    repair: str = ""  # how a flagged translation was replaced; "" when it was kept


@dataclass(frozen=True)
class Source:
    """Where an article came from, as far as its input tells: the file (and line, for JSON Lines), the
    kind of input, and the page's own metadata."""

    kind: str = "txt"  # txt, html, json, jsonl, stdin
    line: int | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    title: str | None = None  # the headline from metadata; the cleaner's is used when absent


@dataclass
class Article:
    """Everything about one input, filled in by the stages in order."""

    id: str
    path: Path
    sha256: str
    original: str
    # How the bytes were decoded: "utf-8", or a fallback ("cp1252", "latin-1") named in the warnings.
    encoding: str = "utf-8"
    source: Source = field(default_factory=Source)
    # The text the cleaner reads, when it is not the original (the main text of an HTML page or a JSON
    # record); line numbers in `cleaned` refer to it.
    text: str | None = None
    cleaned: Cleaned | None = None
    # Title used for output: the headline, or the first sentence when the page has none.
    title_de: str = ""
    title_derived: bool = False
    # In article order, each German sentence once (a teaser repeated in the body is kept at its first place).
    sentences: list[Sentence] = field(default_factory=list)
    # "de", or the language the cleaned text looks like instead ("en", "fr", ..., "unknown").
    language: str = "de"
    title_en: str = ""
    summary_en: str = ""
    # Indices into `sentences` of the sentences the summary is made of.
    summary_sentences: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def sentences_by_paragraph(self) -> list[list[Sentence]]:
        """The sentences grouped by paragraph, in order; a paragraph whose sentences all came earlier in the
        article has none, and is left out."""
        return [list(group) for _, group in itertools.groupby(self.sentences, key=lambda s: s.paragraph)]


@dataclass
class RunReport:
    """What a run did: per input file its status ("done", "done with warnings", "skipped", "failed")
    and the reason."""

    out_dir: Path
    statuses: dict[str, tuple[str, str]] = field(default_factory=dict)
    ignored_files: int = 0
    started: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    finished: str = ""
    sentences: int = 0
    distinct_sentences: int = 0
    cache_hits: int = 0
    flags: dict[str, int] = field(default_factory=dict)
    translate_seconds: float = 0.0
    check_seconds: float = 0.0
    repairs_tried: int = 0
    repairs_left_out: int = 0  # flagged, but over the repair budget
    warnings: list[str] = field(default_factory=list)  # about the run as a whole
    total_seconds: float = 0.0
    delivery: dict[str, Any] = field(default_factory=dict)  # the night archived, and the e-mail (run.json)
    delivery_failed: str = ""  # why the digest could not be e-mailed; it goes out with the next run

    @property
    def failed(self) -> list[str]:
        return [path for path, (status, _) in self.statuses.items() if status == "failed"]

    def set(self, path: Path, status: str, reason: str = "") -> None:
        self.statuses[str(path)] = (status, reason)
        if status == "failed":
            log.error("%s", reason)
        elif reason:
            log.warning("%s: %s", path, reason)
