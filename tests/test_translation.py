"""Translation mechanics that need no GPU: batching, device and dtype choice, out-of-memory back-off,
long sentences split and joined."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from summarize import translating
from summarize.errors import ModelUnavailable
from summarize.settings import TranslationSettings
from summarize.translation import load_translator
from summarize.translation.batching import normalize_source, plan_batches
from summarize.translation.transformers_backend import pick_device, pick_dtype

BATCH_CASES = [
    # (token lengths, budget)
    ([5, 3, 9, 1, 7, 7, 2], 16),
    ([10] * 9, 30),
    ([50, 1, 1], 16),  # longer than the budget: a batch of its own
    ([], 16),
]


@pytest.mark.parametrize("lengths, budget", BATCH_CASES)
def test_batches_cover_every_sentence_once_within_the_budget(lengths: list[int], budget: int) -> None:
    batches = plan_batches(lengths, budget)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        longest = max(lengths[i] for i in batch)
        assert longest * len(batch) <= budget or len(batch) == 1


def test_batches_group_similar_lengths() -> None:
    batches = plan_batches([1, 30, 2, 29, 3, 28], 90)
    assert [sorted(b) for b in batches] == [[0, 2, 4], [1, 3, 5]]


def test_source_is_moses_normalised() -> None:
    assert normalize_source("Er sagte: „Nein“ – und ging …") == 'Er sagte: "Nein" - und ging ...'


def test_device_and_dtype_choice_on_a_machine_without_cuda(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert pick_device("auto").type == "cpu"
    assert pick_device("cpu").type == "cpu"
    with pytest.raises(ModelUnavailable, match="no CUDA GPU"):
        pick_device("cuda")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert pick_device("auto").type == "cuda"
    assert pick_dtype(torch.device("cuda")) == torch.float16
    assert pick_dtype(torch.device("cpu")) == torch.float32


@pytest.fixture(scope="module")
def translator(tiny_model: Path):  # type: ignore[no-untyped-def]
    # Greedy: with beam search the batch-wide length limit changes which beam wins, so only greedy
    # outputs are exactly independent of how sentences are batched.
    return load_translator(TranslationSettings(model=str(tiny_model), backend="transformers", num_beams=1,
                                               batch_tokens=256))


SENTENCES = [
    "Die USA haben Nordkorea gewarnt.",
    "Kim Jong Un reist nach Russland.",
    "Putin will engere Verbindung zu Nordkorea.",
    "Nordkorea dementiert.",
    "Die Engpässe sind auf die Sanktionen zurückzuführen.",
    "Der Kreml bestätigte das Treffen nicht.",
]


def test_out_of_memory_halves_the_batch_and_gives_the_same_result(translator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    expected = translator.translate(SENTENCES)
    real_translate_batch = translator._translate_batch
    tried: list[int] = []

    def translate_with_small_memory(batch: list[list[int]], caps: list[int],
                                    beams: int) -> list[tuple[str, float]]:
        tried.append(len(batch))
        if len(batch) > 2:
            raise torch.OutOfMemoryError("CUDA out of memory (simulated)")
        return real_translate_batch(batch, caps, beams)

    monkeypatch.setattr(translator, "_translate_batch", translate_with_small_memory)
    assert translator.translate(SENTENCES) == expected
    assert tried == [6, 3, 1, 2, 3, 1, 2]  # halved until it fits, every sentence translated once


def test_out_of_memory_on_a_single_sentence_is_not_hidden(translator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def always_out_of_memory(batch: list[list[int]], caps: list[int], beams: int) -> list[tuple[str, float]]:
        raise torch.OutOfMemoryError("CUDA out of memory (simulated)")

    monkeypatch.setattr(translator, "_translate_batch", always_out_of_memory)
    with pytest.raises(torch.OutOfMemoryError):
        translator.translate(["Kim"])


def test_over_long_sentence_is_split_for_the_model_and_never_truncated(translator) -> None:  # type: ignore[no-untyped-def]
    clause = "die Regierung in Berlin hat am Dienstag neue Sanktionen gegen Russland beschlossen"
    sentence = "Nach Angaben des Ministeriums " + ", und ".join([clause] * 40) + "."
    assert translator.count_tokens(sentence) > 512  # more than the model's positions
    pieces = translating.fit_to_model(sentence, translator, max_tokens=64)
    assert len(pieces) > 1
    assert " ".join(pieces) == sentence
    assert all(translator.count_tokens(piece) <= 64 for piece in pieces)
    assert len(translator.translate(pieces)) == len(pieces)


SAMPLE = [
    "Die USA haben Nordkorea vor Waffenlieferungen an Russland gewarnt.",
    "Kim",
    "Putin will engere Verbindung zu Nordkorea.",
    "Russland gehört zu den wenigen Ländern, die Kontakt zu Nordkorea halten, sagte er am Dienstag.",
]


@pytest.mark.parametrize("num_beams", [1, 4])
def test_ctranslate2_agrees_with_transformers_at_full_precision(tiny_model: Path, num_beams: int) -> None:
    outputs = {}
    for backend in ("transformers", "ctranslate2"):
        settings = TranslationSettings(model=str(tiny_model), backend=backend, num_beams=num_beams,
                                       compute_type="float32")
        outputs[backend] = load_translator(settings).translate(SAMPLE)
    assert outputs["ctranslate2"] == outputs["transformers"]
    assert all(outputs["ctranslate2"])


def test_ctranslate2_int8_translates_every_sentence(tiny_model: Path) -> None:
    # int8 beam output may differ between a batch and a sentence alone (padding changes the rounding):
    # what is guaranteed is one non-empty translation per sentence.
    translator = load_translator(TranslationSettings(model=str(tiny_model), backend="ctranslate2",
                                                     num_beams=2))
    assert translator.provenance()["dtype"] == "int8"
    together = translator.translate(SAMPLE)
    assert len(together) == len(SAMPLE) and all(together)


def test_ctranslate2_batched_translations_stay_in_place(tiny_model: Path) -> None:
    # Greedy float32 decoding is the setting where a batch must give each sentence its own translation.
    translator = load_translator(TranslationSettings(model=str(tiny_model), backend="ctranslate2",
                                                     num_beams=1, compute_type="float32"))
    assert translator.translate(SAMPLE) == [translator.translate([s])[0] for s in SAMPLE]
    assert translator.translate(SAMPLE[::-1]) == translator.translate(SAMPLE)[::-1]


@pytest.fixture(scope="module")
def two_sided_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Like opus-mt-de-en: one vocabulary over separate source and target SentencePiece models, so some
    entries (here the <unused…> padding) are never a target piece."""
    from tiny_model import build_marian

    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    return build_marian(tmp_path_factory.mktemp("two-sided"), texts, model_vocab=1500, target_pieces=800)


def test_ctranslate2_scores_only_target_side_tokens(two_sided_model: Path) -> None:
    import json

    import sentencepiece

    target = sentencepiece.SentencePieceProcessor(model_file=str(two_sided_model / "target.spm"))
    vocab = json.loads((two_sided_model / "vocab.json").read_text(encoding="utf-8"))
    target_side = sum(1 for token in vocab if target.piece_to_id(token) != target.unk_id())
    outputs = {}
    for choice in ("target", "full"):
        translator = load_translator(TranslationSettings(model=str(two_sided_model), backend="ctranslate2",
                                                         output_vocabulary=choice))
        outputs[choice] = translator.translate(SAMPLE)
        assert len(outputs[choice]) == len(SAMPLE) and all(outputs[choice])
    assert translator.provenance()["output_vocabulary"] == "full"
    restricted = load_translator(TranslationSettings(model=str(two_sided_model), backend="ctranslate2"))
    assert restricted.provenance()["output_vocabulary"] == f"{target_side} target-side tokens"
    assert target_side < len(vocab) - 500
    # Random weights pick the padding freely when allowed; restricted, they never can.
    assert any("<unused" in text for text in outputs["full"])
    assert not any("<unused" in text for text in outputs["target"])
    assert any("en1" in text for text in outputs["target"])  # target-only pieces (en0, en1, ...) remain


def test_auto_backend_is_ctranslate2_on_a_cpu(tiny_model: Path) -> None:
    from summarize.translation import resolve_backend

    assert resolve_backend(TranslationSettings(model=str(tiny_model), device="cpu")) == "ctranslate2"
    assert resolve_backend(TranslationSettings(backend="transformers")) == "transformers"


def test_conversion_is_cached_and_redone_when_the_model_changes(tiny_model: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from summarize.translation import ctranslate2_backend as backend

    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "cache"))
    model = tmp_path / "model"
    shutil.copytree(tiny_model, model)
    settings = TranslationSettings(model=str(model), backend="ctranslate2")
    first = backend.converted_model(settings, str(model), {}, "int8")
    stamp = (first / "model.bin").stat().st_mtime_ns
    assert backend.converted_model(settings, str(model), {}, "int8") == first  # reused, not redone
    assert (first / "model.bin").stat().st_mtime_ns == stamp
    assert backend.converted_model(settings, str(model), {}, "float32") != first  # keyed by quantization
    (model / "config.json").write_text((model / "config.json").read_text() + "\n")
    assert backend.converted_model(settings, str(model), {}, "int8") != first  # the model changed
    assert not list((tmp_path / "cache" / "ctranslate2").glob(".converting-*"))


def test_compute_types() -> None:
    from summarize.translation.ctranslate2_backend import pick_compute_type

    assert pick_compute_type("cpu", "auto") == "int8"
    assert pick_compute_type("cuda", "auto") == "float16"
    assert pick_compute_type("cpu", "float32") == "float32"


# Text as it reaches the tokenizer, and worse: the tokenizer's own special tokens and language-code marks
# inside it, odd spaces, characters no seed has.
TOKENIZER_TEXT = st.lists(st.one_of(
    st.sampled_from(["</s>", "<unk>", "<pad>", ">>en<<", ">>", "<<", " ", "\u00a0", "\u200b", "\t", "\n",
                     "Straße", "„Nein“", "Kim Jong Un", "3,5 %", "e\u0301", "😀"]),
    st.text(max_size=12)), max_size=8).map("".join)


@pytest.mark.parametrize("model", ["tiny_model", "two_sided_model"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TOKENIZER_TEXT, ids=st.lists(st.integers(min_value=0, max_value=1499), max_size=12))
def test_the_tokenizer_tokenizes_and_decodes_as_transformers_marian_tokenizer(
        request: pytest.FixtureRequest, model: str, text: str, ids: list[int]) -> None:
    # Our own tokenizer (sentencepiece and vocab.json alone) must give the model exactly the ids
    # transformers' would, and read its outputs back the same, or the CTranslate2 path translates
    # something else than the transformers one.
    from transformers import MarianTokenizer

    from summarize.translation.marian import MarianPieces, tokenizer_files

    folder = request.getfixturevalue(model)
    reference, ours = _tokenizers(folder, MarianTokenizer, MarianPieces, tokenizer_files)
    encoded = reference(text)["input_ids"]
    assert ours(text)["input_ids"] == encoded
    assert ours([text, text])["input_ids"] == [encoded, encoded]
    for sequence in (encoded, [index % len(ours.vocabulary) for index in ids]):  # any vocabulary entries
        assert ours.convert_ids_to_tokens(sequence) == reference.convert_ids_to_tokens(sequence)
        for skip in (True, False):
            assert ours.decode(sequence, skip_special_tokens=skip) == reference.decode(
                sequence, skip_special_tokens=skip)
    assert (ours.pad_token_id, ours.eos_token_id) == (reference.pad_token_id, reference.eos_token_id)


_LOADED_TOKENIZERS: dict[Path, tuple[Any, Any]] = {}


def _tokenizers(folder: Path, *loaders: Any) -> tuple[Any, Any]:
    marian_tokenizer, marian_pieces, tokenizer_files = loaders
    if folder not in _LOADED_TOKENIZERS:
        _LOADED_TOKENIZERS[folder] = (marian_tokenizer.from_pretrained(folder),
                                      marian_pieces(tokenizer_files(str(folder), {})))
    return _LOADED_TOKENIZERS[folder]


def test_a_downloaded_model_translates_on_the_ctranslate2_path_without_importing_torch(
        tmp_path: Path, tiny_model: Path) -> None:
    # What a user runs: the hub id, its files in the Hugging Face cache. The first run converts the
    # model (that needs transformers and torch); every later run loads only CTranslate2 and
    # sentencepiece, and translates the same.
    import json
    import os
    import shutil
    import subprocess
    import sys

    repo, commit = "Helsinki-NLP/opus-mt-de-en", "0123456789abcdef0123456789abcdef01234567"
    cached = tmp_path / "hf" / "hub" / f"models--{repo.replace('/', '--')}"
    shutil.copytree(tiny_model, cached / "snapshots" / commit)
    (cached / "refs").mkdir()
    (cached / "refs" / "main").write_text(commit, encoding="utf-8")
    env = {**os.environ, "HF_HOME": str(tmp_path / "hf"), "HF_HUB_OFFLINE": "1",
           "SUMMARIZE_CACHE_DIR": str(tmp_path / "converted")}
    code = ("import json, sys\nfrom summarize.settings import TranslationSettings\n"
            "from summarize.translation import load_translator\n"
            f"settings = TranslationSettings(model={repo!r}, backend='ctranslate2', num_beams=1, "
            "compute_type='float32')\n"
            f"texts = load_translator(settings).translate({SENTENCES!r})\n"
            "print(json.dumps([texts, sorted(m for m in ('torch', 'transformers') if m in sys.modules)]))\n")
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                      timeout=300, check=True).stdout.splitlines()[-1]) for _ in range(2)]
    (first, converting), (second, loaded) = runs
    assert converting == ["torch", "transformers"]  # the conversion on first use
    assert loaded == []
    assert second == first and len(first) == len(SENTENCES) and all(first)
