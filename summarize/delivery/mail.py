"""The night's digest by e-mail: one multipart/alternative message, the Markdown as its text and the
digest as HTML with inline styles, sent over SMTP (STARTTLS, SSL or plain) and retried with back-off."""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
import time
import uuid
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from ..digest import counted, mail_document
from ..errors import ConfigError, DeliveryFailed
from ..settings import DEFAULT_PORTS, EmailSettings
from .ledger import Night

log = logging.getLogger(__name__)


def server_of(email: EmailSettings) -> str:
    """'mail.example.org:587': how messages name the server."""
    return f"{email.host}:{email.port or DEFAULT_PORTS[email.security]}"


def password_of(email: EmailSettings) -> str | None:
    """The login's password, from the environment variable that deliver.email.password_env names (None
    without a login); asked before a run starts, so that a missing one, or a missing ca_file, stops it
    before any work."""
    if email.ca_file and not os.path.isfile(email.ca_file):
        raise ConfigError(f"[deliver.email]: ca_file {email.ca_file}: no such file")
    if not email.user:
        return None
    password = os.environ.get(email.password_env)
    if not password:
        raise ConfigError(f"[deliver.email]: the environment variable {email.password_env} (password_env) "
                          f"holds no password for {email.user} at {server_of(email)}; set it, or run with "
                          "--no-deliver")
    return password


def build_message(night: Night, fragment: str, text: str, email: EmailSettings, now: datetime,
                  feed_id: str) -> EmailMessage:
    """The night's message: subject like 'News digest, 1 December 2026: 12 stories, 31 reports', the text
    part and, as its alternative, the HTML document around the digest's fragment. Its Message-ID is the
    night's own (from the output folder's feed id and the night), the same however often it is sent: a
    night sent again because a run stopped between the server's acceptance and the ledger's save, or a
    retry after an answer lost on the way, is one message to mail programs that drop duplicates."""
    message = EmailMessage()
    message["Subject"] = night.title
    message["From"] = email.from_
    message["To"] = ", ".join(email.to)
    message["Date"] = format_datetime(now)
    domain = parseaddr(email.from_)[1].rpartition("@")[2]
    night_id = uuid.uuid5(uuid.UUID(feed_id.removeprefix("urn:uuid:")), f"{night.folder}#mail")
    message["Message-ID"] = f"<digest-{night.folder}.{night_id}@{domain or 'localhost'}>"
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(mail_document(fragment, night.title), subtype="html", charset="utf-8")
    return message


def send(message: EmailMessage, email: EmailSettings, password: str | None) -> None:
    """Hand the message to the server, trying up to deliver.email.attempts times, waiting retry_seconds and
    then twice as long each time; DeliveryFailed names the server and the last reason (never the password)."""
    reason = ""
    for attempt in range(1, email.attempts + 1):
        try:
            _send_once(message, email, password)
            return
        except (OSError, smtplib.SMTPException) as exc:
            reason = describe(exc, email)
            log.warning("%s: attempt %s of %s to send the digest failed: %s", server_of(email), attempt,
                        email.attempts, reason)
        if attempt < email.attempts:
            time.sleep(email.retry_seconds * 2 ** (attempt - 1))
    raise DeliveryFailed(f"the mail server {server_of(email)} did not take the digest "
                         f"({counted(email.attempts, 'attempt')}): {reason}")


def _send_once(message: EmailMessage, email: EmailSettings, password: str | None) -> None:
    context = ssl.create_default_context(cafile=email.ca_file or None)
    port = email.port or DEFAULT_PORTS[email.security]
    client = (smtplib.SMTP_SSL(email.host, port, timeout=email.timeout, context=context)
              if email.security == "ssl" else smtplib.SMTP(email.host, port, timeout=email.timeout))
    with client:
        if email.security == "starttls":
            client.starttls(context=context)
        if email.user and password is not None:
            client.login(email.user, password)
        refused = client.send_message(message)
    for address, (code, text) in refused.items():  # the others have it: the message is delivered
        log.warning("%s: refused %s: %s %s", server_of(email), address, code, text.decode("utf-8", "replace"))


def describe(exc: BaseException, email: EmailSettings) -> str:
    """Why sending failed, in words: what the server answered, or what happened to the connection."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"login as {email.user} refused ({_answer(exc)})"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "every recipient refused (" + "; ".join(
            f"{address}: {code} {text.decode('utf-8', 'replace')}" for address, (code, text)
            in exc.recipients.items()) + ")"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"the server answered {_answer(exc)}"
    if isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError):  # smtplib wraps a read's
        return f"no answer within {email.timeout:g} s"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server running, and is the port right?)"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the server's certificate is not trusted ({exc.verify_message}; see ca_file)"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"the server closed the connection ({exc or 'no reason given'})"
    return f"{type(exc).__name__}: {getattr(exc, 'strerror', None) or exc}"


def _answer(exc: smtplib.SMTPResponseException) -> str:
    error = exc.smtp_error
    return f"{exc.smtp_code} {error.decode('utf-8', 'replace') if isinstance(error, bytes) else error}"
