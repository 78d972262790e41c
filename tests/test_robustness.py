"""No input makes the reader, cleaner, segmenter or summarizer raise: arbitrary text and bytes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize import cleaning, segmenting, summary
from summarize.errors import InputError
from summarize.preparing import prepare
from summarize.reading import read_article

# Text that looks a little like a scraped page: German words, furniture, markup, odd characters.
PIECES = st.sampled_from([
    "Der", "Kanzler", "sagte", "am", "3.", "Oktober", "in", "Berlin", ".", "„", "“", "«", "»", "Foto:", "dpa",
    "©", "Anzeige", "<p", "</strong>", "&amp;", "&nbsp;", "\n", "\n\n", "\r\n", "\r", "  •", "z. B.", "1,5",
    "Mio.", "(afp/er)", "Kommentare", "1/12", "?", "!", "…", "\t", "\u00a0", "\ufeff", "ÄÖÜß", "🎉",
])
PAGES = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=120).map(" ".join))
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(PAGES)
def test_cleaner_never_raises_and_keeps_line_numbers_in_range(text: str) -> None:
    cleaned = cleaning.clean(text)
    lines = text.split("\n")
    assert all(1 <= n <= len(lines) for n in cleaned.kept_lines)
    assert {r.line for r in cleaned.removed}.isdisjoint(cleaned.kept_lines)


@SLOW
@given(PAGES)
def test_segmenter_never_raises_and_loses_no_text(text: str) -> None:
    paragraph = " ".join(text.split())
    sentences = segmenting.split_sentences(paragraph)
    assert "".join("".join(sentences).split()) == "".join(paragraph.split())
    for sentence in sentences:
        pieces = segmenting.split_long(sentence, 40)
        assert "".join("".join(pieces).split()) == "".join(sentence.split())


@SLOW
@given(st.lists(st.text(min_size=1, max_size=80), max_size=30))
def test_summary_choice_is_in_article_order_and_within_limits(sentences: list[str]) -> None:
    counts = [len(s.split()) for s in sentences]
    chosen = summary.choose("extractive", sentences, counts, 3, 80)
    assert chosen == sorted(set(chosen)) and len(chosen) <= 3
    assert sum(counts[i] for i in chosen) <= 80


@SLOW
@given(st.binary(max_size=600))
def test_reader_and_stages_take_any_bytes(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path = Path(tmp_path_factory.mktemp("bytes")) / "input.txt"
    path.write_bytes(data)
    try:
        article = prepare(read_article(path))
    except InputError as error:
        assert str(path) in str(error)  # a clear reason naming the file, never another exception
        return
    assert article.original.encode(article.encoding) == data
