"""Build a small Marian translation model locally: SentencePiece trained on given texts, random weights.

Tests load it through the same `from_pretrained` path a user's run takes; its output is gibberish but
tokenization, batching, beam search and length caps are real. Benchmarks build one with the real
opus-mt-de-en dimensions from the same function.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

TINY_DIMENSIONS = dict(
    d_model=32,
    encoder_layers=2,
    decoder_layers=2,
    encoder_attention_heads=2,
    decoder_attention_heads=2,
    encoder_ffn_dim=64,
    decoder_ffn_dim=64,
)


def build_marian(
    out_dir: Path, texts: Iterable[str], vocab_size: int = 600, seed: int = 0, model_vocab: int = 0,
    target_pieces: int = 0, **dimensions: Any,
) -> Path:
    """Train a SentencePiece model on `texts`, make a Marian model around it, save_pretrained to out_dir.

    `model_vocab` pads the vocabulary with unused entries up to that size (the real model has 58101),
    so the output layer costs what it costs in the real model. `target_pieces` grows the target
    SentencePiece model alone to that many pieces: like OPUS-MT, whose vocab.json joins separate source
    and target models, the vocabulary then holds target-side entries the source never produces, and
    source-side (the unused) entries the target never produces."""
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = out_dir / "corpus.txt"
    corpus.write_text("\n".join(line for text in texts for line in text.splitlines() if line.strip()),
                      encoding="utf-8")
    source_pieces = _train_sentencepiece(corpus, out_dir / "source.spm", vocab_size, [])
    english_only = [f"en{n}" for n in range(target_pieces - len(source_pieces))]
    if english_only:
        target = _train_sentencepiece(corpus, out_dir / "target.spm", vocab_size + len(english_only),
                                      english_only)
    else:
        (out_dir / "target.spm").write_bytes((out_dir / "source.spm").read_bytes())
        target = source_pieces
    corpus.unlink()
    # Marian's layout: </s> = 0, <unk> = 1, the pieces of both sides, <pad> last (it doubles as the
    # decoder start).
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in source_pieces + target:
        vocab.setdefault(piece, len(vocab))
    for unused in range(len(vocab), model_vocab - 1):
        vocab[f"<unused{unused}>"] = unused
    vocab["<pad>"] = len(vocab)
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")

    pad = vocab["<pad>"]
    settings = {**TINY_DIMENSIONS, **dimensions}
    config = MarianConfig(
        vocab_size=len(vocab), decoder_vocab_size=len(vocab), pad_token_id=pad, decoder_start_token_id=pad,
        eos_token_id=0, forced_eos_token_id=0, bos_token_id=0, max_position_embeddings=512,
        share_encoder_decoder_embeddings=True, scale_embedding=True, activation_function="swish",
        **settings,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]], bos_token_id=0, decoder_start_token_id=pad, eos_token_id=0,
        forced_eos_token_id=0, max_length=512, num_beams=4, pad_token_id=pad, renormalize_logits=True,
    )
    model.save_pretrained(out_dir)
    tokenizer = MarianTokenizer(
        source_spm=str(out_dir / "source.spm"), target_spm=str(out_dir / "target.spm"),
        vocab=str(out_dir / "vocab.json"), source_lang="de", target_lang="en",
    )
    tokenizer.save_pretrained(out_dir)
    return out_dir


def _train_sentencepiece(corpus: Path, path: Path, vocab_size: int, extra_pieces: list[str]) -> list[str]:
    import sentencepiece as spm

    prefix = path.with_suffix("")
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(prefix), vocab_size=vocab_size, user_defined_symbols=extra_pieces,
        character_coverage=1.0, model_type="unigram", minloglevel=2, bos_id=-1, eos_id=-1, unk_id=0,
        hard_vocab_limit=False,
    )
    prefix.with_suffix(".model").rename(path)
    prefix.with_suffix(".vocab").unlink()
    processor = spm.SentencePieceProcessor(model_file=str(path))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def build_bart(out_dir: Path, texts: Iterable[str], seed: int = 0) -> Path:
    """A tiny BART summarization model: byte-level BPE trained on `texts`, random weights, save_pretrained."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(list(texts), vocab_size=400, min_frequency=1, special_tokens=specials,
                            show_progress=False)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe._tokenizer, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
        unk_token="<unk>",
        mask_token="<mask>", model_max_length=128,
    )
    tokenizer.save_pretrained(out_dir)
    config = BartConfig(
        vocab_size=len(tokenizer), d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=128,
        pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id, decoder_start_token_id=tokenizer.eos_token_id,
        forced_eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    BartForConditionalGeneration(config).save_pretrained(out_dir)
    return out_dir
