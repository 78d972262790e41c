"""Hostile inputs: whatever a folder or a record holds, each bad input fails alone with a reason naming it,
and the run, run.json and the digest go on for the others."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.errors import InputError
from summarize.discovery import MAX_ID_CHARS, RESERVED_IDS, discover
from summarize.reading import read_inputs
from summarize.writing import write_text

from conftest import SEEDS, run_cli

BODY = ("Der Stadtrat hat am Dienstagabend mit großer Mehrheit ein neues Radwegenetz beschlossen. "
        "Die Kosten von rund zwölf Millionen Euro trägt zum Teil das Land, sagte der Bürgermeister.")


def _record(**fields: object) -> str:
    return json.dumps({"title": "Neues Radwegenetz", "text": BODY, **fields})


# case -> (the input's file name, how to make it, its status, a word its reason must hold)
CASES = {
    "name not UTF-8": (os.fsdecode(b"caf\xe9 \xff.txt"), lambda p: p.write_text(BODY + " Eins."), "done", ""),
    "name of 250 bytes": ("x" * 246 + ".txt", lambda p: p.write_text(BODY + " Zwei."), "done", ""),
    "newline in the name": ("zwei\nzeilen.txt", lambda p: p.write_text(BODY + " Drei."), "done", ""),
    "JSON nested 100,000 deep": ("deep.json", lambda p: p.write_text("[" * 100_000 + "]" * 100_000),
                                 "failed", "nested too deeply"),
    "a 5,000-digit number": ("number.json", lambda p: p.write_text(
        _record(text=BODY + " Vier.")[:-1] + ', "views": ' + "9" * 5000 + "}"), "done", ""),
    "a lone surrogate in title and author": ("surrogate.json", lambda p: p.write_text(
        _record(title="Radwege \ud800", authors=["\udfff Anna"], text=BODY + " Fünf.")), "done", ""),
    "fields of the wrong type": ("types.json", lambda p: p.write_text(
        _record(authors=5, title=["a", "list"], text=BODY + " Sechs.")), "done", ""),
    "a url with no path": ("url.json", lambda p: p.write_text(_record(url="/", text=BODY + " Sieben.")),
                           "done", ""),
    "a byte-order mark before JSON": ("bom.json", lambda p: p.write_text(
        "\ufeff" + _record(text=BODY + " Acht.")), "done", ""),
    "a byte-order mark before JSON Lines": ("bom.jsonl", lambda p: p.write_text(
        "\ufeff" + _record(text=BODY + " Neun.") + "\n"), "done", ""),
    "NUL characters in strings": ("nul.json", lambda p: p.write_text(
        _record(title="Rad\x00wege", url="https://example.org/a\x00b", text=BODY + " Zehn.\x00")),
        "done", ""),
    "a FIFO": ("pipe.txt", os.mkfifo, "failed", "FIFO"),
    "a link to /dev/zero": ("zero.txt", lambda p: p.symlink_to("/dev/zero"), "failed", "device"),
    "a 1 GB sparse file": ("sparse.txt", lambda p: (p.touch(), os.truncate(p, 10**9)), "failed", "limit"),
    "an article named digest": ("digest.txt", lambda p: p.write_text(BODY + " Elf."), "done", ""),
    "an article named run": ("run.json", lambda p: p.write_text(_record(text=BODY + " Zwölf.")), "done", ""),
}


@pytest.fixture(scope="module")
def hostile_run(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path, dict]:
    """One run over the seeds and every hostile input at once: (exit code, stderr, out, run.json's entry
    by input path)."""
    folder = tmp_path_factory.mktemp("hostile")
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    for name, make, _, _ in CASES.values():
        make(folder / name)
    out = tmp_path_factory.mktemp("out")
    code, _, err = run_cli("run", folder, "-o", out, "--model", tiny_model, "--quiet")
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    entries = {entry["path"].removesuffix(":1"): entry for entry in report["inputs"]}
    return code, err, out, {name: entries[_shown(str(folder / name))] for name, _, _, _ in CASES.values()}


def _shown(path: str) -> str:
    """A path as our files show it: bytes that are not UTF-8 as U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_input_fails_alone_with_its_reason_or_is_read(hostile_run, case: str) -> None:  # type: ignore[no-untyped-def]
    code, err, out, entries = hostile_run
    assert "Traceback" not in err
    assert code == 1  # some inputs failed; the run itself finished, with run.json and the digest
    assert all((out / f"{seed.stem}.json").is_file() for seed in SEEDS.glob("*.txt"))
    name, _, status, reason_word = CASES[case]
    entry = entries[name]
    assert entry["status"].startswith(status), entry
    assert reason_word in entry["reason"]
    if status == "failed":
        assert entry["reason"].startswith(entry["path"])  # the message names the file
    else:
        digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
        assert _shown(entry["path"]).removesuffix(":1") in [a["source_path"] for a in digest["articles"]]


def test_every_written_file_is_valid_utf8_json_and_no_article_takes_a_run_file(hostile_run) -> None:  # type: ignore[no-untyped-def]
    _, _, out, _ = hostile_run
    names = {path.stem for path in out.glob("*.json")}
    assert {"digest", "run", "digest-article", "run-article"} <= names
    for path in out.glob("*.json"):
        record = json.loads(path.read_bytes().decode("utf-8"))  # strict UTF-8: no lone surrogate written
        assert "\x00" not in json.dumps(record, ensure_ascii=False)
    assert len(json.loads((out / "digest.json").read_text(encoding="utf-8"))["articles"]) == len(
        list(SEEDS.glob("*.txt"))) + sum(status == "done" for _, _, status, _ in CASES.values())
    html = (out / "digest.html").read_text(encoding="utf-8")
    assert "\x00" not in html


# Any JSON a scraper may write, in any known field: a record is read or fails with an InputError.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)
FIELDS = ("title", "text", "maintext", "description", "url", "authors", "author", "date_publish", "id",
          "sitename", "language")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=6), st.booleans())
def test_any_json_record_is_read_or_refused_with_a_reason(tmp_path: Path, record: dict, lines: bool) -> None:
    path = tmp_path / ("record.jsonl" if lines else "record.json")
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8", errors="surrogatepass")
    for item in read_inputs(path, "record", 2_000_000):
        if isinstance(item, InputError):
            assert str(path) in str(item)
            continue
        source = item.source
        texts = [item.id, source.url, source.outlet, source.published, source.title, *source.authors]
        written = json.dumps([t for t in texts if t is not None], ensure_ascii=False).encode("utf-8")
        assert b"\x00" not in written
        assert item.id and len(item.id) <= MAX_ID_CHARS + 9 and item.id.lower() not in RESERVED_IDS


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=250).filter(lambda b: b"/" not in b and b"\x00" not in b
                                                   and b not in (b".", b"..")))
def test_any_file_name_gets_an_id_that_can_be_written(tmp_path: Path, name: bytes) -> None:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    path = folder / os.fsdecode(name[:250] + b".txt")
    path.write_text(BODY, encoding="utf-8")
    (article_id,) = discover([folder]).files.values()
    assert article_id.isprintable() and not article_id.startswith(".")
    write_text(tmp_path / f"{article_id}.json", "{}")  # no ENAMETOOLONG, no encoding error
    assert (tmp_path / f"{article_id}.json").read_text(encoding="utf-8") == "{}"


def _without_file_permission_override() -> list[str]:
    """How to start a process that folder permissions apply to: as root, one without the capabilities
    that override them (setpriv); as any other user, a plain one."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: no way to make a folder unreadable to the run")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-all"]


@pytest.mark.parametrize("recursive", [True, False])
def test_an_unreadable_folder_is_reported_and_the_rest_goes_on(tiny_model: Path, tmp_path: Path,
                                                               recursive: bool) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(next(SEEDS.glob("*.txt")), folder)
    shutil.copy(sorted(SEEDS.glob("*.txt"))[1], folder / "locked")
    (folder / "locked").chmod(0)
    out = tmp_path / "out"
    inputs = ["-r", str(folder)] if recursive else [str(folder), str(folder / "locked")]
    try:
        result = subprocess.run(
            [*_without_file_permission_override(), sys.executable, "-m", "summarize", "run", *inputs,
             "-o", str(out), "--model", str(tiny_model), "--quiet"], capture_output=True, text=True)
    finally:
        (folder / "locked").chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    entries = json.loads((out / "run.json").read_text(encoding="utf-8"))["inputs"]
    (failed,) = [entry for entry in entries if entry["status"] == "failed"]
    (done,) = [entry for entry in entries if entry is not failed]
    assert done["status"].startswith("done")
    assert failed["path"] == str(folder / "locked") and "cannot list" in failed["reason"]


def test_the_output_folder_inside_an_input_folder_is_never_read(tiny_model: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), folder)
    out = folder / "out"
    for _ in range(2):  # the second night finds the first night's digest.html and article files there
        code, _, err = run_cli("run", "-r", folder, "-o", out, "--model", tiny_model, "--quiet")
        assert code == 0, err
        entries = json.loads((out / "run.json").read_text(encoding="utf-8"))["inputs"]
        assert [Path(entry["path"]).parent for entry in entries] == [folder]


def test_the_output_folder_as_the_input_folder_is_refused_before_anything_is_written(
        tiny_model: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), folder)
    code, _, err = run_cli("run", folder, "-o", folder, "--model", tiny_model, "--quiet")
    assert code == 2 and "output folder" in err
    assert sorted(p.name for p in folder.iterdir()) == [next(SEEDS.glob("*.txt")).name]


def _article_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("*.json") if p.name not in ("digest.json", "run.json")}


@pytest.fixture(scope="module")
def clean_run(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The seeds' article files from a run with a fresh cache: what every faulty run must still give."""
    out = tmp_path_factory.mktemp("clean")
    code, _, err = run_cli("run", SEEDS, "-o", out, "--model", tiny_model, "--quiet")
    assert code == 0, err
    return _article_files(out)


def _broken_cache(cache: Path, how: str) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    if how == "not a database":
        cache.write_bytes(b"this is not SQLite " * 100)
    elif how == "truncated":
        data = cache.read_bytes()
        cache.write_bytes(data[: len(data) // 2])
    elif how == "a folder":
        cache.mkdir()


@pytest.mark.parametrize("how", ["not a database", "truncated", "a folder"])
def test_a_broken_sentence_cache_is_set_aside_and_the_run_gives_the_same_files(
        tiny_model: Path, tmp_path: Path, clean_run: dict[str, bytes], how: str) -> None:
    out = tmp_path / "out"
    cache = out / ".cache" / "translations.sqlite3"
    if how == "truncated":  # a real cache, cut in half (a disk that filled, a copy that stopped)
        assert run_cli("run", SEEDS, "-o", out, "--model", tiny_model, "--quiet")[0] == 0
        (out / "run.json").unlink()
        for path in out.glob("*.json"):
            path.unlink()
        for wal in cache.parent.glob("*-wal"):
            wal.unlink()
    _broken_cache(cache, how)
    for night in range(2):  # and the night after, nothing is left to fail
        code, _, err = run_cli("run", SEEDS, "-o", out, "--model", tiny_model, "--force")
        assert code == 0, err
        assert "Traceback" not in err
        assert _article_files(out) == clean_run
    if how != "a folder":
        assert list(cache.parent.glob("translations.sqlite3.broken-*"))


def test_a_full_disk_under_the_sentence_cache_costs_only_the_cache(tiny_model: Path, tmp_path: Path,
                                                                   clean_run: dict[str, bytes]) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a tiny tmpfs as the full disk")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(disk)]).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        out = tmp_path / "out"
        code, _, err = run_cli("run", SEEDS, "-o", out, "--model", tiny_model, "--cache-dir", disk)
        assert code == 0, err
        assert "sentence cache" in err and "Traceback" not in err
        assert _article_files(out) == clean_run
    finally:
        subprocess.run(["umount", str(disk)])


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_files_honour_the_umask(tiny_model: Path, tmp_path: Path, umask: int, mode: int) -> None:
    out = tmp_path / "out"
    before = os.umask(umask)
    try:
        code, _, err = run_cli("run", next(SEEDS.glob("*.txt")), "-o", out, "--model", tiny_model, "--quiet")
    finally:
        os.umask(before)
    assert code == 0, err
    written = [path for path in out.rglob("*") if path.suffix in (".json", ".md", ".html", ".xml")]
    # the article, digest.json/.md/.html, run.json, index.html, feed.xml, and the night's archived digest
    # (three files), its e-mail's HTML part and its remembered stories, and the delivery ledger under archive/
    assert len(written) == 13, sorted(str(p.relative_to(out)) for p in written)
    assert {oct(path.stat().st_mode & 0o777) for path in written} == {oct(mode)}


DAMAGE = {
    "truncated": lambda text: text[: len(text) // 2],
    "not JSON": lambda text: "{" + text,
    "title missing": lambda text: json.dumps({k: v for k, v in json.loads(text).items() if k != "title"}),
    "a title that is a number": lambda text: json.dumps({**json.loads(text), "title": {"de": 5, "en": 5,
                                                                                       "derived": False}}),
    "sentences not a list": lambda text: json.dumps({**json.loads(text), "sentences": 7}),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_article_file_is_redone_not_taken_as_up_to_date(tiny_model: Path, tmp_path: Path,
                                                                   clean_run: dict[str, bytes],
                                                                   damage: str) -> None:
    out = tmp_path / "out"
    assert run_cli("run", SEEDS, "-o", out, "--model", tiny_model, "--quiet")[0] == 0
    victim = out / sorted(clean_run)[0]
    victim.write_text(DAMAGE[damage](victim.read_text(encoding="utf-8")), encoding="utf-8")
    code, _, err = run_cli("run", SEEDS, "-o", out, "--model", tiny_model, "--quiet")
    assert code == 0 and "Traceback" not in err, err
    statuses = {Path(e["path"]).stem: e["status"] for e in
                json.loads((out / "run.json").read_text(encoding="utf-8"))["inputs"]}
    assert statuses[victim.stem] != "skipped"
    assert sum(status == "skipped" for status in statuses.values()) == len(clean_run) - 1
    assert _article_files(out) == clean_run
