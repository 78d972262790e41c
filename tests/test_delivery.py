"""Delivering the digest: the archive of nights and what is new, the Atom feed, and e-mail to a real SMTP
server (aiosmtpd) on this machine, with STARTTLS, a login, and a server that is down, refuses or is mute."""

from __future__ import annotations

import contextlib
import email
import json
import re
import shutil
import socket
import ssl
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Iterator

import feedparser
import jsonschema
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

import summarize
from summarize.cli import EXIT_NOT_DELIVERED
from summarize.cli import main as summarize_main
from summarize.delivery import feed, ledger, mail
from summarize.errors import ConfigError
from summarize.records import RunReport
from summarize.settings import DeliverSettings, EmailSettings, load_settings, settings_from_dict

from conftest import DATA, ROOT, SEEDS
from test_digest import CHROMIUM_ARGS, HOSTILE_TEXT, chromium_or_skip

CET = timezone(timedelta(hours=1))
NIGHT_ONE = datetime(2026, 12, 1, 2, 30, tzinfo=CET)
NIGHT_TWO = datetime(2026, 12, 2, 2, 30, tzinfo=CET)
SERVED = "https://news.example.org/digest/"  # deliver.base_url of the second night
TO = ["ana@example.org", "ben@example.org"]
FIRST_SUBJECT = "News digest, 1 December 2026: 3 stories, 7 reports"
SECOND_SUBJECT = "News digest, 2 December 2026: 2 stories, 2 reports"
PASSWORD = "s3cret-Pa55"
PASSWORD_ENV = "SUMMARIZE_TEST_SMTP_PASSWORD"
SEED_IDS = sorted(path.stem for path in SEEDS.glob("*.txt"))
FIRST_IDS = [*SEED_IDS, "108_sport_bundesliga", "900_hostile"]
DIGEST_SCHEMA = json.loads((ROOT / "summarize" / "digest.schema.json").read_text(encoding="utf-8"))
ATOM = "{http://www.w3.org/2005/Atom}"


# --------------------------------------------------------------------------------------------------
# A real SMTP server on localhost


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    encrypted: bool


class Inbox:
    """aiosmtpd's handler: keeps every message the server accepted, and every login tried."""

    def __init__(self, accept_login: bool = True) -> None:
        self.messages: list[Received] = []
        self.logins: list[tuple[bytes, bool]] = []
        self.accept_login = accept_login

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message,  # type: ignore[arg-type]
                                      session.ssl is not None))
        return "250 OK"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        accepted = self.accept_login and data.login == b"digest" and data.password == PASSWORD.encode()
        self.logins.append((data.login, accepted))
        return AuthResult(success=accepted, handled=False)  # handled: the server answers 535 itself


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def smtp_server(inbox: Inbox, tls: ssl.SSLContext | None = None, security: str = "starttls") -> Iterator[int]:
    """A running server on 127.0.0.1: plain, or with TLS (STARTTLS required, or from the start: "ssl")
    and a login required."""
    port = free_port()
    login = {"authenticator": inbox.authenticate, "auth_required": True}
    extra: dict[str, Any] = (
        {} if tls is None
        else {"tls_context": tls, "require_starttls": True, **login} if security == "starttls"
        # The transport is TLS already: aiosmtpd only knows STARTTLS as TLS, so it is told not to ask.
        else {"ssl_context": tls, "auth_require_tls": False, **login})
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **extra)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


@contextlib.contextmanager
def mute_server() -> Iterator[int]:
    """A port that takes the connection and then never says a word: the client times out."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        yield listener.getsockname()[1]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[ssl.SSLContext, Path]:
    """A test CA and a certificate for 127.0.0.1 from it: the server's TLS context, and the CA file the
    client is told to trust (deliver.email.ca_file)."""
    import trustme

    authority = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server)
    ca_file = tmp_path_factory.mktemp("ca") / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    return server, ca_file


def config(folder: Path, port: int, base_url: str = "", **changes: Any) -> Path:
    """A models.toml with [deliver.email] for a server on 127.0.0.1:port; short waits, so faults are quick."""
    values = {"host": "127.0.0.1", "port": port, "security": "none", "from": "Digest <digest@example.org>",
              "to": TO, "timeout": 5.0, "attempts": 2, "retry_seconds": 0.01, **changes}
    path = folder / f"models-{port}.toml"
    lines = [f"{key} = {json.dumps(value)}" for key, value in values.items()]  # JSON's are TOML's here
    served = ["[deliver]", f"base_url = {json.dumps(base_url)}"] if base_url else []
    path.write_text("\n".join([*served, "[deliver.email]", *lines, ""]), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------------
# Two nights: the first one archived with its e-mail pending, the second with two new articles


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scraped")
    for path in [*SEEDS.glob("*.txt"), DATA / "articles" / "108_sport_bundesliga.txt"]:
        shutil.copy(path, folder / path.name)
    (folder / "900_hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    return folder


def library_run(inputs: Path, out: Path, tiny_model: Path, settings_file: Path, clock: datetime,
                deliver: bool = True) -> RunReport:
    settings = load_settings(settings_file).with_overrides("translation", model=str(tiny_model))
    return summarize.run([inputs], out, settings, clock=lambda: clock, deliver=deliver)


@pytest.fixture(scope="module")
def first_night(tiny_model: Path, inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder after the first night, run with --no-deliver: its e-mail is pending."""
    root = tmp_path_factory.mktemp("first")
    settings = config(root, free_port())
    report = library_run(inputs, root / "out", tiny_model, settings, NIGHT_ONE, deliver=False)
    assert not report.failed and report.delivery["night"] == "2026-12-01"
    return root / "out"


def copy_of(out: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(out, tmp_path / "out"))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def parts(message: EmailMessage) -> tuple[str, str]:
    """The text and HTML parts of a multipart/alternative message, checking that it is one."""
    assert message.get_content_type() == "multipart/alternative"
    types = [part.get_content_type() for part in message.iter_parts()]
    assert types == ["text/plain", "text/html"]
    text, page = (part.get_content() for part in message.iter_parts())
    return text, page


def test_a_night_goes_out_as_one_message_with_both_parts_subject_and_recipients(first_night: Path,
                                                                                tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    out = copy_of(first_night, tmp_path)
    inbox = Inbox()
    with smtp_server(inbox) as port:
        code, _, err = cli("deliver", out, "--config", config(tmp_path, port))
        assert code == 0, err
        assert cli("deliver", out, "--config", config(tmp_path, port))[0] == 0  # nothing pending now
    assert len(inbox.messages) == 1
    received = inbox.messages[0]
    message = received.message
    assert received.sender == "digest@example.org" and received.recipients == TO
    assert message["To"] == ", ".join(TO) and message["From"] == "Digest <digest@example.org>"
    assert message["Subject"] == FIRST_SUBJECT
    text, page = parts(message)
    data = read_json(out / "digest.json")
    assert [a["id"] for a in data["articles"]] == FIRST_IDS and text.startswith("# News digest")
    for article in data["articles"]:
        assert article["source_path"] in text and article["source_path"] in page
    # Inline styles only; nothing active, remote or unescaped.
    for banned in ("<script", "<style", "<img", "<link", "<iframe", " class=", " src=", "onerror"):
        assert banned not in page.lower()
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert read_json(out / "archive" / "ledger.json")["email"]["pending"] == []


@pytest.mark.parametrize("security", ["starttls", "ssl"])
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # it is TLS: see smtp_server
def test_tls_with_a_test_certificate_and_a_login(first_night: Path, tmp_path: Path, certificate, cli,  # type: ignore[no-untyped-def]
                                                  monkeypatch, security: str) -> None:
    out = copy_of(first_night, tmp_path)
    server_tls, ca_file = certificate
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    inbox = Inbox()
    with smtp_server(inbox, tls=server_tls, security=security) as port:
        settings = config(tmp_path, port, security=security, user="digest", password_env=PASSWORD_ENV,
                          ca_file=str(ca_file))
        code, _, err = cli("deliver", out, "--config", settings)
    assert code == 0, err
    assert inbox.logins == [(b"digest", True)]
    assert [m.recipients for m in inbox.messages] == [TO]
    # aiosmtpd marks a session upgraded by STARTTLS; an "ssl" server speaks nothing but TLS from the start.
    assert inbox.messages[0].encrypted or security == "ssl"


FAULTS = {
    "refuses the login": ("login as digest refused (535", 3),
    "is down": ("connection refused", 3),
    "never answers": ("no answer within 0.3 s", 3),
}


@contextlib.contextmanager
def faulty_server(fault: str, certificate: tuple[ssl.SSLContext, Path], folder: Path) -> Iterator[Path]:
    server_tls, ca_file = certificate
    login = {"security": "starttls", "user": "digest", "password_env": PASSWORD_ENV, "ca_file": str(ca_file)}
    if fault == "refuses the login":
        with smtp_server(Inbox(accept_login=False), tls=server_tls) as port:
            yield config(folder, port, **login)
    elif fault == "is down":
        yield config(folder, free_port())
    else:
        with mute_server() as port:
            yield config(folder, port, timeout=0.3)


@pytest.mark.parametrize("fault", FAULTS)
def test_a_server_that_fails_costs_nothing_and_the_next_run_sends_it_once(  # type: ignore[no-untyped-def]
        fault: str, first_night: Path, inputs: Path, tiny_model: Path, tmp_path: Path, certificate, cli,
        monkeypatch) -> None:
    out = copy_of(first_night, tmp_path)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    digest_before = (out / "digest.html").read_bytes()
    with faulty_server(fault, certificate, tmp_path) as settings:
        code, _, err = cli("run", inputs, "-o", out, "--model", tiny_model, "--config", settings, "--quiet")
        server = f"127.0.0.1:{load_settings(settings).deliver.email.port}"  # type: ignore[union-attr]
    reason, exit_code = FAULTS[fault]
    assert code == exit_code == EXIT_NOT_DELIVERED, err
    assert server in err and reason in err and "2 attempts" in err and "Traceback" not in err
    report = read_json(out / "run.json")
    mailed = report["delivery"]["email"]
    assert mailed["status"] == "failed" and reason in mailed["reason"]
    kept = read_json(out / "archive" / "ledger.json")
    assert kept["email"]["pending"] == ["2026-12-01"] and reason in kept["email"]["last_failure"]["reason"]
    for text in (err, (out / "run.json").read_text(), (out / "archive" / "ledger.json").read_text()):
        assert PASSWORD not in text
    assert (out / "digest.html").read_bytes() == digest_before  # the digest is as it was

    inbox = Inbox()
    with smtp_server(inbox) as port:
        for _ in range(2):  # the next run sends it; the one after has nothing to send
            code, _, err = cli("run", inputs, "-o", out, "--model", tiny_model,
                               "--config", config(tmp_path, port), "--quiet")
            assert code == 0, err
    assert [m.message["Subject"] for m in inbox.messages] == [FIRST_SUBJECT]
    assert read_json(out / "run.json")["delivery"]["email"]["status"] == "nothing to send"


def test_a_missing_password_stops_the_run_before_any_work(first_night: Path, inputs: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          cli, monkeypatch) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    settings = config(tmp_path, 25, security="starttls", user="digest", password_env=PASSWORD_ENV)
    code, _, err = cli("run", inputs, "-o", tmp_path / "new", "--config", settings, "--quiet")
    assert code == 2 and PASSWORD_ENV in err and not (tmp_path / "new").exists()


def test_dry_run_writes_the_message_and_changes_nothing(first_night: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    out = copy_of(first_night, tmp_path)
    before = (out / "archive" / "ledger.json").read_bytes()
    code, printed, err = cli("deliver", out, "--config", config(tmp_path, free_port()), "--dry-run")
    assert code == 0, err
    written = out / "archive" / "2026-12-01" / "digest.eml"
    assert printed.split() == [str(written)]
    message = email.message_from_bytes(written.read_bytes(), policy=policy.default)
    assert message["Subject"] == FIRST_SUBJECT
    parts(message)  # type: ignore[arg-type]
    assert (out / "archive" / "ledger.json").read_bytes() == before


@pytest.fixture(scope="module")
def two_nights(first_night: Path, inputs: Path, tiny_model: Path, tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[Path, Path, list[Received]]:
    """The first night e-mailed, then a second night with a report that continues the seeds' story and an
    unrelated one, its settings saying where the output folder is served: (inputs of the second night,
    output folder, the messages the server took)."""
    root = tmp_path_factory.mktemp("second")
    out = Path(shutil.copytree(first_night, root / "out"))
    scraped = Path(shutil.copytree(inputs, root / "scraped"))
    seed = next(iter(sorted(SEEDS.glob("*.txt")))).read_text(encoding="utf-8")
    (scraped / "901_followup.txt").write_text(
        seed + "\nDas Außenministerium in Washington kündigte am Mittwoch weitere Gespräche mit Seoul an.\n",
        encoding="utf-8")
    shutil.copy(DATA / "articles" / "111_weather_unwetter.txt", scraped)
    inbox = Inbox()
    with smtp_server(inbox) as port:
        settings = config(root, port, base_url=SERVED)
        assert summarize_main(["deliver", str(out), "--config", str(settings), "-q"]) == 0
        report = library_run(scraped, out, tiny_model, settings, NIGHT_TWO)
    assert not report.failed and not report.delivery_failed and report.delivery["night"] == "2026-12-02"
    return scraped, out, inbox.messages


def test_the_second_night_holds_only_the_new_articles_and_marks_the_continuing_story(two_nights) -> None:  # type: ignore[no-untyped-def]
    _, out, messages = two_nights
    assert [m.message["Subject"] for m in messages] == [FIRST_SUBJECT, SECOND_SUBJECT]
    text, page = parts(messages[1].message)
    data = read_json(out / "digest.json")
    jsonschema.validate(data, DIGEST_SCHEMA)
    assert data == read_json(out / "archive" / "2026-12-02" / "digest.json")
    assert sorted(a["id"] for a in data["articles"]) == ["111_weather_unwetter", "901_followup"]
    assert {a["status"] for a in data["articles"]} == {"new"}
    continuing = [story for story in data["stories"] if "continuing" in story]
    assert [story["article_ids"] for story in continuing] == [["901_followup"]]
    assert continuing[0]["continuing"] == {"since": "2026-12-01", "earlier_reports": 5,
                                           "nights": ["2026-12-01"]}
    for shown in (text, page):
        assert "Continuing since 1 December, 5 earlier reports" in shown
        assert "901_followup.txt" in shown and "111_weather_unwetter.txt" in shown
        assert not any(f"{article_id}.txt" in shown for article_id in FIRST_IDS)
    # The pages link the earlier night, each from where it stands.
    assert 'href="archive/2026-12-01/digest.html"' in (out / "digest.html").read_text(encoding="utf-8")
    night_page = (out / "archive" / "2026-12-02" / "digest.html").read_text(encoding="utf-8")
    assert 'href="../2026-12-01/digest.html"' in night_page
    assert "(<archive/2026-12-01/digest.md>)" in (out / "digest.md").read_text(encoding="utf-8")
    # Where the output folder is served: the e-mail links the night the story began, and its full digest.
    assert f'href="{SERVED}archive/2026-12-01/digest.html"' in page
    assert f'href="{SERVED}archive/2026-12-02/digest.html"' in page
    assert f"(<{SERVED}archive/2026-12-01/digest.md>)" in text
    _, first_page = parts(messages[0].message)  # made before base_url was set: links no night
    assert "archive/" not in first_page


def test_a_rerun_that_changes_nothing_delivers_nothing_and_a_changed_article_goes_out_again(  # type: ignore[no-untyped-def]
        two_nights, tiny_model: Path, tmp_path: Path) -> None:
    scraped, second, _ = two_nights
    out = copy_of(second, tmp_path)
    feed_before = (out / "feed.xml").read_text(encoding="utf-8")
    digest_before = (out / "digest.html").read_bytes()
    inbox = Inbox()
    with smtp_server(inbox) as port:
        settings = config(tmp_path, port, base_url=SERVED)
        again = library_run(scraped, out, tiny_model, settings, NIGHT_TWO + timedelta(hours=1))
        assert again.delivery == {"night": None, "new": 0, "updated": 0,
                                  "email": {"status": "nothing to send", "server": f"127.0.0.1:{port}",
                                            "sent": [], "pending": []}}
        assert inbox.messages == [] and (out / "digest.html").read_bytes() == digest_before
        archived = sorted(p.name for p in (out / "archive").iterdir())
        assert archived == ["2026-12-01", "2026-12-02", "ledger.json"]
        assert (out / "feed.xml").read_text(encoding="utf-8") == feed_before  # ids and all: the same feed

        changed = tmp_path / "scraped"
        shutil.copytree(scraped, changed)
        weather = changed / "111_weather_unwetter.txt"
        weather.write_text(weather.read_text(encoding="utf-8") + "\nDie Polizei sperrte zwei Straßen.\n",
                           encoding="utf-8")
        later = library_run(changed, out, tiny_model, settings, NIGHT_TWO + timedelta(hours=2))
    assert later.delivery["night"] == "2026-12-02-2" and later.delivery["updated"] == 1
    data = read_json(out / "digest.json")
    assert [(a["id"], a["status"]) for a in data["articles"]] == [("111_weather_unwetter", "updated")]
    text, _ = parts(inbox.messages[0].message)
    assert "updated since it was sent on 2 December" in text and "2 December 2026: 1 story, 1 report" in \
        inbox.messages[0].message["Subject"]
    assert 'href="archive/2026-12-02-2/digest.html"' in (out / "index.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------------
# The feed


def test_the_feed_is_atom_with_its_required_elements_and_parses(two_nights) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = two_nights
    root = ET.parse(out / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        for name in ("id", "title", "updated", "content", "summary"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        assert entry.find(f"{ATOM}content").get("type") == "html"  # type: ignore[union-attr]
        datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))  # type: ignore[arg-type]
    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [e.title for e in parsed.entries] == [SECOND_SUBJECT, FIRST_SUBJECT]
    assert parsed.feed.id.startswith("urn:uuid:") and len({e.id for e in parsed.entries}) == 2
    assert "Continuing since 1 December" in parsed.entries[0].content[0].value
    assert [e.link for e in parsed.entries] == [f"{SERVED}archive/{night}/digest.html"
                                                for night in ("2026-12-02", "2026-12-01")]
    assert {(link.rel, link.href) for link in parsed.feed.links} == {("alternate", f"{SERVED}index.html"),
                                                                      ("self", f"{SERVED}feed.xml")}
    first = ledger.load(out)
    # An entry's id is derived from the feed's and the night: the same on every run, for every night.
    assert feed.atom_of(first.feed_id, first.nights[:1], {}).count(parsed.entries[1].id) == 1


def test_the_feed_keeps_the_last_30_nights_and_characters_xml_forbids_cannot_break_it() -> None:
    nights = tuple(ledger.Night(f"2026-11-{n:02}", f"2026-11-{n:02}T02:30:00+01:00", 1, 1,
                                (f"Story \x0b{n} <b>&",)) for n in range(1, 31)) + (
        ledger.Night("2026-12-01", "2026-12-01T02:30:00+01:00", 1, 1, ("\ud800 lone",)),)
    text = feed.atom_of(ledger.new_ledger().feed_id, nights, {"2026-12-01": "<p>Hi & \x01</p>"})
    parsed = feedparser.parse(text.encode("utf-8"))
    assert not parsed.bozo and len(parsed.entries) == 30
    assert parsed.entries[0].summary.endswith("\ufffd lone") and parsed.entries[-1].title.startswith(
        "News digest, 2 November 2026")


# --------------------------------------------------------------------------------------------------
# The archive in a real browser


def test_the_archive_index_and_night_pages_in_a_real_browser(two_nights) -> None:  # type: ignore[no-untyped-def]
    chromium = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    _, out, _ = two_nights
    index = (out / "index.html").resolve().as_uri()
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else route.abort())
            page.goto(index)
            nights = page.locator("article.night h2 a")
            assert nights.all_text_contents() == ["2 December 2026, 02:30 UTC+0100",
                                                  "1 December 2026, 02:30 UTC+0100"]
            assert "3 stories, 7 reports" in page.locator("article.night").nth(1).text_content()  # type: ignore[operator]
            nights.first.click()
            page.wait_for_load_state("load")
            assert page.url.endswith("/archive/2026-12-02/digest.html")
            assert page.locator("article").count() == 2
            page.locator(".continuing a").first.click()  # to the night the story began
            page.wait_for_load_state("load")
            assert page.url.endswith("/archive/2026-12-01/digest.html")
            assert page.locator("article").count() == len(FIRST_IDS)
            for url in (index, page.url):
                page.goto(url)
                foreign = "script, img, iframe, object, embed"
                assert page.evaluate(f"document.querySelectorAll('{foreign}').length") == 0
                assert page.evaluate("document.getElementById('pwned')") is None
        finally:
            browser.close()
    assert dialogs == []


# --------------------------------------------------------------------------------------------------
# Settings and the ledger's small rules


BAD_EMAIL = [
    ('host = ""', "needs 'host'"),
    ('port = 70000', "'deliver.email.port' is 70000; must be at most 65535"),
    ('security = "tls"', "allowed: starttls, ssl, none"),
    ('to = "ana@example.org"', "'deliver.email.to' must be a list of non-empty strings"),
    ('to = []', "'to' is missing"),
    ('to = ["ana"]', "'to' 'ana' is not an e-mail address"),
    ('from = "digest"', "'from' 'digest' is not an e-mail address"),
    ('timeout = nan', "'deliver.email.timeout' is nan; must be a finite number"),
    ('retry_seconds = inf', "must be a finite number"),
    ('attempts = 0', "must be at least 1"),
    ('user = "digest"', "'user' and 'password_env' go together"),
    ('user = "digest"\npassword_env = "P"\nsecurity = "none"', "never sent unencrypted"),
    ('password = "x"', "unknown key 'deliver.email.password'"),
    ('user = "digest"\npassword_env = "hunter2!"', "never the password itself"),
    ('password_env = 12345', "'deliver.email.password_env' must be a string, got a value that is not"),
]


@pytest.mark.parametrize("line, message", BAD_EMAIL)
def test_bad_email_settings_name_the_file_and_key(tmp_path: Path, line: str, message: str) -> None:
    good = {"host": '"mail.example.org"', "from": '"digest@example.org"', "to": '["ana@example.org"]'}
    key = line.split(" =")[0]
    lines = [f"{k} = {v}" for k, v in good.items() if k != key] + [line]
    path = tmp_path / "models.toml"
    path.write_text("[deliver.email]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert str(path) in str(error.value) and message in str(error.value)
    assert "hunter2" not in str(error.value) and "12345" not in str(error.value)


@pytest.mark.parametrize("text, message", [
    ('[deliver]\nslack = {}\n', "allowed in [deliver]: base_url, [deliver.email]"),
    ('deliver = 3\n', "'deliver' must be a table"),
    *((f"[deliver]\nbase_url = {value}\n", "'deliver.base_url' must be the http(s) address")
      for value in ('"news.example.org/digest/"', '"ftp://news.example.org/"', '"https://"', '5',
                    '"https://news.example.org/?night=1"', '"https://news.example.org/a b/"',
                    '"https://news.example.org/\\n"')),
])
def test_bad_deliver_tables(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "models.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(path)


def test_base_url_is_taken_as_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "models.toml"
    path.write_text('[deliver]\nbase_url = "https://news.example.org/digest"\n', encoding="utf-8")
    assert load_settings(path).deliver == DeliverSettings(base_url="https://news.example.org/digest/")


def test_the_shipped_example_is_valid_once_uncommented() -> None:
    lines = (ROOT / "models.toml").read_text(encoding="utf-8").split("\n")
    start = lines.index("# [deliver]")
    example = "\n".join(line.removeprefix("# ") for line in lines[start:] if re.match(r"# (\[|\w+ = )", line))
    loaded = settings_from_dict(tomllib.loads(example), "example")
    assert loaded.deliver.email is not None and loaded.deliver.email.password_env == "SUMMARIZE_SMTP_PASSWORD"
    assert loaded.deliver.base_url == "https://news.example.org/digest/"


def test_a_night_sent_again_is_the_same_message_to_mail_programs() -> None:
    email = EmailSettings(host="mail.example.org", from_="Digest <digest@example.org>",
                          to=("ana@example.org",))
    feed_id = ledger.new_ledger().feed_id
    first, second = (ledger.Night(f"2026-12-0{n}", f"2026-12-0{n}T02:30:00+01:00", 1, 1) for n in (1, 2))
    ids = [mail.build_message(night, "<p>x</p>", "x", email, datetime(2026, 12, 2, hour, tzinfo=CET),
                              feed_id)["Message-ID"] for night, hour in ((first, 3), (first, 7), (second, 3))]
    assert ids[0] == ids[1] != ids[2]
    assert re.fullmatch(r"<digest-2026-12-01\.[0-9a-f-]{36}@example\.org>", ids[0])
    assert mail.build_message(first, "", "", email, datetime(2026, 12, 2, tzinfo=CET),
                              ledger.new_ledger().feed_id)["Message-ID"] != ids[0]  # another output folder


def test_two_runs_on_one_day_keep_both_in_order() -> None:
    kept = ledger.new_ledger()
    for n in range(3):
        night = ledger.Night(ledger.folder_for(kept, date(2026, 12, 1)), f"2026-12-01T0{n}:00:00+01:00", 1, 1)
        kept = ledger.with_night(kept, night, {}, email=False)
    assert [night.folder for night in kept.nights] == ["2026-12-01", "2026-12-01-2", "2026-12-01-3"]
