"""models.toml -> one frozen, validated Settings; errors name the file, the key and what is allowed."""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
    # Articles translated, checked and written at a time: a night holds one batch whole, whatever its size.
    batch_articles: int = 500
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
class EmailSettings:
    """[deliver.email] in models.toml: the SMTP server that mails each night's digest, and to whom."""

    host: str = ""
    port: int = 0  # 0: the usual port of `security` (DEFAULT_PORTS)
    security: str = "starttls"
    user: str = ""
    # The name of the environment variable that holds the password: a password never stands in a file.
    password_env: str = ""
    from_: str = ""  # `from` in models.toml (a Python keyword)
    to: tuple[str, ...] = ()
    ca_file: str = ""  # a CA bundle to trust instead of the system's (a company's own mail server)
    timeout: float = 30.0  # seconds for each connection and reply
    attempts: int = 3
    retry_seconds: float = 10.0  # waited after the first failed attempt, doubled after each next one


DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class DeliverSettings:
    """[deliver] in models.toml; each channel is off until its table is given. `base_url` is where the
    output folder is served ("https://news.example.org/digest/"): with it, the e-mail links the archive's
    nights and the feed's links are absolute; without, the e-mail names the nights and the feed's links
    are relative to feed.xml."""

    email: EmailSettings | None = None
    base_url: str = ""


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, built once at the edge."""

    translation: TranslationSettings = field(default_factory=TranslationSettings)
    summary: SummarySettings = field(default_factory=SummarySettings)
    run: RunSettings = field(default_factory=RunSettings)
    input: InputSettings = field(default_factory=InputSettings)
    deliver: DeliverSettings = field(default_factory=DeliverSettings)
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
# Tables inside [deliver], one per channel.
DELIVER_TABLES: dict[str, type] = {"deliver.email": EmailSettings}

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
    ("deliver.email", "security"): tuple(DEFAULT_PORTS),
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
    ("run", "batch_articles"): 1,
    ("run", "ray_actors"): 0,
    ("run", "ray_gpus_per_actor"): 0,
    ("summary", "max_sentences"): 1,
    ("summary", "max_words"): 5,
    ("deliver.email", "port"): 0,
    ("deliver.email", "timeout"): 0.1,
    ("deliver.email", "attempts"): 1,
    ("deliver.email", "retry_seconds"): 0,
}
MAXIMUM: dict[tuple[str, str], float] = {
    ("deliver.email", "port"): 65535,
}
# Keys whose value an error message must not repeat: a password put there by mistake stays out of logs.
UNQUOTED = {("deliver.email", "password_env")}
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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
    unknown = sorted(set(data) - set(TABLES) - {"deliver"})
    if unknown:
        allowed = ", ".join([*TABLES, "deliver"])
        raise ConfigError(f"{source}: unknown table [{unknown[0]}]; allowed: {allowed}")
    tables = {name: _table(source, name, cls, data.get(name, {})) for name, cls in TABLES.items()}
    for name, value in tables["input"].fields.items():
        if name not in INPUT_FIELDS or not isinstance(value, str) or not value:
            raise ConfigError(f"{source}: 'input.fields.{name}' must map one of {', '.join(INPUT_FIELDS)} "
                              f"to a field name (a non-empty string)")
    summary = tables["summary"]
    if summary.method == "abstractive" and not summary.model:
        raise ConfigError(f"{source}: 'summary.model' must name a seq2seq summarization model "
                          f"(hub id or folder) when summary.method = \"abstractive\"")
    return Settings(source=source, deliver=_deliver_settings(source, data.get("deliver", {})), **tables)


def _table(source: str, name: str, cls: type, table: Any) -> Any:
    """One table of models.toml as its settings class: only its keys, each of the right type and range."""
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: '{name}' must be a table ([{name}])")
    keys = {_toml_key(f.name): f.name for f in dataclasses.fields(cls)}
    for key in table:
        if key not in keys:
            raise ConfigError(
                f"{source}: unknown key '{name}.{key}'; allowed in [{name}]: {', '.join(sorted(keys))}"
            )
    return cls(**{keys[key]: _check_value(source, name, key, value) for key, value in table.items()})


def _toml_key(field_name: str) -> str:
    """A settings field's key in models.toml: `from_` is `from` (Python keeps the keyword for itself)."""
    return field_name.rstrip("_")


def _deliver_settings(source: str, table: Any) -> DeliverSettings:
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: 'deliver' must be a table ([deliver])")
    channels = {name.removeprefix("deliver."): name for name in DELIVER_TABLES}
    for key in table:
        if key not in channels and key != "base_url":
            raise ConfigError(f"{source}: unknown key 'deliver.{key}'; allowed in [deliver]: base_url, "
                              f"{', '.join(f'[deliver.{c}]' for c in channels)}")
    base_url = _base_url(source, table.get("base_url", ""))
    if "email" not in table:
        return DeliverSettings(base_url=base_url)
    email = _table(source, "deliver.email", EmailSettings, table["email"])
    _check_email(source, email)
    return DeliverSettings(email=email, base_url=base_url)


def _base_url(source: str, value: Any) -> str:
    """'deliver.base_url': an http(s) address with a host, ending in "/" (added where missing)."""
    if value == "":
        return ""
    parts = urlsplit(value) if isinstance(value, str) and value.isprintable() and " " not in value else None
    if not (parts and parts.scheme in ("http", "https") and parts.netloc) or parts.query or parts.fragment:
        raise ConfigError(f"{source}: 'deliver.base_url' must be the http(s) address where the output folder "
                          f"is served (https://news.example.org/digest/), not {value!r}")
    return value if value.endswith("/") else value + "/"


def _check_email(source: str, email: EmailSettings) -> None:
    """What [deliver.email] needs beyond each key's own type and range: a server, a sender and recipients
    that are addresses, and a password only over an encrypted connection and by the name of a variable."""
    where = f"{source}: [deliver.email]"
    if not email.host.strip():
        raise ConfigError(f"{where} needs 'host', the SMTP server's name")
    for key, address in [("from", email.from_), *(("to", a) for a in email.to or ("",))]:
        if "@" not in parseaddr(address)[1]:
            shown = f"{address!r} is not an e-mail address" if address else "is missing"
            raise ConfigError(f"{where}: '{key}' {shown} (name@example.org)")
    if email.password_env and not ENV_NAME.fullmatch(email.password_env):
        raise ConfigError(f"{where}: 'password_env' must be the name of an environment variable (letters, "
                          "digits and _) that holds the password, never the password itself")
    if bool(email.user) != bool(email.password_env):
        raise ConfigError(f"{where}: 'user' and 'password_env' go together (the login's name, and the "
                          "environment variable holding its password); give both or neither")
    if email.user and email.security == "none":
        raise ConfigError(f"{where}: a login ('user') needs security = \"starttls\" or \"ssl\"; "
                          "a password is never sent unencrypted")


def _check_value(source: str, table: str, key: str, value: Any) -> Any:
    cls = {**TABLES, **DELIVER_TABLES}[table]
    default = next(getattr(cls(), f.name) for f in dataclasses.fields(cls) if _toml_key(f.name) == key)
    expected = type(default)
    where = f"{source}: '{table}.{key}'"
    shown = "a value that is not" if (table, key) in UNQUOTED else repr(value)
    if expected is tuple:
        return _string_list(where, value)
    if (isinstance(value, bool) != (expected is bool)) or not isinstance(
        value, expected | (int if expected is float else expected)
    ):
        raise ConfigError(f"{where} must be {_type_name(expected)}, got {shown}")
    choices = CHOICES.get((table, key))
    if choices and value not in choices:
        raise ConfigError(f"{where} is {shown}; allowed: {', '.join(choices)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{where} is {shown}; must be a finite number")
    minimum, maximum = MINIMUM.get((table, key)), MAXIMUM.get((table, key))
    if minimum is not None and value < minimum:
        raise ConfigError(f"{where} is {shown}; must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{where} is {shown}; must be at most {maximum}")
    if expected is str and not value.strip() and default:  # keys with a non-empty default
        raise ConfigError(f"{where} must not be empty")
    return float(value) if expected is float else value


def _string_list(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ConfigError(f"{where} must be a list of non-empty strings, got {value!r}")
    return tuple(value)


def _type_name(kind: type) -> str:
    return {str: "a string", int: "an integer", float: "a number", bool: "true or false",
            dict: "a table"}[kind]
