"""Translator interface and backend registry; a backend module is imported only when chosen."""

from __future__ import annotations

import importlib
from typing import Any, Protocol, Sequence

from ..errors import ConfigError
from ..settings import TranslationSettings

# Backend name -> module holding a `load(settings, progress) -> Translator` function.
BACKENDS: dict[str, str] = {
    "transformers": "summarize.translation.transformers_backend",
}


class Translator(Protocol):
    """What the pipeline needs from a translation backend."""

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate every sentence; the result has the same length and order."""
        ...

    def count_tokens(self, sentence: str) -> int:
        """Source tokens the model sees for this sentence (end-of-sentence token included)."""
        ...

    def provenance(self) -> dict[str, Any]:
        """Model id, revision, backend, device and settings: enough to say why two runs differ."""
        ...


def resolve_backend(settings: TranslationSettings) -> str:
    return "transformers" if settings.backend == "auto" else settings.backend


def _backend_module(settings: TranslationSettings):  # type: ignore[no-untyped-def]
    name = resolve_backend(settings)
    if name not in BACKENDS:
        raise ConfigError(f"unknown translation backend {name!r}; available: {', '.join(BACKENDS)}")
    return importlib.import_module(BACKENDS[name])


def fetch_model(settings: TranslationSettings) -> str:
    """Download the configured model (needs the network); returns where it now lies."""
    location: str = _backend_module(settings).fetch(settings)
    return location


def load_translator(settings: TranslationSettings, progress: bool = False) -> Translator:
    """Load the configured backend; raises ModelUnavailable when its model cannot be loaded."""
    translator: Translator = _backend_module(settings).load(settings, progress=progress)
    return translator
