"""Command line: parses arguments, builds settings, calls the library; the only place that prints or exits."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
from pathlib import Path
from typing import Sequence

from .errors import ConfigError, DeliveryFailed, InputError, SummarizeError, Terminated
from .settings import CHOICES, Settings, load_settings
from .version import __version__

log = logging.getLogger("summarize")

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_NOT_DELIVERED = 3  # the digest is written, but the mail server did not take it: it goes out next time
DEFAULT_CONFIG = Path("models.toml")

RUN_EXAMPLES = """examples:
  summarize run                                   # the sample articles in seeds/ -> out/
  summarize run scraped/2024-06-18/ -o digest/    # a night's folder
  summarize run a.txt b.txt --device cpu --quiet
  summarize run /data/scraped -r -o /data/digest --log-file /var/log/summarize.log   # nightly
  summarize run seeds/ --model ./models/opus-mt-de-en   # a local copy, no network
"""
CLEAN_EXAMPLES = """examples:
  summarize clean seeds/000_186858dc41ba0cad.txt        # kept (+) and removed (-) lines with reasons
  summarize clean seeds/*.txt --format json             # one JSON object per file, one per line
"""
DELIVER_EXAMPLES = """examples:
  summarize deliver out/                          # e-mail the nights still pending ([deliver.email])
  summarize deliver out/ --dry-run                # write each message to out/archive/NIGHT/digest.eml
exit status: 0 sent (or nothing pending), 2 configuration error, 3 the server did not take it (still pending)
"""
FETCH_EXAMPLES = """examples:
  summarize models fetch                          # the model in models.toml, into the Hugging Face cache
  summarize models fetch --model Helsinki-NLP/opus-mt-de-en
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize",
        description="Turn scraped German news articles into English summaries and a digest.",
        epilog="examples:\n  summarize run seeds/ -o out/\n  summarize deliver out/\n"
               "  summarize clean seeds/*.txt\n  summarize models fetch\n"
               "Run 'summarize COMMAND --help' for each command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"summarize {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_run_command(commands)
    _add_deliver_command(commands)
    _add_clean_command(commands)
    _add_check_command(commands)
    _add_models_command(commands)
    return parser


def _add_run_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser(
        "run", help="clean, translate and summarize articles; write JSON and the digest",
        description="Clean, translate and summarize German articles; write out/<id>.json and "
                    "out/digest.json.",
        epilog=RUN_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("inputs", nargs="*", metavar="INPUT", type=Path,
                     help="article files and folders (their *.txt files); default: seeds/")
    run.add_argument("-o", "--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    _add_model_options(run)
    run.add_argument("--device", choices=CHOICES["translation", "device"],
                     help="where to translate (default: models.toml)")
    run.add_argument("--backend", choices=CHOICES["translation", "backend"],
                     help="translation backend (default: models.toml)")
    nightly = run.add_argument_group("nightly runs")
    nightly.add_argument("-r", "--recursive", action="store_true",
                         help="also read *.txt in subfolders of INPUT")
    nightly.add_argument("--force", action="store_true",
                         help="redo every article, even those unchanged since the last run")
    nightly.add_argument("--log-file", type=Path, help="also write messages, time-stamped, to this file")
    nightly.add_argument("--no-deliver", action="store_true",
                         help="archive the night but leave its e-mail pending (for summarize deliver)")
    engine = run.add_argument_group("engine")
    engine.add_argument("--engine", choices=CHOICES["run", "engine"],
                        help='where the stages run: this process, or a Ray cluster '
                             '(pip install "summarize[ray]")')
    engine.add_argument("--ray-address", help="the Ray cluster to use (default: start a local Ray)")
    cache = run.add_argument_group("sentence cache")
    cache.add_argument("--no-cache", action="store_true", help="translate every sentence, even if cached")
    cache.add_argument("--cache-dir", help="where the sentence cache lives (default: OUT/.cache)")
    _add_verbosity(run)


def _add_deliver_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    deliver = commands.add_parser(
        "deliver", help="e-mail the nights still pending ([deliver.email] in models.toml)",
        description="E-mail each night of OUT's archive that has not gone out yet (the server was down, or "
                    "the run had --no-deliver), oldest first.",
        epilog=DELIVER_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    deliver.add_argument("out", metavar="OUT", type=Path, help="the output folder of summarize run")
    _add_config_option(deliver)
    deliver.add_argument("--dry-run", action="store_true",
                         help="write each message to OUT/archive/NIGHT/digest.eml instead of sending it")
    _add_verbosity(deliver)


def _add_clean_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    clean = commands.add_parser(
        "clean", help="show what the cleaner keeps and removes, and why",
        description="Show which lines of each file are article content, and why the others are removed.",
        epilog=CLEAN_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    clean.add_argument("files", nargs="+", metavar="FILE", type=Path, help="article text files")
    clean.add_argument("--format", choices=("text", "json"), default="text",
                       help="text: the lines marked + kept / - removed; json: one object per file")
    _add_verbosity(clean)


def _add_check_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check", help="check translations for number, untranslated, loop, length and acronym errors",
        description="Check German-English sentence pairs (one per line, tab-separated: German<TAB>English; "
                    "a header line 'de<TAB>en' is allowed) the way summarize checks its own translations.",
        epilog="examples:\n  summarize check pairs.tsv\n"
               "  summarize check pairs.tsv --format json > flags.jsonl\n"
               "exit status: 0 nothing flagged, 1 some lines flagged or malformed, 2 the file cannot be read",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("pairs", metavar="PAIRS.tsv", type=Path, help="tab-separated German and English")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="text: a line per pair; json: one object per line with line and flags")
    _add_verbosity(check)


def _add_models_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    models = commands.add_parser(
        "models", help="manage translation models (download for offline use)",
        description="Manage translation models.",
        epilog="examples:\n  summarize models fetch        # download the model, for runs without network\n"
               "  summarize models convert      # convert it for CTranslate2 ahead of the first run\n"
               "Run 'summarize models ACTION --help' for each action's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    model_commands = models.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    fetch = model_commands.add_parser(
        "fetch", help="download the configured model into the Hugging Face cache",
        description="Download the configured translation model while online, so later runs need no network.",
        epilog=FETCH_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_model_options(fetch)
    _add_verbosity(fetch)
    convert = model_commands.add_parser(
        "convert", help="convert the configured model for CTranslate2 ahead of the first run",
        description="Convert the configured model with CTranslate2's converter and cache it (done on first "
                    "use otherwise).",
        epilog="examples:\n  summarize models convert\n"
               "  summarize models convert --model ./models/opus-mt-de-en\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_model_options(convert)
    _add_verbosity(convert)


def _add_model_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("model")
    _add_config_option(group)
    group.add_argument("--model", metavar="ID_OR_DIR", help="Hugging Face model id or local model directory")


def _add_config_option(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    parser.add_argument("--config", type=Path,
                        help="settings file (default: ./models.toml if present, else built-in defaults)")


def _add_verbosity(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("output")
    group.add_argument("-q", "--quiet", action="store_true", help="no progress bars, errors only")
    group.add_argument("-v", "--verbose", action="store_true", help="more detail on stderr")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0)
    try:
        _configure_logging(args.quiet, args.verbose, getattr(args, "log_file", None))
    except OSError as exc:
        print(f"error: {args.log_file}: cannot write the log file ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "deliver":
            return _deliver(args)
        if args.command == "clean":
            return _clean(args)
        if args.command == "check":
            return _check(args)
        return _fetch(args)
    except DeliveryFailed as exc:
        log.error("error: %s; the night stays pending", exc)
        return EXIT_NOT_DELIVERED
    except SummarizeError as exc:  # configuration, model, or another run holding the output folder
        log.error("error: %s", exc)
        return EXIT_USAGE
    except KeyboardInterrupt as stop:
        how = str(stop) if isinstance(stop, Terminated) else "interrupted"
        log.error("%s: every file written so far is complete; run the same command again to finish", how)
        return 128 + stop.signum if isinstance(stop, Terminated) else EXIT_INTERRUPTED


def _configure_logging(quiet: bool, verbose: bool, log_file: Path | None) -> None:
    """Messages on stderr (errors only with --quiet); with --log-file also, time-stamped, in that file."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.setLevel(logging.ERROR if quiet else logging.DEBUG if verbose else logging.INFO)
    root = logging.getLogger("summarize")
    root.handlers[:] = [handler]
    if log_file:
        to_file = logging.FileHandler(log_file, encoding="utf-8")
        to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        to_file.setLevel(logging.DEBUG if verbose else logging.INFO)
        root.addHandler(to_file)
    root.setLevel(logging.DEBUG)
    root.propagate = False


def _settings(args: argparse.Namespace) -> Settings:
    config = args.config or (DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None)
    settings = load_settings(config)
    if args.command == "deliver":
        return settings
    settings = settings.with_overrides(
        "translation", model=args.model, device=getattr(args, "device", None),
        backend=getattr(args, "backend", None)
    )
    if getattr(args, "no_cache", False):
        settings = settings.with_overrides("run", cache=False)
    return settings.with_overrides("run", cache_dir=getattr(args, "cache_dir", None),
                                   engine=getattr(args, "engine", None),
                                   ray_address=getattr(args, "ray_address", None))


def _stop_after_batch(signum: int, frame: object) -> None:
    """First Ctrl-C: finish the batch in progress, keep its translations, stop. Second: stop at once."""
    from .translation.batching import STOP

    log.warning("stopping after the current batch (Ctrl-C again to stop at once)")
    STOP.set()
    signal.signal(signal.SIGINT, signal.default_int_handler)


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM, SIGHUP: stop now (a batch being translated finishes first, as Python handles signals
    between its steps); what is written stays, the lock is released on the way out."""
    raise Terminated(signum)


# What cron, systemd and a closing terminal send.
TERMINATING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def _run(args: argparse.Namespace) -> int:
    from .pipeline import DEFAULT_INPUTS, run

    settings = _settings(args)
    log.debug("settings from %s", settings.source)
    progress = not args.quiet and sys.stderr.isatty()
    from .translation.batching import STOP

    STOP.clear()
    previous = {signal.SIGINT: signal.signal(signal.SIGINT, _stop_after_batch)}
    previous.update({signum: signal.signal(signum, _terminate) for signum in TERMINATING_SIGNALS})
    try:
        report = run(args.inputs or DEFAULT_INPUTS, args.out, settings, progress=progress, force=args.force,
                     recursive=args.recursive, deliver=not args.no_deliver)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    counts = {status: 0 for status in ("done", "done with warnings", "skipped", "failed")}
    for status, _ in report.statuses.values():
        counts[status] += 1
    log.info("%s/: %s; report in %s", args.out, ", ".join(f"{n} {status}" for status, n in counts.items()),
             args.out / "run.json")
    if report.sentences:
        log.info("%s sentences, %s distinct; %s from the sentence cache; %.1f s translating",
                 report.sentences, report.distinct_sentences, report.cache_hits, report.translate_seconds)
    if report.delivery_failed:
        return EXIT_NOT_DELIVERED
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def _deliver(args: argparse.Namespace) -> int:
    from .delivery import deliver_pending
    from .writing import OutputLock

    settings = _settings(args)
    if settings.deliver.email is None:
        raise ConfigError(f"{settings.source}: no [deliver.email] table, so nowhere to deliver to (see the "
                          "README, 'Delivering the digest')")
    if not (args.out / "archive").is_dir():
        raise ConfigError(f"{args.out}: no archive of nights here; give the output folder of summarize run")
    with OutputLock(args.out):
        outcome = deliver_pending(args.out, settings.deliver.email, dry_run=args.dry_run)
    for path in outcome.written:
        print(path)
    if outcome.failure:
        raise DeliveryFailed(outcome.failure)
    log.info("%s: %s", args.out, f"sent {', '.join(outcome.sent)}" if outcome.sent else
             "nothing pending" if not outcome.written else f"{len(outcome.written)} message(s) written")
    return EXIT_OK


def _clean(args: argparse.Namespace) -> int:
    from .preparing import clean_record, prepare
    from .reading import read_inputs

    failed = 0
    for path in args.files:
        for item in read_inputs(path, path.stem, max_bytes=2**63):  # every record of a JSON Lines file
            try:
                if isinstance(item, InputError):
                    raise item
                article = prepare(item)
            except InputError as exc:
                log.error("%s", exc)
                failed += 1
                continue
            print(json.dumps(clean_record(article), ensure_ascii=False) if args.format == "json"
                  else _clean_text(article))
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _clean_text(article) -> str:  # type: ignore[no-untyped-def]
    from .reading import text_for_cleaning

    cleaned = article.cleaned
    reasons = {r.line: r.reason for r in cleaned.removed}
    kept = set(cleaned.kept_lines)
    title = cleaned.title or f"{article.title_de}  (derived from the first sentence)"
    lines = [f"== {article.path}", f"title: {title}"]
    for number, text in enumerate(text_for_cleaning(article).split("\n"), start=1):
        if number in kept:
            lines.append(f"+ {number:3} {text.strip()}")
        elif number in reasons:
            lines.append(f"- {number:3} {text.strip()}    [{reasons[number]}]")
    return "\n".join(lines)


def _check(args: argparse.Namespace) -> int:
    from .checks import check, read_pairs

    try:
        text = args.pairs.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        log.error("error: %s: cannot read (%s)", args.pairs, exc)
        return EXIT_USAGE
    problems = 0
    for pair in read_pairs(text):
        if isinstance(pair, InputError):
            log.error("%s:%s: %s", args.pairs, pair.line, pair)
            problems += 1
            continue
        number, german, english = pair
        flags = check(german, english)
        problems += bool(flags)
        if args.format == "json":
            print(json.dumps({"line": number, "flags": [{"kind": f.kind, "reason": f.reason} for f in flags]},
                             ensure_ascii=False))
        else:
            found = "; ".join(f"{f.kind}: {f.reason}" for f in flags) or "ok"
            print(f"line {number}: {found}")
    return EXIT_SOME_FAILED if problems else EXIT_OK


def _fetch(args: argparse.Namespace) -> int:
    from .translation import fetch_model

    settings = _settings(args)
    if args.models_command == "convert":
        settings = settings.with_overrides("translation", backend="ctranslate2")
    where = fetch_model(settings.translation)
    log.info("%s (revision %s) is ready at %s", settings.translation.model, settings.translation.revision,
             where)
    return EXIT_OK
