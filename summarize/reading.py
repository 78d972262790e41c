"""Find the input files and turn their bytes into Article records; no cleaning here."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from .errors import ConfigError, InputError
from .records import Article

INPUT_SUFFIX = ".txt"


def discover(inputs: Iterable[Path | str]) -> list[Path]:
    """Files as given and the *.txt files of folders, in a stable order, each once."""
    found: list[Path] = []
    for given in map(Path, inputs):
        if given.is_dir():
            found.extend(sorted(p for p in given.iterdir() if p.suffix == INPUT_SUFFIX and p.is_file()))
        elif given.is_file():
            found.append(given)
        else:
            raise ConfigError(f"{given}: no such file or folder")
    return list(dict.fromkeys(found))


def read_article(path: Path) -> Article:
    """Read one file; the original text is kept exactly (a BOM included), so it round-trips byte for byte."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    return Article(id=path.stem, path=path, sha256=hashlib.sha256(data).hexdigest(), original=text)


def text_for_cleaning(article: Article) -> str:
    """The original without a byte-order mark, with CRLF/CR line ends as LF (line numbers stay the same)."""
    return article.original.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
