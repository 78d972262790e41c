"""Translation with CTranslate2 (int8 on a CPU, fp16 on a GPU), converted once from the same Hugging Face
model with CTranslate2's own converter and cached."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import ctranslate2

from ..errors import ModelUnavailable
from ..settings import TranslationSettings
from ..hub import locate, unavailable
from .batching import BatchedTranslator
from .marian import MarianPieces, load_tokenizer, tokenizer_files

log = logging.getLogger(__name__)

CACHE_ENV = "SUMMARIZE_CACHE_DIR"
# Bumped when what a converted folder holds changes, so older conversions are redone.
VMAP_FORMAT = 1


def load(settings: TranslationSettings, progress: bool = False) -> CTranslate2Translator:
    device = pick_device(settings.device)
    compute_type = pick_compute_type(device, settings.compute_type)
    source, options = locate(settings.model, settings.revision)
    tokenizer = load_tokenizer(settings, source, options)
    model_dir = converted_model(settings, source, options, compute_type)
    try:
        translator = ctranslate2.Translator(str(model_dir), device=device, compute_type=compute_type)
    except (RuntimeError, ValueError) as exc:
        raise ModelUnavailable(f"CTranslate2 cannot load {model_dir} on {device} ({exc})") from None
    vmap, restricted_to = model_dir / "vmap.txt", None
    if settings.output_vocabulary == "target" and vmap.is_file():
        restricted_to = len(vmap.read_text(encoding="utf-8").split())
    return CTranslate2Translator(settings, tokenizer, translator, device, compute_type, progress,
                                 restricted_to)


def fetch(settings: TranslationSettings) -> str:
    """Download (if needed) and convert ahead of time; returns the converted model's folder."""
    device = pick_device(settings.device)
    source, options = locate(settings.model, settings.revision)
    return str(converted_model(settings, source, options, pick_compute_type(device, settings.compute_type)))


def pick_device(choice: str) -> str:
    gpus = ctranslate2.get_cuda_device_count()
    if choice == "cuda" and not gpus:
        raise ModelUnavailable("device = \"cuda\" was asked for, but CTranslate2 sees no CUDA GPU")
    if choice == "auto":
        return "cuda" if gpus else "cpu"
    return choice


def pick_compute_type(device: str, choice: str) -> str:
    """"auto": int8 on a CPU (about 2x float32 there), float16 on a GPU."""
    if choice != "auto":
        return choice
    return "float16" if device == "cuda" else "int8"


def cache_root() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "summarize"
    return Path(os.environ.get(CACHE_ENV, default)) / "ctranslate2"


def conversion_key(settings: TranslationSettings, source: str, quantization: str) -> str:
    """Model id, revision and quantization; for a local directory also its files' sizes and times, so a
    changed model is converted again."""
    parts: dict[str, Any] = {"model": settings.model, "revision": settings.revision,
                             "quantization": quantization, "ctranslate2": ctranslate2.__version__,
                             "vmap": VMAP_FORMAT}
    path = Path(source)
    if path.is_dir():
        parts["files"] = sorted((f.name, f.stat().st_size, f.stat().st_mtime_ns)
                                for f in path.iterdir() if f.is_file())
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]
    name = "".join(c if c.isalnum() or c in "-_." else "-" for c in settings.model.strip("/"))[-60:]
    return f"{name}--{quantization}--{digest}"


def converted_model(settings: TranslationSettings, source: str, options: dict[str, Any],
                    quantization: str) -> Path:
    """The converted model folder, converting on first use; a half-finished conversion is never used."""
    target = cache_root() / conversion_key(settings, source, quantization)
    if (target / "model.bin").is_file():
        return target
    log.info("converting %s for CTranslate2 (%s), once; cached in %s", settings.model, quantization, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".converting-") as work:
        local = _local_copy(settings, source, options, Path(work) / "hf")
        from ctranslate2.converters import TransformersConverter
        from transformers.utils import logging as transformers_logging

        transformers_logging.set_verbosity_error()
        transformers_logging.disable_progress_bar()

        vmap = write_target_vmap(local, Path(work) / "vmap.txt")
        try:
            TransformersConverter(str(local)).convert(str(Path(work) / "ct2"), quantization=quantization,
                                                      vmap=vmap and str(vmap))
        except Exception as exc:  # the converter raises whatever the model's code raises
            raise ModelUnavailable(f"converting {settings.model} for CTranslate2 failed: {exc}") from None
        try:
            os.replace(Path(work) / "ct2", target)
        except OSError:
            if not (target / "model.bin").is_file():  # another run converted it meanwhile: fine
                raise
    return target


def write_target_vmap(model_dir: Path, path: Path) -> Path | None:
    """A CTranslate2 vocabulary map whose always-allowed line lists the vocabulary entries the model's
    target SentencePiece model produces; None when the model has no target.spm, or a piece that the map's
    space-separated format cannot carry (then nothing is restricted).

    OPUS-MT builds one vocab.json from separate source and target SentencePiece models, and the decoder
    only ever saw target pieces as outputs in training. Scoring just those at each step skips the rest of
    the output layer (45% for opus-mt-de-en); a piece that was only ever a wrong answer practically never
    wins a beam, so translations stay the same."""
    import sentencepiece

    target_spm, vocab_file = model_dir / "target.spm", model_dir / "vocab.json"
    if not (target_spm.is_file() and vocab_file.is_file()):
        return None
    processor = sentencepiece.SentencePieceProcessor(model_file=str(target_spm))
    pieces = {processor.id_to_piece(i) for i in range(processor.get_piece_size())
              if not (processor.is_control(i) or processor.is_unknown(i))}
    if any(not piece or any(c.isspace() for c in piece) for piece in pieces):
        return None
    vocab = json.loads(vocab_file.read_text(encoding="utf-8"))
    # The empty source n-gram is CTranslate2's "always a candidate" entry; it adds <unk> and </s> itself.
    path.write_text("\t" + " ".join(token for token in vocab if token in pieces) + "\n", encoding="utf-8")
    return path


def _local_copy(settings: TranslationSettings, source: str, options: dict[str, Any], work: Path) -> Path:
    """The converter loads with from_pretrained and no offline switch; give it a local folder."""
    if Path(source).is_dir():
        return Path(source)
    from transformers import MarianMTModel

    try:
        model = MarianMTModel.from_pretrained(source, **options)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ModelUnavailable(unavailable(settings.model, f"loading its weights failed: {exc}")) from None
    model.save_pretrained(work)
    load_tokenizer(settings, source, options)  # the same checks as for a local folder
    for name, path in tokenizer_files(source, options).items():
        shutil.copyfile(path, work / name)
    return work


class CTranslate2Translator(BatchedTranslator):
    """CTranslate2 beam search over our own token-budget batches, each output capped like transformers'."""

    def __init__(self, settings: TranslationSettings, tokenizer: MarianPieces,
                 translator: ctranslate2.Translator, device: str, compute_type: str, progress: bool,
                 restricted_to: int | None = None) -> None:
        self.translator = translator
        self.device = device
        self.compute_type = compute_type
        self.restricted_to = restricted_to  # how many target-side tokens the output layer scores; None: all
        super().__init__(settings, tokenizer, on_gpu=device == "cuda", progress=progress)

    def _translate_batch(self, batch: list[list[int]], caps: list[int],
                         beams: int) -> list[tuple[str, float]]:
        tokens = [self.tokenizer.convert_ids_to_tokens(ids) for ids in batch]
        # transformers counts the forced </s> among its new tokens; CTranslate2 does not: one less here.
        results = self.translator.translate_batch(
            tokens, beam_size=beams, max_batch_size=0, max_input_length=0, max_decoding_length=max(caps) - 1,
            return_scores=True,  # the length-normalised log-probability, at no extra cost
            use_vmap=self.restricted_to is not None,
        )
        scored = []
        for result, cap in zip(results, caps):
            ids = self.tokenizer.convert_tokens_to_ids(result.hypotheses[0][: cap - 1])
            self.generated_tokens += len(ids)
            text = self.tokenizer.decode(ids, skip_special_tokens=True).strip()
            scored.append((text, float(result.scores[0])))
        return scored

    def provenance(self) -> dict[str, Any]:
        return {
            "id": self.settings.model,
            "revision": self.settings.revision,
            "commit": None,
            "backend": "ctranslate2",
            "device": self.device,
            "dtype": self.compute_type,
            "num_beams": self.settings.num_beams,
            "batch_tokens": self.batch_tokens,
            "max_input_tokens": self.settings.max_input_tokens,
            "max_output": f"{self.settings.max_output_ratio} x input + {self.settings.max_output_extra}",
            "output_vocabulary": ("full" if self.restricted_to is None
                                  else f"{self.restricted_to} target-side tokens"),
            "versions": {"ctranslate2": ctranslate2.__version__},
        }
