"""Cleaning quality, one run, two tables.

    python benchmarks/cleaning_quality.py                 # both tables
    python benchmarks/cleaning_quality.py --disagreements # and what each held-out page lost or leaked

1. Real pages (../shared/realpages, 127 outlets), by outlet held out: the line model is trained on the
   other folds' pages (benchmarks/train_line_model.py's code) and scored on the pages of outlets it never
   saw, for every dumper: snippet precision, recall, F1 and perfect pages; on the given get_text dumps,
   whose lines are labelled from each page's HTML, also keep precision, recall, F1, drop accuracy and
   headlines. Beside it on the same pages: the naive 12+ words rule, jusText and trafilatura on the HTML.
2. The gold-labelled test pages in tests/data with the shipped model: keep precision, recall, F1, drop
   accuracy, titles (the seeds must be exact).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realpages  # noqa: E402
import train_line_model as training  # noqa: E402

from summarize.cleaning import clean, decide, topic_words  # noqa: E402
from summarize.cleaning.dumps import unmarked  # noqa: E402
from summarize.cleaning.features import text_facts  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOLD_SETS = training.GOLD_SETS
FOLDS = 10


@dataclass
class Score:
    """Line-level agreement with full labels."""

    files: int = 0
    kept_right: int = 0  # gold keep, kept
    kept_wrong: int = 0  # gold drop, kept
    lost: int = 0  # gold keep, removed
    dropped_right: int = 0
    titled: int = 0  # pages with a gold headline
    titles_right: int = 0
    disagreements: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.kept_right / max(1, self.kept_right + self.kept_wrong)

    @property
    def recall(self) -> float:
        return self.kept_right / max(1, self.kept_right + self.lost)

    @property
    def f1(self) -> float:
        return 2 * self.precision * self.recall / max(1e-9, self.precision + self.recall)

    @property
    def drop_accuracy(self) -> float:
        return self.dropped_right / max(1, self.dropped_right + self.kept_wrong)

    @property
    def title_accuracy(self) -> float:
        return self.titles_right / max(1, self.files)

    def add(self, name: str, lines: list[str], cleaned, keep: set[int], drop: set[int],  # type: ignore[no-untyped-def]
            title: str | None) -> None:
        kept = set(cleaned.kept_lines)
        reasons = {r.line: r.reason for r in cleaned.removed}
        self.files += 1
        self.titled += title is not None
        if realpages.normalise(cleaned.title or "") == realpages.normalise(title or ""):
            self.titles_right += 1
        else:
            self.disagreements.append(f"{name}: title {cleaned.title!r}, gold {title!r}")
        for number in sorted(keep | drop):
            if number in keep and number in kept:
                self.kept_right += 1
            elif number in keep:
                self.lost += 1
                self.disagreements.append(
                    f"{name}:{number}: LOST ({reasons.get(number)}) {lines[number - 1].strip()[:90]}")
            elif number in kept:
                self.kept_wrong += 1
                self.disagreements.append(f"{name}:{number}: KEPT {lines[number - 1].strip()[:90]}")
            else:
                self.dropped_right += 1


def score(gold_dir: Path, text_dir: Path) -> Score:
    """The shipped cleaner against one folder of gold labels."""
    result = Score()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (text_dir / gold["file"]).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        result.add(gold["file"], text.split("\n"), clean(text), set(gold["keep"]), set(gold["drop"]),
                   gold["title"])
    return result


@dataclass
class HeldOut:
    """The cleaner's figures on real pages by outlet held out."""

    snippets: dict[str, realpages.SnippetScore]  # by dumper
    lines: Score  # on the given get_text dumps
    errors: dict[str, dict[str, tuple[list[str], list[str]]]]  # dumper -> page -> (missed, leaked)


def fold_of(outlet: str, outlets: list[str]) -> int:
    return sorted(set(outlets)).index(outlet) % FOLDS


def held_out(dumpers: list[str]) -> HeldOut:
    """Train on the other folds' outlets (and our own gold pages), clean each page of the held-out fold
    as every dumper writes it."""
    available = realpages.available_dumpers()
    used = sorted(set(dumpers) | {d for d in training.TRAINING_DUMPERS if d in available})
    data = training.examples(realpages.load_pages(), used, unlabelled=True)
    gold = training.gold_examples()
    outlets = [e.page.outlet for e in data]
    texts: dict[str, dict[str, str]] = {dumper: {} for dumper in dumpers}
    lines = Score()
    for fold in range(FOLDS):
        train = [e for e in data if fold_of(e.page.outlet, outlets) != fold and e.labelled
                 and e.dumper in training.TRAINING_DUMPERS]
        model = training.train(train + gold)
        for example in (e for e in data if fold_of(e.page.outlet, outlets) == fold and e.dumper in dumpers):
            page = example.page
            cleaned = decide(example.described, model.probabilities(example.rows.tolist()), model)
            texts[example.dumper][page.stem] = training.cleaned_text(cleaned)
            labels = realpages.line_labels(page)
            if example.dumper == "get_text" and labels is not None:
                lines.add(page.stem, page.dump.split("\n"), cleaned, set(labels.keep), set(labels.drop),
                          labels.title)
    pages = [e.page for e in data if e.dumper == "get_text"]
    return HeldOut({d: realpages.score_snippets(texts[d], pages) for d in dumpers}, lines,
                   {d: realpages.snippet_breakdown(texts[d], pages) for d in dumpers})


def baselines(pages: list[realpages.Page]) -> dict[str, realpages.SnippetScore]:
    return {
        "naive 12+ words (get_text)": realpages.score_snippets(
            {p.stem: realpages.naive_rule(p) for p in pages}, pages),
        "jusText (HTML)": realpages.score_snippets(
            {p.stem: realpages.justext_on_html(p) for p in pages}, pages),
        "trafilatura (HTML)": realpages.score_snippets(
            {p.stem: realpages.trafilatura_on_html(p) for p in pages}, pages),
    }


def cleaning_speed(pages: list[realpages.Page]) -> tuple[float, float]:
    """Pages cleaned a second of CPU time (one core): each page's lines new to the process, then the
    same pages again (a night's pages from one outlet repeat its menus and footers)."""
    for cached in (unmarked, text_facts, topic_words):
        cached.cache_clear()
    rates = []
    for _ in range(2):
        started = time.process_time()
        for page in pages:
            clean(page.dump)
        rates.append(len(pages) / (time.process_time() - started))
    return rates[0], rates[1]


def snippet_row(name: str, s: realpages.SnippetScore) -> str:
    return f"{name:34} {s.pages:5} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.perfect:4}/{s.pages:<4}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--disagreements", action="store_true", help="what each held-out page lost or leaked")
    args = parser.parse_args()
    if realpages.available():
        dumpers = realpages.available_dumpers()
        result = held_out(dumpers)
        pages = realpages.load_pages()
        print(f"Real pages, outlet held out ({FOLDS} folds): snippets")
        print(f"{'system':34} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'perfect':>9}")
        for dumper in dumpers:
            print(snippet_row(f"summarize ({dumper})", result.snippets[dumper]))
        for name, s in baselines(pages).items():
            print(snippet_row(name, s))
        s = result.lines
        new, seen = cleaning_speed(realpages.load_pages())
        print(f"\nCleaning speed on one core: {new:.0f} pages/s; {seen:.0f} pages/s with their lines seen"
              " before")
        print("\nReal pages, outlet held out: lines of the get_text dumps, labelled from the HTML"
              f" ({s.files} pages)")
        print(f"keep P {s.precision:.3f}  keep R {s.recall:.3f}  keep F1 {s.f1:.3f}"
              f"  drop acc {s.drop_accuracy:.3f}"
              f"  headlines {s.titles_right}/{s.files} ({s.title_accuracy:.3f})")
        if args.disagreements:
            for dumper in dumpers:
                for stem, (missed, leaked) in result.errors[dumper].items():
                    print(f"  {dumper} {stem}: missed {missed} leaked {leaked}")
            for line in s.disagreements:
                print("  " + line)
    else:
        print(f"(no real pages at {realpages.REALPAGES}: their table is left out)")
    print("\nGold-labelled test pages, shipped model")
    print(f"{'gold set':10} {'files':>5} {'keep P':>7} {'keep R':>7}"
          f" {'keep F1':>7} {'drop acc':>8} {'titles':>7}")
    for name, dirs in GOLD_SETS.items():
        g = score(*dirs)
        print(f"{name:10} {g.files:5} {g.precision:7.3f} {g.recall:7.3f} {g.f1:7.3f} {g.drop_accuracy:8.3f}"
              f" {g.titles_right:3}/{g.files:<3}")


if __name__ == "__main__":
    main()
