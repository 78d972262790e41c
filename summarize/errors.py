"""Errors the library raises; cli.py maps them to messages and exit codes."""


class SummarizeError(Exception):
    """Base class: a problem the user can act on, with a message that says how."""


class ConfigError(SummarizeError):
    """models.toml (or a command-line setting) is invalid."""


class ModelUnavailable(SummarizeError):
    """The translation model cannot be loaded (no network, wrong id, bad local path)."""


class InputError(SummarizeError):
    """One input file cannot be processed; costs that article only."""
