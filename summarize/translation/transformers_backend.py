"""Translation with MarianMTModel through transformers and torch (CPU fp32, CUDA fp16)."""

from __future__ import annotations

from typing import Any

import torch
import transformers
from transformers import MarianMTModel

from ..errors import ConfigError, ModelUnavailable
from ..settings import TranslationSettings
from ..hub import locate, unavailable
from .batching import BatchedTranslator
from .marian import MarianPieces, load_tokenizer



def load(settings: TranslationSettings, progress: bool = False) -> TransformersTranslator:
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    device = pick_device(settings.device)
    source, options = locate(settings.model, settings.revision)
    tokenizer = load_tokenizer(settings, source, options)
    model = load_model(settings, source, options)
    model = model.to(device=device, dtype=pick_dtype(device, settings.compute_type)).eval()
    return TransformersTranslator(settings, tokenizer, model, progress)


def load_model(settings: TranslationSettings, source: str, options: dict[str, Any]) -> MarianMTModel:
    try:
        return MarianMTModel.from_pretrained(source, **options)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ModelUnavailable(unavailable(settings.model, f"loading its weights failed: {exc}")) from None


def fetch(settings: TranslationSettings) -> str:
    """Download tokenizer and weights into the Hugging Face cache (or check a local directory)."""
    source, options = locate(settings.model, settings.revision)
    load_tokenizer(settings, source, options)
    model = load_model(settings, source, options)
    return str(getattr(model, "name_or_path", source))


def pick_device(choice: str) -> torch.device:
    """"auto" means the GPU when CUDA is there; asking for "cuda" without one is a model error."""
    if choice == "cuda" and not torch.cuda.is_available():
        raise ModelUnavailable("device = \"cuda\" was asked for, but torch sees no CUDA GPU; "
                               "use \"auto\" or \"cpu\"")
    if choice == "auto":
        choice = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(choice)


SCORING_GROUP = 8
TORCH_DTYPES = {"float16": torch.float16, "bfloat16": torch.bfloat16, "float32": torch.float32}


def pick_dtype(device: torch.device, compute_type: str = "auto") -> torch.dtype:
    """"auto": fp16 on a GPU (it doubles throughput); fp32 on a CPU, where half precision is slower."""
    if compute_type == "auto":
        return torch.float16 if device.type == "cuda" else torch.float32
    if compute_type not in TORCH_DTYPES:
        raise ConfigError(f"compute_type {compute_type!r} needs the ctranslate2 backend; the transformers "
                          f"backend takes auto, {', '.join(TORCH_DTYPES)}")
    return TORCH_DTYPES[compute_type]


class TransformersTranslator(BatchedTranslator):
    """Beam search over MarianMTModel in token-budget batches, each output capped relative to its input."""

    def __init__(
        self, settings: TranslationSettings, tokenizer: MarianPieces, model: MarianMTModel, progress: bool
    ) -> None:
        self.model = model
        self.device = next(model.parameters()).device
        super().__init__(settings, tokenizer, on_gpu=self.device.type == "cuda", progress=progress)

    def _translate_batch(self, batch: list[list[int]], caps: list[int], beams: int
                         ) -> list[tuple[str, float]]:
        pad = self.tokenizer.pad_token_id
        longest = max(len(ids) for ids in batch)
        input_ids = torch.tensor([ids + [pad] * (longest - len(ids)) for ids in batch], device=self.device)
        attention_mask = torch.tensor([[1] * len(ids) + [0] * (longest - len(ids)) for ids in batch],
                                      device=self.device)
        with torch.inference_mode():
            generated = self.model.generate(
                input_ids=input_ids, attention_mask=attention_mask, num_beams=beams,
                max_new_tokens=max(caps), max_length=None,
            )
        # Each sentence gets its own cap (generate has one per batch): position 0 is the decoder start,
        # and a sentence stopped by its cap alone would spend its last new token on the forced </s>.
        trimmed = [ids[:cap] for ids, cap in zip(generated.tolist(), caps)]
        special = {self.tokenizer.pad_token_id, self.tokenizer.eos_token_id}
        self.generated_tokens += sum(token not in special for ids in trimmed for token in ids)
        texts = [text.strip() for text in self.tokenizer.batch_decode(trimmed, skip_special_tokens=True)]
        return list(zip(texts, self._scores(input_ids, attention_mask, trimmed)))

    def _scores(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, outputs: list[list[int]]
                ) -> list[float]:
        """Mean log-probability of each output token under the model (one teacher-forced pass, in small
        groups: the logits over the whole vocabulary are large)."""
        pad = self.tokenizer.pad_token_id
        scores: list[float] = []
        for start in range(0, len(outputs), SCORING_GROUP):
            group = outputs[start:start + SCORING_GROUP]
            longest = max(len(ids) for ids in group)
            decoder = torch.tensor([ids + [pad] * (longest - len(ids)) for ids in group], device=self.device)
            with torch.inference_mode():
                logits = self.model(input_ids=input_ids[start:start + len(group)],
                                    attention_mask=attention_mask[start:start + len(group)],
                                    decoder_input_ids=decoder[:, :-1]).logits
                picked = torch.log_softmax(logits.float(), dim=-1).gather(-1, decoder[:, 1:, None])[..., 0]
            for row, ids in zip(picked.tolist(), group):
                steps = [value for value, token in zip(row, ids[1:])
                         if token not in (pad, self.tokenizer.eos_token_id)]
                scores.append(sum(steps) / len(steps) if steps else 0.0)
        return scores

    def _is_out_of_memory(self, error: Exception) -> bool:
        if isinstance(error, torch.OutOfMemoryError):
            torch.cuda.empty_cache()
            return True
        return False

    def provenance(self) -> dict[str, Any]:
        return {
            "id": self.settings.model,
            "revision": self.settings.revision,
            "commit": getattr(self.model.config, "_commit_hash", None),
            "backend": "transformers",
            "device": self.device.type,
            "dtype": str(self.model.dtype).removeprefix("torch."),
            "num_beams": self.settings.num_beams,
            "batch_tokens": self.batch_tokens,
            "max_input_tokens": self.settings.max_input_tokens,
            "max_output": f"{self.settings.max_output_ratio} x input + {self.settings.max_output_extra}",
            "versions": {"transformers": transformers.__version__, "torch": torch.__version__},
        }
