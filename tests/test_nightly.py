"""Unattended runs: every bad input explained while the others are written, incremental re-runs,
interruption at any moment, one run per output folder."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarize.translation.cache import CHUNK

from conftest import SEEDS, count_calls, run_cli

GOOD = SEEDS / "004_68cbc1ad60d296a1.txt"
HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Stadtrat beschließt neues Radwegenetz</title>
<script>var tracking = {"id": 12345, "page": "article"};</script></head>
<body><nav>Startseite &gt; Lokales</nav>
<h1>Stadtrat beschließt neues Radwegenetz</h1>
<p>Der Stadtrat hat am Dienstagabend mit großer Mehrheit ein neues Radwegenetz beschlossen, \
das bis 2030 entstehen soll.</p>
<p>Die Kosten von rund 12 Millionen Euro sollen zum Teil durch Fördermittel des Landes gedeckt werden, \
sagte der Bürgermeister.</p>
</body></html>
"""
ENGLISH = ("US warns North Korea over arms deal\n\nThe United States has warned North Korea against "
           "supplying weapons to Russia. It said that the talks were a matter of concern for the region.\n")


def _make_inputs(folder: Path) -> None:
    folder.mkdir()
    good = GOOD.read_bytes()
    (folder / "good.txt").write_bytes(good)
    (folder / "wire copy of good.txt").write_bytes(good)
    (folder / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "windows.txt").write_bytes(good.decode("utf-8").replace("„", '"').replace("“", '"')
                                         .replace("–", "-").encode("cp1252"))
    (folder / "huge.txt").write_bytes(b"Ein Satz. " * 210_000)
    (folder / "furniture.txt").write_text("Anzeige\nFoto: dpa\n3 Kommentare\n", encoding="utf-8")
    (folder / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "broken link.txt").symlink_to(folder / "does-not-exist.txt")
    (folder / "Straßenbahn über Brücke 🎉.txt").write_bytes(good)
    (folder / "Straßenbahn über Brücke 🎉.txt").write_bytes(good.replace(b"Putin", b"Putin selbst"))
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    (folder / "crlf.txt").write_bytes(good.replace(b"Neue Waffendeals", b"Neue Deals")
                                      .replace(b"\n", b"\r\n"))
    (folder / "cr.txt").write_bytes(good.replace(b"Neue Waffendeals", b"Alte Deals").replace(b"\n", b"\r"))
    words = " ".join("und die Stadt hat den Rat in der Sache gefragt".split() * 500) + " wort4999"
    (folder / "one long sentence.txt").write_text(f"Ein Titel ohne Ende hier\n\nDer Satz {words}\n",
                                                  encoding="utf-8")
    (folder / "page.txt").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "nested.txt").write_bytes(good.replace(b"Putin", b"Wladimir Putin"))


# file name -> (status, what the reason must say)
EXPECTED = {
    "good.txt": ("done", ""),
    "wire copy of good.txt": ("skipped", "same content as"),
    "empty.txt": ("failed", "file is empty"),
    "binary.txt": ("failed", "binary file"),
    "windows.txt": ("done", "read as cp1252"),
    "huge.txt": ("failed", "over the 2 MB limit"),
    "furniture.txt": ("failed", "no article text left after cleaning"),
    "english.txt": ("done", "not German"),
    "broken link.txt": ("failed", "broken link"),
    "Straßenbahn über Brücke 🎉.txt": ("done", ""),
    "crlf.txt": ("done", ""),
    "cr.txt": ("done", ""),
    "one long sentence.txt": ("done", ""),
    "page.txt": ("done", ""),
    "nested.txt": ("done", ""),
}


@pytest.fixture(scope="module")
def bad_run(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("nightly")
    _make_inputs(root / "in")
    out = root / "out"
    code, _, err = run_cli("run", root / "in", "-r", "-o", out, "--model", tiny_model, "--quiet")
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return (code, err), report, root


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_bad_input_gets_its_status_and_reason(bad_run, name: str) -> None:  # type: ignore[no-untyped-def]
    (_, stderr), report, _ = bad_run
    entries = {Path(i["path"]).name: i for i in report["inputs"]}
    status, reason = EXPECTED[name]
    assert entries[name]["status"].startswith(status), entries[name]
    assert reason in entries[name]["reason"]
    if status == "failed":
        assert name in stderr and reason in stderr  # named on stderr too
    assert "Traceback" not in stderr


def test_a_run_with_bad_inputs_exits_1_and_writes_the_good_ones(bad_run) -> None:  # type: ignore[no-untyped-def]
    (code, _), report, root = bad_run
    assert code == 1
    out = root / "out"
    for name, (status, _) in EXPECTED.items():
        if status == "done":
            stem = "sub__nested" if name == "nested.txt" else Path(name).stem
            assert json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))["summary_en"]
    assert report["ignored_files"] == 1  # notes.md
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    assert len(digest["articles"]) == sum(status == "done" for status, _ in EXPECTED.values())


def test_other_encodings_are_read_and_kept_exactly(bad_run) -> None:  # type: ignore[no-untyped-def]
    _, _, root = bad_run
    record = json.loads((root / "out" / "windows.json").read_text(encoding="utf-8"))
    assert record["encoding"] == "cp1252"
    assert record["original"].encode("cp1252") == (root / "in" / "windows.txt").read_bytes()
    assert "Südkorea" in " ".join(record["cleaned_de"])  # umlauts decoded right


def test_line_endings_do_not_change_the_cleaning(bad_run) -> None:  # type: ignore[no-untyped-def]
    _, _, root = bad_run
    kept = {name: json.loads((root / "out" / f"{name}.json").read_text(encoding="utf-8"))["kept_lines"]
            for name in ("good", "crlf", "cr")}
    assert kept["good"] == kept["crlf"] == kept["cr"]


def test_one_huge_sentence_is_translated_whole(bad_run) -> None:  # type: ignore[no-untyped-def]
    _, _, root = bad_run
    record = json.loads((root / "out" / "one long sentence.json").read_text(encoding="utf-8"))
    assert "wort4999" in record["cleaned_de"][0]
    assert record["translation_en"][0]


def test_html_saved_as_text_loses_its_markup(bad_run) -> None:  # type: ignore[no-untyped-def]
    _, _, root = bad_run
    record = json.loads((root / "out" / "page.json").read_text(encoding="utf-8"))
    text = " ".join(record["cleaned_de"])
    assert "Radwegenetz beschlossen" in text and "<" not in text and "tracking" not in text


SHORT_LINES = 500


def _page_of_short_lines(count: int, page: str) -> str:
    # Every page's lines are new to the process: the cleaner judges each distinct line once and caches
    # that, and a line it has seen would make the larger page look cheaper than it is.
    return "Titel der Meldung für den Test hier\n" + "\n".join(
        f"Zeile {i} des Textes auf Seite {page} ist kurz." for i in range(count))


def test_a_page_of_many_short_lines_costs_work_in_proportion_to_its_lines() -> None:
    """A scraped page of 50,000 short lines once stalled the cleaner (quadratic in its lines): twice the
    lines must cost twice the work, not four times. Work is counted in function calls, not seconds, so
    the bound holds on a busy machine and fails on a quadratic step long before 50,000 lines would."""
    from summarize import summary
    from summarize.preparing import prepare
    from summarize.reading import Article

    def article(lines: int, page: str) -> Article:
        return Article(id=page, path=Path(f"{page}.txt"), sha256=page,
                       original=_page_of_short_lines(lines, page))

    prepare(article(50, "warm-up"))  # loading the line model and the segmenter: not per line
    work = {}
    for lines in (SHORT_LINES, 2 * SHORT_LINES):
        preparing, prepared = count_calls(prepare, article(lines, f"p{lines}"))
        german = [s.de for s in prepared.sentences]
        assert len(german) == lines  # every line kept, each a sentence
        choosing, chosen = count_calls(summary.choose, "extractive", german, [6] * len(german), 3, 80)
        assert chosen
        work[lines] = preparing, choosing
    (preparing, choosing), (preparing_twice, choosing_twice) = work[SHORT_LINES], work[2 * SHORT_LINES]
    assert preparing_twice <= 2.5 * preparing, work  # cleaning and segmenting: linear (quadratic: 4x)
    assert choosing_twice <= 2.5 * choosing, work  # rating and choosing the summary too


def _run(tiny_model: Path, inputs: Path, out: Path, *extra: str) -> tuple[int, str]:
    """A whole run, in this process: (exit code, stderr)."""
    code, _, err = run_cli("run", inputs, "-o", out, "--model", tiny_model, "--quiet", *extra)
    return code, err


def _command(tiny_model: Path, inputs: Path, out: Path) -> list[str]:
    """The same run as a process of its own, for the tests that kill or interrupt it."""
    return [sys.executable, "-m", "summarize", "run", str(inputs), "-o", str(out), "--model", str(tiny_model),
            "--quiet"]


def test_rerun_with_nothing_changed_translates_nothing_and_keeps_files(tiny_model: Path,
                                                                       tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, inputs)
    out = tmp_path / "out"
    assert _run(tiny_model, inputs, out)[0] == 0
    before = {p.name: p.read_bytes() for p in out.glob("0*.json")}
    assert _run(tiny_model, inputs, out)[0] == 0
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert {i["status"] for i in report["inputs"]} == {"skipped"}
    assert report["translation"]["sentences"] == 0 and report["models"]["translation"]["loaded"] is False
    assert {p.name: p.read_bytes() for p in out.glob("0*.json")} == before
    # A changed article is redone, the others are not.
    changed = inputs / "004_68cbc1ad60d296a1.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nEin neuer Absatz wurde am Abend ergänzt.\n",
                       encoding="utf-8")
    assert _run(tiny_model, inputs, out)[0] == 0
    statuses = {Path(i["path"]).name: i["status"]
                for i in json.loads((out / "run.json").read_text())["inputs"]}
    assert statuses.pop("004_68cbc1ad60d296a1.txt").startswith("done")
    assert set(statuses.values()) == {"skipped"}
    # --force redoes all; a changed setting redoes all. The setting is the beam width: it changes every
    # translation, and CTranslate2 redoes them in seconds where the transformers backend takes a minute
    # (that backend's whole run is tested in test_run.py's sentence cache test).
    assert _run(tiny_model, inputs, out, "--force")[0] == 0
    assert all(i["status"] != "skipped" for i in json.loads((out / "run.json").read_text())["inputs"])
    config = tmp_path / "models.toml"
    config.write_text("[translation]\nnum_beams = 2\n", encoding="utf-8")
    assert _run(tiny_model, inputs, out, "--config", str(config))[0] == 0
    assert all(i["status"] != "skipped" for i in json.loads((out / "run.json").read_text())["inputs"])


HOLD_LOCK = """
import fcntl, os, sys, time
handle = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(handle, fcntl.LOCK_EX)
os.write(handle, b"process %d on testhost" % os.getpid())
print("locked", flush=True)
time.sleep(120)
"""


def test_a_second_run_on_the_same_folder_is_refused_while_the_first_holds_it(tiny_model: Path,
                                                                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out / ".summarize.lock")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        code, err = _run(tiny_model, GOOD, out)
        assert code == 2 and "another run" in err and f"process {holder.pid} on testhost" in err
        assert not (out / "run.json").exists()
    finally:
        holder.kill()
        holder.wait()
    code, err = _run(tiny_model, GOOD, out)  # the holder is gone: its lock went with it
    assert code == 0, err
    assert not (out / ".summarize.lock").exists()


@pytest.mark.parametrize("left_behind", ["host 4", "host 99999999999999999999999", "", "\x00\xff junk"])
def test_a_lock_file_left_by_a_dead_run_never_blocks_the_next(tiny_model: Path, tmp_path: Path,
                                                             left_behind: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".summarize.lock").write_text(left_behind, encoding="utf-8", errors="surrogateescape")
    (out / ".digest.md.x1y2z3.tmp").write_text("half a digest", encoding="utf-8")  # a killed run's
    code, err = _run(tiny_model, GOOD, out)
    assert code == 0, err
    assert not list(out.glob(".*.tmp"))


def test_a_folder_where_the_lock_file_goes_is_a_clear_error(tiny_model: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".summarize.lock").mkdir(parents=True)
    code, err = _run(tiny_model, GOOD, out)
    assert code == 2 and "is a folder" in err and "Traceback" not in err
    assert not (out / "run.json").exists()


STRESS_HOLDER = """
import os, sys
from pathlib import Path
from summarize.errors import OutputLocked
from summarize.writing import OutputLock
out, rounds = Path(sys.argv[1]), int(sys.argv[2])
held = 0
while held < rounds:
    try:
        with OutputLock(out):
            marker = os.open(out / "inside", os.O_CREAT | os.O_EXCL | os.O_WRONLY)  # fails if two hold it
            os.close(marker)
            os.unlink(out / "inside")
            held += 1
    except OutputLocked:
        pass
"""


def test_two_runs_racing_for_the_lock_never_hold_it_together(tmp_path: Path) -> None:
    racers = [subprocess.Popen([sys.executable, "-c", STRESS_HOLDER, str(tmp_path), "200"],
                               stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for racer in racers:
        _, err = racer.communicate(timeout=300)
        assert racer.returncode == 0, err
    assert not (tmp_path / "inside").exists()


def _articles(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("*.json") if p.name not in ("digest.json", "run.json")}


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough distinct sentences for more than two chunks of the sentence cache (each committed as it is
    done), so a run can be stopped twice with work still to do. Most sentences differ between copies:
    a chunk's worth of new sentences takes 10 articles, where whole copies repeated would take 50."""
    folder = tmp_path_factory.mktemp("many")
    for number in range(10):
        for seed in SEEDS.glob("*.txt"):
            text = seed.read_text(encoding="utf-8").replace("Putin", f"Putin ({number})")
            for word in (" und ", " die ", " der ", " in "):
                text = text.replace(word, f"{word}{number} ")
            (folder / f"{number:02}_{seed.name}").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def many_reference(tiny_model: Path, many_articles: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output of an uninterrupted run over many_articles: what every stopped and resumed run must give."""
    reference = tmp_path_factory.mktemp("reference")
    assert _run(tiny_model, many_articles, reference)[0] == 0
    return reference


def test_killed_runs_resume_to_the_same_output(tiny_model: Path, many_articles: Path, many_reference: Path,
                                               tmp_path: Path) -> None:
    reference = many_reference
    distinct = json.loads((reference / "run.json").read_text(encoding="utf-8"))["translation"]["distinct"]
    assert distinct > 2 * CHUNK  # two kills, each after a chunk, and a third chunk left to finish
    out = tmp_path / "out"
    command = _command(tiny_model, many_articles, out)
    cache = out / ".cache" / "translations.sqlite3"
    for _ in range(2):  # each run is killed right after it has cached a new batch
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        before = _cached_translations(cache)
        _wait_until(lambda: _cached_translations(cache) > before or process.poll() is not None)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL  # the kill landed mid-run, not after it finished
        for path in out.glob("*.json"):  # whatever is there is complete, valid JSON
            json.loads(path.read_text(encoding="utf-8"))
    code, err = _run(tiny_model, many_articles, out)  # in this process: resumed here as by a new one
    assert code == 0, err
    assert _articles(out) == _articles(reference)
    assert not list(out.glob(".*.tmp"))
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    assert digest["articles"] == json.loads(
        (reference / "digest.json").read_text(encoding="utf-8"))["articles"]


def _cached_translations(cache: Path) -> int:
    """Translations the run has committed to its sentence cache so far (0 before it exists)."""
    import sqlite3

    try:
        with sqlite3.connect(f"file:{cache}?mode=ro", uri=True) as db:
            return int(db.execute("SELECT COUNT(*) FROM scored_translations").fetchone()[0])
    except sqlite3.Error:
        return 0


def _wait_until(condition, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    """Poll an observable state instead of sleeping a fixed time."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the state never came"
        time.sleep(0.05)


def test_ctrl_c_stops_after_the_current_batch_and_keeps_its_work(tiny_model: Path, many_articles: Path,
                                                                  tmp_path: Path) -> None:
    import sqlite3

    out = tmp_path / "out"
    process = subprocess.Popen(_command(tiny_model, many_articles, out), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    cache = out / ".cache" / "translations.sqlite3"
    _wait_until(lambda: _cached_translations(cache) > 0)  # a first batch is done, more are to come
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "run the same command again" in stderr
    assert "Traceback" not in stderr
    with sqlite3.connect(cache) as db:
        # finished batches kept
        assert db.execute("SELECT COUNT(*) FROM scored_translations").fetchone()[0] > 0
    assert not (out / ".summarize.lock").exists()
    assert _run(tiny_model, many_articles, out)[0] == 0


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_stop_a_run_like_ctrl_c_and_the_rerun_finishes_it(
        tiny_model: Path, many_articles: Path, many_reference: Path, tmp_path: Path, signum: int,
        code: int) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(_command(tiny_model, many_articles, out), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    cache = out / ".cache" / "translations.sqlite3"
    _wait_until(lambda: _cached_translations(cache) > 0 or process.poll() is not None)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == code, stderr  # stopped by the signal mid-run, not finished before it
    assert signal.Signals(signum).name in stderr and "run the same command again" in stderr
    assert "Traceback" not in stderr
    assert not (out / ".summarize.lock").exists()
    for path in out.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    assert _run(tiny_model, many_articles, out)[0] == 0
    assert _articles(out) == _articles(many_reference)
