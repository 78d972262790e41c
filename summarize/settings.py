"""models.toml -> one frozen, validated Settings; errors name the file, the key and what is allowed."""

from __future__ import annotations

import dataclasses
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULTS_SOURCE = "built-in defaults"


@dataclass(frozen=True)
class TranslationSettings:
    """[translation] in models.toml."""

    model: str = "Helsinki-NLP/opus-mt-de-en"
    revision: str = "main"
    backend: str = "auto"
    device: str = "auto"
    compute_type: str = "auto"
    num_beams: int = 4
    batch_tokens: int = 2048
    gpu_batch_tokens: int = 16384
    max_input_tokens: int = 256
    output_vocabulary: str = "target"
    max_output_ratio: float = 1.5
    max_output_extra: int = 10
    min_confidence: float = -1.5
    repair: bool = True
    max_repair_share: float = 0.2


@dataclass(frozen=True)
class SummarySettings:
    """[summary] in models.toml."""

    method: str = "extractive"
    max_sentences: int = 3
    max_words: int = 80
    model: str = ""
    revision: str = "main"


@dataclass(frozen=True)
class RunSettings:
    """[run] in models.toml."""

    cache: bool = True
    cache_dir: str = ""
    max_input_bytes: int = 2_000_000
    engine: str = "local"
    ray_address: str = ""
    ray_actors: int = 0
    ray_gpus_per_actor: float = 0.0


# Record fields `[input.fields]` may map, and what they mean.
INPUT_FIELDS = ("text", "title", "description", "url", "published", "outlet", "authors", "id", "language")


@dataclass(frozen=True)
class InputSettings:
    """[input] in models.toml."""

    # Record field names for scrapers whose JSON uses other names: {"text": "body", "title": "headline"}.
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, built once at the edge."""

    translation: TranslationSettings = field(default_factory=TranslationSettings)
    summary: SummarySettings = field(default_factory=SummarySettings)
    run: RunSettings = field(default_factory=RunSettings)
    input: InputSettings = field(default_factory=InputSettings)
    source: str = DEFAULTS_SOURCE

    def with_overrides(self, table: str, **values: Any) -> Settings:
        """Apply command-line overrides (None means not given) to one table."""
        given = {key: value for key, value in values.items() if value is not None}
        checked = {key: _check_value("command line", table, key, value) for key, value in given.items()}
        return dataclasses.replace(self, **{table: dataclasses.replace(getattr(self, table), **checked)})


TABLES: dict[str, type] = {
    "translation": TranslationSettings, "summary": SummarySettings, "run": RunSettings,
    "input": InputSettings,
}

# Closed sets of values; keys not listed here accept any value of the right type. The command line offers
# the same choices; the backend, summary method and engine names are the registries' (translation.BACKENDS,
# summary.SUMMARIZERS, engines.ENGINES), held against them by tests/test_settings.py: those modules import
# settings, so settings cannot import them.
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("translation", "backend"): ("auto", "ctranslate2", "transformers"),
    ("translation", "output_vocabulary"): ("target", "full"),
    ("translation", "compute_type"): ("auto", "int8", "int8_float32", "int8_float16", "float16", "bfloat16",
                                      "float32"),
    ("translation", "device"): ("auto", "cpu", "cuda"),
    ("summary", "method"): ("extractive", "lead", "abstractive"),
    ("run", "engine"): ("local", "ray"),
}

# Smallest allowed value of numeric keys.
MINIMUM: dict[tuple[str, str], float] = {
    ("translation", "num_beams"): 1,
    ("translation", "batch_tokens"): 16,
    ("translation", "gpu_batch_tokens"): 16,
    ("translation", "max_input_tokens"): 16,
    ("translation", "max_output_ratio"): 0.1,
    ("translation", "max_output_extra"): 0,
    ("translation", "max_repair_share"): 0,
    ("run", "max_input_bytes"): 1,
    ("run", "ray_actors"): 0,
    ("run", "ray_gpus_per_actor"): 0,
    ("summary", "max_sentences"): 1,
    ("summary", "max_words"): 5,
}


def load_settings(path: Path | str | None = None) -> Settings:
    """Read a models.toml; keys it leaves out keep their defaults. None gives the defaults."""
    if path is None:
        return Settings()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return settings_from_dict(data, str(path))


def settings_from_dict(data: dict[str, Any], source: str) -> Settings:
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise ConfigError(f"{source}: unknown table [{unknown[0]}]; allowed: {', '.join(TABLES)}")
    tables = {}
    for name, cls in TABLES.items():
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: '{name}' must be a table ([{name}])")
        fields = {f.name for f in dataclasses.fields(cls)}
        for key in table:
            if key not in fields:
                raise ConfigError(
                    f"{source}: unknown key '{name}.{key}'; allowed in [{name}]: {', '.join(sorted(fields))}"
                )
        tables[name] = cls(**{key: _check_value(source, name, key, value) for key, value in table.items()})
    for name, value in tables["input"].fields.items():
        if name not in INPUT_FIELDS or not isinstance(value, str) or not value:
            raise ConfigError(f"{source}: 'input.fields.{name}' must map one of {', '.join(INPUT_FIELDS)} "
                              f"to a field name (a non-empty string)")
    summary = tables["summary"]
    if summary.method == "abstractive" and not summary.model:
        raise ConfigError(f"{source}: 'summary.model' must name a seq2seq summarization model "
                          f"(hub id or folder) when summary.method = \"abstractive\"")
    return Settings(source=source, **tables)


def _check_value(source: str, table: str, key: str, value: Any) -> Any:
    cls = TABLES[table]
    expected = type(getattr(cls(), key))
    where = f"{source}: '{table}.{key}'"
    if (isinstance(value, bool) != (expected is bool)) or not isinstance(
        value, expected | (int if expected is float else expected)
    ):
        raise ConfigError(f"{where} must be {_type_name(expected)}, got {value!r}")
    choices = CHOICES.get((table, key))
    if choices and value not in choices:
        raise ConfigError(f"{where} is {value!r}; allowed: {', '.join(choices)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{where} is {value!r}; must be a finite number")
    minimum = MINIMUM.get((table, key))
    if minimum is not None and value < minimum:
        raise ConfigError(f"{where} is {value!r}; must be at least {minimum}")
    if expected is str and not value.strip() and getattr(cls(), key):  # keys with a non-empty default
        raise ConfigError(f"{where} must not be empty")
    return float(value) if expected is float else value


def _type_name(kind: type) -> str:
    return {str: "a string", int: "an integer", float: "a number", bool: "true or false",
            dict: "a table"}[kind]
