"""Shared fixtures and helpers: the repository's paths, one tiny Marian model built from the seed texts,
the command line run in this process, and a machine-independent measure of work."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"

sys.path.insert(0, str(DATA))

# One OpenMP thread for torch and CTranslate2, here and in every process a test starts (set before either
# is imported). The tiny model's matrices are too small to gain from a second thread, and threads that
# spin waiting for a core another process holds made whole runs up to four times slower on a busy
# 2-core machine. Outputs are compared only between runs made with the same setting. An explicit
# OMP_NUM_THREADS is kept.
os.environ.setdefault("OMP_NUM_THREADS", "1")

T = TypeVar("T")


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Converted models go to a temporary folder, not the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("summarize-cache")
    os.environ["SUMMARIZE_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real Marian model directory (random weights) that from_pretrained loads like a downloaded one."""
    from tiny_model import build_marian

    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    return build_marian(tmp_path_factory.mktemp("tiny-marian"), texts)


def run_cli(*argv: Any, stdin: bytes | None = None) -> tuple[int, str, str]:
    """Run the command line in this process: returns (exit code, stdout, stderr).

    Each `python -m summarize` would import torch and load the model anew; in-process, a test session
    pays that once. What main() sets up for one run (its log handlers, standard input) is undone after
    it, so every call starts as a fresh process would and leaves nothing behind for the next test."""
    from summarize.cli import main

    logger = logging.getLogger("summarize")
    saved = list(logger.handlers), logger.level, logger.propagate
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _standard_input(stdin):
            code = main([str(a) for a in argv])
    finally:
        for handler in logger.handlers:
            if handler not in saved[0]:
                handler.close()  # e.g. the --log-file handler: its file is complete and closed
        logger.handlers[:] = saved[0]
        logger.setLevel(saved[1])  # setLevel, not .level =: it also drops the loggers' cached levels
        logger.propagate = saved[2]
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _standard_input(data: bytes | None) -> Iterator[None]:
    if data is None:
        yield
        return
    real = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        yield
    finally:
        sys.stdin = real


@pytest.fixture
def cli() -> Callable[..., tuple[int, str, str]]:
    """The command line run in-process (run_cli): cli(*argv) -> (exit code, stdout, stderr)."""
    return run_cli


def count_calls(function: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[int, T]:
    """How many Python function calls (each step of a generator counted) `function(*args, **kwargs)`
    makes, and its result.

    A measure of work that, unlike a stopwatch, gives the same number on a fast or a busy machine: how it
    grows with the input tells linear from quadratic."""
    calls = 0

    def count(frame: Any, event: str, arg: Any) -> None:
        nonlocal calls
        calls += 1  # called for each new frame only: returning None asks for no line events

    previous = sys.gettrace()
    sys.settrace(count)
    try:
        result = function(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return calls, result
