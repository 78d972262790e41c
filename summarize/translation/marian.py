"""Loading the Marian tokenizer both backends share."""

from __future__ import annotations

from typing import Any

from ..errors import ModelUnavailable
from ..hub import check_kind, unavailable
from ..settings import TranslationSettings


def load_tokenizer(settings: TranslationSettings, source: str, options: dict[str, Any]):  # type: ignore[no-untyped-def]
    """The Marian tokenizer, after checking the model is a Marian translation model at all."""
    from transformers import MarianTokenizer

    check_kind(settings.model, source, options, ("marian",), "translation model")
    try:
        return MarianTokenizer.from_pretrained(source, **options)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ModelUnavailable(unavailable(settings.model, f"loading its tokenizer failed: {exc}")) from None
