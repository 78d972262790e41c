"""Translator interface and backend registry; a backend module is imported only when chosen."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator, Protocol, Sequence

from ..errors import ConfigError, ModelUnavailable
from ..settings import TranslationSettings

log = logging.getLogger(__name__)

# Backend name -> module holding `load(settings, progress) -> Translator` and `fetch(settings) -> str`.
BACKENDS: dict[str, str] = {
    "ctranslate2": "summarize.translation.ctranslate2_backend",
    "transformers": "summarize.translation.transformers_backend",
}


class Translator(Protocol):
    """What the pipeline needs from a translation backend. A backend subclasses it for the default
    `translate` and `translate_chunks`."""

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate every sentence; the result has the same length and order."""
        return [text for text, _ in self.translate_scored(sentences)]

    def translate_scored(self, sentences: Sequence[str], num_beams: int | None = None
                         ) -> list[tuple[str, float]]:
        """Translations with the model's length-normalised log-probability of each (`num_beams`: another
        beam)."""
        ...

    def translate_chunks(self, chunks: list[list[str]], num_beams: int | None = None
                         ) -> Iterator[list[tuple[str, float]]]:
        """Each chunk's translations, in order, as soon as that chunk is done (the sentence cache stores
        each chunk as it comes). A translator that does better with all chunks in one go overrides it."""
        return (self.translate_scored(chunk, num_beams) for chunk in chunks)

    def count_tokens(self, sentence: str) -> int:
        """Source tokens the model sees for this sentence (end-of-sentence token included)."""
        ...

    def provenance(self) -> dict[str, Any]:
        """Model id, revision, backend, device and settings: enough to say why two runs differ."""
        ...


def resolve_backend(settings: TranslationSettings) -> str:
    """"auto": CTranslate2 on a CPU (int8, the fastest there) and on a GPU it can use; transformers
    where CTranslate2 is missing or its CUDA build cannot use the GPU that torch sees."""
    if settings.backend != "auto":
        return settings.backend
    try:
        import ctranslate2
    except ImportError:
        log.info("ctranslate2 is not installed; translating with transformers")
        return "transformers"
    if settings.device == "cpu" or ctranslate2.get_cuda_device_count() > 0 or not _gpu_present(settings):
        return "ctranslate2"
    log.warning("CTranslate2 cannot use the GPU here (CUDA 12 libraries missing?); translating with "
                "transformers on the GPU instead")
    return "transformers"


def _gpu_present(settings: TranslationSettings) -> bool:
    """Whether torch sees a GPU; torch is imported only on machines with an NVIDIA driver."""
    if settings.device != "cuda" and not Path("/dev/nvidiactl").exists():
        return False
    import torch

    return bool(torch.cuda.is_available())


def _backend_module(name: str) -> ModuleType:
    if name not in BACKENDS:
        raise ConfigError(f"unknown translation backend {name!r}; available: {', '.join(BACKENDS)}")
    return importlib.import_module(BACKENDS[name])


def fetch_model(settings: TranslationSettings) -> str:
    """Download the configured model (needs the network), converted when the backend needs it."""
    location: str = _backend_module(resolve_backend(settings)).fetch(settings)
    return location


def load_translator(settings: TranslationSettings, progress: bool = False) -> Translator:
    """Load the configured backend; raises ModelUnavailable when its model cannot be loaded."""
    name = resolve_backend(settings)
    try:
        translator: Translator = _backend_module(name).load(settings, progress=progress)
    except ModelUnavailable as exc:
        if settings.backend != "auto" or name == "transformers" or "CTranslate2 cannot load" not in str(exc):
            raise
        log.warning("%s; translating with transformers instead", exc)
        translator = _backend_module("transformers").load(settings, progress=progress)
    return translator
