"""The ray engine: the same run on a Ray cluster. Reading, cleaning and segmenting run as Ray tasks,
translation in a pool of Ray Data actors that each load the model once; de-duplication, the sentence
cache, checks, summaries and writing stay on the driver, so the output is the local engine's."""

from __future__ import annotations

import logging
import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..errors import ConfigError, InputError
from ..reading import STDIN, Inputs, read_inputs
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
        for row in ray.data.from_items(remote).flat_map(read_one).take_all():
            yield Path(row["path"]), row["item"]


class _TranslatorActor:
    """One per actor: loads the configured backend once, translates what it is given."""

    def __init__(self, settings: TranslationSettings) -> None:
        from ..translation import load_translator

        self.translator = load_translator(settings)

    def __call__(self, row: dict[str, Any], num_beams: int | None = None) -> dict[str, Any]:
        """One batch planned by the driver: translated as one batch here too, as the local engine would."""
        import json

        results = self.translator.translate_scored(list(row["sources"][0]), num_beams)
        return {"chunk": row["chunk"], "indices": row["indices"], "targets": [[t for t, _ in results]],
                "scores": [[s for _, s in results]], "provenance": [json.dumps(self.translator.provenance())]}


class RayTranslator:
    """The Translator protocol over a pool of Ray Data actors (GPU actors when run.ray_gpus_per_actor > 0)."""

    def __init__(self, settings: Settings) -> None:
        from ..hub import locate
        from ..translation.marian import load_tokenizer

        self.settings = settings
        self.ray = start(settings)
        source, options = locate(settings.translation.model, settings.translation.revision)
        self.tokenizer = load_tokenizer(settings.translation, source, options)  # for token counts only
        self._provenance: dict[str, Any] | None = None

    def count_tokens(self, sentence: str) -> int:
        from ..translation.batching import count_source_tokens

        return count_source_tokens(self.tokenizer, sentence)

    def translate(self, sentences: Sequence[str]) -> list[str]:
        return [text for text, _ in self.translate_scored(sentences)]

    def translate_scored(self, sentences: Sequence[str], num_beams: int | None = None
                         ) -> list[tuple[str, float]]:
        return next(self.translate_chunks([list(sentences)], num_beams)) if sentences else []

    def translate_chunks(self, chunks: list[list[str]], num_beams: int | None = None
                         ) -> Iterator[list[tuple[str, float]]]:
        """Each chunk's translations, in order, as soon as all of its batches are back; every chunk goes
        through one Ray Data run, so the actor pool starts (and each actor loads the model) once."""
        import json

        from ..translation.batching import plan_batches

        run, config = self.settings.run, self.settings.translation
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        actors = run.ray_actors or max(1, cpus // 2)
        # A CPU actor reserves its share of the cluster's CPUs: Ray gives an actor as many OpenMP threads
        # as CPUs it reserved, and CTranslate2 and torch translate with those threads.
        cpus_per_actor = max(1, cpus // actors)
        # The driver plans each chunk's batches exactly as a local run would (same token budget, same
        # order), and each actor translates one planned batch whole: the same batches give the same
        # translations.
        budget = config.gpu_batch_tokens if run.ray_gpus_per_actor else config.batch_tokens
        rows = [{"chunk": number, "indices": batch, "sources": [chunk[i] for i in batch]}
                for number, chunk in enumerate(chunks)
                for batch in plan_batches([self.count_tokens(s) for s in chunk], budget)]
        waiting = Counter(row["chunk"] for row in rows)
        results = [[("", 0.0)] * len(chunk) for chunk in chunks]
        finished = 0
        translated = self.ray.data.from_items(rows).map_batches(
            _TranslatorActor, fn_constructor_args=(config,), fn_kwargs={"num_beams": num_beams}, batch_size=1,
            compute=self.ray.data.ActorPoolStrategy(size=actors), num_gpus=run.ray_gpus_per_actor or None,
            num_cpus=None if run.ray_gpus_per_actor else cpus_per_actor,
        )
        for row in translated.iter_rows():  # in input order (preserve_order), while later batches still run
            number = int(row["chunk"])
            for index, target, score in zip(row["indices"], row["targets"], row["scores"]):
                results[number][int(index)] = (str(target), float(score))
            waiting[number] -= 1
            if self._provenance is None:
                self._provenance = json.loads(row["provenance"])
            while finished < len(chunks) and not waiting[finished]:
                yield results[finished]
                finished += 1

    def provenance(self) -> dict[str, Any]:
        if self._provenance is None:  # nothing translated yet: one tiny call reports the actors' setup
            self.translate_scored(["."])
        return self._provenance or {}


class RayEngine:
    def read(self, found: Inputs, settings: Settings, progress: bool
             ) -> Iterator[tuple[Path, Article | InputError]]:
        return read_and_prepare(found, settings)

    def translator(self, settings: Settings, progress: bool) -> Translator:
        return RayTranslator(settings)


ENGINE = RayEngine()
