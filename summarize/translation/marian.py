"""OPUS-MT's tokenization, shared by both backends: the model's SentencePiece files and vocab.json read
with sentencepiece alone, tokenizing exactly as transformers' MarianTokenizer does (the tests compare the
two). Importing transformers for its tokenizer pulls in torch: 3 to 4 seconds at the start of every run
and a few hundred MB that the CTranslate2 path never needs."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import Any, Iterable

from ..errors import ModelUnavailable
from ..hub import check_kind, model_file, unavailable
from ..settings import TranslationSettings

TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json")
TOKENIZER_CONFIG = "tokenizer_config.json"
WORD_START = "\u2581"  # SentencePiece's mark for a space before a piece
# transformers' clean_up_tokenization, applied when the tokenizer's configuration asks for it.
TOKENIZATION_SPACES = ((" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"),
                       (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"))


def load_tokenizer(settings: TranslationSettings, source: str, options: dict[str, Any]) -> MarianPieces:
    """The Marian tokenizer, after checking the model is a Marian translation model at all."""
    check_kind(settings.model, source, options, ("marian",), "translation model")
    try:
        return MarianPieces(tokenizer_files(source, options))
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise ModelUnavailable(unavailable(settings.model, f"loading its tokenizer failed: {exc}")) from None


def tokenizer_files(source: str, options: dict[str, Any]) -> dict[str, Path]:
    """The tokenizer's files by name; tokenizer_config.json only where the model has one."""
    files = {name: model_file(source, options, name) for name in TOKENIZER_FILES}
    with contextlib.suppress(FileNotFoundError):
        files[TOKENIZER_CONFIG] = model_file(source, options, TOKENIZER_CONFIG)
    return files


class MarianPieces:
    """Text to vocabulary ids and back, as MarianTokenizer: the special tokens split out first, each
    stretch between them cut into source pieces (a leading ">>xx<<" language code kept whole), pieces
    outside the vocabulary as <unk>, </s> appended; decoding joins the pieces with the source model when
    both sides share one vocabulary (what MarianTokenizer does)."""

    def __init__(self, files: dict[str, Path]) -> None:
        import sentencepiece

        config = (json.loads(files[TOKENIZER_CONFIG].read_text(encoding="utf-8")) if TOKENIZER_CONFIG in files
                  else {})  # MarianTokenizer's defaults
        if config.get("separate_vocabs"):
            raise ValueError("models with separate source and target vocabularies are not supported")
        self.source = sentencepiece.SentencePieceProcessor(model_file=str(files["source.spm"]))
        self.vocabulary: dict[str, int] = json.loads(files["vocab.json"].read_text(encoding="utf-8"))
        self.pieces = {index: piece for piece, index in self.vocabulary.items()}
        self.unk_token = str(config.get("unk_token", "<unk>"))
        if self.unk_token not in self.vocabulary:
            raise KeyError(f"{self.unk_token} is not in vocab.json")
        self.unk_token_id = self.vocabulary[self.unk_token]
        named = [str(config.get(key, default)) for key, default in
                 (("eos_token", "</s>"), ("unk_token", "<unk>"), ("pad_token", "<pad>"))]
        added = [entry["content"] for entry in config.get("added_tokens_decoder", {}).values()
                 if entry.get("special")]
        self.special = {token: self.vocabulary.get(token, self.unk_token_id) for token in named + added}
        self.eos_token_id = self.special[named[0]]
        self.pad_token_id = self.special[named[2]]
        self.special_ids = set(self.special.values())
        self.clean_up_spaces = bool(config.get("clean_up_tokenization_spaces", False))
        longest_first = sorted(self.special, key=len, reverse=True)
        self._special_split = re.compile("(" + "|".join(map(re.escape, longest_first)) + ")")

    def __call__(self, texts: str | list[str]) -> dict[str, Any]:
        if isinstance(texts, str):
            return {"input_ids": self.encode(texts)}
        return {"input_ids": [self.encode(text) for text in texts]}

    def encode(self, text: str) -> list[int]:
        return self.convert_tokens_to_ids(self.tokenize(text)) + [self.eos_token_id]

    def tokenize(self, text: str) -> list[str]:
        tokens: list[str] = []
        for part in self._special_split.split(text):
            if part in self.special:
                tokens.append(part)
            elif part:
                code = ""
                if part.startswith(">>") and (end := part.find("<<")) != -1:
                    code, part = part[: end + 2], part[end + 2:]
                tokens += [code] * bool(code) + self.source.encode(part, out_type=str)
        return tokens

    def convert_tokens_to_ids(self, tokens: Iterable[str]) -> list[int]:
        return [self.vocabulary.get(token, self.unk_token_id) for token in tokens]

    def convert_ids_to_tokens(self, ids: Iterable[int]) -> list[str]:
        return [self.pieces.get(index) or self.source.id_to_piece(index) or self.unk_token
                for index in map(int, ids)]

    def decode(self, ids: Iterable[int], skip_special_tokens: bool = False) -> str:
        ids = [int(index) for index in ids]
        pieces: list[str] = []
        text = ""
        for index, token in zip(ids, self.convert_ids_to_tokens(ids)):
            if index not in self.special_ids:
                pieces.append(token)
            elif not skip_special_tokens:
                text += self.source.decode_pieces(pieces) + token + " "
                pieces = []
        text = (text + self.source.decode_pieces(pieces)).replace(WORD_START, " ").strip()
        if self.clean_up_spaces:
            for spaced, joined in TOKENIZATION_SPACES:
                text = text.replace(spaced, joined)
        return text

    def batch_decode(self, sequences: Iterable[Iterable[int]],
                     skip_special_tokens: bool = False) -> list[str]:
        return [self.decode(ids, skip_special_tokens) for ids in sequences]
