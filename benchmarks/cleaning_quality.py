"""Cleaning quality over every gold-labelled article: line-level precision/recall of "keep", accuracy
on "drop", title accuracy, and every disagreement.

    python benchmarks/cleaning_quality.py            # table and disagreements
    python benchmarks/cleaning_quality.py --quiet    # table only

Targets (issue 3): seeds exact; keep recall >= 0.99; keep F1 >= 0.97.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path

from summarize.cleaning import clean

ROOT = Path(__file__).resolve().parent.parent
GOLD_SETS = {
    "seeds": (ROOT / "tests" / "data" / "seeds_gold", ROOT / "seeds"),
    "articles": (ROOT / "tests" / "data" / "gold", ROOT / "tests" / "data" / "articles"),
    # Written by someone who never saw the cleaner's rules, and first scored after they were written.
    "heldout": (ROOT / "tests" / "data" / "heldout" / "gold",
                ROOT / "tests" / "data" / "heldout" / "articles"),
}


@dataclass
class Score:
    files: int = 0
    kept_right: int = 0  # gold keep, kept
    kept_wrong: int = 0  # gold drop, kept
    lost: int = 0  # gold keep, removed
    dropped_right: int = 0
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


def score(gold_dir: Path, text_dir: Path) -> Score:
    result = Score()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (text_dir / gold["file"]).read_text(encoding="utf-8-sig")
        lines = text.replace("\r\n", "\n").split("\n")
        cleaned = clean("\n".join(lines))
        kept = set(cleaned.kept_lines)
        reasons = {r.line: r.reason for r in cleaned.removed}
        result.files += 1
        result.titles_right += cleaned.title == gold["title"]
        if cleaned.title != gold["title"]:
            result.disagreements.append(f"{gold['file']}: title {cleaned.title!r}, gold {gold['title']!r}")
        for number in gold["keep"]:
            if number in kept:
                result.kept_right += 1
            else:
                result.lost += 1
                result.disagreements.append(
                    f"{gold['file']}:{number}: LOST ({reasons.get(number)}) {lines[number - 1].strip()[:90]}")
        for number in gold["drop"]:
            if number in kept:
                result.kept_wrong += 1
                result.disagreements.append(f"{gold['file']}:{number}: KEPT {lines[number - 1].strip()[:90]}")
            else:
                result.dropped_right += 1
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quiet", action="store_true", help="the table only")
    args = parser.parse_args()
    scores = {name: score(*dirs) for name, dirs in GOLD_SETS.items()}
    total = Score()
    for s in scores.values():
        for name in ("files", "kept_right", "kept_wrong", "lost", "dropped_right", "titles_right"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        total.disagreements += s.disagreements
    print(f"{'gold set':10} {'files':>5} {'keep P':>7} {'keep R':>7} {'keep F1':>7} {'drop acc':>8}"
          f" {'titles':>7}")
    for name, s in {**scores, "all": total}.items():
        print(f"{name:10} {s.files:5} {s.precision:7.3f} {s.recall:7.3f} {s.f1:7.3f} {s.drop_accuracy:8.3f}"
              f" {s.titles_right:3}/{s.files:<3}")
    if not args.quiet:
        print(f"\n{len(total.disagreements)} disagreements:")
        for line in total.disagreements:
            print("  " + line)


if __name__ == "__main__":
    main()
