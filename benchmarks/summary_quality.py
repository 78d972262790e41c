"""Summary quality: ROUGE of the extractive summary against the outlet's own summary, next to lead-3.

    python benchmarks/summary_quality.py

For every gold-labelled article (seeds, tests/data/articles, tests/data/heldout) that has a reference,
the outlet's key points (a bulleted list near the top) or else its teaser (a first paragraph of one or
two sentences before at least three more paragraphs), the reference is taken out of the article and
each method summarizes the rest in German (3 sentences, 80 words, no model needed). ROUGE-1/2/L F1 from
rouge-score, with a Unicode word tokenizer (its default drops umlauts).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rouge_score import rouge_scorer

from summarize import summary
from summarize.errors import InputError
from summarize.preparing import prepare
from summarize.reading import read_article
from summarize.summary import HEADING_MAX_WORDS, SENTENCE_END

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "seeds", ROOT / "tests" / "data" / "articles",
           ROOT / "tests" / "data" / "heldout" / "articles"]
METHODS = {"lead-3": "lead", "extractive (ours)": "extractive"}
MAX_SENTENCES, MAX_WORDS = 3, 80


class GermanWords:
    """rouge-score tokenizer: lower-cased Unicode words."""

    def tokenize(self, text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())


def reference_and_body(path: Path) -> tuple[str, str, list[str]] | None:
    """(kind, reference text, the other sentences) or None when the article has no reference."""
    try:
        article = prepare(read_article(path))
    except InputError:
        return None
    assert article.cleaned is not None
    per_paragraph = [[s.de for s in article.sentences if s.paragraph == i]
                     for i in range(len(article.cleaned.paragraphs))]
    pairs = list(zip(article.cleaned.paragraphs, per_paragraph))
    items = [i for i, (p, s) in enumerate(pairs[:8]) if p.list_item and s]
    if len(items) >= 2:
        kind, reference = "key points", items
    elif len(pairs) >= 4 and 1 <= len(pairs[0][1]) <= 2:
        kind, reference = "teaser", [0]
    else:
        return None
    body = [s for i, (_, sentences) in enumerate(pairs) if i not in reference for s in sentences
            if SENTENCE_END.search(s) or len(s.split()) > HEADING_MAX_WORDS]
    body = [s for s in body if s != article.title_de]
    text = " ".join(s for i in reference for s in pairs[i][1])
    return kind, text, body


def main() -> None:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=GermanWords())
    cases = [case for folder in FOLDERS for path in sorted(folder.glob("*.txt"))
             if (case := reference_and_body(path)) and len(case[2]) > MAX_SENTENCES]
    kinds = {kind: sum(c[0] == kind for c in cases) for kind in ("key points", "teaser")}
    print(f"{len(cases)} articles with a reference ({kinds['key points']} key points, "
          f"{kinds['teaser']} teasers); "
          f"summaries of {MAX_SENTENCES} sentences / {MAX_WORDS} words of the rest of the article")
    print("| method | ROUGE-1 F | ROUGE-2 F | ROUGE-L F |")
    print("| --- | ---: | ---: | ---: |")
    results = {}
    for label, method in METHODS.items():
        totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
        for _, reference, body in cases:
            counts = [len(s.split()) for s in body]
            chosen = summary.choose(method, body, counts, MAX_SENTENCES, MAX_WORDS)
            scores = scorer.score(reference, " ".join(body[i] for i in chosen))
            for name in totals:
                totals[name] += scores[name].fmeasure / len(cases)
        results[label] = totals
        print(f"| {label} | {totals['rouge1']:.3f} | {totals['rouge2']:.3f} | {totals['rougeL']:.3f} |")
    ours, lead = results["extractive (ours)"], results["lead-3"]
    better = all(ours[name] > lead[name] for name in ours)
    print(f"\nextractive beats lead-3 on every measure: {'yes' if better else 'no'}")
    sys.exit(0 if better else 1)


if __name__ == "__main__":
    main()
