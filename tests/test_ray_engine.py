"""The ray engine (local Ray, this machine's CPUs): the same output as the local engine, failures as
statuses, and a clear message when the extra is not installed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEEDS, run_cli
from summarize.translation.cache import CHUNK

KILL_WAIT_TRIES, KILL_WAIT_S = 20, 0.5


def _ray_or_skip() -> None:
    try:
        import ray  # noqa: F401
    except ImportError:
        if os.environ.get("SUMMARIZE_REQUIRE_RAY") == "1":
            raise
        pytest.skip('ray is not installed (pip install ".[ray]"); CI installs it')


@pytest.fixture(scope="module")
def engine_runs(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One run of each engine over the same inputs, in this process; the tests below compare them.

    Ray started here is shut down after the module, and what ray.init changes in this process (its
    environment variables, a SIGTERM handler) is put back, so the tests after it see a process without
    Ray."""
    _ray_or_skip()
    import ray

    root = tmp_path_factory.mktemp("engines")
    inputs = root / "in"
    inputs.mkdir()
    for seed in SEEDS.glob("*.txt"):  # the seeds and a larger generated set
        for copy in range(5):
            text = seed.read_text(encoding="utf-8").replace("Putin", f"Putin ({copy})")
            for word in (" und ", " die ", " der ", " in "):  # most sentences differ between copies
                text = text.replace(word, f"{word}{copy} ")
            (inputs / f"{copy}_{seed.name}").write_text(text, encoding="utf-8")
    (inputs / "empty.txt").write_text("\n", encoding="utf-8")  # fails, and must not stop the others
    environment, on_sigterm = dict(os.environ), signal.getsignal(signal.SIGTERM)
    try:
        codes = {"local": run_cli("run", inputs, "-o", root / "local", "--model", tiny_model, "--quiet"),
                 "ray": run_cli("run", inputs, "-o", root / "ray", "--model", tiny_model, "--quiet",
                                "--engine", "ray")}
        codes["ctrl-c"] = _actors_after_ctrl_c(tiny_model)
    finally:
        ray.shutdown()
        os.environ.clear()
        os.environ.update(environment)
        signal.signal(signal.SIGTERM, on_sigterm)
    return codes, root


def _actors_after_ctrl_c(tiny_model: Path) -> tuple[int, int]:
    """(actors working before, actors still answering after) a Ctrl-C that arrives while the Ray engine
    hands back translated chunks: the interrupt is raised where the run receives a chunk."""
    import ray

    from summarize.engines.ray import RayTranslator
    from summarize.settings import Settings

    settings = Settings().with_overrides("translation", model=str(tiny_model))
    translator = RayTranslator(settings)
    chunks = translator.translate_chunks([["Der Hund bellt."], ["Die Katze schläft."], ["Es regnet."]])
    next(chunks)
    actors = list(translator._actors)
    with pytest.raises(KeyboardInterrupt):
        chunks.throw(KeyboardInterrupt)
    # ray.kill is asynchronous: a call sent right after it may still be answered (seen once in a full
    # test run under load), so an actor counts as answering only if it still answers seconds later.
    answering = 0
    for actor in actors:
        for _ in range(KILL_WAIT_TRIES):
            try:
                ray.get(actor.provenance.remote(), timeout=60)
            except ray.exceptions.RayActorError:
                break
            time.sleep(KILL_WAIT_S)
        else:
            answering += 1
    return len(actors), answering


def _json(path: Path):  # type: ignore[no-untyped-def]
    return json.loads(path.read_text(encoding="utf-8"))


def test_both_engines_finish_and_exit_1_for_the_input_that_failed(engine_runs) -> None:  # type: ignore[no-untyped-def]
    codes, _ = engine_runs
    assert codes["local"][0] == codes["ray"][0] == 1, codes["ray"][2]


def test_ray_engine_writes_what_the_local_engine_writes(engine_runs) -> None:  # type: ignore[no-untyped-def]
    _, root = engine_runs
    files = {p.name for p in (root / "local").glob("*.json")} - {"run.json", "digest.json"}
    assert len(files) == 25
    for name in files:
        assert (root / "ray" / name).read_bytes() == (root / "local" / name).read_bytes(), name


def test_ray_engine_digest_is_the_local_one(engine_runs) -> None:  # type: ignore[no-untyped-def]
    _, root = engine_runs
    local, ray = (_json(root / engine / "digest.json") for engine in ("local", "ray"))
    assert local["articles"] == ray["articles"] and local["stories"] == ray["stories"]


def test_ray_engine_reports_every_input_as_the_local_one(engine_runs) -> None:  # type: ignore[no-untyped-def]
    _, root = engine_runs
    local, ray = (_json(root / engine / "run.json")["inputs"] for engine in ("local", "ray"))
    assert local == ray
    assert any(i["status"] == "failed" and "file is empty" in i["reason"] for i in ray)


def test_ray_engine_streams_several_chunks_back_from_one_run(engine_runs) -> None:  # type: ignore[no-untyped-def]
    _, root = engine_runs
    assert _json(root / "ray" / "run.json")["translation"]["distinct"] > CHUNK


def test_ctrl_c_during_a_ray_run_stops_its_actors(engine_runs) -> None:  # type: ignore[no-untyped-def]
    working, answering = engine_runs[0]["ctrl-c"]
    assert working >= 1
    assert answering == 0


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
