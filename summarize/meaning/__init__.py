"""Checks of what a translation says, beyond its numbers and words: a clause or a hedge left out
(`omission`), a negation dropped or added (`negation`), a name changed, translated or lost (`name`).
These are the errors neural translation is known for and a reader of the English cannot see. Pure
functions over a (German, English) pair, each finding a Flag with a reason a reader understands; the
tables in each module are the documented knowledge they use.

    words       the word pattern all three share
    omission    hedges and quantity modifiers (a table), clauses and list items, quotations
    negation    negations both ways, with the idioms that carry none across
    names       names (titles, exonyms, dictionaries), kept, transliterated, or in their place
"""

from __future__ import annotations

from .names import german_names, name_flag
from .negation import negation_flag
from .omission import omission_flag

__all__ = ["german_names", "name_flag", "negation_flag", "omission_flag"]
