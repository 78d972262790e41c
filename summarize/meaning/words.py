"""The word pattern the meaning checks share: letters (German and accented), with inner apostrophes
and hyphens ("Nordrhein-Westfalen", "Merkel's")."""

from __future__ import annotations

import re

WORD = re.compile(r"[A-Za-zÄÖÜäöüßÀ-ÿ]+(?:['’-][A-Za-zÄÖÜäöüßÀ-ÿ]+)*")
