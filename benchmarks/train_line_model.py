"""Train the cleaner's line model on the real pages and write summarize/cleaning/line_model.json.

    python benchmarks/train_line_model.py          # train on every labelled page, write the model
    python benchmarks/train_line_model.py --check  # only say whether the committed model is today's

A logistic regression (L2, iteratively reweighted least squares) over summarize.cleaning.features.NAMES,
one sample per block of the given get_text dumps, labelled from each page's HTML (realpages.line_labels);
then the two thresholds of the span step, chosen by snippet F1 on the same pages. Deterministic: the
same pages give the same file. cleaning_quality.py measures it by outlet held out, with this code.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realpages  # noqa: E402

from summarize.cleaning import analyse, decide, repair  # noqa: E402
from summarize.cleaning.features import NAMES, Described, feature_rows  # noqa: E402
from summarize.cleaning.model import LineModel  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MODEL_FILE = ROOT / "summarize" / "cleaning" / "line_model.json"
L2 = 1.0
SPAN_THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
KEEP_THRESHOLDS = (0.1, 0.2, 0.3)
LABEL_MIN_WORDS = 6


@dataclass
class Example:
    """One real page as one dumper wrote it, ready for training: its blocks, their feature rows, labels."""

    page: realpages.Page
    dumper: str
    described: list[Described]
    rows: np.ndarray
    labels: np.ndarray  # 1.0 for article text (headline included), 0.0 for furniture


def examples(pages: list[realpages.Page], dumpers: list[str]) -> list[Example]:
    """The labelled pages as training examples, one per dumper (pages the labeller could not label are
    left out). The labels are the get_text dump's lines; another dumper's blocks take them by their text."""
    result = []
    for page in pages:
        labels = realpages.line_labels(page)
        if labels is None:
            continue
        lines = page.dump.split("\n")
        keep_lines = {realpages.normalise(repair(lines[number - 1])) for number in labels.keep}
        keep_text = "\n".join(sorted(keep_lines))
        for dumper in dumpers:
            described = analyse(page.dump if dumper == "get_text" else realpages.dump(page, dumper))
            if dumper == "get_text":
                keep = [item.block.number in labels.keep for item in described]
            else:
                keep = [_is_kept(realpages.normalise(item.block.text), keep_lines, keep_text)
                        for item in described]
            result.append(Example(page, dumper, described,
                                  np.array(feature_rows(described), dtype=float).reshape(-1, len(NAMES)),
                                  np.array(keep, dtype=float)))
    return result


def _is_kept(text: str, keep_lines: set[str], keep_text: str) -> bool:
    """Whether another dumper's block holds labelled article text: one of its lines, or (6 words or more)
    a part of it, or a block that joins several of its lines."""
    if text in keep_lines:
        return True
    if len(text.split()) >= LABEL_MIN_WORDS and text in keep_text:
        return True
    return any(len(line.split()) >= LABEL_MIN_WORDS and line in text for line in keep_lines)


def fit(train: list[Example]) -> np.ndarray:
    """Weights of an L2-regularised logistic regression; each block counts by its length, as the text it
    holds does for a reader."""
    x = np.vstack([e.rows for e in train])
    y = np.concatenate([e.labels for e in train])
    sample = 1.0 + x[:, NAMES.index("log_words")]
    w = np.zeros(x.shape[1])
    penalty = L2 * np.eye(x.shape[1])
    penalty[0, 0] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (sample * (p - y)) + penalty @ w
        hessian = (x * (sample * p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def cleaned_text(example: Example, probabilities: list[float], model: LineModel) -> str:
    """The article text the cleaner keeps, title first, as the snippet score reads it."""
    cleaned = decide(example.described, probabilities, model)
    return "\n".join(([cleaned.title] if cleaned.title else []) + [p.text for p in cleaned.paragraphs])


def train(train_set: list[Example]) -> LineModel:
    """The weights, then the thresholds that give the training pages the best snippet F1."""
    weights = fit(train_set)
    probabilities = [list(1.0 / (1.0 + np.exp(-np.clip(e.rows @ weights, -30, 30)))) for e in train_set]
    best = (-1.0, LineModel(tuple(float(v) for v in weights), KEEP_THRESHOLDS[0], SPAN_THRESHOLDS[0]))
    for span in SPAN_THRESHOLDS:
        for keep in KEEP_THRESHOLDS:
            model = LineModel(tuple(float(v) for v in weights), keep, span)
            f1 = 0.0
            for dumper in {e.dumper for e in train_set}:
                chosen = [(e, p) for e, p in zip(train_set, probabilities) if e.dumper == dumper]
                texts = {e.page.stem: cleaned_text(e, p, model) for e, p in chosen}
                f1 += realpages.score_snippets(texts, [e.page for e, _ in chosen]).f1
            if f1 > best[0] + 1e-9:
                best = (f1, model)
    return best[1]


def to_dict(model: LineModel, pages: int) -> dict:  # type: ignore[type-arg]
    return {
        "about": "summarize's line model: logistic regression over summarize/cleaning/features.py NAMES; "
                 f"trained by benchmarks/train_line_model.py on {pages} real pages",
        "features": list(NAMES),
        "weights": {name: round(weight, 6) for name, weight in zip(NAMES, model.weights)},
        "keep_threshold": model.keep_threshold,
        "span_threshold": model.span_threshold,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the committed model, write nothing")
    args = parser.parse_args()
    if not realpages.available():
        print(f"no real pages at {realpages.REALPAGES}", file=sys.stderr)
        return 2
    data = examples(realpages.load_pages(), realpages.available_dumpers())
    model = train(data)
    pages = len({e.page.stem for e in data})
    text = json.dumps(to_dict(model, pages), indent=1, ensure_ascii=False) + "\n"
    if args.check:
        same = MODEL_FILE.read_text(encoding="utf-8") == text
        print("the committed line model is today's" if same else "the committed line model is out of date")
        return 0 if same else 1
    MODEL_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_FILE.relative_to(ROOT)}: {pages} pages, span threshold {model.span_threshold},"
          f" keep threshold {model.keep_threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
