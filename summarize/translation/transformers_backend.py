"""Translation with MarianMTModel through transformers and torch (CPU fp32, CUDA fp16)."""

from __future__ import annotations

import logging
import math
import os
import socket
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlparse

import torch
import transformers
from transformers import MarianMTModel, MarianTokenizer

from ..errors import ModelUnavailable
from ..settings import TranslationSettings
from .batching import normalize_source, plan_batches

log = logging.getLogger(__name__)

HUB_CONNECT_TIMEOUT_S = 3.0


def load(settings: TranslationSettings, progress: bool = False) -> TransformersTranslator:
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    device = pick_device(settings.device)
    source, options = _locate(settings)
    try:
        tokenizer = MarianTokenizer.from_pretrained(source, **options)
        model = MarianMTModel.from_pretrained(source, **options)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ModelUnavailable(_unavailable(settings.model, f"loading failed: {exc}")) from None
    model = model.to(device=device, dtype=pick_dtype(device)).eval()
    return TransformersTranslator(settings, tokenizer, model, progress)


def fetch(settings: TranslationSettings) -> str:
    """Download tokenizer and weights into the Hugging Face cache (or check a local directory)."""
    source, options = _locate(settings)
    try:
        MarianTokenizer.from_pretrained(source, **options)
        model = MarianMTModel.from_pretrained(source, **options)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ModelUnavailable(_unavailable(settings.model, f"download failed: {exc}")) from None
    return str(getattr(model, "name_or_path", source))


def pick_device(choice: str) -> torch.device:
    """"auto" means the GPU when CUDA is there; asking for "cuda" without one is a model error."""
    if choice == "cuda" and not torch.cuda.is_available():
        raise ModelUnavailable("device = \"cuda\" was asked for, but torch sees no CUDA GPU; use \"auto\" or \"cpu\"")
    if choice == "auto":
        choice = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(choice)


def pick_dtype(device: torch.device) -> torch.dtype:
    """fp16 on a GPU (Marian is trained to tolerate it, and it doubles throughput); fp32 on a CPU, where
    half precision is slower, not faster."""
    return torch.float16 if device.type == "cuda" else torch.float32


def _locate(settings: TranslationSettings) -> tuple[str, dict[str, Any]]:
    """Where from_pretrained should look, deciding up front whether the network is needed at all.

    transformers retries an unreachable hub for minutes before failing; we answer in seconds instead.
    """
    model = settings.model
    path = Path(model).expanduser()
    if path.is_dir():
        return str(path), {"local_files_only": True}
    if model.startswith((".", "/", "~")) or model.count("/") > 1 or path.suffix:
        raise ModelUnavailable(_unavailable(model, f"no such local directory: {path}"))
    options: dict[str, Any] = {"revision": settings.revision}
    if _in_local_cache(model, settings.revision):
        return model, {**options, "local_files_only": True}
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on"):
        raise ModelUnavailable(_unavailable(model, "HF_HUB_OFFLINE is set and it is not in the local cache"))
    if not _hub_reachable():
        raise ModelUnavailable(_unavailable(model, "it is not in the local cache and the hub cannot be reached"))
    return model, options


def _in_local_cache(model: str, revision: str) -> bool:
    try:
        MarianTokenizer.from_pretrained(model, revision=revision, local_files_only=True)
        transformers.AutoConfig.from_pretrained(model, revision=revision, local_files_only=True)
    except (OSError, ValueError, TypeError):
        return False
    return True


def _hub_reachable() -> bool:
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    port = endpoint.port or (443 if endpoint.scheme == "https" else 80)
    try:
        with socket.create_connection((endpoint.hostname or "", port), timeout=HUB_CONNECT_TIMEOUT_S):
            return True
    except OSError:
        return False


def _unavailable(model: str, why: str) -> str:
    return (
        f"translation model {model!r} is not available ({why}). Make it available by either\n"
        f"  - downloading it once while online: summarize models fetch (or any from_pretrained call), or\n"
        f"  - pointing to a local copy: --model /path/to/dir, or model = \"/path/to/dir\" in models.toml."
    )


class TransformersTranslator:
    """Batched beam search over MarianMTModel, with an output-length cap relative to the input."""

    def __init__(
        self, settings: TranslationSettings, tokenizer: MarianTokenizer, model: MarianMTModel, progress: bool
    ) -> None:
        self.settings = settings
        self.tokenizer = tokenizer
        self.model = model
        self.progress = progress
        self.device = next(model.parameters()).device

    def count_tokens(self, sentence: str) -> int:
        return len(self.tokenizer(normalize_source(sentence))["input_ids"])

    def translate(self, sentences: Sequence[str]) -> list[str]:
        from tqdm import tqdm

        sources = [normalize_source(s) for s in sentences]
        lengths = [len(ids) for ids in self.tokenizer(sources)["input_ids"]] if sources else []
        batches = plan_batches(lengths, self.settings.batch_tokens)
        results: list[str] = [""] * len(sources)
        for batch in tqdm(batches, desc="translating", unit="batch", disable=not self.progress, leave=False):
            for index, text in zip(batch, self._generate([sources[i] for i in batch])):
                results[index] = text
        return results

    def _generate(self, sources: list[str]) -> list[str]:
        """Translate one batch; on a GPU out of memory, halve it and try again."""
        try:
            return self._generate_once(sources)
        except torch.OutOfMemoryError:
            if len(sources) == 1:
                raise
            torch.cuda.empty_cache()
            half = len(sources) // 2
            log.warning("out of GPU memory on a batch of %s sentences; retrying in halves", len(sources))
            return self._generate(sources[:half]) + self._generate(sources[half:])

    def _generate_once(self, sources: list[str]) -> list[str]:
        encoded = self.tokenizer(sources, return_tensors="pt", padding=True).to(self.device)
        caps = [self.output_cap(int(n)) for n in encoded["attention_mask"].sum(dim=1)]
        with torch.inference_mode():
            generated = self.model.generate(
                **encoded, num_beams=self.settings.num_beams, max_new_tokens=max(caps), max_length=None
            )
        # Each sentence gets its own cap (generate has one per batch): position 0 is the decoder start,
        # and a sentence stopped by its cap alone would spend its last new token on the forced </s>.
        trimmed = [ids[:cap] for ids, cap in zip(generated.tolist(), caps)]
        return [text.strip() for text in self.tokenizer.batch_decode(trimmed, skip_special_tokens=True)]

    def output_cap(self, input_tokens: int) -> int:
        """Most new tokens a translation of `input_tokens` source tokens may have."""
        return math.ceil(self.settings.max_output_ratio * input_tokens) + self.settings.max_output_extra

    def provenance(self) -> dict[str, Any]:
        return {
            "id": self.settings.model,
            "revision": self.settings.revision,
            "commit": getattr(self.model.config, "_commit_hash", None),
            "backend": "transformers",
            "device": self.device.type,
            "dtype": str(self.model.dtype).removeprefix("torch."),
            "num_beams": self.settings.num_beams,
            "batch_tokens": self.settings.batch_tokens,
            "max_input_tokens": self.settings.max_input_tokens,
            "max_output": f"{self.settings.max_output_ratio} x input + {self.settings.max_output_extra}",
            "versions": {"transformers": transformers.__version__, "torch": torch.__version__},
        }
