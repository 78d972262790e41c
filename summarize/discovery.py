"""Find the inputs: the files of the folders given (never the output folder's), each with the id its
article gets, and what was passed over or could not be listed."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import ConfigError

STDIN = Path("-")
# Input kind by file extension; anything else in an input folder is ignored (and counted).
KINDS_BY_SUFFIX = {".txt": "txt", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
# The names of the run's own files in the output folder: no article may be written over them.
RESERVED_IDS = frozenset({"digest", "run", "index", "feed", "archive"})
# An id is a file name of ours (id.json, and a temp name a little longer): long names are cut, with a hash
# of the whole name so that two long names stay apart.
MAX_ID_CHARS = 100


@dataclass
class Inputs:
    """The files a run will read, with the id each file's article gets, and what was passed over."""

    files: dict[Path, str] = field(default_factory=dict)  # path -> article id (JSON Lines: a prefix)
    ignored: list[Path] = field(default_factory=list)
    unreadable: dict[Path, str] = field(default_factory=dict)  # folder -> why it could not be listed


def discover(inputs: Iterable[Path | str], recursive: bool = False, out_dir: Path | None = None) -> Inputs:
    """Files as given, `-` for standard input, and the files of folders (and of their subfolders with
    `recursive`), never the output folder's own.

    An article's id is its file stem; a file in a subfolder gets the subfolder in its id
    ("region__wien__unfall"), so equal names in different folders stay apart. A folder that cannot be
    listed is reported, and the others go on.
    """
    found = Inputs()
    outputs = out_dir.resolve() if out_dir is not None else None
    for given in map(Path, inputs):
        if given == STDIN:
            found.files.setdefault(STDIN, "stdin")
        elif given.is_dir():
            if outputs is not None and given.resolve() == outputs:
                raise ConfigError(f"{given}: is the output folder too; its article files would be read as "
                                  "inputs (give another folder with -o)")
            for entry in _folder_files(given, recursive, outputs, found.unreadable):
                if entry.suffix.lower() not in KINDS_BY_SUFFIX:
                    found.ignored.append(entry)
                    continue
                relative = entry.relative_to(given).with_suffix("")
                found.files.setdefault(entry, file_id("__".join(relative.parts)))
        elif given.exists() or given.is_symlink():  # a broken link fails later, as that input alone
            found.files.setdefault(given, file_id(given.stem))
        else:
            raise ConfigError(f"{given}: no such file or folder")
    return found


def _folder_files(folder: Path, recursive: bool, outputs: Path | None, unreadable: dict[Path, str]
                  ) -> list[Path]:
    """The non-folder entries of a folder (and of its subfolders), sorted; the output folder is left out,
    and a subfolder that cannot be listed goes into `unreadable`."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        unreadable[folder] = f"{folder}: cannot list this folder ({exc.strerror or exc})"
        return []
    files = []
    for entry in entries:
        if not entry.is_dir():
            files.append(entry)
        elif recursive and not (outputs is not None and entry.resolve() == outputs):
            files.extend(_folder_files(entry, recursive, outputs, unreadable))
    return files


def file_id(name: str) -> str:
    """A file's article id: its name, unless that cannot be an output file's name (too long, control
    characters); then a cut, readable form with a hash of the whole name."""
    if len(name.encode("utf-8", "surrogatepass")) <= MAX_ID_CHARS and name.isprintable() \
            and not name.startswith("."):
        return name
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{safe_id(name)[:MAX_ID_CHARS - 9]}-{digest}"


def safe_id(text: str) -> str:
    """An id that is a safe, portable file name: letters, digits, dot, dash and underscore only."""
    cleaned = re.sub(r"[^\w.-]+", "-", text, flags=re.ASCII).strip(".-")[:MAX_ID_CHARS]
    return cleaned or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
