"""The local engine: every stage in this process."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..discovery import Inputs
from ..reading import read_inputs
from ..records import Article
from ..settings import Settings
from ..translation import Translator, load_translator


class LocalEngine:
    def read(self, found: Inputs, settings: Settings, progress: bool
             ) -> Iterator[tuple[Path, Article | InputError]]:
        from tqdm import tqdm

        for path, article_id in tqdm(found.files.items(), desc="reading", unit="file", disable=not progress,
                                     leave=False):
            for item in read_inputs(path, article_id, settings.run.max_input_bytes, settings.input.fields):
                yield path, item

    def translator(self, settings: Settings, progress: bool) -> Translator:
        return load_translator(settings.translation, progress=progress)


ENGINE = LocalEngine()
