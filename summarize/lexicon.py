"""Word lists and a language guess shared by cleaning, checks, summary and digest."""

from __future__ import annotations

import re

# Common German function words: prose has many, furniture has few.
FUNCTION_WORDS = frozenset(
    "der die das den dem des ein eine einer einem einen eines und oder aber sondern denn dass weil wenn als"
    " ob wie in im ins an am auf aus bei mit nach von vom zu zum zur für über unter vor hinter zwischen"
    " durch gegen ohne um bis seit während wegen ist sind war waren wird werden wurde wurden hat haben"
    " hatte hatten sein kann können soll sollen will wollen muss müssen nicht auch noch schon nur sich es"
    " er sie wir ihr ihm ihn ihre seine sein man so sehr mehr dies diese dieser dieses damit dabei dort"
    " hier jetzt bereits zudem doch".split()
)

# The most frequent function words of languages a German outlet's page may also be written in.
OTHER_FUNCTION_WORDS = {
    "en": frozenset("the of and to in is that for it with as was on be by at this are from have has not but"
                    .split()),
    "fr": frozenset("le la les de des du et est une un dans pour que qui sur pas au aux avec ce il elle"
                    .split()),
    "it": frozenset("il lo la gli le di del della che e è un una per non con sono nel alla".split()),
    "es": frozenset("el los las de del que y es un una por con para no se su al lo como".split()),
}
MIN_LANGUAGE_SHARE = 0.08


WORD = re.compile(r"[a-zäöüßàâçéèêëîïôûùœ]+")
LETTERS = re.compile(r"[^\W\d_]+")
CONTENT_WORD_MIN_LENGTH = 4
STEM_LENGTH = 6


def content_words(text: str) -> list[str]:
    """The words that carry a text's topic: letters only, four or more, no function words."""
    return [word for word in LETTERS.findall(text)
            if len(word) >= CONTENT_WORD_MIN_LENGTH and word.lower() not in FUNCTION_WORDS]


def stem(word: str) -> str:
    """A word cut to its first letters, so that its inflections meet."""
    return word.lower()[:STEM_LENGTH]


def function_word_share(text: str, function_words: frozenset[str] = FUNCTION_WORDS) -> float:
    return _share(WORD.findall(text.lower()), function_words)


def _share(words: list[str], function_words: frozenset[str]) -> float:
    return sum(map(function_words.__contains__, words)) / len(words) if words else 0.0


def language_guess(text: str) -> str:
    """"de", or the code of the language whose function words the text uses more than German's ("en", "fr",
    "it", "es"); "unknown" when it has too few of any. Good enough to tell a page is not German."""
    words = WORD.findall(text.lower())
    shares = {code: _share(words, function_words) for code, function_words in OTHER_FUNCTION_WORDS.items()}
    shares["de"] = _share(words, FUNCTION_WORDS)
    best = max(shares, key=lambda code: shares[code])
    return best if shares[best] >= MIN_LANGUAGE_SHARE else "unknown"
