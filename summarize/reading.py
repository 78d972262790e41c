"""Find the input files and turn their bytes into Article records; no cleaning here."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import ConfigError, InputError
from .records import Article

INPUT_SUFFIX = ".txt"
# Tried in order; latin-1 decodes any bytes, so it is the last resort.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


@dataclass
class Inputs:
    """The files a run will read, with the id each article gets, and what was passed over."""

    files: dict[Path, str] = field(default_factory=dict)  # path -> article id
    ignored: list[Path] = field(default_factory=list)  # not *.txt, in an input folder


def discover(inputs: Iterable[Path | str], recursive: bool = False) -> Inputs:
    """Files as given and the *.txt files of folders (and their subfolders with `recursive`).

    An article's id is its file stem; a file in a subfolder gets the subfolder in its id
    ("region__wien__unfall"), so equal names in different folders stay apart.
    """
    found = Inputs()
    for given in map(Path, inputs):
        if given.is_dir():
            entries = sorted(given.rglob("*") if recursive else given.iterdir())
            for entry in entries:
                if entry.is_dir():
                    continue
                if entry.suffix != INPUT_SUFFIX:
                    found.ignored.append(entry)
                    continue
                relative = entry.relative_to(given).with_suffix("")
                found.files.setdefault(entry, "__".join(relative.parts))
        elif given.is_file() or given.is_symlink():
            found.files.setdefault(given, given.stem)
        else:
            raise ConfigError(f"{given}: no such file or folder")
    return found


def read_article(path: Path, article_id: str | None = None, max_bytes: int = 2_000_000) -> Article:
    """Read one file; the original text is kept exactly: original.encode(encoding) gives the bytes back."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: cannot read (broken link or file removed)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit "
                         f"(run.max_input_bytes in models.toml)")
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file (contains NUL bytes), not text")
    text, encoding = decode(data)
    article = Article(id=article_id or path.stem, path=path, sha256=hashlib.sha256(data).hexdigest(),
                      original=text, encoding=encoding)
    if encoding != "utf-8":
        article.warnings.append(f"not UTF-8: read as {encoding}")
    return article


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (a byte-order mark is kept in the text, so nothing is lost), else Windows-1252, else Latin-1."""
    for encoding in ("utf-8", *FALLBACK_ENCODINGS):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def text_for_cleaning(article: Article) -> str:
    """The original without a byte-order mark, with CRLF/CR line ends as LF (line numbers stay the same)."""
    return article.original.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
