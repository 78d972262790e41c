"""What scrapers write: saved HTML pages, news-please and trafilatura JSON, JSON Lines, stdin; their
metadata in the output; stable, safe article ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.discovery import safe_id
from summarize.reading import input_kind, read_inputs

from conftest import DATA, run_cli

INPUTS = DATA / "inputs"


@pytest.fixture(scope="module")
def scraped_run(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("scraped")
    config = root / "models.toml"
    config.write_text('[input.fields]\noutlet = "publication"\n', encoding="utf-8")
    out = root / "out"
    code, _, err = run_cli("run", INPUTS, "-o", out, "--model", tiny_model, "--config", config, "--quiet")
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return (code, err), report, out


def _record(out: Path, article_id: str) -> dict:  # type: ignore[type-arg]
    return json.loads((out / f"{article_id}.json").read_text(encoding="utf-8"))


def test_html_page_gives_main_text_and_metadata(scraped_run) -> None:  # type: ignore[no-untyped-def]
    _, _, out = scraped_run
    record = _record(out, "lz_radwege")
    assert record["source"] == {
        "kind": "html", "line": None, "url": "https://www.lindenauer-zeitung.de/lokales/stadtrat-radwegenetz-4711.html",
        "outlet": "Lindenauer Zeitung", "published": "2024-03-12", "authors": ["Anna Müller"]}
    assert record["title"]["de"] == "Stadtrat beschließt neues Radwegenetz" and not record["title"]["derived"]
    text = " ".join(record["cleaned_de"])
    assert "42 Kilometer neue Radwege" in text and "Opposition kritisierte" in text
    for furniture in ("Startseite", "Anzeige", "Kommentare", "Leser123", "dataLayer", "Neue Ampeln"):
        assert furniture not in text
    assert record["original"].startswith("<!DOCTYPE html>")  # the page itself is kept, exactly


def test_news_please_record(scraped_run) -> None:  # type: ignore[no-untyped-def]
    _, _, out = scraped_run
    record = _record(out, "nationalrat-beschliesst-pensionserhoehung-" + record_hash(
        "https://www.derstandard.at/story/3000000210000/nationalrat-beschliesst-pensionserhoehung"))
    assert (record["source"]["outlet"] == "www.derstandard.at"
            and record["source"]["authors"] == ["Markus Feichtinger"])
    assert record["source"]["published"] == "2024-03-06 17:02:00" and record["source"]["kind"] == "json"
    assert record["title"]["de"] == "Nationalrat beschließt Pensionserhöhung"
    assert record["cleaned_de"][0].startswith("Die Pensionen steigen 2025")  # the description, as teaser


def record_hash(url: str) -> str:
    import hashlib

    return hashlib.sha256(url.encode()).hexdigest()[:8]


def test_trafilatura_json_record(scraped_run) -> None:  # type: ignore[no-untyped-def]
    _, _, out = scraped_run
    record = _record(out, "sturm-bahnverkehr-" + record_hash("https://www.srf.ch/news/schweiz/sturm-bahnverkehr"))
    assert record["source"]["outlet"] == "SRF News"
    assert record["source"]["authors"] == ["Sarah Meier", "Peter Kunz"]


def test_field_names_from_the_settings(scraped_run) -> None:  # type: ignore[no-untyped-def]
    _, _, out = scraped_run
    record = _record(out, "schulhaus-altenburg-" + record_hash("https://www.aargauerzeitung.ch/aargau/schulhaus-altenburg"))
    assert record["source"]["outlet"] == "Aargauer Zeitung"
    assert record["title"]["de"] == "Gemeinde baut neues Schulhaus"


def test_json_lines_report_bad_lines_by_number_and_keep_the_rest(scraped_run) -> None:  # type: ignore[no-untyped-def]
    (code, stderr), report, out = scraped_run
    entries = {i["path"].rsplit("/", 1)[-1]: i for i in report["inputs"]}
    assert entries["scrapy_items.jsonl:2"]["status"] == "failed"
    assert "not valid JSON" in entries["scrapy_items.jsonl:2"]["reason"]
    assert entries["scrapy_items.jsonl:3"]["status"] == "failed"
    assert "no article text" in entries["scrapy_items.jsonl:3"]["reason"]
    assert "scrapy_items.jsonl:2" in stderr and code == 1
    good = _record(out, "insolvenz-textil-991-" + record_hash("https://www.example-zeitung.de/wirtschaft/insolvenz-textil-991.html"))
    assert good["source"]["line"] == 1 and good["source"]["kind"] == "jsonl"
    assert entries["scrapy_items.jsonl:1"]["status"].startswith("done")
    weather = _record(out, "dpa-2024-05-03-Wetter")  # the record's own id, made safe as a file name
    assert weather["source"]["line"] == 5


def test_digest_shows_outlet_date_and_link(scraped_run) -> None:  # type: ignore[no-untyped-def]
    _, _, out = scraped_run
    page = (out / "digest.html").read_text(encoding="utf-8")
    assert "Lindenauer Zeitung" in page and "2024-03-12" in page
    assert 'href="https://www.lindenauer-zeitung.de/lokales/stadtrat-radwegenetz-4711.html"' in page


def test_json_lines_from_standard_input(tiny_model: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    lines = (INPUTS / "scrapy_items.jsonl").read_bytes()
    code, _, _ = cli("run", "-", "-o", tmp_path / "out", "--model", tiny_model, "--quiet", stdin=lines)
    assert code == 1  # the two bad lines
    report = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert sum(i["status"].startswith("done") for i in report["inputs"]) == 2
    assert {i["path"] for i in report["inputs"] if i["status"] == "failed"} == {"-:2", "-:3"}


@pytest.mark.parametrize("name, head, kind", [
    ("a.txt", b"Politik\nTitel", "txt"),
    ("a.txt", b"<!DOCTYPE html><html>", "html"),
    ("a.htm", b"<html>", "html"),
    ("a.json", b"{}", "json"),
    ("a.jsonl", b"{}\n{}", "jsonl"),
    ("-", b'{"maintext": "x"}', "jsonl"),
    ("-", b"Politik\nTitel", "txt"),
])
def test_input_kind_by_extension_and_content(name: str, head: bytes, kind: str) -> None:
    assert input_kind(Path(name), head) == kind


@pytest.mark.parametrize("raw, safe", [
    ("dpa/2024/05/03 Wetter", "dpa-2024-05-03-Wetter"),
    ("../../etc/passwd", "etc-passwd"),
    ("Straßenbahn über Brücke", "Stra-enbahn-ber-Br-cke"),
])
def test_ids_are_safe_file_names(raw: str, safe: str) -> None:
    assert safe_id(raw) == safe


def test_a_json_file_that_is_not_an_object_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")
    (error,) = list(read_inputs(path, "list", 2_000_000))
    assert "must be an object" in str(error) and str(path) in str(error)
