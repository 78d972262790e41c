"""Quality gate: cleaning may not get worse on the gold-labelled articles (trafilatura's evaluation gate)."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from cleaning_quality import GOLD_SETS, score  # noqa: E402


def test_seeds_are_cleaned_exactly() -> None:
    result = score(*GOLD_SETS["seeds"])
    assert result.disagreements == []


@pytest.mark.parametrize("gold_set", ["articles", "heldout"])
def test_other_outlets_meet_the_keep_recall_and_f1_targets(gold_set: str) -> None:
    result = score(*GOLD_SETS[gold_set])
    assert result.files >= 12
    # Losing article text is worse than keeping a credit line: recall has the stricter floor.
    assert result.recall >= 0.99, result.disagreements
    assert result.f1 >= 0.97, result.disagreements
    assert result.titles_right == result.files, result.disagreements
