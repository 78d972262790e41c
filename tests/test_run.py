"""End to end through the CLI with a tiny real Marian model: files, schema, limits, errors."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import jsonschema
import pytest

import summarize
from summarize import pipeline
from summarize.settings import Settings, TranslationSettings
from summarize.translation import load_translator

from conftest import ROOT, SEEDS, run_cli

ARTICLE_SCHEMA = json.loads((ROOT / "summarize" / "article.schema.json").read_text(encoding="utf-8"))
DIGEST_SCHEMA = json.loads((ROOT / "summarize" / "digest.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds_run(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    out = tmp_path_factory.mktemp("run") / "out"
    code, _, err = run_cli("run", SEEDS, "-o", out, "--model", tiny_model, "--quiet")
    return code, err, out


def test_run_writes_one_valid_file_per_article_and_a_digest(seeds_run) -> None:  # type: ignore[no-untyped-def]
    code, err, out = seeds_run
    assert code == 0, err
    stems = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert sorted(p.stem for p in out.glob("*.json") if p.name not in ("digest.json", "run.json")) == stems
    for stem in stems:
        jsonschema.validate(json.loads((out / f"{stem}.json").read_text(encoding="utf-8")), ARTICLE_SCHEMA)
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    jsonschema.validate(digest, DIGEST_SCHEMA)
    assert [a["id"] for a in digest["articles"]] == stems
    assert all(a["title_en"] and a["summary_en"] for a in digest["articles"])
    assert not list(out.glob(".*.tmp"))  # no temp files left behind


def test_original_text_round_trips_byte_for_byte(seeds_run) -> None:  # type: ignore[no-untyped-def]
    _, _, out = seeds_run
    for source in SEEDS.glob("*.txt"):
        record = json.loads((out / f"{source.stem}.json").read_text(encoding="utf-8"))
        assert record["original"].encode("utf-8") == source.read_bytes()
        assert record["source_path"] == str(source)


def test_translation_is_aligned_with_the_cleaned_text(seeds_run) -> None:  # type: ignore[no-untyped-def]
    _, _, out = seeds_run
    for path in out.glob("0*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        assert len(record["translation_en"]) == len(record["cleaned_de"])
        for index, paragraph in enumerate(record["cleaned_de"]):
            sentences = [s for s in record["sentences"] if s["paragraph"] == index]
            assert " ".join(s["de"] for s in sentences) == paragraph
            assert " ".join(s["en"] for s in sentences) == record["translation_en"][index]
        assert record["title"]["en"]


def test_summaries_obey_their_limits(seeds_run) -> None:  # type: ignore[no-untyped-def]
    _, _, out = seeds_run
    for path in out.glob("0*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        chosen = record["summary_sentences"]
        assert 1 <= len(chosen) <= 3 and chosen == sorted(chosen)  # article order
        assert len(record["summary_en"].split()) <= 80 + 1  # "…" marks a shortened sentence
        german = [record["sentences"][i]["de"] for i in chosen]
        assert record["title"]["de"] not in german or len(record["sentences"]) == 1
        if not record["warnings"]:
            assert record["summary_en"] == " ".join(record["sentences"][i]["en"] for i in chosen)


def test_models_block_records_provenance(seeds_run, tiny_model: Path) -> None:  # type: ignore[no-untyped-def]
    _, _, out = seeds_run
    record = json.loads((out / "000_186858dc41ba0cad.json").read_text(encoding="utf-8"))
    translation = record["models"]["translation"]
    assert translation["id"] == str(tiny_model)
    # backend "auto" on a CPU: CTranslate2 in int8
    assert ((translation["backend"], translation["device"], translation["dtype"])
            == ("ctranslate2", "cpu", "int8"))
    assert translation["num_beams"] == 4
    assert record["models"]["tool"]["version"] == summarize.__version__


@pytest.fixture(scope="module")
def greedy(tiny_model: Path):  # type: ignore[no-untyped-def]
    return load_translator(TranslationSettings(model=str(tiny_model), backend="transformers", num_beams=1,
                                               batch_tokens=64))


def test_batched_translation_equals_one_at_a_time_and_keeps_order(greedy) -> None:  # type: ignore[no-untyped-def]
    sentences = [
        "Die USA haben Nordkorea vor Waffenlieferungen an Russland gewarnt.",
        "Kim",
        "Putin will engere Verbindung zu Nordkorea.",
        "Russland gehört zu den wenigen Ländern, die Kontakt zu Nordkorea halten, sagte er am Dienstag.",
        "Ukraine",
    ]
    batched = greedy.translate(sentences)
    alone = [greedy.translate([s])[0] for s in sentences]
    assert batched == alone
    assert len(set(alone)) > 1  # distinct outputs, so a reordering would show


def test_output_is_capped_relative_to_the_input(greedy, tiny_model: Path) -> None:  # type: ignore[no-untyped-def]
    # Random weights never emit end-of-sentence, so every output runs to its cap.
    from transformers import MarianTokenizer

    target_side = MarianTokenizer.from_pretrained(tiny_model)
    short, long = "Kim", "Die USA haben Nordkorea vor Waffenlieferungen an Russland gewarnt, sagte er."
    lengths = []
    for sentence in (short, long):
        cap = greedy.output_cap(greedy.count_tokens(sentence))
        output_tokens = len(target_side(text_target=greedy.translate([sentence])[0])["input_ids"])
        assert output_tokens <= cap + 1  # + end-of-sentence added by the tokenizer
        lengths.append(output_tokens)
    assert lengths[0] < lengths[1]


def test_missing_local_model_is_a_clear_error_and_writes_nothing(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("run", SEEDS, "-o", tmp_path / "out", "--model", tmp_path / "no-such-model")
    assert code == 2
    assert "no-such-model" in err and "not available" in err and "--model" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def _run_cli_process(args: list[str], env_changes: dict[str, str], cwd: Path
                     ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **env_changes}
    # The timeout is no speed target: transformers' network retries (4.5 minutes) would run into it.
    return subprocess.run([sys.executable, "-m", "summarize", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=240)


@pytest.mark.parametrize("env_changes", [
    {"HF_HUB_OFFLINE": "1"},
    # The hub cannot be reached: a closed local port stands in for a machine without network.
    {"HF_ENDPOINT": "http://127.0.0.1:9"},
], ids=["offline", "unreachable"])
def test_hub_model_not_cached_offline_fails_fast_with_advice(tmp_path: Path,
                                                             env_changes: dict[str, str]) -> None:
    env = {"HF_HOME": str(tmp_path / "hf"), **env_changes}
    done = _run_cli_process(["run", str(SEEDS), "-o", str(tmp_path / "out")], env, tmp_path)
    assert done.returncode == 2
    assert "Helsinki-NLP/opus-mt-de-en" in done.stderr and "not available" in done.stderr
    assert "summarize models fetch" in done.stderr and "--model" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command the parser has, as the words that name it ("models", "fetch"); () is the tool
    itself. Read from the parser, so a command added later is covered without touching this test."""
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                yield from _commands(subparser, (*path, name))


def test_help_on_every_command_has_examples_of_that_command(cli) -> None:  # type: ignore[no-untyped-def]
    from summarize.cli import build_parser

    commands = list(_commands(build_parser()))
    assert any(len(command) == 2 for command in commands)  # the walk reaches the actions under "models"
    for command in commands:
        code, out, _ = cli(*command, "--help")
        assert code == 0, command
        examples = out.partition("examples:")[2]
        assert f"summarize {' '.join(command)}".strip() in examples, command


def test_article_not_in_german_is_not_translated_and_is_marked(tiny_model: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "german.txt").write_bytes((SEEDS / "004_68cbc1ad60d296a1.txt").read_bytes())
    english = ("US warns North Korea over arms deal\n\nThe United States has warned North Korea against "
               "supplying weapons to Russia. "
               "It said that the talks were a matter of concern for the region.\n")
    (inputs / "english.txt").write_text(english, encoding="utf-8")
    code, _, err = cli("run", inputs, "-o", tmp_path / "out", "--model", tiny_model, "--quiet")
    assert code == 0, err
    record = json.loads((tmp_path / "out" / "english.json").read_text(encoding="utf-8"))
    assert record["language"] == "en"
    assert any("not German" in w for w in record["warnings"])
    assert record["translation_en"] == record["cleaned_de"]  # its own text, not a model's output
    digest = json.loads((tmp_path / "out" / "digest.json").read_text(encoding="utf-8"))
    marked = {a["id"]: a["language"] for a in digest["articles"]}
    assert marked == {"english": "en", "german": "de"}


def test_run_report_lists_every_input_with_its_status(seeds_run) -> None:  # type: ignore[no-untyped-def]
    _, _, out = seeds_run
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert (sorted(Path(i["path"]).stem for i in report["inputs"])
            == sorted(p.stem for p in SEEDS.glob("*.txt")))
    assert {i["status"] for i in report["inputs"]} <= {"done", "done with warnings"}
    assert report["translation"]["sentences"] >= report["translation"]["distinct"] > 0
    assert report["models"]["translation"]["backend"] == "ctranslate2"


def test_every_sentence_is_checked_and_doubtful_ones_repaired_or_flagged(seeds_run) -> None:  # type: ignore[no-untyped-def]
    # The random tiny model loops and drops numbers all the time: exactly what the checks are for.
    _, _, out = seeds_run
    record = json.loads((out / "000_186858dc41ba0cad.json").read_text(encoding="utf-8"))
    assert all(isinstance(s["confidence"], float) and isinstance(s["flags"], list)
               for s in record["sentences"])
    kinds = {f["kind"] for s in record["sentences"] for f in s["flags"]}
    assert "repetition" in kinds and "confidence" in kinds
    assert record["flagged_sentences"] == sum(1 for s in record["sentences"] if s["flags"])
    assert any("sentences flagged" in w for w in record["warnings"])
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert report["translation"]["repairs_tried"] > 0  # the repair path ran
    assert report["translation"]["flagged_by_kind"]["repetition"] > 0


def _cache_hits(out: Path) -> int:
    return json.loads((out / "run.json").read_text(encoding="utf-8"))["translation"]["cache_hits"]


def test_sentence_cache_is_hit_on_a_rerun_and_split_by_settings(tiny_model: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                 cli) -> None:
    out = tmp_path / "out"
    args = ["run", SEEDS / "004_68cbc1ad60d296a1.txt", "-o", out, "--model", tiny_model, "--quiet"]
    assert cli(*args)[0] == 0
    first = json.loads((out / "004_68cbc1ad60d296a1.json").read_text(encoding="utf-8"))
    assert _cache_hits(out) == 0
    assert cli(*args)[0] == 0
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert report["translation"]["cache_hits"] == report["translation"]["distinct"]  # every sentence
    second = json.loads((out / "004_68cbc1ad60d296a1.json").read_text(encoding="utf-8"))
    assert second["translation_en"] == first["translation_en"]
    assert cli(*args, "--backend", "transformers")[0] == 0  # other settings: other translations
    assert _cache_hits(out) == 0
    assert cli(*args, "--no-cache")[0] == 0
    assert _cache_hits(out) == 0


def test_help_does_not_import_the_heavy_libraries() -> None:
    code = ("import sys\nfrom summarize.cli import main\nmain(['run', '--help'])\n"
            "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def _not_a_model(tmp_path: Path, tiny_model: Path, kind: str) -> Path:
    folder = tmp_path / kind
    folder.mkdir()
    if kind == "bert":  # a real tokenizer beside the config of another kind of model
        for name in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json"):
            (folder / name).write_bytes((tiny_model / name).read_bytes())
        (folder / "config.json").write_text(json.dumps({"model_type": "bert", "vocab_size": 100}),
                                            encoding="utf-8")
    else:
        (folder / "README.txt").write_text("just some files", encoding="utf-8")
    return folder


@pytest.mark.parametrize("kind", ["empty", "bert"])
@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_a_folder_that_is_not_a_marian_model_stops_before_any_work(tmp_path: Path, tiny_model: Path, cli,  # type: ignore[no-untyped-def]
                                                                   kind: str, backend: str) -> None:
    folder = _not_a_model(tmp_path, tiny_model, kind)
    code, _, err = cli("run", SEEDS, "-o", tmp_path / "out", "--model", folder, "--backend", backend)
    assert code == 2
    assert str(folder) in err and ("expected one of: marian" in err if kind == "bert"
                                   else "not available" in err)
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_digest_marks_flagged_sentences_with_reason_and_german(seeds_run) -> None:  # type: ignore[no-untyped-def]
    _, _, out = seeds_run
    record = json.loads((out / "000_186858dc41ba0cad.json").read_text(encoding="utf-8"))
    flagged = next(s for s in record["sentences"] if s["flags"])
    page = (out / "digest.html").read_text(encoding="utf-8")
    assert 'class="flag"' in page and f"{flagged['flags'][0]['kind']}:" in page
    from html import escape

    assert f"German: „{escape(flagged['de'])}“" in page  # the German sentence shown beside it
    assert "⚑" in (out / "digest.md").read_text(encoding="utf-8")


def test_a_model_that_flags_nearly_everything_is_repaired_within_budget_and_named_in_the_digest(
        seeds_run) -> None:  # type: ignore[no-untyped-def]
    # The tiny test model has random weights: like a wrong or broken model, it gets most sentences
    # flagged. The repairs must stay within their share and the run must say the model looks wrong.
    code, err, out = seeds_run
    assert code == 0, err
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    translation = report["translation"]
    budget = Settings().translation.max_repair_share * translation["distinct"]
    assert 0 < translation["repairs_tried"] <= budget
    assert translation["repairs_left_out"] > 0
    (warning,) = report["warnings"]
    assert "flagged" in warning and "translation.model" in warning
    assert json.loads((out / "digest.json").read_text(encoding="utf-8"))["warnings"] == [warning]
    assert "Warning:" in (out / "digest.md").read_text(encoding="utf-8")
    assert 'class="run-warning"' in (out / "digest.html").read_text(encoding="utf-8")


def test_a_night_goes_through_in_batches_each_written_before_the_next_is_translated(
        tiny_model: Path, tmp_path: Path) -> None:
    # A night of 20,000 articles must not be held whole: each batch of run.batch_articles is translated,
    # checked and written before the next is read in, and the digest still shows every article.
    out = tmp_path / "out"
    real = load_translator(TranslationSettings(model=str(tiny_model)))
    articles_written_at_each_call: list[int] = []

    class Watching:
        def translate_scored(self, sentences, num_beams=None):  # type: ignore[no-untyped-def]
            articles_written_at_each_call.append(len(_article_files(out)))
            return real.translate_scored(sentences, num_beams)

        def count_tokens(self, sentence: str) -> int:
            return real.count_tokens(sentence)

        def provenance(self):  # type: ignore[no-untyped-def]
            return real.provenance()

    settings = Settings().with_overrides("translation", model=str(tiny_model)).with_overrides(
        "run", batch_articles=2, cache=False)
    report = pipeline.run([SEEDS], out, settings, translator=Watching(), deliver=False)  # type: ignore[arg-type]
    stems = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert sorted(p.stem for p in _article_files(out)) == stems
    assert {status for status, _ in report.statuses.values()} <= {"done", "done with warnings"}
    assert set(articles_written_at_each_call) == {0, 2, 4}  # three batches: 2, 2 and 1 article
    assert articles_written_at_each_call == sorted(articles_written_at_each_call)
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in digest["articles"]) == stems
    run_record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    records = [json.loads(p.read_text(encoding="utf-8")) for p in _article_files(out)]
    assert run_record["translation"]["sentences"] == sum(1 + len(r["sentences"]) for r in records)


def _article_files(out: Path) -> list[Path]:
    return [p for p in out.glob("*.json") if p.name not in ("digest.json", "run.json")]
