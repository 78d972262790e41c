"""Runs the stages over a whole batch; a problem with one article becomes its status, not a crash."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from . import checks, cleaning, segmenting, summary, writing
from .errors import InputError, ModelUnavailable
from .lexicon import language_guess
from .reading import Inputs, discover, read_inputs, text_for_cleaning
from .records import Article
from .settings import Settings
from .translation import Translator, load_translator
from .translation.cache import CachedTranslator

if TYPE_CHECKING:
    from .abstractive import AbstractiveSummarizer

log = logging.getLogger(__name__)

DEFAULT_INPUTS = ("seeds",)
# Key points are a bulleted list among the first paragraphs; a subheading is short and unpunctuated.
KEY_POINTS_WITHIN = 8
HEADING_MAX_WORDS = 8
# Repair: the beam is doubled up to this; sentences this long are also tried in two halves.
MAX_REPAIR_BEAMS = 8
REPAIR_SPLIT_WORDS = 25
SENTENCE_END = re.compile(r"[.!?…\"“”»«)]$")


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
    total_seconds: float = 0.0

    @property
    def failed(self) -> list[str]:
        return [path for path, (status, _) in self.statuses.items() if status == "failed"]

    def set(self, path: Path, status: str, reason: str = "") -> None:
        self.statuses[str(path)] = (status, reason)
        if status == "failed":
            log.error("%s", reason)
        elif reason:
            log.warning("%s: %s", path, reason)


def run(
    inputs: Iterable[Path | str] = DEFAULT_INPUTS,
    out_dir: Path | str = "out",
    settings: Settings | None = None,
    progress: bool = False,
    translator: Translator | None = None,
    force: bool = False,
    recursive: bool = False,
) -> RunReport:
    """Translate and summarize every input; write one JSON per article, the digest and run.json to out_dir.

    An article whose input bytes and settings are unchanged since its JSON was written is skipped
    (unless `force`); a run interrupted at any point finishes the rest when started again."""
    started = time.monotonic()
    settings = settings or Settings()
    found = discover(inputs, recursive)
    report = RunReport(Path(out_dir), ignored_files=len(found.ignored))
    if found.ignored:
        log.info("ignored %s files that are not .txt, .html, .json or .jsonl", len(found.ignored))
    fingerprint = writing.fingerprint(settings)

    articles: list[Article] = []
    kept: dict[str, Path] = {}  # article id -> input, for everything that ends up in the digest
    seen_content: dict[str, Path] = {}
    for path, item in read_all(found, settings, progress):
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
                raise InputError(f"{where}: gives the same article id {item.id!r} as {kept[item.id]}")
            if not force and writing.is_up_to_date(report.out_dir, item, fingerprint):
                kept[item.id] = where
                report.set(where, "skipped", "unchanged since the last run")
                continue
            articles.append(item if item.cleaned else prepare(item))
            kept[item.id] = where
        except InputError as exc:
            report.set(where, "failed", str(exc))

    models = {"id": settings.translation.model, "revision": settings.translation.revision, "loaded": False}
    loaded = None
    if articles:
        # The model is loaded before anything is written, so a missing model leaves out/ untouched.
        loaded = translator or load_engine_translator(settings, progress)
        models = loaded.provenance()
    with writing.OutputLock(report.out_dir):
        if loaded is not None:
            translate_and_write(articles, loaded, settings, fingerprint, report, progress)
        writing.write_digest(report.out_dir, list(kept))
        report.total_seconds = time.monotonic() - started
        report.finished = datetime.now(timezone.utc).isoformat(timespec="seconds")
        writing.write_run_report(report.out_dir, report, writing.provenance(models, settings))
    return report


def read_all(found: Inputs, settings: Settings, progress: bool
             ) -> Iterator[tuple[Path, Article | InputError]]:
    """Every article (or the reason it cannot be read) of every input; with the ray engine, read,
    cleaned and segmented in Ray tasks."""
    if settings.run.engine == "ray":
        from . import ray_engine

        yield from ray_engine.read_and_prepare(found, settings)
        return
    from tqdm import tqdm

    for path, article_id in tqdm(found.files.items(), desc="reading", unit="file", disable=not progress,
                                 leave=False):
        for item in read_inputs(path, article_id, settings.run.max_input_bytes, settings.input.fields):
            yield path, item


def load_engine_translator(settings: Settings, progress: bool) -> Translator:
    if settings.run.engine == "ray":
        from .ray_engine import RayTranslator

        return RayTranslator(settings)
    return load_translator(settings.translation, progress=progress)


def translate_and_write(articles: list[Article], translator: Translator, settings: Settings, fingerprint: str,
                        report: RunReport, progress: bool) -> None:
    if settings.run.cache:
        cache_dir = Path(settings.run.cache_dir) if settings.run.cache_dir else report.out_dir / ".cache"
        translator = CachedTranslator(translator, cache_dir / "translations.sqlite3")
    translating = time.monotonic()
    report.sentences, report.distinct_sentences = translate_all(
        articles, translator, settings.translation.max_input_tokens, progress)
    report.translate_seconds = time.monotonic() - translating
    if isinstance(translator, CachedTranslator):
        report.cache_hits = translator.stats.hits
    checking = time.monotonic()
    report.flags = check_and_repair(articles, translator, settings)
    report.repairs_tried = report.flags.pop("repairs_tried")
    report.check_seconds = time.monotonic() - checking
    if isinstance(translator, CachedTranslator):
        translator.close()
    models = writing.provenance(translator.provenance(), settings)
    abstractive = load_abstractive(settings) if settings.summary.method == "abstractive" else None
    for article in articles:
        summarize_article(article, settings, abstractive)
        writing.write_article(report.out_dir, article, models, fingerprint)
        report.set(report_key(article), "done with warnings" if article.warnings else "done",
                   "; ".join(article.warnings))


def report_key(article: Article) -> Path:
    """How the report names an article: its file, and for a line of JSON Lines "file:line"."""
    return Path(f"{article.path}:{article.source.line}") if article.source.line else article.path


def prepare(article: Article) -> Article:
    """Clean and segment one article (pure, no model needed)."""
    cleaned = cleaning.clean(text_for_cleaning(article), extracted=article.text is not None)
    article.cleaned = cleaned
    article.sentences = segment_unique([p.text for p in cleaned.paragraphs])
    if not any(article.sentences):
        raise InputError(f"{article.path}: no article text left after cleaning")
    article.language = language_guess(" ".join(article.flat_sentences()))
    if article.language != "de":
        article.warnings.append(
            f"not German (looks like {article.language}): not translated; "
            "the summary is in the original language")
    if article.source.title:  # the page's or record's own headline
        article.title_de = article.source.title
    elif cleaned.title:
        article.title_de = cleaned.title
    else:
        article.title_de = article.flat_sentences()[0]
        article.title_derived = True
    return article


def segment_unique(paragraphs: list[str]) -> list[list[str]]:
    """Sentences per paragraph; a sentence already seen earlier in the article (a teaser repeated in
    the body) is kept only at its first place."""
    seen: set[str] = set()
    result = []
    for paragraph in paragraphs:
        sentences = []
        for sentence in segmenting.split_sentences(paragraph):
            if sentence not in seen:
                seen.add(sentence)
                sentences.append(sentence)
        result.append(sentences)
    return result


def translate_all(
    articles: list[Article], translator: Translator, max_tokens: int, progress: bool
) -> tuple[int, int]:
    """Translate every title and sentence of the run in one call, each distinct text once; returns how
    many texts there were and how many distinct. An article that is not German keeps its own text."""
    german = [a for a in articles if a.language == "de"]
    texts = [a.title_de for a in german] + [s for a in german for s in a.flat_sentences()]
    unique = list(dict.fromkeys(texts))
    english = dict(zip(unique, translate_fitted(unique, translator, max_tokens)))
    for article in articles:
        if article.language != "de":
            article.title_en = article.title_de
            article.translations = [list(paragraph) for paragraph in article.sentences]
            continue
        article.title_en = english[article.title_de][0]
        article.translations = [[english[s][0] for s in paragraph] for paragraph in article.sentences]
        article.confidence = [round(english[s][1], 4) for s in article.flat_sentences()]
    return len(texts), len(unique)


def translate_fitted(texts: list[str], translator: Translator, max_tokens: int, num_beams: int | None = None
                     ) -> list[tuple[str, float]]:
    """Translate texts the model may not take whole: over-long ones go in clause-sized pieces, joined
    after (their score is the pieces' mean)."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    for text in texts:
        parts = fit_to_model(text, translator, max_tokens)
        spans.append((len(pieces), len(pieces) + len(parts)))
        pieces.extend(parts)
    translated = translator.translate_scored(pieces, num_beams)
    results = []
    for start, end in spans:
        part = translated[start:end]
        results.append((" ".join(t for t, _ in part), sum(s for _, s in part) / max(1, len(part))))
    return results


def check_and_repair(articles: list[Article], translator: Translator, settings: Settings) -> dict[str, int]:
    """Check every translated sentence; translate each flagged one again with a wider beam (and, when
    long, in two clause-sized halves) and keep the candidate with the fewest flags, then the best score.
    Returns how many repairs were tried and how many flags remain, by kind."""
    config = settings.translation
    german = [a for a in articles if a.language == "de"]
    for article in german:
        article.flags = [checks.check(de, en, score, config.min_confidence) for de, en, score in
                         zip(article.flat_sentences(), flat(article.translations), article.confidence)]
        article.repaired = [""] * len(article.flags)
    doubtful = list(dict.fromkeys(de for a in german for de, f in zip(a.flat_sentences(), a.flags) if f))
    counts: dict[str, int] = {"repairs_tried": len(doubtful) if config.repair else 0}
    candidates: dict[str, list[tuple[str, str, float]]] = {de: [] for de in doubtful}
    if config.repair and doubtful:
        wider = min(2 * config.num_beams, MAX_REPAIR_BEAMS)
        for de, (en, score) in zip(doubtful,
                                   translate_fitted(doubtful, translator, config.max_input_tokens, wider)):
            candidates[de].append((f"translated again with {wider} beams", en, score))
        long = [de for de in doubtful if len(de.split()) >= REPAIR_SPLIT_WORDS]
        halves = {de: segmenting.split_long(de, len(de) // 2 + 1) for de in long}
        halves = {de: parts for de, parts in halves.items() if len(parts) > 1}
        flat_halves = [part for parts in halves.values() for part in parts]
        translated = iter(translate_fitted(flat_halves, translator, config.max_input_tokens))
        for de, parts in halves.items():
            pairs = [next(translated) for _ in parts]
            candidates[de].append(("split at a clause boundary", " ".join(t for t, _ in pairs),
                                   sum(s for _, s in pairs) / len(pairs)))
    for article in german:
        english = flat(article.translations)
        for i, (de, flags) in enumerate(zip(article.flat_sentences(), article.flags)):
            if flags:
                best = (len(flags), -article.confidence[i])
                for how, en, score in candidates[de]:
                    new_flags = checks.check(de, en, score, config.min_confidence)
                    if (len(new_flags), -score) < best:
                        best = (len(new_flags), -score)
                        english[i], article.confidence[i], article.flags[i] = en, round(score, 4), new_flags
                        article.repaired[i] = how
            for flag in article.flags[i]:
                counts[flag.kind] = counts.get(flag.kind, 0) + 1
        article.translations = unflatten(english, article.sentences)
        flagged = [f.kind for flags in article.flags for f in flags]
        if flagged:
            kinds = ", ".join(f"{kind}: {flagged.count(kind)}" for kind in dict.fromkeys(flagged))
            article.warnings.append(f"{sum(1 for f in article.flags if f)} sentences flagged ({kinds})")
    return counts


def flat(paragraphs: list[list[str]]) -> list[str]:
    return [s for paragraph in paragraphs for s in paragraph]


def unflatten(items: list[str], shape: list[list[str]]) -> list[list[str]]:
    result, position = [], 0
    for paragraph in shape:
        result.append(items[position:position + len(paragraph)])
        position += len(paragraph)
    return result


def fit_to_model(sentence: str, translator: Translator, max_tokens: int) -> list[str]:
    """Split a sentence the model cannot take whole at clause boundaries; never truncate."""
    tokens = translator.count_tokens(sentence)
    if tokens <= max_tokens:
        return [sentence]
    max_chars = max(1, len(sentence) * max_tokens // tokens)
    parts = segmenting.split_long(sentence, max_chars)
    if len(parts) == 1:  # no whitespace to split at: cut by characters as a last resort
        parts = [sentence[i:i + max_chars] for i in range(0, len(sentence), max_chars)]
    return [piece for part in parts for piece in fit_to_model(part, translator, max_tokens)]


def load_abstractive(settings: Settings) -> AbstractiveSummarizer | str:
    """The summarization model, or why it could not be loaded (articles then get extractive summaries)."""
    from .abstractive import AbstractiveSummarizer

    try:
        return AbstractiveSummarizer(settings.summary)
    except ModelUnavailable as exc:
        log.warning("%s; extractive summaries instead", exc)
        return str(exc).splitlines()[0]


def summarize_article(article: Article, settings: Settings,
                      abstractive: AbstractiveSummarizer | str | None = None) -> None:
    """An abstractive summary of the translation when configured and working; otherwise pick summary
    sentences in German and output their translations in article order."""
    config = settings.summary
    if config.method == "abstractive" and article.language == "de":
        if isinstance(abstractive, str) or abstractive is None:
            article.warnings.append(
                f"abstractive summary unavailable ({abstractive}); extractive summary instead")
        else:
            try:
                article.summary_en = abstractive.summarize(
                    " ".join(s for p in article.translations for s in p))
                article.summary_sentences = []
                return
            except Exception as exc:  # whatever the model raises must cost this article its abstract only
                article.warnings.append(f"abstractive summary failed ({exc}); extractive summary instead")
    method = "extractive" if config.method == "abstractive" else config.method
    german = article.flat_sentences()
    english = [s for paragraph in article.translations for s in paragraph]
    counts = [len(s.split()) for s in english]
    eligible, preferred = summary_candidates(article)
    chosen = summary.choose(method, german, counts, config.max_sentences, config.max_words, eligible,
                            preferred)
    if not chosen:  # even the best sentence is over the word limit: shorten it, visibly
        chosen = summary.choose(method, german, [0] * len(german), 1, config.max_words, eligible, preferred)
        chosen = chosen or [0]
        words = english[chosen[0]].split()[: config.max_words]
        article.summary_sentences = chosen
        article.summary_en = " ".join(words) + " …"
        article.warnings.append(f"summary shortened to {config.max_words} words")
        return
    article.summary_sentences = chosen
    article.summary_en = " ".join(english[i] for i in chosen)


def summary_candidates(article: Article) -> tuple[list[bool], list[bool]]:
    """Which sentences may be in the summary (not the title again, not a subheading), and which the
    outlet itself marked as key points (a bulleted list near the top)."""
    paragraphs = article.cleaned.paragraphs if article.cleaned else ()
    top_items = [p for p in paragraphs[:KEY_POINTS_WITHIN] if p.list_item]
    has_key_points = len(top_items) >= 2
    eligible: list[bool] = []
    preferred: list[bool] = []
    for paragraph, sentences in zip(paragraphs, article.sentences):
        for sentence in sentences:
            heading = not SENTENCE_END.search(sentence) and len(sentence.split()) <= HEADING_MAX_WORDS
            title_again = (article.title_derived and sentence == article.title_de
                           and len(article.flat_sentences()) > 1)
            eligible.append(not title_again and (paragraph.list_item or not heading))
            preferred.append(has_key_points and paragraph in top_items)
    return eligible, preferred
