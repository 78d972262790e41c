"""Abstractive summaries with a tiny BART built here: chunking, the word limit, the fallback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.abstractive import AbstractiveSummarizer, limit_words
from summarize.settings import SummarySettings

from conftest import SEEDS

ENGLISH = ("The United States warned North Korea against supplying weapons to Russia. "
           "Kim Jong Un plans to meet Vladimir Putin in Vladivostok, according to US officials. ") * 12


@pytest.fixture(scope="module")
def tiny_bart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tiny_model import build_bart

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + [ENGLISH]
    return build_bart(tmp_path_factory.mktemp("tiny-bart"), texts)


def test_long_input_is_split_into_chunks_the_model_can_take(tiny_bart: Path) -> None:
    summarizer = AbstractiveSummarizer(SummarySettings(method="abstractive", model=str(tiny_bart),
                                                       max_words=30))
    chunks = summarizer.chunks(ENGLISH)
    assert len(chunks) > 1
    assert " ".join(chunks) == ENGLISH.strip()
    assert all(len(summarizer.tokenizer(c)["input_ids"]) <= summarizer.max_input for c in chunks)
    result = summarizer.summarize(ENGLISH)
    assert result and len(result.split()) <= 30 + 1


LIMITS = [
    ("One two three. Four five six. Seven eight nine.", 6, "One two three. Four five six."),
    ("One two three four five six seven.", 3, "One two three …"),
    ("Short.", 10, "Short."),
]


@pytest.mark.parametrize("text, words, expected", LIMITS)
def test_word_limit_keeps_whole_sentences(text: str, words: int, expected: str) -> None:
    assert limit_words(text, words) == expected


def _config(tmp_path: Path, model: Path) -> Path:
    config = tmp_path / "models.toml"
    config.write_text(f'[summary]\nmethod = "abstractive"\nmodel = "{model}"\nmax_words = 40\n',
                      encoding="utf-8")
    return config


def test_run_writes_abstractive_summaries(tiny_model: Path, tiny_bart: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    code, _, err = cli("run", SEEDS / "000_186858dc41ba0cad.txt", "-o", out, "--model", tiny_model,
                       "--config", _config(tmp_path, tiny_bart), "--quiet")
    assert code == 0, err
    record = json.loads((out / "000_186858dc41ba0cad.json").read_text(encoding="utf-8"))
    assert record["summary_en"] and len(record["summary_en"].split()) <= 41
    assert record["summary_sentences"] == []  # not picked from the article's sentences
    assert not any("extractive summary instead" in w for w in record["warnings"])
    assert record["models"]["summary"]["method"] == "abstractive"


def test_a_broken_summarization_model_falls_back_to_extractive(tiny_model: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken-bart"
    broken.mkdir()
    (broken / "config.json").write_text('{"model_type": "bart"}', encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = cli("run", SEEDS / "000_186858dc41ba0cad.txt", "-o", out, "--model", tiny_model,
                       "--config", _config(tmp_path, broken))
    assert code == 0
    record = json.loads((out / "000_186858dc41ba0cad.json").read_text(encoding="utf-8"))
    assert any("extractive summary instead" in w for w in record["warnings"])
    assert record["summary_sentences"]  # the extractive summary
    assert "Traceback" not in err


def test_abstractive_without_a_model_is_a_configuration_error(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "models.toml"
    config.write_text('[summary]\nmethod = "abstractive"\n', encoding="utf-8")
    code, _, err = cli("run", SEEDS, "-o", tmp_path / "out", "--config", config)
    assert code == 2 and "'summary.model' must name" in err
