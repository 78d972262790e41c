"""What the digest reads from an article record (the dict written to ``out/<id>.json``) besides its
text: the English title and the source's fields. Stories sort by the publication date; both digests
show all of them."""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]


def title_en(record: Record) -> str:
    title = record.get("title") or {}
    return (title.get("en") or title.get("de") or record.get("id") or "(untitled)").strip() or "(untitled)"


def source_field(record: Record, name: str) -> str | None:
    """A text field of the record's ``source`` (outlet, published, url), stripped; None when missing or
    blank."""
    source = record.get("source")
    value = source.get(name) if isinstance(source, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def published(record: Record) -> str | None:
    return source_field(record, "published")
