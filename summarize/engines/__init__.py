"""Engines: where a run's stages run. An engine reads and prepares the inputs and gives the translator;
the orchestrator picks one by `run.engine`, here, and never asks which it got. An engine's module is
imported only when it is chosen (the ray engine needs the optional Ray)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Protocol

if TYPE_CHECKING:
    from ..errors import InputError
    from ..discovery import Inputs
    from ..records import Article
    from ..settings import Settings
    from ..translation import Translator

# Engine name -> module holding `ENGINE`, the Engine it provides.
ENGINES: dict[str, str] = {
    "local": "summarize.engines.local",
    "ray": "summarize.engines.ray",
}


class Engine(Protocol):
    def read(self, found: Inputs, settings: Settings, progress: bool
             ) -> Iterator[tuple[Path, Article | InputError]]:
        """Every article of every input, or the reason it cannot be read. An engine that cleans and
        segments where it reads (Ray, in its tasks) hands the articles over prepared."""
        ...

    def translator(self, settings: Settings, progress: bool) -> Translator:
        """The configured translator, running where this engine runs it."""
        ...


def engine_for(settings: Settings) -> Engine:
    engine: Engine = importlib.import_module(ENGINES[settings.run.engine]).ENGINE
    return engine
