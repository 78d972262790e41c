"""Optional abstractive summaries: a transformers seq2seq summarization model (e.g. a distilled BART
trained on news) over the English translation, in chunks the model can take, within the word limit."""

from __future__ import annotations

import logging
import math
import re

from .hub import check_kind, locate, unavailable
from .errors import ModelUnavailable
from .settings import SummarySettings

log = logging.getLogger(__name__)

ROLE = "summarization model"
# Encoder-decoder model types transformers can summarize with.
SEQ2SEQ_KINDS = ("bart", "mbart", "pegasus", "t5", "mt5", "led", "longt5", "bigbird_pegasus", "prophetnet")
ENGLISH_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
TOKENS_PER_WORD = 2  # generous: English words per BPE token


class AbstractiveSummarizer:
    """Loads the model once; `summarize(text)` returns at most `max_words` words."""

    def __init__(self, settings: SummarySettings) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self.settings = settings
        source, options = locate(settings.model, settings.revision, ROLE)
        check_kind(settings.model, source, options, SEQ2SEQ_KINDS, ROLE)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(source, **options)
            self.model = AutoModelForSeq2SeqLM.from_pretrained(source, **options).eval()
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise ModelUnavailable(unavailable(settings.model, f"loading failed: {exc}", ROLE)) from None
        self.torch = torch
        positions = getattr(self.model.config, "max_position_embeddings", None) or 1024
        self.max_input = min(positions, self.tokenizer.model_max_length or positions) - 2

    def summarize(self, text: str) -> str:
        """Summarize each chunk, then the joined partial summaries while they are too long."""
        pieces = [self._generate(chunk) for chunk in self.chunks(text)]
        summary = " ".join(pieces)
        if len(pieces) > 1 and len(summary.split()) > self.settings.max_words and self._fits(summary):
            summary = self._generate(summary)
        return limit_words(summary, self.settings.max_words)

    def chunks(self, text: str) -> list[str]:
        """Whole sentences packed into pieces the model's encoder can take."""
        result: list[str] = []
        current: list[str] = []
        for sentence in ENGLISH_SENTENCE_END.split(text.strip()):
            if current and not self._fits(" ".join([*current, sentence])):
                result.append(" ".join(current))
                current = []
            current.append(sentence)
        if current:
            result.append(" ".join(current))
        return result

    def _fits(self, text: str) -> bool:
        return len(self.tokenizer(text)["input_ids"]) <= self.max_input

    def _generate(self, text: str) -> str:
        encoded = self.tokenizer(text, return_tensors="pt", truncation=True, max_length=self.max_input)
        with self.torch.inference_mode():
            output = self.model.generate(
                **encoded, num_beams=4, max_new_tokens=math.ceil(self.settings.max_words * TOKENS_PER_WORD),
                no_repeat_ngram_size=3,
            )
        return str(self.tokenizer.decode(output[0], skip_special_tokens=True)).strip()


def limit_words(text: str, max_words: int) -> str:
    """Whole sentences up to `max_words` words; a first sentence longer than that is cut, with "…"."""
    kept: list[str] = []
    for sentence in ENGLISH_SENTENCE_END.split(text.strip()):
        if len(" ".join([*kept, sentence]).split()) > max_words:
            break
        kept.append(sentence)
    if kept:
        return " ".join(kept)
    return " ".join(text.split()[:max_words]) + " …"
