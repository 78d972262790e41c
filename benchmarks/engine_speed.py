"""The cost of the ray engine on one machine: the same input through --engine local and --engine ray.

    python benchmarks/engine_speed.py                 # 200 articles, the tiny test model
    python benchmarks/engine_speed.py --articles 400 --model benchmarks/.model   # the real architecture

Articles are the seeds with a number woven in, so every article is distinct; each engine gets a fresh
output folder (so no sentence cache) and its output is compared with the other's.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "data"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--model", type=Path, help="model folder (default: a tiny model built here)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        model = args.model
        if model is None:
            from tiny_model import build_marian

            texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
            model = build_marian(folder / "model", texts)
        inputs = folder / "in"
        inputs.mkdir()
        seeds = sorted((ROOT / "seeds").glob("*.txt"))
        for number in range(args.articles):
            seed = seeds[number % len(seeds)]
            text = seed.read_text(encoding="utf-8").replace("Putin", f"Putin ({number})")
            (inputs / f"{number:04}_{seed.name}").write_text(text, encoding="utf-8")
        seconds = {}
        for engine in ("local", "ray"):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "summarize", "run", str(inputs), "-o", str(folder / engine),
                            "--model", str(model), "--engine", engine, "--quiet"], check=True)
            seconds[engine] = time.perf_counter() - start
        same = all((folder / "ray" / p.name).read_bytes() == p.read_bytes()
                   for p in (folder / "local").glob("*.json") if p.name not in ("run.json", "digest.json"))
    print(f"{args.articles} articles, model {args.model or 'tiny (test)'}, this machine")
    print("| engine | seconds | articles/s |")
    print("| --- | ---: | ---: |")
    for engine, value in seconds.items():
        print(f"| {engine} | {value:.1f} | {args.articles / value:.1f} |")
    print(f"\nray / local time: {seconds['ray'] / seconds['local']:.2f}x; article files identical: {same}")


if __name__ == "__main__":
    main()
