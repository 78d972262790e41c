"""The ray engine: the same run on a Ray cluster. Reading, cleaning and segmenting run as Ray tasks,
translation in one pool of Ray actors that each load the model once; de-duplication, the sentence
cache, checks, summaries and writing stay on the driver, so the output is the local engine's."""

from __future__ import annotations

import logging
import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..errors import ConfigError, InputError
from ..discovery import STDIN, Inputs
from ..reading import read_inputs
from ..records import Article
from ..settings import Settings, TranslationSettings
from ..translation import Translator

log = logging.getLogger(__name__)

INSTALL_HINT = 'the ray engine needs Ray, an optional extra: pip install "summarize[ray]"'


def start(settings: Settings) -> Any:
    """Connect to the cluster at run.ray_address, or start a local Ray with this machine's CPUs."""
    try:
        import ray
    except ImportError:
        raise ConfigError(INSTALL_HINT) from None
    logging.getLogger("ray").setLevel(logging.WARNING)  # Ray Data's progress lines are not our messages
    if not ray.is_initialized():
        address = settings.run.ray_address or None
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                   "logging_level": logging.WARNING}
        if address is None:
            options["num_cpus"] = os.cpu_count() or 1
        ray.init(address=address, **options)
    import ray.data

    ray.data.DataContext.get_current().execution_options.preserve_order = True  # results in input order
    ray.data.DataContext.get_current().enable_progress_bars = False
    return ray


def read_and_prepare(found: Inputs, settings: Settings) -> Iterator[tuple[Path, Article | InputError]]:
    """Every input read, cleaned and segmented in Ray tasks (standard input is read here, on the driver)."""
    from ..preparing import prepare

    ray = start(settings)
    fields = dict(settings.input.fields)
    max_bytes = settings.run.max_input_bytes

    def read_one(row: dict[str, Any]) -> list[dict[str, Any]]:
        items = []
        for item in read_inputs(Path(row["path"]), row["id"], max_bytes, fields):
            if isinstance(item, Article):
                try:
                    item = prepare(item)
                except InputError as error:
                    item = error
            items.append({"path": row["path"], "item": item})
        return items

    remote = [{"path": str(path), "id": article_id} for path, article_id in found.files.items()
              if path != STDIN]
    if STDIN in found.files:
        for item in read_inputs(STDIN, found.files[STDIN], max_bytes, fields):
            yield STDIN, item
    if remote:
        # Streamed: the driver holds the batch being translated, not every prepared article.
        for row in ray.data.from_items(remote).flat_map(read_one).iter_rows():
            yield Path(row["path"]), row["item"]


class _TranslatorActor:
    """One per actor: loads the configured backend once, translates the batches it is given."""

    def __init__(self, settings: TranslationSettings) -> None:
        from ..translation import load_translator

        self.translator = load_translator(settings)

    def translate(self, sources: list[str], num_beams: int | None) -> list[tuple[str, float]]:
        """One batch planned by the driver: translated as one batch here too, as the local engine would."""
        return self.translator.translate_scored(sources, num_beams)

    def provenance(self) -> dict[str, Any]:
        return self.translator.provenance()


class RayTranslator(Translator):
    """The Translator protocol over one pool of Ray actors (GPU actors when run.ray_gpus_per_actor > 0),
    started at the first translation and kept for the run: translation, repairs and provenance all use
    it, so each actor loads the model once a run."""

    def __init__(self, settings: Settings) -> None:
        from ..hub import locate
        from ..translation.marian import load_tokenizer

        self.settings = settings
        self.ray = start(settings)
        source, options = locate(settings.translation.model, settings.translation.revision)
        self.tokenizer = load_tokenizer(settings.translation, source, options)  # for token counts only
        self._actors: list[Any] = []
        self._provenance: dict[str, Any] | None = None

    def count_tokens(self, sentence: str) -> int:
        from ..translation.batching import count_source_tokens

        return count_source_tokens(self.tokenizer, sentence)

    def translate_scored(self, sentences: Sequence[str], num_beams: int | None = None
                         ) -> list[tuple[str, float]]:
        return next(self.translate_chunks([list(sentences)], num_beams)) if sentences else []

    def translate_chunks(self, chunks: list[list[str]], num_beams: int | None = None
                         ) -> Iterator[list[tuple[str, float]]]:
        """Each chunk's translations, in order, as soon as all of its batches are back. Ctrl-C stops the
        actors too: they are killed before the interrupt goes on to the run."""
        from ray.util import ActorPool

        from ..translation.batching import plan_batches

        config = self.settings.translation
        # The driver plans each chunk's batches exactly as a local run would (same token budget, same
        # order), and each actor translates one planned batch whole: the same batches give the same
        # translations.
        budget = config.gpu_batch_tokens if self.settings.run.ray_gpus_per_actor else config.batch_tokens
        rows = [(number, batch, [chunk[i] for i in batch]) for number, chunk in enumerate(chunks)
                for batch in plan_batches([self.count_tokens(s) for s in chunk], budget)]
        waiting = Counter(number for number, _, _ in rows)
        results = [[("", 0.0)] * len(chunk) for chunk in chunks]
        finished = 0
        translated = ActorPool(self._pool()).map(
            lambda actor, row: actor.translate.remote(row[2], num_beams), rows)
        try:
            for (number, batch, _), pairs in zip(rows, translated):  # in input order
                for index, pair in zip(batch, pairs):
                    results[number][index] = pair
                waiting[number] -= 1
                while finished < len(chunks) and not waiting[finished]:
                    yield results[finished]
                    finished += 1
        except KeyboardInterrupt:
            self.close()
            raise

    def provenance(self) -> dict[str, Any]:
        """The actors' own account of the backend they loaded (asked once; starting the pool for it
        costs nothing more, since the run's translations use the same actors)."""
        if self._provenance is None:
            self._provenance = self.ray.get(self._pool()[0].provenance.remote())
        return self._provenance

    def close(self) -> None:
        """Stop the actors (their models' memory goes with them)."""
        for actor in self._actors:
            self.ray.kill(actor)
        self._actors = []

    def _pool(self) -> list[Any]:
        if not self._actors:
            run = self.settings.run
            cpus = int(self.ray.cluster_resources().get("CPU", 1))
            count = run.ray_actors or max(1, cpus // 2)
            # A CPU actor reserves its share of the cluster's CPUs: Ray gives an actor as many OpenMP
            # threads as CPUs it reserved, and CTranslate2 and torch translate with those threads.
            resources = ({"num_gpus": run.ray_gpus_per_actor} if run.ray_gpus_per_actor
                         else {"num_cpus": max(1, cpus // count)})
            actor = self.ray.remote(_TranslatorActor).options(**resources)
            self._actors = [actor.remote(self.settings.translation) for _ in range(count)]
        return self._actors


class RayEngine:
    def read(self, found: Inputs, settings: Settings, progress: bool
             ) -> Iterator[tuple[Path, Article | InputError]]:
        return read_and_prepare(found, settings)

    def translator(self, settings: Settings, progress: bool) -> Translator:
        return RayTranslator(settings)


ENGINE = RayEngine()
