"""Runs the stages over a whole batch; a problem with one article becomes its status, not a crash.

read (discovery, reading) -> clean and segment (preparing) -> translate (translating) -> check and
repair (repair) -> summarize (summary) -> write (writing); this module only orchestrates them."""

from __future__ import annotations

import itertools
import logging
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import delivery, digest, writing
from .discovery import discover
from .engines import engine_for
from .errors import ConfigError, InputError
from .preparing import prepare
from .records import Article, RunReport
from .repair import check_and_repair, flagged_share_warning
from .settings import EmailSettings, Settings
from .summary import load_abstractive, summarize_article
from .translating import translate_all
from .translation import Translator
from .translation.cache import CachedTranslator

log = logging.getLogger(__name__)

DEFAULT_INPUTS = ("seeds",)


def run(
    inputs: Iterable[Path | str] = DEFAULT_INPUTS,
    out_dir: Path | str = "out",
    settings: Settings | None = None,
    progress: bool = False,
    translator: Translator | None = None,
    force: bool = False,
    recursive: bool = False,
    clock: Callable[[], datetime] = delivery.local_now,
    deliver: bool = True,
) -> RunReport:
    """Translate and summarize every input; write one JSON per article, the night's digest (archived, in
    the feed), and run.json to out_dir; then e-mail what is pending when [deliver.email] is set and
    `deliver`.

    An article whose input bytes and settings are unchanged since its JSON was written is skipped
    (unless `force`); a run interrupted at any point finishes the rest when started again. `clock` gives
    the run's finish time, in local time: the night's date."""
    started = time.monotonic()
    settings = settings or Settings()
    _refuse_folders_that_are_files(Path(out_dir), settings)
    email = settings.deliver.email if deliver else None
    if email is not None:
        delivery.password_of(email)  # a missing password stops the run here, before any work
    found = discover(inputs, recursive, Path(out_dir))
    report = RunReport(Path(out_dir), ignored_files=len(found.ignored))
    if found.ignored:
        log.info("ignored %s files that are not .txt, .html, .json or .jsonl", len(found.ignored))
    for folder, reason in found.unreadable.items():
        report.set(folder, "failed", reason)
    fingerprint = writing.fingerprint(settings)
    engine = engine_for(settings)
    kept: dict[str, tuple[Path, str]] = {}
    batches = _batches(_articles_to_do(engine.read(found, settings, progress), report, fingerprint, force,
                                       kept), settings.run.batch_articles)
    first = next(batches, [])

    models = {"id": settings.translation.model, "revision": settings.translation.revision, "loaded": False}
    loaded = None
    if first:
        # The model is loaded before anything is written, so a missing model leaves out/ untouched.
        loaded = translator or engine.translator(settings, progress)
        models = loaded.provenance()
    entries: list[digest.Entry] = []
    with writing.OutputLock(report.out_dir):
        if loaded is not None:
            night = Translation(loaded, settings, report)
            try:
                for batch in itertools.chain([first], batches):
                    entries += translate_and_write(batch, night, settings, fingerprint)
                    batch.clear()  # the batch's articles are written: only their digest entries stay
            finally:
                night.close()
        identities = {article_id: sha256 for article_id, (_, sha256) in kept.items()}
        finished = clock()
        report.delivery = delivery.publish(report.out_dir, identities, entries, report.warnings, finished,
                                           email=settings.deliver.email is not None,
                                           base_url=settings.deliver.base_url)
        if email is not None:
            _email(report, email, clock)
        report.total_seconds = time.monotonic() - started
        report.finished = finished.astimezone(timezone.utc).isoformat(timespec="seconds")
        writing.write_run_report(report.out_dir, report, writing.provenance(models, settings))
    return report


def _email(report: RunReport, email: EmailSettings, clock: Callable[[], datetime]) -> None:
    """Send the pending nights; a server that does not take them costs nothing but the wait: the digest is
    written, and they go out with the next run."""
    outcome = delivery.deliver_pending(report.out_dir, email, clock=clock)
    report.delivery["email"] = outcome.report(email)
    if outcome.failure:
        report.delivery_failed = outcome.failure
        log.error("%s; it goes out with the next run (or: summarize deliver %s)", outcome.failure,
                  report.out_dir)


def _articles_to_do(read: Iterable[tuple[Path, Article | InputError]], report: RunReport, fingerprint: str,
                    force: bool, kept: dict[str, tuple[Path, str]]) -> Iterator[Article]:
    """The prepared articles to translate, as they are read; `kept` gets all that the night can deliver
    (those skipped as unchanged too), each id with the input that gave it and its sha256 (not the article:
    a skipped one is not kept whole). Every other input gets its status in the report."""
    seen_content: dict[str, Path] = {}
    for path, item in read:
        if isinstance(item, InputError):
            report.set(Path(f"{path}:{item.line}") if item.line else path, "failed", str(item))
            continue
        where = report_key(item)
        try:
            if item.sha256 in seen_content:
                report.set(where, "skipped", f"same content as {seen_content[item.sha256]}")
                continue
            seen_content[item.sha256] = where
            if item.id in kept:
                raise InputError(f"{where}: gives the same article id {item.id!r} as {kept[item.id][0]}")
            if not force and writing.is_up_to_date(report.out_dir, item, fingerprint):
                kept[item.id] = where, item.sha256
                report.set(where, "skipped", "unchanged since the last run")
                continue
            prepared = item if item.cleaned else prepare(item)
            kept[item.id] = where, item.sha256
        except InputError as exc:
            report.set(where, "failed", str(exc))
            continue
        yield prepared


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """The articles in lists of `size`, so that a night holds one batch of articles whole, whatever its
    size."""
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _refuse_folders_that_are_files(out_dir: Path, settings: Settings) -> None:
    """The output and cache folders must be folders (or not exist yet): found before anything is read."""
    folders = {"the output folder (-o)": out_dir}
    if settings.run.cache and settings.run.cache_dir:
        folders["the sentence cache folder (--cache-dir, run.cache_dir)"] = Path(settings.run.cache_dir)
    for what, folder in folders.items():
        if folder.exists() and not folder.is_dir():
            raise ConfigError(f"{folder}: is a file, not a folder; give another path for {what}")


class Translation:
    """What the night's batches share: the translator (through the sentence cache when it is on) and the
    provenance its articles record, the summarization model, the run's report, and the flagged share the
    run's warning is about."""

    def __init__(self, translator: Translator, settings: Settings, report: RunReport) -> None:
        if settings.run.cache:
            cache_dir = Path(settings.run.cache_dir) if settings.run.cache_dir else report.out_dir / ".cache"
            translator = CachedTranslator(translator, cache_dir / "translations.sqlite3")
        self.translator = translator
        self.models = writing.provenance(translator.provenance(), settings)
        self.report = report
        self.sentences = self.flagged = 0
        self.abstractive = load_abstractive(settings) if settings.summary.method == "abstractive" else None

    def close(self) -> None:
        """Say whether the model flagged far too much, take the cache's count, close the cache."""
        warning = flagged_share_warning(self.flagged, self.sentences)
        if warning:
            log.warning("%s", warning)
            self.report.warnings.append(warning)
        if isinstance(self.translator, CachedTranslator):
            self.report.cache_hits = self.translator.stats.hits
            self.translator.close()


def translate_and_write(articles: list[Article], night: Translation, settings: Settings,
                        fingerprint: str) -> list[digest.Entry]:
    """Translate, check and repair, summarize and write a batch of articles; returns their digest
    entries."""
    report = night.report
    translating = time.monotonic()
    sentences, distinct = translate_all(articles, night.translator, settings.translation.max_input_tokens)
    report.sentences += sentences
    report.distinct_sentences += distinct
    report.translate_seconds += time.monotonic() - translating
    checking = time.monotonic()
    flags = check_and_repair(articles, night.translator, settings)
    report.repairs_tried += flags.pop("repairs_tried")
    report.repairs_left_out += flags.pop("repairs_left_out")
    for kind, count in flags.items():
        report.flags[kind] = report.flags.get(kind, 0) + count
    german = [s for a in articles if a.language == "de" for s in a.sentences]
    night.sentences += len(german)
    night.flagged += sum(1 for s in german if s.flags)
    report.check_seconds += time.monotonic() - checking
    entries = []
    for article in articles:
        summarize_article(article, settings, night.abstractive)
        writing.write_article(report.out_dir, article, night.models, fingerprint)
        report.set(report_key(article), "done with warnings" if article.warnings else "done",
                   "; ".join(article.warnings))
        entries.append(digest.Entry.of(article))
    return entries


def report_key(article: Article) -> Path:
    """How the report names an article: its file, and for a line of JSON Lines "file:line"."""
    return Path(f"{article.path}:{article.source.line}") if article.source.line else article.path
