"""Finding a Hugging Face model (hub id or local directory) without ever waiting on an unreachable hub;
shared by the translation backends and the abstractive summarizer."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .errors import ModelUnavailable

HUB_CONNECT_TIMEOUT_S = 3.0


def locate(model: str, revision: str, role: str = "translation model") -> tuple[str, dict[str, Any]]:
    """Where from_pretrained should look, and with which options, deciding up front whether the network
    is needed at all: transformers retries an unreachable hub for minutes before failing."""
    path = Path(model).expanduser()
    if path.is_dir():
        return str(path), {"local_files_only": True}
    if model.startswith((".", "/", "~")) or model.count("/") > 1 or path.suffix:
        raise ModelUnavailable(unavailable(model, f"no such local directory: {path}", role))
    options: dict[str, Any] = {"revision": revision}
    if _in_local_cache(model, revision):
        return model, {**options, "local_files_only": True}
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on"):
        raise ModelUnavailable(
            unavailable(model, "HF_HUB_OFFLINE is set and it is not in the local cache", role))
    if not _hub_reachable():
        raise ModelUnavailable(
            unavailable(model, "it is not in the local cache and the hub cannot be reached", role))
    return model, options


def check_kind(model: str, source: str, options: dict[str, Any], kinds: tuple[str, ...], role: str) -> str:
    """The model's type from its config.json; a folder or id of another kind fails here, not mid-run."""
    try:
        kind = str(json.loads(model_file(source, options, "config.json").read_text(encoding="utf-8"))
                   ["model_type"])
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ModelUnavailable(unavailable(model, f"no usable config.json: {exc}", role)) from None
    if kind not in kinds:
        raise ModelUnavailable(f"{role} {model!r} is a {kind!r} model; expected one of: {', '.join(kinds)}")
    return kind


def model_file(source: str, options: dict[str, Any], name: str) -> Path:
    """One file of the model that `locate` found: in its folder, or from the Hugging Face cache (downloaded
    first unless `options` say local files only). Raises FileNotFoundError when there is none."""
    if Path(source).is_dir():
        path = Path(source) / name
        if not path.is_file():
            raise FileNotFoundError(f"{path} does not exist")
        return path
    from huggingface_hub import hf_hub_download
    from huggingface_hub.errors import EntryNotFoundError

    try:
        return Path(hf_hub_download(source, name, revision=options.get("revision"),
                                    local_files_only=bool(options.get("local_files_only"))))
    except EntryNotFoundError as exc:
        raise FileNotFoundError(f"{source} has no {name} ({exc})") from None


def _in_local_cache(model: str, revision: str) -> bool:
    from huggingface_hub import try_to_load_from_cache

    return isinstance(try_to_load_from_cache(model, "config.json", revision=revision), str)


def _hub_reachable() -> bool:
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    port = endpoint.port or (443 if endpoint.scheme == "https" else 80)
    try:
        with socket.create_connection((endpoint.hostname or "", port), timeout=HUB_CONNECT_TIMEOUT_S):
            return True
    except OSError:
        return False


def unavailable(model: str, why: str, role: str = "translation model") -> str:
    return (
        f"{role} {model!r} is not available ({why}). Make it available by either\n"
        f"  - downloading it once while online: summarize models fetch (or any from_pretrained call), or\n"
        f"  - pointing to a local copy: --model /path/to/dir, or model = \"/path/to/dir\" in models.toml."
    )
