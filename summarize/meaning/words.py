"""What the meaning checks share: the word pattern (letters, German and accented, with inner apostrophes
and hyphens: "Nordrhein-Westfalen", "Merkel's") and their tables of German that English must render."""

from __future__ import annotations

import re

WORD = re.compile(r"[A-Za-zÄÖÜäöüßÀ-ÿ]+(?:['’-][A-Za-zÄÖÜäöüßÀ-ÿ]+)*")

# A table of German words that the English must render: German (a regex over the lower-cased sentence)
# -> (its name, its meaning, the English that renders it).
Renderings = dict[str, tuple[str, str, str]]


def unrendered(table: Renderings, lower_german: str, lower_english: str) -> tuple[str, str] | None:
    """(name, meaning) of the first German entry of the table in the sentence without its English."""
    return next(((name, meaning) for pattern, (name, meaning, rendered) in table.items()
                 if re.search(pattern, lower_german) and not re.search(rendered, lower_english)), None)
