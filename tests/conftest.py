"""Shared fixtures: the repository's paths and one tiny Marian model built from the seed texts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"

sys.path.insert(0, str(DATA))


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


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run the command line in-process: returns (exit code, stdout, stderr)."""
    from summarize.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
