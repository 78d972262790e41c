"""Shared by all backends: source normalisation, token-budget batching, per-sentence output caps and
out-of-memory back-off. A backend only says how to translate one batch."""

from __future__ import annotations

import logging
import math
import threading
from functools import lru_cache
from typing import Any, Sequence

from ..errors import Interrupted
from ..settings import TranslationSettings
from . import Translator

log = logging.getLogger(__name__)

# Set (by the command line's Ctrl-C handler) to stop translating after the batch in progress.
STOP = threading.Event()


@lru_cache(maxsize=1)
def _moses_normalizer():  # type: ignore[no-untyped-def]
    from sacremoses import MosesPunctNormalizer

    return MosesPunctNormalizer("de")


def normalize_source(sentence: str) -> str:
    """OPUS-MT was trained on Moses-normalised punctuation; MarianTokenizer does not apply it itself."""
    return _moses_normalizer().normalize(sentence).strip()


def plan_batches(lengths: Sequence[int], budget: int) -> list[list[int]]:
    """Indices grouped so that (longest in batch) x (batch size) stays within `budget` tokens.

    Sentences are taken in order of length so that each batch pads little; a sentence longer than
    the budget gets a batch of its own.
    """
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        longest = lengths[index]  # ascending order: the newcomer is the longest
        if current and longest * (len(current) + 1) > budget:
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


def count_source_tokens(tokenizer: Any, sentence: str) -> int:
    """Tokens the model sees for a sentence, after the same normalisation translation applies."""
    return len(tokenizer(normalize_source(sentence))["input_ids"])


class BatchedTranslator(Translator):
    """The Translator protocol over a backend's `_translate_batch(sources, caps) -> texts`."""

    def __init__(self, settings: TranslationSettings, tokenizer: Any, on_gpu: bool, progress: bool) -> None:
        self.settings = settings
        self.tokenizer = tokenizer
        self.batch_tokens = settings.gpu_batch_tokens if on_gpu else settings.batch_tokens
        self.progress = progress
        self.generated_tokens = 0  # output tokens produced so far (end-of-sentence not counted)

    def count_tokens(self, sentence: str) -> int:
        return count_source_tokens(self.tokenizer, sentence)

    def output_cap(self, input_tokens: int) -> int:
        """Most new tokens (end-of-sentence included) a translation of `input_tokens` tokens may have."""
        return math.ceil(self.settings.max_output_ratio * input_tokens) + self.settings.max_output_extra

    def translate_scored(self, sentences: Sequence[str], num_beams: int | None = None
                         ) -> list[tuple[str, float]]:
        """Translations with the model's length-normalised log-probability of each; `num_beams`
        overrides the configured beam (a wider beam to repair a doubtful sentence)."""
        from tqdm import tqdm

        beams = num_beams or self.settings.num_beams
        sources = [normalize_source(s) for s in sentences]
        token_ids = self.tokenizer(sources)["input_ids"] if sources else []
        lengths = [len(ids) for ids in token_ids]
        results: list[tuple[str, float]] = [("", 0.0)] * len(sources)
        batches = plan_batches(lengths, self.batch_tokens)
        finished: list[int] = []
        for batch in tqdm(batches, desc="translating", unit="batch", disable=not self.progress, leave=False):
            scored = self._translate_with_backoff([token_ids[i] for i in batch], beams)
            for index, pair in zip(batch, scored):
                results[index] = pair
            finished += batch
            if STOP.is_set():
                raise Interrupted({index: results[index] for index in finished})
        return results

    def _translate_with_backoff(self, batch: list[list[int]], beams: int) -> list[tuple[str, float]]:
        """Translate one batch; when the GPU runs out of memory, halve it and try again."""
        try:
            return self._translate_batch(batch, [self.output_cap(len(ids)) for ids in batch], beams)
        except Exception as exc:
            if not self._is_out_of_memory(exc) or len(batch) == 1:
                raise
            half = len(batch) // 2
            log.warning("out of GPU memory on a batch of %s sentences; retrying in halves", len(batch))
            return (self._translate_with_backoff(batch[:half], beams)
                    + self._translate_with_backoff(batch[half:], beams))

    def _translate_batch(self, batch: list[list[int]], caps: list[int], beams: int
                         ) -> list[tuple[str, float]]:
        raise NotImplementedError

    def _is_out_of_memory(self, error: Exception) -> bool:
        return "out of memory" in str(error).lower()
