"""Compare pysbd, syntok and summarize.segmenting on the gold German sentence boundaries."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "sentences_gold.jsonl"

# Boundaries are counted in non-whitespace characters so that a split which only changes spacing
# (e.g. a glued "2023.Ahn" coming back as "2023." + "Ahn") still lines up with the gold offsets.
WHITESPACE = re.compile(r"\s+")

Segmenter = Callable[[str], list[str]]


def boundaries(sentences: list[str]) -> set[int]:
    """Sentence-internal boundaries as offsets into the paragraph with all whitespace removed."""
    offsets, pos = set(), 0
    for sentence in sentences[:-1]:
        pos += len(WHITESPACE.sub("", sentence))
        offsets.add(pos)
    return offsets


def load_gold(path: Path = GOLD) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def make_pysbd() -> Segmenter:
    import pysbd

    seg = pysbd.Segmenter(language="de", clean=False)
    return lambda text: [s.strip() for s in seg.segment(text) if s.strip()]


def make_syntok() -> Segmenter:
    import syntok.segmenter as syntok_segmenter

    def split(text: str) -> list[str]:
        out = []
        # analyze() keeps token offsets, so sentences are cut from the original text unchanged.
        for paragraph in syntok_segmenter.analyze(text):
            for sentence in paragraph:
                tokens = list(sentence)
                start, end = tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)
                out.append(text[start:end])
        return out

    return split


def make_module() -> Segmenter:
    sys.path.insert(0, str(ROOT))
    from summarize.segmenting import split_sentences

    return split_sentences


SEGMENTERS: dict[str, Callable[[], Segmenter]] = {
    "pysbd": make_pysbd,
    "syntok": make_syntok,
    "summarize.segmenting": make_module,
}


def score(segment: Segmenter, gold: list[dict]) -> dict:
    tp = fp = fn = bad = 0
    errors = []
    for row in gold:
        pred = segment(row["text"])
        want, got = boundaries(row["sentences"]), boundaries(pred)
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
        if want != got:
            bad += 1
            errors.append((row, pred))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "bad": bad, "errors": errors}


def speed(segment: Segmenter, texts: list[str], repeat: int) -> float:
    """Sentences per second over `repeat` passes of the gold paragraphs (after one warm-up pass)."""
    for text in texts:
        segment(text)
    count, start = 0, time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            count += len(segment(text))
    return count / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--repeat", type=int, default=5, help="passes over the gold file for timing")
    parser.add_argument("--errors", action="store_true", help="print every paragraph with a wrong split")
    parser.add_argument("--only", choices=sorted(SEGMENTERS), action="append", help="restrict to these")
    args = parser.parse_args(argv)

    gold = load_gold(args.gold)
    texts = [row["text"] for row in gold]
    n_sent = sum(len(row["sentences"]) for row in gold)
    print(
        f"gold: {args.gold.relative_to(ROOT) if args.gold.is_relative_to(ROOT) else args.gold}: "
        f"{len(gold)} paragraphs, {n_sent} sentences, "
        f"{sum(len(r['sentences']) - 1 for r in gold)} internal boundaries"
    )

    results = {}
    for name in args.only or list(SEGMENTERS):
        segment = SEGMENTERS[name]()
        results[name] = score(segment, gold)
        results[name]["speed"] = speed(segment, texts, args.repeat)

    slowest = min(r["speed"] for r in results.values())
    header = f"{'segmenter':<22} {'P':>6} {'R':>6} {'F1':>6} {'bad paras':>9} {'sent/s':>9} {'x slowest':>9}"
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        print(
            f"{name:<22} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
            f"{r['bad']:>5}/{len(gold):<3} {r['speed']:9.0f} {r['speed'] / slowest:9.2f}"
        )

    if args.errors:
        for name, r in results.items():
            print(f"\n== {name}: {r['bad']} paragraphs with errors")
            for row, pred in r["errors"]:
                print("  GOLD:", row["sentences"])
                print("  GOT :", pred)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
