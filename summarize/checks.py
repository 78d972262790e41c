"""Pure checks over (German sentence, English translation) pairs; each finding is a short reason."""

from __future__ import annotations

import re

WORD = re.compile(r"\w+|[^\w\s]")
# An n-gram repeated this many times in a row is a generation loop, not style ("very, very" is 2).
MIN_REPEATS = {1: 4, 2: 3, 3: 3, 4: 3}


def repetition(translation: str) -> str | None:
    """The longest-running repeated n-gram (n = 1..4) in a translation, described, or None."""
    words = WORD.findall(translation.lower())
    worst: tuple[int, int, str] | None = None
    for n, needed in MIN_REPEATS.items():
        for start in range(len(words) - n * needed + 1):
            gram = words[start:start + n]
            repeats = 1
            while words[start + repeats * n:start + (repeats + 1) * n] == gram:
                repeats += 1
            if repeats >= needed and (worst is None or repeats * n > worst[0] * worst[1]):
                worst = (repeats, n, " ".join(gram))
    if worst is None:
        return None
    repeats, _, gram = worst
    return f"repeats “{gram}” {repeats} times in a row (likely a generation loop)"
