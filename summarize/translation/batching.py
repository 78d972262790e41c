"""Shared by all backends: source normalisation and token-budget batching."""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence


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
