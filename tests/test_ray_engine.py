"""The ray engine (local Ray, this machine's CPUs): the same output as the local engine, failures as
statuses, and a clear message when the extra is not installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS
from summarize.translation.cache import CHUNK


def _ray_or_skip() -> None:
    try:
        import ray  # noqa: F401
    except ImportError:
        if os.environ.get("SUMMARIZE_REQUIRE_RAY") == "1":
            raise
        pytest.skip('ray is not installed (pip install ".[ray]"); CI installs it')


def _run(tiny_model: Path, inputs: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summarize", "run", str(inputs), "-o", str(out), "--model",
                           str(tiny_model), "--quiet", *extra], capture_output=True, text=True, timeout=900)


def test_ray_engine_writes_what_the_local_engine_writes(tiny_model: Path, tmp_path: Path) -> None:
    _ray_or_skip()
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in SEEDS.glob("*.txt"):  # the seeds and a larger generated set
        for copy in range(5):
            text = seed.read_text(encoding="utf-8").replace("Putin", f"Putin ({copy})")
            for word in (" und ", " die ", " der ", " in "):  # most sentences differ between copies
                text = text.replace(word, f"{word}{copy} ")
            (inputs / f"{copy}_{seed.name}").write_text(text, encoding="utf-8")
    (inputs / "empty.txt").write_text("\n", encoding="utf-8")  # fails, and must not stop the others
    local, ray = (_run(tiny_model, inputs, tmp_path / "local"),
                  _run(tiny_model, inputs, tmp_path / "ray", "--engine", "ray"))
    assert local.returncode == ray.returncode == 1, ray.stderr
    files = {p.name for p in (tmp_path / "local").glob("*.json")} - {"run.json", "digest.json"}
    assert len(files) == 25
    for name in files:
        assert (tmp_path / "ray" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    digests = [json.loads((tmp_path / engine / "digest.json").read_text(encoding="utf-8"))
               for engine in ("local", "ray")]
    assert digests[0]["articles"] == digests[1]["articles"] and digests[0]["stories"] == digests[1]["stories"]
    runs = [json.loads((tmp_path / engine / "run.json").read_text(encoding="utf-8"))
            for engine in ("local", "ray")]
    assert runs[1]["translation"]["distinct"] > CHUNK  # several chunks, streamed back from one Ray Data run
    reports = [run["inputs"] for run in runs]
    assert reports[0] == reports[1]
    assert any(i["status"] == "failed" and "file is empty" in i["reason"] for i in reports[1])


def test_without_the_extra_the_ray_engine_says_how_to_install_it(tmp_path: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "ray", None)  # as if ray were not installed
    code, _, err = cli("run", SEEDS, "-o", tmp_path / "out", "--engine", "ray", "--model", tmp_path)
    assert code == 2
    assert 'pip install "summarize[ray]"' in err and "Traceback" not in err


def test_the_local_engine_does_not_import_ray(tiny_model: Path, tmp_path: Path) -> None:
    code = ("import sys\nfrom summarize.cli import main\n"
            f"main(['run', {str(SEEDS / '004_68cbc1ad60d296a1.txt')!r}, '-o', {str(tmp_path / 'out')!r}, "
            f"'--model', {str(tiny_model)!r}, '--quiet'])\nprint('ray' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr
