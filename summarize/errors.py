"""Errors the library raises; cli.py maps them to messages and exit codes."""

import signal


class SummarizeError(Exception):
    """Base class: a problem the user can act on, with a message that says how."""


class ConfigError(SummarizeError):
    """models.toml (or a command-line setting) is invalid."""


class ModelUnavailable(SummarizeError):
    """The translation model cannot be loaded (no network, wrong id, bad local path)."""


class OutputLocked(SummarizeError):
    """Another run is writing to the same output folder."""


class DeliveryFailed(SummarizeError):
    """The digest is written, but the mail server did not take it (down, refused the login, timed out) after
    the retries; it stays pending and goes out with the next run or `summarize deliver`."""


class InputError(SummarizeError):
    """One input file (or one line of a JSON Lines file: `line`) cannot be processed; costs that article
    only."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class Interrupted(KeyboardInterrupt):
    """Ctrl-C asked a run to stop; `done` holds the (translation, score) pairs finished before it
    stopped, by index."""

    def __init__(self, done: dict[int, tuple[str, float]]) -> None:
        super().__init__("stopped after the current batch")
        self.done = done


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP (cron, systemd, a closed terminal) stopped a run: like Ctrl-C, what is written is
    complete and the lock is released on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by {signal_name(signum)}")
        self.signum = signum


def signal_name(signum: int) -> str:
    return signal.Signals(signum).name
