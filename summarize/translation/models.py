"""Finding a Hugging Face model (hub id or local directory) without ever waiting on an unreachable hub;
shared by every backend."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..errors import ModelUnavailable
from ..settings import TranslationSettings

HUB_CONNECT_TIMEOUT_S = 3.0


def locate(settings: TranslationSettings) -> tuple[str, dict[str, Any]]:
    """Where from_pretrained should look, and with which options, deciding up front whether the network
    is needed at all: transformers retries an unreachable hub for minutes before failing."""
    model = settings.model
    path = Path(model).expanduser()
    if path.is_dir():
        return str(path), {"local_files_only": True}
    if model.startswith((".", "/", "~")) or model.count("/") > 1 or path.suffix:
        raise ModelUnavailable(unavailable(model, f"no such local directory: {path}"))
    options: dict[str, Any] = {"revision": settings.revision}
    if _in_local_cache(model, settings.revision):
        return model, {**options, "local_files_only": True}
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on"):
        raise ModelUnavailable(unavailable(model, "HF_HUB_OFFLINE is set and it is not in the local cache"))
    if not _hub_reachable():
        raise ModelUnavailable(unavailable(model, "it is not in the local cache and the hub cannot be reached"))
    return model, options


def check_kind(settings: TranslationSettings, source: str, options: dict[str, Any]) -> None:
    """A folder or id that is not a Marian translation model fails here, not halfway through a run."""
    from transformers import AutoConfig

    try:
        kind = AutoConfig.from_pretrained(source, **options).model_type
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ModelUnavailable(unavailable(settings.model, f"no usable config.json: {exc}")) from None
    if kind != "marian":
        raise ModelUnavailable(
            f"{settings.model!r} is a {kind!r} model, not a Marian translation model (such as Helsinki-NLP/opus-mt-de-en)")


def load_tokenizer(settings: TranslationSettings, source: str, options: dict[str, Any]):  # type: ignore[no-untyped-def]
    """The Marian tokenizer, after checking the model is a Marian model at all."""
    from transformers import MarianTokenizer

    check_kind(settings, source, options)
    try:
        return MarianTokenizer.from_pretrained(source, **options)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ModelUnavailable(unavailable(settings.model, f"loading its tokenizer failed: {exc}")) from None


def _in_local_cache(model: str, revision: str) -> bool:
    from transformers import AutoConfig, MarianTokenizer

    try:
        MarianTokenizer.from_pretrained(model, revision=revision, local_files_only=True)
        AutoConfig.from_pretrained(model, revision=revision, local_files_only=True)
    except (OSError, ValueError, TypeError):
        return False
    return True


def _hub_reachable() -> bool:
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    port = endpoint.port or (443 if endpoint.scheme == "https" else 80)
    try:
        with socket.create_connection((endpoint.hostname or "", port), timeout=HUB_CONNECT_TIMEOUT_S):
            return True
    except OSError:
        return False


def unavailable(model: str, why: str) -> str:
    return (
        f"translation model {model!r} is not available ({why}). Make it available by either\n"
        f"  - downloading it once while online: summarize models fetch (or any from_pretrained call), or\n"
        f"  - pointing to a local copy: --model /path/to/dir, or model = \"/path/to/dir\" in models.toml."
    )
