"""The line model: a logistic regression over features.NAMES, its weights in line_model.json (written by
benchmarks/train_line_model.py from real pages), evaluated in plain Python."""

from __future__ import annotations

import json
import math
import operator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .features import NAMES


@dataclass(frozen=True)
class LineModel:
    weights: tuple[float, ...]
    # A block inside the article is kept at this probability or more.
    keep_threshold: float
    # The article's span is the stretch with the best sum of (probability - span_threshold) x weight.
    span_threshold: float
    # What a short block with no furniture pattern costs the span against one with a pattern: subheadings
    # and list items inside an article must not end it.
    gap_weight: float = 1.0

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        return [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, sum(map(operator.mul, self.weights, row))))))
                for row in rows]


def from_dict(data: dict) -> LineModel:  # type: ignore[type-arg]
    """A model from its JSON form; the feature names must be today's, in today's order."""
    if tuple(data["features"]) != NAMES:
        raise ValueError("line_model.json was trained on other features: run benchmarks/train_line_model.py")
    return LineModel(tuple(float(data["weights"][name]) for name in NAMES), float(data["keep_threshold"]),
                     float(data["span_threshold"]), float(data["gap_weight"]))


@cache
def shipped() -> LineModel:
    """The model that ships with the package."""
    text = resources.files(__package__).joinpath("line_model.json").read_text(encoding="utf-8")
    return from_dict(json.loads(text))
