"""Translation checks as a table: input -> finding."""

from __future__ import annotations

import pytest

from summarize.checks import repetition

REPETITIONS = [
    ("the the the the", "“the” 4 times"),
    ("in the city in the city in the city", "“in the city” 3 times"),
    ("It was a very, very good day.", None),
    ("He said he would go and he did go.", None),
    ("Kim Kim Kim", None),  # three of one word can be a name list; four is a loop
    ("", None),
]


@pytest.mark.parametrize("text, finding", REPETITIONS)
def test_repetition(text: str, finding: str | None) -> None:
    result = repetition(text)
    if finding is None:
        assert result is None
    else:
        assert result is not None and finding in result
