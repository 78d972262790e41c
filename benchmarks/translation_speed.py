"""Translation speed: the usual ways of running OPUS-MT against this project's backends, in one run.

    python benchmarks/translation_speed.py                 # CPU, 64 seed sentences, 4 beams
    python benchmarks/translation_speed.py --device cuda   # the same on a GPU

A model with the real opus-mt-de-en architecture (benchmarks/opus-mt-de-en/config.json: d_model 512,
6+6 layers, 8 heads, FFN 2048, vocabulary 58101 of which 32000 entries are target-side pieces) and
random weights is built once into benchmarks/.model (ignored by git). Every system translates the same
sentences with the same beam and exactly the same number of output tokens (random weights never emit
end-of-sentence; the table shows the tokens produced, so this can be checked), `--repeat` times after
one small warm-up call; the table shows the median. Each system runs in its own process, so its peak
memory (max RSS) is its own. A last section times a whole `summarize run` on the seeds and reports the
share of it spent inside the translation backend.

    python benchmarks/translation_speed.py --whole-run 8   # summarize run on 8 real pages vs CTranslate2

`--whole-run N` times the whole command instead: `summarize run` (default settings, sentence cache off)
on the first N real pages' dumps (../shared/realpages), every output forced to `--new-tokens` tokens,
against a plain CTranslate2 int8 script (batches of 16, the same beams and tokens) translating the
distinct sentences and headlines that run translated. The run's checks and repairs are shown apart: with
random weights nearly every sentence is flagged, which a trained model does not do.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "data"))
MODEL_DIR = ROOT / "benchmarks" / ".model"
REAL_CONFIG = ROOT / "benchmarks" / "opus-mt-de-en" / "config.json"

SYSTEMS = {
    "hf-one-at-a-time": "transformers, one sentence at a time (the usual script)",
    "hf-batch-16": "transformers, fixed batches of 16",
    "project-transformers": "this project, transformers backend",
    "ct2-int8-batch-16": "CTranslate2 int8, fixed batches of 16 (plain script)",
    "project-default": "this project, default path (backend auto)",
}


def build_model() -> Path:
    config = json.loads(REAL_CONFIG.read_text())
    dims = {k: config[k] for k in ("d_model", "encoder_layers", "decoder_layers", "encoder_attention_heads",
                                    "decoder_attention_heads", "encoder_ffn_dim", "decoder_ffn_dim")}
    # opus-mt-de-en's vocab.json (58101 entries) joins separate German and English SentencePiece models of
    # 32000 pieces each. Here the pieces trained on the seeds are shared by both sides, English-only ones
    # fill the target model to 32000, and the rest of the vocabulary is source-only padding.
    recipe = {"vocab_size": 2000, "target_pieces": 32000, "model_vocab": config["vocab_size"], **dims}
    stamp = MODEL_DIR / "recipe.json"
    if stamp.is_file() and json.loads(stamp.read_text()) == recipe:
        return MODEL_DIR
    import shutil

    from tiny_model import build_marian

    shutil.rmtree(MODEL_DIR, ignore_errors=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    build_marian(MODEL_DIR, texts, **recipe)
    stamp.write_text(json.dumps(recipe))
    return MODEL_DIR


def prepare_model(device: str) -> None:
    """Build the model and convert it for CTranslate2, so no measured process pays for either."""
    from summarize.settings import TranslationSettings
    from summarize.translation.ctranslate2_backend import converted_model, pick_compute_type

    build_model()
    for quantization in {"int8", pick_compute_type(device, "auto")}:  # the plain script's, the default path's
        converted_model(TranslationSettings(model=str(MODEL_DIR)), str(MODEL_DIR), {}, quantization)


def config_vocab_size() -> int:
    return json.loads(REAL_CONFIG.read_text())["vocab_size"]


def seed_sentences(count: int) -> list[str]:
    from summarize.preparing import prepare
    from summarize.reading import read_article

    sentences: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        sentences += [sentence.de for sentence in prepare(read_article(path)).sentences]
    return sentences[:count]


def run_system(name: str, sentences: list[str], beams: int, new_tokens: int, device: str,
               repeat: int) -> dict:
    """Load, then translate `repeat` times in this process; returns the median seconds and the output
    tokens of one pass (loading is not timed)."""
    translate, detail = load_system(name, beams, new_tokens, device)
    translate(sentences[:2])  # one-time allocations happen before the clock starts, for every system alike
    times, tokens = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        tokens = translate(sentences)
        times.append(time.perf_counter() - start)
    return {"seconds": statistics.median(times), "tokens": tokens, "detail": detail}


def load_system(name: str, beams: int, new_tokens: int,
                device: str) -> tuple[Callable[[list[str]], int], str]:
    """A function translating a list of sentences the way `name` does, returning the output tokens."""
    if name.startswith("project"):
        from summarize.settings import TranslationSettings
        from summarize.translation import load_translator

        backend = "transformers" if name == "project-transformers" else "auto"
        # ratio 0 and extra = new tokens + the forced </s>: every sentence gets exactly `new_tokens` tokens.
        settings = TranslationSettings(model=str(MODEL_DIR), backend=backend, device=device, num_beams=beams,
                                       max_output_ratio=0.0, max_output_extra=new_tokens + 1)
        translator = load_translator(settings)

        def project(sentences: list[str]) -> int:
            before = translator.generated_tokens
            assert len(translator.translate(sentences)) == len(sentences)
            return translator.generated_tokens - before

        provenance = translator.provenance()
        detail = provenance["dtype"]
        if provenance.get("output_vocabulary", "full") != "full":
            detail += f", output layer: {provenance['output_vocabulary']} of {config_vocab_size()}"
        return project, detail
    from transformers import MarianMTModel, MarianTokenizer

    tokenizer = MarianTokenizer.from_pretrained(MODEL_DIR)
    if name.startswith("hf"):
        import torch

        dtype = torch.float16 if device == "cuda" else torch.float32
        model = MarianMTModel.from_pretrained(MODEL_DIR).to(device=device, dtype=dtype).eval()
        size = 1 if name == "hf-one-at-a-time" else 16

        def plain_transformers(sentences: list[str]) -> int:
            tokens = 0
            with torch.inference_mode():
                for i in range(0, len(sentences), size):
                    batch = tokenizer(sentences[i:i + size], return_tensors="pt", padding=True).to(device)
                    out = model.generate(**batch, num_beams=beams, min_new_tokens=new_tokens,
                                         max_new_tokens=new_tokens, max_length=None)
                    tokens += int((out[:, 1:] != tokenizer.pad_token_id).sum())
            return tokens

        return plain_transformers, str(dtype).removeprefix("torch.")
    import ctranslate2

    from summarize.settings import TranslationSettings
    from summarize.translation.ctranslate2_backend import converted_model

    ct2_dir = converted_model(TranslationSettings(model=str(MODEL_DIR)), str(MODEL_DIR), {}, "int8")
    ct2 = ctranslate2.Translator(str(ct2_dir), device=device, compute_type="int8")

    def plain_ctranslate2(sentences: list[str]) -> int:
        sources = [tokenizer.convert_ids_to_tokens(tokenizer.encode(s)) for s in sentences]
        results = []
        for i in range(0, len(sources), 16):
            results += ct2.translate_batch(sources[i:i + 16], beam_size=beams, max_decoding_length=new_tokens,
                                           min_decoding_length=new_tokens)
        return sum(len(r.hypotheses[0]) for r in results)

    return plain_ctranslate2, "int8"


class TimedCalls:
    """Stands in for the backend's engine object (a CTranslate2 translator, a torch model) and adds up
    the time spent inside its translating calls."""

    def __init__(self, engine: Any, method: str) -> None:
        self.engine, self.method, self.seconds = engine, method, 0.0

    def __getattr__(self, name: str) -> Any:
        return self._timed(getattr(self.engine, name)) if name == self.method else getattr(self.engine, name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:  # a torch model's forward pass (scoring)
        return self._timed(self.engine)(*args, **kwargs)

    def _timed(self, call: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
        return timed


def pipeline_share(device: str) -> dict:
    """A whole run on the seeds (the sentence cache off): how much of it is spent loading the model and
    inside the backend's own translate call (first translations and the repairs of flagged ones)?"""
    from summarize.pipeline import run
    from summarize.settings import Settings
    from summarize.translation import load_translator

    settings = Settings().with_overrides("translation", model=str(MODEL_DIR), device=device)
    settings = settings.with_overrides("run", cache=False)
    start = time.perf_counter()
    translator = load_translator(settings.translation)
    loaded = time.perf_counter()
    if hasattr(translator, "translator"):  # ctranslate2
        translator.translator = engine = TimedCalls(translator.translator, "translate_batch")
    else:
        translator.model = engine = TimedCalls(translator.model, "generate")
    with tempfile.TemporaryDirectory() as out:
        report = run([ROOT / "seeds"], out, settings, translator=translator)
    total = time.perf_counter() - start
    return {"total": total, "load": loaded - start, "translate": engine.seconds,
            "repairs": report.repairs_tried,
            "share": (loaded - start + engine.seconds) / total}


def summarize_run(pages: int, beams: int, new_tokens: int, device: str, sentences_file: Path) -> dict:
    """In this process: `summarize run`'s own code on the first `pages` real pages, default settings but
    the sentence cache off and every output forced to `new_tokens` tokens (ratio 0, which models.toml does
    not allow: benchmark only); writes the distinct sentences and headlines it translated to
    `sentences_file` and returns the run's own timings."""
    import dataclasses

    from summarize.pipeline import run
    from summarize.settings import Settings

    dumps = sorted((ROOT.parent / "shared" / "realpages" / "dumps").glob("*.txt"))[:pages]
    if not dumps:
        raise SystemExit("no ../shared/realpages/dumps beside the repository")
    settings = Settings().with_overrides("translation", model=str(MODEL_DIR), device=device, num_beams=beams)
    settings = dataclasses.replace(settings, translation=dataclasses.replace(
        settings.translation, max_output_ratio=0.0, max_output_extra=new_tokens + 1))
    settings = settings.with_overrides("run", cache=False)
    with tempfile.TemporaryDirectory() as work:
        inputs, out = Path(work) / "pages", Path(work) / "out"
        inputs.mkdir()
        for dump in dumps:
            (inputs / dump.name).write_bytes(dump.read_bytes())
        report = run([inputs], out, settings)
        translated: set[str] = set()
        for path in out.glob("*.json"):
            record = json.loads(path.read_text(encoding="utf-8"))
            if "sentences" in record:
                translated.update(s["de"] for s in record["sentences"])
                translated.update([record["title"]["de"]] if not record["title"]["derived"] else [])
    sentences_file.write_text(json.dumps(sorted(translated - {""})), encoding="utf-8")
    return {"pages": len(dumps), "sentences": len(translated - {""}),
            "translation": report.translate_seconds, "checks_and_repairs": report.check_seconds,
            "repairs_tried": report.repairs_tried,
            "repairs_left_out": report.repairs_left_out}


def whole_run(pages: int, beams: int, new_tokens: int, device: str) -> None:
    """`summarize run` on `pages` real pages (a process of its own, timed from its start) against plain
    CTranslate2 on the sentences it translated."""
    common = ["--beams", str(beams), "--new-tokens", str(new_tokens), "--device", device]
    with tempfile.TemporaryDirectory() as work:
        sentences_file = Path(work) / "sentences.json"
        start = time.perf_counter()
        done = subprocess.run([sys.executable, __file__, "--system", "summarize-run", "--whole-run",
                               str(pages), "--sentences-file", str(sentences_file), *common],
                              capture_output=True, text=True, check=True)
        total = time.perf_counter() - start
        ours = json.loads(done.stdout.strip().splitlines()[-1])
        plain = json.loads(subprocess.run(
            [sys.executable, __file__, "--system", "ct2-int8-batch-16", "--sentences-file",
             str(sentences_file), "--repeat", "1", *common],
            capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    repairs = ours["checks_and_repairs"]
    print(f"{ours['pages']} real pages, {ours['sentences']} distinct sentences and headlines, {beams} beams, "
          f"{new_tokens} output tokens each, device {device}")
    print("| | seconds | plain CTranslate2 / this |")
    print("| --- | ---: | ---: |")
    print(f"| plain CTranslate2 int8, batches of 16, those sentences (model loaded) | {plain['seconds']:.1f} "
          "| 1.00 |")
    print(f"| `summarize run`, the whole process (start, model load, read, clean, translate, checks and "
          f"repairs, summaries, digest) | {total:.1f} | {plain['seconds'] / total:.2f} |")
    print(f"| of which translating | {ours['translation']:.1f} "
          f"| {plain['seconds'] / ours['translation']:.2f} |")
    print(f"| of which checks and repairs ({ours['repairs_tried']} repairs tried, {ours['repairs_left_out']} "
          f"over the budget) | {repairs:.1f} | |")
    print(f"| the whole process without checks and repairs | {total - repairs:.1f} | "
          f"{plain['seconds'] / (total - repairs):.2f} |")
    print(f"\npeak RSS: `summarize run` {ours['peak_rss_mb']:.0f} MB, "
          f"the plain script {plain['peak_rss_mb']:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=64)
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--new-tokens", type=int, default=32)
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    parser.add_argument("--systems", nargs="*", default=list(SYSTEMS))
    parser.add_argument("--repeat", type=int, default=3, help="passes per system; the table shows the median")
    parser.add_argument("--whole-run", type=int, metavar="PAGES",
                        help="time `summarize run` on this many real pages against plain CTranslate2")
    parser.add_argument("--system", help=argparse.SUPPRESS)  # internal: run one system in this process
    parser.add_argument("--sentences-file", type=Path, help=argparse.SUPPRESS)  # internal: these sentences
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)  # internal: build, convert
    args = parser.parse_args()
    if args.prepare:
        prepare_model(args.device)
        return
    if args.system == "summarize-run":
        result = summarize_run(args.whole_run, args.beams, args.new_tokens, args.device, args.sentences_file)
    elif args.system:
        sentences = (json.loads(args.sentences_file.read_text(encoding="utf-8")) if args.sentences_file
                     else seed_sentences(args.sentences))
        result = (pipeline_share(args.device) if args.system == "pipeline"
                  else run_system(args.system, sentences, args.beams, args.new_tokens, args.device,
                                  args.repeat))
    if args.system:
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return

    # In a process of its own: on Linux a child's peak RSS starts from its parent's, so the parent
    # stays small.
    subprocess.run([sys.executable, __file__, "--prepare", "--device", args.device], check=True)
    if args.whole_run:
        whole_run(args.whole_run, args.beams, args.new_tokens, args.device)
        return
    common = ["--sentences", str(args.sentences), "--beams", str(args.beams), "--new-tokens",
              str(args.new_tokens), "--device", args.device, "--repeat", str(args.repeat)]
    results = {}
    for name in [*args.systems, "pipeline"]:
        done = subprocess.run([sys.executable, __file__, "--system", name, *common], capture_output=True,
                              text=True, check=True)
        results[name] = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"  measured {name}", file=sys.stderr)
    count = args.sentences
    print(f"{count} seed sentences, {args.beams} beams, {args.new_tokens} output tokens each, "
          f"device {args.device}, median of {args.repeat} passes")
    print("| system | precision | sentences/s | x baseline | output tokens | peak RSS (MB) |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    baseline = results.get("hf-one-at-a-time", {}).get("seconds")
    for name in args.systems:
        r = results[name]
        speed = count / r["seconds"]
        ratio = f"{baseline / r['seconds']:.1f}" if baseline else "-"
        print(f"| {SYSTEMS[name]} | {r['detail']} | {speed:.1f} | {ratio} | {r['tokens']} "
              f"| {r['peak_rss_mb']:.0f} |")
    if "ct2-int8-batch-16" in results and "project-default" in results:
        print(f"\nproject default vs plain CTranslate2 in batches of 16: "
              f"{results['ct2-int8-batch-16']['seconds'] / results['project-default']['seconds']:.2f}x")
    p = results["pipeline"]
    print(f"whole `summarize run` on the seeds: {p['total']:.1f} s, "
          f"of which {p['load']:.1f} s loading the model "
          f"and {p['translate']:.1f} s inside the backend's translate calls (random weights: {p['repairs']} "
          f"flagged sentences translated again): {100 * p['share']:.0f}% in the translation backend")


if __name__ == "__main__":
    main()
